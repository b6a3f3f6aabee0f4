import { expressionBuilder, sql, type Expression, type SqlBool } from "kysely";
import type { Database, IncubationStatus } from "../../../db/types";
import type { CurrentUser } from "../../lib/auth.server";
import { isStaff, STAFF_ROLES } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { provinceDate } from "../../lib/province-time";
import { nowIso } from "../../lib/time.server";
import {
  COMPLETED_STATUSES,
  expectsReports,
  incubationActor,
  INCUBATION_STATUSES,
  missingReports,
  RUNNING_STATUSES,
} from "./rules";
import { containsKey, startsWithText } from "../../lib/search-sql";
import { awardedEntriesQuery } from "../judging/results.server";

/**
 * The records an actor may see, as a condition for the SQL `where`: staff all of them, an incubator manager those of the
 * incubators they are a member of, an applicant those of their own organisations; anyone else none (403).
 */
export function visibleRecords(actor: Pick<CurrentUser, "id" | "role">): Expression<SqlBool> {
  const eb = expressionBuilder<Database, "incubation_records">();
  const mine = eb
    .selectFrom("memberships")
    .select("memberships.organisation_id")
    .where("memberships.user_id", "=", actor.id);
  if (isStaff(actor)) return sql<SqlBool>`1 = 1`;
  if (actor.role === "incubator_manager") return eb("incubation_records.incubator_id", "in", mine);
  if (actor.role === "applicant") return eb("incubation_records.organisation_id", "in", mine);
  forbidden();
}

/** Who may open the board and records: staff see every record, an incubator manager their own incubator's (filtered in the query). */
export const BOARD_ROLES = [...STAFF_ROLES, "incubator_manager"] as const;

export const INCUBATION_LIST = {
  sortable: ["startup", "incubator", "status", "started_on"],
  defaultSort: "started_on",
  defaultDir: "desc",
  filters: ["status", "incubator", "year"],
} as const;

export function incubationListState(search: URLSearchParams) {
  return readListState(search, INCUBATION_LIST);
}
type ListState = ReturnType<typeof incubationListState>;

function recordsQuery(db: DB, actor: CurrentUser, state: ListState) {
  let query = db
    .selectFrom("incubation_records")
    .innerJoin("organisations as startup", "startup.id", "incubation_records.organisation_id")
    .innerJoin("organisations as incubator", "incubator.id", "incubation_records.incubator_id")
    .where(visibleRecords(actor));
  if (state.q) query = query.where(containsKey("startup.name_search", searchKey(state.q)));
  const status = state.filters.status as IncubationStatus | undefined;
  if (status && (INCUBATION_STATUSES as readonly string[]).includes(status))
    query = query.where("incubation_records.status", "=", status);
  if (state.filters.incubator) query = query.where("incubation_records.incubator_id", "=", state.filters.incubator);
  if (state.filters.year && /^\d{4}$/.test(state.filters.year))
    query = query.where(startsWithText("incubation_records.started_on", `${state.filters.year}-`));
  return query;
}

const sortColumn = {
  startup: "startup.name_search",
  incubator: "incubator.name_search",
  status: "incubation_records.status",
  started_on: "incubation_records.started_on",
} as const;

function selectRows(query: ReturnType<typeof recordsQuery>, today: string) {
  return query.select([
    "incubation_records.id",
    "incubation_records.status",
    "incubation_records.started_on",
    "incubation_records.planned_end_on",
    "incubation_records.report_period_months",
    "incubation_records.enterprise_tax_code",
    "incubation_records.incubator_id",
    "startup.name as startup_name",
    "incubator.name as incubator_name",
    // Only a running record's milestones can be overdue (milestoneState's rule).
    sql<number>`(select count(*) from milestones m where m.record_id = incubation_records.id and m.done_on is null and m.due_on < ${today} and incubation_records.status in (${sql.join(RUNNING_STATUSES.map((s) => sql.lit(s)))}))`.as(
      "overdue_milestones",
    ),
    sql<
      number | null
    >`(select p.employees from progress_reports p where p.record_id = incubation_records.id order by p.period_start desc limit 1)`.as(
      "latest_employees",
    ),
    sql<number>`(select coalesce(sum(p.revenue_vnd), 0) from progress_reports p where p.record_id = incubation_records.id)`.as(
      "revenue_vnd",
    ),
  ]);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof selectRows>["execute"]>>[number];

/**
 * Adds the count of reporting periods ended without a report (a per-record calendar rule, not a count of rows),
 * from the reported periods of just these records (one indexed query for the page).
 */
async function withMissing(db: DB, rows: RawRow[], now: string) {
  const reported = new Map<string, string[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((row) => row.id);
    const periods = await db
      .selectFrom("progress_reports")
      .select(["record_id", "period_start"])
      .where("record_id", "in", ids)
      .execute();
    for (const period of periods) {
      const starts = reported.get(period.record_id);
      if (starts) starts.push(period.period_start);
      else reported.set(period.record_id, [period.period_start]);
    }
  }
  return rows.map((row) => {
    const missing = expectsReports(row.status)
      ? missingReports(row.started_on, row.report_period_months, reported.get(row.id) ?? [], now, row.planned_end_on)
          .length
      : 0;
    return { ...row, overdue_milestones: Number(row.overdue_milestones), missing_reports: missing };
  });
}

export async function listRecords(db: DB, actor: CurrentUser, state: ListState) {
  const now = nowIso();
  const base = recordsQuery(db, actor, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    selectRows(base, provinceDate(now))
      .orderBy(sortColumn[state.sort], state.dir)
      .orderBy("incubation_records.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(await withMissing(db, rows, now), Number(count), state);
}

export async function recordsForExport(db: DB, actor: CurrentUser, state: ListState, limit: number) {
  const now = nowIso();
  const rows = await selectRows(recordsQuery(db, actor, state), provinceDate(now))
    .orderBy(sortColumn[state.sort], state.dir)
    .orderBy("incubation_records.id")
    .limit(limit)
    .execute();
  return withMissing(db, rows, now);
}

/** The board's figures, as SQL aggregates over the records of a query. Jobs are each record's latest reported employees. */
const TOTALS = [
  sql<number>`count(*)`.as("incubated"),
  sql<number>`coalesce(sum(case when incubation_records.status in (${sql.join(COMPLETED_STATUSES.map((s) => sql.lit(s)))}) then 1 else 0 end), 0)`.as(
    "graduated",
  ),
  sql<number>`coalesce(sum(case when incubation_records.status = 'business_founded' then 1 else 0 end), 0)`.as(
    "businesses",
  ),
  sql<number>`coalesce(sum((select p.employees from progress_reports p where p.record_id = incubation_records.id order by p.period_start desc limit 1)), 0)`.as(
    "jobs",
  ),
  sql<number>`coalesce(sum((select sum(p.revenue_vnd) from progress_reports p where p.record_id = incubation_records.id)), 0)`.as(
    "revenue_vnd",
  ),
];

function totalsOf(row: {
  incubated: number;
  graduated: number;
  businesses: number;
  jobs: number;
  revenue_vnd: number;
}) {
  return {
    incubated: Number(row.incubated),
    graduated: Number(row.graduated),
    businesses: Number(row.businesses),
    jobs: Number(row.jobs),
    revenue_vnd: Number(row.revenue_vnd),
  };
}

/** The board's figures over the same filtered, visible records. */
export async function incubationTotals(db: DB, actor: CurrentUser, state: ListState) {
  return totalsOf(await recordsQuery(db, actor, state).select(TOTALS).executeTakeFirstOrThrow());
}

/** The same figures per start year (the year a record opened), newest first. */
export async function incubationTotalsByYear(db: DB, actor: CurrentUser, state: ListState) {
  const year = sql<string>`substr(incubation_records.started_on, 1, 4)`;
  const rows = await recordsQuery(db, actor, state)
    .select([year.as("year"), ...TOTALS])
    .groupBy(year)
    .orderBy(year, "desc")
    .execute();
  return rows.map((row) => ({ year: row.year, ...totalsOf(row) }));
}

/** One record the actor may see, with what the pages need to decide: 404 when missing or out of the actor's scope. */
export async function getRecord(db: DB, actor: CurrentUser, id: string) {
  const record = await db
    .selectFrom("incubation_records")
    .innerJoin("organisations as startup", "startup.id", "incubation_records.organisation_id")
    .innerJoin("organisations as incubator", "incubator.id", "incubation_records.incubator_id")
    .selectAll("incubation_records")
    .select([
      "startup.name as startup_name",
      "startup.tax_code as startup_tax_code",
      "incubator.name as incubator_name",
    ])
    .where("incubation_records.id", "=", id)
    .where(visibleRecords(actor))
    .executeTakeFirst();
  if (!record) notFound();
  const managesIncubator =
    actor.role === "incubator_manager" &&
    !!(await db
      .selectFrom("memberships")
      .select("user_id")
      .where("user_id", "=", actor.id)
      .where("organisation_id", "=", record.incubator_id)
      .executeTakeFirst());
  return { record, actor: incubationActor(actor.role, managesIncubator) };
}

export async function recordDetails(db: DB, recordId: string) {
  const [mentors, services, milestones, reports] = await Promise.all([
    db
      .selectFrom("incubation_mentors")
      .innerJoin("organisations", "organisations.id", "incubation_mentors.organisation_id")
      .select(["organisations.id", "organisations.name", "incubation_mentors.added_at"])
      .where("incubation_mentors.record_id", "=", recordId)
      .orderBy("organisations.name_search")
      .execute(),
    db
      .selectFrom("incubation_services")
      .selectAll()
      .where("record_id", "=", recordId)
      .orderBy("provided_on")
      .orderBy("id")
      .execute(),
    db.selectFrom("milestones").selectAll().where("record_id", "=", recordId).orderBy("due_on").orderBy("id").execute(),
    db
      .selectFrom("progress_reports")
      .innerJoin("users", "users.id", "progress_reports.submitted_by")
      .selectAll("progress_reports")
      .select("users.full_name as submitted_by_name")
      .where("progress_reports.record_id", "=", recordId)
      .orderBy("progress_reports.period_start")
      .execute(),
  ]);
  return { mentors, services, milestones, reports };
}

export function organisationsOfKind(
  db: DB,
  kinds: ReadonlyArray<"support_organisation" | "expert" | "startup_team" | "enterprise">,
) {
  return db
    .selectFrom("organisations")
    .select(["id", "name", "kind"])
    .where("kind", "in", kinds)
    .orderBy("name_search")
    .limit(2000)
    .execute();
}

/** The incubators a manager may filter by: theirs; staff: all. */
export function incubatorsFor(db: DB, actor: CurrentUser) {
  let query = db
    .selectFrom("organisations")
    .select(["organisations.id", "organisations.name"])
    .where("organisations.kind", "=", "support_organisation");
  if (!isStaff(actor))
    query = query.where(
      "organisations.id",
      "in",
      db.selectFrom("memberships").select("organisation_id").where("user_id", "=", actor.id),
    );
  return query.orderBy("organisations.name_search").execute();
}

/** Prize winners of published results that have no incubation record yet: where a record is opened "from a winner". */
export function awardCandidates(db: DB) {
  return awardedEntriesQuery(db)
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .select([
      "prize_awards.id",
      "prize_awards.rank",
      "competition_editions.name as edition_name",
      "competition_editions.year",
      "competition_prizes.rank_label",
      "competition_entries.project_name",
      "organisations.id as organisation_id",
      "organisations.name as team_name",
    ])
    .where("competition_editions.results_status", "=", "published")
    .where(
      "prize_awards.id",
      "not in",
      db
        .selectFrom("incubation_records")
        .select("source_award_id")
        .where("source_award_id", "is not", null)
        .$narrowType<{ source_award_id: string }>(),
    )
    .orderBy("competition_editions.year", "desc")
    .orderBy("prize_awards.rank")
    .execute();
}

function incubatorsQuery(db: DB, actor: CurrentUser) {
  let query = db
    .selectFrom("organisations")
    .leftJoin("incubator_profiles", "incubator_profiles.organisation_id", "organisations.id")
    .select([
      "organisations.id",
      "organisations.name",
      "incubator_profiles.capacity",
      "incubator_profiles.services_offered",
      "incubator_profiles.description",
      sql<number>`(select count(*) from incubation_records r where r.incubator_id = organisations.id and r.status in ('incubating', 'paused'))`.as(
        "hosting",
      ),
      sql<number>`(select count(*) from incubation_records r where r.incubator_id = organisations.id)`.as("all_time"),
    ])
    .where("organisations.kind", "=", "support_organisation");
  if (!isStaff(actor))
    query = query.where(
      "organisations.id",
      "in",
      db.selectFrom("memberships").select("organisation_id").where("user_id", "=", actor.id),
    );
  return query;
}

/** Incubators (support organisations) with their profile and how many startups they host now; a manager sees theirs. */
export function listIncubators(db: DB, actor: CurrentUser) {
  return incubatorsQuery(db, actor).orderBy("organisations.name_search").limit(500).execute();
}

/** One incubator with its profile, for staff or its own manager; 404 otherwise. */
export async function getIncubator(db: DB, actor: CurrentUser, id: string) {
  const incubator = await incubatorsQuery(db, actor).where("organisations.id", "=", id).executeTakeFirst();
  if (!incubator) notFound();
  return incubator;
}
