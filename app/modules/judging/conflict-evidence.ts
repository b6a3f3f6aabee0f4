/** What a proposed conflict of interest rests on, in words: shared by the proposals (server) and the round page. */
/** Why a pair was proposed: the facts, with names, as they stood when proposed (shown and audited as they are). */
export type ConflictEvidence =
  | { kind: "membership"; organisation: string }
  | { kind: "email_domain"; domain: string }
  | { kind: "mou"; reference: string | null; title: string; signedOn: string; parties: [string, string] }
  | { kind: "incubation"; link: "incubator" | "mentor"; by: string; organisation: string };

export type ConflictProposal = {
  judgeId: string;
  organisationId: string;
  /** The first evidence's kind, in the order above: the conflict's `reason`. */
  reason: ConflictReason;
  evidence: ConflictEvidence[];
};
export type ConflictReason = "member" | "email_domain" | "mou" | "incubation";
export const REASON: Record<ConflictEvidence["kind"], ConflictReason> = {
  membership: "member",
  email_domain: "email_domain",
  mou: "mou",
  incubation: "incubation",
};

/** Free mailbox providers: sharing one says nothing about who someone works for. */
export const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.com.vn",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "me.com",
]);

/** The domain of an address, lower-cased; null for a public mailbox or no address. */
export function workDomainOf(email: string | null | undefined): string | null {
  const domain = email?.trim().toLowerCase().split("@")[1];
  return domain && !PUBLIC_EMAIL_DOMAINS.has(domain) ? domain : null;
}

/** The evidence in Vietnamese, as the round page, the audit and the staff read it. */
export function describeEvidence(
  evidence: ConflictEvidence,
  t: (key: string, options?: Record<string, string>) => string,
): string {
  switch (evidence.kind) {
    case "membership":
      return t("conflictProposals.evidence.membership", { organisation: evidence.organisation });
    case "email_domain":
      return t("conflictProposals.evidence.emailDomain", { domain: evidence.domain });
    case "mou":
      return t(evidence.reference ? "conflictProposals.evidence.mouNumbered" : "conflictProposals.evidence.mou", {
        reference: evidence.reference ?? "",
        title: evidence.title,
        first: evidence.parties[0],
        second: evidence.parties[1],
      });
    case "incubation":
      return t(`conflictProposals.evidence.${evidence.link}`, {
        by: evidence.by,
        organisation: evidence.organisation,
      });
  }
}

export function parseEvidence(json: string | null): ConflictEvidence[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as ConflictEvidence[]) : [];
  } catch {
    return [];
  }
}
