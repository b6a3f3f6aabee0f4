import type { entryExtrasVi } from "./entries.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const entryExtrasEn: Widen<typeof entryExtrasVi> = {
  verifyForm: {
    title: "Verify a certificate",
    lead: "Type the verification code printed on the certificate (under the QR code) to check a certificate issued by the Quảng Ngãi Department of Science and Technology.",
    code: "Verification code",
    codeHint: "Letters and digits, e.g. ABCD EFGH JKMN; case and spaces do not matter.",
    submit: "Check",
    missing: "Type the verification code printed on the certificate.",
    malformed: "Not found: a verification code has only letters and digits (6 or more), as printed on the certificate.",
    another: "Check another code",
    footerLink: "Verify a certificate",
  },
  bulk: {
    title: "Screen several entries at once",
    lead: "Tick entries in the table, choose the decision and press “Record the decision”. It is recorded only when every ticked entry can take it; otherwise no entry changes and the page names the entries that cannot, and why.",
    select: "Select",
    selectEntry: "Select entry {{project}}",
    decision: "Decision",
    reason: "Reason (required when invalid; the applicant sees it)",
    apply: "Record the decision for the ticked entries",
    done: "Decision recorded for {{count}} entries.",
    refused: "Nothing was recorded: the entries below cannot take this decision. Untick them and record again.",
    noneSelected: "Tick at least one entry in the table.",
    tooMany: "Tick at most {{max}} entries at a time.",
    notInEdition: "A ticked entry is not of this edition or no longer exists.",
    cannotTake: "{{receipt}} – {{project}}: its status is “{{status}}”, it cannot take this decision.",
  },
  pdf: {
    title: "COMPETITION ENTRY",
    download: "Download the entry for printing (PDF)",
    general: "General information",
    content: "The project",
    noDocuments: "No documents yet.",
    documentLine: "{{kind}} · {{size}} · uploaded at {{time}}",
    history: "Screening history",
    noHistory: "No history yet.",
    foot: "Entry {{receipt}} · printed at {{time}} (Vietnam time) · page {{page}}/{{pages}}",
  },
};
