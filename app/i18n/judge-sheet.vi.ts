/** The judge's score sheet: its running weighted total (Vietnamese). */
export const judgeSheetVi = {
  total: "Tổng điểm có trọng số: {{total}} / 100",
  blank: "Tiêu chí chưa chấm: {{list}}.",
  complete: "Đã chấm đủ các tiêu chí tính điểm.",
  hint: "Tổng trên thang 100, cách tính như bảng xếp hạng: tiêu chí để trống tính 0 điểm, tiêu chí không tính vào tổng được bỏ qua.",
};
