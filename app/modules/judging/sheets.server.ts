/** Score sheets: a judge saves or submits, staff reopen with a reason. */
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { type Outcome, type Problem, refuse, refuseAll } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { tellJudgeOfReopenedSheet } from "./notices.server";
import { getAssignmentForJudge, roundCriteria } from "./queries.server";
import { requireStaff } from "./shared.server";

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
    await tellJudgeOfReopenedSheet(trx, sheetId, reason);
    return { ok: true as const };
  });
}
