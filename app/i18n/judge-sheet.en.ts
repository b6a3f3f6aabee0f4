import type { judgeSheetVi } from "./judge-sheet.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const judgeSheetEn: Widen<typeof judgeSheetVi> = {
  total: "Weighted total: {{total}} / 100",
  blank: "Criteria not scored yet: {{list}}.",
  complete: "Every counted criterion is scored.",
  hint: "Out of 100, computed as in the ranking: a blank criterion counts 0, a criterion outside the total is ignored.",
};
