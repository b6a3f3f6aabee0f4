/**
 * The judging's writes: panels, conflicts, rounds, score sheets, cut-offs and the prize list. Judging has no `rules.ts`:
 * its pure rules are `scoring.ts` (totals, aggregation, ranking, cut-offs) and `assignment.ts` (who judges what); its
 * reads are `queries.server.ts` and `rounds.queries.server.ts`.
 */
import type { Kysely } from "kysely";
import type { Database, EntryStatus, RoundStatus } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId, newReadableCode } from "../../lib/ids.server";
import { enqueueMail } from "../../lib/mail.server";
import { publicUrl } from "../../lib/public-url.server";
import { notify } from "../../lib/notify.server";
import { type Outcome, type Problem, type Refusal, refuse, refuseAll } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { editionPhaseNow, getEdition } from "../competition/queries.server";
import { phaseAllows } from "../competition/rules";
import { assignJudges, type AssignmentProblem, conflictKey } from "./assignment";
import { getAssignmentForJudge, getRound, roundCriteria, submittedSheets, toCriteria } from "./queries.server";
import type { RoundSettingsInput } from "./schemas";
import {
  advancement,
  advancementChanges,
  computeRound,
  cutOffChanges,
  type CutOffTie,
  prizeAllocation,
  rankEntries,
} from "./scoring";
import { unfilledPlaces } from "./prize-list";
import { awardedEntriesQuery } from "./results.server";
import { committeeDecisions, editionPrizes, prizeRoundOf } from "./ties.server";

function requireStaff(actor: CurrentUser): void {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
}

async function setEntryStatus(
  db: Kysely<Database>,
  entryIds: readonly string[],
  to: EntryStatus,
  actor: CurrentUser,
  action: string,
  ip: string,
  reasonOf?: (entryId: string) => string | undefined,
): Promise<void> {
  if (!entryIds.length) return;
  const before = await db
    .selectFrom("competition_entries")
    .select(["id", "status"])
    .where("id", "in", entryIds)
    .execute();
  await db
    .updateTable("competition_entries")
    .set({ status: to, updated_at: nowIso() })
    .where("id", "in", entryIds)
    .execute();
  for (const entry of before)
    await recordAudit(db, {
      actorId: actor.id,
      action,
      entityType: "entry",
      entityId: entry.id,
      before: { status: entry.status },
      after: { status: to },
      reason: reasonOf?.(entry.id),
      ip,
    });
}

/** Nothing on a closed round's desk changes any more: its outcome was decided under that panel, rules and sheets. */
export function closedRoundRefusal(round: { status: RoundStatus }): Refusal | null {
  return round.status === "closed" ? refuse("rounds.problems.closed") : null;
}

function settingsOf(round: Awaited<ReturnType<typeof getRound>>) {
  return {
    blind: round.blind,
    aggregation: round.aggregation,
    min_scores_to_normalise: round.min_scores_to_normalise,
    disagreement_threshold: round.disagreement_threshold,
    no_zero_criterion: round.no_zero_criterion,
    min_average: round.min_average,
    advance_per_category: round.advance_per_category,
    tie_break_criterion_id: round.tie_break_criterion_id,
    pitch_minutes: round.pitch_minutes,
    questions_minutes: round.questions_minutes,
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
      aggregation: input.aggregation,
      min_scores_to_normalise: input.minScoresToNormalise,
      disagreement_threshold: input.disagreementThreshold,
      no_zero_criterion: input.noZeroCriterion ? 1 : 0,
      min_average: input.minAverage,
      advance_per_category: input.advancePerCategory,
      tie_break_criterion_id: input.tieBreakCriterionId ?? null,
      pitch_minutes: input.pitchMinutes ?? null,
      questions_minutes: input.questionsMinutes ?? null,
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

/** Proposes conflicts for staff to confirm: the judge belongs to the team's organisation, or shares its e-mail domain. */
export async function proposeConflicts(db: DB, actor: CurrentUser, roundId: string, ip: string): Promise<number> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const judges = await trx
      .selectFrom("round_judges")
      .innerJoin("users", "users.id", "round_judges.judge_id")
      .select(["users.id", "users.email"])
      .where("round_judges.round_id", "=", roundId)
      .where("round_judges.dropped_at", "is", null)
      .execute();
    const entries = await trx
      .selectFrom("round_entries")
      .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
      .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
      .select(["organisations.id", "organisations.email", "organisations.website"])
      .where("round_entries.round_id", "=", roundId)
      .execute();
    const memberships = await trx
      .selectFrom("memberships")
      .select(["user_id", "organisation_id"])
      .where("user_id", "in", judges.length ? judges.map((j) => j.id) : [""])
      .execute();
    const memberEmails = await trx
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["memberships.organisation_id", "users.email"])
      .where("memberships.organisation_id", "in", entries.length ? entries.map((e) => e.id) : [""])
      .execute();
    const existing = new Set(
      (await trx.selectFrom("judge_conflicts").select(["judge_id", "organisation_id"]).execute()).map((c) =>
        conflictKey(c.judge_id, c.organisation_id),
      ),
    );
    const domain = (email: string | null) => email?.split("@")[1]?.toLowerCase() ?? null;
    const commonDomains = new Set(["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com"]);
    let added = 0;
    for (const judge of judges) {
      const judgeDomain = domain(judge.email);
      for (const organisation of entries) {
        const key = conflictKey(judge.id, organisation.id);
        if (existing.has(key)) continue;
        let reason: string | null = null;
        if (memberships.some((m) => m.user_id === judge.id && m.organisation_id === organisation.id)) reason = "member";
        else if (
          judgeDomain &&
          !commonDomains.has(judgeDomain) &&
          [
            organisation.email,
            ...memberEmails.filter((m) => m.organisation_id === organisation.id).map((m) => m.email),
          ].some((e) => domain(e) === judgeDomain)
        )
          reason = "email_domain";
        if (!reason) continue;
        existing.add(key);
        await trx
          .insertInto("judge_conflicts")
          .values({
            id: newId(),
            judge_id: judge.id,
            organisation_id: organisation.id,
            source: "proposed",
            status: "proposed",
            reason,
            created_at: nowIso(),
            decided_by: null,
            decided_at: null,
          })
          .execute();
        added++;
      }
    }
    if (added)
      await recordAudit(trx, {
        actorId: actor.id,
        action: "round.conflicts_proposed",
        entityType: "round",
        entityId: roundId,
        after: { added },
        ip,
      });
    return added;
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
    if (existing)
      await trx
        .updateTable("judge_conflicts")
        .set({ source: "declared", status: "confirmed", reason, decided_by: judge.id, decided_at: nowIso() })
        .where("id", "=", existing.id)
        .execute();
    else
      await trx
        .insertInto("judge_conflicts")
        .values({
          id: newId(),
          judge_id: judge.id,
          organisation_id: organisationId,
          source: "declared",
          status: "confirmed",
          reason,
          created_at: nowIso(),
          decided_by: judge.id,
          decided_at: nowIso(),
        })
        .execute();
    await withdrawConflictedAssignments(trx, judge.id, organisationId);
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

async function withdrawConflictedAssignments(
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

export async function decideConflict(
  db: DB,
  actor: CurrentUser,
  conflictId: string,
  confirm: boolean,
  ip: string,
): Promise<void> {
  requireStaff(actor);
  await db.transaction().execute(async (trx) => {
    const conflict = await trx
      .selectFrom("judge_conflicts")
      .selectAll()
      .where("id", "=", conflictId)
      .executeTakeFirst();
    if (!conflict) notFound();
    const status = confirm ? "confirmed" : "dismissed";
    await trx
      .updateTable("judge_conflicts")
      .set({ status, decided_by: actor.id, decided_at: nowIso() })
      .where("id", "=", conflictId)
      .execute();
    if (confirm) await withdrawConflictedAssignments(trx, conflict.judge_id, conflict.organisation_id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: `conflict.${status}`,
      entityType: "organisation",
      entityId: conflict.organisation_id,
      before: { status: conflict.status },
      after: { status, judgeId: conflict.judge_id },
      ip,
    });
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
): Promise<{ ok: true; added: number } | { ok: false; assignmentProblems: AssignmentProblem[] }> {
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
    const fixed = await trx
      .selectFrom("assignments")
      .select(["entry_id as entryId", "judge_id as judgeId"])
      .where("round_id", "=", roundId)
      .where("removed_at", "is", null)
      .execute();
    const result = assignJudges({ entries, judges, conflicts, k, fixed, seed: roundId });
    if (!result.ok) return { ok: false as const, assignmentProblems: result.problems };
    const now = nowIso();
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
    if (round.judges_per_entry !== k)
      await trx.updateTable("competition_rounds").set({ judges_per_entry: k }).where("id", "=", roundId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.assigned",
      entityType: "round",
      entityId: roundId,
      after: { k, added: result.pairs.length },
      ip,
    });
    return { ok: true as const, added: result.pairs.length };
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

export type ScoreInput = {
  scores: Record<string, number | undefined>;
  comments: Record<string, string | undefined>;
  overallComment?: string;
};

/** Saves a judge's sheet as a draft, or submits it (every counted criterion scored), which locks it. */
export async function saveSheet(
  db: DB,
  judge: CurrentUser,
  assignmentId: string,
  input: ScoreInput,
  submit: boolean,
  ip: string,
): Promise<Outcome> {
  if (judge.role !== "judge") forbidden();
  return db.transaction().execute(async (trx) => {
    const { assignment } = await getAssignmentForJudge(trx, judge, assignmentId);
    if (assignment.round_status !== "judging") return refuse("judging.problems.roundClosed");
    const criteria = await roundCriteria(trx, assignment.round_id);
    const problems: Problem[] = [];
    for (const criterion of criteria) {
      const score = input.scores[criterion.id];
      if (score === undefined) {
        if (submit && criterion.counts_in_total)
          problems.push({ field: `score-${criterion.id}`, key: "judging.problems.scoreMissing" });
        continue;
      }
      if (!Number.isFinite(score) || score < 0 || score > criterion.max_score)
        problems.push({
          field: `score-${criterion.id}`,
          key: "judging.problems.scoreRange",
          params: { max: String(criterion.max_score) },
        });
    }
    if (problems.length) return refuseAll(problems);
    const now = nowIso();
    let sheet = await trx
      .selectFrom("score_sheets")
      .selectAll()
      .where("assignment_id", "=", assignmentId)
      .executeTakeFirst();
    if (sheet?.status === "submitted") return refuse("judging.problems.sheetLocked");
    if (!sheet) {
      sheet = {
        id: newId(),
        assignment_id: assignmentId,
        status: "draft",
        overall_comment: null,
        submitted_at: null,
        updated_at: now,
      };
      await trx.insertInto("score_sheets").values(sheet).execute();
    }
    const before = await trx
      .selectFrom("scores")
      .select(["criterion_id", "score"])
      .where("sheet_id", "=", sheet.id)
      .execute();
    await trx.deleteFrom("scores").where("sheet_id", "=", sheet.id).execute();
    const rows = criteria
      .filter((c) => input.scores[c.id] !== undefined)
      .map((c) => ({
        sheet_id: sheet!.id,
        criterion_id: c.id,
        score: input.scores[c.id]!,
        comment: input.comments[c.id] ?? null,
      }));
    if (rows.length) await trx.insertInto("scores").values(rows).execute();
    const status = submit ? "submitted" : "draft";
    await trx
      .updateTable("score_sheets")
      .set({
        status,
        overall_comment: input.overallComment ?? null,
        submitted_at: submit ? now : null,
        updated_at: now,
      })
      .where("id", "=", sheet.id)
      .execute();
    await recordAudit(trx, {
      actorId: judge.id,
      action: submit ? "score.submitted" : "score.saved",
      entityType: "score_sheet",
      entityId: sheet.id,
      before: { status: sheet.status, scores: before },
      after: { status, scores: rows.map((r) => ({ criterion_id: r.criterion_id, score: r.score })) },
      ip,
    });
    return { ok: true as const };
  });
}

export async function reopenSheet(
  db: DB,
  actor: CurrentUser,
  sheetId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const sheet = await trx.selectFrom("score_sheets").selectAll().where("id", "=", sheetId).executeTakeFirst();
    if (!sheet) notFound();
    if (sheet.status !== "submitted") return refuse("judging.problems.notSubmitted");
    await trx
      .updateTable("score_sheets")
      .set({ status: "draft", submitted_at: null, updated_at: nowIso() })
      .where("id", "=", sheetId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "score.reopened",
      entityType: "score_sheet",
      entityId: sheetId,
      before: { status: "submitted" },
      after: { status: "draft" },
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** Every figure of a round's ranking, computed from the submitted sheets (nothing is stored). */
export async function roundRanking(db: DB, roundId: string) {
  const round = await getRound(db, roundId);
  const [criteriaRows, sheets] = await Promise.all([roundCriteria(db, roundId), submittedSheets(db, roundId)]);
  const criteria = toCriteria(criteriaRows);
  const computation = computeRound(sheets, criteria, {
    minSheetsToNormalise: round.min_scores_to_normalise,
    disagreementThreshold: round.disagreement_threshold,
  });
  const byMethod = {
    mean: rankEntries(computation.entries, sheets, criteria, "mean", round.tie_break_criterion_id),
    trimmed: rankEntries(computation.entries, sheets, criteria, "trimmed", round.tie_break_criterion_id),
    zscore: rankEntries(computation.entries, sheets, criteria, "zscore", round.tie_break_criterion_id),
  };
  return { round, criteria: criteriaRows, sheets, computation, byMethod };
}

/**
 * The cut-offs of a round under its method, with the committee's decisions applied: who advances and the
 * ties across the last advancing place of each board (a round that advances), and the prize list and the
 * ties across a prize boundary (the edition's last round, the one prizes are given from).
 */
export async function roundCutOffs(db: DB, roundId: string, ranking?: Awaited<ReturnType<typeof roundRanking>>) {
  const { round, byMethod } = ranking ?? (await roundRanking(db, roundId));
  const ranked = byMethod[round.aggregation];
  const [decisions, prizeRound, entries] = await Promise.all([
    committeeDecisions(db, roundId, round.aggregation),
    prizeRoundOf(db, round.edition_id),
    db
      .selectFrom("round_entries")
      .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
      .select(["competition_entries.id", "competition_entries.category_id"])
      .where("round_entries.round_id", "=", roundId)
      .execute(),
  ]);
  const isPrizeRound = prizeRound?.id === round.id;
  const prizes = isPrizeRound ? await editionPrizes(db, round.edition_id) : [];
  const prize = isPrizeRound
    ? prizeAllocation(
        ranked,
        prizes,
        decisions.filter((d) => d.cutOff === "prize"),
      )
    : null;
  const category = new Map(entries.map((e) => [e.id, e.category_id]));
  const advance =
    round.kind === "final"
      ? null
      : advancement(
          ranked,
          (id) => category.get(id) ?? null,
          {
            perCategory: round.advance_per_category,
            minAverage: round.min_average,
            noZeroCriterion: round.no_zero_criterion === 1,
          },
          decisions.filter((d) => d.cutOff === "advancement"),
        );
  // The stability warning follows the round's own cut-off: the places awarded, or the entries that advance.
  const places = prize ? prizes.reduce((sum, p) => sum + p.count, 0) : (advance?.chosen.length ?? 0);
  const warnings = prize
    ? cutOffChanges(byMethod, places, round.aggregation)
    : round.kind === "final"
      ? []
      : advancementChanges(byMethod, round.aggregation, (id) => category.get(id) ?? null, {
          perCategory: round.advance_per_category,
          minAverage: round.min_average,
          noZeroCriterion: round.no_zero_criterion === 1,
        });
  return { round, ranked, entries, decisions, prizes, prize, advance, places, warnings };
}

/** The receipt numbers of the tied entries, for a refusal's message. */
async function receiptsOf(db: DB, entryIds: readonly string[]): Promise<string> {
  const rows = await db
    .selectFrom("competition_entries")
    .select(["id", "receipt_number"])
    .where("id", "in", entryIds.length ? entryIds : [""])
    .execute();
  const receipt = new Map(rows.map((r) => [r.id, r.receipt_number ?? r.id]));
  return entryIds.map((id) => receipt.get(id) ?? id).join(", ");
}

async function tieParams(db: DB, tie: CutOffTie): Promise<Record<string, string>> {
  return { entries: await receiptsOf(db, tie.entryIds), first: String(tie.firstPlace), last: String(tie.lastPlace) };
}

/** The round's sheets not submitted yet: live assignments whose sheet is missing or a draft. */
export async function outstandingSheets(db: DB, roundId: string): Promise<number> {
  const row = await db
    .selectFrom("assignments")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("assignments.round_id", "=", roundId)
    .where("assignments.removed_at", "is", null)
    .where((eb) => eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "!=", "submitted")]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Closes a round: the best of each category (by the round's rules) advance, the others are eliminated (an
 * outcome kept on the round, which the entry's status and history show only once the results are published).
 * Refused while a tie across the last advancing place of a board waits for the committee's decision, and
 * while sheets are unsubmitted unless the committee's override is given with its reason (kept in the audit).
 */
export async function closeRound(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  ip: string,
  options: { overrideReason?: string } = {},
): Promise<Outcome<{ advanced: number }>> {
  requireStaff(actor);
  const { round, ranked, entries, advance } = await roundCutOffs(db, roundId);
  if (round.status !== "judging") return refuse("judging.problems.roundClosed");
  const outstanding = await outstandingSheets(db, roundId);
  if (outstanding > 0 && !options.overrideReason)
    return refuse("judging.problems.sheetsOutstanding", { params: { count: String(outstanding) } });
  const open = advance?.ties.find((tie) => !tie.resolution);
  if (open) {
    const categoryName = open.category
      ? (
          await db
            .selectFrom("competition_categories")
            .select("name")
            .where("id", "=", open.category)
            .executeTakeFirst()
        )?.name
      : null;
    return refuse("judging.problems.advancementTie", {
      params: {
        ...(await tieParams(db, open)),
        cutOff: String(open.cutOff),
        category: categoryName ?? "—",
      },
    });
  }
  const chosen = advance ? advance.chosen : ranked.map((r) => r.entryId);
  return db.transaction().execute(async (trx) => {
    const advanced = new Set(chosen);
    for (const entry of entries)
      await trx
        .updateTable("round_entries")
        .set({ outcome: advanced.has(entry.id) ? "advanced" : "eliminated" })
        .where("round_id", "=", roundId)
        .where("entry_id", "=", entry.id)
        .execute();
    await trx.updateTable("competition_rounds").set({ status: "closed" }).where("id", "=", roundId).execute();
    // Eliminations stay staged in the round's outcomes: applicants learn them when the results are published.
    if (round.kind !== "final") await setEntryStatus(trx, chosen, "finalist", actor, "entry.advanced", ip);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.closed",
      entityType: "round",
      entityId: roundId,
      before: { status: "judging" },
      after: { status: "closed", advanced: chosen.length, outstandingSheets: outstanding },
      reason: outstanding > 0 ? options.overrideReason : undefined,
      ip,
    });
    return { ok: true as const, advanced: chosen.length };
  });
}

/**
 * The prize list proposed from the final round's ranking (default 1 nhất, 1 nhì, 2 ba, 2 khuyến khích).
 * Places a tie spans across different prizes are left open until the committee orders the tied entries.
 */
export async function proposePrizeList(db: DB, actor: CurrentUser, editionId: string, ip: string): Promise<Outcome> {
  requireStaff(actor);
  const edition = await db
    .selectFrom("competition_editions")
    .selectAll()
    .where("id", "=", editionId)
    .executeTakeFirst();
  if (!edition) notFound();
  if (edition.results_status === "published") return refuse("judging.problems.alreadyPublished");
  const final = await prizeRoundOf(db, editionId);
  if (!final) return refuse("judging.problems.noEntries");
  const { prize } = await roundCutOffs(db, final.id);
  const proposal = prize?.awards ?? [];
  const open = (prize?.ties ?? []).filter((tie) => !tie.resolution);
  if (!proposal.length && !open.length) return refuse("judging.problems.noEntries");
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom("prize_awards").where("edition_id", "=", editionId).execute();
    if (proposal.length)
      await trx
        .insertInto("prize_awards")
        .values(
          proposal.map((p) => ({
            id: newId(),
            edition_id: editionId,
            prize_id: p.prizeId,
            entry_id: p.entryId,
            rank: p.rank,
            change_reason: null,
            verification_code: newReadableCode(),
            created_at: nowIso(),
          })),
        )
        .execute();
    await trx
      .updateTable("competition_editions")
      .set({ results_status: "proposed", updated_at: nowIso() })
      .where("id", "=", editionId)
      .execute();
    const openPlaces = open.map((tie) => ({ entryIds: tie.entryIds, places: [tie.firstPlace, tie.lastPlace] }));
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.proposed",
      entityType: "edition",
      entityId: editionId,
      before: { results: edition.results_status },
      after: { results: "proposed", awards: proposal, openPlaces },
      ip,
    });
    return { ok: true as const };
  });
}

/** Who records the committee's decision on a tie: DOST staff as its secretariat, or a leader (Ban Tổ chức). */
export function canResolveTies(actor: Pick<CurrentUser, "role">): boolean {
  return actor.role === "staff" || actor.role === "leader";
}

/**
 * Records the organising committee's order of entries tied across a cut-off, with its reason (who, when and
 * why are kept, and audited). The tie must be one the round has now, unresolved; on the prize round, the
 * places it left open in a proposed list are given at once in that order.
 */
export async function resolveTie(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  input: { order: readonly string[]; reason: string },
  ip: string,
): Promise<Outcome<{ cutOff: "prize" | "advancement" }>> {
  if (!canResolveTies(actor)) forbidden();
  const cutOffs = await roundCutOffs(db, roundId);
  const { round } = cutOffs;
  if (new Set(input.order).size !== input.order.length)
    return refuse("judging.problems.tieOrderInvalid", { field: "order", kind: "conflict" });
  const key = [...input.order].sort().join("|");
  const open = [
    ...(cutOffs.prize?.ties ?? []).map((tie) => ({ cutOff: "prize" as const, tie })),
    ...(cutOffs.advance?.ties ?? []).map((tie) => ({ cutOff: "advancement" as const, tie })),
  ].filter((item) => !item.tie.resolution);
  const match = open.find((item) => [...item.tie.entryIds].sort().join("|") === key);
  if (!match) return refuse("judging.problems.noSuchTie");
  if (match.cutOff === "advancement" && round.status !== "judging") return refuse("judging.problems.roundClosed");
  const edition = await db
    .selectFrom("competition_editions")
    .select(["id", "results_status"])
    .where("id", "=", round.edition_id)
    .executeTakeFirstOrThrow();
  if (match.cutOff === "prize" && (edition.results_status === "approved" || edition.results_status === "published"))
    return refuse("judging.problems.resultsDecided");
  const decision = { entryIds: [...input.order], score: match.tie.score };
  return db.transaction().execute(async (trx) => {
    const decidedAt = nowIso();
    await trx
      .insertInto("tie_resolutions")
      .values({
        id: newId(),
        round_id: roundId,
        cut_off: match.cutOff,
        method: round.aggregation,
        score: decision.score,
        entry_ids_json: JSON.stringify(decision.entryIds),
        reason: input.reason,
        decided_by: actor.id,
        decided_at: decidedAt,
      })
      .execute();
    const awardsAdded: Array<{ prizeId: string; entryId: string; rank: number }> = [];
    if (match.cutOff === "prize" && edition.results_status === "proposed") {
      const { awards } = prizeAllocation(cutOffs.ranked, cutOffs.prizes, [
        decision,
        ...cutOffs.decisions.filter((d) => d.cutOff === "prize"),
      ]);
      const listed = new Set(
        (await trx.selectFrom("prize_awards").select("entry_id").where("edition_id", "=", edition.id).execute()).map(
          (a) => a.entry_id,
        ),
      );
      for (const award of awards)
        if (match.tie.entryIds.includes(award.entryId) && !listed.has(award.entryId)) awardsAdded.push(award);
      if (awardsAdded.length)
        await trx
          .insertInto("prize_awards")
          .values(
            awardsAdded.map((a) => ({
              id: newId(),
              edition_id: edition.id,
              prize_id: a.prizeId,
              entry_id: a.entryId,
              rank: a.rank,
              change_reason: null,
              verification_code: newReadableCode(),
              created_at: decidedAt,
            })),
          )
          .execute();
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.tie_resolved",
      entityType: "round",
      entityId: roundId,
      before: { tied: match.tie.entryIds, places: [match.tie.firstPlace, match.tie.lastPlace] },
      after: {
        cutOff: match.cutOff,
        method: round.aggregation,
        score: decision.score,
        order: decision.entryIds,
        awardsAdded,
      },
      reason: input.reason,
      ip,
    });
    return { ok: true as const, cutOff: match.cutOff };
  });
}

/** Staff may change one line of the proposal, only with a reason; the committee then decides on the whole list. */
export async function changePrizeAward(
  db: DB,
  actor: CurrentUser,
  awardId: string,
  entryId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const award = await trx.selectFrom("prize_awards").selectAll().where("id", "=", awardId).executeTakeFirst();
    if (!award) notFound();
    const edition = await trx
      .selectFrom("competition_editions")
      .select("results_status")
      .where("id", "=", award.edition_id)
      .executeTakeFirstOrThrow();
    if (edition.results_status !== "proposed") return refuse("judging.problems.notProposed");
    const entry = await trx
      .selectFrom("competition_entries")
      .select("id")
      .where("id", "=", entryId)
      .where("edition_id", "=", award.edition_id)
      .executeTakeFirst();
    if (!entry) return refuse("errors.invalidChoice", { field: "entryId", kind: "conflict" });
    const other = await trx
      .selectFrom("prize_awards")
      .select("id")
      .where("edition_id", "=", award.edition_id)
      .where("entry_id", "=", entryId)
      .where("id", "!=", awardId)
      .executeTakeFirst();
    if (other) return refuse("judging.problems.alreadyAwarded", { field: "entryId", kind: "conflict" });
    await trx
      .updateTable("prize_awards")
      .set({ entry_id: entryId, change_reason: reason })
      .where("id", "=", awardId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.changed",
      entityType: "edition",
      entityId: award.edition_id,
      before: { awardId, entryId: award.entry_id },
      after: { awardId, entryId },
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** A proposed list's award of this edition, and the edition's results state (404 for an award of another edition). */
async function proposedAward(db: Kysely<Database>, editionId: string, awardId: string) {
  const award = await db
    .selectFrom("prize_awards")
    .selectAll()
    .where("id", "=", awardId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  if (!award) notFound();
  return award;
}

async function resultsStatusOf(db: Kysely<Database>, editionId: string) {
  const edition = await db
    .selectFrom("competition_editions")
    .select("results_status")
    .where("id", "=", editionId)
    .executeTakeFirst();
  if (!edition) notFound();
  return edition.results_status;
}

/** Staff swap the prizes of two entries of the proposed list, with a reason (both lines keep it; audited). */
export async function swapPrizeAwards(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  firstId: string,
  secondId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  if (firstId === secondId) return refuse("prizes.problems.swapSame", { field: "secondAwardId", kind: "conflict" });
  return db.transaction().execute(async (trx) => {
    if ((await resultsStatusOf(trx, editionId)) !== "proposed") return refuse("judging.problems.notProposed");
    const first = await proposedAward(trx, editionId, firstId);
    const second = await proposedAward(trx, editionId, secondId);
    // The entries keep their award lines (and verification codes); the prizes and places move between them.
    await trx
      .updateTable("prize_awards")
      .set({ prize_id: second.prize_id, rank: second.rank, change_reason: reason })
      .where("id", "=", first.id)
      .execute();
    await trx
      .updateTable("prize_awards")
      .set({ prize_id: first.prize_id, rank: first.rank, change_reason: reason })
      .where("id", "=", second.id)
      .execute();
    const before = [
      { entryId: first.entry_id, prizeId: first.prize_id, rank: first.rank },
      { entryId: second.entry_id, prizeId: second.prize_id, rank: second.rank },
    ];
    const after = [
      { entryId: first.entry_id, prizeId: second.prize_id, rank: second.rank },
      { entryId: second.entry_id, prizeId: first.prize_id, rank: first.rank },
    ];
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.swapped",
      entityType: "edition",
      entityId: editionId,
      before,
      after,
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** Staff leave a place unawarded (the committee's decision), with a reason: the award goes, the place stays flagged. */
export async function leavePlaceUnawarded(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  awardId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    if ((await resultsStatusOf(trx, editionId)) !== "proposed") return refuse("judging.problems.notProposed");
    const award = await proposedAward(trx, editionId, awardId);
    await trx.deleteFrom("prize_awards").where("id", "=", award.id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.place_unawarded",
      entityType: "edition",
      entityId: editionId,
      before: { awardId: award.id, prizeId: award.prize_id, entryId: award.entry_id, rank: award.rank },
      after: { prizeId: award.prize_id },
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** Staff give an unfilled place of a prize to an entry not yet listed, with a reason (audited). */
export async function fillPrizePlace(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  prizeId: string,
  entryId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    if ((await resultsStatusOf(trx, editionId)) !== "proposed") return refuse("judging.problems.notProposed");
    const [prizes, listed] = await Promise.all([
      editionPrizes(trx, editionId),
      trx.selectFrom("prize_awards").select(["prize_id", "entry_id"]).where("edition_id", "=", editionId).execute(),
    ]);
    if (!prizes.some((p) => p.id === prizeId))
      return refuse("errors.invalidChoice", { field: "prizeId", kind: "conflict" });
    const open = unfilledPlaces(prizes, listed).find((u) => u.prizeId === prizeId);
    if (!open) return refuse("prizes.problems.noUnfilledPlace", { field: "prizeId", kind: "conflict" });
    if (listed.some((a) => a.entry_id === entryId))
      return refuse("judging.problems.alreadyAwarded", { field: "entryId", kind: "conflict" });
    const id = newId();
    await trx
      .insertInto("prize_awards")
      .values({
        id,
        edition_id: editionId,
        prize_id: prizeId,
        entry_id: entryId,
        rank: open.firstPlace,
        change_reason: reason,
        verification_code: newReadableCode(),
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.place_filled",
      entityType: "edition",
      entityId: editionId,
      after: { awardId: id, prizeId, entryId, rank: open.firstPlace },
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/**
 * The organising committee (leaders) approves the list, then publishes it in one step. Refused while a tie
 * across a prize boundary of the final round waits for the committee's recorded decision.
 */
export async function approveResults(db: DB, actor: CurrentUser, editionId: string, ip: string): Promise<Outcome> {
  if (actor.role !== "leader") forbidden();
  const prizeRound = await prizeRoundOf(db, editionId);
  const open = prizeRound
    ? (await roundCutOffs(db, prizeRound.id)).prize?.ties.find((tie) => !tie.resolution)
    : undefined;
  if (open) return refuse("judging.problems.prizeTie", { params: await tieParams(db, open) });
  return db.transaction().execute(async (trx) => {
    const edition = await trx
      .selectFrom("competition_editions")
      .select(["results_status"])
      .where("id", "=", editionId)
      .executeTakeFirst();
    if (!edition) notFound();
    if (edition.results_status !== "proposed") return refuse("judging.problems.notProposed");
    await trx
      .updateTable("competition_editions")
      .set({ results_status: "approved", updated_at: nowIso() })
      .where("id", "=", editionId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.approved",
      entityType: "edition",
      entityId: editionId,
      before: { results: "proposed" },
      after: { results: "approved" },
      ip,
    });
    return { ok: true as const };
  });
}

export async function publishResults(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  context: { t: TFunction; ip: string },
): Promise<Outcome> {
  if (actor.role !== "leader") forbidden();
  return db.transaction().execute(async (trx) => {
    const edition = await trx
      .selectFrom("competition_editions")
      .select(["id", "name", "results_status"])
      .where("id", "=", editionId)
      .executeTakeFirst();
    if (!edition) notFound();
    if (edition.results_status !== "approved") return refuse("judging.problems.notApproved");
    const now = nowIso();
    const awards = await awardedEntriesQuery(trx)
      .select(["prize_awards.entry_id", "competition_prizes.rank_label"])
      .where("prize_awards.edition_id", "=", editionId)
      .execute();
    const prizeOf = new Map(awards.map((a) => [a.entry_id, a.rank_label]));
    const judged = await trx
      .selectFrom("competition_entries")
      .select(["id", "status", "project_name", "organisation_id", "receipt_number"])
      .where("edition_id", "=", editionId)
      .where("status", "in", ["finalist", "in_round", "not_awarded", "valid", "awarded"])
      .execute();
    // Where each entry not awarded stopped: the first round that eliminated it, named in its history line.
    const stopped = await trx
      .selectFrom("round_entries")
      .innerJoin("competition_rounds", "competition_rounds.id", "round_entries.round_id")
      .select(["round_entries.entry_id", "competition_rounds.name", "competition_rounds.position"])
      .where("competition_rounds.edition_id", "=", editionId)
      .where("round_entries.outcome", "=", "eliminated")
      .orderBy("competition_rounds.position")
      .execute();
    const stoppedIn = new Map<string, string>();
    for (const row of stopped) if (!stoppedIn.has(row.entry_id)) stoppedIn.set(row.entry_id, row.name);
    const { t: tr } = context;
    const notAwarded = judged.filter((e) => !prizeOf.has(e.id) && e.status !== "not_awarded").map((e) => e.id);
    await setEntryStatus(
      trx,
      judged.filter((e) => prizeOf.has(e.id)).map((e) => e.id),
      "awarded",
      actor,
      "entry.awarded",
      context.ip,
      (id) => tr("judging.historyAwarded", { prize: prizeOf.get(id) ?? "" }),
    );
    await setEntryStatus(
      trx,
      notAwarded.filter((id) => stoppedIn.has(id)),
      "not_awarded",
      actor,
      "entry.eliminated",
      context.ip,
      (id) => tr("judging.historyEliminated", { round: stoppedIn.get(id) ?? "" }),
    );
    await setEntryStatus(
      trx,
      notAwarded.filter((id) => !stoppedIn.has(id)),
      "not_awarded",
      actor,
      "entry.not_awarded",
      context.ip,
      () => tr("judging.historyNotAwarded"),
    );
    await trx
      .updateTable("competition_editions")
      .set({ results_status: "published", results_published_at: now, updated_at: now })
      .where("id", "=", editionId)
      .execute();
    const { t } = context;
    const recipients = await trx
      .selectFrom("competition_entries")
      .innerJoin("memberships", "memberships.organisation_id", "competition_entries.organisation_id")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select([
        "users.id as user_id",
        "users.email",
        "users.full_name",
        "competition_entries.id",
        "competition_entries.project_name",
      ])
      .where("competition_entries.edition_id", "=", editionId)
      .where("competition_entries.status", "not in", ["draft", "withdrawn"])
      .execute();
    for (const recipient of recipients) {
      const prize = prizeOf.get(recipient.id);
      const result = prize ? t("judging.resultAwarded", { prize }) : t("judging.resultNotAwarded");
      await enqueueMail(trx, {
        to: recipient.email,
        subject: t("judging.resultMailSubject", { edition: edition.name }),
        text: t("judging.resultMailBody", {
          name: recipient.full_name,
          project: recipient.project_name,
          result,
          link: publicUrl(`/competitions/${editionId}`),
        }),
      });
      await notify(trx, {
        userId: recipient.user_id,
        title: t("judging.resultMailSubject", { edition: edition.name }),
        body: result,
        link: `/my/entries/${recipient.id}`,
      });
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.published",
      entityType: "edition",
      entityId: editionId,
      before: { results: "approved" },
      after: { results: "published", recipients: recipients.length },
      ip: context.ip,
    });
    return { ok: true as const };
  });
}
