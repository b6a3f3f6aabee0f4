import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import * as organisationPage from "../../app/routes/organisations.$id._index";
import * as myRecord from "../../app/routes/my.incubation.$id";
import * as recordPage from "../../app/routes/staff.incubation.$id";
import * as newRecord from "../../app/routes/staff.incubation.new";
import * as assessmentNew from "../../app/routes/staff.technology.assessments.new";
import * as enterprisePage from "../../app/routes/staff.technology.enterprises.$id";
import * as campaignPage from "../../app/routes/staff.technology.outreach.$id";
import * as outreachPage from "../../app/routes/staff.technology.outreach._index";
import { call, createOrganisation, createUser, makeRequest, type TestUser } from "../helpers/fixtures";

type Item = {
  source: string;
  date: string;
  title: string;
  statusKey: string | null;
  detail: string | null;
  href: string | null;
};

let staff: TestUser;
let founder: TestUser;
let enterprise = "";
let recordId = "";
let campaignId = "";

async function story(user: TestUser): Promise<Item[]> {
  const page = await call(
    organisationPage.loader,
    makeRequest(`/organisations/${enterprise}`, { cookie: user.cookie }),
    { id: enterprise },
  );
  expect(page.status).toBe(200);
  return page.data.story as Item[];
}

beforeAll(async () => {
  staff = await createUser("staff");
  founder = await createUser("applicant");
  enterprise = await createOrganisation("Công ty TNHH Cơ khí Trà Khúc", [founder.id]);
  await getDb().updateTable("organisations").set({ tax_code: "4300123457" }).where("id", "=", enterprise).execute();
  const incubator = await createOrganisation("Vườn ươm Sông Trà");
  await getDb()
    .updateTable("organisations")
    .set({ kind: "support_organisation" })
    .where("id", "=", incubator)
    .execute();

  // Reached by an outreach campaign, through the campaign page's "add by tax code".
  const created = await call(
    outreachPage.action,
    makeRequest("/staff/technology/outreach", {
      cookie: staff.cookie,
      form: { title: "Tờ rơi chương trình đổi mới công nghệ 2025", channel: "leaflet", heldOn: "2025-02-10" },
    }),
  );
  campaignId = created.location!.split("/").pop()!;
  const added = await call(
    campaignPage.action,
    makeRequest(`/staff/technology/outreach/${campaignId}`, { cookie: staff.cookie, form: { taxCode: "4300123457" } }),
    { id: campaignId },
  );
  expect(added.status).toBe(302);

  // Consulted at the department, then visited on site.
  for (const [kind, heldOn, findings] of [
    ["consultation", "2025-03-05", "Doanh nghiệp cần thay dây chuyền hàn thủ công."],
    ["field_visit", "2025-04-12", "Xưởng hàn còn dùng máy hàn hồ quang đời cũ."],
  ]) {
    const logged = await call(
      enterprisePage.action,
      makeRequest(`/staff/technology/enterprises/${enterprise}`, {
        cookie: staff.cookie,
        form: { kind, heldOn, staffNames: "Phòng QLCN", findings, advice: "Lập dự án đổi mới công nghệ." },
      }),
      { id: enterprise },
    );
    expect(logged.status).toBe(302);
  }

  // Assessed.
  const form: Record<string, string> = { organisationId: enterprise, year: "2025", assessedOn: "2025-05-20" };
  const criteria = await getDb().selectFrom("tech_level_criteria").select(["code", "max_points"]).execute();
  for (const c of criteria) form[`score_${c.code}`] = String(c.max_points * 0.6).replace(".", ",");
  const assessed = await call(
    assessmentNew.action,
    makeRequest("/staff/technology/assessments/new", { cookie: staff.cookie, form }),
  );
  expect(assessed.status).toBe(302);

  // Incubated, reporting on its first quarter and reaching a milestone.
  const opened = await call(
    newRecord.action,
    makeRequest("/staff/incubation/new", {
      cookie: staff.cookie,
      form: {
        organisationId: enterprise,
        incubatorId: incubator,
        startedOn: "2025-01-01",
        plannedEndOn: "2030-12-31",
        reportPeriodMonths: "3",
      },
    }),
  );
  expect(opened.status).toBe(302);
  recordId = opened.location!.split("/").pop()!;
  const reported = await call(
    myRecord.action,
    makeRequest(`/my/incubation/${recordId}`, {
      cookie: founder.cookie,
      form: {
        periodStart: "2025-01-01",
        revenueVnd: "80.000.000",
        employees: "6",
        customers: "12",
        capitalRaisedVnd: "0",
        ipApplications: "0",
        productsLaunched: "1",
        narrative: "Hoàn thành mẫu máy hàn bán tự động đầu tiên.",
      },
    }),
    { id: recordId },
  );
  expect(reported.status).toBe(302);
  const staffPost = (form: Record<string, string>) =>
    call(recordPage.action, makeRequest(`/staff/incubation/${recordId}`, { cookie: staff.cookie, form }), {
      id: recordId,
    });
  expect((await staffPost({ intent: "milestone", title: "Chạy thử dây chuyền", dueOn: "2025-06-30" })).status).toBe(
    302,
  );
  const milestone = await getDb()
    .selectFrom("milestones")
    .select("id")
    .where("record_id", "=", recordId)
    .executeTakeFirstOrThrow();
  expect((await staffPost({ intent: "milestoneDone", milestoneId: milestone.id, doneOn: "2025-06-15" })).status).toBe(
    302,
  );
});

describe("the organisation's whole story", () => {
  it("shows staff an enterprise reached, consulted, visited, assessed and reporting, each linking to its record", async () => {
    const items = await story(staff);
    const ids = await getDb()
      .selectFrom("tech_consultations")
      .select(["id", "kind"])
      .where("organisation_id", "=", enterprise)
      .execute();
    const consultation = ids.find((c) => c.kind === "consultation")!.id;
    const visit = ids.find((c) => c.kind === "field_visit")!.id;
    const assessment = await getDb()
      .selectFrom("tech_assessments")
      .select("id")
      .where("organisation_id", "=", enterprise)
      .executeTakeFirstOrThrow();
    const report = await getDb()
      .selectFrom("progress_reports")
      .select("id")
      .where("record_id", "=", recordId)
      .executeTakeFirstOrThrow();
    expect(items).toContainEqual(
      expect.objectContaining({
        source: "outreach",
        date: "2025-02-10",
        title: "Tờ rơi chương trình đổi mới công nghệ 2025",
        statusKey: "technology.channels.leaflet",
        href: `/staff/technology/outreach/${campaignId}`,
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        source: "consultation",
        date: "2025-03-05",
        title: "Doanh nghiệp cần thay dây chuyền hàn thủ công.",
        statusKey: "technology.consultationKinds.consultation",
        detail: "Phòng QLCN – Lập dự án đổi mới công nghệ.",
        href: `/staff/technology/enterprises/${enterprise}#consultation-${consultation}`,
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        source: "field_visit",
        date: "2025-04-12",
        title: "Xưởng hàn còn dùng máy hàn hồ quang đời cũ.",
        href: `/staff/technology/enterprises/${enterprise}#consultation-${visit}`,
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        source: "assessment",
        date: "2025-05-20",
        href: `/staff/technology/enterprises/${enterprise}#assessment-${assessment.id}`,
      }),
    );
    expect(items.find((i) => i.source === "assessment")!.title).toMatch(/\(2025\)$/);
    expect(items).toContainEqual(
      expect.objectContaining({
        source: "progress_report",
        title: "Hoàn thành mẫu máy hàn bán tự động đầu tiên.",
        detail: "Vườn ươm Sông Trà",
        href: `/staff/incubation/${recordId}#report-${report.id}`,
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        source: "milestone",
        date: "2025-06-15",
        title: "Chạy thử dây chuyền",
        href: `/staff/incubation/${recordId}`,
      }),
    );
    // Newest first: the report (filed today), the milestone, the assessment, the visit, the consultation, the
    // outreach, and the incubation that began in January.
    expect(items.map((i) => i.source)).toEqual([
      "progress_report",
      "milestone",
      "assessment",
      "field_visit",
      "consultation",
      "outreach",
      "incubation",
    ]);
  });

  it("shows the enterprise's own member its reports and milestones, but not the department's working records", async () => {
    const items = await story(founder);
    const sources = new Set(items.map((i) => i.source));
    expect(sources.has("progress_report")).toBe(true);
    expect(sources.has("milestone")).toBe(true);
    for (const hidden of ["outreach", "consultation", "field_visit", "assessment"])
      expect(sources.has(hidden)).toBe(false);
    expect(items.find((i) => i.source === "progress_report")!.href).toMatch(
      new RegExp(`^/my/incubation/${recordId}#report-`),
    );
    expect(items.every((i) => !i.href?.startsWith("/staff/"))).toBe(true);
  });

  it("sorts a day among timestamps as the start of that day in the province", async () => {
    // A milestone done on 16/06 sorts after (newer than) a report filed at 23:30 on 15/06 province time.
    const now = "2025-06-15T16:30:00.000Z";
    await getDb()
      .updateTable("progress_reports")
      .set({ submitted_at: now })
      .where("record_id", "=", recordId)
      .execute();
    await getDb().updateTable("milestones").set({ done_on: "2025-06-16" }).where("record_id", "=", recordId).execute();
    const order = (await story(staff)).map((i) => i.source);
    expect(order.indexOf("milestone")).toBeLessThan(order.indexOf("progress_report"));
    await getDb().updateTable("milestones").set({ done_on: "2025-06-15" }).where("record_id", "=", recordId).execute();
    const again = (await story(staff)).map((i) => i.source);
    expect(again.indexOf("progress_report")).toBeLessThan(again.indexOf("milestone"));
  });
});
