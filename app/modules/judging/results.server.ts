import type { EntryStatus } from "../../../db/types";
import { isStaff, type CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";

/** Entries that may receive a prize when staff change the proposed list. */
const PRIZE_CANDIDATE_STATUSES: readonly EntryStatus[] = ["finalist", "valid"];

/**
 * The one join of an award to its prize, its entry and the entry's edition: every read of awarded entries (prize
 * list, results, certificates, incubation candidates, an organisation's story) starts here and adds its own filter.
 */
export function awardedEntriesQuery(db: DB) {
  return db
    .selectFrom("prize_awards")
    .innerJoin("competition_editions", "competition_editions.id", "prize_awards.edition_id")
    .innerJoin("competition_prizes", "competition_prizes.id", "prize_awards.prize_id")
    .innerJoin("competition_entries", "competition_entries.id", "prize_awards.entry_id");
}

/** The edition's prize list for staff and leaders, in rank order. */
export function prizeList(db: DB, editionId: string) {
  return awardedEntriesQuery(db)
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .select([
      "prize_awards.id",
      "prize_awards.prize_id",
      "prize_awards.rank",
      "prize_awards.change_reason",
      "competition_prizes.rank_label",
      "competition_prizes.amount_vnd",
      "competition_entries.id as entry_id",
      "competition_entries.receipt_number",
      "competition_entries.project_name",
      "organisations.name as team_name",
    ])
    .where("prize_awards.edition_id", "=", editionId)
    .orderBy("prize_awards.rank")
    .execute();
}

/** The entries staff may give a prize to instead of the proposed one: the edition's finalists (or valid entries). */
export function prizeCandidates(db: DB, editionId: string) {
  return db
    .selectFrom("competition_entries")
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .select([
      "competition_entries.id",
      "competition_entries.receipt_number",
      "competition_entries.project_name",
      "organisations.name as team_name",
    ])
    .where("competition_entries.edition_id", "=", editionId)
    .where("competition_entries.status", "in", PRIZE_CANDIDATE_STATUSES)
    .orderBy("competition_entries.receipt_seq")
    .execute();
}

/**
 * The winners as the public sees them, once the results are published: the prize, the project and the
 * team's name. Nothing personal (members, e-mails, phones) is selected, so no page can show it by mistake.
 */
export function publishedResults(db: DB, editionId: string) {
  return awardedEntriesQuery(db)
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .select([
      "prize_awards.id",
      "prize_awards.rank",
      "competition_prizes.rank_label",
      "competition_entries.project_name",
      "organisations.name as team_name",
    ])
    .where("prize_awards.edition_id", "=", editionId)
    .where("competition_editions.results_status", "=", "published")
    .orderBy("prize_awards.rank")
    .execute();
}

/**
 * The editions whose results are published, latest first, each with its winners as the public sees them
 * (prize, project, team): two queries, whatever the number of editions.
 */
export async function latestPublishedResults(db: DB, limit = 3) {
  const editions = await db
    .selectFrom("competition_editions")
    .select(["id", "name", "year", "results_published_at"])
    .where("status", "=", "published")
    .where("results_status", "=", "published")
    .orderBy("results_published_at", "desc")
    .orderBy("year", "desc")
    .limit(limit)
    .execute();
  const awards = editions.length
    ? await awardedEntriesQuery(db)
        .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
        .select([
          "prize_awards.id",
          "prize_awards.edition_id",
          "prize_awards.rank",
          "competition_prizes.rank_label",
          "competition_entries.project_name",
          "organisations.name as team_name",
        ])
        .where(
          "prize_awards.edition_id",
          "in",
          editions.map((e) => e.id),
        )
        .orderBy("prize_awards.rank")
        .execute()
    : [];
  return editions.map((edition) => ({
    ...edition,
    awards: awards.filter((a) => a.edition_id === edition.id).map(({ edition_id: _edition, ...award }) => award),
  }));
}

/** The published award of an entry, if it won (for its applicant's certificate link). */
export function publishedAwardOfEntry(db: DB, entryId: string) {
  return awardedEntriesQuery(db)
    .select(["prize_awards.id"])
    .where("prize_awards.entry_id", "=", entryId)
    .where("competition_editions.results_status", "=", "published")
    .executeTakeFirst();
}

function awardDetails(db: DB) {
  return awardedEntriesQuery(db)
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .select([
      "prize_awards.id",
      "prize_awards.verification_code",
      "competition_editions.name as edition_name",
      "competition_editions.results_published_at",
      "competition_prizes.rank_label",
      "competition_entries.id as entry_id",
      "competition_entries.project_name",
      "competition_entries.organisation_id",
      "organisations.name as team_name",
    ])
    .where("competition_editions.results_status", "=", "published");
}

/**
 * A published award for its certificate: staff, leaders and admins, and the members of the winning
 * organisation. Before publication the award does not exist for anyone (404).
 */
export async function certificateOfAward(db: DB, actor: CurrentUser, awardId: string) {
  const award = await awardDetails(db).where("prize_awards.id", "=", awardId).executeTakeFirst();
  if (!award) notFound();
  if (!isStaff(actor)) {
    const member = await db
      .selectFrom("memberships")
      .select("user_id")
      .where("user_id", "=", actor.id)
      .where("organisation_id", "=", award.organisation_id)
      .executeTakeFirst();
    if (!member) forbidden();
  }
  const members = await db
    .selectFrom("entry_members")
    .select("full_name")
    .where("entry_id", "=", award.entry_id)
    .orderBy("position")
    .execute();
  return { ...award, issuedOn: award.results_published_at!, memberNames: members.map((m) => m.full_name) };
}

/** What the public verification page may say about a certificate: no member, e-mail or phone. */
export async function verifiedCertificate(db: DB, code: string) {
  const award = await awardDetails(db).where("prize_awards.verification_code", "=", code).executeTakeFirst();
  if (!award) notFound();
  return {
    code: award.verification_code,
    editionName: award.edition_name,
    prizeLabel: award.rank_label,
    projectName: award.project_name,
    teamName: award.team_name,
    publishedAt: award.results_published_at,
  };
}
