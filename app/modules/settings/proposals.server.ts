/**
 * Four eyes on the legal settings: a programme's status, its step durations, a support's rate and cap, and the
 * working-day calendar are proposed with their source document and take effect only when a leader other than the
 * proposer approves. The approval applies the change through the setting's own apply function, in the same
 * transaction and with the approver as its actor; when that function refuses (or the programme's version moved since
 * the proposal), nothing is written and the proposal stays pending. Every step is audited.
 */
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import type { VersionConflict } from "../../lib/versions.server";
import { calendarEntryProblem } from "../../lib/working-days";
import { applyHolidayAdd, applyHolidayRemove, calendarEntry } from "../calendar/commands.server";
import {
  applyProgrammeStatus,
  applyStepDurations,
  applySupportRule,
  programmeChangedSince,
} from "../sme/commands.server";
import { tellLeadersOfProposal, tellProposerOfDecision } from "./notices.server";
import {
  mayPropose,
  nextProposalStatus,
  proposalActor,
  type ProposalEvent,
  type ProposalPayloads,
  type SettingProposalKind,
  type SettingProposalStatus,
} from "./rules";

/** A proposal as the pages make it: the kind, what it is for, the validated change and its legal source. */
export type ProposalInput = {
  [K in SettingProposalKind]: {
    kind: K;
    /** The programme (its status, durations), the support type (a rule) or the calendar day. */
    targetId: string;
    /** The programme's version the page was loaded at (programme settings); null for the calendar. */
    loaded: number | null;
    payload: ProposalPayloads[K];
    sourceDocument: string;
  };
}[SettingProposalKind];

/** The refusals an apply function gives are the proposal's: the same keys and fields as when it applied at once. */
export async function proposeSettingChange(
  db: DB,
  actor: CurrentUser,
  input: ProposalInput,
  ip: string | null,
): Promise<Outcome<{ id: string }> | VersionConflict> {
  if (!mayPropose(actor.role)) forbidden();
  const sourceDocument = input.sourceDocument.trim();
  if (!sourceDocument) return refuse("settings.problems.sourceDocumentRequired", { field: "sourceDocument" });
  const proposal = normalised(input, sourceDocument);
  return db.transaction().execute(async (trx) => {
    const refused = await proposalProblem(trx, proposal);
    if (refused) return refused;
    const id = newId();
    const row = {
      id,
      kind: proposal.kind,
      target_id: proposal.targetId,
      payload: JSON.stringify(proposal.payload),
      loaded_version: proposal.loaded,
      source_document: sourceDocument,
      status: "pending" as const,
      proposed_by: actor.id,
      proposed_at: nowIso(),
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    };
    await trx.insertInto("setting_proposals").values(row).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "settings.proposal_made",
      entityType: "setting_proposal",
      entityId: id,
      after: {
        kind: row.kind,
        target: row.target_id,
        change: proposal.payload,
        version: row.loaded_version,
        sourceDocument,
        status: row.status,
      },
      ip,
    });
    await tellLeadersOfProposal(trx, row);
    return { ok: true as const, id };
  });
}

/** A day added with no source of its own takes the proposal's: the calendar then says which decision set the day. */
function normalised(input: ProposalInput, sourceDocument: string): ProposalInput {
  if (input.kind !== "holiday_add") return input;
  const entry = calendarEntry({ ...input.payload, source: input.payload.source || sourceDocument });
  return { ...input, targetId: entry.day, payload: entry };
}

/** What the apply function would refuse now, found before anything is proposed; null when it may be proposed. */
async function proposalProblem(trx: DB, proposal: ProposalInput) {
  switch (proposal.kind) {
    case "programme_status": {
      const programme = await programmeOf(trx, proposal.targetId);
      if (programme.status === "closed") return refuse("sme.problems.programmeClosed", { kind: "invalid" });
      if (proposal.payload.status !== "open" && !proposal.payload.reason?.trim())
        return refuse("sme.problems.reasonRequired", { field: "reason" });
      return programmeChangedSince(trx, programme.id, proposal.loaded ?? 0);
    }
    case "step_durations":
      return programmeChangedSince(trx, (await programmeOf(trx, proposal.targetId)).id, proposal.loaded ?? 0);
    case "support_rule": {
      const type = await trx
        .selectFrom("support_types")
        .select("programme_id")
        .where("id", "=", proposal.targetId)
        .executeTakeFirst();
      if (!type) return refuse("settings.problems.targetMissing", { kind: "missing" });
      return programmeChangedSince(trx, type.programme_id, proposal.loaded ?? 0);
    }
    case "holiday_add": {
      const problem = calendarEntryProblem(proposal.payload);
      if (problem)
        return refuse(`sme.problems.${problem}`, { field: problem === "sourceRequired" ? "source" : "kind" });
      const existing = await trx
        .selectFrom("public_holidays")
        .select("day")
        .where("day", "=", proposal.payload.day)
        .executeTakeFirst();
      return existing ? refuse("sme.problems.holidayExists", { field: "day" }) : null;
    }
    case "holiday_remove": {
      const existing = await trx
        .selectFrom("public_holidays")
        .select("day")
        .where("day", "=", proposal.targetId)
        .executeTakeFirst();
      return existing ? null : refuse("sme.problems.holidayMissing", { field: "day", kind: "missing" });
    }
  }
}

async function programmeOf(trx: DB, programmeId: string) {
  const programme = await trx
    .selectFrom("support_programmes")
    .select(["id", "status"])
    .where("id", "=", programmeId)
    .executeTakeFirst();
  if (!programme) notFound();
  return programme;
}

/** Thrown inside the approval's transaction to roll back whatever the apply function wrote before refusing. */
class ApplyRefused extends Error {
  constructor(readonly outcome: Outcome | VersionConflict) {
    super("apply refused");
  }
}

const AUDITED: Record<ProposalEvent, string> = {
  approve: "settings.proposal_approved",
  reject: "settings.proposal_rejected",
  withdraw: "settings.proposal_withdrawn",
};

/**
 * One step on a proposal, decided by its state machine: a leader other than the proposer approves (the change is
 * applied in this transaction) or rejects with a reason; the proposer withdraws. Refused: forbidden (403), not
 * pending (409), no reason (400), or the apply's own refusal, the proposal left pending.
 */
export async function decideProposal(
  db: DB,
  actor: CurrentUser,
  proposalId: string,
  event: ProposalEvent,
  input: { reason?: string | null },
  ip: string | null,
): Promise<Outcome<{ status: SettingProposalStatus }> | VersionConflict> {
  try {
    return await db.transaction().execute(async (trx) => {
      const proposal = await trx
        .selectFrom("setting_proposals")
        .selectAll()
        .where("id", "=", proposalId)
        .executeTakeFirst();
      if (!proposal) return refuse("settings.problems.missing", { kind: "missing" });
      const reason = input.reason?.trim() || null;
      const result = nextProposalStatus(proposal.status, event, proposalActor(actor, proposal.proposed_by), {
        reason,
      });
      if (!result.ok) {
        if (result.problem === "forbidden")
          return refuse(
            actor.id === proposal.proposed_by ? "settings.problems.ownProposal" : "settings.problems.notYours",
            { kind: "forbidden" },
          );
        if (result.problem === "missing") return refuse("settings.problems.reasonRequired", { field: "reason" });
        return refuse("settings.problems.notPending");
      }
      if (event === "approve") {
        const applied = await applyProposal(trx, actor, proposal, ip);
        if (!applied.ok) throw new ApplyRefused(applied);
      }
      const now = nowIso();
      const updated = await trx
        .updateTable("setting_proposals")
        .set({ status: result.status, decided_by: actor.id, decided_at: now, decision_reason: reason })
        .where("id", "=", proposal.id)
        .where("status", "=", proposal.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new ApplyRefused(refuse("settings.problems.notPending"));
      await recordAudit(trx, {
        actorId: actor.id,
        action: AUDITED[event],
        entityType: "setting_proposal",
        entityId: proposal.id,
        before: { status: proposal.status },
        after: { status: result.status, kind: proposal.kind, target: proposal.target_id },
        reason,
        ip,
      });
      if (result.status === "approved" || result.status === "rejected")
        await tellProposerOfDecision(trx, proposal, {
          outcome: result.status,
          deciderId: actor.id,
          at: now,
          reason,
        });
      return { ok: true as const, status: result.status };
    });
  } catch (error) {
    if (error instanceof ApplyRefused) return error.outcome as Outcome<{ status: SettingProposalStatus }>;
    throw error;
  }
}

export const approveProposal = (db: DB, actor: CurrentUser, proposalId: string, ip: string | null) =>
  decideProposal(db, actor, proposalId, "approve", {}, ip);
export const rejectProposal = (db: DB, actor: CurrentUser, proposalId: string, reason: string, ip: string | null) =>
  decideProposal(db, actor, proposalId, "reject", { reason }, ip);
export const withdrawProposal = (
  db: DB,
  actor: CurrentUser,
  proposalId: string,
  reason: string | null,
  ip: string | null,
) => decideProposal(db, actor, proposalId, "withdraw", { reason }, ip);

type StoredProposal = { kind: SettingProposalKind; target_id: string; payload: string; loaded_version: number | null };

/** The change through the setting's own apply function, with the approver as actor (its audit entry names them). */
async function applyProposal(
  trx: DB,
  actor: CurrentUser,
  proposal: StoredProposal,
  ip: string | null,
): Promise<Outcome | VersionConflict> {
  const loaded = proposal.loaded_version ?? 0;
  switch (proposal.kind) {
    case "programme_status":
      return applyProgrammeStatus(trx, actor, proposal.target_id, parsed(proposal, "programme_status"), loaded, ip);
    case "step_durations":
      return applyStepDurations(trx, actor, proposal.target_id, parsed(proposal, "step_durations"), loaded, ip);
    case "support_rule": {
      const { size, ...rule } = parsed(proposal, "support_rule");
      return applySupportRule(trx, actor, proposal.target_id, size, rule, loaded, ip);
    }
    case "holiday_add":
      return applyHolidayAdd(trx, actor, parsed(proposal, "holiday_add"), ip);
    case "holiday_remove":
      return applyHolidayRemove(trx, actor, proposal.target_id, ip);
  }
}

/** The stored payload: written by `proposeSettingChange` from a validated form, so read back as its kind's shape. */
function parsed<K extends SettingProposalKind>(proposal: StoredProposal, _kind: K): ProposalPayloads[K] {
  return JSON.parse(proposal.payload) as ProposalPayloads[K];
}
