/** The programme's settings, versioned together: its status and pauses, step durations, budgets, rates and caps. */

import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { provinceDate } from "../../lib/province-time";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { changesSince, claimVersion, type VersionConflict } from "../../lib/versions.server";
import { recomputeDueDates } from "./transitions.server";
import { openProgrammeFor } from "./queries.server";

function requireProcessor(actor: CurrentUser): void {
  if (actor.role !== "staff" && actor.role !== "admin" && actor.role !== "leader") forbidden();
}

export type ProgrammeStatusInput = {
  status: "open" | "paused" | "closed";
  reason?: string;
  pausedIntake?: "refuse" | "queue";
};

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
  return programmeChanges(trx, programmeId, loaded);
}

/** Who saved which of the programme's settings (its own and its support types') since version `loaded`. */
async function programmeChanges(trx: Kysely<Database>, programmeId: string, loaded: number): Promise<VersionConflict> {
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

/**
 * Leaders (and staff on their instruction) open, pause and close the programme. A pause keeps every dossier and
 * stops their clocks from today; reopening ends the pause yesterday, so today counts again.
 */
export async function setProgrammeStatus(
  db: DB,
  actor: CurrentUser,
  programmeId: string,
  input: ProgrammeStatusInput,
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
  requireProcessor(actor);
  return db.transaction().execute((trx) => applyProgrammeStatus(trx, actor, programmeId, input, loaded, ip));
}

/**
 * The status change itself, inside the caller's transaction and without the role check: `setProgrammeStatus` for a
 * direct change, a leader's approval of a proposal (app/modules/settings) for the four-eyes one.
 */
export async function applyProgrammeStatus(
  trx: Kysely<Database>,
  actor: CurrentUser,
  programmeId: string,
  input: ProgrammeStatusInput,
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
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
  requireProcessor(actor);
  return db.transaction().execute((trx) => applyStepDurations(trx, actor, programmeId, input, loaded, ip));
}

/** The durations' change inside the caller's transaction, without the role check (see `applyProgrammeStatus`). */
export async function applyStepDurations(
  trx: Kysely<Database>,
  actor: CurrentUser,
  programmeId: string,
  input: DurationsInput,
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
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

/**
 * A rate or cap of one of the programme's supports, corrected by staff from the legal text: whether it is verified is
 * said explicitly, with the source. Part of the programme's settings, versioned with them.
 */
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
  return db.transaction().execute((trx) => applySupportRule(trx, actor, supportTypeId, size, input, loaded, ip));
}

/** The rule's change inside the caller's transaction, without the role check (see `applyProgrammeStatus`). */
export async function applySupportRule(
  trx: Kysely<Database>,
  actor: CurrentUser,
  supportTypeId: string,
  size: "micro" | "small" | "medium",
  input: RuleInput,
  loaded: number,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
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
}

/**
 * Null while the programme is still at the version a page was loaded at; otherwise who saved what since, as a save
 * from that page would be told. A proposal is checked so when made, and again (by the apply) when approved.
 */
export async function programmeChangedSince(
  trx: Kysely<Database>,
  programmeId: string,
  loaded: number,
): Promise<VersionConflict | null> {
  const row = await trx
    .selectFrom("support_programmes")
    .select("version")
    .where("id", "=", programmeId)
    .executeTakeFirst();
  if (!row) notFound();
  if (row.version === loaded) return null;
  return programmeChanges(trx, programmeId, loaded);
}
