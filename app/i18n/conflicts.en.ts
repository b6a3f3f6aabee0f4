import type { blindConflictsVi, conflictProposalsVi, judgeOrganisationsVi } from "./conflicts.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const conflictProposalsEn: Widen<typeof conflictProposalsVi> = {
  evidence: {
    membership: "Same organisation {{organisation}}",
    emailDomain: "Same e-mail domain @{{domain}}",
    mouNumbered: "MOU no. {{reference}} ({{title}}) between {{first}} and {{second}}",
    mou: "MOU “{{title}}” between {{first}} and {{second}}",
    incubator: "{{by}} incubates {{organisation}}",
    mentor: "{{by}} mentors {{organisation}} in incubation",
  },
  dismissReason: "Reason for dismissing",
  dismissMessage:
    "Dismiss the proposed conflict between {{judge}} and {{organisation}}? It will not be proposed again.",
  dismissedBecause: "(Dismissed: {{reason}})",
  problems: {
    dismissReason: "Give a reason for dismissing the proposal.",
    alreadyDecided: "This conflict has already been decided.",
  },
};

export const judgeOrganisationsEn: Widen<typeof judgeOrganisationsVi> = {
  title: "Organisations of judge {{name}}",
  lead: "The organisations the judge works for or with: what conflicts of interest are proposed from (same organisation, MOUs, incubation).",
  linked: "Linked organisations",
  none: "No organisation linked yet.",
  memberOf: "Member (through their account)",
  addedBy: "Linked by",
  addedAt: "Linked on",
  organisation: "Organisation",
  taxCode: "Tax code",
  search: "Find an organisation by name or tax code",
  searchButton: "Search",
  addTitle: "Link another organisation",
  results: "Search results",
  noResults: "No organisation found.",
  link: "Link",
  linkLabel: "Link with {{name}}",
  unlink: "Unlink",
  unlinkMessage: "Unlink the judge from {{name}}?",
  unlinkReason: "Reason for unlinking",
  linkedDone: "The judge is linked to the organisation.",
  unlinkedDone: "Link removed.",
  manage: "Judge's organisations",
  problems: {
    noSuchOrganisation: "This organisation was not found.",
    alreadyLinked: "The judge is already linked to this organisation.",
  },
};

export const blindConflictsEn: Widen<typeof blindConflictsVi> = {
  open: "Declare conflicts from the list",
  title: "Declare conflicts of interest – {{round}}",
  lead: "Round {{round}} ({{edition}}) is blind. Below are the organisations and team members in the round, in alphabetical order, without entry codes or project names. Tick those you have a conflict of interest with; the portal removes the entries concerned from your judging without telling you which they are.",
  organisations: "Organisations in the round",
  people: "Team members in the round",
  noneListed: "No names.",
  reason: "Reason for the conflict (e.g. relative, former colleague)",
  declare: "Record conflicts",
  declared: "Your declaration has been recorded.",
  closed: "The round is closed: declarations are no longer possible.",
  back: "Back to my judging",
  problems: { nothingTicked: "Tick at least one organisation or person." },
};
