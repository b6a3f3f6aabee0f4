import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { recomputeDueDates } from "../../app/modules/sme/commands.server";
import * as programmePage from "../../app/routes/staff.sme.programme";
import * as desk from "../../app/routes/staff.sme._index";
import { seedDemoData } from "../../db/seed";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { proposeAndApprove, SOURCE_DOCUMENT } from "../helpers/setting-proposals";

let leader: TestUser;
let approver: TestUser;
const PROGRAMME = "programme-1325";

const dueDates = async () =>
  await getDb().selectFrom("support_dossiers").select(["id", "status", "due_on"]).orderBy("id").execute();
const figures = async () =>
  (await call(desk.loader, makeRequest("/staff/sme", { cookie: leader.cookie }))).data.figures;
/** The status form as the page sends it, with the programme's current version: a proposal another leader approves. */
const setStatus = (form: Record<string, string>) => proposeAndApprove(() => proposeStatus(form), approver);
const proposeStatus = async (form: Record<string, string>) => {
  const { version } = await getDb()
    .selectFrom("support_programmes")
    .select("version")
    .where("id", "=", PROGRAMME)
    .executeTakeFirstOrThrow();
  return call(
    programmePage.action,
    makeRequest("/staff/sme/programme", {
      cookie: leader.cookie,
      form: {
        intent: "status",
        programmeId: PROGRAMME,
        version: String(version),
        sourceDocument: SOURCE_DOCUMENT,
        ...form,
      },
    }),
  );
};

beforeAll(async () => {
  await seedDemoData(getDb());
  leader = await createUser("leader");
  approver = await createUser("leader");
});

describe("the seeded SME programme, paused since 15/09/2023", () => {
  it("holds the due dates the app computes: recomputing changes none of them", async () => {
    const seeded = await dueDates();
    await getDb()
      .transaction()
      .execute((trx) => recomputeDueDates(trx, PROGRAMME));
    expect(await dueDates()).toEqual(seeded);
  });

  it("shows no overdue dossier under its paused banner, before and after a reopening and a new pause", async () => {
    expect((await figures()).overdue).toBe(0);
    expect((await setStatus({ status: "open" })).status).toBe(302);
    // Reopened: the checks and decisions owed since 2023 are overdue again, the paused days not counted.
    expect((await figures()).overdue).toBeGreaterThan(0);
    expect(
      (await setStatus({ status: "paused", reason: "Chờ thông tư của Bộ Tài chính", pausedIntake: "queue" })).status,
    ).toBe(302);
    expect((await figures()).overdue).toBe(0);
    const owed = (await dueDates()).filter((d) =>
      ["submitted", "received", "complete", "under_appraisal", "proposed"].includes(d.status),
    );
    expect(owed.map((d) => d.due_on)).toEqual(owed.map(() => null));
  });
});
