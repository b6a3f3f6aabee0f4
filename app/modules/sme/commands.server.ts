import type { Kysely } from "kysely";
import type { Database, DossierStatus, SectorGroup, SupportProgramme } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { attachDocument, writeBlob, type UploadCheck } from "../../lib/files.server";
import { formatMoney } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { publicUrl } from "../../lib/public-url.server";
import { notifyMembers } from "../../lib/notify.server";
import { earliestWithinYearsBefore, isWithinYearsBefore } from "../../lib/periods";
import { provinceDate } from "../../lib/province-time";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { withUniqueRetry } from "../../lib/unique-retry.server";
import { changesSince, claimVersion, type VersionConflict } from "../../lib/versions.server";
import { classifySme } from "./classification";
import { loadWorkCalendar } from "../calendar/queries.server";
import { dossierActorOf, getDossier, OPEN_STATUSES, programmePauses, receivedThisYear } from "./queries.server";
import { checkRequestedAmount, supportLimit, type SupportLimit } from "./support";
import {
  decisionClockStartsOn,
  dossierDueOn,
  isEditableByOwner,
  isInternalEvent,
  nextDossierStatus,
  programmeRefusal,
  type DossierEvent,
} from "./workflow";

/** Decree 80/2021 art. 20; Circular 01/2018 art. 2.1: an innovative startup is at most ("không quá") 5 years from its first registration. */
const INNOVATIVE_STARTUP_MAX_YEARS = 5;

async function isMemberOf(db: DB, userId: string, organisationId: string): Promise<boolean> {
  return !!(await db
    .selectFrom("memberships")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst());
}

function requireProcessor(actor: CurrentUser): void {
  if (actor.role !== "staff" && actor.role !== "admin" && actor.role !== "leader") forbidden();
}

// ——— The enterprise's SME declaration ———

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

/** Priority SMEs (Decree 80 art. 4): women-owned, employing many women, social enterprises. */
function isPriority(profile: { women_owned: number; many_women_workers: number; social_enterprise: number }): boolean {
  return !!(profile.women_owned || profile.many_women_workers || profile.social_enterprise);
}

// ——— The request and its amount ———

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

/** The limit that applies to a request: the rule of the enterprise's size, its priority level, support already received this year. */
async function limitFor(
  trx: DB,
  input: {
    organisationId: string;
    supportTypeId: string;
    totalCostVnd: number;
    months?: number | null;
    year: number;
    dossierId: string;
  },
) {
  const profile = await trx
    .selectFrom("enterprise_profiles")
    .selectAll()
    .where("organisation_id", "=", input.organisationId)
    .executeTakeFirst();
  if (!profile) return { problem: refuse("sme.problems.noProfile", { field: "organisationId" }) };
  if (profile.size === "not_sme") return { problem: refuse("sme.problems.notSme", { field: "organisationId" }) };
  const type = await trx
    .selectFrom("support_types")
    .select("startups_only")
    .where("id", "=", input.supportTypeId)
    .executeTakeFirst();
  if (type?.startups_only) {
    // Decree 80/2021 art. 20: at most 5 years since the first business registration, on the day the dossier is filed
    // (today for a draft), the fifth anniversary itself included (the proof itself is a document of the checklist).
    const organisation = await trx
      .selectFrom("organisations")
      .select("founded_on")
      .where("id", "=", input.organisationId)
      .executeTakeFirstOrThrow();
    const filed = await trx
      .selectFrom("support_dossiers")
      .select("submitted_at")
      .where("id", "=", input.dossierId)
      .executeTakeFirst();
    const on = provinceDate(filed?.submitted_at ?? nowIso());
    if (organisation.founded_on && !isWithinYearsBefore(organisation.founded_on, on, INNOVATIVE_STARTUP_MAX_YEARS)) {
      const earliest = earliestWithinYearsBefore(on, INNOVATIVE_STARTUP_MAX_YEARS);
      return {
        problem: refuse("sme.problems.notInnovativeStartup", {
          field: "supportTypeId",
          params: { earliest: earliest.split("-").reverse().join("/") },
        }),
      };
    }
  }
  const rule = await trx
    .selectFrom("support_type_rules")
    .selectAll()
    .where("support_type_id", "=", input.supportTypeId)
    .where("size", "=", profile.size)
    .executeTakeFirst();
  if (!rule) return { problem: refuse("sme.problems.noRuleForSize", { field: "supportTypeId" }) };
  const received = await receivedThisYear(trx, input.organisationId, input.supportTypeId, input.year, input.dossierId);
  const limit = supportLimit({
    rule: {
      ratePercent: rule.rate_percent,
      capVnd: rule.cap_vnd,
      capPeriod: rule.cap_period,
      priorityRatePercent: rule.priority_rate_percent,
      priorityCapVnd: rule.priority_cap_vnd,
    },
    totalCostVnd: input.totalCostVnd,
    receivedThisYearVnd: received,
    isPriority: isPriority(profile),
    months: input.months ?? undefined,
  });
  return { limit, profile, received };
}

/** The limit that applies to a dossier now, for its page: null when the enterprise has no declaration or no rule fits. */
export async function dossierLimit(
  db: DB,
  dossier: {
    id: string;
    organisation_id: string;
    support_type_id: string;
    total_cost_vnd: number;
    months: number | null;
    support_year: number;
  },
) {
  const found = await limitFor(db, {
    organisationId: dossier.organisation_id,
    supportTypeId: dossier.support_type_id,
    totalCostVnd: dossier.total_cost_vnd,
    months: dossier.months,
    year: dossier.support_year,
    dossierId: dossier.id,
  });
  return "problem" in found ? null : { limit: found.limit, receivedVnd: found.received };
}

/** The amount refused with the bound shown: "at most 50.000.000 đ (cap 100.000.000 đ/year, 50 % of the cost)". */
function amountProblem(requestedVnd: number, limit: SupportLimit, field: string) {
  const check = checkRequestedAmount(requestedVnd, limit);
  if (check.ok) return null;
  // Invalid even when it is the whole dossier's (`_form`, on filing): the amount is the enterprise's to change.
  return refuse(`sme.problems.amount.${check.problem}`, {
    field,
    kind: "invalid",
    params: {
      max: formatMoney(check.maxVnd, "vi"),
      cap: check.capVnd === null ? "—" : formatMoney(check.capVnd, "vi"),
      byRate: formatMoney(limit.byRateVnd, "vi"),
    },
  });
}

async function openProgrammeFor(trx: DB, programmeId?: string) {
  let query = trx.selectFrom("support_programmes").selectAll();
  query = programmeId
    ? query.where("id", "=", programmeId)
    : query.where("status", "!=", "closed").orderBy("last_year", "desc").orderBy("created_at", "desc");
  return query.executeTakeFirst();
}

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

// ——— The workflow ———

export type TransitionInput = { reason?: string; amountVnd?: number; dueOn?: string };
export type TransitionContext = { t: TFunction; ip: string | null };

async function durationsAndCalendar(trx: DB, programme: SupportProgramme) {
  const [calendar, pauses] = await Promise.all([loadWorkCalendar(trx), programmePauses(trx, programme.id)]);
  return {
    calendar,
    pauses,
    durations: {
      receiveWorkingDays: programme.receive_working_days,
      checkWorkingDays: programme.check_working_days,
      decisionWorkingDays: programme.decision_working_days,
    },
  };
}

async function allocateReceipt(
  trx: DB,
  programme: SupportProgramme,
  year: number,
): Promise<{ seq: number; number: string }> {
  const row = await trx
    .selectFrom("support_dossiers")
    .select((eb) => eb.fn.max<number>("receipt_seq").as("max"))
    .where("programme_id", "=", programme.id)
    .where("support_year", "=", year)
    .executeTakeFirst();
  const seq = Number(row?.max ?? 0) + 1;
  return { seq, number: `${programme.receipt_prefix}${year}-${String(seq).padStart(4, "0")}` };
}

/**
 * Moves a dossier by one event of the state machine, whatever the form says: the machine decides what is legal and
 * for whom; this adds the programme's state, the amounts, the due date of the next step, the audit and the notices.
 */
export async function transitionDossier(
  db: DB,
  actor: CurrentUser,
  dossierId: string,
  event: DossierEvent,
  input: TransitionInput,
  context: TransitionContext,
): Promise<Outcome<{ status: DossierStatus }>> {
  const result = await db.transaction().execute(async (trx) => {
    const { dossier, actor: part } = await getDossier(trx, actor, dossierId);
    const next = nextDossierStatus(dossier.status, event, part, {
      reason: input.reason,
      amountVnd: input.amountVnd,
      dueOn: input.dueOn,
    });
    if (!next.ok) {
      if (next.problem === "forbidden") forbidden();
      const field = {
        notAllowed: "_form",
        reasonRequired: "reason",
        amountRequired: "amountVnd",
        dueDateRequired: "dueOn",
      }[next.problem];
      // A step the dossier's status does not allow is answered as a form to correct (400), like a missing input.
      return refuse(`sme.problems.${next.problem}`, { field, kind: "invalid" });
    }
    const programme = (await openProgrammeFor(trx, dossier.programme_id))!;
    const now = nowIso();
    const today = provinceDate(now);
    const changes: Record<string, unknown> = { status: next.status, updated_at: now };

    const refusal = programmeRefusal(event, programme);
    if (refusal)
      return refuse(`sme.problems.${refusal}`, {
        kind: "invalid",
        params: refusal === "programmePaused" ? { reason: programme.status_reason ?? "" } : undefined,
      });
    if (event === "submit") {
      const found = await limitFor(trx, {
        organisationId: dossier.organisation_id,
        supportTypeId: dossier.support_type_id,
        totalCostVnd: dossier.total_cost_vnd,
        months: dossier.months,
        year: dossier.support_year,
        dossierId,
      });
      if ("problem" in found) return found.problem!;
      const refused = amountProblem(dossier.requested_vnd, found.limit, "_form");
      if (refused) return refused;
      const receipt = dossier.receipt_number
        ? { seq: dossier.receipt_seq!, number: dossier.receipt_number }
        : await allocateReceipt(trx, programme, dossier.support_year);
      Object.assign(changes, {
        receipt_seq: receipt.seq,
        receipt_number: receipt.number,
        submitted_at: now,
        enterprise_size: found.profile.size,
        is_priority: isPriority(found.profile) ? 1 : 0,
      });
    }
    if (event === "request_supplement") {
      if (input.dueOn! <= today) return refuse("sme.problems.dueInPast", { field: "dueOn" });
      Object.assign(changes, { supplement_request: input.reason, due_on: input.dueOn });
    }
    if (event === "mark_complete")
      Object.assign(changes, {
        complete_on: today,
        received_complete_on: decisionClockStartsOn(dossier.step_started_on, today),
      });
    if (event === "propose" || event === "approve") {
      const found = await limitFor(trx, {
        organisationId: dossier.organisation_id,
        supportTypeId: dossier.support_type_id,
        totalCostVnd: dossier.total_cost_vnd,
        months: dossier.months,
        year: dossier.support_year,
        dossierId,
      });
      if ("problem" in found) return found.problem!;
      const refused = amountProblem(input.amountVnd!, found.limit, "amountVnd");
      if (refused) return refused;
      if (event === "propose")
        Object.assign(changes, {
          proposed_vnd: input.amountVnd,
          appraisal_note: input.reason ?? dossier.appraisal_note,
        });
      else Object.assign(changes, { approved_vnd: input.amountVnd, decision_reason: input.reason ?? null });
    }
    if (event === "reject") changes.decision_reason = input.reason;
    if (event === "record_payment") {
      if (input.amountVnd! > (dossier.approved_vnd ?? 0))
        return refuse("sme.problems.paidAboveApproved", {
          field: "amountVnd",
          params: { approved: formatMoney(dossier.approved_vnd ?? 0, "vi") },
        });
      changes.paid_vnd = input.amountVnd;
    }
    if (event === "submit" || event === "receive" || event === "supplement") changes.step_started_on = today;
    if (event !== "request_supplement") {
      const { calendar, pauses, durations } = await durationsAndCalendar(trx, programme);
      changes.due_on = dossierDueOn(
        {
          status: next.status,
          stepStartedOn: (changes.step_started_on as string | undefined) ?? dossier.step_started_on,
          receivedCompleteOn: (changes.received_complete_on as string | undefined) ?? dossier.received_complete_on,
          currentDueOn: dossier.due_on,
        },
        durations,
        calendar,
        pauses,
      );
    }

    await trx.updateTable("support_dossiers").set(changes).where("id", "=", dossierId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: `sme.dossier_${event}`,
      entityType: "support_dossier",
      entityId: dossierId,
      before: { status: dossier.status },
      after: {
        status: next.status,
        ...(input.amountVnd !== undefined ? { amountVnd: input.amountVnd } : {}),
        ...(input.dueOn ? { dueOn: input.dueOn } : {}),
        ...(changes.receipt_number ? { receiptNumber: changes.receipt_number } : {}),
      },
      reason: input.reason ?? null,
      ip: context.ip,
    });
    if (!isInternalEvent(event))
      await tellDossierStep(
        trx,
        { ...dossier, receipt_number: (changes.receipt_number as string | undefined) ?? dossier.receipt_number },
        next.status,
        input,
        context,
      );
    return { ok: true as const, status: next.status };
  });
  return result;
}

/** Concurrent filings can race for a receipt number; the unique index refuses the loser, which tries again. */
export const transitionDossierWithRetry = withUniqueRetry(transitionDossier);

/** Every step is told to the enterprise's members by e-mail and in the portal, in the same transaction. */
async function tellDossierStep(
  trx: DB,
  dossier: {
    id: string;
    organisation_id: string;
    receipt_number: string | null;
    enterprise_name: string;
    support_type_name: string;
  },
  status: DossierStatus,
  input: TransitionInput,
  { t }: TransitionContext,
): Promise<void> {
  const statusLabel = t(`sme.statuses.${status}`);
  const receipt = dossier.receipt_number ?? "—";
  const details = [
    input.reason ? t("sme.mail.reason", { reason: input.reason }) : "",
    input.amountVnd !== undefined ? t("sme.mail.amount", { amount: formatMoney(input.amountVnd, "vi") }) : "",
    input.dueOn ? t("sme.mail.dueOn", { dueOn: input.dueOn.split("-").reverse().join("/") }) : "",
  ]
    .filter(Boolean)
    .join("\n");
  await notifyMembers(trx, dossier.organisation_id, {
    subject: t("sme.mail.subject", { receipt, status: statusLabel }),
    body: (name) =>
      t("sme.mail.body", {
        name,
        enterprise: dossier.enterprise_name,
        type: dossier.support_type_name,
        receipt,
        status: statusLabel,
        details,
        link: publicUrl(`/sme/dossiers/${dossier.id}`),
      }),
    note: input.reason ?? dossier.support_type_name,
    link: `/sme/dossiers/${dossier.id}`,
  });
}

// ——— The programme: status, budgets, rules, calendar ———

/** Recomputes the due date of every dossier of the programme still waiting on the department (after a pause, a holiday change, and after seeding). */
export async function recomputeDueDates(trx: DB, programmeId: string): Promise<void> {
  const programme = (await openProgrammeFor(trx, programmeId))!;
  const { calendar, pauses, durations } = await durationsAndCalendar(trx, programme);
  const dossiers = await trx
    .selectFrom("support_dossiers")
    .select(["id", "status", "step_started_on", "received_complete_on", "due_on"])
    .where("programme_id", "=", programmeId)
    .where("status", "in", OPEN_STATUSES)
    .execute();
  for (const dossier of dossiers) {
    const due = dossierDueOn(
      {
        status: dossier.status,
        stepStartedOn: dossier.step_started_on,
        receivedCompleteOn: dossier.received_complete_on,
        currentDueOn: dossier.due_on,
      },
      durations,
      calendar,
      pauses,
    );
    if (due !== dossier.due_on)
      await trx.updateTable("support_dossiers").set({ due_on: due }).where("id", "=", dossier.id).execute();
  }
}

export type ProgrammeStatusInput = {
  status: "open" | "paused" | "closed";
  reason?: string;
  pausedIntake?: "refuse" | "queue";
};

/**
 * Leaders (and staff on their instruction) open, pause and close the programme. A pause keeps every dossier and
 * stops their clocks from today; reopening ends the pause yesterday, so today counts again.
 */
/** The programme's settings as its page's forms name them: what a version conflict reports. */
const PROGRAMME_FIELDS = {
  status: "status",
  status_reason: "reason",
  receiveWorkingDays: "receiveWorkingDays",
  checkWorkingDays: "checkWorkingDays",
  decisionWorkingDays: "decisionWorkingDays",
  amountVnd: "amountVnd",
} as const;

/** The programme moves to its next version, unless another of its settings was saved after the page was loaded. */
async function claimProgramme(
  trx: Kysely<Database>,
  programmeId: string,
  loaded: number,
): Promise<VersionConflict | null> {
  if (await claimVersion(trx, "support_programmes", programmeId, loaded)) return null;
  const types = await trx.selectFrom("support_types").select("id").where("programme_id", "=", programmeId).execute();
  return changesSince(
    trx,
    "support_programmes",
    "support_programme",
    programmeId,
    loaded,
    PROGRAMME_FIELDS,
    types.map((type) => type.id),
  );
}

export async function setProgrammeStatus(
  db: DB,
  actor: CurrentUser,
  programmeId: string,
  input: ProgrammeStatusInput,
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
  requireProcessor(actor);
  return db.transaction().execute(async (trx) => {
    const programme = await openProgrammeFor(trx, programmeId);
    if (!programme) notFound();
    if (programme.status === "closed") return refuse("sme.problems.programmeClosed", { kind: "invalid" });
    if (input.status !== "open" && !input.reason?.trim())
      return refuse("sme.problems.reasonRequired", { field: "reason" });
    const conflict = await claimProgramme(trx, programme.id, loaded);
    if (conflict) return conflict;
    const today = provinceDate(nowIso());
    if (input.status === "paused" && programme.status !== "paused") {
      await trx
        .insertInto("programme_pauses")
        .values({ id: newId(), programme_id: programme.id, from_on: today, to_on: null, reason: input.reason! })
        .execute();
    }
    if (input.status !== "paused" && programme.status === "paused") {
      const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const open = await trx
        .selectFrom("programme_pauses")
        .select(["id", "from_on"])
        .where("programme_id", "=", programme.id)
        .where("to_on", "is", null)
        .execute();
      // A pause started and ended on the same day covers that day only.
      for (const pause of open)
        await trx
          .updateTable("programme_pauses")
          .set({ to_on: pause.from_on > yesterday ? pause.from_on : yesterday })
          .where("id", "=", pause.id)
          .execute();
    }
    const changes = {
      status: input.status,
      status_reason: input.status === "open" ? null : input.reason!,
      status_changed_on: today,
      paused_intake: input.pausedIntake ?? programme.paused_intake,
      updated_at: nowIso(),
    };
    await trx.updateTable("support_programmes").set(changes).where("id", "=", programme.id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "sme.programme_status",
      entityType: "support_programme",
      entityId: programme.id,
      before: { status: programme.status, status_reason: programme.status_reason },
      after: { ...changes, version: loaded + 1 },
      reason: input.reason ?? null,
      ip,
    });
    await recomputeDueDates(trx, programme.id);
    return { ok: true as const };
  });
}

export type DurationsInput = { receiveWorkingDays: number; checkWorkingDays: number; decisionWorkingDays: number };

/** The steps' durations in working days are settings (the decision's 14 days come from Decree 80 art. 32); open dossiers follow at once. */
export async function setStepDurations(
  db: DB,
  actor: CurrentUser,
  programmeId: string,
  input: DurationsInput,
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
  if (actor.role !== "staff" && actor.role !== "admin" && actor.role !== "leader") forbidden();
  return db.transaction().execute(async (trx) => {
    const programme = await openProgrammeFor(trx, programmeId);
    if (!programme) notFound();
    const conflict = await claimProgramme(trx, programme.id, loaded);
    if (conflict) return conflict;
    const changes = {
      receive_working_days: input.receiveWorkingDays,
      check_working_days: input.checkWorkingDays,
      decision_working_days: input.decisionWorkingDays,
      updated_at: nowIso(),
    };
    await trx.updateTable("support_programmes").set(changes).where("id", "=", programme.id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "sme.durations_saved",
      entityType: "support_programme",
      entityId: programme.id,
      before: {
        receiveWorkingDays: programme.receive_working_days,
        checkWorkingDays: programme.check_working_days,
        decisionWorkingDays: programme.decision_working_days,
      },
      after: { ...input, version: loaded + 1 },
      ip,
    });
    await recomputeDueDates(trx, programme.id);
    return { ok: true as const };
  });
}

export async function saveBudget(
  db: DB,
  actor: CurrentUser,
  programmeId: string,
  input: { year: number; amountVnd: number },
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
  if (actor.role !== "staff" && actor.role !== "admin" && actor.role !== "leader") forbidden();
  return db.transaction().execute(async (trx) => {
    const programme = await openProgrammeFor(trx, programmeId);
    if (!programme) notFound();
    if (input.year < programme.first_year || input.year > programme.last_year)
      return refuse("sme.problems.yearOutsideProgramme", {
        field: "year",
        params: { first: String(programme.first_year), last: String(programme.last_year) },
      });
    const conflict = await claimProgramme(trx, programme.id, loaded);
    if (conflict) return conflict;
    const before = await trx
      .selectFrom("programme_budgets")
      .select("amount_vnd")
      .where("programme_id", "=", programmeId)
      .where("year", "=", input.year)
      .executeTakeFirst();
    await trx
      .insertInto("programme_budgets")
      .values({ programme_id: programmeId, year: input.year, amount_vnd: input.amountVnd })
      .onConflict((oc) => oc.columns(["programme_id", "year"]).doUpdateSet({ amount_vnd: input.amountVnd }))
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "sme.budget_saved",
      entityType: "support_programme",
      entityId: programmeId,
      before: before ? { year: input.year, amountVnd: before.amount_vnd } : null,
      after: { ...input, version: loaded + 1 },
      ip,
    });
    return { ok: true as const };
  });
}

export type RuleInput = {
  ratePercent: number;
  capVnd?: number;
  capPeriod: "year" | "contract" | "month" | "none";
  priorityRatePercent?: number;
  priorityCapVnd?: number;
  verified: boolean;
  source: string;
};

/** Staff correct a rate or cap from the legal text; whether it is verified is said explicitly, with the source. */
/** A rate or cap of one of the programme's supports: part of the programme's settings, versioned with them. */
export async function saveSupportRule(
  db: DB,
  actor: CurrentUser,
  supportTypeId: string,
  size: "micro" | "small" | "medium",
  input: RuleInput,
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  return db.transaction().execute(async (trx) => {
    const type = await trx
      .selectFrom("support_types")
      .select(["id", "programme_id"])
      .where("id", "=", supportTypeId)
      .executeTakeFirst();
    if (!type) notFound();
    const conflict = await claimProgramme(trx, type.programme_id, loaded);
    if (conflict) return conflict;
    const before = await trx
      .selectFrom("support_type_rules")
      .selectAll()
      .where("support_type_id", "=", supportTypeId)
      .where("size", "=", size)
      .executeTakeFirst();
    const values = {
      support_type_id: supportTypeId,
      size,
      rate_percent: input.ratePercent,
      cap_vnd: input.capVnd ?? null,
      cap_period: input.capPeriod,
      priority_rate_percent: input.priorityRatePercent ?? null,
      priority_cap_vnd: input.priorityCapVnd ?? null,
      verified: input.verified ? 1 : 0,
      source: input.source,
    };
    const { support_type_id: _t, size: _s, ...changes } = values;
    await trx
      .insertInto("support_type_rules")
      .values(values)
      .onConflict((oc) => oc.columns(["support_type_id", "size"]).doUpdateSet(changes))
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "sme.rule_saved",
      entityType: "support_type",
      entityId: supportTypeId,
      before: before ?? null,
      after: { ...values, version: loaded + 1 },
      ip,
    });
    return { ok: true as const };
  });
}

export { dossierActorOf };
