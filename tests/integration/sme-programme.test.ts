import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { translator } from "../../app/i18n";
import { getDb } from "../../app/lib/db.server";
import { addWorkingDays, workCalendar } from "../../app/lib/working-days";
import { dossiersDue } from "../../app/modules/sme/queries.server";
import * as home from "../../app/routes/home";
import * as holidaysPage from "../../app/routes/staff.holidays";
import * as reports from "../../app/routes/staff.reports._index";
import * as desk from "../../app/routes/staff.sme._index";
import * as programmePage from "../../app/routes/staff.sme.programme";
import { call, createOrganisation, createUser, insertDossier, makeRequest, type TestUser } from "../helpers/fixtures";
import { decide, newestPendingProposal, proposeAndApprove, SOURCE_DOCUMENT } from "../helpers/setting-proposals";

const tVi = translator("vi") as unknown as (key: string, options?: Record<string, string>) => string;

const PROGRAMME = "programme-test";
const TYPE = "type-consulting";
const COMPLETE_ON = "2026-03-02"; // a Monday
const PAUSED_ON = "2026-03-10"; // Tuesday
const REOPENED_ON = "2026-03-12"; // Thursday: the pause covers the 10th and the 11th

let staff: TestUser;
let leader: TestUser;
/** A second leader: a leader's proposal is approved by another (four eyes). */
let approver: TestUser;
let admin: TestUser;
let dossierId = "";

/** The province's clock: 10:00 in Quảng Ngãi on that day. */
function onDay(day: string): void {
  vi.setSystemTime(new Date(`${day}T10:00:00+07:00`));
}

/** Test sessions last an hour; these tests move the clock by days. */
async function keepSessionsAlive(): Promise<void> {
  await getDb().updateTable("sessions").set({ expires_at: "2099-12-31T00:00:00.000Z" }).execute();
}

async function insertProgramme(): Promise<void> {
  const db = getDb();
  const now = new Date().toISOString();
  await db
    .insertInto("support_programmes")
    .values({
      id: PROGRAMME,
      name: "Đề án hỗ trợ DNNVV thử nghiệm 2026–2027",
      legal_basis: "Nghị định 80/2021/NĐ-CP",
      first_year: 2026,
      last_year: 2027,
      status: "open",
      status_reason: null,
      status_changed_on: null,
      paused_intake: "queue",
      receipt_prefix: "TEST",
      receive_working_days: 1,
      check_working_days: 3,
      decision_working_days: 14,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("support_types")
    .values({
      id: TYPE,
      programme_id: PROGRAMME,
      name: "Hỗ trợ tư vấn",
      article: "Nghị định 80/2021/NĐ-CP, Điều 13.2",
      startups_only: 0,
      position: 0,
    })
    .execute();
  await db
    .insertInto("support_type_rules")
    .values([
      {
        support_type_id: TYPE,
        size: "micro",
        rate_percent: 100,
        cap_vnd: 50_000_000,
        cap_period: "year",
        priority_rate_percent: null,
        priority_cap_vnd: null,
        verified: 1,
        source: "Điều 13.2",
      },
      {
        support_type_id: TYPE,
        size: "small",
        rate_percent: 50,
        cap_vnd: 100_000_000,
        cap_period: "year",
        priority_rate_percent: null,
        priority_cap_vnd: 150_000_000,
        verified: 0,
        source: "Điều 13.2",
      },
    ])
    .execute();
  await db
    .insertInto("support_type_documents")
    .values({
      id: "doc-1",
      support_type_id: TYPE,
      title: "Tờ khai xác định DNNVV (Phụ lục 1)",
      required: 1,
      position: 0,
    })
    .execute();
}

/** A dossier found complete on COMPLETE_ON, its decision clock running. */
async function insertCompleteDossier(): Promise<string> {
  const organisationId = await createOrganisation("Công ty TNHH MTV nấm dược liệu Ninh Trương");
  return insertDossier({
    programme_id: PROGRAMME,
    support_type_id: TYPE,
    organisation_id: organisationId,
    status: "complete",
    receipt_seq: 1,
    receipt_number: "TEST2026-0001",
    enterprise_size: "small",
    submitted_at: "2026-02-20T02:00:00.000Z",
    step_started_on: "2026-02-25",
    complete_on: COMPLETE_ON,
    received_complete_on: COMPLETE_ON,
    due_on: addWorkingDays(COMPLETE_ON, 14, workCalendar()),
    created_by: staff.id,
  });
}

async function dueOn(): Promise<string | null> {
  const row = await getDb()
    .selectFrom("support_dossiers")
    .select("due_on")
    .where("id", "=", dossierId)
    .executeTakeFirstOrThrow();
  return row.due_on;
}

async function programmeRow() {
  return getDb().selectFrom("support_programmes").selectAll().where("id", "=", PROGRAMME).executeTakeFirstOrThrow();
}

/** A form sent from the page as just loaded: it carries the programme's current version unless the test gives one. */
async function propose(user: TestUser, form: Record<string, string>) {
  const row = await getDb()
    .selectFrom("support_programmes")
    .select("version")
    .where("id", "=", form.programmeId ?? PROGRAMME)
    .executeTakeFirst();
  return call(
    programmePage.action,
    makeRequest("/staff/sme/programme", {
      cookie: user.cookie,
      form: { programmeId: PROGRAMME, version: String(row?.version ?? 1), sourceDocument: SOURCE_DOCUMENT, ...form },
    }),
  );
}
const proposeHoliday = (user: TestUser, form: Record<string, string>) =>
  call(
    holidaysPage.action,
    makeRequest("/staff/holidays", { cookie: user.cookie, form: { sourceDocument: SOURCE_DOCUMENT, ...form } }),
  );
/** The leader who approves `user`'s proposal: never the proposer. */
const approverOf = (user: TestUser) => (user.id === leader.id ? approver : leader);
/** A legal setting's form, proposed and then approved by a leader (the budget applies at once: nothing to approve). */
const post = (user: TestUser, form: Record<string, string>) =>
  proposeAndApprove(() => propose(user, form), approverOf(user));
const postHoliday = (user: TestUser, form: Record<string, string>) =>
  proposeAndApprove(() => proposeHoliday(user, form), approverOf(user));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  onDay("2026-03-09");
  staff = await createUser("staff");
  leader = await createUser("leader", { fullName: "Nguyễn Văn Lãnh" });
  approver = await createUser("leader", { fullName: "Trần Thị Duyệt" });
  admin = await createUser("admin");
  await insertProgramme();
  dossierId = await insertCompleteDossier();
});

afterAll(() => {
  vi.useRealTimers();
});

describe("who may open the programme and calendar pages", () => {
  it.each(["applicant", "judge", "incubator_manager"] as const)("refuses a %s on both pages (403)", async (role) => {
    const user = await createUser(role);
    expect(
      (await call(programmePage.loader, makeRequest("/staff/sme/programme", { cookie: user.cookie }))).status,
    ).toBe(403);
    expect((await call(holidaysPage.loader, makeRequest("/staff/holidays", { cookie: user.cookie }))).status).toBe(403);
  });

  it("sends an anonymous visitor to the login page from both pages", async () => {
    for (const [loader, path] of [
      [programmePage.loader, "/staff/sme/programme"],
      [holidaysPage.loader, "/staff/holidays?year=2026"],
    ] as const) {
      const result = await call(loader, makeRequest(path));
      expect(result.status).toBe(302);
      expect(result.location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("shows staff the current programme with every year of its budget and its unverified rule", async () => {
    const result = await call(programmePage.loader, makeRequest("/staff/sme/programme", { cookie: staff.cookie }));
    expect(result.status).toBe(200);
    expect(result.data.programme.id).toBe(PROGRAMME);
    expect(result.data.budget.map((row: { year: number }) => row.year)).toEqual([2026, 2027]);
    expect(result.data.budget[0]).toMatchObject({
      year: 2026,
      budgetVnd: null,
      filed: 1,
      requestedVnd: 30_000_000,
      remainingVnd: null,
    });
    const [type] = result.data.types;
    expect(type.rules.find((r: { size: string }) => r.size === "small").verified).toBe(0);
    expect(type.documents).toHaveLength(1);
    expect(result.data.canEditRules).toBe(true);
  });

  it("offers a leader the rules' forms too: any change is a proposal another leader approves", async () => {
    const result = await call(
      programmePage.loader,
      makeRequest(`/staff/sme/programme?programme=${PROGRAMME}`, { cookie: leader.cookie }),
    );
    expect(result.status).toBe(200);
    expect(result.data.canEditRules).toBe(true);
  });

  it("answers 404 for a programme that does not exist", async () => {
    expect(
      (await call(programmePage.loader, makeRequest("/staff/sme/programme?programme=nope", { cookie: staff.cookie })))
        .status,
    ).toBe(404);
  });
});

describe("pausing and reopening the programme", () => {
  it("refuses a pause without a reason and stores nothing", async () => {
    onDay(PAUSED_ON);
    await keepSessionsAlive();
    const result = await post(staff, { intent: "status", status: "paused", reason: "  ", pausedIntake: "queue" });
    expect(result.status).toBe(400);
    expect(result.data.errors.reason).toBe(tVi("sme.problems.reasonRequired"));
    expect(await getDb().selectFrom("programme_pauses").selectAll().execute()).toHaveLength(0);
    expect((await programmeRow()).status).toBe("open");
    expect(await dueOn()).toBe("2026-03-20");
  });

  it("records the pause from today and stops the clock of a complete dossier (no due date while paused)", async () => {
    onDay(PAUSED_ON);
    const result = await post(leader, {
      intent: "status",
      status: "paused",
      reason: "Chờ thông tư hướng dẫn của Bộ Tài chính",
      pausedIntake: "refuse",
    });
    expect(result.status).toBe(302);
    const pauses = await getDb()
      .selectFrom("programme_pauses")
      .selectAll()
      .where("programme_id", "=", PROGRAMME)
      .execute();
    expect(pauses).toEqual([
      expect.objectContaining({ from_on: PAUSED_ON, to_on: null, reason: "Chờ thông tư hướng dẫn của Bộ Tài chính" }),
    ]);
    expect(await programmeRow()).toMatchObject({
      status: "paused",
      status_reason: "Chờ thông tư hướng dẫn của Bộ Tài chính",
      status_changed_on: PAUSED_ON,
      paused_intake: "refuse",
    });
    expect(await dueOn()).toBeNull();
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "sme.programme_status")
      .execute();
    // Applied by the leader who approved the proposal.
    expect(audit).toEqual([expect.objectContaining({ actor_id: approver.id, entity_id: PROGRAMME })]);
  });

  it("ends the pause yesterday on reopening and counts 14 working days from completion without the paused days", async () => {
    onDay(REOPENED_ON);
    await keepSessionsAlive();
    const result = await post(staff, { intent: "status", status: "open" });
    expect(result.status).toBe(302);
    const [pause] = await getDb()
      .selectFrom("programme_pauses")
      .selectAll()
      .where("programme_id", "=", PROGRAMME)
      .execute();
    expect(pause.to_on).toBe("2026-03-11");
    // 2–24 March: 16 working days, less the 10th and the 11th.
    expect(await dueOn()).toBe("2026-03-24");
    expect(await dueOn()).toBe(
      addWorkingDays(COMPLETE_ON, 14, workCalendar(), [{ from: PAUSED_ON, to: "2026-03-11" }]),
    );
    expect(await programmeRow()).toMatchObject({ status: "open", status_reason: null });
  });

  it("shows the pause in the history with its end", async () => {
    const result = await call(programmePage.loader, makeRequest("/staff/sme/programme", { cookie: staff.cookie }));
    expect(result.data.pauses).toEqual([expect.objectContaining({ from_on: PAUSED_ON, to_on: "2026-03-11" })]);
  });
});

describe("the budget per year", () => {
  it("refuses a budget for a year outside the programme, with the programme's years in Vietnamese", async () => {
    const result = await post(staff, { intent: "budget", year: "2030", amountVnd: "500.000.000" });
    expect(result.status).toBe(400);
    expect(result.data.errors.year).toBe(tVi("sme.problems.yearOutsideProgramme", { first: "2026", last: "2027" }));
    expect(await getDb().selectFrom("programme_budgets").selectAll().execute()).toHaveLength(0);
  });

  it("stores a leader's budget for a programme year and shows what remains after approvals", async () => {
    const result = await post(leader, { intent: "budget", year: "2026", amountVnd: "1.500.000.000" });
    expect(result.status).toBe(302);
    const budget = await getDb().selectFrom("programme_budgets").selectAll().execute();
    expect(budget).toEqual([{ programme_id: PROGRAMME, year: 2026, amount_vnd: 1_500_000_000 }]);
    const page = await call(programmePage.loader, makeRequest("/staff/sme/programme", { cookie: leader.cookie }));
    expect(page.data.budget[0]).toMatchObject({
      year: 2026,
      budgetVnd: 1_500_000_000,
      approvedVnd: 0,
      remainingVnd: 1_500_000_000,
    });
  });
});

describe("two staff changing the programme's settings from one page load", () => {
  it("applies the first and answers the second 409, naming the durations the first changed, who approved and when, its input kept", async () => {
    const { version } = await getDb()
      .selectFrom("support_programmes")
      .select("version")
      .where("id", "=", PROGRAMME)
      .executeTakeFirstOrThrow();
    const other = await createUser("staff", { fullName: "Phạm Thị Thu" });
    const first = await post(other, {
      intent: "durations",
      receiveWorkingDays: "2",
      checkWorkingDays: "5",
      decisionWorkingDays: "14",
      version: String(version),
    });
    expect(first.status).toBe(302);
    const late = await post(staff, {
      intent: "durations",
      receiveWorkingDays: "3",
      checkWorkingDays: "7",
      decisionWorkingDays: "14",
      version: String(version),
    });
    expect(late.status).toBe(409);
    expect(late.data.intent).toBe("durations");
    expect(late.data.errors._form).toMatch(/^Nguyễn Văn Lãnh đã lưu thay đổi lúc/);
    expect(late.data.errors.checkWorkingDays).toBe("Người khác vừa sửa thành: 5");
    expect(late.data.values.checkWorkingDays).toBe("7");
    const row = await getDb()
      .selectFrom("support_programmes")
      .selectAll()
      .where("id", "=", PROGRAMME)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ receive_working_days: 2, check_working_days: 5, version: version + 1 });
  });

  it("refuses a status change sent from a page loaded before a budget was saved", async () => {
    const { version } = await getDb()
      .selectFrom("support_programmes")
      .select("version")
      .where("id", "=", PROGRAMME)
      .executeTakeFirstOrThrow();
    expect(
      (await post(leader, { intent: "budget", year: "2027", amountVnd: "900.000.000", version: String(version) }))
        .status,
    ).toBe(302);
    const late = await post(staff, {
      intent: "status",
      status: "paused",
      reason: "Chờ thông tư",
      version: String(version),
    });
    expect(late.status).toBe(409);
    expect(late.data.errors._form).toMatch(/đã lưu thay đổi lúc/);
    expect(
      (
        await getDb()
          .selectFrom("support_programmes")
          .select("status")
          .where("id", "=", PROGRAMME)
          .executeTakeFirstOrThrow()
      ).status,
    ).not.toBe("paused");
  });
});

describe("support rules", () => {
  const rule = {
    intent: "rule",
    supportTypeId: TYPE,
    size: "small",
    ratePercent: "50",
    capVnd: "100.000.000",
    capPeriod: "year",
    priorityCapVnd: "150.000.000",
    verified: "on",
    source: "Nghị định 80/2021/NĐ-CP, Điều 13.2",
  };
  const smallRule = () =>
    getDb()
      .selectFrom("support_type_rules")
      .selectAll()
      .where("support_type_id", "=", TYPE)
      .where("size", "=", "small")
      .executeTakeFirstOrThrow();

  it("keeps the rule while a leader's proposal waits, and until the leader withdraws it", async () => {
    const result = await propose(leader, rule);
    expect(result.status).toBe(302);
    expect((await smallRule()).verified).toBe(0);
    expect((await decide(leader, "withdraw", (await newestPendingProposal())!)).status).toBe(302);
    expect((await smallRule()).verified).toBe(0);
  });

  it("stores a staff member's correction once a leader approves it, marks it verified and audits it", async () => {
    const result = await post(staff, rule);
    expect(result.status).toBe(302);
    expect(await smallRule()).toMatchObject({
      rate_percent: 50,
      cap_vnd: 100_000_000,
      cap_period: "year",
      priority_rate_percent: null,
      priority_cap_vnd: 150_000_000,
      verified: 1,
      source: "Nghị định 80/2021/NĐ-CP, Điều 13.2",
    });
    const audit = await getDb().selectFrom("audit_events").selectAll().where("action", "=", "sme.rule_saved").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: leader.id, entity_type: "support_type", entity_id: TYPE });
    expect(JSON.parse(audit[0].before_json!)).toMatchObject({ verified: 0 });
  });

  it("refuses a rate of 150 % with a Vietnamese message and stores nothing", async () => {
    const result = await post(admin, { ...rule, ratePercent: "150" });
    expect(result.status).toBe(400);
    expect(result.data.errors.ratePercent).toBe(tVi("errors.tooLarge", { max: "100" }));
    expect(result.data.errors.ratePercent).toBe("Giá trị không được vượt quá 100.");
    expect((await smallRule()).rate_percent).toBe(50);
    expect(
      await getDb().selectFrom("audit_events").selectAll().where("action", "=", "sme.rule_saved").execute(),
    ).toHaveLength(1);
  });
});

describe("the holiday calendar", () => {
  const holidays = () => getDb().selectFrom("public_holidays").selectAll().execute();

  it("changes nothing while a leader's proposal waits, and until the leader withdraws it", async () => {
    const result = await proposeHoliday(leader, { intent: "add", day: "2026-03-17", name: "Ngày nghỉ thử" });
    expect(result.status).toBe(302);
    expect(await holidays()).toHaveLength(0);
    expect((await decide(leader, "withdraw", (await newestPendingProposal())!)).status).toBe(302);
    expect(await holidays()).toHaveLength(0);
  });

  it("moves an open dossier's due date one working day later when a holiday falls inside its window", async () => {
    expect(await dueOn()).toBe("2026-03-24");
    const result = await postHoliday(staff, { intent: "add", day: "2026-03-17", name: "Ngày nghỉ bù" });
    expect(result.status).toBe(302);
    expect(result.proposal.location).toBe("/staff/holidays?year=2026");
    expect(result.location).toBe("/staff/settings-proposals");
    expect(await dueOn()).toBe("2026-03-25");
  });

  it("refuses a day already in the calendar", async () => {
    const result = await postHoliday(admin, { intent: "add", day: "2026-03-17", name: "Trùng ngày" });
    expect(result.status).toBe(400);
    expect(result.data.errors.day).toBe(tVi("sme.problems.holidayExists"));
    expect(await holidays()).toEqual([expect.objectContaining({ day: "2026-03-17", name: "Ngày nghỉ bù" })]);
  });

  it("lists the year's holidays with their weekday, for every staff role", async () => {
    const result = await call(holidaysPage.loader, makeRequest("/staff/holidays?year=2026", { cookie: leader.cookie }));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      year: 2026,
      canEdit: true,
      holidays: [{ day: "2026-03-17", name: "Ngày nghỉ bù", weekday: "tue" }],
    });
    const other = await call(holidaysPage.loader, makeRequest("/staff/holidays?year=2027", { cookie: staff.cookie }));
    expect(other.data).toMatchObject({ year: 2027, canEdit: true, holidays: [] });
  });

  it("moves the due date back when the holiday is removed, and audits both changes", async () => {
    const result = await postHoliday(staff, { intent: "remove", day: "2026-03-17" });
    expect(result.status).toBe(302);
    expect(await holidays()).toHaveLength(0);
    expect(await dueOn()).toBe("2026-03-24");
    const audit = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "public_holiday")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["sme.holiday_added", "sme.holiday_removed"]);
  });

  it("answers 404 when removing a day that is not in the calendar", async () => {
    expect((await postHoliday(staff, { intent: "remove", day: "2026-03-18" })).status).toBe(404);
  });
});

describe("a weekend day made a working day (làm bù)", () => {
  const SOURCE = "Thông báo số 01/TB-BNV (ngày thử)";

  it("moves an open dossier's due date one working day earlier when a Saturday inside its window is worked", async () => {
    expect(await dueOn()).toBe("2026-03-24");
    const result = await postHoliday(staff, {
      intent: "add",
      day: "2026-03-14",
      kind: "working_day",
      name: "Làm việc bù cho ngày nghỉ thử",
      source: SOURCE,
    });
    expect(result.status).toBe(302);
    expect(await dueOn()).toBe("2026-03-23");
    const row = await getDb()
      .selectFrom("public_holidays")
      .selectAll()
      .where("day", "=", "2026-03-14")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "working_day", source: SOURCE });
  });

  it("lists the worked Saturday with its kind and the notice that set it", async () => {
    const result = await call(holidaysPage.loader, makeRequest("/staff/holidays?year=2026", { cookie: staff.cookie }));
    expect(result.data.holidays).toEqual([
      { day: "2026-03-14", name: "Làm việc bù cho ngày nghỉ thử", kind: "working_day", source: SOURCE, weekday: "sat" },
    ]);
  });

  it("refuses to make a weekday a working day, with the message next to the kind, and stores nothing", async () => {
    const result = await postHoliday(staff, {
      intent: "add",
      day: "2026-03-16",
      kind: "working_day",
      name: "Thứ Hai",
      source: SOURCE,
    });
    expect(result.status).toBe(400);
    expect(result.data.errors.kind).toBe(tVi("sme.problems.workingDayNotWeekend"));
    expect(
      await getDb().selectFrom("public_holidays").selectAll().where("day", "=", "2026-03-16").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("asks for the decision that makes the weekend day a working day: the proposal's source document, when it has none of its own", async () => {
    const result = await postHoliday(staff, {
      intent: "add",
      day: "2026-03-21",
      kind: "working_day",
      name: "Làm bù",
      source: "",
      sourceDocument: "",
    });
    expect(result.status).toBe(400);
    expect(result.data.errors.sourceDocument).toBe(tVi("settings.problems.sourceDocumentRequired"));
    expect(
      await getDb().selectFrom("public_holidays").selectAll().where("day", "=", "2026-03-21").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("moves the due date back when the worked Saturday is removed", async () => {
    expect((await postHoliday(staff, { intent: "remove", day: "2026-03-14" })).status).toBe(302);
    expect(await dueOn()).toBe("2026-03-24");
  });
});

describe("one rule while the programme is paused: no dossier is overdue, no clock runs", () => {
  const deskFigures = async () =>
    (await call(desk.loader, makeRequest("/staff/sme", { cookie: staff.cookie }))).data.figures;

  it("takes a dossier already overdue off the desk's, the home page's and the report's overdue when paused, and gives its date back, paused days not counted, on reopening", async () => {
    onDay("2026-03-26"); // the decision was due on the 24th
    await keepSessionsAlive();
    expect(await dueOn()).toBe("2026-03-24");
    expect((await deskFigures()).overdue).toBe(1);
    expect((await dossiersDue(getDb(), "2026-03-26")).overdue).toBe(1);

    expect(
      (await post(leader, { intent: "status", status: "paused", reason: "Chờ bố trí kinh phí", pausedIntake: "queue" }))
        .status,
    ).toBe(302);
    expect(await dueOn()).toBeNull();
    expect((await deskFigures()).overdue).toBe(0);
    expect(
      (await call(desk.loader, makeRequest("/staff/sme?due=overdue", { cookie: staff.cookie }))).data.page.total,
    ).toBe(0);
    expect((await call(home.loader, makeRequest("/home", { cookie: staff.cookie }))).data.due.overdue).toBe(0);
    expect((await call(reports.loader, makeRequest("/staff/reports", { cookie: staff.cookie }))).data.overdue).toBe(0);

    onDay("2026-03-30");
    await keepSessionsAlive();
    expect((await post(staff, { intent: "status", status: "open" })).status).toBe(302);
    const pauses = [
      { from: PAUSED_ON, to: "2026-03-11" },
      { from: "2026-03-26", to: "2026-03-29" },
    ];
    expect(await dueOn()).toBe(addWorkingDays(COMPLETE_ON, 14, workCalendar(), pauses));
    expect((await deskFigures()).overdue).toBe(1);
  });
});
