import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { declareConflict, saveSheet } from "../../app/modules/judging/commands.server";
import * as roundPage from "../../app/routes/staff.competitions.$id.rounds.$roundId._index";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { renderWithData } from "../helpers/render-page";
import { actorOf } from "../helpers/competition";
import { judgingRound } from "../helpers/judging-round";

const IP = "127.0.0.1";
let staff: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  applicant = await createUser("applicant");
});

type Round = Awaited<ReturnType<typeof judgingRound>>;
type Entry = { id: string; organisationId: string; receipt: string };

async function entriesOf(round: Round): Promise<Entry[]> {
  const rows = await getDb()
    .selectFrom("round_entries")
    .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
    .select(["competition_entries.id", "competition_entries.organisation_id", "competition_entries.receipt_number"])
    .where("round_entries.round_id", "=", round.roundId)
    .orderBy("competition_entries.receipt_number")
    .execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, receipt: r.receipt_number ?? r.id }));
}

/** An assignment written straight into the database, as an earlier automatic assignment would have left it. */
async function place(round: Round, entry: Entry, judge: TestUser): Promise<string> {
  const id = newId();
  await getDb()
    .insertInto("assignments")
    .values({
      id,
      round_id: round.roundId,
      entry_id: entry.id,
      judge_id: judge.id,
      created_at: new Date().toISOString(),
      removed_at: null,
    })
    .execute();
  return id;
}

/** The judge scores 70 on every criterion: submitted, or kept as a draft. */
async function scoreSheet(round: Round, judge: TestUser, assignmentId: string, submit: boolean) {
  const scores = Object.fromEntries(round.criteria.map((c) => [c.id, 70]));
  const outcome = await saveSheet(getDb(), actorOf(judge), assignmentId, { scores, comments: {} }, submit, IP);
  expect(outcome.ok).toBe(true);
}

/** The round's k, as an earlier automatic assignment would have recorded it (a drop-out refills to it). */
async function judgesPerEntry(round: Round, k: number) {
  await getDb()
    .updateTable("competition_rounds")
    .set({ judges_per_entry: k })
    .where("id", "=", round.roundId)
    .execute();
}

async function confirmedConflict(judge: TestUser, entry: Entry) {
  await getDb()
    .insertInto("judge_conflicts")
    .values({
      id: newId(),
      judge_id: judge.id,
      organisation_id: entry.organisationId,
      source: "proposed",
      status: "confirmed",
      reason: "member",
      created_at: new Date().toISOString(),
      decided_by: staff.id,
      decided_at: new Date().toISOString(),
    })
    .execute();
}

/** The round's live assignments. */
function live(round: Round) {
  return getDb()
    .selectFrom("assignments")
    .select(["id", "entry_id", "judge_id"])
    .where("round_id", "=", round.roundId)
    .where("removed_at", "is", null)
    .execute();
}

async function loads(round: Round) {
  const rows = await live(round);
  return round.judges.map((j) => rows.filter((r) => r.judge_id === j.id).length);
}

const post = (round: Round, form: Record<string, string>) =>
  call(
    roundPage.action,
    makeRequest(`/staff/competitions/${round.editionId}/rounds/${round.roundId}`, { cookie: staff.cookie, form }),
    { id: round.editionId, roundId: round.roundId },
  );

/** Server-renders the round page with its loader's data, as Remix sends it to the browser. */
function renderRoundPage(loaderData: object): Promise<string> {
  return renderWithData(
    roundPage.default,
    "/staff/competitions/:id/rounds/:roundId",
    "/staff/competitions/e/rounds/r",
    loaderData,
  );
}

async function lastAudit(action: string) {
  return getDb()
    .selectFrom("audit_events")
    .selectAll()
    .where("action", "=", action)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

/**
 * Three judges X, Y, Z and three entries, two judges each: E1 {X, Y}, E2 {X, Z}, E3 {Y, Z}. Y submitted E1, Z
 * submitted E2, X has a draft on E2. X then declares a conflict with E1's organisation: E1 needs another judge,
 * and only Z may take it (X in conflict, Y on it already), which gives Z three and X one.
 */
async function conflictAfterAssignment(options: { zScoredE3: boolean }) {
  const round = await judgingRound(staff, applicant, { entries: 3, judges: 3 });
  const [x, y, z] = round.judges;
  const [e1, e2, e3] = await entriesOf(round);
  await place(round, e1, x);
  const yE1 = await place(round, e1, y);
  const xE2 = await place(round, e2, x);
  const zE2 = await place(round, e2, z);
  await place(round, e3, y);
  const zE3 = await place(round, e3, z);
  await scoreSheet(round, y, yE1, true);
  await scoreSheet(round, z, zE2, true);
  await scoreSheet(round, x, xE2, false);
  if (options.zScoredE3) await scoreSheet(round, z, zE3, true);
  await declareConflict(getDb(), actorOf(x), e1.organisationId, "Tôi là cố vấn của đội này.", IP);
  return { round, x, y, z, e1, e2, e3, pinned: [yE1, xE2, zE2], zE3 };
}

describe("refilling a slot after a conflict declared once the round was assigned", () => {
  it("moves one unscored assignment instead of answering 409, keeping every started sheet where it was", async () => {
    const { round, x, y, z, e1, e2, e3, pinned, zE3 } = await conflictAfterAssignment({ zScoredE3: false });
    const answer = await post(round, { intent: "assign", k: "2" });
    expect(answer.status).toBe(302);
    const rows = await live(round);
    const on = (entry: Entry) =>
      rows
        .filter((r) => r.entry_id === entry.id)
        .map((r) => r.judge_id)
        .sort();
    expect(on(e1)).toEqual([y.id, z.id].sort());
    expect(on(e2)).toEqual([x.id, z.id].sort());
    expect(on(e3)).toEqual([x.id, y.id].sort());
    expect(await loads(round)).toEqual([2, 2, 2]);
    // the scored and started sheets stay on their assignments; only Z's unscored E3 moved (to X)
    for (const id of pinned) expect(rows.some((r) => r.id === id)).toBe(true);
    const moved = await getDb()
      .selectFrom("assignments")
      .select("removed_at")
      .where("id", "=", zE3)
      .executeTakeFirstOrThrow();
    expect(moved.removed_at).not.toBeNull();
    const audit = await lastAudit("round.assigned");
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      k: 2,
      added: 2,
      moved: 1,
      withdrawn: [{ entryId: e3.id, judgeId: z.id }],
    });
  });

  it("when nothing unscored can move, answers 409 naming who must take too many and who too few, and changes nothing", async () => {
    const { round, x, z } = await conflictAfterAssignment({ zScoredE3: true });
    const before = await live(round);
    const answer = await post(round, { intent: "assign", k: "2" });
    expect(answer.status).toBe(409);
    const names = await getDb()
      .selectFrom("users")
      .select(["id", "full_name"])
      .where("id", "in", [x.id, z.id])
      .execute();
    const name = (user: TestUser) => names.find((n) => n.id === user.id)!.full_name;
    expect(answer.data.problems).toEqual([
      `Không thể chia đều: ${name(z)} phải chấm 3 hồ sơ, ${name(x)} chỉ chấm được 1; không hồ sơ nào chuyển được sang người ít việc hơn, vì phiếu đã chấm hoặc đang chấm được giữ nguyên, vì xung đột lợi ích, hoặc vì người nhận đã có trên hồ sơ đó.`,
    ]);
    expect((await live(round)).map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
  });
});

describe("refilling after a judge drops out", () => {
  it("rebalances by moving an unscored assignment, where keeping every assignment frozen answered 409", async () => {
    // Five judges A–E; C and D are in conflict with E1 and E2. E1 {A, B}, E2 {A, B}, E3 {C, D}, E4 {C, E}, E5 {D, E}.
    // A drops out: only E may take E1 and E2 (B is on both), which would give E four entries and the others two.
    const round = await judgingRound(staff, applicant, { entries: 5, judges: 5 });
    await judgesPerEntry(round, 2);
    const [a, b, c, d, e] = round.judges;
    const [e1, e2, e3, e4, e5] = await entriesOf(round);
    for (const judge of [c, d]) for (const entry of [e1, e2]) await confirmedConflict(judge, entry);
    await place(round, e1, a);
    const bE1 = await place(round, e1, b);
    await place(round, e2, a);
    await place(round, e2, b);
    const cE3 = await place(round, e3, c);
    await place(round, e3, d);
    await place(round, e4, c);
    await place(round, e4, e);
    await place(round, e5, d);
    await place(round, e5, e);
    await scoreSheet(round, b, bE1, true);
    await scoreSheet(round, c, cE3, false);

    const answer = await post(round, { intent: "drop-judge", judgeId: a.id });
    expect(answer.status).toBe(302);
    const rows = await live(round);
    for (const entry of [e1, e2, e3, e4, e5]) {
      const judges = rows.filter((r) => r.entry_id === entry.id).map((r) => r.judge_id);
      expect(judges).toHaveLength(2);
      expect(judges).not.toContain(a.id);
      if (entry === e1 || entry === e2) expect(judges.filter((j) => j === c.id || j === d.id)).toEqual([]);
    }
    const [, ...others] = await loads(round);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
    expect(rows.some((r) => r.id === bE1)).toBe(true);
    expect(rows.some((r) => r.id === cE3)).toBe(true);
  });

  it("says exactly which entry has too few judges left without a conflict", async () => {
    const round = await judgingRound(staff, applicant, { entries: 2, judges: 3 });
    await judgesPerEntry(round, 2);
    const [a, b, c] = round.judges;
    const [e1, e2] = await entriesOf(round);
    await confirmedConflict(c, e1);
    await place(round, e1, a);
    await place(round, e1, b);
    await place(round, e2, c);
    await place(round, e2, a);
    const answer = await post(round, { intent: "drop-judge", judgeId: a.id });
    expect(answer.status).toBe(409);
    expect(answer.data.problems).toEqual([`Hồ sơ ${e1.receipt} chỉ có 1 giám khảo không xung đột lợi ích, cần 2.`]);
  });
});

describe("a cap on entries per judge", () => {
  it("is set in the round's settings (1 to 10 000, blank for none), audited, and refused otherwise with 400", async () => {
    const round = await judgingRound(staff, applicant, { entries: 1, judges: 2 });
    const settings = {
      intent: "settings",
      aggregation: "mean",
      minScoresToNormalise: "3",
      disagreementThreshold: "25",
      minAverage: "0",
      advancePerCategory: "5",
    };
    for (const bad of ["0", "10001", "hai", "1,5"]) {
      const answer = await post(round, { ...settings, maxEntriesPerJudge: bad });
      expect(answer.status, bad).toBe(400);
      expect(answer.data.errors.maxEntriesPerJudge, bad).toBeTruthy();
    }
    expect((await post(round, { ...settings, maxEntriesPerJudge: "7" })).status).toBe(302);
    const row = await getDb()
      .selectFrom("competition_rounds")
      .select("max_entries_per_judge")
      .where("id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    expect(row.max_entries_per_judge).toBe(7);
    expect(JSON.parse((await lastAudit("round.settings_updated")).after_json!)).toMatchObject({
      max_entries_per_judge: 7,
    });
    expect((await post(round, { ...settings, maxEntriesPerJudge: "" })).status).toBe(302);
  });

  it("refuses an automatic assignment that balance would push over the cap, saying by how much", async () => {
    const round = await judgingRound(staff, applicant, { entries: 5, judges: 3 });
    await getDb()
      .updateTable("competition_rounds")
      .set({ max_entries_per_judge: 3 })
      .where("id", "=", round.roundId)
      .execute();
    const answer = await post(round, { intent: "assign", k: "2" });
    expect(answer.status).toBe(409);
    expect(answer.data.problems).toEqual([
      "Cần 10 lượt chấm cho 3 giám khảo, tức có người phải chấm 4 hồ sơ, vượt mức tối đa 3 hồ sơ mỗi giám khảo của vòng.",
    ]);
    await getDb()
      .updateTable("competition_rounds")
      .set({ max_entries_per_judge: 4 })
      .where("id", "=", round.roundId)
      .execute();
    expect((await post(round, { intent: "assign", k: "2" })).status).toBe(302);
    expect(Math.max(...(await loads(round)))).toBe(4);
  });
});

describe("assignment by hand", () => {
  it("gives one entry to one judge with a reason (audited), and refuses a conflict, a repeat, the cap or no reason", async () => {
    const round = await judgingRound(staff, applicant, { entries: 3, judges: 2 });
    const [a, b] = round.judges;
    const [e1, e2, e3] = await entriesOf(round);
    await confirmedConflict(b, e1);
    const give = (entry: Entry, judge: TestUser, reason = "Bổ sung người chấm") =>
      post(round, { intent: "assign-judge", entryId: entry.id, judgeId: judge.id, reason });

    const noReason = await give(e1, a, "  ");
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toBeTruthy();
    const conflicted = await give(e1, b);
    expect(conflicted.status).toBe(409);
    expect(conflicted.data.errors.judgeId).toMatch(/xung đột lợi ích với hồ sơ/);

    expect((await give(e1, a)).status).toBe(302);
    const audit = await lastAudit("assignment.added_by_hand");
    expect(audit.reason).toBe("Bổ sung người chấm");
    expect(audit.actor_id).toBe(staff.id);
    expect(JSON.parse(audit.after_json!)).toMatchObject({ entryId: e1.id, judgeId: a.id, receipt: e1.receipt });
    expect((await give(e1, a)).status).toBe(409);

    await getDb()
      .updateTable("competition_rounds")
      .set({ max_entries_per_judge: 2 })
      .where("id", "=", round.roundId)
      .execute();
    expect((await give(e2, a)).status).toBe(302);
    const capped = await give(e3, a);
    expect(capped.status).toBe(409);
    expect(capped.data.errors.judgeId).toMatch(/đã đủ mức tối đa 2 hồ sơ/);
    expect((await give(e3, { ...a, id: newId() })).status).toBe(409);
    expect((await post(round, { intent: "assign-judge", entryId: newId(), judgeId: a.id, reason: "x" })).status).toBe(
      404,
    );
  });

  it("takes a judge off an entry: refused once submitted; a draft goes only with a reason, recorded with it", async () => {
    const round = await judgingRound(staff, applicant, { entries: 3, judges: 1 });
    const [a] = round.judges;
    const [e1, e2, e3] = await entriesOf(round);
    const submitted = await place(round, e1, a);
    const draft = await place(round, e2, a);
    const untouched = await place(round, e3, a);
    await scoreSheet(round, a, submitted, true);
    await scoreSheet(round, a, draft, false);
    const take = (assignmentId: string, reason = "Giám khảo bận") =>
      post(round, { intent: "unassign-judge", assignmentId, reason });

    const refused = await take(submitted);
    expect(refused.status).toBe(409);
    expect(refused.data.errors._form).toMatch(/đã nộp phiếu chấm hồ sơ/);
    expect((await take(draft, "")).status).toBe(400);
    expect((await take(draft)).status).toBe(302);
    const audit = await lastAudit("assignment.removed_by_hand");
    expect(audit.reason).toBe("Giám khảo bận");
    expect(JSON.parse(audit.before_json!)).toMatchObject({ assignmentId: draft, sheet: "draft", judgeId: a.id });
    expect((await take(untouched)).status).toBe(302);
    expect(JSON.parse((await lastAudit("assignment.removed_by_hand")).before_json!)).toMatchObject({ sheet: "none" });
    expect((await take(draft)).status).toBe(404);
    expect((await live(round)).map((r) => r.id)).toEqual([submitted]);
  });

  it("shows the forms on the round page: the entries, the judges and the assignments that may still be withdrawn", async () => {
    const round = await judgingRound(staff, applicant, { entries: 1, judges: 1 });
    const [a] = round.judges;
    const [e1] = await entriesOf(round);
    const id = await place(round, e1, a);
    const page = await call(
      roundPage.loader,
      makeRequest(`/staff/competitions/${round.editionId}/rounds/${round.roundId}`, { cookie: staff.cookie }),
      { id: round.editionId, roundId: round.roundId },
    );
    expect(page.status).toBe(200);
    expect(page.data.withdrawable).toEqual([{ id, receipt: e1.receipt, judge: expect.any(String), draft: false }]);
    expect(page.data.settings.maxEntriesPerJudge).toBe("");
    const html = await renderRoundPage(page.data);
    expect(html).toContain('name="intent" value="assign-judge"');
    expect(html).toContain('name="intent" value="unassign-judge"');
    expect(html).toContain("Số hồ sơ tối đa mỗi giám khảo");
    expect(html).toContain(`${e1.receipt} – `);
  });
});
