import type { TechImplementationStatus } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import { isStaff, type CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { attachDocument, writeBlob, type UploadCheck } from "../../lib/files.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId, newReadableCode } from "../../lib/ids.server";
import { publicUrl } from "../../lib/public-url.server";
import { notifyMembers } from "../../lib/notify.server";
import { provinceDate } from "../../lib/province-time";
import { refuse, refuseAll, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { withUniqueRetry } from "../../lib/unique-retry.server";
import { isMember } from "../organisations/queries.server";
import { loadWorkCalendar } from "../calendar/queries.server";
import { getApplication, levelSettings, settingNumber } from "./queries.server";
import {
  applicationDueOn,
  assessTechnology,
  decisionClockStartsOn,
  certificateNumber,
  evaluateFormula,
  FORMULA_MAX_DEPTH,
  FORMULA_MAX_LENGTH,
  FormulaError,
  checkScores,
  implementationNeedsReason,
  isEditableByOwner,
  isImplementationFinal,
  nextApplicationStatus,
  nextCertificateSeq,
  pipelineStage,
  type ApplicationEvent,
} from "./rules";
import { organisationRow } from "../organisations/rules";

function requireProcessor(actor: CurrentUser): void {
  if (!isStaff(actor)) forbidden();
}

async function requireOrganisation(db: DB, organisationId: string) {
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!organisation) notFound();
  return organisation;
}

/**
 * Recomputes one enterprise's pipeline stage from what happened (rules.ts decides) and stores it, so that the
 * board counts stages in SQL. Called in the transaction of every change that can move it.
 */
export async function refreshStage(trx: DB, organisationId: string): Promise<void> {
  const [reached, consulted, applications] = await Promise.all([
    trx
      .selectFrom("tech_outreach_recipients")
      .select("organisation_id")
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst(),
    trx.selectFrom("tech_consultations").select("id").where("organisation_id", "=", organisationId).executeTakeFirst(),
    trx
      .selectFrom("tech_applications")
      .leftJoin("tech_certificates", "tech_certificates.application_id", "tech_applications.id")
      .select([
        "tech_applications.status",
        "tech_applications.implementation_status",
        "tech_certificates.id as certificate_id",
        "tech_certificates.revoked_at",
      ])
      .where("tech_applications.organisation_id", "=", organisationId)
      .execute(),
  ]);
  const stage = pipelineStage({
    reached: !!reached,
    consulted: !!consulted,
    applications: applications.map((a) => ({
      status: a.status,
      implementationStatus: a.implementation_status,
      certificateValid: !!a.certificate_id && !a.revoked_at,
    })),
  });
  if (!stage) {
    await trx.deleteFrom("tech_enterprise_stages").where("organisation_id", "=", organisationId).execute();
    return;
  }
  const now = nowIso();
  await trx
    .insertInto("tech_enterprise_stages")
    .values({ organisation_id: organisationId, stage, updated_at: now })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet({ stage, updated_at: now }))
    .execute();
}

// ——— Outreach ———

export type CampaignInput = {
  title: string;
  channel: "leaflet" | "letter" | "led_screen" | "banner" | "conference" | "other";
  heldOn: string;
  note?: string;
};

export async function createCampaign(
  db: DB,
  actor: CurrentUser,
  input: CampaignInput,
  ip: string | null,
): Promise<{ id: string }> {
  requireProcessor(actor);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const values = {
      id,
      title: input.title,
      channel: input.channel,
      held_on: input.heldOn,
      note: input.note ?? null,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("tech_outreach_campaigns").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.campaign_created",
      entityType: "tech_campaign",
      entityId: id,
      after: values,
      ip,
    });
    return { id };
  });
}

/**
 * Adds enterprises to a campaign, skipping those already in it. Being reached is the first stage, so an enterprise
 * without a stage gets "contacted" and any other keeps its own: one insert per batch, no per-row recomputation.
 */
export async function addRecipients(trx: DB, campaignId: string, organisationIds: readonly string[]): Promise<number> {
  const unique = [...new Set(organisationIds)];
  const now = nowIso();
  let added = 0;
  // SQLite allows at most 32 766 bound values per statement.
  for (let start = 0; start < unique.length; start += 5000) {
    const batch = unique.slice(start, start + 5000);
    const result = await trx
      .insertInto("tech_outreach_recipients")
      .values(batch.map((organisation_id) => ({ campaign_id: campaignId, organisation_id })))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
    await trx
      .insertInto("tech_enterprise_stages")
      .values(batch.map((organisation_id) => ({ organisation_id, stage: "contacted" as const, updated_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return added;
}

export async function addCampaignRecipient(
  db: DB,
  actor: CurrentUser,
  campaignId: string,
  organisationId: string,
  ip: string | null,
): Promise<Outcome> {
  requireProcessor(actor);
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .selectFrom("tech_outreach_campaigns")
      .select("id")
      .where("id", "=", campaignId)
      .executeTakeFirst();
    if (!campaign) notFound();
    const organisation = await trx
      .selectFrom("organisations")
      .select("id")
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!organisation) return refuse("technology.problems.unknownOrganisation", { field: "organisationId" });
    const added = await addRecipients(trx, campaignId, [organisationId]);
    if (added === 0) return refuse("technology.problems.alreadyReached", { field: "organisationId" });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.recipients_added",
      entityType: "tech_campaign",
      entityId: campaignId,
      after: { organisationId },
      ip,
    });
    return { ok: true as const };
  });
}

export type RecipientRow = { row: number; value: { name: string; taxCode: string; sector?: string; address?: string } };
export type ImportOutcome =
  | { ok: true; rows: number; created: number; added: number }
  | { ok: false; errors: Array<{ row: number; column: string; key: string; params?: Record<string, string> }> };

/**
 * Adds an imported list to a campaign in ONE transaction: enterprises found by tax code are reused, the others are
 * added to the registry; a tax code twice in the file is an error of the later row, and any error imports nothing.
 */
export async function importRecipients(
  db: DB,
  actor: CurrentUser,
  campaignId: string,
  rows: readonly RecipientRow[],
  fileName: string,
  ip: string | null,
): Promise<ImportOutcome> {
  requireProcessor(actor);
  const firstRow = new Map<string, number>();
  const errors: Extract<ImportOutcome, { ok: false }>["errors"] = [];
  for (const { row, value } of rows) {
    const seen = firstRow.get(value.taxCode);
    if (seen !== undefined)
      errors.push({
        row,
        column: "Mã số thuế",
        key: "technology.import.duplicateInFile",
        params: { row: String(seen) },
      });
    else firstRow.set(value.taxCode, row);
  }
  if (errors.length) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .selectFrom("tech_outreach_campaigns")
      .select("id")
      .where("id", "=", campaignId)
      .executeTakeFirst();
    if (!campaign) notFound();
    const known = new Map<string, string>();
    const codes = [...firstRow.keys()];
    for (let start = 0; start < codes.length; start += 5000) {
      const found = await trx
        .selectFrom("organisations")
        .select(["id", "tax_code"])
        .where("tax_code", "in", codes.slice(start, start + 5000))
        .execute();
      for (const organisation of found) known.set(organisation.tax_code!, organisation.id);
    }
    const now = nowIso();
    const fresh = rows
      .filter(({ value }) => !known.has(value.taxCode))
      .map(({ value }) =>
        organisationRow(
          {
            id: newId(),
            name: value.name,
            kind: "enterprise",
            taxCode: value.taxCode,
            addressLine: value.address,
            sector: value.sector,
          },
          now,
        ),
      );
    // 17 bound values a row: 1 000 rows stay under SQLite's 32 766-variable limit.
    for (let start = 0; start < fresh.length; start += 1000)
      await trx
        .insertInto("organisations")
        .values(fresh.slice(start, start + 1000))
        .execute();
    for (const organisation of fresh) known.set(organisation.tax_code!, organisation.id);
    const added = await addRecipients(
      trx,
      campaignId,
      rows.map(({ value }) => known.get(value.taxCode)!),
    );
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.recipients_imported",
      entityType: "tech_campaign",
      entityId: campaignId,
      after: { file: fileName, rows: rows.length, created: fresh.length, added },
      ip,
    });
    return { ok: true as const, rows: rows.length, created: fresh.length, added };
  });
}

// ——— Consultations and field visits ———

export type ConsultationInput = {
  kind: "field_visit" | "consultation" | "meeting";
  heldOn: string;
  staffNames: string;
  findings: string;
  advice: string;
  nextStep?: string;
};

export async function logConsultation(
  db: DB,
  actor: CurrentUser,
  organisationId: string,
  input: ConsultationInput,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  requireProcessor(actor);
  await requireOrganisation(db, organisationId);
  if (input.heldOn > provinceDate(nowIso())) return refuse("technology.problems.inFuture", { field: "heldOn" });
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const values = {
      id,
      organisation_id: organisationId,
      kind: input.kind,
      held_on: input.heldOn,
      staff_names: input.staffNames,
      findings: input.findings,
      advice: input.advice,
      next_step: input.nextStep ?? null,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("tech_consultations").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.consultation_logged",
      entityType: "organisation",
      entityId: organisationId,
      after: values,
      ip,
    });
    await refreshStage(trx, organisationId);
    return { ok: true as const, id };
  });
}

// ——— Technology-level assessments ———

export type AssessmentInput = {
  organisationId: string;
  year: number;
  assessedOn: string;
  note?: string;
  scores: Record<string, number | undefined>;
};

/** Computes the level from the settings as they stand and keeps the figures with the assessment. */
export async function recordAssessment(
  db: DB,
  actor: CurrentUser,
  input: AssessmentInput,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  requireProcessor(actor);
  await requireOrganisation(db, input.organisationId);
  const settings = await levelSettings(db);
  const problems = checkScores(settings.criteria, input.scores);
  if (problems.length) {
    const max = new Map(settings.criteria.map((c) => [c.code, String(c.max_points)]));
    return refuseAll(
      problems.map((p) => ({
        field: `score_${p.code}`,
        key: `technology.problems.score_${p.problem}`,
        params: { max: max.get(p.code) ?? "" },
      })),
    );
  }
  const scores = input.scores as Record<string, number>;
  let result: ReturnType<typeof assessTechnology>;
  try {
    result = assessTechnology(settings.criteria, settings.bands, settings.formula, scores);
  } catch (error) {
    // The settings' formula gives no coefficient for these scores: staff are told so, and nothing is recorded.
    if (error instanceof FormulaError)
      return refuse(`technology.problems.assessmentFormula_${error.problem}`, {
        kind: "invalid",
        params: { formula: settings.formula },
      });
    throw error;
  }
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const values = {
      id,
      organisation_id: input.organisationId,
      year: input.year,
      assessed_on: input.assessedOn,
      scores_json: JSON.stringify(scores),
      t_score: result.groups.T,
      e_score: result.groups.E,
      o_score: result.groups.O,
      r_score: result.groups.R,
      i_score: result.groups.I,
      total: result.total,
      coefficient: result.coefficient,
      level_code: result.levelCode,
      settings_verified: settings.verified ? 1 : 0,
      note: input.note ?? null,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("tech_assessments").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.assessment_recorded",
      entityType: "organisation",
      entityId: input.organisationId,
      after: { id, total: result.total, coefficient: result.coefficient, level: result.levelCode },
      ip,
    });
    return { ok: true as const, id };
  });
}

// ——— Applications ———

export type ApplicationInput = {
  kind: "transfer" | "renovation";
  technology: string;
  origin: string;
  supplier: string;
  equipment: string;
  totalInvestmentVnd: number;
  ownFundsVnd: number;
  requestedSupportVnd: number;
  startsOn: string;
  endsOn: string;
  expectedGains: string;
};

function applicationColumns(input: ApplicationInput) {
  return {
    kind: input.kind,
    technology: input.technology,
    origin: input.origin,
    supplier: input.supplier,
    equipment: input.equipment,
    total_investment_vnd: input.totalInvestmentVnd,
    own_funds_vnd: input.ownFundsVnd,
    requested_support_vnd: input.requestedSupportVnd,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    expected_gains: input.expectedGains,
  };
}

/** A member of the enterprise drafts an application; it is filed by the "submit" event once its documents are there. */
export async function createApplication(
  db: DB,
  actor: CurrentUser,
  organisationId: string,
  input: ApplicationInput,
  ip: string | null,
): Promise<{ id: string }> {
  if (actor.role !== "applicant" || !(await isMember(db, actor.id, organisationId))) forbidden();
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const now = nowIso();
    const values = {
      id,
      organisation_id: organisationId,
      status: "draft" as const,
      ...applicationColumns(input),
      supplement_request: null,
      review_note: null,
      decision_reason: null,
      submitted_at: null,
      step_started_on: null,
      complete_on: null,
      due_on: null,
      implementation_status: null,
      implementation_reason: null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("tech_applications").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.application_created",
      entityType: "tech_application",
      entityId: id,
      after: values,
      ip,
    });
    return { id };
  });
}

export async function updateApplication(
  db: DB,
  actor: CurrentUser,
  applicationId: string,
  input: ApplicationInput,
  ip: string | null,
): Promise<Outcome> {
  const { application, actor: part } = await getApplication(db, actor, applicationId);
  if (part !== "owner") forbidden();
  if (!isEditableByOwner(application.status)) return refuse("technology.problems.notEditable", { kind: "conflict" });
  return db.transaction().execute(async (trx) => {
    const changes = { ...applicationColumns(input), updated_at: nowIso() };
    await trx.updateTable("tech_applications").set(changes).where("id", "=", applicationId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.application_updated",
      entityType: "tech_application",
      entityId: applicationId,
      after: changes,
      ip,
    });
    return { ok: true as const };
  });
}

export async function addApplicationDocument(
  db: DB,
  actor: CurrentUser,
  applicationId: string,
  requirementId: string,
  upload: Extract<UploadCheck, { ok: true }>,
  ip: string | null,
): Promise<Outcome> {
  const { application, actor: part } = await getApplication(db, actor, applicationId);
  if (part !== "owner") forbidden();
  if (!isEditableByOwner(application.status))
    return refuse("technology.problems.notEditable", { field: "document", kind: "conflict" });
  const requirement = await db
    .selectFrom("tech_document_requirements")
    .select("id")
    .where("id", "=", requirementId)
    .executeTakeFirst();
  if (!requirement) return refuse("technology.problems.unknownRequirement", { field: "requirementId" });
  await writeBlob(upload);
  return db.transaction().execute(async (trx) => {
    await attachDocument(trx, {
      upload,
      owner: { type: "tech_application", id: applicationId, purpose: requirementId },
      actorId: actor.id,
      action: "technology.document_added",
      details: { requirementId },
      ip,
    });
    return { ok: true as const };
  });
}

export type TransitionInput = { reason?: string; dueOn?: string };
export type TransitionContext = { t: TFunction; ip: string | null };

/** The next number of the year's series, inside the approving transaction (which holds SQLite's write lock). */
async function issueCertificate(trx: DB, applicationId: string, approver: CurrentUser, now: string) {
  const year = Number(provinceDate(now).slice(0, 4));
  const row = await trx
    .selectFrom("tech_certificates")
    .select((eb) => eb.fn.max<number>("seq").as("max"))
    .where("year", "=", year)
    .executeTakeFirst();
  const seq = nextCertificateSeq(row?.max ?? null);
  const title = await trx
    .selectFrom("tech_settings")
    .select("value")
    .where("key", "=", "signer_title")
    .executeTakeFirst();
  const certificate = {
    id: newId(),
    application_id: applicationId,
    year,
    seq,
    number: certificateNumber(seq),
    verification_code: newReadableCode(),
    issued_at: now,
    signer_name: approver.fullName,
    signer_title: title?.value ?? "GIÁM ĐỐC",
    issued_by: approver.id,
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  };
  await trx.insertInto("tech_certificates").values(certificate).execute();
  return certificate;
}

async function deadlineRules(trx: DB) {
  const [calendar, checkWorkingDays, decisionWorkingDays] = await Promise.all([
    loadWorkCalendar(trx),
    settingNumber(trx, "check_working_days", 3),
    settingNumber(trx, "decision_working_days", 14),
  ]);
  return { calendar, durations: { checkWorkingDays, decisionWorkingDays } };
}

/** Recomputes the due date of every application still waiting on the department (after a change of the calendar). */
export async function recomputeApplicationDueDates(trx: DB): Promise<void> {
  const { calendar, durations } = await deadlineRules(trx);
  const applications = await trx
    .selectFrom("tech_applications")
    .select(["id", "status", "step_started_on", "received_complete_on", "due_on"])
    .where("status", "in", ["received", "complete", "reviewed"])
    .execute();
  for (const application of applications) {
    const due = applicationDueOn(
      {
        status: application.status,
        stepStartedOn: application.step_started_on,
        receivedCompleteOn: application.received_complete_on,
        currentDueOn: application.due_on,
      },
      durations,
      calendar,
    );
    if (due !== application.due_on)
      await trx.updateTable("tech_applications").set({ due_on: due }).where("id", "=", application.id).execute();
  }
}

/**
 * Moves an application by one event of the state machine: the machine decides what is legal and for whom; this adds
 * the due date of the next step (working days, the public-holiday calendar), the certificate on approval, the audit,
 * the enterprise's stage and the notices.
 */
export async function transitionApplication(
  db: DB,
  actor: CurrentUser,
  applicationId: string,
  event: ApplicationEvent,
  input: TransitionInput,
  context: TransitionContext,
): Promise<Outcome<{ status: string; certificateNumber?: string }>> {
  return db.transaction().execute(async (trx) => {
    const { application, actor: part } = await getApplication(trx, actor, applicationId);
    const next = nextApplicationStatus(application.status, event, part, input);
    if (!next.ok) {
      if (next.problem === "forbidden") forbidden();
      const field = { notAllowed: "_form", reasonRequired: "reason", dueDateRequired: "dueOn" }[next.problem];
      // A step the application's status does not allow is answered as a form to correct (400), like a missing input.
      return refuse(`technology.problems.${next.problem}`, { field, kind: "invalid" });
    }
    const now = nowIso();
    const today = provinceDate(now);
    const changes: Record<string, unknown> = { status: next.status, updated_at: now };
    if (event === "submit" || event === "supplement") {
      const missing = await trx
        .selectFrom("tech_document_requirements")
        .select("title")
        .where("required", "=", 1)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("attachments")
                .select("attachments.id")
                .where("attachments.owner_type", "=", "tech_application")
                .where("attachments.owner_id", "=", applicationId)
                .whereRef("attachments.purpose", "=", "tech_document_requirements.id"),
            ),
          ),
        )
        .orderBy("position")
        .execute();
      if (missing.length)
        return refuse("technology.problems.documentsMissing", {
          kind: "invalid",
          params: { documents: missing.map((m) => m.title).join("; ") },
        });
      changes.step_started_on = today;
      if (event === "submit") changes.submitted_at = now;
    }
    if (event === "request_supplement") {
      if (input.dueOn! <= today) return refuse("technology.problems.dueInPast", { field: "dueOn" });
      Object.assign(changes, { supplement_request: input.reason, due_on: input.dueOn });
    }
    if (event === "mark_complete")
      Object.assign(changes, {
        complete_on: today,
        received_complete_on: decisionClockStartsOn(application.step_started_on, today),
      });
    if (event === "review") changes.review_note = input.reason;
    if (event === "approve" || event === "reject" || event === "return_for_review")
      changes.decision_reason = input.reason ?? null;
    if (event !== "request_supplement") {
      const { calendar, durations } = await deadlineRules(trx);
      changes.due_on = applicationDueOn(
        {
          status: next.status,
          stepStartedOn: (changes.step_started_on as string | undefined) ?? application.step_started_on,
          receivedCompleteOn: (changes.received_complete_on as string | undefined) ?? application.received_complete_on,
          currentDueOn: application.due_on,
        },
        durations,
        calendar,
      );
    }
    await trx.updateTable("tech_applications").set(changes).where("id", "=", applicationId).execute();
    const certificate = event === "approve" ? await issueCertificate(trx, applicationId, actor, now) : null;
    await recordAudit(trx, {
      actorId: actor.id,
      action: `technology.application_${event}`,
      entityType: "tech_application",
      entityId: applicationId,
      before: { status: application.status },
      after: {
        status: next.status,
        ...(input.dueOn ? { dueOn: input.dueOn } : {}),
        ...(certificate ? { certificateNumber: certificate.number } : {}),
      },
      reason: input.reason ?? null,
      ip: context.ip,
    });
    await refreshStage(trx, application.organisation_id);
    const statusLabel = context.t(`technology.statuses.${next.status}`);
    await notifyMembers(trx, application.organisation_id, {
      subject: context.t("technology.mail.subject", { status: statusLabel }),
      body: (name) =>
        context.t("technology.mail.body", {
          name,
          enterprise: application.enterprise_name,
          technology: application.technology,
          status: statusLabel,
          details: [
            input.reason ? context.t("technology.mail.reason", { reason: input.reason }) : "",
            certificate ? context.t("technology.mail.certificate", { number: certificate.number }) : "",
          ]
            .filter(Boolean)
            .join("\n"),
          link: publicUrl(`/technology/applications/${applicationId}`),
        }),
      note: input.reason ?? application.technology,
      link: `/technology/applications/${applicationId}`,
    });
    return { ok: true as const, status: next.status, certificateNumber: certificate?.number };
  });
}

/** Concurrent approvals race for nothing in one process (transactions are serialised), but across processes the unique series index may refuse the loser, which tries again. */
export const transitionApplicationWithRetry = withUniqueRetry(transitionApplication);

/** Only a leader revokes a certificate, with the reason; verification then shows it as revoked. */
export async function revokeCertificate(
  db: DB,
  actor: CurrentUser,
  applicationId: string,
  reason: string,
  context: TransitionContext,
): Promise<Outcome> {
  if (actor.role !== "leader") forbidden();
  return db.transaction().execute(async (trx) => {
    const { application } = await getApplication(trx, actor, applicationId);
    if (!application.certificate_id) notFound();
    if (application.revoked_at) return refuse("technology.problems.alreadyRevoked", { kind: "conflict" });
    const now = nowIso();
    await trx
      .updateTable("tech_certificates")
      .set({ revoked_at: now, revoked_by: actor.id, revoke_reason: reason })
      .where("id", "=", application.certificate_id)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.certificate_revoked",
      entityType: "tech_application",
      entityId: applicationId,
      after: { number: application.certificate_number },
      reason,
      ip: context.ip,
    });
    await refreshStage(trx, application.organisation_id);
    const subject = context.t("technology.mail.revokedSubject", { number: application.certificate_number ?? "" });
    await notifyMembers(trx, application.organisation_id, {
      subject,
      body: () => `${subject}\n${context.t("technology.mail.reason", { reason })}`,
      note: reason,
      link: `/technology/applications/${applicationId}`,
    });
    return { ok: true as const };
  });
}

export type ProgressInput = { status: TechImplementationStatus; note: string; reportedOn: string };

/** The enterprise (or staff) reports on a certified project: where it stands and, if it stopped, why. */
export async function reportProgress(
  db: DB,
  actor: CurrentUser,
  applicationId: string,
  input: ProgressInput,
  ip: string | null,
): Promise<Outcome> {
  const { application, actor: part } = await getApplication(db, actor, applicationId);
  if (part !== "owner" && part !== "staff" && part !== "leader") forbidden();
  if (application.status !== "approved" || !application.certificate_id || application.revoked_at)
    return refuse("technology.problems.notCertified", { kind: "invalid" });
  if (isImplementationFinal(application.implementation_status))
    return refuse("technology.problems.implementationFinal", { kind: "invalid" });
  if (input.reportedOn > provinceDate(nowIso())) return refuse("technology.problems.inFuture", { field: "reportedOn" });
  // "Accepted" (nghiệm thu) is the department's act, not the enterprise's claim.
  if (input.status === "accepted" && part === "owner")
    return refuse("technology.problems.acceptanceByStaff", { field: "status" });
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("tech_progress_notes")
      .values({
        id: newId(),
        application_id: applicationId,
        status: input.status,
        note: input.note,
        reported_on: input.reportedOn,
        reported_by: actor.id,
        created_at: nowIso(),
      })
      .execute();
    const reason = implementationNeedsReason(input.status) ? input.note : null;
    await trx
      .updateTable("tech_applications")
      .set({ implementation_status: input.status, implementation_reason: reason, updated_at: nowIso() })
      .where("id", "=", applicationId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.progress_reported",
      entityType: "tech_application",
      entityId: applicationId,
      before: { implementationStatus: application.implementation_status },
      after: { implementationStatus: input.status },
      reason: input.note,
      ip,
    });
    await refreshStage(trx, application.organisation_id);
    return { ok: true as const };
  });
}

// ——— The technology-level settings (Circular 17/2019), corrected by staff once checked ———

export type BandInput = { code: string; minTotal: number; minCoefficient: number; verified: boolean; source: string };

export async function saveLevelBand(db: DB, actor: CurrentUser, input: BandInput, ip: string | null): Promise<Outcome> {
  requireProcessor(actor);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("tech_level_bands")
      .selectAll()
      .where("code", "=", input.code)
      .executeTakeFirst();
    if (!before) return refuse("technology.problems.unknownBand", { field: "code" });
    const changes = {
      min_total: input.minTotal,
      min_coefficient: input.minCoefficient,
      verified: input.verified ? 1 : 0,
      source: input.source,
    };
    await trx.updateTable("tech_level_bands").set(changes).where("code", "=", input.code).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.settings_saved",
      entityType: "tech_settings",
      entityId: `band:${input.code}`,
      before,
      after: changes,
      ip,
    });
    return { ok: true as const };
  });
}

export type FormulaInput = { formula: string; verified: boolean; source: string };

/** The formula is tried on the group maxima first: one that does not evaluate to a finite number is refused, never stored, with the reason next to the field. */
export async function saveCoefficientFormula(
  db: DB,
  actor: CurrentUser,
  input: FormulaInput,
  ip: string | null,
): Promise<Outcome> {
  requireProcessor(actor);
  try {
    evaluateFormula(input.formula, { T: 30, E: 20, O: 19, R: 17, I: 14 });
  } catch (error) {
    if (error instanceof FormulaError)
      return refuse(`technology.problems.formula_${error.problem}`, {
        field: "formula",
        params: { maxLength: String(FORMULA_MAX_LENGTH), maxDepth: String(FORMULA_MAX_DEPTH) },
      });
    throw error;
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("tech_settings")
      .selectAll()
      .where("key", "=", "coefficient_formula")
      .executeTakeFirst();
    const changes = {
      value: input.formula,
      verified: input.verified ? 1 : 0,
      source: input.source,
      updated_at: nowIso(),
    };
    await trx.updateTable("tech_settings").set(changes).where("key", "=", "coefficient_formula").execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.settings_saved",
      entityType: "tech_settings",
      entityId: "coefficient_formula",
      before,
      after: changes,
      ip,
    });
    return { ok: true as const };
  });
}
