/** A round's panel before and while judging: settings, judges, conflicts of interest, start, assignment, drop-outs. */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { editionPhaseNow, getEdition } from "../competition/queries.server";
import { phaseAllows } from "../competition/rules";
import { assignJudges, type AssignmentProblem, conflictKey } from "./assignment";
import { parseEvidence } from "./conflict-evidence";
import { computeConflictProposals } from "./conflict-proposals.server";
import { tellAssignedJudges } from "./notices.server";
import { getRound } from "./queries.server";
import type { RoundSettingsInput } from "./schemas";
import { requireStaff, setEntryStatus } from "./shared.server";

function settingsOf(round: Awaited<ReturnType<typeof getRound>>) {
  return {
    blind: round.blind,
    deliberation: round.deliberation,
    aggregation: round.aggregation,
    min_scores_to_normalise: round.min_scores_to_normalise,
    disagreement_threshold: round.disagreement_threshold,
    no_zero_criterion: round.no_zero_criterion,
    min_average: round.min_average,
    advance_per_category: round.advance_per_category,
    tie_break_criterion_id: round.tie_break_criterion_id,
    pitch_minutes: round.pitch_minutes,
    questions_minutes: round.questions_minutes,
    ends_on: round.ends_on,
    max_entries_per_judge: round.max_entries_per_judge,
  };
}

/** Changes a round's rules; refused once the round is closed, since its outcome was decided under the old ones. */
export async function updateRoundSettings(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  input: RoundSettingsInput,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const round = await getRound(trx, roundId);
    if (round.status === "closed") return refuse("rounds.problems.closed");
    if (input.tieBreakCriterionId) {
      const criterion = await trx
        .selectFrom("round_criteria")
        .select("id")
        .where("id", "=", input.tieBreakCriterionId)
        .where("round_id", "=", roundId)
        .executeTakeFirst();
      if (!criterion)
        return refuse("rounds.problems.tieBreakNotInRound", { field: "tieBreakCriterionId", kind: "conflict" });
    }
    const after = {
      blind: input.blind ? 1 : 0,
      deliberation: input.deliberation ? 1 : 0,
      aggregation: input.aggregation,
      min_scores_to_normalise: input.minScoresToNormalise,
      disagreement_threshold: input.disagreementThreshold,
      no_zero_criterion: input.noZeroCriterion ? 1 : 0,
      min_average: input.minAverage,
      advance_per_category: input.advancePerCategory,
      tie_break_criterion_id: input.tieBreakCriterionId ?? null,
      pitch_minutes: input.pitchMinutes ?? null,
      questions_minutes: input.questionsMinutes ?? null,
      ends_on: input.endsOn ?? null,
      max_entries_per_judge: input.maxEntriesPerJudge ?? null,
    };
    await trx.updateTable("competition_rounds").set(after).where("id", "=", roundId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.settings_updated",
      entityType: "round",
      entityId: roundId,
      before: settingsOf(round),
      after,
      ip,
    });
    return { ok: true as const };
  });
}

export async function addJudge(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  judgeId: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    await getRound(trx, roundId);
    const judge = await trx
      .selectFrom("users")
      .select(["id", "role", "status"])
      .where("id", "=", judgeId)
      .executeTakeFirst();
    if (!judge || judge.role !== "judge" || judge.status !== "active")
      return refuse("judging.problems.notAJudge", { field: "judgeId", kind: "conflict" });
    const existing = await trx
      .selectFrom("round_judges")
      .selectAll()
      .where("round_id", "=", roundId)
      .where("judge_id", "=", judgeId)
      .executeTakeFirst();
    if (existing && !existing.dropped_at) return { ok: true } as const;
    if (existing)
      await trx
        .updateTable("round_judges")
        .set({ dropped_at: null })
        .where("round_id", "=", roundId)
        .where("judge_id", "=", judgeId)
        .execute();
    else
      await trx
        .insertInto("round_judges")
        .values({ round_id: roundId, judge_id: judgeId, added_at: nowIso(), dropped_at: null })
        .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.judge_added",
      entityType: "round",
      entityId: roundId,
      after: { judgeId },
      ip,
    });
    return { ok: true } as const;
  });
}

/**
 * Proposes the conflicts the business data suggests (conflict-proposals.server.ts) for staff to confirm or dismiss,
 * each with its evidence; a pair already on record, dismissed ones included, is never proposed again.
 */
export async function proposeConflicts(db: DB, actor: CurrentUser, roundId: string, ip: string): Promise<number> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const proposals = await computeConflictProposals(trx, roundId);
    const now = nowIso();
    // A few hundred rows per statement keeps well under either engine's limit on bound parameters.
    for (let start = 0; start < proposals.length; start += 300)
      await trx
        .insertInto("judge_conflicts")
        .values(
          proposals.slice(start, start + 300).map((p) => ({
            id: newId(),
            judge_id: p.judgeId,
            organisation_id: p.organisationId,
            source: "proposed" as const,
            status: "proposed" as const,
            reason: p.reason,
            evidence_json: JSON.stringify(p.evidence),
            decision_reason: null,
            created_at: now,
            decided_by: null,
            decided_at: null,
          })),
        )
        .execute();
    if (proposals.length)
      await recordAudit(trx, {
        actorId: actor.id,
        action: "round.conflicts_proposed",
        entityType: "round",
        entityId: roundId,
        after: {
          added: proposals.length,
          byReason: Object.fromEntries(
            (["member", "email_domain", "mou", "incubation"] as const).map((r) => [
              r,
              proposals.filter((p) => p.reason === r).length,
            ]),
          ),
        },
        ip,
      });
    return proposals.length;
  });
}

/** A judge declares a conflict with an organisation; it bars them at once, and their unfinished assignment to it is withdrawn. */
export async function declareConflict(
  db: DB,
  judge: CurrentUser,
  organisationId: string,
  reason: string,
  ip: string,
): Promise<void> {
  if (judge.role !== "judge") forbidden();
  await db.transaction().execute(async (trx) => {
    const organisation = await trx
      .selectFrom("organisations")
      .select("id")
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!organisation) notFound();
    const existing = await trx
      .selectFrom("judge_conflicts")
      .select("id")
      .where("judge_id", "=", judge.id)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    await writeDeclaredConflict(trx, judge.id, organisationId, reason, existing?.id ?? null);
    await recordAudit(trx, {
      actorId: judge.id,
      action: "conflict.declared",
      entityType: "organisation",
      entityId: organisationId,
      after: { judgeId: judge.id },
      reason,
      ip,
    });
  });
}

/**
 * Records that a judge declared a conflict with an organisation (confirmed at once, replacing a proposal or a
 * dismissal on record as `existingId`) and withdraws their unfinished assignments to it. The caller audits.
 */
export async function writeDeclaredConflict(
  trx: Kysely<Database>,
  judgeId: string,
  organisationId: string,
  reason: string,
  existingId: string | null,
): Promise<void> {
  const now = nowIso();
  const decided = { source: "declared", status: "confirmed", reason, decided_by: judgeId, decided_at: now } as const;
  if (existingId)
    await trx
      .updateTable("judge_conflicts")
      .set({ ...decided, decision_reason: null })
      .where("id", "=", existingId)
      .execute();
  else
    await trx
      .insertInto("judge_conflicts")
      .values({
        id: newId(),
        judge_id: judgeId,
        organisation_id: organisationId,
        ...decided,
        evidence_json: null,
        decision_reason: null,
        created_at: now,
      })
      .execute();
  await withdrawConflictedAssignments(trx, judgeId, organisationId);
}

export async function withdrawConflictedAssignments(
  db: Kysely<Database>,
  judgeId: string,
  organisationId: string,
): Promise<void> {
  const open = await db
    .selectFrom("assignments")
    .innerJoin("competition_entries", "competition_entries.id", "assignments.entry_id")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
    .select(["assignments.id"])
    .where("assignments.judge_id", "=", judgeId)
    .where("competition_entries.organisation_id", "=", organisationId)
    .where("assignments.removed_at", "is", null)
    .execute();
  if (open.length)
    await db
      .updateTable("assignments")
      .set({ removed_at: nowIso() })
      .where(
        "id",
        "in",
        open.map((a) => a.id),
      )
      .execute();
}

/**
 * Staff decide a proposed conflict: confirmed, it bars the judge (their unfinished assignments to the organisation are
 * withdrawn); dismissed, with a reason, it stays on record so that it is never proposed again. Audited with evidence.
 */
export async function decideConflict(
  db: DB,
  actor: CurrentUser,
  conflictId: string,
  decision: { confirm: boolean; reason?: string },
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const conflict = await trx
      .selectFrom("judge_conflicts")
      .selectAll()
      .where("id", "=", conflictId)
      .executeTakeFirst();
    if (!conflict) notFound();
    if (conflict.status !== "proposed") return refuse("conflictProposals.problems.alreadyDecided");
    if (!decision.confirm && !decision.reason)
      return refuse("conflictProposals.problems.dismissReason", { field: "reason", kind: "invalid" });
    const status = decision.confirm ? "confirmed" : "dismissed";
    await trx
      .updateTable("judge_conflicts")
      .set({ status, decision_reason: decision.reason ?? null, decided_by: actor.id, decided_at: nowIso() })
      .where("id", "=", conflictId)
      .execute();
    if (decision.confirm) await withdrawConflictedAssignments(trx, conflict.judge_id, conflict.organisation_id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: `conflict.${status}`,
      entityType: "organisation",
      entityId: conflict.organisation_id,
      before: { status: conflict.status },
      after: { status, judgeId: conflict.judge_id, evidence: parseEvidence(conflict.evidence_json) },
      reason: decision.reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** Opens a round: the first takes every valid entry; a later one takes those advanced from the round before. */
export async function startRound(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  ip: string,
): Promise<Outcome<{ entries: number }>> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const round = await getRound(trx, roundId);
    if (round.status !== "setup") return refuse("judging.problems.roundNotInSetup");
    const edition = await getEdition(trx, round.edition_id);
    const phase = await editionPhaseNow(trx, edition);
    if (!phaseAllows(phase, "start_round"))
      return refuse(phase === "results" ? "judging.problems.alreadyPublished" : "judging.problems.callStillOpen");
    const previous = await trx
      .selectFrom("competition_rounds")
      .select("id")
      .where("edition_id", "=", round.edition_id)
      .where("position", "<", round.position)
      .orderBy("position", "desc")
      .executeTakeFirst();
    const entryIds = previous
      ? (
          await trx
            .selectFrom("round_entries")
            .select("entry_id")
            .where("round_id", "=", previous.id)
            .where("outcome", "=", "advanced")
            .execute()
        ).map((r) => r.entry_id)
      : (
          await trx
            .selectFrom("competition_entries")
            .select("id")
            .where("edition_id", "=", round.edition_id)
            .where("status", "=", "valid")
            .execute()
        ).map((r) => r.id);
    if (!entryIds.length) return refuse("judging.problems.noEntries");
    const now = nowIso();
    await trx
      .insertInto("round_entries")
      .values(entryIds.map((entryId) => ({ round_id: roundId, entry_id: entryId, added_at: now })))
      .execute();
    await trx.updateTable("competition_rounds").set({ status: "judging" }).where("id", "=", roundId).execute();
    await setEntryStatus(
      trx,
      entryIds,
      round.kind === "final" ? "finalist" : "in_round",
      actor,
      "entry.round_started",
      ip,
    );
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.started",
      entityType: "round",
      entityId: roundId,
      before: { status: "setup" },
      after: { status: "judging", entries: entryIds.length },
      ip,
    });
    return { ok: true as const, entries: entryIds.length };
  });
}

/** Assigns k judges to every entry of the round that lacks them, keeping existing assignments. */
export async function autoAssign(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  k: number,
  ip: string,
): Promise<{ ok: true; added: number; moved: number } | { ok: false; assignmentProblems: AssignmentProblem[] }> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const round = await getRound(trx, roundId);
    const judges = (
      await trx
        .selectFrom("round_judges")
        .select("judge_id")
        .where("round_id", "=", roundId)
        .where("dropped_at", "is", null)
        .orderBy("judge_id")
        .execute()
    ).map((j) => j.judge_id);
    const entries = (
      await trx
        .selectFrom("round_entries")
        .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
        .select(["competition_entries.id", "competition_entries.organisation_id"])
        .where("round_entries.round_id", "=", roundId)
        .execute()
    ).map((e) => ({ id: e.id, organisationId: e.organisation_id }));
    const conflicts = new Set(
      (
        await trx
          .selectFrom("judge_conflicts")
          .select(["judge_id", "organisation_id"])
          .where((eb) => eb.or([eb("source", "=", "declared"), eb("status", "=", "confirmed")]))
          .where("status", "!=", "dismissed")
          .execute()
      ).map((c) => conflictKey(c.judge_id, c.organisation_id)),
    );
    // A sheet saved on an assignment (draft or submitted) pins it; one on which nothing was saved may move.
    const existing = await trx
      .selectFrom("assignments")
      .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
      .select(["assignments.id", "assignments.entry_id", "assignments.judge_id", "score_sheets.id as sheet_id"])
      .where("assignments.round_id", "=", roundId)
      .where("assignments.removed_at", "is", null)
      .execute();
    const onPanel = new Set(judges);
    const pinned = (a: (typeof existing)[number]) => a.sheet_id !== null || !onPanel.has(a.judge_id);
    const pairOf = (a: (typeof existing)[number]) => ({ entryId: a.entry_id, judgeId: a.judge_id });
    const fixed = existing.filter(pinned).map(pairOf);
    const movable = existing.filter((a) => !pinned(a)).map(pairOf);
    const result = assignJudges({
      entries,
      judges,
      conflicts,
      k,
      fixed,
      movable,
      maxPerJudge: round.max_entries_per_judge,
      seed: roundId,
    });
    if (!result.ok) return { ok: false as const, assignmentProblems: result.problems };
    const now = nowIso();
    const idOf = new Map(existing.map((a) => [`${a.entry_id}|${a.judge_id}`, a.id]));
    const withdrawn = result.removed.map((p) => idOf.get(`${p.entryId}|${p.judgeId}`)!);
    if (withdrawn.length)
      await trx.updateTable("assignments").set({ removed_at: now }).where("id", "in", withdrawn).execute();
    if (result.pairs.length)
      await trx
        .insertInto("assignments")
        .values(
          result.pairs.map((p) => ({
            id: newId(),
            round_id: roundId,
            entry_id: p.entryId,
            judge_id: p.judgeId,
            created_at: now,
            removed_at: null,
          })),
        )
        .execute();
    await tellAssignedJudges(trx, roundId, result.pairs);
    if (round.judges_per_entry !== k)
      await trx.updateTable("competition_rounds").set({ judges_per_entry: k }).where("id", "=", roundId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.assigned",
      entityType: "round",
      entityId: roundId,
      after: { k, added: result.pairs.length, moved: result.removed.length, withdrawn: result.removed },
      ip,
    });
    return { ok: true as const, added: result.pairs.length, moved: result.removed.length };
  });
}

/** A judge drops out: their unfinished assignments go, and the entries get replacements under the same rules. */
export async function dropJudge(db: DB, actor: CurrentUser, roundId: string, judgeId: string, ip: string) {
  requireStaff(actor);
  const round = await getRound(db, roundId);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("round_judges")
      .set({ dropped_at: nowIso() })
      .where("round_id", "=", roundId)
      .where("judge_id", "=", judgeId)
      .execute();
    const unfinished = await trx
      .selectFrom("assignments")
      .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
      .select("assignments.id")
      .where("assignments.round_id", "=", roundId)
      .where("assignments.judge_id", "=", judgeId)
      .where("assignments.removed_at", "is", null)
      .where((eb) => eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "!=", "submitted")]))
      .execute();
    if (unfinished.length)
      await trx
        .updateTable("assignments")
        .set({ removed_at: nowIso() })
        .where(
          "id",
          "in",
          unfinished.map((a) => a.id),
        )
        .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.judge_dropped",
      entityType: "round",
      entityId: roundId,
      after: { judgeId, unassigned: unfinished.length },
      ip,
    });
  });
  const reassigned = await autoAssign(db, actor, roundId, round.judges_per_entry, ip);
  // Before the round starts there is nothing to reassign, whatever the panel's size.
  return reassigned.ok || round.status !== "judging" ? ({ ok: true } as const) : reassigned;
}
