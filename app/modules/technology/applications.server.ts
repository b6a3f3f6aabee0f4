/** Applications for support: drafted and documented by the enterprise, moved by the state machine, certified on approval. */

import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { attachDocument, writeBlob, type UploadCheck } from "../../lib/files.server";
import { forbidden } from "../../lib/http.server";
import { newId, newReadableCode } from "../../lib/ids.server";
import { publicUrl } from "../../lib/public-url.server";
import { notifyMembers } from "../../lib/notify.server";
import { provinceDate } from "../../lib/province-time";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { withUniqueRetry } from "../../lib/unique-retry.server";
import { isMember } from "../organisations/queries.server";
import { loadWorkCalendar } from "../calendar/queries.server";
import { getApplication, settingNumber } from "./queries.server";
import {
  applicationDueOn,
  decisionClockStartsOn,
  isEditableByOwner,
  nextApplicationStatus,
  type ApplicationEvent,
} from "./rules";
import { nextCertificateNumber, yearOfIssue } from "./numbering.server";
import { refreshStage } from "./stage.server";

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
  const year = yearOfIssue(now);
  const { seq, number } = await nextCertificateNumber(trx, year);
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
    number,
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
