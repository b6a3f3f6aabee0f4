/** Programmes and records a department is audited on: the organisation's story, certificate numbering, exports (Vietnamese). */
export const recordsVi = {
  story: {
    newestOnly: "Hiển thị {{n}} hoạt động gần nhất.",
  },
} as const;
