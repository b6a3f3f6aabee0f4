import type { reassignVi } from "./reassign.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Reassignment by hand on the round page: giving one entry to one judge, taking one judge off one entry. */
export const reassignEn: Widen<typeof reassignVi> = {
  title: "Assignment by hand",
  hint: "Give one entry to one judge, or take one judge off one entry. A reason is required; every change is kept in the audit log. Not to a judge with a conflict of interest or at the round's cap; a submitted sheet is not taken away.",
  entry: "Entry",
  judge: "Judge",
  chooseEntry: "Choose an entry",
  chooseJudge: "Choose a judge",
  assignment: "Assignment to withdraw",
  chooseAssignment: "Choose an assignment",
  draftMark: "draft started",
  reason: "Reason",
  assign: "Give the entry",
  unassign: "Take off the entry",
  assigned: "The entry was given to the judge.",
  unassigned: "The judge was taken off the entry.",
  unassignedDraft: "The judge was taken off the entry; the draft sheet is recorded in the audit log with the reason.",
  moved: "{{count}} new assignments made and {{moved}} unscored assignments moved to balance the loads.",
  maxEntriesPerJudge: "Most entries per judge",
  maxEntriesPerJudgeHint: "Leave blank for no cap. Applies to automatic and manual assignment.",
  problems: {
    notJudging: "Assignment by hand is only possible while the round is being judged.",
    entryNotInRound: "This entry is not in the round.",
    notOnPanel: "This person is not on the round's panel.",
    conflict: "{{judge}} has a conflict of interest with entry {{entry}}: it cannot be given to them.",
    alreadyAssigned: "{{judge}} already has entry {{entry}}.",
    capReached: "{{judge}} already has the round's cap of {{cap}} entries.",
    noSuchAssignment: "This assignment is not in the round.",
    submitted:
      "{{judge}} has submitted the sheet for entry {{entry}}: it cannot be taken away. Reopen the sheet if needed.",
  },
};
