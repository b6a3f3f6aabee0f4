import type { Kysely } from "kysely";
import type { Database, IncubationServiceKind, IncubationStatus } from "../types";

function localIso(local: string): string {
  return new Date(`${local}+07:00`).toISOString();
}

type SeedRecord = {
  rank: number;
  incubatorId: string;
  startedOn: string;
  plannedEndOn: string;
  months: number;
  status: IncubationStatus;
  reason: string | null;
  taxCode: string | null;
  mentors: string[];
  services: Array<{ kind: IncubationServiceKind; on: string; value: number; note: string }>;
  milestones: Array<{ title: string; due: string; done: string | null }>;
  /** Period starts reported, with revenue (đồng) and employees; other KPIs follow from them. */
  reports: Array<{ start: string; end: string; revenue: number; employees: number }>;
};

function quarters(from: string, count: number, revenue0: number, growth: number, employees0: number) {
  const out: SeedRecord["reports"] = [];
  const [y, m] = from.split("-").map(Number);
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(y, m - 1 + i * 3, 1));
    const end = new Date(Date.UTC(y, m - 1 + (i + 1) * 3, 0));
    out.push({
      start: start.toISOString().slice(0, 10),
      end: end.toISOString().slice(0, 10),
      revenue: Math.round((revenue0 * growth ** i) / 1000) * 1000,
      employees: employees0 + Math.floor(i / 2),
    });
  }
  return out;
}

/** The three 2022 winners (ranks 1–3; the demo startup's Tỏi đen Lý Sơn is first, still incubating and late in reporting) incubated in 2023 at the province's two incubators (BRIEF.md: 3 of the 6 winners). */
const RECORDS: SeedRecord[] = [
  {
    rank: 3,
    incubatorId: "org-incubator-qn",
    startedOn: "2023-01-01",
    plannedEndOn: "2024-12-31",
    months: 3,
    status: "business_founded",
    reason: "Đã đăng ký doanh nghiệp ngày 15/11/2024.",
    taxCode: "4300912345",
    mentors: ["org-expert-binh", "org-expert-tam"],
    services: [
      { kind: "workspace", on: "2023-01-05", value: 24_000_000, note: "Chỗ ngồi tại Vườn ươm 12 tháng" },
      { kind: "ip_registration", on: "2023-05-10", value: 15_000_000, note: "Đăng ký nhãn hiệu" },
      { kind: "investor_connection", on: "2024-03-20", value: 0, note: "Gặp gỡ nhà đầu tư tại Ngày hội khởi nghiệp" },
    ],
    milestones: [
      { title: "Hoàn thiện sản phẩm mẫu", due: "2023-03-31", done: "2023-03-25" },
      { title: "Đăng ký nhãn hiệu", due: "2023-06-30", done: "2023-07-12" },
      { title: "Thành lập doanh nghiệp", due: "2024-12-31", done: "2024-11-15" },
    ],
    reports: quarters("2023-01", 8, 60_000_000, 1.25, 3),
  },
  {
    rank: 2,
    incubatorId: "org-iq",
    startedOn: "2023-01-01",
    plannedEndOn: "2024-06-30",
    months: 3,
    status: "graduated",
    reason: "Hoàn thành chương trình ươm tạo.",
    taxCode: null,
    mentors: ["org-expert-ha"],
    services: [
      { kind: "consulting", on: "2023-02-15", value: 30_000_000, note: "Tư vấn mô hình kinh doanh" },
      { kind: "training", on: "2023-04-20", value: 5_000_000, note: "Lớp gọi vốn khởi nghiệp" },
    ],
    milestones: [
      { title: "Thử nghiệm thị trường tại TP. Quảng Ngãi", due: "2023-06-30", done: "2023-06-28" },
      { title: "Đạt 100 khách hàng", due: "2024-03-31", done: "2024-03-15" },
    ],
    reports: quarters("2023-01", 6, 35_000_000, 1.15, 2),
  },
  {
    rank: 1,
    incubatorId: "org-incubator-qn",
    startedOn: "2023-03-01",
    plannedEndOn: "2026-12-31",
    months: 3,
    status: "incubating",
    reason: null,
    taxCode: null,
    mentors: ["org-expert-ha"],
    services: [{ kind: "funding", on: "2023-09-01", value: 50_000_000, note: "Hỗ trợ kinh phí hoàn thiện công nghệ" }],
    milestones: [
      { title: "Hoàn thiện quy trình sản xuất", due: "2023-12-31", done: "2023-12-20" },
      { title: "Công bố tiêu chuẩn chất lượng sản phẩm", due: "2026-06-30", done: null },
      { title: "Thành lập doanh nghiệp", due: "2026-12-31", done: null },
    ],
    // Quarterly reports until August 2025, then none: late in reporting.
    reports: quarters("2023-03", 10, 20_000_000, 1.1, 2),
  },
];

/** The province's two incubators, with what they offer (their capacities are demo values). */
const PROFILES = [
  {
    organisation_id: "org-incubator-qn",
    capacity: 12,
    services_offered: "workspace,consulting,training,ip_registration,investor_connection",
    description:
      "Vườn ươm doanh nhân khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi: chỗ làm việc chung, tư vấn, đào tạo và kết nối nhà đầu tư.",
  },
  {
    organisation_id: "org-iq",
    capacity: 8,
    services_offered: "consulting,training,ip_registration,funding",
    description:
      "Trung tâm hỗ trợ doanh nghiệp đổi mới sáng tạo iQ: tư vấn, đào tạo, sở hữu trí tuệ và hỗ trợ kinh phí.",
  },
];

export async function seedIncubation(db: Kysely<Database>, now: string): Promise<void> {
  await db
    .insertInto("incubator_profiles")
    .values(PROFILES.map((profile) => ({ ...profile, updated_at: now })))
    .execute();
  const awards = await db
    .selectFrom("prize_awards")
    .innerJoin("competition_entries", "competition_entries.id", "prize_awards.entry_id")
    .select([
      "prize_awards.id",
      "prize_awards.rank",
      "competition_entries.organisation_id",
      "competition_entries.created_by",
    ])
    .where("prize_awards.edition_id", "=", "edition-2022")
    .where(
      "prize_awards.rank",
      "in",
      RECORDS.map((r) => r.rank),
    )
    .execute();
  for (const seed of RECORDS) {
    const award = awards.find((a) => a.rank === seed.rank);
    if (!award) continue;
    const id = `incubation-2022-${seed.rank}`;
    await db
      .insertInto("incubation_records")
      .values({
        id,
        organisation_id: award.organisation_id,
        incubator_id: seed.incubatorId,
        source_award_id: award.id,
        started_on: seed.startedOn,
        planned_end_on: seed.plannedEndOn,
        status: seed.status,
        status_reason: seed.reason,
        report_period_months: seed.months,
        enterprise_tax_code: seed.taxCode,
        created_at: localIso(`${seed.startedOn}T09:00:00`),
        updated_at: now,
      })
      .execute();
    if (seed.taxCode)
      await db
        .updateTable("organisations")
        .set({ tax_code: seed.taxCode, kind: "enterprise" })
        .where("id", "=", award.organisation_id)
        .execute();
    await db
      .insertInto("incubation_mentors")
      .values(
        seed.mentors.map((m) => ({
          record_id: id,
          organisation_id: m,
          added_at: localIso(`${seed.startedOn}T10:00:00`),
        })),
      )
      .execute();
    await db
      .insertInto("incubation_services")
      .values(
        seed.services.map((s, i) => ({
          id: `${id}-service-${i + 1}`,
          record_id: id,
          kind: s.kind,
          provided_on: s.on,
          value_vnd: s.value,
          note: s.note,
        })),
      )
      .execute();
    await db
      .insertInto("milestones")
      .values(
        seed.milestones.map((m, i) => ({
          id: `${id}-milestone-${i + 1}`,
          record_id: id,
          title: m.title,
          due_on: m.due,
          done_on: m.done,
        })),
      )
      .execute();
    await db
      .insertInto("progress_reports")
      .values(
        seed.reports.map((r, i) => ({
          id: `${id}-report-${i + 1}`,
          record_id: id,
          period_start: r.start,
          period_end: r.end,
          revenue_vnd: r.revenue,
          employees: r.employees,
          customers: 20 + i * 15,
          capital_raised_vnd: i === 3 ? 200_000_000 : 0,
          ip_applications: i === 1 ? 1 : 0,
          products_launched: i % 3 === 0 ? 1 : 0,
          narrative: `Kỳ ${i + 1}: mở rộng kênh bán hàng, hoàn thiện sản phẩm và tìm kiếm khách hàng mới.`,
          submitted_by: award.created_by,
          submitted_at: localIso(`${r.end}T16:00:00`),
          staff_comment: i === 0 ? "Kết quả tốt, cần chú trọng kênh bán hàng trực tuyến." : null,
        })),
      )
      .execute();
  }
}
