/** The to-dos on the home page of staff and leaders, and the filters their links open (Vietnamese). */
export const todosVi = {
  title: "Việc cần làm",
  empty:
    "Hiện không có việc nào cần làm. Khi có hồ sơ chờ thẩm định, phiếu chấm chưa nộp hay danh sách giải chờ duyệt, việc đó sẽ hiện ở đây.",
  toScreen: "Hồ sơ dự thi chờ thẩm định",
  toScreenLine: "{{edition}}: {{number}} hồ sơ",
  clarifications: "Hồ sơ chờ thí sinh giải trình, bổ sung",
  clarificationsLine: "{{edition}}: {{number}} hồ sơ",
  overdueLine: "{{number}} hồ sơ đã quá hạn trả lời",
  sheets: "Phiếu chấm chưa nộp theo vòng",
  sheetsLine: "{{round}} – {{edition}}: {{number}} phiếu",
  sheetsDeadline: "hạn chấm {{date}}",
  prizes: "Danh sách giải chờ lãnh đạo",
  prizeStates: {
    proposed: "{{edition}}: chờ phê duyệt",
    approved: "{{edition}}: đã duyệt, chờ công bố",
  },
  sme: "Hồ sơ hỗ trợ DNNVV",
  smeStates: {
    submitted: "{{number}} hồ sơ đã nộp, chờ tiếp nhận",
    proposed: "{{number}} hồ sơ đã đề xuất, chờ quyết định",
  },
  dueFilter: "Hạn giải trình",
  dueAll: "Mọi hạn",
  dueOverdue: "Quá hạn trả lời",
  outstandingOnly: "Chỉ hiện hồ sơ còn phiếu chấm chưa nộp.",
  showAll: "Xem tất cả hồ sơ của vòng",
} as const;
