/**
 * A judging weekend (issue 16, goal 8): many judges saving their sheets at the same time against the running server.
 * `prepareJudges` writes the round through the app's own commands before the server starts (same database file);
 * `measureJudgeSaves` then has every judge save drafts of their sheets concurrently, one save after another each, and
 * returns the latency of every save as the browser's form post (the 303 redirect back to the sheet, not followed).
 */
import { sessionCookieHeaderFor } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { addJudge, autoAssign, startRound } from "../../app/modules/judging/commands.server";
import { actorOf, openEdition } from "../helpers/competition";
import { createOrganisation, createUser, insertEntry } from "../helpers/fixtures";

export type PreparedJudges = {
  judges: Array<{ cookie: string; assignments: string[] }>;
  criteria: Array<{ id: string; max: number }>;
};

export async function prepareJudges(judgeCount = 50, entriesPerJudge = 4): Promise<PreparedJudges> {
  const db = getDb();
  const staff = await createUser("staff");
  const applicant = await createUser("applicant");
  const editionId = await openEdition(staff, { prefix: "BENCHJ", closed: true });
  const round = await db
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("position", "=", 1)
    .executeTakeFirstOrThrow();
  const entries = judgeCount * entriesPerJudge;
  for (let i = 1; i <= entries; i++) {
    const organisationId = await createOrganisation(`Đội chấm thử ${i}`, [applicant.id], "startup_team");
    await insertEntry({
      id: newId(),
      edition_id: editionId,
      organisation_id: organisationId,
      created_by: applicant.id,
      receipt_seq: i,
      receipt_number: `BENCHJ-${String(i).padStart(4, "0")}`,
      project_name: `Dự án chấm thử ${i}`,
      residence_province: "Quảng Ngãi",
    });
  }
  const actor = actorOf(staff);
  const judgeUsers = [];
  for (let i = 0; i < judgeCount; i++) {
    const judge = await createUser("judge", { fullName: `Giám khảo thử ${i + 1}` });
    if (!(await addJudge(db, actor, round.id, judge.id, "127.0.0.1")).ok) throw new Error("addJudge refused");
    judgeUsers.push(judge);
  }
  if (!(await startRound(db, actor, round.id, "127.0.0.1")).ok) throw new Error("startRound refused");
  if (!(await autoAssign(db, actor, round.id, 1, "127.0.0.1")).ok) throw new Error("autoAssign refused");
  const criteria = await db
    .selectFrom("round_criteria")
    .select(["id", "max_score"])
    .where("round_id", "=", round.id)
    .orderBy("position")
    .execute();
  const judges = [];
  for (const judge of judgeUsers) {
    const assignments = await db
      .selectFrom("assignments")
      .select("id")
      .where("round_id", "=", round.id)
      .where("judge_id", "=", judge.id)
      .where("removed_at", "is", null)
      .execute();
    judges.push({ cookie: await sessionCookieHeaderFor(db, judge.id), assignments: assignments.map((a) => a.id) });
  }
  return { judges, criteria: criteria.map((c) => ({ id: c.id, max: c.max_score })) };
}

/** Every judge saves each of their sheets `rounds` times, all judges at once; the milliseconds of every save. */
export async function measureJudgeSaves(base: string, prepared: PreparedJudges, rounds = 5): Promise<number[]> {
  const latencies: number[] = [];
  let score = 0;
  await Promise.all(
    prepared.judges.map(async (judge) => {
      for (let r = 0; r < rounds; r++) {
        for (const assignment of judge.assignments) {
          const body = new URLSearchParams({ intent: "save" });
          for (const criterion of prepared.criteria)
            body.set(`score-${criterion.id}`, String(score++ % (criterion.max + 1)));
          body.set("overallComment", "Nhận xét tạm.");
          const started = performance.now();
          const response = await fetch(`${base}/judging/${assignment}`, {
            method: "POST",
            redirect: "manual",
            headers: { Cookie: judge.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
            body,
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          if (response.status !== 302 && response.status !== 303)
            throw new Error(`a judge's save answered ${response.status}`);
        }
      }
    }),
  );
  return latencies;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
