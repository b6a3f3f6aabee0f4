import type { DB } from "../../lib/db.server";
import { nowIso } from "../../lib/time.server";
import { pipelineStage } from "./rules";

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
