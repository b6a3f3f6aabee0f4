import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { getDb } from "../../app/lib/db.server";
import { formatDateTime } from "../../app/lib/format";
import { newId, newReadableCode } from "../../app/lib/ids.server";
import * as competitionsPage from "../../app/routes/staff.competitions._index";
import * as competitionsExport from "../../app/routes/staff.competitions.export";
import * as prizesPage from "../../app/routes/staff.competitions.$id.prizes";
import * as prizesExport from "../../app/routes/staff.competitions.$id.prizes_.export";
import * as eventPage from "../../app/routes/staff.events.$id";
import * as participantsExport from "../../app/routes/staff.events.$id_.export";
import * as programmePage from "../../app/routes/staff.sme.programme";
import * as budgetExport from "../../app/routes/staff.sme.programme_.export";
import * as draftsPage from "../../app/routes/staff.reports.drafts._index";
import * as draftsExport from "../../app/routes/staff.reports.drafts_.export";
import * as pipelinePage from "../../app/routes/staff.technology._index";
import * as pipelineExport from "../../app/routes/staff.technology_.export";
import { openEdition } from "../helpers/competition";
import { call, createOrganisation, createUser, insertEntry, makeRequest, type TestUser } from "../helpers/fixtures";
import { createProgramme } from "../helpers/sme";
import { csvLines } from "../helpers/csv";

let staff: TestUser;
let applicant: TestUser;
let editionId = "";
let eventId = "";
let programmeId = "";
let otherProgrammeId = "";

/** 01:30 on 1 October in Quảng Ngãi, still 30 September in UTC. */
const DEADLINE = "2026-09-30T18:30:00.000Z";

beforeAll(async () => {
  staff = await createUser("staff");
  applicant = await createUser("applicant");
  const db = getDb();
  const now = new Date().toISOString();

  editionId = await openEdition(staff, { closed: true });
  await db
    .updateTable("competition_editions")
    .set({ submission_deadline: DEADLINE, results_status: "proposed" })
    .where("id", "=", editionId)
    .execute();
  const prizes = await db
    .selectFrom("competition_prizes")
    .select(["id", "rank_label", "amount_vnd"])
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .execute();
  const team = await createOrganisation("Đội Nấm Sạch", [applicant.id], "startup_team");
  const teams = [team, await createOrganisation("Đội Gạo Sạch", [applicant.id], "startup_team")];
  for (const [i, prize] of prizes.slice(0, 2).entries()) {
    const entryId = await insertEntry({
      edition_id: editionId,
      organisation_id: teams[i],
      created_by: applicant.id,
      status: "finalist",
      receipt_seq: i + 1,
      receipt_number: `GT-00${i + 1}`,
      project_name: `Dự án ${i + 1}`,
    });
    await db
      .insertInto("prize_awards")
      .values({
        id: newId(),
        edition_id: editionId,
        prize_id: prize.id,
        entry_id: entryId,
        rank: i + 1,
        change_reason: i === 1 ? "=Đổi theo biên bản" : null,
        verification_code: newReadableCode(),
        created_at: now,
      })
      .execute();
  }

  eventId = newId();
  await db
    .insertInto("connection_events")
    .values({
      id: eventId,
      kind: "workshop",
      title: "Hội thảo xuất danh sách",
      title_search: "hoi thao xuat danh sach",
      starts_on: "2026-11-20",
      ends_on: "2026-11-20",
      place: null,
      topic: null,
      summary: null,
      reported_organisations: null,
      reported_people: null,
      count_note: null,
      created_by: staff.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [person, organisation] of [
    ["Trần Thị Bình", team],
    ["Lê Văn An", null],
    [null, team],
  ] as const)
    await db
      .insertInto("event_participants")
      .values({
        id: newId(),
        event_id: eventId,
        organisation_id: organisation,
        person_name: person,
        position: person ? "Giám đốc" : null,
        phone: person ? "0912345678" : null,
        email: null,
        source: "manual",
        created_by: staff.id,
        created_at: now,
      })
      .execute();

  // Three enterprises in the technology pipeline: two consulted (named out of alphabetical order), one contacted.
  for (const [name, stage] of [
    ["Công ty Thép Zeta", "consulted"],
    ["Công ty Gốm An Phú", "consulted"],
    ["Hợp tác xã Mía Bình Sơn", "contacted"],
  ] as const) {
    const organisationId = await createOrganisation(name, [], "enterprise");
    await db
      .insertInto("tech_enterprise_stages")
      .values({ organisation_id: organisationId, stage, updated_at: DEADLINE })
      .execute();
  }

  programmeId = (await createProgramme()).programmeId;
  otherProgrammeId = (await createProgramme({ prefix: "KHAC" })).programmeId;
  await db
    .insertInto("programme_budgets")
    .values({ programme_id: programmeId, year: 2026, amount_vnd: 3_000_000_000 })
    .execute();
});

describe("exports of the competitions, prizes, participants and budget tables", () => {
  it("competitions: the page's rows and headers, the deadline in the province's time, the phase in words", async () => {
    const page = await call(competitionsPage.loader, makeRequest("/staff/competitions", { cookie: staff.cookie }));
    const result = await call(
      competitionsExport.loader,
      makeRequest("/staff/competitions/export?format=csv", { cookie: staff.cookie }),
    );
    expect(result.status).toBe(200);
    const [header, ...rows] = csvLines(result.data);
    expect(header).toBe("Tên kỳ thi,Năm,Trạng thái,Hạn nộp hồ sơ,Số hồ sơ");
    expect(rows).toHaveLength(page.data.editions.length);
    const phase = page.data.editions.find((e: { id: string }) => e.id === editionId).phase as "screening";
    const ours = rows.find((row) => row.includes(formatDateTime(DEADLINE, "vi")));
    expect(ours).toContain(translator("vi")(`competition.phases.${phase}`));
    expect(ours).toMatch(new RegExp(`,${formatDateTime(DEADLINE, "vi")},2$`));
    expect(String(result.data)).not.toContain("2026-09-30T18:30");
  });

  it("prizes: one line per line of the page's list, amounts under a heading in đồng, formulas neutralised", async () => {
    const params = { id: editionId };
    const page = await call(
      prizesPage.loader,
      makeRequest(`/staff/competitions/${editionId}/prizes`, { cookie: staff.cookie }),
      params,
    );
    const result = await call(
      prizesExport.loader,
      makeRequest(`/staff/competitions/${editionId}/prizes/export?format=csv`, { cookie: staff.cookie }),
      params,
    );
    expect(result.status).toBe(200);
    const [header, ...rows] = csvLines(result.data);
    expect(header).toBe('Thứ hạng,Giải,Giá trị (đồng),Số biên nhận,Dự án,"Nhóm, tổ chức",Lý do thay đổi');
    expect(rows).toHaveLength(page.data.awards.length);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^1,[^,]+,\d+,GT-001,Dự án 1,Đội Nấm Sạch,—$/);
    expect(rows[1]).toContain("'=Đổi theo biên bản");
  });

  it("participants: every participant in the page's order and columns, the export logged as personal data", async () => {
    const params = { id: eventId };
    const page = await call(
      eventPage.loader,
      makeRequest(`/staff/events/${eventId}`, { cookie: staff.cookie }),
      params,
    );
    const result = await call(
      participantsExport.loader,
      makeRequest(`/staff/events/${eventId}/export?format=csv`, { cookie: staff.cookie }),
      params,
    );
    expect(result.status).toBe(200);
    const [header, ...rows] = csvLines(result.data);
    expect(header).toBe("Tổ chức,Người tham dự,Chức vụ,Nguồn");
    expect(rows).toHaveLength(page.data.participants.length);
    expect(rows.map((row) => row.split(",")[1])).toEqual(
      page.data.participants.map((p: { person_name: string | null }) => p.person_name ?? "—"),
    );
    expect(String(result.data)).not.toContain("0912345678");
    const logged = await getDb()
      .selectFrom("personal_data_access")
      .select(["row_count"])
      .where("actor_id", "=", staff.id)
      .where("kind", "=", "export")
      .where("subject_type", "=", "event_participants")
      .where("subject_id", "=", eventId)
      .execute();
    expect(logged).toEqual([{ row_count: 2 }]);
  });

  it("budgets: the programme the page shows, a row per year, money headings in đồng", async () => {
    const query = `?programme=${programmeId}`;
    const page = await call(
      programmePage.loader,
      makeRequest(`/staff/sme/programme${query}`, { cookie: staff.cookie }),
    );
    const result = await call(
      budgetExport.loader,
      makeRequest(`/staff/sme/programme/export${query}&format=csv`, { cookie: staff.cookie }),
    );
    expect(result.status).toBe(200);
    const [header, ...rows] = csvLines(result.data);
    expect(header).toBe("Năm,Kinh phí (đồng),Số hồ sơ,Đề nghị (đồng),Đã phê duyệt (đồng),Đã chi (đồng),Còn lại (đồng)");
    expect(rows).toHaveLength(page.data.budget.length);
    expect(rows).toHaveLength(2030 - 2022 + 1);
    expect(rows).toContain("2026,3000000000,0,0,0,0,3000000000");
    expect(rows).toContain("2027,Chưa giao,0,0,0,0,");

    const other = await call(
      budgetExport.loader,
      makeRequest(`/staff/sme/programme/export?programme=${otherProgrammeId}&format=csv`, { cookie: staff.cookie }),
    );
    expect(csvLines(other.data)).not.toContain("2026,3000000000,0,0,0,0,3000000000");
    const unknown = await call(
      budgetExport.loader,
      makeRequest("/staff/sme/programme/export?programme=khong-co&format=csv", { cookie: staff.cookie }),
    );
    expect(unknown.status).toBe(404);
  });

  it("the XLSX of each opens as a workbook", async () => {
    const result = await call(
      prizesExport.loader,
      makeRequest(`/staff/competitions/${editionId}/prizes/export?format=xlsx`, { cookie: staff.cookie }),
      { id: editionId },
    );
    expect(result.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(result.headers.get("Content-Disposition")).toMatch(/danh-sach-giai-2026-\d{4}-\d{2}-\d{2}\.xlsx/);
  });

  it("technology pipeline: every enterprise by stage in the board's order, or the one stage the board shows", async () => {
    const page = await call(pipelinePage.loader, makeRequest("/staff/technology", { cookie: staff.cookie }));
    const all = await call(
      pipelineExport.loader,
      makeRequest("/staff/technology/export?format=csv", { cookie: staff.cookie }),
    );
    expect(all.status).toBe(200);
    const [header, ...rows] = csvLines(all.data);
    expect(header).toBe("Doanh nghiệp,Mã số thuế,Bước hiện tại,Chuyển sang bước này lúc");
    const counts = page.data.counts as Record<string, number>;
    expect(rows).toHaveLength(Object.values(counts).reduce((sum, n) => sum + n, 0));
    const ours = rows.filter((row) => /Zeta|An Phú|Bình Sơn/.test(row));
    expect(ours.map((row) => row.split(",").slice(0, 1).concat(row.split(",")[2]))).toEqual([
      ["Hợp tác xã Mía Bình Sơn", "Đã tiếp cận"],
      ["Công ty Gốm An Phú", "Đã tư vấn"],
      ["Công ty Thép Zeta", "Đã tư vấn"],
    ]);
    expect(ours[0]).toMatch(new RegExp(`,${formatDateTime(DEADLINE, "vi")}$`));

    const consulted = await call(
      pipelineExport.loader,
      makeRequest("/staff/technology/export?stage=consulted&format=csv", { cookie: staff.cookie }),
    );
    const stageRows = csvLines(consulted.data).slice(1);
    expect(stageRows).toHaveLength(counts.consulted);
    expect(stageRows.every((row) => row.split(",")[2] === "Đã tư vấn")).toBe(true);
    expect(consulted.headers.get("Content-Disposition")).toMatch(/doi-moi-cong-nghe-consulted-/);
  });

  it("report drafts: the list's search and order over every page, the modules and dates in words", async () => {
    for (const [from, to, modules] of [
      ["2021", "2025", ["competition", "sme"]],
      ["2024", "2024", ["connections"]],
    ] as const) {
      const created = await call(
        draftsPage.action,
        makeRequest("/staff/reports/drafts", {
          cookie: staff.cookie,
          form: { from, to, modules: [...modules], issuedOn: "2026-11-30", signerTitle: "GIÁM ĐỐC" },
        }),
      );
      expect(created.status).toBe(302);
    }
    // The second page of ten is empty; the export still holds every draft the search finds.
    const query = "?sort=period_from&dir=asc&page=2";
    const page = await call(draftsPage.loader, makeRequest(`/staff/reports/drafts${query}`, { cookie: staff.cookie }));
    expect(page.data.page.rows).toHaveLength(0);
    const result = await call(
      draftsExport.loader,
      makeRequest(`/staff/reports/drafts/export${query}&format=csv`, { cookie: staff.cookie }),
    );
    expect(result.status).toBe(200);
    const [header, ...rows] = csvLines(result.data);
    expect(header).toBe("Trích yếu,Kỳ báo cáo,Các lĩnh vực báo cáo,Số hiệu văn bản,Cập nhật lần cuối,Người cập nhật");
    expect(rows).toHaveLength(page.data.page.total);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("01/01/2021 – 31/12/2025");
    expect(rows[0]).toContain("Cuộc thi khởi nghiệp; Hỗ trợ DNNVV (QĐ 1325)");
    expect(rows[1]).toContain("01/01/2024 – 31/12/2024");
    expect(String(result.data)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const searched = await call(
      draftsExport.loader,
      makeRequest(`/staff/reports/drafts/export?q=2024&format=csv`, { cookie: staff.cookie }),
    );
    expect(csvLines(searched.data).slice(1)).toHaveLength(1);
  });

  it("refuses a startup's account", async () => {
    for (const [loader, path, params] of [
      [competitionsExport.loader, "/staff/competitions/export", {}],
      [prizesExport.loader, `/staff/competitions/${editionId}/prizes/export`, { id: editionId }],
      [participantsExport.loader, `/staff/events/${eventId}/export`, { id: eventId }],
      [budgetExport.loader, `/staff/sme/programme/export?programme=${programmeId}`, {}],
      [pipelineExport.loader, "/staff/technology/export", {}],
      [draftsExport.loader, "/staff/reports/drafts/export", {}],
    ] as const)
      expect((await call(loader, makeRequest(path, { cookie: applicant.cookie }), params)).status).toBe(403);
  });
});
