/**
 * The to-dos on the home page of staff and leaders: each a SQL count over an index, grouped by the record a link
 * filters to (an edition's entries, a round's progress grid, an edition's prize list, the SME desk). The links and the
 * counts read the same conditions, so the page a link opens shows exactly the counted records.
 */
import { sql } from "kysely";
import type { DossierStatus, EntryStatus, ResultsStatus } from "../../../db/types";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { nowIso } from "../../lib/time.server";
import { pendingProposalCount } from "../settings/queries.server";

/**
 * Each edition still being run (published, results not yet out: a handful of rows) with the count of its entries in
 * one status, taken by a subquery per edition on the (edition_id, status) index; editions with none are left out.
 */
async function perOpenEdition(db: DB, status: EntryStatus, now: string) {
  const rows = await db
    .selectFrom("competition_editions")
    .where("competition_editions.status", "=", "published")
    .where("competition_editions.results_status", "!=", "published")
    .select((eb) => {
      const entries = () =>
        eb
          .selectFrom("competition_entries")
          .whereRef("competition_entries.edition_id", "=", "competition_editions.id")
          .where("competition_entries.status", "=", status);
      return [
        "competition_editions.id as editionId",
        "competition_editions.name as edition",
        entries()
          .select((inner) => inner.fn.countAll<number>().as("n"))
          .as("count"),
        entries()
          .where("competition_entries.clarification_until", "<", now)
          .select((inner) => inner.fn.countAll<number>().as("n"))
          .as("overdue"),
      ];
    })
    .orderBy("competition_editions.year", "desc")
    .orderBy("competition_editions.name")
    .execute();
  return rows
    .map((row) => ({ ...row, count: Number(row.count ?? 0), overdue: Number(row.overdue ?? 0) }))
    .filter((row) => row.count > 0);
}

/** Entries submitted and not yet screened, per open edition (the entries list filtered by `status=submitted`). */
export async function entriesToScreen(db: DB) {
  return (await perOpenEdition(db, "submitted", nowIso())).map(({ editionId, edition, count }) => ({
    editionId,
    edition,
    count,
  }));
}

/**
 * Clarifications the applicants owe, per open edition, and how many of them are past their deadline (the entries list
 * filtered by `status=clarification_requested`, and `due=overdue` for the late ones).
 */
export function clarificationsDue(db: DB, now = nowIso()) {
  return perOpenEdition(db, "clarification_requested", now);
}

/**
 * Score sheets not yet submitted in each round being judged: live assignments (not removed) without a submitted
 * sheet — the round page's "assigned minus submitted", and its grid filtered by `sheets=outstanding`.
 */
export async function sheetsOutstanding(db: DB) {
  const rows = await db
    .selectFrom("competition_rounds")
    .innerJoin("competition_editions", "competition_editions.id", "competition_rounds.edition_id")
    .innerJoin("assignments", "assignments.round_id", "competition_rounds.id")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
    .where("competition_rounds.status", "=", "judging")
    .where("assignments.removed_at", "is", null)
    .where((eb) => eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "!=", "submitted")]))
    .select((eb) => [
      "competition_rounds.id as roundId",
      "competition_rounds.name as round",
      "competition_rounds.ends_on as endsOn",
      "competition_editions.id as editionId",
      "competition_editions.name as edition",
      eb.fn.countAll<number>().as("count"),
    ])
    .groupBy([
      "competition_rounds.id",
      "competition_rounds.name",
      "competition_rounds.ends_on",
      "competition_rounds.position",
      "competition_editions.id",
      "competition_editions.name",
    ])
    // Rounds without a scoring deadline last, on both engines (SQLite sorts NULL first, PostgreSQL last).
    .orderBy(sql`case when competition_rounds.ends_on is null then 1 else 0 end`)
    .orderBy("competition_rounds.ends_on")
    .orderBy("competition_editions.name")
    .orderBy("competition_rounds.position")
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** What waits on leaders: prize lists to approve (proposed) and to publish (approved). */
export async function prizeListsAwaitingLeaders(db: DB) {
  const waiting = ["proposed", "approved"] as const satisfies readonly ResultsStatus[];
  return db
    .selectFrom("competition_editions")
    .where("results_status", "in", waiting)
    .select(["id as editionId", "name as edition", "results_status as state"])
    .$narrowType<{ state: (typeof waiting)[number] }>()
    .orderBy("year", "desc")
    .orderBy("name")
    .execute();
}

/** Filed SME dossiers in one status (the desk filtered by `status=`). */
async function dossiersIn<Status extends DossierStatus>(db: DB, status: Status) {
  const row = await db
    .selectFrom("support_dossiers")
    .where("status", "=", status)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return { status, count: Number(row.count) };
}

export type StaffTodos = Awaited<ReturnType<typeof staffTodos>>;

/**
 * The to-dos of an actor's role: staff and admins (who process like staff) screen, chase clarifications, follow the
 * judging and receive SME dossiers; leaders approve and publish prize lists, decide proposed SME dossiers and
 * approve proposed changes to legal settings.
 * Anyone else has none (null: the page shows no block).
 */
export async function staffTodos(db: DB, actor: Pick<CurrentUser, "role">, now = nowIso()) {
  if (actor.role === "staff" || actor.role === "admin") {
    const [toScreen, clarifications, sheets, sme] = await Promise.all([
      entriesToScreen(db),
      clarificationsDue(db, now),
      sheetsOutstanding(db),
      dossiersIn(db, "submitted"),
    ]);
    return { toScreen, clarifications, sheets, prizes: [], sme: sme.count ? [sme] : [], settings: [] };
  }
  if (actor.role === "leader") {
    const [prizes, sme, settings] = await Promise.all([
      prizeListsAwaitingLeaders(db),
      dossiersIn(db, "proposed"),
      pendingProposalCount(db),
    ]);
    return {
      toScreen: [],
      clarifications: [],
      sheets: [],
      prizes,
      sme: sme.count ? [sme] : [],
      // Proposed changes to legal settings (/staff/settings-proposals lists exactly the pending ones).
      settings: settings ? [{ count: settings }] : [],
    };
  }
  return null;
}
