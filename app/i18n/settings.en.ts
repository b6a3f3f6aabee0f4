import type { settingsVi } from "./settings.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Four eyes on the legal settings: proposals and leaders' approvals (English). */
export const settingsEn: Widen<typeof settingsVi> = {
  nav: "Setting approvals",
  title: "Proposed changes to legal settings",
  lead: "The programme's status, the steps' durations, support rates and caps and the holiday calendar follow legal documents: staff propose a change with its source, and it takes effect only when a leader other than the proposer approves it.",
  none: "No proposal awaits approval.",
  pendingTitle: "Proposals awaiting a leader's approval",
  pendingNone: "No proposal is pending.",
  setting: "Setting",
  change: "Change",
  from: "Now",
  to: "Proposed",
  noChange: "No value differs from the current one.",
  proposedBy: "Proposed by",
  proposedAt: "Proposed at",
  sourceDocument: "Legal basis (document)",
  sourceDocumentHint: "Number, date and name of the document, e.g. Quyết định 1325/QĐ-UBND ngày 20/7/2022.",
  proposed: "Proposal sent; it awaits a leader's approval.",
  approve: "Approve",
  approved: "Approved; the change is in effect.",
  reject: "Reject",
  rejectReason: "Reason for rejecting",
  rejected: "Proposal rejected.",
  withdraw: "Withdraw proposal",
  withdrawn: "Proposal withdrawn.",
  ownProposalNote: "Your proposal: another leader will approve it.",
  yes: "Yes",
  no: "No",
  notInCalendar: "Not in the calendar",
  kinds: {
    programme_status: "Programme status – {{name}}",
    step_durations: "Step durations – {{name}}",
    support_rule: "Support rule – {{type}}, {{size}} size",
    holiday_add: "Add {{day}} to the calendar",
    holiday_remove: "Remove {{day}} from the calendar",
  },
  problems: {
    sourceDocumentRequired:
      "Give the legal basis: number, date and name of the document (e.g. Quyết định 1325/QĐ-UBND ngày 20/7/2022).",
    missing: "This proposal was not found.",
    targetMissing: "The setting this proposal would change was not found.",
    ownProposal: "The proposer cannot approve or reject their own proposal: another leader must.",
    notYours: "Only a leader (other than the proposer) approves or rejects; only the proposer withdraws.",
    reasonRequired: "Give the reason for rejecting.",
    notPending: "This proposal has already been decided.",
    stale:
      "The settings changed after this proposal was sent (saved by {{by}} at {{at}}); the proposal stays pending. Reject it so that the proposer can send it again from the current values.",
    refused: "The proposal cannot be applied yet and stays pending: {{message}}",
  },
  mail: {
    proposedSubject: "Proposed change to a setting awaits approval – {{setting}}",
    proposedBody:
      "Dear {{name}},\n\n{{proposer}} has proposed a change to a legal setting: {{setting}}.\n{{changes}}Legal basis: {{source}}\nReview and decide (a leader other than the proposer approves): {{link}}\n\nQuảng Ngãi Department of Science and Technology",
    proposedNote: "Proposed by {{proposer}}, legal basis: {{source}}.",
    changeLine: "- {{label}}: {{from}} → {{to}}\n",
    approvedSubject: "Proposal approved – {{setting}}",
    approvedBody:
      "Dear {{name}},\n\nYour proposal ({{setting}}, legal basis: {{source}}) was approved by {{decider}} at {{at}}; the change is in effect.\nDecided proposals: {{link}}\n\nQuảng Ngãi Department of Science and Technology",
    approvedNote: "{{decider}} approved it; the change is in effect.",
    rejectedSubject: "Proposal rejected – {{setting}}",
    rejectedBody:
      "Dear {{name}},\n\nYour proposal ({{setting}}, legal basis: {{source}}) was rejected by {{decider}} at {{at}}.\nReason: {{reason}}\nThe setting is unchanged; if needed, propose again from the current values. Decided proposals: {{link}}\n\nQuảng Ngãi Department of Science and Technology",
    rejectedNote: "{{decider}} rejected it. Reason: {{reason}}",
  },
  decided: {
    title: "Decided",
    caption: "Decided proposals, newest first",
    search: "Search the legal basis (document)",
    status: "Outcome",
    allStatuses: "All outcomes",
    statuses: { approved: "Approved", rejected: "Rejected", withdrawn: "Withdrawn" },
    decidedBy: "Decided by",
    decidedAt: "Decided at",
    reason: "Reason",
  },
  todo: "Legal settings awaiting approval",
  todoLine: "{{number}} proposed changes awaiting approval",
};
