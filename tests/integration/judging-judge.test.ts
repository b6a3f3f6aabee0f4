import type { ComponentType } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../../db/types";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { addJudge, autoAssign, declareConflict, startRound } from "../../app/modules/judging/commands.server";
import * as sheetPage from "../../app/routes/judging.$assignmentId";
import * as judgingHome from "../../app/routes/judging._index";
import { call, createOrganisation, createUser, insertEntry, makeRequest, type TestUser } from "../helpers/fixtures";
import { renderWithData } from "../helpers/render-page";
import { actorOf, openEdition } from "../helpers/competition";

type FixtureEntry = {
  id: string;
  organisationId: string;
  organisationName: string;
  projectName: string;
  receipt: string;
};

let staff: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  applicant = await createUser("applicant");
});

/** A valid entry written straight into the database, as screening would leave it. */
async function validEntry(
  editionId: string,
  prefix: string,
  seq: number,
  names: { project: string; organisation: string },
): Promise<FixtureEntry> {
  const organisationId = await createOrganisation(names.organisation, [applicant.id], "startup_team");
  const id = newId();
  const receipt = `${prefix}-${String(seq).padStart(4, "0")}`;
  await insertEntry({
    id,
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: applicant.id,
    receipt_seq: seq,
    receipt_number: receipt,
    project_name: names.project,
    sector: "Nông nghiệp",
    summary: "Trồng nấm trên rơm rạ.",
    problem: "Rơm rạ bị đốt bỏ.",
    solution: "Làm giá thể trồng nấm.",
    market: "Chợ trong tỉnh.",
    business_model: "Bán sỉ.",
    team_description: "Ba kỹ sư.",
    stage: "prototype",
    residence_province: "Quảng Ngãi",
  });
  return { id, organisationId, organisationName: names.organisation, projectName: names.project, receipt };
}

/**
 * An open edition whose first round (5 criteria of 100 points) is being judged: `entries` valid entries,
 * `judges` judges on the panel, `k` judges per entry, assigned by the app's own commands.
 */
async function judgingRound(options: { entries: number; judges: number; k: number; blind?: boolean; pitch?: number }) {
  const prefix = `GK${Math.floor(Math.random() * 1e6)}`;
  const editionId = await openEdition(staff, { prefix, closed: true });
  const db = getDb();
  const round = await db
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("position", "=", 1)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("competition_rounds")
    .set({
      blind: options.blind ? 1 : 0,
      pitch_minutes: options.pitch ?? null,
      questions_minutes: options.pitch ? 10 : null,
    })
    .where("id", "=", round.id)
    .execute();
  const entries: FixtureEntry[] = [];
  for (let i = 1; i <= options.entries; i++) {
    entries.push(
      await validEntry(editionId, prefix, i, {
        project: `Dự án ${prefix} số ${i}`,
        organisation: `Công ty ${prefix} số ${i}`,
      }),
    );
  }
  const judges = await Promise.all(
    Array.from({ length: options.judges }, (_, i) => createUser("judge", { fullName: `Giám khảo ${i + 1}` })),
  );
  const actor = actorOf(staff);
  for (const judge of judges) expect((await addJudge(db, actor, round.id, judge.id, "127.0.0.1")).ok).toBe(true);
  expect((await startRound(db, actor, round.id, "127.0.0.1")).ok).toBe(true);
  expect((await autoAssign(db, actor, round.id, options.k, "127.0.0.1")).ok).toBe(true);
  const criteria = await db
    .selectFrom("round_criteria")
    .select(["id", "max_score", "counts_in_total"])
    .where("round_id", "=", round.id)
    .orderBy("position")
    .execute();
  return { editionId, roundId: round.id, entries, judges, criteria };
}

async function assignmentsOf(judge: TestUser, roundId: string) {
  return getDb()
    .selectFrom("assignments")
    .selectAll()
    .where("judge_id", "=", judge.id)
    .where("round_id", "=", roundId)
    .where("removed_at", "is", null)
    .execute();
}

const home = (user: TestUser | null) => call(judgingHome.loader, makeRequest("/judging", { cookie: user?.cookie }));
const openSheet = (user: TestUser | null, assignmentId: string) =>
  call(sheetPage.loader, makeRequest(`/judging/${assignmentId}`, { cookie: user?.cookie }), { assignmentId });
const postSheet = (user: TestUser | null, assignmentId: string, form: Record<string, string>) =>
  call(sheetPage.action, makeRequest(`/judging/${assignmentId}`, { cookie: user?.cookie, form }), { assignmentId });

/** A complete sheet: every criterion scored (70 unless told), with a comment. */
function fullSheet(
  criteria: ReadonlyArray<{ id: string }>,
  intent: "save" | "submit",
  overrides: Record<string, string> = {},
): Record<string, string> {
  const form: Record<string, string> = { intent, overallComment: "Dự án có tiềm năng." };
  for (const criterion of criteria) {
    form[`score-${criterion.id}`] = "70";
    form[`comment-${criterion.id}`] = "Khá tốt.";
  }
  return { ...form, ...overrides };
}

const listedIds = (data: { rounds: Array<{ entries: Array<{ id: string }> }> }) =>
  data.rounds.flatMap((round) => round.entries.map((entry) => entry.id)).sort();

async function sheetRows(assignmentId: string) {
  const db = getDb();
  const sheet = await db
    .selectFrom("score_sheets")
    .selectAll()
    .where("assignment_id", "=", assignmentId)
    .executeTakeFirst();
  const scores = sheet ? await db.selectFrom("scores").selectAll().where("sheet_id", "=", sheet.id).execute() : [];
  return { sheet, scores };
}

describe("the judge's list", () => {
  it("shows a judge exactly their own assignments, grouped by round with done / in progress / to do counts", async () => {
    const round = await judgingRound({ entries: 4, judges: 3, k: 2 });
    for (const judge of round.judges) {
      const own = await assignmentsOf(judge, round.roundId);
      const page = await home(judge);
      expect(page.status).toBe(200);
      expect(listedIds(page.data)).toEqual(own.map((a) => a.id).sort());
    }
    const [judge] = round.judges;
    const [first, second] = await assignmentsOf(judge, round.roundId);
    expect((await postSheet(judge, first.id, fullSheet(round.criteria, "submit"))).status).toBe(302);
    expect(
      (await postSheet(judge, second.id, { intent: "save", [`score-${round.criteria[0].id}`]: "50" })).status,
    ).toBe(302);
    const page = await home(judge);
    const listed = page.data.rounds.find((r: { id: string }) => r.id === round.roundId);
    const total = (await assignmentsOf(judge, round.roundId)).length;
    expect(listed.counts).toEqual({ done: 1, draft: 1, todo: total - 2 });
    expect(listed.entries.find((e: { id: string }) => e.id === first.id).state).toBe("done");
    expect(listed.entries.find((e: { id: string }) => e.id === second.id).state).toBe("draft");
  });

  it("shows a blind round's entries by receipt code only, never the project or organisation name", async () => {
    const round = await judgingRound({ entries: 2, judges: 2, k: 2, blind: true });
    const page = await home(round.judges[0]);
    const json = JSON.stringify(page.data);
    for (const entry of round.entries) {
      expect(json).toContain(entry.receipt);
      expect(json).not.toContain(entry.projectName);
      expect(json).not.toContain(entry.organisationName);
    }
  });
});

describe("opening a score sheet", () => {
  it("answers 403 for another judge's assignment, for a withdrawn assignment, and 404 for an id that does not exist", async () => {
    const round = await judgingRound({ entries: 3, judges: 3, k: 1 });
    const [a, b] = round.judges;
    const [ofB] = await assignmentsOf(b, round.roundId);
    expect((await openSheet(a, ofB.id)).status).toBe(403);
    expect((await postSheet(a, ofB.id, fullSheet(round.criteria, "submit"))).status).toBe(403);
    expect(await sheetRows(ofB.id)).toEqual({ sheet: undefined, scores: [] });

    const [ofA] = await assignmentsOf(a, round.roundId);
    await getDb()
      .updateTable("assignments")
      .set({ removed_at: new Date().toISOString() })
      .where("id", "=", ofA.id)
      .execute();
    expect((await openSheet(a, ofA.id)).status).toBe(403);
    expect((await postSheet(a, ofA.id, fullSheet(round.criteria, "save"))).status).toBe(403);
    expect(listedIds((await home(a)).data)).not.toContain(ofA.id);

    expect((await openSheet(a, newId())).status).toBe(404);
  });

  it("shows the entry, the rubric and the round's times, but never another judge's scores", async () => {
    const round = await judgingRound({ entries: 1, judges: 2, k: 2, pitch: 8 });
    const [a, b] = round.judges;
    const [ofA] = await assignmentsOf(a, round.roundId);
    const [ofB] = await assignmentsOf(b, round.roundId);
    expect(
      (
        await postSheet(
          b,
          ofB.id,
          fullSheet(round.criteria, "submit", { overallComment: "Nhận xét riêng của giám khảo B" }),
        )
      ).status,
    ).toBe(302);
    const page = await openSheet(a, ofA.id);
    expect(page.status).toBe(200);
    expect(page.data.entry.project_name).toBe(round.entries[0].projectName);
    expect(page.data.entry.organisation_name).toBe(round.entries[0].organisationName);
    expect(page.data.assignment).toMatchObject({ pitchMinutes: 8, questionsMinutes: 10, open: true, blind: false });
    expect(page.data.criteria).toHaveLength(round.criteria.length);
    expect(page.data.criteria[0]).toMatchObject({ maxScore: 100, counted: true });
    expect(page.data.sheet).toBeNull();
    expect(JSON.stringify(page.data)).not.toContain("Nhận xét riêng của giám khảo B");
  });

  it("leaves the project and organisation names out of a blind round's sheet", async () => {
    const round = await judgingRound({ entries: 1, judges: 1, k: 1, blind: true });
    const [assignment] = await assignmentsOf(round.judges[0], round.roundId);
    const page = await openSheet(round.judges[0], assignment.id);
    expect(page.status).toBe(200);
    const json = JSON.stringify(page.data);
    expect(json).toContain(round.entries[0].receipt);
    expect(json).not.toContain(round.entries[0].projectName);
    expect(json).not.toContain(round.entries[0].organisationName);
    expect(json).not.toContain(round.entries[0].organisationId);
    expect(page.data.entry.project_name).toBeNull();
  });
});

describe("conflicts of interest", () => {
  it("a declared conflict withdraws the entry: it leaves the list and can no longer be opened or scored", async () => {
    const round = await judgingRound({ entries: 2, judges: 2, k: 2 });
    const [judge] = round.judges;
    const entry = round.entries[0];
    const assignment = (await assignmentsOf(judge, round.roundId)).find((a) => a.entry_id === entry.id)!;
    const before = await home(judge);
    expect(before.data.organisations.map((o: { id: string }) => o.id)).toContain(entry.organisationId);

    const declared = await call(
      judgingHome.action,
      makeRequest("/judging", {
        cookie: judge.cookie,
        form: { organisationId: entry.organisationId, reason: "Người thân của tôi là thành viên nhóm." },
      }),
    );
    expect(declared.status).toBe(302);
    expect(declared.location).toBe("/judging");
    expect(listedIds((await home(judge)).data)).not.toContain(assignment.id);
    expect((await openSheet(judge, assignment.id)).status).toBe(403);
    expect((await postSheet(judge, assignment.id, fullSheet(round.criteria, "submit"))).status).toBe(403);
    const audit = await getDb()
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("entity_id", "=", entry.organisationId)
      .where("action", "=", "conflict.declared")
      .execute();
    expect(audit).toEqual([{ action: "conflict.declared", actor_id: judge.id }]);
  });

  it("a conflict confirmed by staff bars the judge even while the assignment row is still there", async () => {
    const round = await judgingRound({ entries: 2, judges: 2, k: 2 });
    const [judge] = round.judges;
    const entry = round.entries[1];
    const assignment = (await assignmentsOf(judge, round.roundId)).find((a) => a.entry_id === entry.id)!;
    await getDb()
      .insertInto("judge_conflicts")
      .values({
        id: newId(),
        judge_id: judge.id,
        organisation_id: entry.organisationId,
        source: "proposed",
        status: "confirmed",
        reason: "Cùng đơn vị công tác",
        created_at: new Date().toISOString(),
        decided_by: staff.id,
        decided_at: new Date().toISOString(),
      })
      .execute();
    expect((await assignmentsOf(judge, round.roundId)).map((a) => a.id)).toContain(assignment.id);
    const list = await home(judge);
    expect(listedIds(list.data)).not.toContain(assignment.id);
    expect(list.data.organisations.map((o: { id: string }) => o.id)).not.toContain(entry.organisationId);
    expect((await openSheet(judge, assignment.id)).status).toBe(403);
    expect((await postSheet(judge, assignment.id, fullSheet(round.criteria, "save"))).status).toBe(403);
    expect((await sheetRows(assignment.id)).sheet).toBeUndefined();
  });

  it("refuses a conflict with an organisation the judge was not assigned, and a missing reason, in Vietnamese", async () => {
    const round = await judgingRound({ entries: 1, judges: 1, k: 1 });
    const [judge] = round.judges;
    const stranger = await createOrganisation("Công ty không liên quan");
    const foreign = await call(
      judgingHome.action,
      makeRequest("/judging", { cookie: judge.cookie, form: { organisationId: stranger, reason: "Thử" } }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors.organisationId).toBe("Vui lòng chọn một giá trị trong danh sách.");
    const noReason = await call(
      judgingHome.action,
      makeRequest("/judging", {
        cookie: judge.cookie,
        form: { organisationId: round.entries[0].organisationId, reason: " " },
      }),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toMatch(/Vui lòng/);
    expect(await getDb().selectFrom("judge_conflicts").select("id").where("judge_id", "=", judge.id).execute()).toEqual(
      [],
    );
  });

  it("a conflict declared through the command hides the entry from the list too", async () => {
    const round = await judgingRound({ entries: 2, judges: 1, k: 1 });
    const [judge] = round.judges;
    await declareConflict(
      getDb(),
      actorOf(judge),
      round.entries[0].organisationId,
      "Tôi là cố vấn của nhóm.",
      "127.0.0.1",
    );
    const listed = (await home(judge)).data.rounds.flatMap((r: { entries: Array<{ code: string }> }) =>
      r.entries.map((e) => e.code),
    );
    expect(listed).toEqual([round.entries[1].receipt]);
  });
});

describe("scoring", () => {
  it("refuses a score out of range, not a number, off the 0.5 step or missing on submit with a Vietnamese message next to the field, writing nothing", async () => {
    const round = await judgingRound({ entries: 1, judges: 1, k: 1 });
    const [judge] = round.judges;
    const [assignment] = await assignmentsOf(judge, round.roundId);
    const [c1, c2, c3] = round.criteria;
    const auditBefore = await getDb()
      .selectFrom("audit_events")
      .select("id")
      .where("actor_id", "=", judge.id)
      .execute();

    const outOfRange = await postSheet(
      judge,
      assignment.id,
      fullSheet(round.criteria, "submit", {
        [`score-${c1.id}`]: "150",
        [`score-${c2.id}`]: "-1",
        [`score-${c3.id}`]: "",
      }),
    );
    expect(outOfRange.status).toBe(400);
    // Every problem at once: the wrong scores and the missing one.
    expect(outOfRange.data.errors).toEqual({
      [`score-${c1.id}`]: "Điểm phải từ 0 đến 100.",
      [`score-${c2.id}`]: "Điểm phải từ 0 đến 100.",
      [`score-${c3.id}`]: "Vui lòng cho điểm tiêu chí này trước khi nộp.",
    });
    expect(outOfRange.data.values[`score-${c1.id}`]).toBe("150");

    const notANumber = await postSheet(
      judge,
      assignment.id,
      fullSheet(round.criteria, "save", { [`score-${c1.id}`]: "bảy", [`score-${c2.id}`]: "7.25" }),
    );
    expect(notANumber.status).toBe(400);
    expect(notANumber.data.errors[`score-${c1.id}`]).toBe("Điểm phải là một số, ví dụ 7,5.");
    expect(notANumber.data.errors[`score-${c2.id}`]).toBe("Điểm chấm theo bước 0,5 (ví dụ 7 hoặc 7,5).");

    const missing = await postSheet(
      judge,
      assignment.id,
      fullSheet(round.criteria, "submit", { [`score-${c3.id}`]: "" }),
    );
    expect(missing.status).toBe(400);
    expect(missing.data.errors).toEqual({ [`score-${c3.id}`]: "Vui lòng cho điểm tiêu chí này trước khi nộp." });

    expect(await sheetRows(assignment.id)).toEqual({ sheet: undefined, scores: [] });
    expect(await getDb().selectFrom("audit_events").select("id").where("actor_id", "=", judge.id).execute()).toEqual(
      auditBefore,
    );
  });

  it("saves a draft (a decimal comma is read as a point), then submits, which locks the sheet: a second save answers 409", async () => {
    const round = await judgingRound({ entries: 1, judges: 1, k: 1 });
    const [judge] = round.judges;
    const [assignment] = await assignmentsOf(judge, round.roundId);
    const [c1] = round.criteria;

    const draft = await postSheet(judge, assignment.id, {
      intent: "save",
      [`score-${c1.id}`]: "7,5",
      [`comment-${c1.id}`]: "Ý tưởng mới.",
    });
    expect(draft.status).toBe(302);
    expect(draft.location).toBe(`/judging/${assignment.id}`);
    let rows = await sheetRows(assignment.id);
    expect(rows.sheet?.status).toBe("draft");
    expect(rows.scores).toEqual([
      { sheet_id: rows.sheet!.id, criterion_id: c1.id, score: 7.5, comment: "Ý tưởng mới." },
    ]);
    const page = await openSheet(judge, assignment.id);
    expect(page.data.sheet.status).toBe("draft");
    expect(page.data.scores[c1.id]).toEqual({ score: 7.5, comment: "Ý tưởng mới." });

    const submitted = await postSheet(
      judge,
      assignment.id,
      fullSheet(round.criteria, "submit", { [`score-${c1.id}`]: "80.5" }),
    );
    expect(submitted.status).toBe(302);
    expect(submitted.location).toBe("/judging");
    rows = await sheetRows(assignment.id);
    expect(rows.sheet?.status).toBe("submitted");
    expect(rows.sheet?.submitted_at).toBeTruthy();
    expect(rows.scores).toHaveLength(round.criteria.length);

    const again = await postSheet(
      judge,
      assignment.id,
      fullSheet(round.criteria, "save", { [`score-${c1.id}`]: "10" }),
    );
    expect(again.status).toBe(409);
    expect(again.data.errors._form).toBe("Phiếu chấm đã nộp và bị khóa.");
    const resubmit = await postSheet(judge, assignment.id, fullSheet(round.criteria, "submit"));
    expect(resubmit.status).toBe(409);
    const after = await sheetRows(assignment.id);
    expect(after.scores.find((s) => s.criterion_id === c1.id)?.score).toBe(80.5);
    expect((await openSheet(judge, assignment.id)).data.sheet.status).toBe("submitted");
  });

  it("writes an audit event for every save and submit, with the scores before and after", async () => {
    const round = await judgingRound({ entries: 1, judges: 1, k: 1 });
    const [judge] = round.judges;
    const [assignment] = await assignmentsOf(judge, round.roundId);
    const [c1] = round.criteria;
    await postSheet(judge, assignment.id, { intent: "save", [`score-${c1.id}`]: "40" });
    await postSheet(judge, assignment.id, { intent: "save", [`score-${c1.id}`]: "45" });
    await postSheet(judge, assignment.id, fullSheet(round.criteria, "submit"));
    const { sheet } = await sheetRows(assignment.id);
    const events = await getDb()
      .selectFrom("audit_events")
      .select(["action", "actor_id", "before_json", "after_json"])
      .where("entity_type", "=", "score_sheet")
      .where("entity_id", "=", sheet!.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["score.saved", "score.saved", "score.submitted"]);
    expect(events.every((e) => e.actor_id === judge.id)).toBe(true);
    expect(JSON.parse(events[1].before_json!).scores).toEqual([{ criterion_id: c1.id, score: 40 }]);
    expect(JSON.parse(events[1].after_json!).scores).toEqual([{ criterion_id: c1.id, score: 45 }]);
  });

  it("keeps every sheet when 50 judges submit at the same moment: one submitted sheet per assignment, none lost", async () => {
    const round = await judgingRound({ entries: 50, judges: 50, k: 1 });
    const assignments = await getDb()
      .selectFrom("assignments")
      .select(["id", "judge_id"])
      .where("round_id", "=", round.roundId)
      .where("removed_at", "is", null)
      .execute();
    expect(assignments).toHaveLength(50);
    expect(new Set(assignments.map((a) => a.judge_id)).size).toBe(50);
    const judgeById = new Map(round.judges.map((j) => [j.id, j]));
    const results = await Promise.all(
      assignments.map((a, i) =>
        postSheet(
          judgeById.get(a.judge_id)!,
          a.id,
          fullSheet(round.criteria, "submit", { overallComment: `Phiếu số ${i}` }),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(assignments.map(() => 302));

    const db = getDb();
    const sheets = await db
      .selectFrom("score_sheets")
      .innerJoin("assignments", "assignments.id", "score_sheets.assignment_id")
      .select(["score_sheets.assignment_id", "score_sheets.status"])
      .where("assignments.round_id", "=", round.roundId)
      .execute();
    expect(sheets).toHaveLength(50);
    expect(new Set(sheets.map((s) => s.assignment_id)).size).toBe(50);
    expect(sheets.every((s) => s.status === "submitted")).toBe(true);
    const { count } = await db
      .selectFrom("scores")
      .innerJoin("score_sheets", "score_sheets.id", "scores.sheet_id")
      .innerJoin("assignments", "assignments.id", "score_sheets.assignment_id")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("assignments.round_id", "=", round.roundId)
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(50 * round.criteria.length);
    const submittedEvents = await db
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "score.submitted")
      .where(
        "actor_id",
        "in",
        round.judges.map((j) => j.id),
      )
      .execute();
    expect(submittedEvents).toHaveLength(50);
  });
});

/** Server-renders the score sheet with its loader's data, as Remix sends it to a browser without JavaScript. */
function renderSheet(loaderData: object): Promise<string> {
  return renderWithData(sheetPage.default as ComponentType, "/judging/:assignmentId", "/judging/a", loaderData);
}

describe("the sheet's running weighted total", () => {
  it("gives the total of the saved scores and the counted criteria still blank, in the page as the server renders it", async () => {
    const round = await judgingRound({ entries: 1, judges: 1, k: 1 });
    const [judge] = round.judges;
    const [assignment] = await assignmentsOf(judge, round.roundId);
    const [c1, c2, c3, c4, c5] = round.criteria;

    const empty = await openSheet(judge, assignment.id);
    expect(empty.data.tally).toEqual({ total: 0, blank: round.criteria.map((c) => c.id) });

    // Weights 25/20/20/20/15 of 100 points: 90 · 0.25 + 70 · 0.20 = 22.5 + 14 = 36.5
    await postSheet(judge, assignment.id, { intent: "save", [`score-${c1.id}`]: "90", [`score-${c2.id}`]: "70" });
    const draft = await openSheet(judge, assignment.id);
    expect(draft.data.tally).toEqual({ total: 36.5, blank: [c3.id, c4.id, c5.id] });
    const html = await renderSheet(draft.data);
    expect(html).toContain("Tổng điểm có trọng số: 36,5 / 100");
    expect(html).toContain(
      "Tiêu chí chưa chấm: 3. Kế hoạch kinh doanh; 4. Hướng phát triển; 5. Tác động kinh tế - xã hội.",
    );

    // A criterion outside the total is neither blank nor a weight: 36.5 / 85 · 100 = 42.94…
    await getDb().updateTable("round_criteria").set({ counts_in_total: 0 }).where("id", "=", c5.id).execute();
    const optional = await openSheet(judge, assignment.id);
    expect(optional.data.tally.blank).toEqual([c3.id, c4.id]);
    expect(optional.data.tally.total).toBeCloseTo((36.5 / 85) * 100, 9);
    expect(await renderSheet(optional.data)).toContain("Tổng điểm có trọng số: 42,94 / 100");

    // The submitted (locked) sheet shows its total too, the one the ranking uses.
    await postSheet(judge, assignment.id, fullSheet([c1, c2, c3, c4], "submit", { [`score-${c1.id}`]: "80,5" }));
    const locked = await openSheet(judge, assignment.id);
    expect(locked.data.sheet.status).toBe("submitted");
    // (80.5 · 25 + 70 · 60) / 85 = (2012.5 + 4200) / 85 = 73.088…
    expect(locked.data.tally.blank).toEqual([]);
    expect(locked.data.tally.total).toBeCloseTo(6212.5 / 85, 9);
    const lockedHtml = await renderSheet(locked.data);
    expect(lockedHtml).toContain("Tổng điểm có trọng số: 73,09 / 100");
    expect(lockedHtml).toContain("Đã chấm đủ các tiêu chí tính điểm.");
  });
});

describe("who may use the judging pages", () => {
  let assignmentId = "";
  const others: Partial<Record<UserRole, TestUser>> = {};

  beforeAll(async () => {
    const round = await judgingRound({ entries: 1, judges: 1, k: 1 });
    assignmentId = (await assignmentsOf(round.judges[0], round.roundId))[0].id;
    for (const role of ["applicant", "staff", "leader", "incubator_manager", "admin"] as const)
      others[role] = await createUser(role);
  });

  it("sends an anonymous visitor to the login page from both pages and both forms", async () => {
    for (const result of [
      await home(null),
      await call(judgingHome.action, makeRequest("/judging", { form: { organisationId: "x", reason: "y" } })),
      await openSheet(null, assignmentId),
      await postSheet(null, assignmentId, { intent: "save" }),
    ]) {
      expect(result.status).toBe(302);
      expect(result.location).toMatch(/^\/login\?redirectTo=%2Fjudging/);
    }
  });

  it.each(["applicant", "staff", "leader", "incubator_manager", "admin"] as const)(
    "answers 403 to a %s on both pages and both forms",
    async (role) => {
      const user = others[role]!;
      expect((await home(user)).status).toBe(403);
      expect(
        (
          await call(
            judgingHome.action,
            makeRequest("/judging", { cookie: user.cookie, form: { organisationId: "x", reason: "y" } }),
          )
        ).status,
      ).toBe(403);
      expect((await openSheet(user, assignmentId)).status).toBe(403);
      expect((await postSheet(user, assignmentId, { intent: "save" })).status).toBe(403);
      expect((await sheetRows(assignmentId)).sheet).toBeUndefined();
    },
  );
});
