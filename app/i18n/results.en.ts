import type { resultsVi } from "./results.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The competition as the organising committee runs it (issue 17): the rubric, the minutes, the ranking on a phone (English). */
export const resultsEn: Widen<typeof resultsVi> = {
  criterionNotCounted: "Does not count in the total (a criterion for reference, e.g. a bonus)",
  countsInTotal: "Counts in the total",
  notCountedBadge: "Not counted",
  weightsCountedOnly: "The total weight covers only the criteria that count in the total.",
};
