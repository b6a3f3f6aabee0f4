import type { EntryStatus } from "../../../db/types";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { editionPhase, type EditionClock, type EditionPhase, ENTRY_STATUSES } from "./rules";
import { nowIso } from "../../lib/time.server";
import { containsKey } from "../../lib/search-sql";
import { dataVersion } from "../../lib/shared-pages.server";
import { VersionedCache } from "../../lib/versioned-cache.server";

export async function getEdition(db: DB, id: string) {
  const edition = await db.selectFrom("competition_editions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!edition) notFound();
  return edition;
}

/** The phase of an edition now, from its dates, its rounds' states and its results (one query). */
export async function editionPhaseNow(
  db: DB,
  edition: EditionClock & { id: string },
  now = nowIso(),
): Promise<EditionPhase> {
  const rounds = await db
    .selectFrom("competition_rounds")
    .select("status")
    .where("edition_id", "=", edition.id)
    .execute();
  return editionPhase(edition, rounds, now);
}

/** The phases of several editions now (one query for all their rounds), by edition id. */
export async function editionPhasesNow(
  db: DB,
  editions: ReadonlyArray<EditionClock & { id: string }>,
  now = nowIso(),
): Promise<Map<string, EditionPhase>> {
  const rounds = editions.length
    ? await db
        .selectFrom("competition_rounds")
        .select(["edition_id", "status"])
        .where(
          "edition_id",
          "in",
          editions.map((e) => e.id),
        )
        .execute()
    : [];
  return new Map(
    editions.map((edition) => [
      edition.id,
      editionPhase(
        edition,
        rounds.filter((r) => r.edition_id === edition.id),
        now,
      ),
    ]),
  );
}

/** An edition as the public sees it: only once published. */
export async function getPublishedEdition(db: DB, id: string) {
  const edition = await getEdition(db, id);
  if (edition.status !== "published") notFound();
  return edition;
}

/** Categories, documents, prizes, rounds and criteria of an edition, in their order. */
export async function editionSetup(db: DB, editionId: string) {
  const [categories, requirements, prizes, rounds] = await Promise.all([
    db
      .selectFrom("competition_categories")
      .selectAll()
      .where("edition_id", "=", editionId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("competition_document_requirements")
      .selectAll()
      .where("edition_id", "=", editionId)
      .orderBy("position")
      .execute(),
    db.selectFrom("competition_prizes").selectAll().where("edition_id", "=", editionId).orderBy("position").execute(),
    db.selectFrom("competition_rounds").selectAll().where("edition_id", "=", editionId).orderBy("position").execute(),
  ]);
  const criteria = rounds.length
    ? await db
        .selectFrom("round_criteria")
        .selectAll()
        .where(
          "round_id",
          "in",
          rounds.map((r) => r.id),
        )
        .orderBy("position")
        .execute()
    : [];
  return {
    categories,
    requirements,
    prizes,
    rounds: rounds.map((round) => ({ ...round, criteria: criteria.filter((c) => c.round_id === round.id) })),
  };
}

export function listPublishedEditions(db: DB) {
  return db
    .selectFrom("competition_editions")
    .select([
      "id",
      "name",
      "number",
      "year",
      "registration_opens_at",
      "submission_deadline",
      "award_ceremony_on",
      "status",
      "results_status",
    ])
    .where("status", "=", "published")
    .orderBy("year", "desc")
    .orderBy("number", "desc")
    .limit(50)
    .execute();
}

/** Editions taking entries now, for the public home page. */
export function listOpenEditions(db: DB, now: string) {
  return db
    .selectFrom("competition_editions")
    .select(["id", "name", "year", "status", "registration_opens_at", "submission_deadline", "results_status"])
    .where("status", "=", "published")
    .where("registration_opens_at", "<=", now)
    .where("submission_deadline", ">", now)
    .orderBy("submission_deadline")
    .limit(10)
    .execute();
}

const LIVE_STATUSES: EntryStatus[] = ENTRY_STATUSES.filter((s) => s !== "draft" && s !== "withdrawn");

/** Every edition for staff, with the number of entries submitted (counted in SQL). */
export function listEditionsForStaff(db: DB) {
  return db
    .selectFrom("competition_editions")
    .leftJoin("competition_entries", (join) =>
      join
        .onRef("competition_entries.edition_id", "=", "competition_editions.id")
        .on("competition_entries.status", "in", LIVE_STATUSES),
    )
    .select((eb) => [
      "competition_editions.id",
      "competition_editions.name",
      "competition_editions.number",
      "competition_editions.year",
      "competition_editions.status",
      "competition_editions.registration_opens_at",
      "competition_editions.submission_deadline",
      "competition_editions.results_status",
      eb.fn.count<number>("competition_entries.id").as("entries"),
    ])
    .groupBy([
      "competition_editions.id",
      "competition_editions.name",
      "competition_editions.number",
      "competition_editions.year",
      "competition_editions.status",
      "competition_editions.registration_opens_at",
      "competition_editions.submission_deadline",
    ])
    .orderBy("competition_editions.year", "desc")
    .orderBy("competition_editions.number", "desc")
    .limit(200)
    .execute();
}

/** The staff list of editions as its page and export show it: each with its live entries and its phase now. */
export async function editionsForStaffTable(db: DB) {
  const editions = await listEditionsForStaff(db);
  const phases = await editionPhasesNow(db, editions);
  return editions.map((edition) => ({ ...edition, entries: Number(edition.entries), phase: phases.get(edition.id)! }));
}

export async function submittedEntryCount(db: DB, editionId: string): Promise<number> {
  const { count } = await db
    .selectFrom("competition_entries")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("edition_id", "=", editionId)
    .where("status", "in", LIVE_STATUSES)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export const ENTRY_LIST = {
  sortable: ["receipt_number", "project_name", "submitted_at", "status"],
  defaultSort: "submitted_at",
  defaultDir: "desc",
  filters: ["status", "category", "sector", "due"],
} as const;

export function entryListState(search: URLSearchParams) {
  return readListState(search, ENTRY_LIST);
}

/** The filtered entries of an edition, on the entries table alone (counting needs no join). */
function filteredEntries(db: DB, editionId: string, state: ReturnType<typeof entryListState>, now: string) {
  let query = db
    .selectFrom("competition_entries")
    .where("competition_entries.edition_id", "=", editionId)
    // Staff screen what was submitted; drafts stay the applicant's own.
    .where("competition_entries.status", "!=", "draft");
  if (state.q) {
    const key = searchKey(state.q);
    query = query.where((eb) =>
      eb.or([
        containsKey("competition_entries.name_search", key),
        eb("competition_entries.receipt_number", "=", state.q.toUpperCase()),
      ]),
    );
  }
  const status = state.filters.status as EntryStatus | undefined;
  if (status && (ENTRY_STATUSES as readonly string[]).includes(status))
    query = query.where("competition_entries.status", "=", status);
  if (state.filters.category) query = query.where("competition_entries.category_id", "=", state.filters.category);
  if (state.filters.sector) query = query.where("competition_entries.sector", "=", state.filters.sector);
  // A clarification past its deadline and still unanswered (the staff home's overdue count).
  if (state.filters.due === "overdue")
    query = query
      .where("competition_entries.status", "=", "clarification_requested")
      .where("competition_entries.clarification_until", "<", now);
  return query;
}

function entriesQuery(db: DB, editionId: string, state: ReturnType<typeof entryListState>, now: string) {
  return filteredEntries(db, editionId, state, now)
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .leftJoin("competition_categories", "competition_categories.id", "competition_entries.category_id");
}

const entryListColumns = [
  "competition_entries.id",
  "competition_entries.receipt_number",
  "competition_entries.project_name",
  "competition_entries.status",
  "competition_entries.sector",
  "competition_entries.submitted_at",
  "organisations.name as organisation_name",
  "competition_categories.name as category_name",
] as const;

const entrySort = {
  receipt_number: "competition_entries.receipt_seq",
  project_name: "competition_entries.name_search",
  submitted_at: "competition_entries.submitted_at",
  status: "competition_entries.status",
} as const;

export async function listEntries(db: DB, editionId: string, state: ReturnType<typeof entryListState>, now = nowIso()) {
  const [{ count }, rows] = await Promise.all([
    filteredEntries(db, editionId, state, now)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
    entriesQuery(db, editionId, state, now)
      .select(entryListColumns)
      .orderBy(entrySort[state.sort], state.dir)
      .orderBy("competition_entries.id", state.dir)
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

export function entriesForExport(
  db: DB,
  editionId: string,
  state: ReturnType<typeof entryListState>,
  limit: number,
  now = nowIso(),
) {
  return entriesQuery(db, editionId, state, now)
    .select([
      ...entryListColumns,
      "competition_entries.summary",
      "competition_entries.decision_reason",
      "organisations.tax_code",
    ])
    .orderBy(entrySort[state.sort], state.dir)
    .orderBy("competition_entries.id", state.dir)
    .limit(limit)
    .execute();
}

type EntryFigures = Awaited<ReturnType<typeof countEntryFigures>>;
const figuresByEdition = new VersionedCache<EntryFigures>();

/**
 * The at-a-glance figures of an edition: submitted entries by category, status and sector (and the categories, for
 * filters). Counted once per data version and shared by every staff member's request (README D82), as the reports
 * dashboard's are: the same for all of them, and most of the entries desk's SQL.
 */
export async function entryFigures(db: DB, editionId: string): Promise<EntryFigures> {
  return figuresByEdition.get(db, editionId, await dataVersion(db), () => countEntryFigures(db, editionId));
}

async function countEntryFigures(db: DB, editionId: string) {
  const live = db
    .selectFrom("competition_entries")
    .where("competition_entries.edition_id", "=", editionId)
    .where("competition_entries.status", "!=", "draft");
  const [cells, bySector, categories] = await Promise.all([
    live
      .select((eb) => ["category_id", "status", eb.fn.countAll<number>().as("count")])
      .groupBy(["category_id", "status"])
      .execute(),
    live
      .select((eb) => ["sector", eb.fn.countAll<number>().as("count")])
      .groupBy("sector")
      .orderBy("sector")
      .limit(100)
      .execute(),
    db
      .selectFrom("competition_categories")
      .select(["id", "name"])
      .where("edition_id", "=", editionId)
      .orderBy("position")
      .execute(),
  ]);
  // One pass over category × status gives both breakdowns.
  const sum = (rows: typeof cells) => rows.reduce((total, row) => total + Number(row.count), 0);
  const byCategory = [
    ...categories.map((c) => ({
      label: c.name as string | null,
      count: sum(cells.filter((row) => row.category_id === c.id)),
    })),
    { label: null, count: sum(cells.filter((row) => row.category_id === null)) },
  ].filter((row) => row.count > 0);
  const statuses = [...new Set(cells.map((row) => row.status))].sort();
  return {
    categories,
    byCategory,
    byStatus: statuses.map((status) => ({ status, count: sum(cells.filter((row) => row.status === status)) })),
    bySector: bySector.map((r) => ({ sector: r.sector, count: Number(r.count) })),
  };
}

/** An entry for its applicant: only when the actor belongs to the entry's team (checked in the query). */
export async function getEntryForApplicant(db: DB, actor: CurrentUser, entryId: string) {
  const entry = await db
    .selectFrom("competition_entries")
    .innerJoin("memberships", (join) =>
      join
        .onRef("memberships.organisation_id", "=", "competition_entries.organisation_id")
        .on("memberships.user_id", "=", actor.id),
    )
    .selectAll("competition_entries")
    .where("competition_entries.id", "=", entryId)
    .executeTakeFirst();
  if (entry) return entry;
  const exists = await db.selectFrom("competition_entries").select("id").where("id", "=", entryId).executeTakeFirst();
  if (exists) forbidden();
  notFound();
}

export async function getEntryForStaff(db: DB, entryId: string) {
  const entry = await db
    .selectFrom("competition_entries")
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .selectAll("competition_entries")
    .select(["organisations.name as organisation_name", "organisations.tax_code as organisation_tax_code"])
    .where("competition_entries.id", "=", entryId)
    .executeTakeFirst();
  if (!entry || entry.status === "draft") notFound();
  return entry;
}

export function entryMembers(db: DB, entryId: string) {
  return db.selectFrom("entry_members").selectAll().where("entry_id", "=", entryId).orderBy("position").execute();
}

export function entryDocuments(db: DB, entryId: string) {
  return db
    .selectFrom("attachments")
    .select(["id", "original_name", "media_type", "size_bytes", "purpose", "created_at", "sha256"])
    .where("owner_type", "=", "entry")
    .where("owner_id", "=", entryId)
    .orderBy("created_at")
    .limit(100)
    .execute();
}

export function myEntries(db: DB, actor: CurrentUser) {
  return db
    .selectFrom("competition_entries")
    .innerJoin("memberships", (join) =>
      join
        .onRef("memberships.organisation_id", "=", "competition_entries.organisation_id")
        .on("memberships.user_id", "=", actor.id),
    )
    .innerJoin("competition_editions", "competition_editions.id", "competition_entries.edition_id")
    .select([
      "competition_entries.id",
      "competition_entries.project_name",
      "competition_entries.status",
      "competition_entries.receipt_number",
      "competition_entries.submitted_at",
      "competition_entries.updated_at",
      "competition_editions.name as edition_name",
      "competition_editions.submission_deadline",
    ])
    .orderBy("competition_entries.updated_at", "desc")
    .limit(100)
    .execute();
}

/** The actor's live entry in an edition, if any (for "continue your entry"). */
export function liveEntryOfActor(db: DB, actor: CurrentUser, editionId: string) {
  return db
    .selectFrom("competition_entries")
    .innerJoin("memberships", (join) =>
      join
        .onRef("memberships.organisation_id", "=", "competition_entries.organisation_id")
        .on("memberships.user_id", "=", actor.id),
    )
    .select(["competition_entries.id", "competition_entries.status"])
    .where("competition_entries.edition_id", "=", editionId)
    .where("competition_entries.status", "!=", "withdrawn")
    .executeTakeFirst();
}
