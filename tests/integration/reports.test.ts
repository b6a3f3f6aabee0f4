import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../db/seed";
import { translator } from "../../app/i18n";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { provinceDate } from "../../app/lib/province-time";
import { DATASET_KEYS, type DatasetKey } from "../../app/modules/reports/catalogue";
import {
  datasetOf,
  listDatasetRecords,
  recordListState,
  reportFigures,
  type DatasetFigures,
} from "../../app/modules/reports/datasets.server";
import { vnCount } from "../../app/modules/reports/drafting";
import { yearsOf, type Period } from "../../app/modules/reports/period";
import * as dashboard from "../../app/routes/staff.reports._index";
import * as drillDown from "../../app/routes/staff.reports.figures.$key";
import * as dashboardAnnex from "../../app/routes/staff.reports.annex[.]xlsx";
import * as drafts from "../../app/routes/staff.reports.drafts._index";
import * as draftPage from "../../app/routes/staff.reports.drafts.$id";
import * as draftDocx from "../../app/routes/staff.reports.drafts.$id_.bao-cao[.]docx";
import * as draftAnnex from "../../app/routes/staff.reports.drafts.$id_.phu-luc[.]xlsx";
import * as incubationBoard from "../../app/routes/staff.incubation._index";
import * as statistics from "../../app/routes/statistics";
import { createMou } from "../../app/modules/connections/commands.server";
import { MOU_FIELDS } from "../../app/modules/connections/rules";
import { actorOf } from "../helpers/competition";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";

/*
 * Every figure is checked against a count made here, in JavaScript, from the raw rows of the tables: no SQL of the
 * module is reused. The data is the demo seed plus records placed on the edges (a dossier filed at 23:00 on
 * 31 December in the province, drafts and withdrawn entries that must not count, an event on 1 January).
 */

type Counted = { part: string; organisation: string | null; amount: number | null; year: number };

const PERIODS: Period[] = [
  { from: "2021-01-01", to: "2025-12-31" },
  { from: "2022-01-01", to: "2022-12-31" },
  { from: "2023-07-01", to: "2024-06-30" },
  { from: "2015-01-01", to: "2026-12-31" },
];

const inPeriod = (date: string, period: Period) => date >= period.from && date <= period.to;
const yearOfDate = (date: string) => Number(date.slice(0, 4));

/** The records of each dataset, selected and filtered in plain JavaScript from whole tables. */
async function independentRecords(key: DatasetKey, period: Period): Promise<Counted[]> {
  const db = getDb();
  const [fromYear, toYear] = [yearOfDate(period.from), yearOfDate(period.to)];
  const editions = new Map((await db.selectFrom("competition_editions").selectAll().execute()).map((e) => [e.id, e]));
  const editionInPeriod = (id: string) => {
    const edition = editions.get(id)!;
    return edition.status === "published" && edition.year >= fromYear && edition.year <= toYear;
  };
  const byDate = <T>(
    rows: T[],
    date: (row: T) => string | null,
    map: (row: T, day: string) => Omit<Counted, "year">,
  ): Counted[] =>
    rows.flatMap((row) => {
      const value = date(row);
      if (!value) return [];
      const day = value.length > 10 ? provinceDate(value) : value;
      return inPeriod(day, period) ? [{ ...map(row, day), year: yearOfDate(day) }] : [];
    });
  switch (key) {
    case "editions":
      return [...editions.values()]
        .filter((e) => editionInPeriod(e.id))
        .map((e) => ({ part: e.results_status, organisation: null, amount: null, year: e.year }));
    case "entries": {
      const entries = await db.selectFrom("competition_entries").selectAll().execute();
      return entries
        .filter(
          (e) => e.submitted_at && e.status !== "draft" && e.status !== "withdrawn" && editionInPeriod(e.edition_id),
        )
        .map((e) => ({
          part: e.status,
          organisation: e.organisation_id,
          amount: null,
          year: editions.get(e.edition_id)!.year,
        }));
    }
    case "prizes": {
      const prizes = new Map((await db.selectFrom("competition_prizes").selectAll().execute()).map((p) => [p.id, p]));
      const awards = await db.selectFrom("prize_awards").selectAll().execute();
      return awards
        .filter((a) => editionInPeriod(a.edition_id) && editions.get(a.edition_id)!.results_status === "published")
        .map((a) => ({
          part: prizes.get(a.prize_id)!.rank_label,
          organisation: null,
          amount: prizes.get(a.prize_id)!.amount_vnd,
          year: editions.get(a.edition_id)!.year,
        }));
    }
    case "incubation":
    case "incubationAfterCompetition": {
      const records = (await db.selectFrom("incubation_records").selectAll().execute()).filter(
        (r) => key === "incubation" || r.source_award_id !== null,
      );
      return byDate(
        records,
        (r) => r.started_on,
        (r) => ({ part: r.status, organisation: r.organisation_id, amount: null }),
      );
    }
    case "smeDossiers":
    case "smeApproved":
    case "smePaid": {
      const column = key === "smeDossiers" ? "requested_vnd" : key === "smeApproved" ? "approved_vnd" : "paid_vnd";
      const dossiers = (await db.selectFrom("support_dossiers").selectAll().execute()).filter(
        (d) => d.status !== "draft" && d[column] !== null,
      );
      return byDate(
        dossiers,
        (d) => d.submitted_at,
        (d) => ({ part: d.status, organisation: d.organisation_id, amount: d[column] }),
      );
    }
    case "techOutreach": {
      const campaigns = new Map(
        (await db.selectFrom("tech_outreach_campaigns").selectAll().execute()).map((c) => [c.id, c]),
      );
      const recipients = await db.selectFrom("tech_outreach_recipients").selectAll().execute();
      return byDate(
        recipients,
        (r) => campaigns.get(r.campaign_id)!.held_on,
        (r) => ({ part: campaigns.get(r.campaign_id)!.channel, organisation: r.organisation_id, amount: null }),
      );
    }
    case "techConsultations":
      return byDate(
        await db.selectFrom("tech_consultations").selectAll().execute(),
        (c) => c.held_on,
        (c) => ({ part: c.kind, organisation: c.organisation_id, amount: null }),
      );
    case "techAssessments": {
      const bands = new Map(
        (await db.selectFrom("tech_level_bands").selectAll().execute()).map((b) => [b.code, b.name]),
      );
      return byDate(
        await db.selectFrom("tech_assessments").selectAll().execute(),
        (a) => a.assessed_on,
        (a) => ({ part: bands.get(a.level_code)!, organisation: a.organisation_id, amount: null }),
      );
    }
    case "techApplications": {
      const applications = (await db.selectFrom("tech_applications").selectAll().execute()).filter(
        (a) => a.status !== "draft",
      );
      return byDate(
        applications,
        (a) => a.submitted_at,
        (a) => ({ part: a.status, organisation: a.organisation_id, amount: a.requested_support_vnd }),
      );
    }
    case "techCertificates": {
      const applications = new Map(
        (await db.selectFrom("tech_applications").selectAll().execute()).map((a) => [a.id, a]),
      );
      const certificates = await db.selectFrom("tech_certificates").selectAll().execute();
      return byDate(
        certificates,
        (c) => c.issued_at,
        (c) => ({
          part: c.revoked_at ? "revoked" : (applications.get(c.application_id)!.implementation_status ?? "none"),
          organisation: applications.get(c.application_id)!.organisation_id,
          amount: null,
        }),
      );
    }
    case "techPipeline":
      return (await db.selectFrom("tech_enterprise_stages").selectAll().execute()).map((s) => ({
        part: s.stage,
        organisation: s.organisation_id,
        amount: null,
        year: 0,
      }));
    case "events": {
      const participants = await db.selectFrom("event_participants").select("event_id").execute();
      const listed = (id: string) => participants.filter((p) => p.event_id === id).length;
      return byDate(
        await db.selectFrom("connection_events").selectAll().execute(),
        (e) => e.starts_on,
        (e) => ({
          part: e.kind,
          organisation: null,
          amount: e.reported_people ?? e.reported_organisations ?? listed(e.id),
        }),
      );
    }
    case "mous":
      return byDate(
        await db.selectFrom("mous").selectAll().execute(),
        (m) => m.signed_on,
        (m) => ({ part: m.pairing, organisation: null, amount: null }),
      );
    case "mouFields": {
      const mous = new Map((await db.selectFrom("mous").selectAll().execute()).map((m) => [m.id, m]));
      return byDate(
        await db.selectFrom("mou_fields").selectAll().execute(),
        (f) => mous.get(f.mou_id)!.signed_on,
        (f) => ({ part: f.field, organisation: null, amount: null }),
      );
    }
  }
}

function expectSameFigures(key: DatasetKey, period: Period, actual: DatasetFigures, counted: Counted[]) {
  const definition = datasetOf(key);
  const organisations = (rows: Counted[]) => new Set(rows.map((r) => r.organisation)).size;
  const amount = (rows: Counted[]) => rows.reduce((sum, r) => sum + (r.amount ?? 0), 0);
  const label = `${key} ${period.from}…${period.to}`;
  expect(actual.total.records, label).toBe(counted.length);
  expect(actual.value, label).toBe(definition.measure === "organisations" ? organisations(counted) : counted.length);
  if (definition.amount) expect(actual.total.amount, label).toBe(amount(counted));
  const parts = [...new Set(counted.map((r) => r.part))].sort();
  expect(actual.byPart.map((p) => p.part).sort(), label).toEqual(parts);
  for (const part of actual.byPart) {
    const rows = counted.filter((r) => r.part === part.part);
    expect(part.records, `${label} ${part.part}`).toBe(rows.length);
    if (definition.measure === "organisations")
      expect(part.organisations, `${label} ${part.part}`).toBe(organisations(rows));
    if (definition.amount) expect(part.amount, `${label} ${part.part}`).toBe(amount(rows));
  }
  if (definition.snapshot) return;
  expect(actual.byYear.map((y) => y.year)).toEqual(yearsOf(period));
  for (const year of actual.byYear)
    expect(year.records, `${label} ${year.year}`).toBe(counted.filter((r) => r.year === year.year).length);
}

let staff: TestUser;
let leader: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  const db = getDb();
  await seedDemoData(db);
  staff = await createUser("staff");
  leader = await createUser("leader");
  applicant = await createUser("applicant");
  const now = new Date().toISOString();
  const dossier = await db.selectFrom("support_dossiers").selectAll().executeTakeFirstOrThrow();
  const edge = { ...dossier, receipt_seq: null, receipt_number: null, created_at: now, updated_at: now };
  // 23:00 on 31/12/2025 in UTC is 06:00 on 1/1/2026 in the province: a 2026 dossier.
  await db
    .insertInto("support_dossiers")
    .values({
      ...edge,
      id: newId(),
      status: "received",
      submitted_at: "2025-12-31T23:00:00.000Z",
      approved_vnd: 12_000_000,
      support_year: 2026,
    })
    .execute();
  // 16:00 UTC on 31/12/2025 is 23:00 in the province: still 2025.
  await db
    .insertInto("support_dossiers")
    .values({
      ...edge,
      id: newId(),
      status: "approved",
      submitted_at: "2025-12-31T16:00:00.000Z",
      approved_vnd: 7_500_000,
      support_year: 2025,
    })
    .execute();
  await db
    .insertInto("support_dossiers")
    .values({ ...edge, id: newId(), status: "draft", submitted_at: null, support_year: 2025 })
    .execute();
  const entry = await db.selectFrom("competition_entries").selectAll().executeTakeFirstOrThrow();
  await db
    .insertInto("competition_entries")
    .values({
      ...entry,
      id: newId(),
      status: "withdrawn",
      receipt_seq: null,
      receipt_number: null,
      organisation_id: (
        await db.selectFrom("organisations").select("id").where("kind", "=", "enterprise").executeTakeFirstOrThrow()
      ).id,
    })
    .execute();
  await db
    .insertInto("connection_events")
    .values({
      id: newId(),
      kind: "workshop",
      title: "Hội thảo đầu năm",
      title_search: "hoi thao dau nam",
      starts_on: "2021-01-01",
      ends_on: "2021-01-01",
      place: null,
      topic: null,
      summary: null,
      reported_organisations: 18,
      reported_people: null,
      count_note: null,
      created_by: staff.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
});

describe("figures", () => {
  it.each(PERIODS)("every figure of $from…$to equals the count made from the raw rows", async (period) => {
    const figures = await reportFigures(getDb(), period);
    for (const key of DATASET_KEYS) expectSameFigures(key, period, figures[key], await independentRecords(key, period));
  });

  it("the drill-down lists exactly the records a figure counts, also per category and per year", async () => {
    const period = PERIODS[0];
    const figures = await reportFigures(getDb(), period);
    for (const key of DATASET_KEYS) {
      const all = await listDatasetRecords(getDb(), key, period, recordListState(new URLSearchParams("size=100")));
      expect(all.page.total, key).toBe(figures[key].total.records);
      expect(all.measure.organisations ?? all.measure.records, key).toBe(figures[key].value);
      for (const part of figures[key].byPart) {
        const some = await listDatasetRecords(
          getDb(),
          key,
          period,
          recordListState(new URLSearchParams({ part: part.part, size: "100" })),
        );
        expect(some.page.total, `${key} ${part.part}`).toBe(part.records);
        expect(some.page.rows.every((row) => row.part === part.part)).toBe(true);
      }
    }
    const year2023 = await listDatasetRecords(
      getDb(),
      "mous",
      period,
      recordListState(new URLSearchParams("year=2023")),
    );
    expect(year2023.page.total).toBe(figures.mous.byYear.find((y) => y.year === 2023)!.records);
  });

  it("the drill-down page links each record to its own page and keeps the period", async () => {
    const result = await call(
      drillDown.loader,
      makeRequest("/staff/reports/figures/mous?from=2021&to=2025&sort=title&dir=asc", { cookie: leader.cookie }),
      { key: "mous" },
    );
    expect(result.status).toBe(200);
    expect(result.data.page.total).toBe(20);
    expect(result.data.page.rows[0].href).toMatch(/^\/staff\/mous\//);
    expect(result.data.params).toEqual({ from: "2021", to: "2025" });
    const titles = result.data.page.rows.map((row: { title: string }) => row.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(
      (
        await call(drillDown.loader, makeRequest("/staff/reports/figures/khong-co", { cookie: leader.cookie }), {
          key: "khong-co",
        })
      ).status,
    ).toBe(404);
  });

  it("the dashboard's figures are shared until the data changes: an MOU recorded through the portal counts at the next request", async () => {
    const page = () =>
      call(dashboard.loader, makeRequest("/staff/reports?from=2021&to=2026", { cookie: staff.cookie }));
    const before = (await page()).data.figures as Record<DatasetKey, DatasetFigures>;
    expect(((await page()).data.figures as typeof before).mous).toEqual(before.mous);
    const parties = await getDb().selectFrom("organisations").select("id").orderBy("id").limit(2).execute();
    const recorded = await createMou(
      getDb(),
      actorOf(staff),
      {
        partyIds: parties.map((p) => p.id),
        fields: [MOU_FIELDS[0]],
        signedOn: "2026-01-15",
        title: "Biên bản ghi nhớ đếm ngay trên bảng số liệu",
      },
      null,
      "127.0.0.1",
    );
    expect(recorded.ok).toBe(true);
    const after = (await page()).data.figures as typeof before;
    expect(after.mous.total.records).toBe(before.mous.total.records + 1);
    expect(after.mous.byYear.find((y) => y.year === 2026)!.records).toBe(
      before.mous.byYear.find((y) => y.year === 2026)!.records + 1,
    );
  });

  it("a wrong period is said next to the field and the default period is shown instead", async () => {
    const result = await call(
      dashboard.loader,
      makeRequest("/staff/reports?from=2025&to=2021", { cookie: staff.cookie }),
    );
    expect(result.status).toBe(200);
    expect(result.data.problem).toBe("order");
  });
});

describe("the report", () => {
  it("drafts the demo's 2021–2025 report with the seed report's phrasing and figures counted independently", async () => {
    const period = PERIODS[0];
    const created = await call(
      drafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: leader.cookie,
        form: {
          from: "2021",
          to: "2025",
          modules: ["competition", "incubation", "sme", "technology", "connections"],
          issuedOn: "2026-11-23",
          signerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
          signerName: "Nguyễn Văn A",
        },
      }),
    );
    expect(created.status).toBe(302);
    const id = created.location!.split("/").pop()!;
    const page = await call(draftPage.loader, makeRequest(`/staff/reports/drafts/${id}`, { cookie: leader.cookie }), {
      id,
    });
    const text = page.data.sections.map((s: { heading: string; text: string }) => `${s.heading}\n${s.text}`).join("\n");

    const count = async (key: DatasetKey, part?: string) =>
      (await independentRecords(key, period)).filter((r) => part === undefined || r.part === part).length;
    const organisations = async (key: DatasetKey) =>
      new Set((await independentRecords(key, period)).map((r) => r.organisation)).size;
    expect(text).toContain(`Cuộc thi đã nhận được ${vnCount(await count("entries"))} hồ sơ dự thi`);
    expect(text).toContain(
      `trao giải cho ${vnCount(await count("prizes"))} dự án, ý tưởng xuất sắc với ${vnCount(await count("prizes", "Giải Nhất"))} giải nhất, ${vnCount(await count("prizes", "Giải Nhì"))} giải nhì, ${vnCount(await count("prizes", "Giải Ba"))} giải ba và ${vnCount(await count("prizes", "Giải Khuyến khích"))} giải khuyến khích`,
    );
    expect(text).toContain(
      "trao giải cho 06 dự án, ý tưởng xuất sắc với 01 giải nhất, 01 giải nhì, 02 giải ba và 02 giải khuyến khích",
    );
    expect(text).toContain(
      `Sau Cuộc thi, có ${vnCount(await count("incubationAfterCompetition"))} dự án được tiếp tục ươm tạo`,
    );
    // "Completed incubation" is the board's figure: graduated, businesses founded included.
    const board = await call(
      incubationBoard.loader,
      makeRequest("/staff/incubation?size=100", { cookie: staff.cookie }),
    );
    const completed = (await count("incubation", "graduated")) + (await count("incubation", "business_founded"));
    expect(board.data.totals.graduated).toBe(completed);
    expect(text).toContain(
      `${vnCount(completed)} dự án đã hoàn thành ươm tạo (trong đó ${vnCount(await count("incubation", "business_founded"))} dự án đã thành lập doanh nghiệp)`,
    );
    const completedRecords = await call(
      drillDown.loader,
      makeRequest("/staff/reports/figures/incubation?from=2021&to=2025&part=graduated,business_founded", {
        cookie: staff.cookie,
      }),
      { key: "incubation" },
    );
    expect(completedRecords.data.page.total).toBe(completed);
    expect(text).toContain(`tiếp nhận ${vnCount(await count("smeDossiers"))} hồ sơ DNNVV tham gia Đề án`);
    expect(text).toContain(
      `hướng dẫn xây dựng hồ sơ cho ${vnCount(await organisations("techConsultations"))} doanh nghiệp`,
    );
    expect(text).toContain(`Cấp ${vnCount(await count("techCertificates"))} Giấy xác nhận tham gia Chương trình`);
    expect(text).toContain(
      `${vnCount(await count("mous"))} biên bản ghi nhớ được ký kết giữa doanh nghiệp với doanh nghiệp (${vnCount(await count("mous", "enterprise_enterprise"))})`,
    );
    expect(text).toContain("20 biên bản ghi nhớ");
    expect(text).toContain("Đề án đang tạm dừng");

    const audit = await getDb().selectFrom("audit_events").selectAll().where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["reports.draft_created"]);
    expect(audit[0].actor_id).toBe(leader.id);
  });

  it("refuses a second edit made from the same version, naming who saved the first and what it changed, and keeps the first", async () => {
    const created = await call(
      drafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: staff.cookie,
        form: { from: "2021", to: "2025", modules: ["connections"], issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" },
      }),
    );
    const id = created.location!.split("/").pop()!;
    const before = await getDb().selectFrom("report_drafts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const sections = JSON.parse(before.sections_json) as { heading: string; text: string }[];
    const formOf = (fields: Record<string, string>) => {
      const form: Record<string, string> = {
        intent: "save",
        version: String(before.version),
        referenceNumber: "",
        issuedOn: "2026-11-23",
        subtitle: before.subtitle,
        addressee: before.addressee,
        introduction: before.introduction,
        recipients: before.recipients,
        signerTitle: "GIÁM ĐỐC",
        signerName: "",
        ...fields,
      };
      sections.forEach((section, index) => {
        form[`heading_${index}`] = section.heading;
        form[`text_${index}`] = section.text;
      });
      return form;
    };
    const other = await createUser("leader", { fullName: "Võ Minh Quân" });
    expect(
      (
        await call(
          draftPage.action,
          makeRequest(`/staff/reports/drafts/${id}`, {
            cookie: other.cookie,
            form: formOf({ referenceNumber: "130/BC-SKHCN" }),
          }),
          { id },
        )
      ).status,
    ).toBe(302);
    const late = await call(
      draftPage.action,
      makeRequest(`/staff/reports/drafts/${id}`, { cookie: staff.cookie, form: formOf({ signerName: "Trần Thị B" }) }),
      { id },
    );
    expect(late.status).toBe(409);
    expect(late.data.errors._form).toMatch(/^Võ Minh Quân đã lưu thay đổi lúc/);
    expect(late.data.errors.referenceNumber).toBe("Người khác vừa sửa thành: 130/BC-SKHCN");
    expect(late.data.values.signerName).toBe("Trần Thị B");
    expect(
      await getDb().selectFrom("report_drafts").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
    ).toMatchObject({ reference_number: "130/BC-SKHCN", signer_name: "" });
  });

  it("saves staff's edits, refuses bad input next to its field without writing, and exports the saved text as DOCX", async () => {
    const created = await call(
      drafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: staff.cookie,
        form: {
          from: "2021",
          to: "2025",
          modules: ["competition", "connections"],
          issuedOn: "2026-11-23",
          signerTitle: "GIÁM ĐỐC",
        },
      }),
    );
    const id = created.location!.split("/").pop()!;
    const before = await getDb().selectFrom("report_drafts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const sections = JSON.parse(before.sections_json) as { heading: string; text: string }[];
    const form: Record<string, string> = {
      intent: "save",
      version: String(before.version),
      referenceNumber: "125/BC-SKHCN",
      issuedOn: "2026-11-25",
      subtitle: before.subtitle,
      addressee: "Ủy ban nhân dân tỉnh Quảng Ngãi",
      introduction: before.introduction,
      recipients: "Như trên;\nLưu: VT, QLCN.",
      signerTitle: "GIÁM ĐỐC",
      signerName: "Trần Thị B",
    };
    sections.forEach((section, index) => {
      form[`heading_${index}`] = section.heading;
      form[`text_${index}`] = section.text;
    });
    form.text_1 = `${sections[1].text}\n- Dòng do chuyên viên bổ sung.`;

    const bad = await call(
      draftPage.action,
      makeRequest(`/staff/reports/drafts/${id}`, {
        cookie: staff.cookie,
        form: { ...form, subtitle: " ", issuedOn: "2026-02-30" },
      }),
      { id },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors.subtitle).toBeTruthy();
    expect(bad.data.errors.issuedOn).toMatch(/ngày/i);
    const unchanged = await getDb()
      .selectFrom("report_drafts")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual(before);

    const saved = await call(
      draftPage.action,
      makeRequest(`/staff/reports/drafts/${id}`, { cookie: staff.cookie, form }),
      { id },
    );
    expect(saved.status).toBe(302);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", id)
      .where("action", "=", "reports.draft_updated")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      reference_number: "125/BC-SKHCN",
      signer_name: "Trần Thị B",
    });
    expect(JSON.parse(audit.before_json!)).toMatchObject({ reference_number: "" });

    const found = await call(
      drafts.loader,
      makeRequest("/staff/reports/drafts?q=ket%20qua%20ho%20tro", { cookie: staff.cookie }),
    );
    expect(found.data.page.rows.map((row: { id: string }) => row.id)).toContain(id);
    const missing = await call(
      drafts.loader,
      makeRequest("/staff/reports/drafts?q=khong%20co%20bao%20cao%20nay", { cookie: staff.cookie }),
    );
    expect(missing.data.page.total).toBe(0);

    const docx = await call(
      draftDocx.loader,
      makeRequest(`/staff/reports/drafts/${id}/bao-cao.docx`, { cookie: staff.cookie }),
      { id },
    );
    expect(docx.status).toBe(200);
    expect(docx.headers.get("Content-Disposition")).toContain("bao-cao-2021-2025.docx");
    const { value: words } = await mammoth.extractRawText({ buffer: Buffer.from(docx.data as ArrayBuffer) });
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Số: 125/BC-SKHCN",
      "Quảng Ngãi, ngày 25 tháng 11 năm 2026",
      "BÁO CÁO",
      before.subtitle,
      "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi",
      "Nơi nhận:",
      "Trần Thị B",
      "- Dòng do chuyên viên bổ sung.",
      "20 biên bản ghi nhớ",
      "trao giải cho 06 dự án",
    ]) {
      expect(words).toContain(expected);
    }
  });

  it("refuses a period the wrong way round and a report without modules, creating nothing", async () => {
    const count = async () =>
      Number(
        (
          await getDb()
            .selectFrom("report_drafts")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const reversed = await call(
      drafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: staff.cookie,
        form: { from: "2025", to: "2021", modules: "sme", issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" },
      }),
    );
    expect(reversed.status).toBe(400);
    expect(reversed.data.errors.to).toContain("sau ngày bắt đầu");
    const none = await call(
      drafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: staff.cookie,
        form: { from: "2021", to: "2025", issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" },
      }),
    );
    expect(none.status).toBe(400);
    expect(none.data.errors.modules).toBeTruthy();
    const junk = await call(
      drafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: staff.cookie,
        form: { from: "hai nghìn", to: "2025", modules: "sme", issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" },
      }),
    );
    expect(junk.status).toBe(400);
    expect(junk.data.errors.from).toBeTruthy();
    expect(await count()).toBe(before);
  });

  it("the XLSX annex carries the dashboard's figures, per figure, per year and per category", async () => {
    const board = await call(
      dashboard.loader,
      makeRequest("/staff/reports?from=2021&to=2025", { cookie: leader.cookie }),
    );
    const annex = await call(
      dashboardAnnex.loader,
      makeRequest("/staff/reports/annex.xlsx?from=2021&to=2025", { cookie: leader.cookie }),
    );
    expect(annex.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annex.data as ArrayBuffer);
    const t = translator("vi");
    const [summary, byYear, byPart] = workbook.worksheets;
    const rowOf = (sheet: ExcelJS.Worksheet, first: string, second?: string) => {
      let found: ExcelJS.CellValue[] | null = null;
      sheet.eachRow((row) => {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        if (values[second === undefined ? 1 : 0] === first && (second === undefined || values[1] === second))
          found = values;
      });
      return found as ExcelJS.CellValue[] | null;
    };
    for (const key of DATASET_KEYS) {
      const figures = board.data.figures[key] as DatasetFigures;
      const label = t(`reports.datasets.${key}` as "reports.datasets.mous");
      expect(rowOf(summary, label)?.[2], key).toBe(figures.value);
      if (figures.byYear.length)
        expect(rowOf(byYear, label, t("reports.records"))?.slice(2), key).toEqual(figures.byYear.map((y) => y.records));
    }
    expect(rowOf(byPart, t("reports.datasets.mous"), t("connections.pairings.enterprise_expert"))?.[2]).toBe(
      board.data.figures.mous.byPart.find((p: { part: string }) => p.part === "enterprise_expert").records,
    );
    expect(rowOf(byPart, t("reports.datasets.prizes"), "Giải Ba")?.[2]).toBe(2);

    // Each amount under the heading of its kind: attendance is people, never "Kinh phí (đồng)".
    const headings = (sheet: ExcelJS.Worksheet) => (sheet.getRow(4).values as ExcelJS.CellValue[]).slice(1);
    expect(headings(summary).slice(5)).toEqual([t("reports.amount"), t("reports.people")]);
    expect(headings(byPart).slice(4)).toEqual([t("reports.amount"), t("reports.people")]);
    const events = rowOf(summary, t("reports.datasets.events"))!;
    expect(events[5] ?? null).toBeNull();
    expect(events[6]).toBe(board.data.figures.events.total.amount);
    const paid = rowOf(summary, t("reports.datasets.smePaid"))!;
    expect([paid[5], paid[6] ?? null]).toEqual([board.data.figures.smePaid.total.amount, null]);
    // Categories are labels, never raw keys ("published").
    const categories: string[] = [];
    byPart.eachRow((row, number) => number > 4 && categories.push(String(row.getCell(2).value)));
    expect(categories.filter((category) => /^[a-z_]+$/.test(category))).toEqual([]);
    expect(rowOf(byPart, t("reports.datasets.editions"), t("prizes.statuses.published"))).not.toBeNull();

    const draft = await call(
      drafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: leader.cookie,
        form: { from: "2021", to: "2025", modules: "connections", issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" },
      }),
    );
    const id = draft.location!.split("/").pop()!;
    const draftWorkbook = new ExcelJS.Workbook();
    await draftWorkbook.xlsx.load(
      (
        await call(
          draftAnnex.loader,
          makeRequest(`/staff/reports/drafts/${id}/phu-luc.xlsx`, { cookie: leader.cookie }),
          { id },
        )
      ).data as ArrayBuffer,
    );
    expect(rowOf(draftWorkbook.worksheets[0], t("reports.datasets.mous"))?.[2]).toBe(board.data.figures.mous.value);
  });
});

describe("the public statistics page", () => {
  it("publishes the counts and no name of a person, no e-mail, no phone", async () => {
    const result = await call(statistics.loader, makeRequest("/statistics"));
    expect(result.status).toBe(200);
    expect(result.data.totals.prizes).toBe(6);
    // The seed's 20 MOUs, and any a test above recorded through the portal: counted from the raw rows.
    const year = provinceDate(new Date().toISOString()).slice(0, 4);
    const mous = await independentRecords("mous", { from: "2015-01-01", to: `${year}-12-31` });
    expect(mous.length).toBeGreaterThanOrEqual(20);
    expect(result.data.totals.mous).toBe(mous.length);
    const published = JSON.stringify(result.data);
    const db = getDb();
    const people = [
      ...(await db.selectFrom("users").select(["full_name as name", "email", "phone"]).execute()),
      ...(await db.selectFrom("entry_members").select(["full_name as name", "email", "phone"]).execute()),
      ...(await db.selectFrom("event_participants").select(["person_name as name", "email", "phone"]).execute()),
    ];
    expect(people.length).toBeGreaterThan(20);
    for (const person of people) {
      for (const value of [person.name, person.email, person.phone]) if (value) expect(published).not.toContain(value);
    }
    expect(published).not.toMatch(/@|\+84|\b0\d{9}\b/);
    const organisationContacts = await db.selectFrom("organisations").select(["email", "phone"]).execute();
    for (const contact of organisationContacts)
      for (const value of [contact.email, contact.phone]) if (value) expect(published).not.toContain(value);
  });

  it("counts no prize of an edition whose results are not published", async () => {
    const db = getDb();
    await db
      .updateTable("competition_editions")
      .set({ results_status: "approved" })
      .where("id", "=", "edition-2022")
      .execute();
    const hidden = await call(statistics.loader, makeRequest("/statistics"));
    expect(hidden.data.totals.prizes).toBe(0);
    await db
      .updateTable("competition_editions")
      .set({ results_status: "published" })
      .where("id", "=", "edition-2022")
      .execute();
  });

  it("is not the staff dashboard: an applicant is refused the reports", async () => {
    expect((await call(dashboard.loader, makeRequest("/staff/reports", { cookie: applicant.cookie }))).status).toBe(
      403,
    );
  });
});
