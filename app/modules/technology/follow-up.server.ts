/** After the certificate: a leader may revoke it; the enterprise (or staff) report how the project goes. */

import type { TechImplementationStatus } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { notifyMembers } from "../../lib/notify.server";
import { provinceDate } from "../../lib/province-time";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { getApplication } from "./queries.server";
import { implementationNeedsReason, isImplementationFinal } from "./rules";
import { refreshStage } from "./stage.server";
import type { TransitionContext } from "./applications.server";

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
