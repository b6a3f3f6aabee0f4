import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import {
  advancing,
  computeRound,
  proposePrizes,
  rankEntries,
  type Criterion,
  type Sheet,
} from "../../app/modules/judging/scoring";
import { userRow } from "../../app/modules/accounts/rules";
import type { Database } from "../types";

/** The 2022 panel of five: the demo judge and four experts (password as every demo account). */
export const JUDGES_2022 = [
  { id: "demo-judge", email: "giamkhao@demo.quangngai.vn", fullName: "Phạm Minh Đức" },
  { id: "judge-2022-2", email: "gk.thanhha@demo.quangngai.vn", fullName: "TS. Nguyễn Thị Thanh Hà" },
  { id: "judge-2022-3", email: "gk.quocbinh@demo.quangngai.vn", fullName: "ThS. Trần Quốc Bình" },
  { id: "judge-2022-4", email: "gk.minhtam@demo.quangngai.vn", fullName: "Lê Minh Tâm" },
  { id: "judge-2022-5", email: "gk.vanhai@demo.quangngai.vn", fullName: "Võ Văn Hải" },
];

/** A stable pseudo-random number in [0, 1) from a text, so the demo scores are the same at every seed. */
function unit(text: string): number {
  return parseInt(createHash("sha256").update(text).digest("hex").slice(0, 8), 16) / 0x100000000;
}

function localIso(local: string): string {
  return new Date(`${local}+07:00`).toISOString();
}

async function judgeRound(
  db: Kysely<Database>,
  roundId: string,
  entryIds: string[],
  judges: string[],
  perEntry: number,
  at: string,
) {
  const criteriaRows = await db
    .selectFrom("round_criteria")
    .selectAll()
    .where("round_id", "=", roundId)
    .orderBy("position")
    .execute();
  const criteria: Criterion[] = criteriaRows.map((c) => ({
    id: c.id,
    weight: c.weight,
    maxScore: c.max_score,
    countsInTotal: c.counts_in_total === 1,
  }));
  await db
    .insertInto("round_judges")
    .values(judges.map((judgeId) => ({ round_id: roundId, judge_id: judgeId, added_at: at, dropped_at: null })))
    .execute();
  await db
    .insertInto("round_entries")
    .values(entryIds.map((entryId) => ({ round_id: roundId, entry_id: entryId, added_at: at })))
    .execute();
  const sheets: Sheet[] = [];
  for (const [index, entryId] of entryIds.entries()) {
    // Entries earlier in the list are somewhat stronger; each judge has a bias and some noise.
    const quality = 82 - index * 1.6 + unit(`${roundId}-${entryId}`) * 10;
    for (let offset = 0; offset < perEntry; offset++) {
      const judgeId = judges[(index + offset) % judges.length];
      const bias = (unit(`bias-${judgeId}`) - 0.5) * 12;
      const scores: Record<string, number> = {};
      for (const criterion of criteria) {
        const raw = quality + bias + (unit(`${roundId}-${entryId}-${judgeId}-${criterion.id}`) - 0.5) * 14;
        scores[criterion.id] = Math.max(5, Math.min(criterion.maxScore, Math.round(raw)));
      }
      const assignmentId = `${roundId}-a-${entryId}-${judgeId}`;
      const sheetId = `${roundId}-s-${entryId}-${judgeId}`;
      await db
        .insertInto("assignments")
        .values({
          id: assignmentId,
          round_id: roundId,
          entry_id: entryId,
          judge_id: judgeId,
          created_at: at,
          removed_at: null,
        })
        .execute();
      await db
        .insertInto("score_sheets")
        .values({
          id: sheetId,
          assignment_id: assignmentId,
          status: "submitted",
          overall_comment: null,
          submitted_at: at,
          updated_at: at,
        })
        .execute();
      await db
        .insertInto("scores")
        .values(criteria.map((c) => ({ sheet_id: sheetId, criterion_id: c.id, score: scores[c.id], comment: null })))
        .execute();
      sheets.push({ judgeId, entryId, scores });
    }
  }
  const round = await db
    .selectFrom("competition_rounds")
    .selectAll()
    .where("id", "=", roundId)
    .executeTakeFirstOrThrow();
  const computation = computeRound(sheets, criteria, {
    minSheetsToNormalise: round.min_scores_to_normalise,
    disagreementThreshold: round.disagreement_threshold,
  });
  return rankEntries(computation.entries, sheets, criteria, round.aggregation, round.tie_break_criterion_id);
}

/** The 2022 edition judged by a panel of five over two rounds, with the prize list of the seed reports published. */
export async function seedJudging(db: Kysely<Database>, now: string): Promise<void> {
  const password = (
    await db.selectFrom("users").select("password_hash").where("id", "=", "demo-judge").executeTakeFirstOrThrow()
  ).password_hash;
  await db
    .insertInto("users")
    .values(
      JUDGES_2022.slice(1).map((j) =>
        userRow({ id: j.id, email: j.email, fullName: j.fullName, passwordHash: password, role: "judge" }, now),
      ),
    )
    .execute();
  const judges = JUDGES_2022.map((j) => j.id);
  const valid = await db
    .selectFrom("competition_entries")
    .select(["id", "category_id"])
    .where("edition_id", "=", "edition-2022")
    .where("status", "=", "valid")
    .orderBy("receipt_seq")
    .execute();
  const category = new Map(valid.map((e) => [e.id, e.category_id]));

  const preliminaryAt = localIso("2022-10-20T09:00:00");
  const preliminary = await judgeRound(
    db,
    "edition-2022-round-1",
    valid.map((e) => e.id),
    judges,
    3,
    preliminaryAt,
  );
  const finalists = advancing(preliminary, (id) => category.get(id) ?? null, {
    perCategory: 5,
    minAverage: 50,
    noZeroCriterion: true,
  });
  for (const entry of valid) {
    await db
      .updateTable("round_entries")
      .set({ outcome: finalists.includes(entry.id) ? "advanced" : "eliminated" })
      .where("round_id", "=", "edition-2022-round-1")
      .where("entry_id", "=", entry.id)
      .execute();
  }
  await db
    .updateTable("competition_rounds")
    .set({ status: "closed" })
    .where("id", "=", "edition-2022-round-1")
    .execute();

  const finalAt = localIso("2022-11-18T14:00:00");
  await db
    .updateTable("competition_rounds")
    .set({ pitch_minutes: 8, questions_minutes: 10, judges_per_entry: 5 })
    .where("id", "=", "edition-2022-round-2")
    .execute();
  const final = await judgeRound(db, "edition-2022-round-2", finalists, judges, 5, finalAt);
  await db
    .updateTable("round_entries")
    .set({ outcome: "advanced" })
    .where("round_id", "=", "edition-2022-round-2")
    .execute();
  await db
    .updateTable("competition_rounds")
    .set({ status: "closed" })
    .where("id", "=", "edition-2022-round-2")
    .execute();

  const prizes = await db
    .selectFrom("competition_prizes")
    .select(["id", "count"])
    .where("edition_id", "=", "edition-2022")
    .orderBy("position")
    .execute();
  const awards = proposePrizes(final, prizes);
  await db
    .insertInto("prize_awards")
    .values(
      awards.map((a) => ({
        id: `award-2022-${a.rank}`,
        edition_id: "edition-2022",
        prize_id: a.prizeId,
        entry_id: a.entryId,
        rank: a.rank,
        change_reason: null,
        verification_code: `QN2022GIAI${a.rank}`,
        created_at: localIso("2022-11-20T10:00:00"),
      })),
    )
    .execute();
  const awarded = awards.map((a) => a.entryId);
  await db
    .updateTable("competition_entries")
    .set({ status: "awarded", updated_at: localIso("2022-11-25T09:00:00") })
    .where("id", "in", awarded)
    .execute();
  await db
    .updateTable("competition_entries")
    .set({ status: "not_awarded", updated_at: localIso("2022-11-25T09:00:00") })
    .where("edition_id", "=", "edition-2022")
    .where("status", "=", "valid")
    .execute();
  await db
    .updateTable("competition_editions")
    .set({ results_status: "published", results_published_at: localIso("2022-11-25T09:00:00") })
    .where("id", "=", "edition-2022")
    .execute();
}
