import {
  expressionBuilder,
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from "kysely";
import type { Database, DossierStatus, EnterpriseSize, SupportProgramme } from "../../../db/types";
import type { CurrentUser } from "../../lib/auth.server";
import { isStaff } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import type { DateRange } from "../../lib/working-days";
import { checklistWithFiles } from "../attachments/queries.server";
import { DOSSIER_STATUSES, type DossierActor } from "./workflow";
import { containsKey } from "../../lib/search-sql";

/** The statuses in which something is pending on the department's side, shown on the desk by default. */
export const OPEN_STATUSES = [
  "submitted",
  "received",
  "supplement_requested",
  "complete",
  "under_appraisal",
  "proposed",
  "approved",
] as const satisfies readonly DossierStatus[];

/** The statuses in which the department owes the next step by a due date (a supplement's deadline is the enterprise's). */
export const DEPARTMENT_DUE_STATUSES = [
  "submitted",
  "received",
  "complete",
  "under_appraisal",
  "proposed",
] as const satisfies readonly DossierStatus[];

/**
 * The one SQL rule of "overdue" and "due today" for the department: a step it owes (not the enterprise's supplement)
 * whose stored due date has passed, or is today. A paused programme's dossiers have no due date (`dossierDueOn`), so
 * none of them is overdue; the desk's marks (`DueMark`, `dueState`) read the same stored date.
 */
export function departmentOverdue(eb: ExpressionBuilder<Database, "support_dossiers">, today: string) {
  return eb.and([
    eb("support_dossiers.status", "in", DEPARTMENT_DUE_STATUSES),
    eb("support_dossiers.due_on", "<", today),
  ]);
}

export function departmentDueToday(eb: ExpressionBuilder<Database, "support_dossiers">, today: string) {
  return eb.and([
    eb("support_dossiers.status", "in", DEPARTMENT_DUE_STATUSES),
    eb("support_dossiers.due_on", "=", today),
  ]);
}

/**
 * The dossiers an actor may see, as the SQL `where`: staff (staff, leaders, admins) all filed ones, an applicant
 * those of their own organisations (drafts included); anyone else none (403).
 */
export function visibleDossiers(actor: Pick<CurrentUser, "id" | "role">): Expression<SqlBool> {
  const eb = expressionBuilder<Database, "support_dossiers">();
  if (isStaff(actor)) return eb("support_dossiers.status", "!=", "draft");
  if (actor.role === "applicant")
    return eb(
      "support_dossiers.organisation_id",
      "in",
      eb.selectFrom("memberships").select("memberships.organisation_id").where("memberships.user_id", "=", actor.id),
    );
  forbidden();
}

/** Staff process, leaders decide; an admin processes like staff but never decides (see workflow.ts). */
export function dossierActorOf(role: CurrentUser["role"], isOwner: boolean): DossierActor {
  if (role === "leader") return "leader";
  if (role === "staff" || role === "admin") return "staff";
  if (role === "applicant" && isOwner) return "owner";
  return "other";
}

export const DOSSIER_LIST = {
  sortable: ["due_on", "receipt_number", "enterprise", "status", "requested_vnd", "submitted_at"],
  defaultSort: "due_on",
  defaultDir: "asc",
  filters: ["status", "type", "scale", "due", "year"],
} as const;

/** The desk's list state: it opens on what is still in progress; `?status=` (empty) shows every dossier. The desk and its export read it alike. */
export function dossierListState(search: URLSearchParams) {
  const state = readListState(search, DOSSIER_LIST);
  if (!search.has("status")) state.filters.status = "open";
  return state;
}
type ListState = ReturnType<typeof dossierListState>;

function desk(db: DB, actor: CurrentUser, state: ListState, today: string) {
  // Filters touch the dossiers alone (the name search as a subquery), so that counting and paging never join.
  let query = db.selectFrom("support_dossiers").where(visibleDossiers(actor));
  if (state.q) {
    const q = state.q.trim();
    query = query.where((eb) =>
      eb.or([
        eb(
          "support_dossiers.organisation_id",
          "in",
          eb
            .selectFrom("organisations")
            .select("organisations.id")
            .where(containsKey("organisations.name_search", searchKey(q))),
        ),
        eb("support_dossiers.receipt_number", "=", q.toUpperCase()),
      ]),
    );
  }
  const status = state.filters.status;
  if (status === "open") query = query.where("support_dossiers.status", "in", OPEN_STATUSES);
  else if (status && (DOSSIER_STATUSES as readonly string[]).includes(status))
    query = query.where("support_dossiers.status", "=", status as DossierStatus);
  if (state.filters.type) query = query.where("support_dossiers.support_type_id", "=", state.filters.type);
  if (state.filters.scale)
    query = query.where("support_dossiers.enterprise_size", "=", state.filters.scale as EnterpriseSize);
  if (state.filters.year && /^\d{4}$/.test(state.filters.year))
    query = query.where("support_dossiers.support_year", "=", Number(state.filters.year));
  if (state.filters.due === "overdue") query = query.where((eb) => departmentOverdue(eb, today));
  if (state.filters.due === "today") query = query.where((eb) => departmentDueToday(eb, today));
  return query;
}

const SORT = {
  // Nothing due sorts last whichever the direction: the desk reads "what is due soonest" from the top.
  due_on: sql`coalesce(support_dossiers.due_on, '9999-12-31')`,
  receipt_number: "support_dossiers.receipt_number",
  enterprise: sql.ref("organisations.name_search"),
  status: "support_dossiers.status",
  requested_vnd: "support_dossiers.requested_vnd",
  submitted_at: "support_dossiers.submitted_at",
} as const;

/** The page's dossiers: their ids sorted and paged on the dossiers alone (joined only to sort by name), then their rows. */
async function deskPage(db: DB, query: ReturnType<typeof desk>, state: ListState, limit: number, offset: number) {
  const ordered =
    state.sort === "enterprise"
      ? query.innerJoin("organisations", "organisations.id", "support_dossiers.organisation_id")
      : query;
  const ids = (
    await ordered
      .select("support_dossiers.id")
      .orderBy(SORT[state.sort], state.dir)
      .orderBy("support_dossiers.id", state.dir)
      .limit(limit)
      .offset(offset)
      .execute()
  ).map((r) => r.id);
  if (!ids.length) return [];
  const rows = await deskRows(db.selectFrom("support_dossiers").where("support_dossiers.id", "in", ids)).execute();
  const position = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

function deskRows(query: SelectQueryBuilder<Database, "support_dossiers", object>) {
  return query
    .innerJoin("organisations", "organisations.id", "support_dossiers.organisation_id")
    .innerJoin("support_types", "support_types.id", "support_dossiers.support_type_id")
    .select([
      "support_dossiers.id",
      "support_dossiers.receipt_number",
      "support_dossiers.status",
      "support_dossiers.support_year",
      "support_dossiers.requested_vnd",
      "support_dossiers.approved_vnd",
      "support_dossiers.paid_vnd",
      "support_dossiers.enterprise_size",
      "support_dossiers.is_priority",
      "support_dossiers.submitted_at",
      "support_dossiers.due_on",
      "organisations.name as enterprise_name",
      "organisations.tax_code",
      "support_types.name as support_type_name",
    ]);
}

export async function listDossiers(db: DB, actor: CurrentUser, state: ListState, today: string) {
  const base = desk(db, actor, state, today);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    deskPage(db, base, state, state.pageSize, offsetOf(state)),
  ]);
  return toPage(rows, Number(count), state);
}

export function dossiersForExport(db: DB, actor: CurrentUser, state: ListState, today: string, limit: number) {
  return deskPage(db, desk(db, actor, state, today), state, limit, 0);
}

/**
 * The desk's figures: every filed dossier the actor sees, counted by where it stands, and the money, by SQL. They do
 * not follow the list's filters (a status filter would empty "paid"), only its support year, which the page names.
 */
export async function dossierFigures(db: DB, actor: CurrentUser, state: ListState, today: string) {
  const filters: Record<string, string> = state.filters.year ? { year: state.filters.year } : {};
  const filed = desk(db, actor, { ...state, q: "", filters }, today);
  // Grouped by status on a covering index (support_dossiers_figures_idx), the two deadline counts on its range:
  // no row of the table is read, and no expression is worked out for each of them.
  const [byStatus, overdue, dueToday] = await Promise.all([
    filed
      .select((eb) => [
        "support_dossiers.status",
        eb.fn.countAll<number>().as("count"),
        eb.fn.sum<number | null>("support_dossiers.requested_vnd").as("requested_vnd"),
        eb.fn.sum<number | null>("support_dossiers.approved_vnd").as("approved_vnd"),
        eb.fn.sum<number | null>("support_dossiers.paid_vnd").as("paid_vnd"),
      ])
      .groupBy("support_dossiers.status")
      .execute(),
    filed
      .where((eb) => departmentOverdue(eb, today))
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
    filed
      .where((eb) => departmentDueToday(eb, today))
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  const total = (rows: typeof byStatus, value: (row: (typeof byStatus)[number]) => number | null) =>
    rows.reduce((sum, row) => sum + Number(value(row) ?? 0), 0);
  return {
    filed: total(byStatus, (row) => row.count),
    open: total(
      byStatus.filter((row) => (OPEN_STATUSES as readonly string[]).includes(row.status)),
      (row) => row.count,
    ),
    overdue: Number(overdue.count),
    dueToday: Number(dueToday.count),
    requestedVnd: total(
      byStatus.filter((row) => row.status !== "withdrawn"),
      (row) => row.requested_vnd,
    ),
    approvedVnd: total(byStatus, (row) => row.approved_vnd),
    paidVnd: total(byStatus, (row) => row.paid_vnd),
  };
}

/** The programme's money per year against its budget: approved and paid by support year, one grouped query. */
export async function programmeTotals(db: DB, programmeId: string) {
  const [budgets, sums] = await Promise.all([
    db
      .selectFrom("programme_budgets")
      .select(["year", "amount_vnd"])
      .where("programme_id", "=", programmeId)
      .orderBy("year")
      .execute(),
    db
      .selectFrom("support_dossiers")
      .select([
        "support_year",
        sql<number>`count(*)`.as("filed"),
        sql<number>`coalesce(sum(requested_vnd), 0)`.as("requested_vnd"),
        sql<number>`coalesce(sum(approved_vnd), 0)`.as("approved_vnd"),
        sql<number>`coalesce(sum(paid_vnd), 0)`.as("paid_vnd"),
      ])
      .where("programme_id", "=", programmeId)
      .where("status", "not in", ["draft", "withdrawn"])
      .groupBy("support_year")
      .execute(),
  ]);
  const years = [...new Set([...budgets.map((b) => b.year), ...sums.map((s) => s.support_year)])].sort();
  return years.map((year) => {
    const sum = sums.find((s) => s.support_year === year);
    return {
      year,
      budgetVnd: budgets.find((b) => b.year === year)?.amount_vnd ?? null,
      filed: Number(sum?.filed ?? 0),
      requestedVnd: Number(sum?.requested_vnd ?? 0),
      approvedVnd: Number(sum?.approved_vnd ?? 0),
      paidVnd: Number(sum?.paid_vnd ?? 0),
    };
  });
}

/** Every year of the programme gets a row, budget set or not, plus any year dossiers were filed for outside it. */
export async function programmeBudgetRows(db: DB, programme: SupportProgramme) {
  const totals = await programmeTotals(db, programme.id);
  const years = new Set(totals.map((row) => row.year));
  for (let year = programme.first_year; year <= programme.last_year; year++) years.add(year);
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const row = totals.find((r) => r.year === year) ?? {
        year,
        budgetVnd: null,
        filed: 0,
        requestedVnd: 0,
        approvedVnd: 0,
        paidVnd: 0,
      };
      return { ...row, remainingVnd: row.budgetVnd === null ? null : row.budgetVnd - row.approvedVnd };
    });
}

/** One dossier the actor may see (404 otherwise), with the names the pages show and the actor's part in it. */
export async function getDossier(db: DB, actor: CurrentUser, id: string) {
  const dossier = await db
    .selectFrom("support_dossiers")
    .innerJoin("organisations", "organisations.id", "support_dossiers.organisation_id")
    .innerJoin("support_types", "support_types.id", "support_dossiers.support_type_id")
    .innerJoin("support_programmes", "support_programmes.id", "support_dossiers.programme_id")
    .selectAll("support_dossiers")
    .select([
      "organisations.name as enterprise_name",
      "organisations.tax_code",
      "organisations.address_line",
      "organisations.commune",
      "organisations.province",
      "support_types.name as support_type_name",
      "support_types.article",
      "support_types.startups_only",
      "support_programmes.name as programme_name",
      "support_programmes.status as programme_status",
      "support_programmes.status_reason as programme_status_reason",
      "support_programmes.paused_intake",
    ])
    .where("support_dossiers.id", "=", id)
    .where(visibleDossiers(actor))
    .executeTakeFirst();
  if (!dossier) notFound();
  const owner =
    actor.role === "applicant" &&
    !!(await db
      .selectFrom("memberships")
      .select("user_id")
      .where("user_id", "=", actor.id)
      .where("organisation_id", "=", dossier.organisation_id)
      .executeTakeFirst());
  return { dossier, actor: dossierActorOf(actor.role, owner) };
}

/** The checklist of a dossier's support type with the files uploaded against each item (and any extra files). */
export async function dossierDocuments(db: DB, dossierId: string, supportTypeId: string) {
  const requirements = await db
    .selectFrom("support_type_documents")
    .selectAll()
    .where("support_type_id", "=", supportTypeId)
    .orderBy("position")
    .execute();
  return checklistWithFiles(db, "support_dossier", dossierId, requirements);
}

export function myDossiers(db: DB, actor: CurrentUser) {
  return db
    .selectFrom("support_dossiers")
    .innerJoin("organisations", "organisations.id", "support_dossiers.organisation_id")
    .innerJoin("support_types", "support_types.id", "support_dossiers.support_type_id")
    .select([
      "support_dossiers.id",
      "support_dossiers.status",
      "support_dossiers.receipt_number",
      "support_dossiers.requested_vnd",
      "support_dossiers.approved_vnd",
      "support_dossiers.due_on",
      "support_dossiers.updated_at",
      "organisations.name as enterprise_name",
      "support_types.name as support_type_name",
    ])
    .where(visibleDossiers(actor))
    .orderBy("support_dossiers.updated_at", "desc")
    .limit(200)
    .execute();
}

/** The enterprises an applicant acts for (their organisations of kind enterprise or startup team). */
export function myEnterprises(db: DB, actor: CurrentUser) {
  return db
    .selectFrom("organisations")
    .innerJoin("memberships", "memberships.organisation_id", "organisations.id")
    .leftJoin("enterprise_profiles", "enterprise_profiles.organisation_id", "organisations.id")
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.tax_code",
      "organisations.founded_on",
      "enterprise_profiles.size",
      "enterprise_profiles.declared_at",
    ])
    .where("memberships.user_id", "=", actor.id)
    .where("organisations.kind", "in", ["enterprise", "startup_team"])
    .orderBy("organisations.name_search")
    .execute();
}

export function enterpriseProfile(db: DB, organisationId: string) {
  return db
    .selectFrom("enterprise_profiles")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** The programme new dossiers go to: the newest one that is not closed. */
export function currentProgramme(db: DB) {
  return db
    .selectFrom("support_programmes")
    .selectAll()
    .where("status", "!=", "closed")
    .orderBy("last_year", "desc")
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

export async function getProgramme(db: DB, id: string) {
  const programme = await db.selectFrom("support_programmes").selectAll().where("id", "=", id).executeTakeFirst();
  if (!programme) notFound();
  return programme;
}

/** The programme the programme page (and its export) shows: the one asked for (404 if unknown), else the open one, else the latest. */
export async function programmeShown(db: DB, requested: string | null) {
  if (requested) return getProgramme(db, requested);
  return (await currentProgramme(db)) ?? (await listProgrammes(db))[0] ?? null;
}

export function listProgrammes(db: DB) {
  return db.selectFrom("support_programmes").selectAll().orderBy("last_year", "desc").limit(50).execute();
}

/** The support types of a programme with their rules per size, in the order staff set. */
export async function supportTypesOf(db: DB, programmeId: string) {
  const [types, rules, documents] = await Promise.all([
    db.selectFrom("support_types").selectAll().where("programme_id", "=", programmeId).orderBy("position").execute(),
    db
      .selectFrom("support_type_rules")
      .innerJoin("support_types", "support_types.id", "support_type_rules.support_type_id")
      .selectAll("support_type_rules")
      .where("support_types.programme_id", "=", programmeId)
      .execute(),
    db
      .selectFrom("support_type_documents")
      .innerJoin("support_types", "support_types.id", "support_type_documents.support_type_id")
      .selectAll("support_type_documents")
      .where("support_types.programme_id", "=", programmeId)
      .orderBy("support_type_documents.position")
      .execute(),
  ]);
  return types.map((type) => ({
    ...type,
    rules: rules.filter((r) => r.support_type_id === type.id),
    documents: documents.filter((d) => d.support_type_id === type.id),
  }));
}

export async function programmePauses(db: DB, programmeId: string): Promise<DateRange[]> {
  const rows = await db
    .selectFrom("programme_pauses")
    .select(["from_on", "to_on"])
    .where("programme_id", "=", programmeId)
    .orderBy("from_on")
    .execute();
  return rows.map((r) => ({ from: r.from_on, to: r.to_on }));
}

export function pauseHistory(db: DB, programmeId: string) {
  return db
    .selectFrom("programme_pauses")
    .selectAll()
    .where("programme_id", "=", programmeId)
    .orderBy("from_on", "desc")
    .execute();
}

/** Support the enterprise already has for a type in a year (approved or paid, other dossiers): it counts against a yearly cap. */
export async function receivedThisYear(
  db: DB,
  organisationId: string,
  supportTypeId: string,
  year: number,
  exceptDossierId: string,
): Promise<number> {
  const row = await db
    .selectFrom("support_dossiers")
    .select(sql<number>`coalesce(sum(coalesce(paid_vnd, approved_vnd)), 0)`.as("total"))
    .where("organisation_id", "=", organisationId)
    .where("support_type_id", "=", supportTypeId)
    .where("support_year", "=", year)
    .where("status", "in", ["approved", "paid", "closed"])
    .where("id", "!=", exceptDossierId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** What the department owes now, for the staff's and leaders' home page: overdue and due today. */
export async function dossiersDue(db: DB, today: string) {
  const row = await db
    .selectFrom("support_dossiers")
    .select([
      (eb) =>
        eb.fn
          .coalesce(eb.fn.sum<number>(eb.case().when(departmentOverdue(eb, today)).then(1).else(0).end()), eb.lit(0))
          .as("overdue"),
      (eb) =>
        eb.fn
          .coalesce(eb.fn.sum<number>(eb.case().when(departmentDueToday(eb, today)).then(1).else(0).end()), eb.lit(0))
          .as("due_today"),
    ])
    .where("support_dossiers.status", "in", DEPARTMENT_DUE_STATUSES)
    .where("support_dossiers.due_on", "<=", today)
    .executeTakeFirstOrThrow();
  return { overdue: Number(row.overdue), dueToday: Number(row.due_today) };
}

/** The programme by id, or (none given) the one open to filings: the latest still running. */
export async function openProgrammeFor(trx: DB, programmeId?: string) {
  let query = trx.selectFrom("support_programmes").selectAll();
  query = programmeId
    ? query.where("id", "=", programmeId)
    : query.where("status", "!=", "closed").orderBy("last_year", "desc").orderBy("created_at", "desc");
  return query.executeTakeFirst();
}
