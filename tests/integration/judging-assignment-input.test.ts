import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { addJudge, startRound } from "../../app/modules/judging/commands.server";
import * as roundPage from "../../app/routes/staff.competitions.$id.rounds.$roundId._index";
import { call, createOrganisation, createUser, insertEntry, makeRequest, type TestUser } from "../helpers/fixtures";
import { actorOf, openEdition } from "../helpers/competition";
import type * as Assignment from "../../app/modules/judging/assignment";

/**
 * The round's panel and entries come from tables keyed by (round, judge) and (round, entry), so the database cannot
 * list an id twice; this file makes the panel query's result list one judge twice, as a changed query or a future
 * source of panels could, and checks what the round page answers.
 */
const listTwice = vi.hoisted(() => ({ judge: false, entry: false }));
vi.mock("../../app/modules/judging/assignment", async (importOriginal) => {
  const actual = await importOriginal<typeof Assignment>();
  return {
    ...actual,
    assignJudges: (input: Parameters<typeof actual.assignJudges>[0]) =>
      actual.assignJudges({
        ...input,
        judges: listTwice.judge ? [...input.judges, input.judges[0]] : input.judges,
        entries: listTwice.entry ? [...input.entries, input.entries[0]] : input.entries,
      }),
  };
});

const IP = "127.0.0.1";
let staff: TestUser;
let round: { editionId: string; roundId: string; judgeName: string; receipt: string };

beforeAll(async () => {
  staff = await createUser("staff");
  const applicant = await createUser("applicant");
  const prefix = `TR${Math.floor(Math.random() * 1e6)}`;
  const editionId = await openEdition(staff, { prefix, closed: true });
  const db = getDb();
  const { id: roundId } = await db
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("position", "=", 1)
    .executeTakeFirstOrThrow();
  const receipt = `${prefix}-0001`;
  const organisationId = await createOrganisation(`Công ty ${prefix}`, [applicant.id], "startup_team");
  await insertEntry({
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: applicant.id,
    receipt_seq: 1,
    receipt_number: receipt,
    project_name: "Dự án thử",
    summary: "Tóm tắt.",
    stage: "prototype",
    residence_province: "Quảng Ngãi",
  });
  const judgeName = `Giám khảo A ${prefix}`;
  const judges = [
    await createUser("judge", { fullName: judgeName }),
    await createUser("judge", { fullName: `Giám khảo B ${prefix}` }),
  ];
  for (const judge of judges) expect((await addJudge(db, actorOf(staff), roundId, judge.id, IP)).ok).toBe(true);
  expect((await startRound(db, actorOf(staff), roundId, IP)).ok).toBe(true);
  const first = [...judges].sort((a, b) => a.id.localeCompare(b.id))[0];
  round = { editionId, roundId, judgeName: first.id === judges[0].id ? judgeName : `Giám khảo B ${prefix}`, receipt };
});

const assign = (k: string) =>
  call(
    roundPage.action,
    makeRequest(`/staff/competitions/${round.editionId}/rounds/${round.roundId}`, {
      cookie: staff.cookie,
      form: { intent: "assign", k },
    }),
    { id: round.editionId, roundId: round.roundId },
  );
const assignments = async () =>
  (await getDb().selectFrom("assignments").select("id").where("round_id", "=", round.roundId).execute()).length;

describe("automatic assignment with an id listed twice", () => {
  it("answers 409 on the round page naming the judge listed twice, and assigns nothing", async () => {
    listTwice.judge = true;
    const answer = await assign("2");
    listTwice.judge = false;
    expect(answer.status).toBe(409);
    expect(answer.data.errors._form).toBe("Không phân công được, vì:");
    expect(answer.data.problems).toEqual([
      `Danh sách giám khảo có người được kể nhiều lần (${round.judgeName}): mỗi giám khảo chỉ được tính một lần. Chưa phân công hồ sơ nào.`,
    ]);
    expect(await assignments()).toBe(0);
  });

  it("answers 409 naming the entry listed twice by its receipt number, and assigns nothing", async () => {
    listTwice.entry = true;
    const answer = await assign("1");
    listTwice.entry = false;
    expect(answer.status).toBe(409);
    expect(answer.data.problems).toEqual([
      `Danh sách hồ sơ có hồ sơ được kể nhiều lần (${round.receipt}): mỗi hồ sơ chỉ được phân công một lần. Chưa phân công hồ sơ nào.`,
    ]);
    expect(await assignments()).toBe(0);
  });

  it("assigns as usual once every id is listed once", async () => {
    expect((await assign("2")).status).toBe(302);
    expect(await assignments()).toBe(2);
  });
});
