import { expressionBuilder, sql, type Expression, type SqlBool } from "kysely";
import type { Database, TechApplicationStatus, TechOutreachChannel, TechPipelineStage } from "../../../db/types";
import { isStaff, type CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { provinceLocalToIso } from "../../lib/province-time";
import { dossierActorOf } from "../sme/queries.server";
import { APPLICATION_STATUSES, PIPELINE_STAGES, type ApplicationActor, type Criterion, type LevelBand } from "./rules";
import { OUTREACH_CHANNELS } from "./schemas";
import { checklistWithFiles } from "../attachments/queries.server";
import { containsKey, containsText, startsWithText } from "../../lib/search-sql";

/**
 * The applications an actor may see, as the SQL `where`: staff, leaders and admins every filed one; an applicant
 * those of their own organisations (drafts included); anyone else none (403).
 */
export function visibleApplications(actor: Pick<CurrentUser, "id" | "role">): Expression<SqlBool> {
  const eb = expressionBuilder<Database, "tech_applications">();
  if (isStaff(actor)) return eb("tech_applications.status", "!=", "draft");
  if (actor.role === "applicant")
    return eb(
      "tech_applications.organisation_id",
      "in",
      eb.selectFrom("memberships").select("memberships.organisation_id").where("memberships.user_id", "=", actor.id),
    );
  forbidden();
}

function applicationQuery(db: DB) {
  return db
    .selectFrom("tech_applications")
    .innerJoin("organisations", "organisations.id", "tech_applications.organisation_id")
    .leftJoin("tech_certificates", "tech_certificates.application_id", "tech_applications.id");
}

/** One application the actor may see (404 otherwise), with its enterprise, its certificate and the actor's part in it. */
export async function getApplication(
  db: DB,
  actor: CurrentUser,
  id: string,
): Promise<{ application: Awaited<ReturnType<typeof fetchApplication>> & object; actor: ApplicationActor }> {
  const application = await fetchApplication(db, actor, id);
  if (!application) notFound();
  const owner =
    actor.role === "applicant" &&
    !!(await db
      .selectFrom("memberships")
      .select("user_id")
      .where("user_id", "=", actor.id)
      .where("organisation_id", "=", application.organisation_id)
      .executeTakeFirst());
  return { application, actor: dossierActorOf(actor.role, owner) };
}

function fetchApplication(db: DB, actor: CurrentUser, id: string) {
  return applicationQuery(db)
    .selectAll("tech_applications")
    .select([
      "organisations.name as enterprise_name",
      "organisations.tax_code",
      "organisations.address_line",
      "organisations.commune",
      "organisations.province",
      "organisations.sector",
      "tech_certificates.id as certificate_id",
      "tech_certificates.number as certificate_number",
      "tech_certificates.verification_code",
      "tech_certificates.issued_at as certificate_issued_at",
      "tech_certificates.signer_name",
      "tech_certificates.signer_title",
      "tech_certificates.revoked_at",
      "tech_certificates.revoke_reason",
    ])
    .where("tech_applications.id", "=", id)
    .where(visibleApplications(actor))
    .executeTakeFirst();
}

/** The programme's checklist with the files uploaded against each item; `missing` lists the required ones not there yet. */
export async function applicationDocuments(db: DB, applicationId: string) {
  const requirements = await db.selectFrom("tech_document_requirements").selectAll().orderBy("position").execute();
  return checklistWithFiles(db, "tech_application", applicationId, requirements);
}

export function progressNotes(db: DB, applicationId: string) {
  return db
    .selectFrom("tech_progress_notes")
    .innerJoin("users", "users.id", "tech_progress_notes.reported_by")
    .select([
      "tech_progress_notes.id",
      "tech_progress_notes.status",
      "tech_progress_notes.note",
      "tech_progress_notes.reported_on",
      "users.full_name as reporter",
    ])
    .where("application_id", "=", applicationId)
    .orderBy("tech_progress_notes.created_at", "desc")
    .limit(200)
    .execute();
}

// ——— The staff's list of applications ———

export const APPLICATION_LIST = {
  sortable: ["due_on", "enterprise", "status", "requested", "submitted_at"],
  defaultSort: "due_on",
  defaultDir: "asc",
  filters: ["status", "implementation", "year"],
} as const;

export function applicationListState(search: URLSearchParams) {
  return readListState(search, APPLICATION_LIST);
}
type ListState = ReturnType<typeof applicationListState>;

function desk(db: DB, actor: CurrentUser, state: ListState) {
  let query = applicationQuery(db).where(visibleApplications(actor));
  if (state.q) query = query.where(containsKey("organisations.name_search", searchKey(state.q)));
  const status = state.filters.status;
  if (status && (APPLICATION_STATUSES as readonly string[]).includes(status))
    query = query.where("tech_applications.status", "=", status as TechApplicationStatus);
  const implementation = state.filters.implementation;
  if (implementation === "none") query = query.where("tech_applications.implementation_status", "is", null);
  else if (implementation && ["implementing", "stalled", "completed", "accepted", "cancelled"].includes(implementation))
    query = query.where("tech_applications.implementation_status", "=", implementation as "stalled");
  // The year the application was filed, on the province's calendar (1/1 06:00 in Quảng Ngãi is still 31/12 in UTC).
  if (state.filters.year && /^\d{4}$/.test(state.filters.year))
    query = query
      .where("tech_applications.submitted_at", ">=", provinceLocalToIso(`${state.filters.year}-01-01T00:00`)!)
      .where(
        "tech_applications.submitted_at",
        "<",
        provinceLocalToIso(`${Number(state.filters.year) + 1}-01-01T00:00`)!,
      );
  return query;
}

const SORT = {
  due_on: sql`coalesce(tech_applications.due_on, '9999-12-31')`,
  enterprise: "organisations.name_search",
  status: "tech_applications.status",
  requested: "tech_applications.requested_support_vnd",
  submitted_at: "tech_applications.submitted_at",
} as const;

function deskRows(query: ReturnType<typeof desk>) {
  return query.select([
    "tech_applications.id",
    "tech_applications.status",
    "tech_applications.kind",
    "tech_applications.technology",
    "tech_applications.total_investment_vnd",
    "tech_applications.own_funds_vnd",
    "tech_applications.requested_support_vnd",
    "tech_applications.submitted_at",
    "tech_applications.due_on",
    "tech_applications.implementation_status",
    "tech_applications.implementation_reason",
    "organisations.name as enterprise_name",
    "organisations.tax_code",
    "tech_certificates.number as certificate_number",
    "tech_certificates.revoked_at",
  ]);
}

export async function listApplications(db: DB, actor: CurrentUser, state: ListState) {
  const base = desk(db, actor, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    deskRows(base)
      .orderBy(SORT[state.sort], state.dir)
      .orderBy("tech_applications.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

export function applicationsForExport(db: DB, actor: CurrentUser, state: ListState, limit: number) {
  return deskRows(desk(db, actor, state))
    .orderBy(SORT[state.sort], state.dir)
    .orderBy("tech_applications.id")
    .limit(limit)
    .execute();
}

/** An applicant's own applications (all of their organisations), newest first. */
export function myApplications(db: DB, actor: CurrentUser) {
  return applicationQuery(db)
    .select([
      "tech_applications.id",
      "tech_applications.status",
      "tech_applications.technology",
      "tech_applications.requested_support_vnd",
      "tech_applications.due_on",
      "tech_applications.implementation_status",
      "tech_applications.updated_at",
      "organisations.name as enterprise_name",
      "tech_certificates.number as certificate_number",
      "tech_certificates.revoked_at",
    ])
    .where(visibleApplications(actor))
    .orderBy("tech_applications.updated_at", "desc")
    .limit(200)
    .execute();
}

// ——— Certificates ———

/** A certificate for its PDF: the application must be visible to the actor, approved and its certificate not revoked. */
export async function certificateOf(db: DB, actor: CurrentUser, applicationId: string) {
  const { application } = await getApplication(db, actor, applicationId);
  if (application.status !== "approved" || !application.certificate_id || application.revoked_at) notFound();
  return application;
}

/** The public check behind a participation certificate's QR code: number, enterprise, technology, whether revoked. No contacts. */
export function verifiedTechCertificate(db: DB, code: string) {
  return db
    .selectFrom("tech_certificates")
    .innerJoin("tech_applications", "tech_applications.id", "tech_certificates.application_id")
    .innerJoin("organisations", "organisations.id", "tech_applications.organisation_id")
    .select([
      "tech_certificates.number",
      "tech_certificates.verification_code as code",
      "tech_certificates.issued_at",
      "tech_certificates.revoked_at",
      "tech_certificates.revoke_reason",
      "organisations.name as enterprise_name",
      "organisations.tax_code",
      "tech_applications.technology",
      "tech_applications.kind",
    ])
    .where("tech_certificates.verification_code", "=", code)
    .executeTakeFirst();
}

// ——— The pipeline ———

/** Enterprises per stage, one grouped query over the stored stages. */
export async function pipelineCounts(db: DB): Promise<Record<TechPipelineStage, number>> {
  const rows = await db
    .selectFrom("tech_enterprise_stages")
    .select(["stage", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("stage")
    .execute();
  const counts = Object.fromEntries(PIPELINE_STAGES.map((stage) => [stage, 0])) as Record<TechPipelineStage, number>;
  for (const row of rows) counts[row.stage] = Number(row.count);
  return counts;
}

/** Certified projects that stopped: stalled or cancelled with their reason, or a revoked certificate. */
export function stalledProjects(db: DB) {
  return applicationQuery(db)
    .select([
      "tech_applications.id",
      "tech_applications.technology",
      "tech_applications.implementation_status",
      "tech_applications.implementation_reason",
      "tech_applications.own_funds_vnd",
      "tech_applications.updated_at",
      "organisations.id as organisation_id",
      "organisations.name as enterprise_name",
      "tech_certificates.number as certificate_number",
      "tech_certificates.revoked_at",
      "tech_certificates.revoke_reason",
    ])
    .where("tech_applications.status", "=", "approved")
    .where((eb) =>
      eb.or([
        eb("tech_applications.implementation_status", "in", ["stalled", "cancelled"]),
        eb("tech_certificates.revoked_at", "is not", null),
      ]),
    )
    .orderBy("tech_applications.updated_at", "desc")
    .limit(100)
    .execute();
}

/** Enterprises at one stage, for the board's drill-down. */
export function enterprisesAtStage(db: DB, stage: TechPipelineStage, limit = 50) {
  return db
    .selectFrom("tech_enterprise_stages")
    .innerJoin("organisations", "organisations.id", "tech_enterprise_stages.organisation_id")
    .select(["organisations.id", "organisations.name", "organisations.tax_code", "tech_enterprise_stages.updated_at"])
    .where("tech_enterprise_stages.stage", "=", stage)
    .orderBy("tech_enterprise_stages.updated_at", "desc")
    .limit(limit)
    .execute();
}

/**
 * The enterprises of the pipeline for its export: every stage in the board's order (or the one stage the board
 * shows), then by name; one query, at most `limit` rows.
 */
export async function pipelineForExport(db: DB, stage: TechPipelineStage | null, limit: number) {
  let query = db
    .selectFrom("tech_enterprise_stages")
    .innerJoin("organisations", "organisations.id", "tech_enterprise_stages.organisation_id")
    .select([
      "organisations.name",
      "organisations.tax_code",
      "tech_enterprise_stages.stage",
      "tech_enterprise_stages.updated_at",
    ]);
  if (stage) query = query.where("tech_enterprise_stages.stage", "=", stage);
  const rows = await query.orderBy("organisations.name_search").orderBy("organisations.id").limit(limit).execute();
  const order = new Map(PIPELINE_STAGES.map((s, i) => [s, i]));
  // A stable sort keeps the names' order inside each stage.
  return rows.sort((a, b) => order.get(a.stage)! - order.get(b.stage)!);
}

// ——— Outreach, consultations, assessments ———

export const CAMPAIGN_LIST = {
  sortable: ["held_on", "title", "reached"],
  defaultSort: "held_on",
  defaultDir: "desc",
  filters: ["channel", "year"],
} as const;

export function campaignListState(search: URLSearchParams) {
  return readListState(search, CAMPAIGN_LIST);
}

function campaignQuery(db: DB, state: ReturnType<typeof campaignListState>) {
  let query = db.selectFrom("tech_outreach_campaigns");
  if (state.q) query = query.where(containsText("tech_outreach_campaigns.title", state.q));
  const channel = state.filters.channel as TechOutreachChannel | undefined;
  if (channel && (OUTREACH_CHANNELS as readonly string[]).includes(channel))
    query = query.where("tech_outreach_campaigns.channel", "=", channel);
  if (state.filters.year && /^\d{4}$/.test(state.filters.year))
    query = query.where(startsWithText("tech_outreach_campaigns.held_on", `${state.filters.year}-`));
  return query;
}

function campaignRows(query: ReturnType<typeof campaignQuery>) {
  return query.select([
    "tech_outreach_campaigns.id",
    "tech_outreach_campaigns.title",
    "tech_outreach_campaigns.channel",
    "tech_outreach_campaigns.held_on",
    "tech_outreach_campaigns.note",
    (eb) =>
      eb
        .selectFrom("tech_outreach_recipients")
        .select((sub) => sub.fn.countAll<number>().as("n"))
        .whereRef("tech_outreach_recipients.campaign_id", "=", "tech_outreach_campaigns.id")
        .as("reached"),
  ]);
}

const CAMPAIGN_SORT = {
  held_on: "tech_outreach_campaigns.held_on",
  title: "tech_outreach_campaigns.title",
  reached: "reached",
} as const;

export async function listCampaigns(db: DB, state: ReturnType<typeof campaignListState>) {
  const base = campaignQuery(db, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    campaignRows(base)
      .orderBy(CAMPAIGN_SORT[state.sort], state.dir)
      .orderBy("tech_outreach_campaigns.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(
    rows.map((row) => ({ ...row, reached: Number(row.reached) })),
    Number(count),
    state,
  );
}

export async function campaignsForExport(db: DB, state: ReturnType<typeof campaignListState>, limit: number) {
  const rows = await campaignRows(campaignQuery(db, state))
    .orderBy(CAMPAIGN_SORT[state.sort], state.dir)
    .orderBy("tech_outreach_campaigns.id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, reached: Number(row.reached) }));
}

/** One campaign (404 otherwise) with the number of enterprises it reached. */
export async function getCampaign(db: DB, id: string) {
  const campaign = await db.selectFrom("tech_outreach_campaigns").selectAll().where("id", "=", id).executeTakeFirst();
  if (!campaign) notFound();
  const { count } = await db
    .selectFrom("tech_outreach_recipients")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("campaign_id", "=", id)
    .executeTakeFirstOrThrow();
  return { campaign, total: Number(count) };
}

export const RECIPIENT_LIST = { sortable: ["name"], defaultSort: "name", defaultDir: "asc" } as const;

export function recipientListState(search: URLSearchParams) {
  return readListState(search, RECIPIENT_LIST);
}

function recipientQuery(db: DB, campaignId: string, state: ReturnType<typeof recipientListState>) {
  let query = db
    .selectFrom("tech_outreach_recipients")
    .innerJoin("organisations", "organisations.id", "tech_outreach_recipients.organisation_id")
    .where("tech_outreach_recipients.campaign_id", "=", campaignId);
  if (state.q) {
    const q = state.q;
    query = query.where((eb) =>
      eb.or([containsKey("organisations.name_search", searchKey(q)), containsText("organisations.tax_code", q)]),
    );
  }
  return query;
}

function recipientRows(query: ReturnType<typeof recipientQuery>, state: ReturnType<typeof recipientListState>) {
  return query
    .select(["organisations.id", "organisations.name", "organisations.tax_code", "organisations.sector"])
    .orderBy("organisations.name_search", state.dir)
    .orderBy("organisations.id");
}

/** The enterprises one campaign reached, a page at a time. */
export async function listRecipients(db: DB, campaignId: string, state: ReturnType<typeof recipientListState>) {
  const base = recipientQuery(db, campaignId, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    recipientRows(base, state).limit(state.pageSize).offset(offsetOf(state)).execute(),
  ]);
  return toPage(rows, Number(count), state);
}

export function recipientsForExport(
  db: DB,
  campaignId: string,
  state: ReturnType<typeof recipientListState>,
  limit: number,
) {
  return recipientRows(recipientQuery(db, campaignId, state), state)
    .limit(limit)
    .execute();
}

/** What the programme did with one enterprise: outreach, consultations, assessments, applications, and its stage. */
export async function enterpriseHistory(db: DB, organisationId: string) {
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "name", "tax_code", "sector", "commune", "province", "kind"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!organisation) notFound();
  const [stage, campaigns, consultations, assessments, applications] = await Promise.all([
    db
      .selectFrom("tech_enterprise_stages")
      .select("stage")
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst(),
    db
      .selectFrom("tech_outreach_recipients")
      .innerJoin("tech_outreach_campaigns", "tech_outreach_campaigns.id", "tech_outreach_recipients.campaign_id")
      .select([
        "tech_outreach_campaigns.id",
        "tech_outreach_campaigns.title",
        "tech_outreach_campaigns.channel",
        "tech_outreach_campaigns.held_on",
      ])
      .where("tech_outreach_recipients.organisation_id", "=", organisationId)
      .orderBy("tech_outreach_campaigns.held_on", "desc")
      .execute(),
    db
      .selectFrom("tech_consultations")
      .selectAll()
      .where("organisation_id", "=", organisationId)
      .orderBy("held_on", "desc")
      .execute(),
    db
      .selectFrom("tech_assessments")
      .innerJoin("tech_level_bands", "tech_level_bands.code", "tech_assessments.level_code")
      .select([
        "tech_assessments.id",
        "tech_assessments.year",
        "tech_assessments.assessed_on",
        "tech_assessments.t_score",
        "tech_assessments.e_score",
        "tech_assessments.o_score",
        "tech_assessments.r_score",
        "tech_assessments.i_score",
        "tech_assessments.total",
        "tech_assessments.coefficient",
        "tech_assessments.settings_verified",
        "tech_level_bands.name as level_name",
      ])
      .where("tech_assessments.organisation_id", "=", organisationId)
      .orderBy("tech_assessments.year", "desc")
      .execute(),
    applicationQuery(db)
      .select([
        "tech_applications.id",
        "tech_applications.status",
        "tech_applications.technology",
        "tech_applications.implementation_status",
        "tech_applications.submitted_at",
        "tech_certificates.number as certificate_number",
        "tech_certificates.revoked_at",
      ])
      .where("tech_applications.organisation_id", "=", organisationId)
      .where("tech_applications.status", "!=", "draft")
      .orderBy("tech_applications.created_at", "desc")
      .execute(),
  ]);
  return { organisation, stage: stage?.stage ?? null, campaigns, consultations, assessments, applications };
}

/** The technology-level settings as they stand: criteria, bands (highest first), the coefficient formula, and whether all are verified. */
export async function levelSettings(db: DB): Promise<{
  criteria: Array<Criterion & { name: string; position: number }>;
  bands: Array<LevelBand & { name: string; verified: number; source: string }>;
  formula: string;
  formulaVerified: boolean;
  verified: boolean;
  source: string;
}> {
  const [criteria, bands, formula] = await Promise.all([
    db.selectFrom("tech_level_criteria").selectAll().orderBy("position").execute(),
    db.selectFrom("tech_level_bands").selectAll().orderBy("rank", "desc").execute(),
    db.selectFrom("tech_settings").selectAll().where("key", "=", "coefficient_formula").executeTakeFirstOrThrow(),
  ]);
  const verified = criteria.every((c) => c.verified) && bands.every((b) => b.verified) && !!formula.verified;
  return {
    criteria,
    bands,
    formula: formula.value,
    formulaVerified: !!formula.verified,
    verified,
    source: formula.source,
  };
}

export async function settingNumber(
  db: DB,
  key: "check_working_days" | "decision_working_days",
  fallback: number,
): Promise<number> {
  const row = await db.selectFrom("tech_settings").select("value").where("key", "=", key).executeTakeFirst();
  const value = Number(row?.value);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

export const ASSESSMENT_LIST = {
  sortable: ["year", "enterprise", "total", "coefficient"],
  defaultSort: "year",
  defaultDir: "desc",
  filters: ["year", "level", "sector"],
} as const;

export function assessmentListState(search: URLSearchParams) {
  return readListState(search, ASSESSMENT_LIST);
}

function assessmentQuery(db: DB, state: ReturnType<typeof assessmentListState>) {
  let query = db
    .selectFrom("tech_assessments")
    .innerJoin("organisations", "organisations.id", "tech_assessments.organisation_id")
    .innerJoin("tech_level_bands", "tech_level_bands.code", "tech_assessments.level_code");
  if (state.q) query = query.where(containsKey("organisations.name_search", searchKey(state.q)));
  if (state.filters.year && /^\d{4}$/.test(state.filters.year))
    query = query.where("tech_assessments.year", "=", Number(state.filters.year));
  if (state.filters.level) query = query.where("tech_assessments.level_code", "=", state.filters.level);
  if (state.filters.sector) query = query.where("organisations.sector", "=", state.filters.sector);
  return query;
}

const ASSESSMENT_SORT = {
  year: "tech_assessments.year",
  enterprise: "organisations.name_search",
  total: "tech_assessments.total",
  coefficient: "tech_assessments.coefficient",
} as const;

export async function listAssessments(db: DB, state: ReturnType<typeof assessmentListState>) {
  const base = assessmentQuery(db, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    base
      .select([
        "tech_assessments.id",
        "tech_assessments.year",
        "tech_assessments.total",
        "tech_assessments.coefficient",
        "tech_assessments.t_score",
        "tech_assessments.e_score",
        "tech_assessments.o_score",
        "tech_assessments.r_score",
        "tech_assessments.i_score",
        "tech_assessments.settings_verified",
        "organisations.id as organisation_id",
        "organisations.name as enterprise_name",
        "organisations.sector",
        "tech_level_bands.name as level_name",
      ])
      .orderBy(ASSESSMENT_SORT[state.sort], state.dir)
      .orderBy("tech_assessments.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

export function assessmentsForExport(db: DB, state: ReturnType<typeof assessmentListState>, limit: number) {
  return assessmentQuery(db, state)
    .select([
      "tech_assessments.year",
      "tech_assessments.assessed_on",
      "tech_assessments.total",
      "tech_assessments.coefficient",
      "tech_assessments.t_score",
      "tech_assessments.e_score",
      "tech_assessments.o_score",
      "tech_assessments.r_score",
      "tech_assessments.i_score",
      "tech_assessments.settings_verified",
      "organisations.name as enterprise_name",
      "organisations.tax_code",
      "organisations.sector",
      "tech_level_bands.name as level_name",
    ])
    .orderBy(ASSESSMENT_SORT[state.sort], state.dir)
    .orderBy("tech_assessments.id")
    .limit(limit)
    .execute();
}

/** Surveyed enterprises by sector and level, with the sector's average total: one grouped query. */
export function assessmentSummary(db: DB, year: number | null) {
  let query = db
    .selectFrom("tech_assessments")
    .innerJoin("organisations", "organisations.id", "tech_assessments.organisation_id")
    .innerJoin("tech_level_bands", "tech_level_bands.code", "tech_assessments.level_code")
    .select([
      sql<string>`coalesce(organisations.sector, '')`.as("sector"),
      "tech_level_bands.code as level_code",
      "tech_level_bands.name as level_name",
      "tech_level_bands.rank",
      (eb) => eb.fn.countAll<number>().as("count"),
      (eb) => eb.fn.avg<number>("tech_assessments.total").as("average_total"),
    ]);
  if (year) query = query.where("tech_assessments.year", "=", year);
  return query
    .groupBy(["organisations.sector", "tech_level_bands.code"])
    .orderBy("sector")
    .orderBy("tech_level_bands.rank", "desc")
    .execute();
}

/** Organisations matching a name or tax code, for staff to open an enterprise's programme page. */
export function findEnterprises(db: DB, q: string, limit = 20) {
  const query = q.trim();
  if (!query) return Promise.resolve([]);
  return db
    .selectFrom("organisations")
    .leftJoin("tech_enterprise_stages", "tech_enterprise_stages.organisation_id", "organisations.id")
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.tax_code",
      "organisations.sector",
      "tech_enterprise_stages.stage",
    ])
    .where((eb) =>
      eb.or([containsKey("organisations.name_search", searchKey(query)), eb("organisations.tax_code", "=", query)]),
    )
    .orderBy("organisations.name_search")
    .limit(limit)
    .execute();
}
