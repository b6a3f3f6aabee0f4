import ExcelJS from "exceljs";
import { serverI18n } from "../../app/i18n";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { UserRole } from "../../db/types";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { addJudge, autoAssign, publishResults, saveSheet, startRound } from "../../app/modules/judging/commands.server";
import * as myEntry from "../../app/routes/my.entries.$id";
import { updateRoundSettings } from "../../app/modules/judging/commands.server";
import * as roundPage from "../../app/routes/staff.competitions.$id.rounds.$roundId._index";
import * as minutes from "../../app/routes/staff.competitions.$id.rounds.$roundId.minutes[.]xlsx";
import * as rankingPage from "../../app/routes/staff.competitions.$id.rounds.$roundId.ranking";
import { call, createOrganisation, createUser, insertEntry, makeRequest, type TestUser } from "../helpers/fixtures";
import { renderWithData } from "../helpers/render-page";
import { actorOf, categoryId, openEdition } from "../helpers/competition";

const IP = "127.0.0.1";
let staff: TestUser;
let leader: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  leader = await createUser("leader");
  applicant = await createUser("applicant");
});

type FixtureEntry = { id: string; organisationId: string; receipt: string; project: string };

/** A valid entry written straight into the database, as screening would leave it. */
async function validEntry(
  editionId: string,
  prefix: string,
  seq: number,
  category: string | null,
  owner = applicant,
): Promise<FixtureEntry> {
  const project = `Dự án ${prefix} số ${seq}`;
  const organisationId = await createOrganisation(`Công ty ${prefix} số ${seq}`, [owner.id], "startup_team");
  const id = newId();
  const receipt = `${prefix}-${String(seq).padStart(4, "0")}`;
  await insertEntry({
    id,
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: owner.id,
    category_id: category,
    receipt_seq: seq,
    receipt_number: receipt,
    project_name: project,
    sector: "Nông nghiệp",
    summary: "Tóm tắt.",
    stage: "prototype",
    residence_province: "Quảng Ngãi",
  });
  return { id, organisationId, receipt, project };
}

/** The first round of a fresh edition, started with the given entries and judges and assigned k per entry. */
async function startedRound(options: {
  categories: Array<"Dự án" | "Ý tưởng" | null>;
  judges: number;
  k: number;
  judgeEmails?: string[];
  owner?: TestUser;
}) {
  const prefix = `BK${Math.floor(Math.random() * 1e6)}`;
  const editionId = await openEdition(staff, { prefix, closed: true });
  const db = getDb();
  const round = await db
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("position", "=", 1)
    .executeTakeFirstOrThrow();
  const entries: FixtureEntry[] = [];
  for (const [index, category] of options.categories.entries())
    entries.push(
      await validEntry(
        editionId,
        prefix,
        index + 1,
        category ? await categoryId(editionId, category) : null,
        options.owner,
      ),
    );
  const judges: TestUser[] = [];
  for (let i = 0; i < options.judges; i++)
    judges.push(
      await createUser("judge", {
        fullName: `Giám khảo ${String.fromCharCode(65 + i)} ${prefix}`,
        email: options.judgeEmails?.[i],
      }),
    );
  const actor = actorOf(staff);
  for (const judge of judges) expect((await addJudge(db, actor, round.id, judge.id, IP)).ok).toBe(true);
  expect((await startRound(db, actor, round.id, IP)).ok).toBe(true);
  expect((await autoAssign(db, actor, round.id, options.k, IP)).ok).toBe(true);
  const criteria = await db
    .selectFrom("round_criteria")
    .select(["id", "name", "weight"])
    .where("round_id", "=", round.id)
    .orderBy("position")
    .execute();
  return { editionId, roundId: round.id, entries, judges, criteria, prefix };
}

async function assignmentOf(roundId: string, judge: TestUser, entry: FixtureEntry) {
  return getDb()
    .selectFrom("assignments")
    .select("id")
    .where("round_id", "=", roundId)
    .where("judge_id", "=", judge.id)
    .where("entry_id", "=", entry.id)
    .where("removed_at", "is", null)
    .executeTakeFirstOrThrow();
}

/** A judge's sheet for an entry: every criterion scored `score`, or one score per criterion. */
async function score(
  round: Awaited<ReturnType<typeof startedRound>>,
  judge: TestUser,
  entry: FixtureEntry,
  given: number | number[],
  submit = true,
) {
  const assignment = await assignmentOf(round.roundId, judge, entry);
  const scores = Object.fromEntries(round.criteria.map((c, i) => [c.id, Array.isArray(given) ? given[i] : given]));
  const outcome = await saveSheet(getDb(), actorOf(judge), assignment.id, { scores, comments: {} }, submit, IP);
  expect(outcome.ok).toBe(true);
}

/**
 * The hand-computed round. Boards: E1–E4 and E8 "Dự án", E5–E7 "Ý tưởng". Five judges score every entry,
 * each giving one score to all five criteria (so the total is that score), except judge A on E3 who gives
 * 100 to four criteria and 0 to "Hướng phát triển" (weight 20): a total of 80.
 *
 *          A    B    C    D    E    mean  spread
 *   E1    90   85   80   88   87    86     10
 *   E2    70   72   68   75   40    65     35  → to discuss (threshold 25)
 *   E3    80*  90   90   90   90    88     10  → a criterion scored 0
 *   E4    60   62   58   61   59    60      4
 *   E5    55   50   45   52   58    52     13
 *   E6    40   45   42   44   39    42      6
 *   E7    50   45   48   47   50    48      5
 *   E8    60   62   58   61   59    60      4  → tied with E4
 *
 * Rules: 2 per board, mean at least 50, no zero criterion. Dự án by mean: E3 (zero: out), E1, E2, then E4 and
 * E8 over the cap. Ý tưởng: E5; E7 (48) and E6 (42) are under 50. So E1, E2 and E5 advance.
 */
const TABLE: Record<string, number[]> = {
  E1: [90, 85, 80, 88, 87],
  E2: [70, 72, 68, 75, 40],
  E3: [80, 90, 90, 90, 90],
  E4: [60, 62, 58, 61, 59],
  E5: [55, 50, 45, 52, 58],
  E6: [40, 45, 42, 44, 39],
  E7: [50, 45, 48, 47, 50],
  E8: [60, 62, 58, 61, 59],
};

async function handComputedRound() {
  const round = await startedRound({
    categories: ["Dự án", "Dự án", "Dự án", "Dự án", "Ý tưởng", "Ý tưởng", "Ý tưởng", "Dự án"],
    judges: 5,
    k: 5,
  });
  const settings = await updateRoundSettings(
    getDb(),
    actorOf(staff),
    round.roundId,
    {
      blind: false,
      aggregation: "mean",
      minScoresToNormalise: 5,
      disagreementThreshold: 25,
      noZeroCriterion: true,
      minAverage: 50,
      advancePerCategory: 2,
    },
    IP,
  );
  expect(settings.ok).toBe(true);
  for (const [index, entry] of round.entries.entries()) {
    for (const [j, judge] of round.judges.entries()) {
      const given = TABLE[`E${index + 1}`][j];
      await score(round, judge, entry, index === 2 && j === 0 ? [100, 100, 100, 0, 100] : given);
    }
  }
  const byName = (name: string) => round.entries[Number(name.slice(1)) - 1];
  return { ...round, byName };
}

const url = (round: { editionId: string; roundId: string }, rest = "") =>
  `/staff/competitions/${round.editionId}/rounds/${round.roundId}${rest}`;
const params = (round: { editionId: string; roundId: string }) => ({ id: round.editionId, roundId: round.roundId });
const openRound = (user: TestUser | null, round: { editionId: string; roundId: string }) =>
  call(roundPage.loader, makeRequest(url(round), { cookie: user?.cookie }), params(round));
const postRound = (
  user: TestUser | null,
  round: { editionId: string; roundId: string },
  form: Record<string, string>,
) => call(roundPage.action, makeRequest(url(round), { cookie: user?.cookie, form }), params(round));
const openRanking = (user: TestUser | null, round: { editionId: string; roundId: string }) =>
  call(rankingPage.loader, makeRequest(url(round, "/ranking"), { cookie: user?.cookie }), params(round));
const postRanking = (
  user: TestUser | null,
  round: { editionId: string; roundId: string },
  form: Record<string, string | string[]>,
) => call(rankingPage.action, makeRequest(url(round, "/ranking"), { cookie: user?.cookie, form }), params(round));
const openMinutes = (user: TestUser | null, round: { editionId: string; roundId: string }) =>
  call(minutes.loader, makeRequest(url(round, "/minutes.xlsx"), { cookie: user?.cookie }), params(round));

/** Server-renders the ranking page with its loader's data, as Remix sends it to the browser. */
function renderRanking(loaderData: object): Promise<string> {
  return renderWithData(
    rankingPage.default,
    "/staff/competitions/:id/rounds/:roundId/ranking",
    "/staff/competitions/e/rounds/r/ranking",
    loaderData,
  );
}

async function auditCount(): Promise<number> {
  const row = await getDb()
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("the round page", () => {
  it("lists the panel with each judge's load and the entries × judges progress, sheet by sheet", async () => {
    const round = await startedRound({ categories: ["Dự án", "Dự án", "Ý tưởng"], judges: 3, k: 2 });
    const [a] = round.judges;
    const ownEntries = await getDb()
      .selectFrom("assignments")
      .select("entry_id")
      .where("round_id", "=", round.roundId)
      .where("judge_id", "=", a.id)
      .execute();
    const [first, second] = ownEntries.map((o) => round.entries.find((e) => e.id === o.entry_id)!);
    await score(round, a, first, 70);
    await score(round, a, second, 60, false);

    const page = await openRound(staff, round);
    expect(page.status).toBe(200);
    expect(page.data.canManage).toBe(true);
    expect(page.data.panel.map((j: { name: string }) => j.name).sort()).toEqual(
      round.judges.map((_, i) => `Giám khảo ${String.fromCharCode(65 + i)} ${round.prefix}`),
    );
    expect(page.data.panel.reduce((sum: number, j: { assigned: number }) => sum + j.assigned, 0)).toBe(6);
    expect(page.data.panel.find((j: { id: string }) => j.id === a.id)).toMatchObject({
      assigned: 2,
      submitted: 1,
      dropped: false,
    });
    expect(page.data.totals).toEqual({ assigned: 6, submitted: 1 });

    expect(page.data.progress.map((row: { receipt: string }) => row.receipt)).toEqual(
      round.entries.map((e) => e.receipt),
    );
    const column = page.data.panel.findIndex((j: { id: string }) => j.id === a.id);
    const cellOf = (entry: FixtureEntry) =>
      page.data.progress.find((row: { entryId: string }) => row.entryId === entry.id).cells[column].state;
    expect(cellOf(first)).toBe("submitted");
    expect(cellOf(second)).toBe("draft");
    for (const row of page.data.progress) expect(row.assigned).toBe(2);
    const states = page.data.progress
      .flatMap((row: { cells: Array<{ state: string }> }) => row.cells.map((c) => c.state))
      .sort();
    expect(states).toEqual(["draft", "none", "none", "none", "submitted", "todo", "todo", "todo", "todo"]);
    expect(page.data.submittedSheets).toHaveLength(1);
    expect(page.data.submittedSheets[0]).toMatchObject({ receipt: first.receipt });
  });

  it("answers 409 with the reason in Vietnamese when k is larger than the panel, and assigns nothing", async () => {
    const round = await startedRound({ categories: ["Dự án", "Ý tưởng"], judges: 5, k: 3 });
    const before = await getDb().selectFrom("assignments").select("id").where("round_id", "=", round.roundId).execute();
    const answer = await postRound(staff, round, { intent: "assign", k: "6" });
    expect(answer.status).toBe(409);
    expect(answer.data.errors._form).toBe("Không phân công được, vì:");
    expect(answer.data.problems).toEqual(["Hội đồng có 5 giám khảo, ít hơn số giám khảo cần cho mỗi hồ sơ (6)."]);
    const after = await getDb().selectFrom("assignments").select("id").where("round_id", "=", round.roundId).execute();
    expect(after).toHaveLength(before.length);
    expect((await postRound(staff, round, { intent: "assign", k: "0" })).status).toBe(400);
  });

  it("proposes a conflict from a shared e-mail domain; once confirmed, the entry short of judges is named by its receipt number", async () => {
    const owner = await createUser("applicant", { email: `chu-${newId().slice(0, 6)}@congty-tra-bong.vn` });
    const round = await startedRound({
      categories: ["Dự án", "Dự án"],
      judges: 3,
      k: 3,
      owner,
      judgeEmails: [`gk-${newId().slice(0, 6)}@congty-tra-bong.vn`],
    });
    const [conflicted] = round.judges;
    expect((await postRound(staff, round, { intent: "propose-conflicts" })).status).toBe(302);
    const page = await openRound(staff, round);
    expect(page.data.conflicts).toHaveLength(2);
    for (const conflict of page.data.conflicts)
      expect(conflict).toMatchObject({
        judge_id: conflicted.id,
        source: "proposed",
        status: "proposed",
        reason: "email_domain",
      });
    const onFirst = page.data.conflicts.find(
      (c: { organisation_id: string }) => c.organisation_id === round.entries[0].organisationId,
    );
    expect(onFirst.receipts).toEqual([round.entries[0].receipt]);

    expect(
      (await postRound(staff, round, { intent: "decide-conflict", conflictId: onFirst.id, decision: "confirm" }))
        .status,
    ).toBe(302);
    const withdrawn = await getDb()
      .selectFrom("assignments")
      .select("removed_at")
      .where("round_id", "=", round.roundId)
      .where("judge_id", "=", conflicted.id)
      .where("entry_id", "=", round.entries[0].id)
      .executeTakeFirstOrThrow();
    expect(withdrawn.removed_at).not.toBeNull();

    const answer = await postRound(staff, round, { intent: "assign", k: "3" });
    expect(answer.status).toBe(409);
    expect(answer.data.problems).toEqual([
      `Hồ sơ ${round.entries[0].receipt} chỉ có 2 giám khảo không xung đột lợi ích, cần 3.`,
    ]);
    expect(
      (
        await postRound(staff, round, {
          intent: "decide-conflict",
          conflictId: newId(),
          decision: "dismiss",
          reason: "Không liên quan",
        })
      ).status,
    ).toBe(404);
  });

  it("adds a judge to the panel and drops one, whose unscored entries go to another judge", async () => {
    const round = await startedRound({ categories: ["Dự án", "Dự án"], judges: 3, k: 2 });
    const extra = await createUser("judge", { fullName: "Giám khảo dự bị" });
    const page = await openRound(staff, round);
    expect(page.data.candidates.map((c: { id: string }) => c.id)).toContain(extra.id);
    expect(page.data.candidates.map((c: { id: string }) => c.id)).not.toContain(round.judges[0].id);
    expect((await postRound(staff, round, { intent: "add-judge", judgeId: extra.id })).status).toBe(302);
    expect((await postRound(staff, round, { intent: "add-judge", judgeId: staff.id })).status).toBe(409);

    const [leaving] = round.judges;
    expect((await postRound(staff, round, { intent: "drop-judge", judgeId: leaving.id })).status).toBe(302);
    const after = await openRound(staff, round);
    expect(after.data.panel.find((j: { id: string }) => j.id === leaving.id)).toMatchObject({
      dropped: true,
      assigned: 0,
    });
    for (const row of after.data.progress) expect(row.assigned).toBe(2);
    expect((await postRound(staff, round, { intent: "drop-judge", judgeId: leaving.id })).status).toBe(404);
  });

  it("saves the round's settings with an audit entry, refuses bad values, and refuses any change once the round is closed", async () => {
    const round = await startedRound({ categories: ["Dự án"], judges: 2, k: 2 });
    const tieBreak = round.criteria[0].id;
    const form = {
      intent: "settings",
      blind: "on",
      aggregation: "zscore",
      minScoresToNormalise: "3",
      disagreementThreshold: "20,5",
      minAverage: "55",
      advancePerCategory: "4",
      tieBreakCriterionId: tieBreak,
      pitchMinutes: "7",
      questionsMinutes: "8",
    };
    expect((await postRound(staff, round, form)).status).toBe(302);
    const saved = await getDb()
      .selectFrom("competition_rounds")
      .selectAll()
      .where("id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      blind: 1,
      aggregation: "zscore",
      min_scores_to_normalise: 3,
      disagreement_threshold: 20.5,
      no_zero_criterion: 0,
      min_average: 55,
      advance_per_category: 4,
      tie_break_criterion_id: tieBreak,
      pitch_minutes: 7,
      questions_minutes: 8,
    });
    const audit = await getDb()
      .selectFrom("audit_events")
      .select(["actor_id", "after_json"])
      .where("entity_id", "=", round.roundId)
      .where("action", "=", "round.settings_updated")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(staff.id);

    const bad = await postRound(staff, round, { ...form, aggregation: "mode", minAverage: "120" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["aggregation", "minAverage"]);
    const otherRound = await startedRound({ categories: ["Dự án"], judges: 1, k: 1 });
    expect(
      (await postRound(staff, round, { ...form, tieBreakCriterionId: otherRound.criteria[0].id })).data.errors
        .tieBreakCriterionId,
    ).toBe("Tiêu chí này không thuộc vòng chấm.");

    await getDb().updateTable("competition_rounds").set({ status: "closed" }).where("id", "=", round.roundId).execute();
    const closed = await postRound(staff, round, { ...form, aggregation: "mean" });
    expect(closed.status).toBe(409);
    expect(closed.data.errors._form).toBe("Vòng đã đóng: không thể thay đổi nữa.");
    expect((await postRound(staff, round, { intent: "assign", k: "1" })).status).toBe(409);
    const unchanged = await getDb()
      .selectFrom("competition_rounds")
      .select("aggregation")
      .where("id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    expect(unchanged.aggregation).toBe("zscore");
  });

  it("accepts the median as the round's method, audited like the others", async () => {
    const round = await startedRound({ categories: ["Dự án"], judges: 2, k: 2 });
    const form = {
      intent: "settings",
      aggregation: "median",
      minScoresToNormalise: "3",
      disagreementThreshold: "25",
      minAverage: "50",
      advancePerCategory: "5",
    };
    expect((await postRound(staff, round, form)).status).toBe(302);
    const saved = await getDb()
      .selectFrom("competition_rounds")
      .select("aggregation")
      .where("id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    expect(saved.aggregation).toBe("median");
    const page = await openRound(staff, round);
    expect(page.data.settings.aggregation).toBe("median");
  });

  it("reopens a submitted sheet only with a reason, which the history keeps", async () => {
    const round = await startedRound({ categories: ["Dự án"], judges: 2, k: 2 });
    const [judge] = round.judges;
    await score(round, judge, round.entries[0], 75);
    const sheet = await getDb()
      .selectFrom("score_sheets")
      .selectAll()
      .where("assignment_id", "=", (await assignmentOf(round.roundId, judge, round.entries[0])).id)
      .executeTakeFirstOrThrow();

    const refused = await postRound(staff, round, { intent: "reopen", sheetId: sheet.id, reason: "  " });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.reason).toBe("Vui lòng nhập thông tin này.");
    expect(
      (await getDb().selectFrom("score_sheets").select("status").where("id", "=", sheet.id).executeTakeFirstOrThrow())
        .status,
    ).toBe("submitted");

    expect((await postRound(staff, round, { intent: "reopen", sheetId: newId(), reason: "Nhầm" })).status).toBe(404);
    const reopened = await postRound(staff, round, {
      intent: "reopen",
      sheetId: sheet.id,
      reason: "Giám khảo nhập nhầm điểm tiêu chí 2.",
    });
    expect(reopened.status).toBe(302);
    expect(
      (await getDb().selectFrom("score_sheets").select("status").where("id", "=", sheet.id).executeTakeFirstOrThrow())
        .status,
    ).toBe("draft");
    const audit = await getDb()
      .selectFrom("audit_events")
      .select(["reason", "actor_id"])
      .where("entity_id", "=", sheet.id)
      .where("action", "=", "score.reopened")
      .execute();
    expect(audit).toEqual([{ reason: "Giám khảo nhập nhầm điểm tiêu chí 2.", actor_id: staff.id }]);
  });

  it("shows a leader the pages read-only and answers every POST 403, writing nothing", async () => {
    const round = await startedRound({ categories: ["Dự án", "Dự án"], judges: 3, k: 2 });
    const [judge] = round.judges;
    const own = await getDb()
      .selectFrom("assignments")
      .select(["id", "entry_id"])
      .where("judge_id", "=", judge.id)
      .where("round_id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    await score(round, judge, round.entries.find((e) => e.id === own.entry_id)!, 70);
    const page = await openRound(leader, round);
    expect(page.status).toBe(200);
    expect(page.data.canManage).toBe(false);
    expect((await openRanking(leader, round)).data.canManage).toBe(false);

    const sheet = await getDb()
      .selectFrom("score_sheets")
      .select("id")
      .where("assignment_id", "=", own.id)
      .executeTakeFirstOrThrow();
    const extra = await createUser("judge");
    const audits = await auditCount();
    const roundBefore = await getDb()
      .selectFrom("competition_rounds")
      .selectAll()
      .where("id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    const assignmentsBefore = await getDb()
      .selectFrom("assignments")
      .selectAll()
      .where("round_id", "=", round.roundId)
      .execute();
    const forms: Array<Record<string, string>> = [
      {
        intent: "settings",
        aggregation: "trimmed",
        minScoresToNormalise: "5",
        disagreementThreshold: "25",
        minAverage: "10",
        advancePerCategory: "5",
      },
      { intent: "add-judge", judgeId: extra.id },
      { intent: "drop-judge", judgeId: round.judges[1].id },
      { intent: "propose-conflicts" },
      { intent: "start" },
      { intent: "assign", k: "3" },
      { intent: "reopen", sheetId: sheet.id, reason: "Thử" },
      { intent: "nonsense" },
    ];
    for (const form of forms) expect((await postRound(leader, round, form)).status, form.intent).toBe(403);
    expect((await postRanking(leader, round, { intent: "close" })).status).toBe(403);
    expect(await auditCount()).toBe(audits);
    expect(
      await getDb()
        .selectFrom("competition_rounds")
        .selectAll()
        .where("id", "=", round.roundId)
        .executeTakeFirstOrThrow(),
    ).toEqual(roundBefore);
    expect(await getDb().selectFrom("assignments").selectAll().where("round_id", "=", round.roundId).execute()).toEqual(
      assignmentsBefore,
    );
    expect(
      (await getDb().selectFrom("score_sheets").select("status").where("id", "=", sheet.id).executeTakeFirstOrThrow())
        .status,
    ).toBe("submitted");
  });

  it("answers 404 for a round opened under another edition", async () => {
    const round = await startedRound({ categories: ["Dự án"], judges: 1, k: 1 });
    const other = await openEdition(staff);
    const wrong = { editionId: other, roundId: round.roundId };
    expect((await openRound(staff, wrong)).status).toBe(404);
    expect((await openRanking(staff, wrong)).status).toBe(404);
    expect((await openMinutes(staff, wrong)).status).toBe(404);
    expect((await postRound(staff, wrong, { intent: "assign", k: "1" })).status).toBe(404);
  });
});

/** Every worksheet of a workbook as rows of cell values (ExcelJS reads all sheets; the app's reader only the first). */
function worksheetRows(workbook: ExcelJS.Workbook): Record<string, unknown[][]> {
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => {
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return [sheet.name, rows];
    }),
  );
}

describe("the minutes the committee signs", () => {
  it("name the sheets each entry still lacks, judge by judge, carry the judges' comments, and end in a signature block dated on the province's calendar", async () => {
    const round = await startedRound({ categories: ["Dự án", "Dự án"], judges: 3, k: 3 });
    const [a, b] = round.judges;
    const [first, second] = round.entries;
    const name = (i: number) => `Giám khảo ${String.fromCharCode(65 + i)} ${round.prefix}`;
    const sheetOf = async (
      judge: TestUser,
      entry: FixtureEntry,
      given: number,
      submit: boolean,
      comments = {},
      overallComment?: string,
    ) => {
      const assignment = await assignmentOf(round.roundId, judge, entry);
      const scores = Object.fromEntries(round.criteria.map((criterion) => [criterion.id, given]));
      const outcome = await saveSheet(
        getDb(),
        actorOf(judge),
        assignment.id,
        { scores, comments, overallComment },
        submit,
        IP,
      );
      expect(outcome.ok).toBe(true);
    };
    const [idea, market] = round.criteria;
    await sheetOf(
      a,
      first,
      80,
      true,
      { [idea.id]: "Có bằng độc quyền sáng chế", [market.id]: "  " },
      "Nên vào chung khảo",
    );
    // A draft's comments are not the judge's word yet: they stay out of the minutes.
    await sheetOf(b, first, 70, false, { [idea.id]: "Nháp, chưa chắc" });
    await sheetOf(a, second, 60, false);

    // The minutes are dated at 18:30 UTC, already the next day in Quảng Ngãi (UTC+7): the last such instant before
    // now, so the test sessions (valid for an hour from now) still hold.
    const evening = new Date();
    evening.setUTCHours(18, 30, 0, 0);
    if (evening.getTime() > Date.now()) evening.setUTCDate(evening.getUTCDate() - 1);
    const nextDay = new Date(evening.getTime() + 24 * 3600_000);
    const two = (n: number) => String(n).padStart(2, "0");
    const month = nextDay.getUTCMonth() + 1;
    const dated = `Quảng Ngãi, ngày ${two(nextDay.getUTCDate())} tháng ${month <= 2 ? two(month) : month} năm ${nextDay.getUTCFullYear()}`;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(evening);
    let answer: Awaited<ReturnType<typeof openMinutes>>;
    try {
      answer = await openMinutes(staff, round);
    } finally {
      vi.useRealTimers();
    }
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.data as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Bien ban", "Xep hang", "Phieu chua nop", "Nhan xet"]);
    const sheets = worksheetRows(workbook);

    // The ranking: the one scored entry, with the sheets it still lacks in its own column.
    const ranking = sheets["Xep hang"];
    const header = ranking.find((r) => r[0] === "Số biên nhận")!;
    const lacking = header.indexOf("Phiếu chưa nộp (theo giám khảo)");
    expect(lacking).toBeGreaterThan(0);
    const firstLine = ranking.find((r) => r[0] === first.receipt)!;
    expect(firstLine[lacking]).toBe(`${name(1)} (phiếu nháp, chưa nộp); ${name(2)} (chưa chấm)`);
    expect(ranking.find((r) => r[0] === second.receipt)).toBeUndefined();

    // The signature block under the ranking.
    const texts = ranking.flatMap((r) => r.filter((cell) => typeof cell === "string") as string[]);
    const date = texts.indexOf(dated);
    expect(date).toBeGreaterThan(texts.indexOf(`${name(1)} (phiếu nháp, chưa nộp); ${name(2)} (chưa chấm)`));
    expect(texts.slice(date)).toEqual([
      dated,
      "CHỦ TỊCH HỘI ĐỒNG",
      "THƯ KÝ HỘI ĐỒNG",
      "(Ký, ghi rõ họ tên)",
      "(Ký, ghi rõ họ tên)",
      "Họ và tên: ……………………………",
      "Họ và tên: ……………………………",
      "CÁC THÀNH VIÊN HỘI ĐỒNG",
      `1. ${name(0)}`,
      "Ký: ……………………………",
      `2. ${name(1)}`,
      "Ký: ……………………………",
      `3. ${name(2)}`,
      "Ký: ……………………………",
      "4. ……………………………",
      "Ký: ……………………………",
      "5. ……………………………",
      "Ký: ……………………………",
    ]);

    // Every sheet not submitted: the ranked entry first, then the entry with no sheet at all.
    const outstanding = sheets["Phieu chua nop"];
    const from = outstanding.findIndex((r) => r[0] === "Số biên nhận") + 1;
    expect(outstanding.slice(from)).toEqual([
      [first.receipt, first.project, name(1), "phiếu nháp, chưa nộp"],
      [first.receipt, first.project, name(2), "chưa chấm"],
      [second.receipt, second.project, name(0), "phiếu nháp, chưa nộp"],
      [second.receipt, second.project, name(1), "chưa chấm"],
      [second.receipt, second.project, name(2), "chưa chấm"],
    ]);

    // The comments of submitted sheets only, per criterion and overall; a blank comment is no comment.
    const comments = sheets["Nhan xet"];
    const commentHeader = comments.find((r) => r[1] === "Số biên nhận")!;
    expect(commentHeader.slice(4, 6)).toEqual([`Nhận xét – ${idea.name}`, `Nhận xét – ${market.name}`]);
    expect(commentHeader.at(-1)).toBe("Nhận xét chung");
    const commented = comments.slice(comments.indexOf(commentHeader) + 1);
    expect(commented).toHaveLength(1);
    expect(commented[0].slice(1, 4)).toEqual([first.receipt, first.project, name(0)]);
    expect(commented[0][commentHeader.indexOf(`Nhận xét – ${idea.name}`)]).toBe("Có bằng độc quyền sáng chế");
    expect(commented[0][commentHeader.indexOf(`Nhận xét – ${market.name}`)]).toBeUndefined();
    expect(commented[0][commentHeader.indexOf("Nhận xét chung")]).toBe("Nên vào chung khảo");
    expect(JSON.stringify(sheets)).not.toContain("Nháp, chưa chắc");
  });
});

describe("the ranking of the hand-computed round", () => {
  let round: Awaited<ReturnType<typeof handComputedRound>>;
  beforeAll(async () => {
    round = await handComputedRound();
  });

  const rowOf = (data: { rows: Array<{ entryId: string }> }, name: string) =>
    data.rows.find((r) => r.entryId === round.byName(name).id) as any;

  it("gives the four methods side by side, with ranks, flags and ties", async () => {
    const page = await openRanking(staff, round);
    expect(page.status).toBe(200);
    expect(page.data.round.aggregation).toBe("mean");
    // A preliminary round: the cut-off its stability warning watches is the three entries that advance, not the six prizes.
    expect(page.data.places).toBe(3);
    expect(page.data.cutOffKind).toBe("advancement");
    // E4 and E8 share 4th place, in either order.
    const order = page.data.rows.map((r: { receipt: string }) => r.receipt);
    expect(order.slice(0, 3)).toEqual(["E3", "E1", "E2"].map((n) => round.byName(n).receipt));
    expect([...order.slice(3, 5)].sort()).toEqual(["E4", "E8"].map((n) => round.byName(n).receipt).sort());
    expect(order.slice(5)).toEqual(["E5", "E7", "E6"].map((n) => round.byName(n).receipt));

    const e1 = rowOf(page.data, "E1");
    expect(e1).toMatchObject({ judges: 5, spread: 10, disagreement: false, zeroCriterion: false, category: "Dự án" });
    expect(e1.scores.mean).toBe(86);
    expect(e1.scores.trimmed).toBe(86.67);
    expect(typeof e1.scores.zscore).toBe("number");
    expect(e1.ranks).toMatchObject({ mean: 2, trimmed: 2 });
    expect(Object.keys(e1.ranks).sort()).toEqual(["mean", "median", "trimmed", "zscore"]);
    // Medians of the table: E1 sorted 80, 85, 87, 88, 90 → 87; E2 40, 68, 70, 72, 75 → 70; E3 80, 90, 90, 90, 90 → 90.
    expect(e1.scores.median).toBe(87);
    expect(e1.ranks.median).toBe(2);

    const e3 = rowOf(page.data, "E3");
    expect(e3.scores).toMatchObject({ mean: 88, trimmed: 90, median: 90 });
    expect(e3.ranks).toMatchObject({ mean: 1, trimmed: 1, median: 1 });
    expect(e3.zeroCriterion).toBe(true);
    expect(e3.advances).toBe(false);

    const e2 = rowOf(page.data, "E2");
    expect(e2).toMatchObject({ spread: 35, disagreement: true });
    expect(e2.scores).toMatchObject({ mean: 65, trimmed: 70, median: 70 });

    const [e4, e8] = [rowOf(page.data, "E4"), rowOf(page.data, "E8")];
    expect(e4.ranks.mean).toBe(4);
    expect(e8.ranks.mean).toBe(4);
    expect(e4.tie.tiedWith).toEqual([round.byName("E8").receipt]);
    expect(e8.tie.tiedWith).toEqual([round.byName("E4").receipt]);

    expect(page.data.rows.filter((r: { disagreement: boolean }) => r.disagreement)).toHaveLength(1);
    expect(page.data.rows.filter((r: { zeroCriterion: boolean }) => r.zeroCriterion)).toHaveLength(1);
    expect(Array.isArray(page.data.warnings)).toBe(true);
    expect(page.data.notNormalised).toEqual([]);
    expect(page.data.unscored).toEqual([]);
  });

  it("traces every entry to each judge's total and per-criterion scores, and calibrates the judges", async () => {
    const page = await openRanking(staff, round);
    const e3 = rowOf(page.data, "E3");
    const [a] = round.judges;
    const ofA = e3.judgeScores.find((j: { judgeId: string }) => j.judgeId === a.id);
    expect(ofA.total).toBe(80);
    expect(round.criteria.map((c) => ofA.scores[c.id])).toEqual([100, 100, 100, 0, 100]);
    expect(e3.judgeScores).toHaveLength(5);

    expect(page.data.calibration).toHaveLength(5);
    const calibrationOfE = page.data.calibration.find((j: { judgeId: string }) => j.judgeId === round.judges[4].id);
    // Judge E: 87, 40, 90, 59, 58, 39, 50, 59 → mean 60.25.
    expect(calibrationOfE).toMatchObject({ sheets: 8, mean: 60.25, normalised: true });
    expect(page.data.panelStats.mean).toBeGreaterThan(0);
  });

  it("names the judges left unnormalised when they have fewer sheets than the round asks", async () => {
    await getDb()
      .updateTable("competition_rounds")
      .set({ min_scores_to_normalise: 9 })
      .where("id", "=", round.roundId)
      .execute();
    const page = await openRanking(staff, round);
    expect([...page.data.notNormalised].sort()).toEqual(
      round.judges.map((_, i) => `Giám khảo ${String.fromCharCode(65 + i)} ${round.prefix}`),
    );
    expect(page.data.calibration.every((j: { normalised: boolean }) => !j.normalised)).toBe(true);
    await getDb()
      .updateTable("competition_rounds")
      .set({ min_scores_to_normalise: 5 })
      .where("id", "=", round.roundId)
      .execute();
  });

  it("writes the minutes as an XLSX holding every judge's score per criterion and the entry's totals", async () => {
    const answer = await openMinutes(staff, round);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(answer.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="bien-ban-cham-2026-vong-1-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.data as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(String(rows[0][0])).toContain("BIÊN BẢN CHẤM THI");
    const header = rows.find((r) => r[1] === "Số biên nhận")!;
    const firstCriterion = header.findIndex((cell) => String(cell).startsWith(round.criteria[0].name));
    expect(firstCriterion).toBeGreaterThan(0);
    for (const [index, entry] of round.entries.entries()) {
      for (const [j, judge] of round.judges.entries()) {
        const judgeName = `Giám khảo ${String.fromCharCode(65 + j)} ${round.prefix}`;
        const line = rows.filter((r) => r[1] === entry.receipt && r[5] === judgeName);
        expect(line, `${entry.receipt} × ${judge.email}`).toHaveLength(1);
        const expected = index === 2 && j === 0 ? [100, 100, 100, 0, 100] : Array(5).fill(TABLE[`E${index + 1}`][j]);
        expect(line[0].slice(firstCriterion, firstCriterion + 5)).toEqual(expected);
      }
      const totals = rows.filter((r) => r[1] === entry.receipt && String(r[5]).startsWith("Tổng hợp hồ sơ"));
      expect(totals).toHaveLength(1);
    }
    const e1Totals = rows.find(
      (r) => r[1] === round.byName("E1").receipt && String(r[5]).startsWith("Tổng hợp hồ sơ"),
    )!;
    expect(e1Totals).toContain(86);
    expect(e1Totals).toContain(86.67);
    expect(e1Totals).toContain(87);
    // The ranking sheet gives the four methods side by side, each with its score and rank.
    const rankingRows: unknown[][] = [];
    workbook.worksheets[1].eachRow((row) => rankingRows.push((row.values as unknown[]).slice(1)));
    const rankingHeader = rankingRows.find((r) => r[0] === "Số biên nhận")!;
    for (const method of ["Trung bình", "TB cắt", "Trung vị", "Z-score"])
      expect(rankingHeader).toContain(`${method} – Điểm`);
    const e1Line = rankingRows.find((r) => r[0] === round.byName("E1").receipt)!;
    const medianAt = rankingHeader.indexOf("Trung vị – Điểm");
    expect(e1Line.slice(medianAt, medianAt + 2)).toEqual([87, 2]);
    // Every sheet is in: the minutes say so, and that no judge wrote a comment.
    const sheets = worksheetRows(workbook);
    expect(sheets["Phieu chua nop"].flat()).toContain("Mọi phiếu chấm được phân công đều đã nộp.");
    expect(sheets["Nhan xet"].flat()).toContain("Các phiếu đã nộp chưa có nhận xét nào.");
    expect(workbook.worksheets[1].rowCount).toBeGreaterThanOrEqual(5 + round.entries.length);
  });

  it("closes the round: exactly E1, E2 and E5 advance; the others stop; the settings then stay as they are", async () => {
    const preview = await openRanking(staff, round);
    const previewed = preview.data.rows
      .filter((r: { advances: boolean }) => r.advances)
      .map((r: { entryId: string }) => r.entryId)
      .sort();
    const expected = ["E1", "E2", "E5"].map((n) => round.byName(n).id).sort();
    expect(previewed).toEqual(expected);

    const closed = await postRanking(staff, round, { intent: "close" });
    expect(closed.status).toBe(302);
    expect(closed.location).toBe(url(round, "/ranking"));
    const outcomes = await getDb()
      .selectFrom("round_entries")
      .select(["entry_id", "outcome"])
      .where("round_id", "=", round.roundId)
      .execute();
    expect(
      outcomes
        .filter((o) => o.outcome === "advanced")
        .map((o) => o.entry_id)
        .sort(),
    ).toEqual(expected);
    expect(outcomes.filter((o) => o.outcome === "eliminated")).toHaveLength(5);
    const statuses = await getDb()
      .selectFrom("competition_entries")
      .select(["id", "status"])
      .where(
        "id",
        "in",
        round.entries.map((e) => e.id),
      )
      .execute();
    // The eliminations stay staged on the round until the results are published: the applicants still read "being judged".
    for (const entry of statuses) expect(entry.status).toBe(expected.includes(entry.id) ? "finalist" : "in_round");
    expect(
      await getDb()
        .selectFrom("audit_events")
        .select("id")
        .where("action", "=", "entry.eliminated")
        .where(
          "entity_id",
          "in",
          round.entries.map((e) => e.id),
        )
        .execute(),
    ).toEqual([]);
    expect(
      (
        await getDb()
          .selectFrom("competition_rounds")
          .select("status")
          .where("id", "=", round.roundId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("closed");

    const after = await openRanking(staff, round);
    expect(
      after.data.rows
        .filter((r: { advances: boolean }) => r.advances)
        .map((r: { entryId: string }) => r.entryId)
        .sort(),
    ).toEqual(expected);
    const again = await postRanking(staff, round, { intent: "close" });
    expect(again.status).toBe(409);
    expect(again.data.errors._form).toBe("Vòng chấm không còn mở.");
  });
});

describe("eliminations reach the applicants at publication, explained in their history", () => {
  it("keeps an eliminated entry 'being judged' after closing, then at publication marks it not awarded with a line naming the round", async () => {
    const round = await startedRound({ categories: ["Dự án", "Dự án"], judges: 1, k: 1 });
    await updateRoundSettings(
      getDb(),
      actorOf(staff),
      round.roundId,
      {
        blind: false,
        aggregation: "mean",
        minScoresToNormalise: 5,
        disagreementThreshold: 25,
        noZeroCriterion: false,
        minAverage: 0,
        advancePerCategory: 1,
      },
      IP,
    );
    await score(round, round.judges[0], round.entries[0], 90);
    await score(round, round.judges[0], round.entries[1], 40);
    expect((await postRanking(staff, round, { intent: "close" })).status).toBe(302);
    const [winner, stopped] = round.entries;
    const openEntry = (entryId: string) =>
      call(myEntry.loader, makeRequest(`/my/entries/${entryId}`, { cookie: applicant.cookie }), { id: entryId });
    const before = await openEntry(stopped.id);
    expect(before.data.entry.status).toBe("in_round");
    expect(before.data.history.map((h: { action: string }) => h.action)).not.toContain("entry.eliminated");

    await getDb()
      .updateTable("competition_editions")
      .set({ results_status: "approved" })
      .where("id", "=", round.editionId)
      .execute();
    expect(
      (await publishResults(getDb(), actorOf(leader), round.editionId, { t: serverI18n("vi").t, ip: IP })).ok,
    ).toBe(true);
    const after = await openEntry(stopped.id);
    expect(after.data.entry.status).toBe("not_awarded");
    const lines = after.data.history.filter((h: { action: string }) => h.action === "entry.eliminated");
    expect(lines).toHaveLength(1);
    const roundName = (
      await getDb()
        .selectFrom("competition_rounds")
        .select("name")
        .where("id", "=", round.roundId)
        .executeTakeFirstOrThrow()
    ).name;
    expect(lines[0].reason).toBe(`Kết quả công bố: hồ sơ dừng ở ${roundName}, không vào vòng sau.`);
    expect((await openEntry(winner.id)).data.history.map((h: { action: string }) => h.action)).toContain(
      "entry.advanced",
    );
  });
});

describe("a tie at the advancement cut-off is the committee's", () => {
  // The hand-computed round with 3 places per board: in "Dự án" E1 and E2 advance, then E4 and E8 (both 60 from
  // the same five judges with the same scores) share the 3rd and 4th places: the 3rd is the committee's.
  let round: Awaited<ReturnType<typeof handComputedRound>>;
  beforeAll(async () => {
    round = await handComputedRound();
    const settings = await updateRoundSettings(
      getDb(),
      actorOf(staff),
      round.roundId,
      {
        blind: false,
        aggregation: "mean",
        minScoresToNormalise: 5,
        disagreementThreshold: 25,
        noZeroCriterion: true,
        minAverage: 50,
        advancePerCategory: 3,
      },
      IP,
    );
    expect(settings.ok).toBe(true);
  });
  const receiptOf = (name: string) => round.byName(name).receipt;

  it("shows the tie on the ranking page (entries, places, board, the rule's source) and advances neither entry", async () => {
    const page = await openRanking(staff, round);
    expect(page.data.ties).toHaveLength(1);
    expect(page.data.ties[0]).toMatchObject({
      cutOff: "advancement",
      firstPlace: 3,
      lastPlace: 4,
      category: "Dự án",
      cutOffPlace: 3,
      score: 60,
      decision: null,
    });
    expect(page.data.ties[0].entries.map((e: { receipt: string }) => e.receipt)).toEqual([
      receiptOf("E4"),
      receiptOf("E8"),
    ]);
    const advancing = page.data.rows
      .filter((r: { advances: boolean }) => r.advances)
      .map((r: { receipt: string }) => r.receipt)
      .sort();
    expect(advancing).toEqual(["E1", "E2", "E5"].map(receiptOf).sort());
    const html = await renderRanking(page.data);
    expect(html).toContain("Đồng điểm tại ngưỡng vào vòng sau: vị trí 3–4 của bảng “Dự án” (lấy 3 hồ sơ)");
    expect(html).toContain("Theo Thể lệ cuộc thi: trường hợp đồng điểm do Ban Tổ chức quyết định");
    expect(html).toContain(`Chưa xác định (đồng điểm, chờ Ban Tổ chức): ${receiptOf("E4")}, ${receiptOf("E8")}.`);
  });

  it("refuses to close the round with 409 and a Vietnamese message, changing nothing", async () => {
    const audits = await auditCount();
    const refused = await postRanking(staff, round, { intent: "close" });
    expect(refused.status).toBe(409);
    expect(refused.data.errors._form).toContain("Chưa thể đóng vòng");
    for (const name of ["E4", "E8"]) expect(refused.data.errors._form).toContain(receiptOf(name));
    expect(refused.data.errors._form).toContain("vị trí 3–4");
    expect(refused.data.errors._form).toContain("bảng “Dự án”");
    expect(
      (
        await getDb()
          .selectFrom("competition_rounds")
          .select("status")
          .where("id", "=", round.roundId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("judging");
    expect(await auditCount()).toBe(audits);
  });

  it("records the committee's choice with its reason (audited); the round then closes with E8 advancing and E4 stopping", async () => {
    const reason = "Ban Tổ chức họp ngày 21/10: E8 có sản phẩm mẫu đã thử nghiệm.";
    const order = [round.byName("E8").id, round.byName("E4").id];
    expect((await postRanking(staff, round, { intent: "resolve-tie", tie: "x", order, reason: "" })).status).toBe(400);
    expect((await postRanking(staff, round, { intent: "resolve-tie", tie: "x", order, reason })).status).toBe(302);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "round.tie_resolved")
      .where("entity_id", "=", round.roundId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: staff.id, reason });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ cutOff: "advancement", order });

    const page = await openRanking(staff, round);
    expect(page.data.ties[0].decision).toMatchObject({ order: [receiptOf("E8"), receiptOf("E4")], reason });
    expect(page.data.rows.find((r: { receipt: string }) => r.receipt === receiptOf("E8")).advances).toBe(true);
    expect(page.data.rows.find((r: { receipt: string }) => r.receipt === receiptOf("E4")).advances).toBe(false);

    // The minutes the committee signs carry the tie and its decision.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await openMinutes(staff, round)).data as ArrayBuffer);
    const lines: string[] = [];
    workbook.worksheets[1].eachRow((row) => lines.push(String((row.values as unknown[])[1] ?? "")));
    const tieLine = lines.find((line) => line.startsWith("Đồng điểm tại ngưỡng vào vòng sau: vị trí 3–4"));
    expect(tieLine).toContain(`Thứ tự: ${receiptOf("E8")}, ${receiptOf("E4")}. Lý do: ${reason}`);
    expect(lines).toContain(
      "Theo Thể lệ cuộc thi: trường hợp đồng điểm do Ban Tổ chức quyết định. Cổng không tự xếp theo mã hồ sơ; các hạng này để trống cho đến khi quyết định được ghi kèm lý do.",
    );

    expect((await postRanking(staff, round, { intent: "close" })).status).toBe(302);
    const outcomes = await getDb()
      .selectFrom("round_entries")
      .select(["entry_id", "outcome"])
      .where("round_id", "=", round.roundId)
      .execute();
    const advanced = outcomes
      .filter((o) => o.outcome === "advanced")
      .map((o) => o.entry_id)
      .sort();
    expect(advanced).toEqual(["E1", "E2", "E5", "E8"].map((n) => round.byName(n).id).sort());
    // Closed: the decision stays on the page, and no new one can be taken for this cut-off.
    expect((await openRanking(staff, round)).data.ties[0].decision).toMatchObject({ reason });
    expect(
      (
        await postRanking(staff, round, {
          intent: "resolve-tie",
          tie: "x",
          order: [order[1], order[0]],
          reason: "Đổi ý",
        })
      ).status,
    ).toBe(409);
  });
});

describe("who may open the round pages", () => {
  let round: Awaited<ReturnType<typeof startedRound>>;
  beforeAll(async () => {
    round = await startedRound({ categories: ["Dự án"], judges: 1, k: 1 });
  });

  const pages = [
    ["round page", (user: TestUser | null) => openRound(user, round)],
    ["ranking", (user: TestUser | null) => openRanking(user, round)],
    ["minutes", (user: TestUser | null) => openMinutes(user, round)],
    ["round page POST", (user: TestUser | null) => postRound(user, round, { intent: "assign", k: "1" })],
    ["ranking POST", (user: TestUser | null) => postRanking(user, round, { intent: "close" })],
  ] as const;

  for (const role of ["applicant", "judge", "incubator_manager"] as const satisfies readonly UserRole[]) {
    it(`answers 403 to ${role}`, async () => {
      const user = await createUser(role);
      for (const [name, open] of pages) expect((await open(user)).status, name).toBe(403);
    });
  }

  it("sends an anonymous visitor to the login page, and lets staff, leaders and the administrator read", async () => {
    for (const [name, open] of pages) {
      const answer = await open(null);
      expect(answer.status, name).toBe(302);
      expect(answer.location, name).toMatch(/^\/login\?redirectTo=%2Fstaff%2Fcompetitions%2F/);
    }
    for (const user of [staff, leader, await createUser("admin")]) {
      expect((await openRound(user, round)).status).toBe(200);
      expect((await openRanking(user, round)).status).toBe(200);
      expect((await openMinutes(user, round)).status).toBe(200);
    }
  });
});

describe("a round is not closed over sheets still unsubmitted", () => {
  // Three entries × three judges = nine sheets; eight submitted, judge C's sheet on the third entry a draft.
  let round: Awaited<ReturnType<typeof startedRound>>;
  beforeAll(async () => {
    round = await startedRound({ categories: ["Dự án", "Dự án", "Dự án"], judges: 3, k: 3 });
    for (const [index, entry] of round.entries.entries())
      for (const [j, judge] of round.judges.entries())
        await score(round, judge, entry, 70 + index, !(index === 2 && j === 2));
  });

  it("says on the ranking page how many sheets are outstanding, in the close confirmation", async () => {
    const page = await openRanking(staff, round);
    expect(page.data.outstandingSheets).toBe(1);
    const html = await renderRanking(page.data);
    expect(html).toContain("Còn 1 phiếu chấm chưa nộp");
  });

  it("refuses to close with 409 and the count of outstanding sheets, changing nothing", async () => {
    const audits = await auditCount();
    const refused = await postRanking(staff, round, { intent: "close" });
    expect(refused.status).toBe(409);
    expect(refused.data.errors._form).toContain("Còn 1 phiếu chấm chưa nộp");
    expect(
      (
        await getDb()
          .selectFrom("competition_rounds")
          .select("status")
          .where("id", "=", round.roundId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("judging");
    expect(await auditCount()).toBe(audits);
  });

  it("closes only with an explicit override and its reason, recorded in the audit with the outstanding count", async () => {
    const blank = await postRanking(staff, round, { intent: "close", override: "1", overrideReason: "  " });
    expect(blank.status).toBe(400);
    expect(blank.data.errors.overrideReason).toBeTruthy();
    const reason = "Giám khảo C ốm, Ban Tổ chức đồng ý chấm với 2 phiếu.";
    const closed = await postRanking(staff, round, { intent: "close", override: "1", overrideReason: reason });
    expect(closed.status).toBe(302);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "round.closed")
      .where("entity_id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe(reason);
    expect(JSON.parse(audit.after_json!)).toMatchObject({ status: "closed", outstandingSheets: 1 });
  });
});
