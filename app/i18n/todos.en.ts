/** The to-dos on the home page of staff and leaders, and the filters their links open (English). */
export const todosEn = {
  title: "To do",
  empty:
    "Nothing to do right now. Entries awaiting screening, score sheets outstanding and prize lists awaiting approval will show here.",
  toScreen: "Entries awaiting screening",
  toScreenLine: "{{edition}}: {{number}} entries",
  clarifications: "Entries awaiting the applicant's clarification",
  clarificationsLine: "{{edition}}: {{number}} entries",
  overdueLine: "{{number}} past the deadline",
  sheets: "Score sheets outstanding per round",
  sheetsLine: "{{round}} – {{edition}}: {{number}} sheets",
  sheetsDeadline: "scoring deadline {{date}}",
  prizes: "Prize lists awaiting leaders",
  prizeStates: {
    proposed: "{{edition}}: awaiting approval",
    approved: "{{edition}}: approved, awaiting publication",
  },
  sme: "SME support dossiers",
  smeStates: {
    submitted: "{{number}} filed, awaiting receipt",
    proposed: "{{number}} proposed, awaiting a decision",
  },
  dueFilter: "Clarification deadline",
  dueAll: "Any deadline",
  dueOverdue: "Past the deadline",
  outstandingOnly: "Only entries with score sheets outstanding are shown.",
  showAll: "Show every entry of the round",
} as const;
