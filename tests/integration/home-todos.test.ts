import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { autoAssign, declareConflict } from "../../app/modules/judging/commands.server";
import * as homePage from "../../app/routes/home";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { actorOf } from "../helpers/competition";
import { assignmentsOf, judgingRound, submitAll } from "../helpers/judging-round";

let staff: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  applicant = await createUser("applicant");
});

const home = (user: TestUser) => call(homePage.loader, makeRequest("/home", { cookie: user.cookie }));

describe("the judge's home", () => {
  it("lists the judge's sheets to do, in progress and submitted, with SQL counts, the round and its deadline", async () => {
    const first = await judgingRound(staff, applicant, { entries: 3, judges: 1 });
    const second = await judgingRound(staff, applicant, { entries: 2, judges: 1 });
    const [judge] = first.judges;
    expect((await autoAssign(getDb(), actorOf(staff), first.roundId, 1, "127.0.0.1")).ok).toBe(true);
    expect((await autoAssign(getDb(), actorOf(staff), second.roundId, 1, "127.0.0.1")).ok).toBe(true);
    // The same judge on both rounds: the second round's entries are handed to them.
    await getDb()
      .updateTable("assignments")
      .set({ judge_id: judge.id })
      .where("round_id", "=", second.roundId)
      .execute();
    await getDb()
      .updateTable("competition_rounds")
      .set({ ends_on: "2026-12-20" })
      .where("id", "=", first.roundId)
      .execute();
    await submitAll(judge, second.roundId, second.criteria);
    const [draft] = await assignmentsOf(judge, first.roundId);
    await getDb()
      .insertInto("score_sheets")
      .values({
        id: `draft-${draft.id}`,
        assignment_id: draft.id,
        status: "draft",
        overall_comment: null,
        submitted_at: null,
        updated_at: new Date().toISOString(),
      })
      .execute();

    const page = await home(judge);
    expect(page.status).toBe(200);
    const { counts, lists } = page.data.sheets;
    expect(counts).toEqual({ todo: 2, draft: 1, done: 2 });
    expect(lists.draft).toEqual([expect.objectContaining({ id: draft.id, deadline: "2026-12-20" })]);
    expect(lists.todo).toHaveLength(2);
    expect(lists.todo[0]).toMatchObject({ round: first.roundName, deadline: "2026-12-20" });
    expect(lists.done.map((s: { id: string }) => s.id).sort()).toEqual(
      (await assignmentsOf(judge, second.roundId)).map((a) => a.id).sort(),
    );
  });

  it("counts beyond the few it lists, and leaves out an entry the judge is conflicted with", async () => {
    const round = await judgingRound(staff, applicant, { entries: 7, judges: 1 });
    const [judge] = round.judges;
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 1, "127.0.0.1")).ok).toBe(true);
    const page = await home(judge);
    expect(page.data.sheets.counts.todo).toBe(7);
    expect(page.data.sheets.lists.todo).toHaveLength(5);
    const entry = await getDb()
      .selectFrom("assignments")
      .innerJoin("competition_entries", "competition_entries.id", "assignments.entry_id")
      .select("competition_entries.organisation_id")
      .where("assignments.judge_id", "=", judge.id)
      .executeTakeFirstOrThrow();
    await declareConflict(getDb(), actorOf(judge), entry.organisation_id, "Người nhà", "127.0.0.1");
    expect((await home(judge)).data.sheets.counts.todo).toBe(6);
  });

  it("shows a blind round's entries by receipt code only", async () => {
    const round = await judgingRound(staff, applicant, { entries: 2, judges: 1, blind: true });
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 1, "127.0.0.1")).ok).toBe(true);
    const json = JSON.stringify((await home(round.judges[0])).data.sheets);
    for (const project of round.projects) expect(json).not.toContain(project);
    expect(json).toContain(`"projectName":null`);
  });

  it("has no sheets section for anyone but a judge", async () => {
    expect((await home(staff)).data.sheets).toBeNull();
    expect((await home(applicant)).data.sheets).toBeNull();
  });
});
