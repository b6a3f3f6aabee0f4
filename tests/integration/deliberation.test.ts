import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { autoAssign, declareConflict, saveSheet } from "../../app/modules/judging/commands.server";
import * as judgeDeliberation from "../../app/routes/judging.$assignmentId_.deliberation";
import * as staffDeliberation from "../../app/routes/staff.competitions.$id.rounds.$roundId.entries.$entryId";
import * as myEntry from "../../app/routes/my.entries.$id";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { actorOf } from "../helpers/competition";
import { assignmentsOf, judgingRound } from "../helpers/judging-round";

let staff: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  applicant = await createUser("applicant");
});

/** One entry, three judges who all score it, in a round with deliberation on or off. */
async function deliberationRound(options: { deliberation: boolean; blind?: boolean }) {
  const round = await judgingRound(staff, applicant, { entries: 1, judges: 3, blind: options.blind });
  const db = getDb();
  await db
    .updateTable("competition_rounds")
    .set({ deliberation: options.deliberation ? 1 : 0 })
    .where("id", "=", round.roundId)
    .execute();
  expect((await autoAssign(db, actorOf(staff), round.roundId, 3, "127.0.0.1")).ok).toBe(true);
  const entry = await db
    .selectFrom("competition_entries")
    .select(["id", "organisation_id"])
    .where("edition_id", "=", round.editionId)
    .executeTakeFirstOrThrow();
  const assignments = await Promise.all(
    round.judges.map(async (judge) => (await assignmentsOf(judge, round.roundId))[0].id),
  );
  return { ...round, entry, assignments };
}

async function submit(judge: TestUser, assignmentId: string, criteria: ReadonlyArray<{ id: string }>, comment: string) {
  const scores = Object.fromEntries(criteria.map((c) => [c.id, 70]));
  const comments = { [criteria[0].id]: comment };
  const outcome = await saveSheet(
    getDb(),
    actorOf(judge),
    assignmentId,
    { scores, comments, overallComment: `Nhận xét chung: ${comment}` },
    true,
    "127.0.0.1",
  );
  expect(outcome.ok).toBe(true);
}

const openAsJudge = (judge: TestUser, assignmentId: string) =>
  call(judgeDeliberation.loader, makeRequest(`/judging/${assignmentId}/deliberation`, { cookie: judge.cookie }), {
    assignmentId,
  });
const noteAsJudge = (judge: TestUser, assignmentId: string, body: string) =>
  call(
    judgeDeliberation.action,
    makeRequest(`/judging/${assignmentId}/deliberation`, { cookie: judge.cookie, method: "POST", form: { body } }),
    { assignmentId },
  );
const staffParams = (r: { editionId: string; roundId: string; entry: { id: string } }) => ({
  id: r.editionId,
  roundId: r.roundId,
  entryId: r.entry.id,
});
const staffUrl = (r: { editionId: string; roundId: string; entry: { id: string } }) =>
  `/staff/competitions/${r.editionId}/rounds/${r.roundId}/entries/${r.entry.id}`;
const postAsStaff = (
  r: { editionId: string; roundId: string; entry: { id: string } },
  form: Record<string, string>,
  user = staff,
) =>
  call(
    staffDeliberation.action,
    makeRequest(staffUrl(r), { cookie: user.cookie, method: "POST", form }),
    staffParams(r),
  );

describe("a judge's view of the other sheets", () => {
  it("is refused before the judge's own sheet is submitted, and opens after", async () => {
    const r = await deliberationRound({ deliberation: true });
    await submit(r.judges[1], r.assignments[1], r.criteria, "Thị trường rõ");
    expect((await openAsJudge(r.judges[0], r.assignments[0])).status).toBe(403);
    expect((await noteAsJudge(r.judges[0], r.assignments[0], "Tôi chưa nộp")).status).toBe(403);
    await submit(r.judges[0], r.assignments[0], r.criteria, "Đội mạnh");
    const page = await openAsJudge(r.judges[0], r.assignments[0]);
    expect(page.status).toBe(200);
    expect(page.data.sheets).toHaveLength(2);
    expect(page.data.sheets.map((s: { overallComment: string }) => s.overallComment).sort()).toEqual([
      "Nhận xét chung: Thị trường rõ",
      "Nhận xét chung: Đội mạnh",
    ]);
  });

  it("is refused when the round has deliberation off, even after submitting", async () => {
    const r = await deliberationRound({ deliberation: false });
    await submit(r.judges[0], r.assignments[0], r.criteria, "Tốt");
    expect((await openAsJudge(r.judges[0], r.assignments[0])).status).toBe(403);
  });

  it("is refused to another judge's assignment and to a judge with a declared conflict", async () => {
    const r = await deliberationRound({ deliberation: true });
    await submit(r.judges[0], r.assignments[0], r.criteria, "Tốt");
    expect((await openAsJudge(r.judges[1], r.assignments[0])).status).toBe(403);
    await declareConflict(getDb(), actorOf(r.judges[0]), r.entry.organisation_id, "Người thân", "127.0.0.1");
    expect((await openAsJudge(r.judges[0], r.assignments[0])).status).toBe(403);
  });

  it("names judges by number in a blind round, and leaves the names out of the page", async () => {
    const r = await deliberationRound({ deliberation: true, blind: true });
    for (const [i, judge] of r.judges.entries()) await submit(judge, r.assignments[i], r.criteria, `Ý ${i}`);
    const page = await openAsJudge(r.judges[0], r.assignments[0]);
    expect(page.status).toBe(200);
    expect(page.data.sheets.map((s: { judge: { number: number } }) => s.judge.number)).toEqual([1, 2, 3]);
    const text = JSON.stringify(page.data);
    for (const judge of r.judges) {
      const user = await getDb()
        .selectFrom("users")
        .select("full_name")
        .where("id", "=", judge.id)
        .executeTakeFirstOrThrow();
      expect(text).not.toContain(user.full_name);
      expect(text).not.toContain(judge.id);
    }
  });
});

describe("discussion notes", () => {
  it("are added by a judge who submitted and by staff, append-only, with author and time, and audited", async () => {
    const r = await deliberationRound({ deliberation: true });
    await submit(r.judges[0], r.assignments[0], r.criteria, "Tốt");
    expect((await noteAsJudge(r.judges[0], r.assignments[0], "Điểm thị trường nên xem lại")).status).toBe(302);
    expect((await noteAsJudge(r.judges[0], r.assignments[0], "  ")).status).toBe(400);
    expect((await postAsStaff(r, { intent: "note", body: "Sẽ bàn tại cuộc họp" })).status).toBe(302);
    const page = await call(
      staffDeliberation.loader,
      makeRequest(staffUrl(r), { cookie: staff.cookie }),
      staffParams(r),
    );
    expect(page.status).toBe(200);
    expect(page.data.notes.map((n: { body: string }) => n.body)).toEqual([
      "Điểm thị trường nên xem lại",
      "Sẽ bàn tại cuộc họp",
    ]);
    expect(page.data.notes[0].author.staff).toBe(false);
    expect(page.data.notes[1].author.staff).toBe(true);
    expect(page.data.notes[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const audits = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", r.entry.id)
      .where("action", "=", "deliberation.note_added")
      .execute();
    expect(audits).toHaveLength(2);
  });

  it("are refused to staff when the round has deliberation off", async () => {
    const r = await deliberationRound({ deliberation: false });
    expect((await postAsStaff(r, { intent: "note", body: "Ý kiến" })).status).toBe(409);
  });
});

describe("the committee's consensus", () => {
  it("needs a reason (400, in Vietnamese), is recorded with it, audited from → to, and shown on the ranking", async () => {
    const r = await deliberationRound({ deliberation: true });
    const missing = await postAsStaff(r, { intent: "consensus", decision: "advance", reason: "" });
    expect(missing.status).toBe(400);
    expect(missing.data.errors.reason).toBe("Vui lòng ghi lý do của kết luận.");
    const noScore = await postAsStaff(r, { intent: "consensus", decision: "score_adjusted", reason: "Biên bản" });
    expect(noScore.status).toBe(400);
    expect(noScore.data.errors.adjustedScore).toBe("Vui lòng nhập điểm sau điều chỉnh.");
    expect(
      (await postAsStaff(r, { intent: "consensus", decision: "advance", reason: "Biên bản họp ngày 02/12" })).status,
    ).toBe(302);
    expect(
      (
        await postAsStaff(r, {
          intent: "consensus",
          decision: "score_adjusted",
          adjustedScore: "72,5",
          reason: "Hội đồng thống nhất chấm lại tiêu chí thị trường",
        })
      ).status,
    ).toBe(302);
    const page = await call(
      staffDeliberation.loader,
      makeRequest(staffUrl(r), { cookie: staff.cookie }),
      staffParams(r),
    );
    expect(page.data.decisions[0]).toMatchObject({ decision: "score_adjusted", adjustedScore: 72.5 });
    expect(page.data.decisions[1]).toMatchObject({ decision: "advance", reason: "Biên bản họp ngày 02/12" });
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", r.entry.id)
      .where("action", "=", "deliberation.consensus_recorded")
      .orderBy("created_at", "desc")
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.some((a) => a.reason === "Hội đồng thống nhất chấm lại tiêu chí thị trường")).toBe(true);
    const ranking = await import("../../app/routes/staff.competitions.$id.rounds.$roundId.ranking");
    const rankingPage = await call(
      ranking.loader,
      makeRequest(`/staff/competitions/${r.editionId}/rounds/${r.roundId}/ranking`, { cookie: staff.cookie }),
      { id: r.editionId, roundId: r.roundId },
    );
    expect(rankingPage.data.consensus[r.entry.id]).toMatchObject({ decision: "score_adjusted", adjustedScore: 72.5 });
  });

  it("is refused to a leader (403) and to a judge's session (403)", async () => {
    const r = await deliberationRound({ deliberation: true });
    const leader = await createUser("leader");
    expect((await postAsStaff(r, { intent: "consensus", decision: "advance", reason: "x" }, leader)).status).toBe(403);
    expect((await postAsStaff(r, { intent: "consensus", decision: "advance", reason: "x" }, r.judges[0])).status).toBe(
      403,
    );
  });
});

describe("feedback to applicants", () => {
  it("stays hidden before publication and shows the comments after, without judges' names", async () => {
    const r = await deliberationRound({ deliberation: false });
    for (const [i, judge] of r.judges.entries()) await submit(judge, r.assignments[i], r.criteria, `Góp ý số ${i}`);
    const db = getDb();
    await db
      .updateTable("competition_editions")
      .set({ feedback_to_applicants: 1, results_status: "approved" })
      .where("id", "=", r.editionId)
      .execute();
    const open = () =>
      call(myEntry.loader, makeRequest(`/my/entries/${r.entry.id}`, { cookie: applicant.cookie }), { id: r.entry.id });
    const before = await open();
    expect(before.status).toBe(200);
    expect(before.data.feedback).toEqual([]);
    expect(JSON.stringify(before.data)).not.toContain("Góp ý số");

    await db
      .updateTable("competition_editions")
      .set({ results_status: "published", results_published_at: new Date().toISOString() })
      .where("id", "=", r.editionId)
      .execute();
    const after = await open();
    expect(after.data.feedback).toHaveLength(1);
    expect(after.data.feedback[0].sheets.map((s: { judgeNumber: number }) => s.judgeNumber)).toEqual([1, 2, 3]);
    const text = JSON.stringify(after.data.feedback);
    for (const i of [0, 1, 2]) expect(text).toContain(`Góp ý số ${i}`);
    for (const judge of r.judges) {
      const user = await db
        .selectFrom("users")
        .select("full_name")
        .where("id", "=", judge.id)
        .executeTakeFirstOrThrow();
      expect(text).not.toContain(user.full_name);
      expect(text).not.toContain(judge.id);
    }
  });

  it("stays hidden after publication when the edition does not release feedback", async () => {
    const r = await deliberationRound({ deliberation: false });
    await submit(r.judges[0], r.assignments[0], r.criteria, "Góp ý");
    await getDb()
      .updateTable("competition_editions")
      .set({ results_status: "published", results_published_at: new Date().toISOString() })
      .where("id", "=", r.editionId)
      .execute();
    const page = await call(myEntry.loader, makeRequest(`/my/entries/${r.entry.id}`, { cookie: applicant.cookie }), {
      id: r.entry.id,
    });
    expect(page.data.feedback).toEqual([]);
  });
});
