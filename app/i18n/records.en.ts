import type { recordsVi } from "./records.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Programmes and records a department is audited on: the organisation's story, certificate numbering, exports (English). */
export const recordsEn: Widen<typeof recordsVi> = {
  story: {
    newestOnly: "Showing the {{n}} most recent activities.",
  },
};
