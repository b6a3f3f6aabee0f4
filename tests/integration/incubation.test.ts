import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { getDb } from "../../app/lib/db.server";
import * as myRecord from "../../app/routes/my.incubation.$id";
import * as myList from "../../app/routes/my.incubation._index";
import * as recordPage from "../../app/routes/staff.incubation.$id";
import * as board from "../../app/routes/staff.incubation._index";
import * as exportRoute from "../../app/routes/staff.incubation.export";
import * as newRecord from "../../app/routes/staff.incubation.new";
import * as incubatorPage from "../../app/routes/staff.incubators.$id";
import * as incubatorList from "../../app/routes/staff.incubators._index";
import { runScheduledJobs } from "../../app/scheduled-jobs.server";
import { call, createOrganisation, createUser, makeRequest, type TestUser } from "../helpers/fixtures";

const vi = translator("vi") as unknown as (key: string) => string;

let staff: TestUser;
let leader: TestUser;
let judge: TestUser;
let managerA: TestUser;
let managerB: TestUser;
let founderA: TestUser;
let founderB: TestUser;
let incubatorA = "";
let incubatorB = "";
let startupA = "";
let startupB = "";
let expert = "";
let recordA = "";
let recordB = "";

async function supportOrganisation(name: string, members: string[]): Promise<string> {
  const id = await createOrganisation(name, members);
  await getDb().updateTable("organisations").set({ kind: "support_organisation" }).where("id", "=", id).execute();
  return id;
}

async function count(
  table:
    | "incubator_profiles"
    | "incubation_reminders"
    | "incubation_records"
    | "incubation_mentors"
    | "incubation_services"
    | "milestones"
    | "progress_reports"
    | "audit_events"
    | "outbox_messages",
): Promise<number> {
  const row = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function open(startup: string, incubator: string, startedOn = "2024-01-01"): Promise<string> {
  const result = await call(
    newRecord.action,
    makeRequest("/staff/incubation/new", {
      cookie: staff.cookie,
      form: {
        organisationId: startup,
        incubatorId: incubator,
        startedOn,
        plannedEndOn: "2030-12-31",
        reportPeriodMonths: "3",
      },
    }),
  );
  expect(result.status).toBe(302);
  return result.location!.split("/").pop()!;
}

beforeAll(async () => {
  staff = await createUser("staff");
  leader = await createUser("leader");
  judge = await createUser("judge");
  managerA = await createUser("incubator_manager");
  managerB = await createUser("incubator_manager");
  founderA = await createUser("applicant");
  founderB = await createUser("applicant");
  incubatorA = await supportOrganisation("Vườn ươm A", [managerA.id]);
  incubatorB = await supportOrganisation("Trung tâm B", [managerB.id]);
  startupA = await createOrganisation("Nhóm khởi nghiệp A", [founderA.id], "startup_team");
  startupB = await createOrganisation("Nhóm khởi nghiệp B", [founderB.id], "startup_team");
  expert = await createOrganisation("Chuyên gia C");
  await getDb().updateTable("organisations").set({ kind: "expert" }).where("id", "=", expert).execute();
  recordA = await open(startupA, incubatorA);
  recordB = await open(startupB, incubatorB);
});

describe("opening a record", () => {
  it("audits the opening of each record", async () => {
    const events = await getDb()
      .selectFrom("audit_events")
      .select("entity_id")
      .where("action", "=", "incubation.opened")
      .execute();
    expect(events.map((e) => e.entity_id)).toEqual(expect.arrayContaining([recordA, recordB]));
  });

  it.each([
    [
      "no incubator",
      { organisationId: "x", startedOn: "2024-01-01", plannedEndOn: "2025-01-01" },
      "incubatorId",
      "errors.required",
    ],
    [
      "neither a winner nor an organisation",
      { incubatorId: "x", startedOn: "2024-01-01", plannedEndOn: "2025-01-01" },
      "awardId",
      "incubation.problems.oneSource",
    ],
    [
      "an end before the start",
      { organisationId: "x", incubatorId: "x", startedOn: "2024-01-01", plannedEndOn: "2023-01-01" },
      "plannedEndOn",
      "incubation.problems.endBeforeStart",
    ],
    [
      "a date that does not exist",
      { organisationId: "x", incubatorId: "x", startedOn: "2024-02-30", plannedEndOn: "2025-01-01" },
      "startedOn",
      "errors.invalidDate",
    ],
    [
      "a period of 0 months",
      {
        organisationId: "x",
        incubatorId: "x",
        startedOn: "2024-01-01",
        plannedEndOn: "2025-01-01",
        reportPeriodMonths: "0",
      },
      "reportPeriodMonths",
      null,
    ],
  ])("refuses %s with a Vietnamese message and stores nothing", async (_, form, field, key) => {
    const before = await count("incubation_records");
    const result = await call(
      newRecord.action,
      makeRequest("/staff/incubation/new", { cookie: staff.cookie, form: form as Record<string, string> }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors[field]).toBeTruthy();
    if (key) expect(result.data.errors[field]).toBe(vi(key));
    expect(await count("incubation_records")).toBe(before);
  });

  it("refuses an incubator that is not a support organisation, and a support organisation as the startup", async () => {
    const before = await count("incubation_records");
    const notIncubator = await call(
      newRecord.action,
      makeRequest("/staff/incubation/new", {
        cookie: staff.cookie,
        form: { organisationId: startupA, incubatorId: expert, startedOn: "2024-01-01", plannedEndOn: "2025-01-01" },
      }),
    );
    expect(notIncubator.status).toBe(400);
    expect(notIncubator.data.errors.incubatorId).toBe(vi("incubation.problems.notAnIncubator"));
    const notStartup = await call(
      newRecord.action,
      makeRequest("/staff/incubation/new", {
        cookie: staff.cookie,
        form: {
          organisationId: incubatorB,
          incubatorId: incubatorA,
          startedOn: "2024-01-01",
          plannedEndOn: "2025-01-01",
        },
      }),
    );
    expect(notStartup.status).toBe(400);
    expect(await count("incubation_records")).toBe(before);
  });

  it.each(["leader", "applicant", "judge"] as const)("refuses the new-record page to a %s", async (role) => {
    const user = { leader, applicant: founderA, judge }[role];
    expect((await call(newRecord.loader, makeRequest("/staff/incubation/new", { cookie: user.cookie }))).status).toBe(
      403,
    );
    expect(
      (
        await call(
          newRecord.action,
          makeRequest("/staff/incubation/new", {
            cookie: user.cookie,
            form: {
              organisationId: startupA,
              incubatorId: incubatorA,
              startedOn: "2024-01-01",
              plannedEndOn: "2025-01-01",
            },
          }),
        )
      ).status,
    ).toBe(403);
  });
});

describe("leaders read incubation records", () => {
  it("opens a record to a leader without offering any change", async () => {
    const page = await call(recordPage.loader, makeRequest(`/staff/incubation/${recordA}`, { cookie: leader.cookie }), {
      id: recordA,
    });
    expect(page.status).toBe(200);
    expect(page.data.canKeep).toBe(false);
    expect(page.data.events).toEqual([]);
  });

  it.each([
    ["milestone", { title: "Mốc của lãnh đạo", dueOn: "2025-01-01" }],
    ["status", { event: "pause", reason: "Tạm dừng" }],
    ["mentor", { mentorId: "khong-co" }],
    ["service", { kind: "consulting", providedOn: "2024-02-01", valueVnd: "1000000" }],
    ["milestoneDone", { milestoneId: "khong-co", doneOn: "2024-02-01" }],
    ["comment", { reportId: "khong-co", comment: "Nhận xét" }],
  ] as const)("refuses a leader's %s and stores nothing", async (intent, fields) => {
    const [milestonesBefore, auditBefore] = [await count("milestones"), await count("audit_events")];
    const result = await call(
      recordPage.action,
      makeRequest(`/staff/incubation/${recordA}`, { cookie: leader.cookie, form: { intent, ...fields } }),
      { id: recordA },
    );
    expect(result.status).toBe(403);
    expect(await count("milestones")).toBe(milestonesBefore);
    expect(await count("audit_events")).toBe(auditBefore);
  });
});

describe("who sees which record", () => {
  it("shows staff and leaders every record on the board", async () => {
    for (const user of [staff, leader]) {
      const result = await call(board.loader, makeRequest("/staff/incubation?size=100", { cookie: user.cookie }));
      expect(result.data.page.rows.map((r: { id: string }) => r.id)).toEqual(
        expect.arrayContaining([recordA, recordB]),
      );
    }
  });

  it("shows an incubator manager only their own incubator's records, on the board, in the export and by URL", async () => {
    const list = await call(board.loader, makeRequest("/staff/incubation", { cookie: managerA.cookie }));
    expect(list.data.page.rows.map((r: { id: string }) => r.id)).toEqual([recordA]);
    expect(list.data.totals.incubated).toBe(1);
    expect(list.data.incubators.map((i: { id: string }) => i.id)).toEqual([incubatorA]);
    const filtered = await call(
      board.loader,
      makeRequest(`/staff/incubation?incubator=${incubatorB}`, { cookie: managerA.cookie }),
    );
    expect(filtered.data.page.rows).toEqual([]);
    const csv = await call(
      exportRoute.loader,
      makeRequest("/staff/incubation/export?format=csv", { cookie: managerA.cookie }),
    );
    expect(csv.data).toContain("Nhóm khởi nghiệp A");
    expect(csv.data).not.toContain("Nhóm khởi nghiệp B");
    expect(
      (
        await call(recordPage.loader, makeRequest(`/staff/incubation/${recordA}`, { cookie: managerA.cookie }), {
          id: recordA,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(recordPage.loader, makeRequest(`/staff/incubation/${recordB}`, { cookie: managerA.cookie }), {
          id: recordB,
        })
      ).status,
    ).toBe(404);
    const before = await count("milestones");
    const write = await call(
      recordPage.action,
      makeRequest(`/staff/incubation/${recordB}`, {
        cookie: managerA.cookie,
        form: { intent: "milestone", title: "Mốc lạ", dueOn: "2025-01-01" },
      }),
      { id: recordB },
    );
    expect(write.status).toBe(404);
    expect(await count("milestones")).toBe(before);
  });

  it("lets an incubator manager keep their own record", async () => {
    const result = await call(
      recordPage.action,
      makeRequest(`/staff/incubation/${recordA}`, {
        cookie: managerA.cookie,
        form: { intent: "mentor", mentorId: expert },
      }),
      { id: recordA },
    );
    expect(result.status).toBe(302);
    expect(
      await getDb()
        .selectFrom("incubation_mentors")
        .select("organisation_id")
        .where("record_id", "=", recordA)
        .execute(),
    ).toEqual([{ organisation_id: expert }]);
  });

  it("shows a startup only its own records, and refuses the staff pages", async () => {
    const mine = await call(myList.loader, makeRequest("/my/incubation", { cookie: founderA.cookie }));
    expect(mine.data.records.map((r: { id: string }) => r.id)).toEqual([recordA]);
    expect(
      (
        await call(myRecord.loader, makeRequest(`/my/incubation/${recordA}`, { cookie: founderA.cookie }), {
          id: recordA,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(myRecord.loader, makeRequest(`/my/incubation/${recordB}`, { cookie: founderA.cookie }), {
          id: recordB,
        })
      ).status,
    ).toBe(404);
    expect((await call(board.loader, makeRequest("/staff/incubation", { cookie: founderA.cookie }))).status).toBe(403);
    expect(
      (
        await call(recordPage.loader, makeRequest(`/staff/incubation/${recordA}`, { cookie: founderA.cookie }), {
          id: recordA,
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(exportRoute.loader, makeRequest("/staff/incubation/export", { cookie: founderA.cookie }))).status,
    ).toBe(403);
  });

  it("refuses a judge every incubation page", async () => {
    expect((await call(board.loader, makeRequest("/staff/incubation", { cookie: judge.cookie }))).status).toBe(403);
    expect(
      (
        await call(recordPage.loader, makeRequest(`/staff/incubation/${recordA}`, { cookie: judge.cookie }), {
          id: recordA,
        })
      ).status,
    ).toBe(403);
    expect((await call(myList.loader, makeRequest("/my/incubation", { cookie: judge.cookie }))).status).toBe(403);
    expect(
      (await call(myRecord.loader, makeRequest(`/my/incubation/${recordA}`, { cookie: judge.cookie }), { id: recordA }))
        .status,
    ).toBe(403);
  });

  it("sends an anonymous visitor to the login page", async () => {
    for (const [fn, path, params] of [
      [board.loader, "/staff/incubation", {}],
      [recordPage.loader, `/staff/incubation/${recordA}`, { id: recordA }],
      [myList.loader, "/my/incubation", {}],
      [myRecord.loader, `/my/incubation/${recordA}`, { id: recordA }],
      [exportRoute.loader, "/staff/incubation/export", {}],
      [newRecord.loader, "/staff/incubation/new", {}],
    ] as const) {
      const result = await call(fn, makeRequest(path), params);
      expect(result.status).toBe(302);
      expect(result.location).toContain("/login");
    }
  });
});

describe("keeping a record", () => {
  const post = (form: Record<string, string>, user = staff, id = recordA) =>
    call(recordPage.action, makeRequest(`/staff/incubation/${id}`, { cookie: user.cookie, form }), { id });

  it.each([
    ["a stop without a reason", { intent: "status", event: "stop" }, "reason", "incubation.problems.reasonRequired"],
    ["an unknown action", { intent: "status", event: "explode" }, "event", "errors.invalidChoice"],
    [
      "a malformed tax code",
      { intent: "status", event: "found_business", taxCode: "12ab", registeredName: "Công ty TNHH A" },
      "taxCode",
      "errors.taxCode",
    ],
    [
      "a business founded without a tax code",
      { intent: "status", event: "found_business", registeredName: "Công ty TNHH A" },
      "taxCode",
      "incubation.problems.taxCodeRequired",
    ],
    [
      "a business founded without its registered name",
      { intent: "status", event: "found_business", taxCode: "4300555555" },
      "registeredName",
      "incubation.problems.registeredNameRequired",
    ],
    [
      "a mentor who is not an expert",
      { intent: "mentor", mentorId: "nobody" },
      "mentorId",
      "incubation.problems.notAnExpert",
    ],
    [
      "a service of no known kind",
      { intent: "service", kind: "party", providedOn: "2024-02-01", valueVnd: "1000" },
      "kind",
      "errors.invalidChoice",
    ],
    [
      "a service with a negative value",
      { intent: "service", kind: "consulting", providedOn: "2024-02-01", valueVnd: "-5" },
      "valueVnd",
      null,
    ],
    ["a milestone without a title", { intent: "milestone", dueOn: "2024-06-30" }, "title", "errors.required"],
    [
      "a milestone with a bad date",
      { intent: "milestone", title: "Ra mắt", dueOn: "30/06/2024" },
      "dueOn",
      "errors.invalidDate",
    ],
    [
      "a milestone done in the future",
      { intent: "milestoneDone", milestoneId: "x", doneOn: "2999-01-01" },
      "doneOn",
      "incubation.problems.doneInFuture",
    ],
    ["an empty comment", { intent: "comment", reportId: "x", comment: " " }, "comment", "errors.required"],
  ])("refuses %s with a Vietnamese message and stores nothing", async (_, form, field, key) => {
    const before = await Promise.all([
      count("incubation_mentors"),
      count("incubation_services"),
      count("milestones"),
      count("audit_events"),
    ]);
    const status = (
      await getDb()
        .selectFrom("incubation_records")
        .select("status")
        .where("id", "=", recordA)
        .executeTakeFirstOrThrow()
    ).status;
    const result = await post(form);
    expect(result.status).toBe(400);
    expect(result.data.errors[field]).toBeTruthy();
    if (key) expect(result.data.errors[field]).toBe(vi(key));
    expect(
      await Promise.all([
        count("incubation_mentors"),
        count("incubation_services"),
        count("milestones"),
        count("audit_events"),
      ]),
    ).toEqual(before);
    expect(
      (
        await getDb()
          .selectFrom("incubation_records")
          .select("status")
          .where("id", "=", recordA)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe(status);
  });

  it("adds two milestones, marks one done and flags the other overdue, with an audit for each", async () => {
    expect((await post({ intent: "milestone", title: "Hoàn thiện sản phẩm", dueOn: "2024-03-31" })).status).toBe(302);
    expect((await post({ intent: "milestone", title: "Ra mắt thị trường", dueOn: "2024-06-30" })).status).toBe(302);
    const [first] = await getDb()
      .selectFrom("milestones")
      .select("id")
      .where("record_id", "=", recordA)
      .orderBy("due_on")
      .execute();
    expect((await post({ intent: "milestoneDone", milestoneId: first.id, doneOn: "2024-04-02" })).status).toBe(302);
    const page = await call(recordPage.loader, makeRequest(`/staff/incubation/${recordA}`, { cookie: staff.cookie }), {
      id: recordA,
    });
    expect(page.data.milestones.map((m: { state: string }) => m.state)).toEqual(["done_late", "overdue"]);
    const board1 = await call(board.loader, makeRequest("/staff/incubation", { cookie: managerA.cookie }));
    expect(board1.data.page.rows[0].overdue_milestones).toBe(1);
    const actions = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", recordA)
      .execute();
    expect(actions.filter((a) => a.action === "incubation.milestone_added")).toHaveLength(2);
    expect(actions.filter((a) => a.action === "incubation.milestone_done")).toHaveLength(1);
  });

  it("refuses a business founded with a tax code held by another organisation, naming it, storing nothing", async () => {
    const other = await createOrganisation("Công ty TNHH Khác");
    await getDb().updateTable("organisations").set({ tax_code: "4300999999" }).where("id", "=", other).execute();
    const before = await count("audit_events");
    const result = await post({
      intent: "status",
      event: "found_business",
      taxCode: "4300999999",
      registeredName: "Công ty TNHH A",
    });
    expect(result.status).toBe(400);
    expect(result.data.errors.taxCode).toBe(
      (translator("vi") as unknown as (key: string, o: object) => string)("incubation.problems.taxCodeTaken", {
        name: "Công ty TNHH Khác",
      }),
    );
    expect(result.data.errors.taxCode).toContain("“Công ty TNHH Khác”");
    expect(result.data.errors.taxCode).toContain("/organisations/duplicates");
    expect(await count("audit_events")).toBe(before);
    expect(
      (
        await getDb()
          .selectFrom("incubation_records")
          .select("status")
          .where("id", "=", recordA)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("incubating");
  });

  it("records a service in đồng", async () => {
    expect(
      (
        await post({
          intent: "service",
          kind: "workspace",
          providedOn: "2024-01-05",
          valueVnd: "1.500.000",
          note: "Chỗ ngồi",
        })
      ).status,
    ).toBe(302);
    const service = await getDb()
      .selectFrom("incubation_services")
      .selectAll()
      .where("record_id", "=", recordA)
      .executeTakeFirstOrThrow();
    expect(service.value_vnd).toBe(1_500_000);
  });

  it("audits a status change with its reason, and refuses one the state machine does not allow", async () => {
    expect((await post({ intent: "status", event: "pause", reason: "Nhóm tạm nghỉ" }, staff, recordB)).status).toBe(
      302,
    );
    const event = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", recordB)
      .where("action", "=", "incubation.status_changed")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before_json!)).toEqual({ status: "incubating" });
    expect(JSON.parse(event.after_json!).status).toBe("paused");
    expect(event.reason).toBe("Nhóm tạm nghỉ");
    const refused = await post({ intent: "status", event: "graduate" }, staff, recordB);
    expect(refused.status).toBe(400);
    expect(refused.data.errors._form).toBe(vi("incubation.problems.notAllowed"));
    expect((await post({ intent: "status", event: "resume" }, managerB, recordB)).status).toBe(302);
  });
});

describe("progress reports", () => {
  const report = (overrides: Record<string, string> = {}, user = founderA, id = recordA) =>
    call(
      myRecord.action,
      makeRequest(`/my/incubation/${id}`, {
        cookie: user.cookie,
        form: {
          periodStart: "2024-01-01",
          revenueVnd: "120.000.000",
          employees: "4",
          customers: "35",
          capitalRaisedVnd: "0",
          ipApplications: "1",
          productsLaunched: "1",
          narrative: "Mở rộng kênh bán hàng.",
          ...overrides,
        },
      }),
      { id },
    );

  it.each([
    ["no narrative", { narrative: "" }, "narrative", "errors.required"],
    ["employees that are not a number", { employees: "bốn" }, "employees", "errors.numberNotation"],
    ["no revenue (an empty field is not 0)", { revenueVnd: "" }, "revenueVnd", "errors.numberRequired"],
    [
      "a revenue with a fraction of a đồng (120,5 is not 1205)",
      { revenueVnd: "120,5" },
      "revenueVnd",
      "errors.wholeDong",
    ],
    ["negative customers", { customers: "-1" }, "customers", null],
    [
      "a period that is not the record's",
      { periodStart: "2024-02-01" },
      "periodStart",
      "incubation.problems.notAPeriod",
    ],
    ["a malformed period", { periodStart: "Q1-2024" }, "periodStart", "errors.invalidDate"],
  ])("refuses a report with %s, stores nothing", async (_, overrides, field, key) => {
    const before = await count("progress_reports");
    const result = await report(overrides);
    expect(result.status).toBe(400);
    expect(result.data.errors[field]).toBeTruthy();
    if (key) expect(result.data.errors[field]).toBe(vi(key));
    expect(await count("progress_reports")).toBe(before);
  });

  it("takes the startup's quarterly report once per period, audited, and shows it to staff with the KPIs", async () => {
    expect((await report()).status).toBe(302);
    const again = await report();
    expect(again.status).toBe(400);
    expect(again.data.errors.periodStart).toBe(vi("incubation.problems.alreadyReported"));
    const saved = await getDb()
      .selectFrom("progress_reports")
      .selectAll()
      .where("record_id", "=", recordA)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      period_start: "2024-01-01",
      period_end: "2024-03-31",
      revenue_vnd: 120_000_000,
      employees: 4,
      submitted_by: founderA.id,
    });
    expect(
      await getDb()
        .selectFrom("audit_events")
        .select("id")
        .where("entity_id", "=", recordA)
        .where("action", "=", "incubation.report_submitted")
        .execute(),
    ).toHaveLength(1);
    const page = await call(recordPage.loader, makeRequest(`/staff/incubation/${recordA}`, { cookie: staff.cookie }), {
      id: recordA,
    });
    expect(page.data.reports).toHaveLength(1);
    expect(
      (
        await call(
          recordPage.action,
          makeRequest(`/staff/incubation/${recordA}`, {
            cookie: staff.cookie,
            form: { intent: "comment", reportId: saved.id, comment: "Tốt." },
          }),
          { id: recordA },
        )
      ).status,
    ).toBe(302);
  });

  it("refuses a report on someone else's record, and from staff or managers", async () => {
    const before = await count("progress_reports");
    expect((await report({}, founderA, recordB)).status).toBe(404);
    expect((await report({}, managerA, recordA)).status).toBe(403);
    expect((await report({}, staff, recordA)).status).toBe(403);
    expect(await count("progress_reports")).toBe(before);
  });

  it("reminds the startups with missing reports by e-mail, audited", async () => {
    const mails = await count("outbox_messages");
    const result = await call(
      board.action,
      makeRequest("/staff/incubation", { cookie: staff.cookie, form: { intent: "remind" } }),
    );
    expect(result.status).toBe(302);
    const sent = await getDb()
      .selectFrom("outbox_messages")
      .select(["to_address", "subject"])
      .orderBy("created_at", "desc")
      .limit((await count("outbox_messages")) - mails)
      .execute();
    expect(sent.map((m) => m.to_address)).toEqual(expect.arrayContaining([founderA.email, founderB.email]));
    expect(sent[0].subject).toBe(vi("incubation.reminderSubject"));
    expect(
      await getDb().selectFrom("audit_events").select("id").where("action", "=", "incubation.reminded").execute(),
    ).not.toHaveLength(0);
    expect(
      (
        await call(
          board.action,
          makeRequest("/staff/incubation", { cookie: managerA.cookie, form: { intent: "remind" } }),
        )
      ).status,
    ).toBe(403);
  });

  it("sends a reminder once when staff press the button twice, and says when it went out and when it may go again", async () => {
    const first = await count("outbox_messages");
    const again = await call(
      board.action,
      makeRequest("/staff/incubation", { cookie: staff.cookie, form: { intent: "remind" } }),
    );
    expect(again.status).toBe(302);
    expect(await count("outbox_messages")).toBe(first);
    const page = await call(board.loader, makeRequest("/staff/incubation", { cookie: staff.cookie }));
    const last = await getDb()
      .selectFrom("outbox_messages")
      .select("created_at")
      .where("dedupe_key", "like", "incubation.reminder:%")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(page.data.lastReminder).toEqual({
      at: last.created_at,
      next: new Date(Date.parse(last.created_at) + 24 * 3_600_000).toISOString(),
    });
    // A day later the same press reminds again.
    await getDb()
      .updateTable("outbox_messages")
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000).toISOString() })
      .where("dedupe_key", "like", "incubation.reminder:%")
      .execute();
    await call(board.action, makeRequest("/staff/incubation", { cookie: staff.cookie, form: { intent: "remind" } }));
    expect(await count("outbox_messages")).toBeGreaterThan(first);
  });
});

describe("scheduled reminders", () => {
  it("remind each missing period once, then not again for a week, with the system as the actor", async () => {
    const db = getDb();
    await db.deleteFrom("incubation_reminders").execute();
    const mails = await count("outbox_messages");
    const first = await runScheduledJobs(db);
    expect(first.incubationReminders).toBeGreaterThan(0);
    const afterFirst = await count("outbox_messages");
    expect(afterFirst).toBeGreaterThan(mails);
    const audit = await db
      .selectFrom("audit_events")
      .select(["actor_id", "after_json"])
      .where("action", "=", "incubation.reminded")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
    expect((await runScheduledJobs(db)).incubationReminders).toBe(0);
    expect(await count("outbox_messages")).toBe(afterFirst);
    // A week later the same missing periods are reminded again.
    await db
      .updateTable("incubation_reminders")
      .set({ last_sent_at: new Date(Date.now() - 8 * 86_400_000).toISOString() })
      .execute();
    expect((await runScheduledJobs(db)).incubationReminders).toBe(first.incubationReminders);
    const times = await db.selectFrom("incubation_reminders").select("times_sent").execute();
    expect(times.every((r) => r.times_sent === 2)).toBe(true);
  });
});

describe("incubators", () => {
  it("lets staff declare capacity and services, refuses bad input with nothing stored, and lists what each hosts", async () => {
    const before = await count("incubator_profiles");
    const bad = await call(
      incubatorPage.action,
      makeRequest(`/staff/incubators/${incubatorA}`, {
        cookie: staff.cookie,
        form: { capacity: "0", servicesOffered: ["workspace", "teleport"] },
      }),
      { id: incubatorA },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors.capacity).toBeTruthy();
    expect(bad.data.errors.servicesOffered).toBe(vi("errors.invalidChoice"));
    expect(await count("incubator_profiles")).toBe(before);
    const ok = await call(
      incubatorPage.action,
      makeRequest(`/staff/incubators/${incubatorA}`, {
        cookie: staff.cookie,
        form: { capacity: "5", servicesOffered: ["training", "workspace"], description: "Không gian chung" },
      }),
      { id: incubatorA },
    );
    expect(ok.status).toBe(302);
    const profile = await getDb()
      .selectFrom("incubator_profiles")
      .selectAll()
      .where("organisation_id", "=", incubatorA)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({
      capacity: 5,
      services_offered: "workspace,training",
      description: "Không gian chung",
    });
    const list = await call(incubatorList.loader, makeRequest("/staff/incubators", { cookie: leader.cookie }));
    const row = list.data.incubators.find((i: { id: string }) => i.id === incubatorA);
    expect(row).toMatchObject({ capacity: 5, hosting: 1, all_time: 1 });
  });

  it("lets a manager keep only their own incubator's profile", async () => {
    const own = await call(
      incubatorPage.action,
      makeRequest(`/staff/incubators/${incubatorB}`, { cookie: managerB.cookie, form: { capacity: "3" } }),
      { id: incubatorB },
    );
    expect(own.status).toBe(302);
    const other = await call(
      incubatorPage.action,
      makeRequest(`/staff/incubators/${incubatorA}`, { cookie: managerB.cookie, form: { capacity: "99" } }),
      { id: incubatorA },
    );
    expect(other.status).toBe(404);
    expect(
      (
        await call(incubatorPage.loader, makeRequest(`/staff/incubators/${incubatorA}`, { cookie: managerB.cookie }), {
          id: incubatorA,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await getDb()
          .selectFrom("incubator_profiles")
          .select("capacity")
          .where("organisation_id", "=", incubatorA)
          .executeTakeFirstOrThrow()
      ).capacity,
    ).toBe(5);
    const list = await call(incubatorList.loader, makeRequest("/staff/incubators", { cookie: managerB.cookie }));
    expect(list.data.incubators.map((i: { id: string }) => i.id)).toEqual([incubatorB]);
    expect(
      (
        await call(
          incubatorPage.action,
          makeRequest(`/staff/incubators/${incubatorB}`, { cookie: leader.cookie, form: { capacity: "3" } }),
          { id: incubatorB },
        )
      ).status,
    ).toBe(403);
  });

  it("lets a manager open a record at their own incubator only, and refuses one over capacity", async () => {
    const startupC = await createOrganisation("Nhóm khởi nghiệp C", [], "startup_team");
    const before = await count("incubation_records");
    const elsewhere = await call(
      newRecord.action,
      makeRequest("/staff/incubation/new", {
        cookie: managerB.cookie,
        form: {
          organisationId: startupC,
          incubatorId: incubatorA,
          startedOn: "2025-01-01",
          plannedEndOn: "2026-01-01",
        },
      }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.data.errors.incubatorId).toBe(vi("incubation.problems.notYourIncubator"));
    const own = await call(
      newRecord.action,
      makeRequest("/staff/incubation/new", {
        cookie: managerB.cookie,
        form: {
          organisationId: startupC,
          incubatorId: incubatorB,
          startedOn: "2025-01-01",
          plannedEndOn: "2026-01-01",
        },
      }),
    );
    expect(own.status).toBe(302);
    await getDb()
      .updateTable("incubator_profiles")
      .set({ capacity: 1 })
      .where("organisation_id", "=", incubatorA)
      .execute();
    const full = await call(
      newRecord.action,
      makeRequest("/staff/incubation/new", {
        cookie: staff.cookie,
        form: {
          organisationId: startupC,
          incubatorId: incubatorA,
          startedOn: "2025-01-01",
          plannedEndOn: "2026-01-01",
        },
      }),
    );
    expect(full.status).toBe(400);
    expect(full.data.errors.incubatorId).toContain("sức chứa 1");
    expect(await count("incubation_records")).toBe(before + 1);
  });
});

describe("board totals", () => {
  it("split by start year add up to the totals", async () => {
    const { data } = await call(board.loader, makeRequest("/staff/incubation", { cookie: staff.cookie }));
    const sum = (key: "incubated" | "jobs" | "revenue_vnd") =>
      data.byYear.reduce((total: number, row: Record<string, number>) => total + row[key], 0);
    expect(data.byYear.map((r: { year: string }) => r.year)).toEqual(["2025", "2024"]);
    expect(sum("incubated")).toBe(data.totals.incubated);
    expect(sum("jobs")).toBe(data.totals.jobs);
    expect(sum("revenue_vnd")).toBe(data.totals.revenue_vnd);
  });

  it("equal independent counts of the records and their latest reports", async () => {
    await call(
      recordPage.action,
      makeRequest(`/staff/incubation/${recordB}`, {
        cookie: staff.cookie,
        form: {
          intent: "status",
          event: "found_business",
          taxCode: "4300123456",
          registeredName: "Công ty TNHH Khởi nghiệp B",
        },
      }),
      { id: recordB },
    );
    const { data } = await call(board.loader, makeRequest("/staff/incubation", { cookie: staff.cookie }));
    const db = getDb();
    const records = await db.selectFrom("incubation_records").select(["id", "status"]).execute();
    const reports = await db
      .selectFrom("progress_reports")
      .select(["record_id", "period_start", "employees", "revenue_vnd"])
      .execute();
    const latest = new Map<string, { period_start: string; employees: number }>();
    for (const r of reports)
      if (!latest.has(r.record_id) || latest.get(r.record_id)!.period_start < r.period_start)
        latest.set(r.record_id, r);
    expect(data.totals).toEqual({
      incubated: records.length,
      graduated: records.filter((r) => r.status === "graduated" || r.status === "business_founded").length,
      businesses: records.filter((r) => r.status === "business_founded").length,
      jobs: [...latest.values()].reduce((sum, r) => sum + r.employees, 0),
      revenue_vnd: reports.reduce((sum, r) => sum + r.revenue_vnd, 0),
    });
    expect(data.totals.businesses).toBe(1);
    const organisation = await db
      .selectFrom("organisations")
      .select(["tax_code", "kind"])
      .where("id", "=", startupB)
      .executeTakeFirstOrThrow();
    expect(organisation).toEqual({ tax_code: "4300123456", kind: "enterprise" });
  });
});

describe("founding a business", () => {
  const post = (form: Record<string, string>, user = staff, id = recordA) =>
    call(recordPage.action, makeRequest(`/staff/incubation/${id}`, { cookie: user.cookie, form }), { id });

  it("founds a business only as registered: the organisation becomes the enterprise, renamed, its old name in its history and story", async () => {
    const founder = await createUser("applicant");
    const team = await createOrganisation("Nhóm Nấm Bào Ngư", [founder.id], "startup_team");
    const record = await open(team, await supportOrganisation("Vườn ươm Nấm", []));
    const page = await call(recordPage.loader, makeRequest(`/staff/incubation/${record}`, { cookie: staff.cookie }), {
      id: record,
    });
    expect(page.data.record.startup_name).toBe("Nhóm Nấm Bào Ngư");
    const founded = await post(
      {
        intent: "status",
        event: "found_business",
        taxCode: "4300777777",
        registeredName: "Công ty TNHH Nấm Bào Ngư Quảng Ngãi",
      },
      staff,
      record,
    );
    expect(founded.status).toBe(302);
    const organisation = await getDb()
      .selectFrom("organisations")
      .selectAll()
      .where("id", "=", team)
      .executeTakeFirstOrThrow();
    expect([organisation.name, organisation.tax_code, organisation.kind]).toEqual([
      "Công ty TNHH Nấm Bào Ngư Quảng Ngãi",
      "4300777777",
      "enterprise",
    ]);
    const renamed = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", team)
      .where("action", "=", "organisation.renamed")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(renamed.before_json!).name).toBe("Nhóm Nấm Bào Ngư");
    expect(JSON.parse(renamed.after_json!).name).toBe("Công ty TNHH Nấm Bào Ngư Quảng Ngãi");
    const { organisationStory } = await import("../../app/modules/organisations/story.server");
    const story = await organisationStory(getDb(), team, { role: "applicant", member: true });
    expect(story.find((item) => item.source === "rename")).toMatchObject({
      title: "Nhóm Nấm Bào Ngư → Công ty TNHH Nấm Bào Ngư Quảng Ngãi",
      detail: "4300777777",
    });
  });

  it("counts no overdue milestone for a finished record, on the board or its page", async () => {
    const team = await createOrganisation("Nhóm Gốm Sa Huỳnh", [], "startup_team");
    const record = await open(team, await supportOrganisation("Vườn ươm Gốm", []));
    expect(
      (await post({ intent: "milestone", title: "Ra mắt sản phẩm", dueOn: "2024-06-30" }, staff, record)).status,
    ).toBe(302);
    const overdueOf = async () =>
      (await call(board.loader, makeRequest(`/staff/incubation?q=gom%20sa%20huynh`, { cookie: staff.cookie }))).data
        .page.rows[0].overdue_milestones;
    expect(await overdueOf()).toBe(1);
    expect((await post({ intent: "status", event: "graduate" }, staff, record)).status).toBe(302);
    expect(await overdueOf()).toBe(0);
    const page = await call(recordPage.loader, makeRequest(`/staff/incubation/${record}`, { cookie: staff.cookie }), {
      id: record,
    });
    expect(page.data.milestones.map((m: { state: string }) => m.state)).toEqual(["unfinished"]);
  });
});
