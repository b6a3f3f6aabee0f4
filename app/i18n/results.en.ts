import type { resultsVi } from "./results.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The competition as the organising committee runs it (issue 17): the rubric, the minutes, the ranking on a phone (English). */
export const resultsEn: Widen<typeof resultsVi> = {
  criterionNotCounted: "Does not count in the total (a criterion for reference, e.g. a bonus)",
  countsInTotal: "Counts in the total",
  notCountedBadge: "Not counted",
  weightsCountedOnly: "The total weight covers only the criteria that count in the total.",
  minutes: {
    outstandingColumn: "Sheets not submitted (by judge)",
    outstandingSheet: "Sheets not submitted",
    state: "Sheet",
    states: { missing: "not scored", draft: "draft, not submitted" },
    allSubmitted: "Every assigned score sheet has been submitted.",
    commentsSheet: "Comments",
    commentOn: "Comment – {{name}}",
    overallComment: "Overall comment",
    noComments: "The submitted sheets carry no comments.",
    placeDate: "Quang Ngai, {{date}}",
    chair: "CHAIR OF THE PANEL",
    secretary: "SECRETARY OF THE PANEL",
    signHint: "(Signature and full name)",
    nameLine: "Full name: ……………………………",
    members: "MEMBERS OF THE PANEL",
    blankName: "……………………………",
    signLine: "Signature: ……………………………",
  },
};
