/** The enterprise's side: its SME declaration, and its dossiers while it may still change them. */

import type { SectorGroup } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { attachDocument, writeBlob, type UploadCheck } from "../../lib/files.server";
import { forbidden } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { provinceDate } from "../../lib/province-time";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { classifySme } from "./classification";
import { getDossier } from "./queries.server";
import { isEditableByOwner } from "./workflow";
import { limitFor, amountProblem, isPriority } from "./limits.server";
import { openProgrammeFor } from "./queries.server";

async function isMemberOf(db: DB, userId: string, organisationId: string): Promise<boolean> {
  return !!(await db
    .selectFrom("memberships")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst());
}

export type ProfileInput = {
  sectorGroup: SectorGroup;
  mainBusinessLine: string;
  fiscalYear: number;
  employees: number;
  revenueVnd: number;
  capitalVnd: number;
  womenOwned: boolean;
  manyWomenWorkers: boolean;
  socialEnterprise: boolean;
};

/** A member of the enterprise (or staff) declares it; the size is classified by Decree 80 art. 5 and kept with it. */
export async function saveEnterpriseProfile(
  db: DB,
  actor: CurrentUser,
  organisationId: string,
  input: ProfileInput,
  ip: string | null,
): Promise<Outcome> {
  const mayDeclare =
    actor.role === "staff" ||
    actor.role === "admin" ||
    (actor.role === "applicant" && (await isMemberOf(db, actor.id, organisationId)));
  if (!mayDeclare) forbidden();
  const { size } = classifySme({
    sectorGroup: input.sectorGroup,
    employees: input.employees,
    revenueVnd: input.revenueVnd,
    capitalVnd: input.capitalVnd,
  });
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("enterprise_profiles")
      .selectAll()
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    const values = {
      organisation_id: organisationId,
      sector_group: input.sectorGroup,
      main_business_line: input.mainBusinessLine,
      fiscal_year: input.fiscalYear,
      employees: input.employees,
      revenue_vnd: input.revenueVnd,
      capital_vnd: input.capitalVnd,
      size,
      women_owned: input.womenOwned ? 1 : 0,
      many_women_workers: input.manyWomenWorkers ? 1 : 0,
      social_enterprise: input.socialEnterprise ? 1 : 0,
      declared_by: actor.id,
      declared_at: nowIso(),
    };
    const { organisation_id: _, ...changes } = values;
    await trx
      .insertInto("enterprise_profiles")
      .values(values)
      .onConflict((oc) => oc.column("organisation_id").doUpdateSet(changes))
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "sme.profile_declared",
      entityType: "organisation",
      entityId: organisationId,
      before: before ?? null,
      after: values,
      ip,
    });
    return { ok: true as const };
  });
}

export type DossierInput = {
  organisationId: string;
  supportTypeId: string;
  content: string;
  providerName: string;
  providerTaxCode?: string;
  totalCostVnd: number;
  requestedVnd: number;
  months?: number;
};

export async function createDossier(
  db: DB,
  actor: CurrentUser,
  input: DossierInput,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  if (actor.role !== "applicant" || !(await isMemberOf(db, actor.id, input.organisationId))) forbidden();
  return db.transaction().execute(async (trx) => {
    const programme = await openProgrammeFor(trx);
    if (!programme) return refuse("sme.problems.programmeClosed", { kind: "invalid" });
    const type = await trx
      .selectFrom("support_types")
      .select(["id", "programme_id"])
      .where("id", "=", input.supportTypeId)
      .executeTakeFirst();
    if (!type || type.programme_id !== programme.id)
      return refuse("sme.problems.unknownType", { field: "supportTypeId" });
    const id = newId();
    const year = Number(provinceDate(nowIso()).slice(0, 4));
    const found = await limitFor(trx, { ...input, year, dossierId: id });
    if ("problem" in found) return found.problem!;
    const refused = amountProblem(input.requestedVnd, found.limit, "requestedVnd");
    if (refused) return refused;
    const now = nowIso();
    const values = {
      id,
      programme_id: programme.id,
      support_type_id: type.id,
      organisation_id: input.organisationId,
      status: "draft" as const,
      receipt_seq: null,
      receipt_number: null,
      support_year: year,
      content: input.content,
      provider_name: input.providerName,
      provider_tax_code: input.providerTaxCode ?? null,
      total_cost_vnd: input.totalCostVnd,
      requested_vnd: input.requestedVnd,
      months: input.months ?? null,
      enterprise_size: found.profile.size,
      is_priority: isPriority(found.profile) ? 1 : 0,
      proposed_vnd: null,
      approved_vnd: null,
      paid_vnd: null,
      supplement_request: null,
      appraisal_note: null,
      decision_reason: null,
      submitted_at: null,
      step_started_on: null,
      complete_on: null,
      due_on: null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("support_dossiers").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "sme.dossier_created",
      entityType: "support_dossier",
      entityId: id,
      after: values,
      ip,
    });
    return { ok: true as const, id };
  });
}

/** The enterprise changes its request while it is a draft or while a supplement is asked for. */
export async function updateDossier(
  db: DB,
  actor: CurrentUser,
  dossierId: string,
  input: Omit<DossierInput, "organisationId" | "supportTypeId">,
  ip: string | null,
): Promise<Outcome> {
  const { dossier, actor: part } = await getDossier(db, actor, dossierId);
  if (part !== "owner") forbidden();
  if (!isEditableByOwner(dossier.status)) return refuse("sme.problems.notEditable", { kind: "conflict" });
  return db.transaction().execute(async (trx) => {
    const found = await limitFor(trx, {
      organisationId: dossier.organisation_id,
      supportTypeId: dossier.support_type_id,
      totalCostVnd: input.totalCostVnd,
      months: input.months,
      year: dossier.support_year,
      dossierId,
    });
    if ("problem" in found) return found.problem!;
    const refused = amountProblem(input.requestedVnd, found.limit, "requestedVnd");
    if (refused) return refused;
    const changes = {
      content: input.content,
      provider_name: input.providerName,
      provider_tax_code: input.providerTaxCode ?? null,
      total_cost_vnd: input.totalCostVnd,
      requested_vnd: input.requestedVnd,
      months: input.months ?? null,
      updated_at: nowIso(),
    };
    await trx.updateTable("support_dossiers").set(changes).where("id", "=", dossierId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "sme.dossier_updated",
      entityType: "support_dossier",
      entityId: dossierId,
      before: {
        content: dossier.content,
        providerName: dossier.provider_name,
        totalCostVnd: dossier.total_cost_vnd,
        requestedVnd: dossier.requested_vnd,
      },
      after: changes,
      ip,
    });
    return { ok: true as const };
  });
}

/** A document against an item of the checklist (or an extra one), while the enterprise may change its dossier. */
export async function addDossierDocument(
  db: DB,
  actor: CurrentUser,
  dossierId: string,
  requirementId: string | null,
  upload: Extract<UploadCheck, { ok: true }>,
  ip: string | null,
): Promise<Outcome> {
  const { dossier, actor: part } = await getDossier(db, actor, dossierId);
  if (part !== "owner") forbidden();
  if (!isEditableByOwner(dossier.status))
    return refuse("sme.problems.notEditable", { field: "document", kind: "conflict" });
  if (requirementId) {
    const requirement = await db
      .selectFrom("support_type_documents")
      .select("id")
      .where("id", "=", requirementId)
      .where("support_type_id", "=", dossier.support_type_id)
      .executeTakeFirst();
    if (!requirement) return refuse("sme.problems.unknownRequirement", { field: "requirementId" });
  }
  await writeBlob(upload);
  return db.transaction().execute(async (trx) => {
    await attachDocument(trx, {
      upload,
      owner: { type: "support_dossier", id: dossierId, purpose: requirementId },
      actorId: actor.id,
      action: "sme.document_added",
      details: { requirementId },
      ip,
    });
    return { ok: true as const };
  });
}
