/**
 * Conflicts of interest proposed from the portal's business data, for staff to confirm or dismiss: a judge and an
 * entry's organisation are linked when the judge belongs to it, shares its e-mail domain, signed an MOU with it
 * through one of the judge's organisations, or incubates or mentors it. A round of thousands of entries is read in a
 * fixed handful of set queries (the round's entries stay a subquery, never a list of parameters); the pairs are
 * matched in memory through indexes, never judge × entry.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { conflictKey } from "./assignment";
import { type ConflictEvidence, type ConflictProposal, REASON, workDomainOf } from "./conflict-evidence";
import { compareText } from "../../lib/collation";

export { describeEvidence, parseEvidence, PUBLIC_EMAIL_DOMAINS, workDomainOf } from "./conflict-evidence";
export type { ConflictEvidence, ConflictProposal } from "./conflict-evidence";

/**
 * The conflicts the business data suggests between a round's panel and the organisations of its entries, leaving out
 * every pair already on record (proposed, confirmed, declared or dismissed: a dismissal is never proposed again).
 */
export async function computeConflictProposals(db: Kysely<Database>, roundId: string): Promise<ConflictProposal[]> {
  const panel = db
    .selectFrom("round_judges")
    .select("round_judges.judge_id")
    .where("round_judges.round_id", "=", roundId)
    .where("round_judges.dropped_at", "is", null);
  const entryOrganisations = db
    .selectFrom("round_entries")
    .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
    .select("competition_entries.organisation_id")
    .where("round_entries.round_id", "=", roundId);

  const [judges, judgeLinks, organisations, memberEmails, teamEmails, existing] = await Promise.all([
    db.selectFrom("users").select(["id", "email"]).where("id", "in", panel).execute(),
    // The judge's organisations: their accounts' memberships and the links staff recorded.
    db
      .selectFrom("memberships")
      .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
      .select(["memberships.user_id as judge_id", "organisations.id", "organisations.name"])
      .where("memberships.user_id", "in", panel)
      .unionAll(
        db
          .selectFrom("judge_organisations")
          .innerJoin("organisations", "organisations.id", "judge_organisations.organisation_id")
          .select(["judge_organisations.judge_id", "organisations.id", "organisations.name"])
          .where("judge_organisations.judge_id", "in", panel),
      )
      .execute(),
    db.selectFrom("organisations").select(["id", "name", "email"]).where("id", "in", entryOrganisations).execute(),
    db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["memberships.organisation_id", "users.email"])
      .where("memberships.organisation_id", "in", entryOrganisations)
      .execute(),
    db
      .selectFrom("entry_members")
      .innerJoin("round_entries", "round_entries.entry_id", "entry_members.entry_id")
      .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
      .select(["competition_entries.organisation_id", "entry_members.email"])
      .where("round_entries.round_id", "=", roundId)
      .where("entry_members.email", "is not", null)
      .execute(),
    db.selectFrom("judge_conflicts").select(["judge_id", "organisation_id"]).where("judge_id", "in", panel).execute(),
  ]);
  if (!judges.length || !organisations.length) return [];

  const judgeOrganisationIds = [...new Set(judgeLinks.map((l) => l.id))];
  const [mouPairs, incubated, mentored] = judgeOrganisationIds.length
    ? await Promise.all([
        db
          .selectFrom("mou_parties as mine")
          .innerJoin("mou_parties as theirs", "theirs.mou_id", "mine.mou_id")
          .innerJoin("mous", "mous.id", "mine.mou_id")
          .select([
            "mine.organisation_id as judge_organisation_id",
            "theirs.organisation_id as entry_organisation_id",
            "mous.reference",
            "mous.title",
            "mous.signed_on",
          ])
          .where("mine.organisation_id", "in", judgeOrganisationIds)
          .where("theirs.organisation_id", "in", entryOrganisations)
          .whereRef("mine.organisation_id", "!=", "theirs.organisation_id")
          .execute(),
        db
          .selectFrom("incubation_records")
          .select(["incubator_id as judge_organisation_id", "organisation_id as entry_organisation_id"])
          .where("incubator_id", "in", judgeOrganisationIds)
          .where("organisation_id", "in", entryOrganisations)
          .execute(),
        db
          .selectFrom("incubation_mentors")
          .innerJoin("incubation_records", "incubation_records.id", "incubation_mentors.record_id")
          .select([
            "incubation_mentors.organisation_id as judge_organisation_id",
            "incubation_records.organisation_id as entry_organisation_id",
          ])
          .where("incubation_mentors.organisation_id", "in", judgeOrganisationIds)
          .where("incubation_records.organisation_id", "in", entryOrganisations)
          .execute(),
      ])
    : [[], [], []];

  const onRecord = new Set(existing.map((c) => conflictKey(c.judge_id, c.organisation_id)));
  const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
  for (const link of judgeLinks) nameOf.set(link.id, link.name);
  const entryOrganisationIds = new Set(organisations.map((o) => o.id));
  const judgesOf = new Map<string, Set<string>>();
  for (const link of judgeLinks) judgesOf.set(link.id, (judgesOf.get(link.id) ?? new Set()).add(link.judge_id));

  const proposals = new Map<string, ConflictProposal>();
  const propose = (judgeId: string, organisationId: string, evidence: ConflictEvidence) => {
    const key = conflictKey(judgeId, organisationId);
    if (onRecord.has(key)) return;
    const proposal = proposals.get(key) ?? { judgeId, organisationId, reason: REASON[evidence.kind], evidence: [] };
    if (!proposal.evidence.some((e) => JSON.stringify(e) === JSON.stringify(evidence)))
      proposal.evidence.push(evidence);
    proposals.set(key, proposal);
  };
  /** Every panel judge linked to `judgeOrganisationId`, against `entryOrganisationId`. */
  const throughOrganisation = (
    judgeOrganisationId: string,
    entryOrganisationId: string,
    evidence: ConflictEvidence,
  ) => {
    for (const judgeId of judgesOf.get(judgeOrganisationId) ?? []) propose(judgeId, entryOrganisationId, evidence);
  };

  for (const link of judgeLinks)
    if (entryOrganisationIds.has(link.id))
      propose(link.judge_id, link.id, { kind: "membership", organisation: link.name });

  const byDomain = new Map<string, Set<string>>();
  for (const { organisation_id, email } of [
    ...organisations.map((o) => ({ organisation_id: o.id, email: o.email })),
    ...memberEmails,
    ...teamEmails,
  ]) {
    const domain = workDomainOf(email);
    if (domain) byDomain.set(domain, (byDomain.get(domain) ?? new Set()).add(organisation_id));
  }
  for (const judge of judges) {
    const domain = workDomainOf(judge.email);
    for (const organisationId of (domain && byDomain.get(domain)) || [])
      propose(judge.id, organisationId, { kind: "email_domain", domain: domain! });
  }

  for (const mou of mouPairs)
    throughOrganisation(mou.judge_organisation_id, mou.entry_organisation_id, {
      kind: "mou",
      reference: mou.reference,
      title: mou.title,
      signedOn: mou.signed_on,
      parties: [nameOf.get(mou.judge_organisation_id) ?? "", nameOf.get(mou.entry_organisation_id) ?? ""],
    });
  for (const [rows, link] of [
    [incubated, "incubator"],
    [mentored, "mentor"],
  ] as const)
    for (const row of rows)
      throughOrganisation(row.judge_organisation_id, row.entry_organisation_id, {
        kind: "incubation",
        link,
        by: nameOf.get(row.judge_organisation_id) ?? "",
        organisation: nameOf.get(row.entry_organisation_id) ?? "",
      });

  return [...proposals.values()].sort(
    (a, b) => compareText(a.judgeId, b.judgeId) || compareText(a.organisationId, b.organisationId),
  );
}
