import type { Messages } from "./index";

/** Personal data (Decree 13/2023/NĐ-CP): the access log, data-subject requests, retention (English). */
export const privacyEn: Messages["privacy"] = {
  nav: "Personal data",
  staffNav: "Personal data requests",
  access: {
    title: "Personal data access log",
    lead: "Each time a page shows or a file exports other people's contacts (members, participants, entrants, accounts), one line is written: who, when, whose data, how many people.",
    createdAt: "Time",
    actor: "Accessed by",
    kind: "Access",
    kinds: { view: "Viewed", export: "Exported" },
    subject: "Data of",
    subjects: {
      users: "User accounts",
      organisation_members: "Organisation members",
      entry_members: "Entry team members",
      event_participants: "Event participants",
      organisations: "Organisation and expert contacts",
    },
    record: "Record",
    route: "Path",
    count: "People",
    ip: "IP address",
    from: "From",
    to: "To",
    all: "All",
    searchLabel: "Search by path",
  },
};
