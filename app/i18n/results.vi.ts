/** The competition as the organising committee runs it (issue 17): the rubric, the minutes, the ranking on a phone (Vietnamese). */
export const resultsVi = {
  criterionNotCounted: "Không tính vào tổng điểm (tiêu chí tham khảo, ví dụ điểm thưởng)",
  countsInTotal: "Tính vào tổng",
  notCountedBadge: "Không tính điểm",
  weightsCountedOnly: "Tổng trọng số chỉ gồm các tiêu chí tính vào tổng điểm.",
} as const;
