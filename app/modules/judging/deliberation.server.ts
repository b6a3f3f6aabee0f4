/**
 * Deliberation (a round option) and feedback to applicants (an edition option): the reads and writes. Who may see
 * what is decided here, in the queries, never only in a template: a judge reaches an entry's other sheets through
 * their own assignment (getAssignmentForJudge: theirs, not withdrawn, no conflict) and only once it is submitted.
 */
import type { ConsensusDecision } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { judgeDeliberationAccess, judgeNumbers, showsJudgeNames } from "./deliberation";
import { getAssignmentForJudge, getRound, liveAssignments, sheetOfAssignment } from "./queries.server";
import type { ConsensusInput } from "./schemas";
import { closedRoundRefusal, requireStaff } from "./shared.server";

type Viewer = { kind: "judge"; judgeId: string } | { kind: "staff" };

/** The submitted sheets of an entry in a round, conflicts and withdrawn assignments left out, with their scores. */
async function submittedSheetsOfEntry(db: DB, roundId: string, entryId: string) {
  const sheets = await liveAssignments(db)
    .innerJoin("users", "users.id", "assignments.judge_id")
    .select([
      "score_sheets.id",
      "assignments.judge_id",
      "users.full_name",
      "score_sheets.overall_comment",
      "score_sheets.submitted_at",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.entry_id", "=", entryId)
    .where("score_sheets.status", "=", "submitted")
    .execute();
  const ids = sheets.map((s) => s.id).filter((id): id is string => id !== null);
  const scores = ids.length
    ? await db
        .selectFrom("scores")
        .innerJoin("round_criteria", "round_criteria.id", "scores.criterion_id")
        .select(["scores.sheet_id", "scores.criterion_id", "round_criteria.name", "scores.score", "scores.comment"])
        .where("scores.sheet_id", "in", ids)
        .orderBy("round_criteria.position")
        .execute()
    : [];
  return sheets.map((sheet) => ({ ...sheet, scores: scores.filter((s) => s.sheet_id === sheet.id) }));
}

/** What a viewer reads of an entry's deliberation: the sheets, the notes and the committee's decisions. */
async function deliberationOf(db: DB, round: { id: string; blind: number }, entryId: string, viewer: Viewer) {
  const [sheets, notes, decisions] = await Promise.all([
    submittedSheetsOfEntry(db, round.id, entryId),
    db
      .selectFrom("deliberation_notes")
      .innerJoin("users", "users.id", "deliberation_notes.author_id")
      .select([
        "deliberation_notes.id",
        "deliberation_notes.author_id",
        "users.full_name",
        "users.role",
        "deliberation_notes.body",
        "deliberation_notes.created_at",
      ])
      .where("deliberation_notes.round_id", "=", round.id)
      .where("deliberation_notes.entry_id", "=", entryId)
      .orderBy("deliberation_notes.created_at")
      .orderBy("deliberation_notes.id")
      .limit(500)
      .execute(),
    consensusHistory(db, round.id, entryId, viewer.kind === "staff"),
  ]);
  const assigned = await db
    .selectFrom("assignments")
    .select("judge_id")
    .where("round_id", "=", round.id)
    .where("entry_id", "=", entryId)
    .execute();
  const numbers = judgeNumbers(assigned.map((a) => a.judge_id));
  const named = showsJudgeNames(viewer.kind, round.blind === 1);
  const self = viewer.kind === "judge" ? viewer.judgeId : null;
  const judgeLabel = (judgeId: string, fullName: string) => ({
    number: numbers.get(judgeId) ?? null,
    name: named ? fullName : null,
    self: judgeId === self,
  });
  return {
    sheets: sheets
      .map((sheet) => ({
        id: sheet.id!,
        judge: judgeLabel(sheet.judge_id, sheet.full_name),
        overallComment: sheet.overall_comment,
        submittedAt: sheet.submitted_at,
        scores: sheet.scores.map((s) => ({ criterion: s.name, score: s.score, comment: s.comment })),
      }))
      .sort((a, b) => (a.judge.number ?? 0) - (b.judge.number ?? 0)),
    notes: notes.map((note) => ({
      id: note.id,
      body: note.body,
      createdAt: note.created_at,
      author:
        note.role === "judge"
          ? { staff: false, ...judgeLabel(note.author_id, note.full_name) }
          : { staff: true, number: null, name: note.full_name, self: note.author_id === self },
    })),
    decisions,
  };
}

/** The committee's decisions on an entry, latest first (the first one stands); staff see who recorded each. */
async function consensusHistory(db: DB, roundId: string, entryId: string, withNames: boolean) {
  const rows = await db
    .selectFrom("consensus_decisions")
    .innerJoin("users", "users.id", "consensus_decisions.decided_by")
    .select([
      "consensus_decisions.id",
      "consensus_decisions.decision",
      "consensus_decisions.adjusted_score",
      "consensus_decisions.reason",
      "consensus_decisions.decided_at",
      "users.full_name",
    ])
    .where("consensus_decisions.round_id", "=", roundId)
    .where("consensus_decisions.entry_id", "=", entryId)
    .orderBy("consensus_decisions.decided_at", "desc")
    .orderBy("consensus_decisions.id", "desc")
    .limit(100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    decision: row.decision,
    adjustedScore: row.adjusted_score,
    reason: row.reason,
    decidedAt: row.decided_at,
    decidedBy: withNames ? row.full_name : null,
  }));
}

/**
 * A judge's way in: their own live assignment (403 for anyone else's or with a conflict, by getAssignmentForJudge),
 * in a round with deliberation on, their sheet submitted. Anything else is a 403: the other sheets stay unseen.
 */
async function judgeDeliberationTarget(db: DB, judge: CurrentUser, assignmentId: string) {
  if (judge.role !== "judge") forbidden();
  const { assignment, entry } = await getAssignmentForJudge(db, judge, assignmentId);
  const round = await getRound(db, assignment.round_id);
  const own = await sheetOfAssignment(db, assignment.id);
  const access = judgeDeliberationAccess({
    deliberation: round.deliberation === 1,
    assigned: true,
    conflicted: false,
    ownSheetStatus: own.sheet?.status ?? null,
  });
  if (access !== "allowed") forbidden();
  return { assignment, entry, round };
}

/** Whether the judge's sheet page offers the way to the deliberation (the same rule the page itself enforces). */
export function judgeMayDeliberate(round: { deliberation: number }, sheetStatus: "draft" | "submitted" | null) {
  return (
    judgeDeliberationAccess({
      deliberation: round.deliberation === 1,
      assigned: true,
      conflicted: false,
      ownSheetStatus: sheetStatus,
    }) === "allowed"
  );
}

export async function deliberationForJudge(db: DB, judge: CurrentUser, assignmentId: string) {
  const { assignment, entry, round } = await judgeDeliberationTarget(db, judge, assignmentId);
  return {
    assignment: { id: assignment.id, roundName: round.name, blind: round.blind === 1, open: round.status !== "closed" },
    entry: { id: entry.id, receiptNumber: entry.receipt_number, projectName: entry.project_name },
    ...(await deliberationOf(db, round, entry.id, { kind: "judge", judgeId: judge.id })),
  };
}

/** An entry of the round, 404 when it is not in the round. */
async function requireRoundEntry(db: DB, roundId: string, entryId: string) {
  const row = await db
    .selectFrom("round_entries")
    .select("entry_id")
    .where("round_id", "=", roundId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  if (!row) notFound();
}

/**
 * Staff and leaders read every submitted sheet of the entry by judge's name, the notes and the decisions (an entry
 * of the edition that never reached this round simply has none; writing needs it in the round).
 */
export async function deliberationForStaff(db: DB, actor: CurrentUser, roundId: string, entryId: string) {
  if (actor.role !== "staff" && actor.role !== "admin" && actor.role !== "leader") forbidden();
  const round = await getRound(db, roundId);
  return deliberationOf(db, round, entryId, { kind: "staff" });
}

async function insertNote(
  db: DB,
  actor: CurrentUser,
  round: { id: string; status: "setup" | "judging" | "closed"; deliberation: number },
  entryId: string,
  body: string,
  ip: string,
): Promise<Outcome> {
  if (round.deliberation !== 1) return refuse("deliberation.problems.off");
  const closed = closedRoundRefusal(round);
  if (closed) return closed;
  const note = { id: newId(), round_id: round.id, entry_id: entryId, author_id: actor.id, body, created_at: nowIso() };
  await db.insertInto("deliberation_notes").values(note).execute();
  await recordAudit(db, {
    actorId: actor.id,
    action: "deliberation.note_added",
    entityType: "entry",
    entityId: entryId,
    after: { round_id: round.id, note_id: note.id, body },
    ip,
  });
  return { ok: true as const };
}

/** A judge who may deliberate on the entry adds a note to its discussion (append-only: notes are never edited). */
export async function addNoteAsJudge(
  db: DB,
  judge: CurrentUser,
  assignmentId: string,
  body: string,
  ip: string,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const { entry, round } = await judgeDeliberationTarget(trx, judge, assignmentId);
    return insertNote(trx, judge, round, entry.id, body, ip);
  });
}

export async function addNoteAsStaff(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  entryId: string,
  body: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const round = await getRound(trx, roundId);
    await requireRoundEntry(trx, roundId, entryId);
    return insertNote(trx, actor, round, entryId, body, ip);
  });
}

/**
 * Staff record the committee's consensus on an entry with its reason; a later decision supersedes the earlier one,
 * which stays in the history and the audit trail (from → to, why).
 */
export async function recordConsensus(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  entryId: string,
  input: ConsensusInput,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const round = await getRound(trx, roundId);
    await requireRoundEntry(trx, roundId, entryId);
    if (round.deliberation !== 1) return refuse("deliberation.problems.off");
    const closed = closedRoundRefusal(round);
    if (closed) return closed;
    const [previous] = await consensusHistory(trx, roundId, entryId, false);
    const decision = {
      id: newId(),
      round_id: roundId,
      entry_id: entryId,
      decision: input.decision,
      adjusted_score: input.decision === "score_adjusted" ? (input.adjustedScore ?? null) : null,
      reason: input.reason,
      decided_by: actor.id,
      decided_at: nowIso(),
    };
    await trx.insertInto("consensus_decisions").values(decision).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "deliberation.consensus_recorded",
      entityType: "entry",
      entityId: entryId,
      before: previous ? { decision: previous.decision, adjusted_score: previous.adjustedScore } : undefined,
      after: { round_id: roundId, decision: decision.decision, adjusted_score: decision.adjusted_score },
      reason: input.reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** The standing (latest) consensus decision of each entry of a round, for the ranking. */
export async function standingConsensusOfRound(db: DB, roundId: string) {
  const rows = await db
    .selectFrom("consensus_decisions")
    .select(["entry_id", "decision", "adjusted_score", "reason", "decided_at", "id"])
    .where("round_id", "=", roundId)
    .orderBy("decided_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const standing: Record<string, { decision: ConsensusDecision; adjustedScore: number | null; reason: string }> = {};
  for (const row of rows)
    standing[row.entry_id] ??= { decision: row.decision, adjustedScore: row.adjusted_score, reason: row.reason };
  return standing;
}

/**
 * The judges' comments on an entry for its applicant: nothing unless the edition releases feedback and its results
 * are published (outcomes are staged until then), and never a judge's name or id, only "Giám khảo 1, 2…" per round.
 * Scores are not released: the committee's ranking, not a sheet, is the result.
 */
export async function feedbackForApplicant(db: DB, entryId: string) {
  const edition = await db
    .selectFrom("competition_entries")
    .innerJoin("competition_editions", "competition_editions.id", "competition_entries.edition_id")
    .select(["competition_editions.feedback_to_applicants", "competition_editions.results_status"])
    .where("competition_entries.id", "=", entryId)
    .executeTakeFirst();
  if (!edition || edition.feedback_to_applicants !== 1 || edition.results_status !== "published") return [];
  const sheets = await liveAssignments(db)
    .select([
      "score_sheets.id",
      "assignments.judge_id",
      "assignments.round_id",
      "competition_rounds.name as round_name",
      "competition_rounds.position",
      "score_sheets.overall_comment",
    ])
    .where("assignments.entry_id", "=", entryId)
    .where("score_sheets.status", "=", "submitted")
    .orderBy("competition_rounds.position")
    .execute();
  const ids = sheets.map((s) => s.id).filter((id): id is string => id !== null);
  const comments = ids.length
    ? await db
        .selectFrom("scores")
        .innerJoin("round_criteria", "round_criteria.id", "scores.criterion_id")
        .select(["scores.sheet_id", "round_criteria.name", "scores.comment"])
        .where("scores.sheet_id", "in", ids)
        .where("scores.comment", "is not", null)
        .where("scores.comment", "!=", "")
        .orderBy("round_criteria.position")
        .execute()
    : [];
  const rounds: Array<{
    roundId: string;
    roundName: string;
    sheets: Array<{
      judgeNumber: number;
      overallComment: string | null;
      comments: { criterion: string; comment: string }[];
    }>;
  }> = [];
  for (const roundId of [...new Set(sheets.map((s) => s.round_id))]) {
    const ofRound = sheets.filter((s) => s.round_id === roundId);
    const numbers = judgeNumbers(ofRound.map((s) => s.judge_id));
    const withText = ofRound
      .map((sheet) => ({
        judgeNumber: numbers.get(sheet.judge_id)!,
        overallComment: sheet.overall_comment?.trim() ? sheet.overall_comment : null,
        comments: comments
          .filter((c) => c.sheet_id === sheet.id)
          .map((c) => ({ criterion: c.name, comment: c.comment! })),
      }))
      .filter((sheet) => sheet.overallComment || sheet.comments.length)
      .sort((a, b) => a.judgeNumber - b.judgeNumber);
    if (withText.length) rounds.push({ roundId, roundName: ofRound[0].round_name, sheets: withText });
  }
  return rounds;
}
