import type { Kysely } from "kysely";
import { recomputeDueDates } from "../../app/modules/sme/commands.server";
import type { Database, DossierStatus, EnterpriseSize, SectorGroup } from "../types";

const M = 1_000_000;
const BN = 1_000_000_000;

/** The notices that swapped a working day onto a weekend (both halves of each swap carry it). */
const SWAP_2024 = "Công văn số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ";
const SWAPS_2025 =
  "Thông báo số 6150/TB-BLĐTBXH của Bộ Lao động – Thương binh và Xã hội (thực hiện Công văn số 8726/VPCP-KGVX của Văn phòng Chính phủ)";

/**
 * Vietnam's public holidays on working days (and the days given in lieu), by the government's yearly notices; a
 * third element names the notice where one swapped the day with a weekend day worked (WORKING_DAYS).
 * 2027 is provisional until its notice is out: staff correct it at /staff/holidays.
 */
const HOLIDAYS: Array<[string, string] | [string, string, string]> = [
  ["2022-01-03", "Nghỉ bù Tết Dương lịch"],
  ...["2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04"].map((d): [string, string] => [
    d,
    "Tết Nguyên đán Nhâm Dần",
  ]),
  ["2022-04-11", "Nghỉ bù Giỗ Tổ Hùng Vương"],
  ["2022-05-02", "Nghỉ bù Ngày Chiến thắng 30/4"],
  ["2022-05-03", "Nghỉ bù Quốc tế Lao động 1/5"],
  ["2022-09-01", "Quốc khánh (ngày liền kề)"],
  ["2022-09-02", "Quốc khánh"],
  ["2023-01-02", "Nghỉ bù Tết Dương lịch"],
  ...["2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26"].map((d): [string, string] => [
    d,
    "Tết Nguyên đán Quý Mão",
  ]),
  ["2023-05-01", "Quốc tế Lao động"],
  ["2023-05-02", "Nghỉ bù Giỗ Tổ Hùng Vương"],
  ["2023-05-03", "Nghỉ bù Ngày Chiến thắng 30/4"],
  ["2023-09-01", "Quốc khánh (ngày liền kề)"],
  ["2023-09-04", "Nghỉ bù Quốc khánh"],
  ["2024-01-01", "Tết Dương lịch"],
  ...["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"].map((d): [string, string] => [
    d,
    "Tết Nguyên đán Giáp Thìn",
  ]),
  ["2024-04-18", "Giỗ Tổ Hùng Vương"],
  ["2024-04-29", "Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)", SWAP_2024],
  ["2024-04-30", "Ngày Chiến thắng"],
  ["2024-05-01", "Quốc tế Lao động"],
  ["2024-09-02", "Quốc khánh"],
  ["2024-09-03", "Quốc khánh (ngày liền kề)"],
  ["2025-01-01", "Tết Dương lịch"],
  ["2025-01-27", "Nghỉ hoán đổi dịp Tết Nguyên đán Ất Tỵ (làm bù thứ Bảy 08/02/2025)", SWAPS_2025],
  ...["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"].map((d): [string, string] => [d, "Tết Nguyên đán Ất Tỵ"]),
  ["2025-04-07", "Giỗ Tổ Hùng Vương"],
  ["2025-04-30", "Ngày Chiến thắng"],
  ["2025-05-01", "Quốc tế Lao động"],
  ["2025-05-02", "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)", SWAPS_2025],
  ["2025-09-01", "Quốc khánh (ngày liền kề)"],
  ["2025-09-02", "Quốc khánh"],
  ["2026-01-01", "Tết Dương lịch"],
  ...["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"].map((d): [string, string] => [
    d,
    "Tết Nguyên đán Bính Ngọ",
  ]),
  ["2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương"],
  ["2026-04-30", "Ngày Chiến thắng"],
  ["2026-05-01", "Quốc tế Lao động"],
  ["2026-09-01", "Quốc khánh (ngày liền kề)"],
  ["2026-09-02", "Quốc khánh"],
  ["2027-01-01", "Tết Dương lịch"],
  ...["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"].map((d): [string, string] => [
    d,
    "Tết Nguyên đán Đinh Mùi (dự kiến)",
  ]),
  ["2027-04-16", "Giỗ Tổ Hùng Vương (dự kiến)"],
  ["2027-04-30", "Ngày Chiến thắng"],
  ["2027-05-03", "Nghỉ bù Quốc tế Lao động (dự kiến)"],
  ["2027-09-02", "Quốc khánh"],
  ["2027-09-03", "Quốc khánh (ngày liền kề, dự kiến)"],
];

/** Weekend days civil servants worked in exchange for a day off above (the calculator counts them as working days). */
const WORKING_DAYS: Array<[string, string, string]> = [
  ["2024-05-04", "Làm việc bù cho thứ Hai 29/04/2024", SWAP_2024],
  ["2025-02-08", "Làm việc bù cho thứ Hai 27/01/2025", SWAPS_2025],
  ["2025-04-26", "Làm việc bù cho thứ Sáu 02/05/2025", SWAPS_2025],
];

const PROGRAMME_ID = "programme-1325";

type RuleSeed = {
  size: "micro" | "small" | "medium";
  rate: number;
  cap: number | null;
  period: "year" | "contract" | "month" | "none";
  priorityRate?: number;
  priorityCap?: number;
  verified?: boolean;
};

const COMMON_DOCUMENTS = [
  "Tờ khai xác định doanh nghiệp nhỏ và vừa (Phụ lục Nghị định 80/2021/NĐ-CP)",
  "Đơn đề nghị hỗ trợ (mẫu tại Quyết định 123/QĐ-SKHCN)",
  "Giấy chứng nhận đăng ký doanh nghiệp",
  "Báo cáo tài chính năm gần nhất",
  "Báo giá hoặc hợp đồng với đơn vị cung cấp dịch vụ",
];
const STARTUP_PROOF =
  "Tài liệu chứng minh doanh nghiệp khởi nghiệp sáng tạo (Điều 20 Nghị định 80/2021/NĐ-CP; mục 4.2(a) Quyết định 1325)";

/** The support contents DOST handles, with Decree 80/2021's rates and caps (BRIEF.md; the unverified ones flagged). */
const TYPES: Array<{ id: string; name: string; article: string; startupsOnly?: boolean; rules: RuleSeed[] }> = [
  {
    id: "type-consulting",
    name: "Hỗ trợ tư vấn",
    article: "Nghị định 80/2021/NĐ-CP, Điều 13 khoản 2",
    rules: [
      { size: "micro", rate: 100, cap: 50 * M, period: "year", priorityCap: 70 * M, verified: false },
      { size: "small", rate: 50, cap: 100 * M, period: "year", priorityCap: 150 * M, verified: false },
      { size: "medium", rate: 30, cap: 150 * M, period: "year", priorityCap: 200 * M },
    ],
  },
  {
    id: "type-digital-consulting",
    name: "Tư vấn chuyển đổi số",
    article: "Nghị định 80/2021/NĐ-CP, Điều 11",
    rules: [
      { size: "small", rate: 50, cap: 50 * M, period: "contract" },
      { size: "medium", rate: 50, cap: 100 * M, period: "contract" },
    ],
  },
  {
    id: "type-digital-solutions",
    name: "Thuê, mua giải pháp chuyển đổi số",
    article: "Nghị định 80/2021/NĐ-CP, Điều 11",
    rules: [
      { size: "micro", rate: 50, cap: 20 * M, period: "year" },
      { size: "small", rate: 50, cap: 50 * M, period: "year" },
      { size: "medium", rate: 50, cap: 100 * M, period: "year" },
    ],
  },
  {
    id: "type-ip-tech-transfer",
    name: "Tư vấn sở hữu trí tuệ; tư vấn chuyển giao công nghệ",
    article: "Nghị định 80/2021/NĐ-CP, Điều 11",
    rules: (["micro", "small", "medium"] as const).map((size) => ({
      size,
      rate: 50,
      cap: 100 * M,
      period: "contract" as const,
    })),
  },
  {
    id: "type-startup-equipment",
    name: "Khởi nghiệp sáng tạo: sử dụng trang thiết bị tại cơ sở ươm tạo, khu làm việc chung",
    article: "Nghị định 80/2021/NĐ-CP, Điều 22 khoản 1 điểm a",
    startupsOnly: true,
    rules: (["micro", "small", "medium"] as const).map((size) => ({
      size,
      rate: 100,
      cap: 20 * M,
      period: "year" as const,
    })),
  },
  {
    id: "type-startup-rent",
    name: "Khởi nghiệp sáng tạo: thuê mặt bằng tại cơ sở ươm tạo, khu làm việc chung",
    article: "Nghị định 80/2021/NĐ-CP, Điều 22 khoản 1 điểm b",
    startupsOnly: true,
    rules: (["micro", "small", "medium"] as const).map((size) => ({
      size,
      rate: 50,
      cap: 5 * M,
      period: "month" as const,
    })),
  },
  {
    id: "type-startup-ip",
    name: "Khởi nghiệp sáng tạo: thủ tục sở hữu trí tuệ trong nước; thiết kế bản vẽ, nhận diện thương hiệu",
    article: "Nghị định 80/2021/NĐ-CP, Điều 22 khoản 2 điểm a, b",
    startupsOnly: true,
    rules: (["micro", "small", "medium"] as const).map((size) => ({
      size,
      rate: 100,
      cap: 30 * M,
      period: "contract" as const,
    })),
  },
  {
    id: "type-training",
    name: "Khóa đào tạo khởi sự kinh doanh, quản trị doanh nghiệp",
    article: "Nghị định 80/2021/NĐ-CP, Điều 14 khoản 1",
    rules: (["micro", "small", "medium"] as const).map((size) => ({
      size,
      rate: 70,
      cap: null,
      period: "none" as const,
      priorityRate: 100,
    })),
  },
];

type ProfileSeed = {
  organisationId: string;
  sector: SectorGroup;
  line: string;
  employees: number;
  revenue: number;
  capital: number;
  womenOwned?: boolean;
};

/** The five enterprises of the seed report, with declared figures (demo values). */
const PROFILES: ProfileSeed[] = [
  {
    organisationId: "org-huy-long",
    sector: "agriculture_industry",
    line: "Trồng trọt ứng dụng công nghệ cao",
    employees: 8,
    revenue: 2_400 * M,
    capital: 2 * BN,
  },
  {
    organisationId: "org-olysa",
    sector: "agriculture_industry",
    line: "Chế biến thực phẩm",
    employees: 35,
    revenue: 18 * BN,
    capital: 9 * BN,
    womenOwned: true,
  },
  {
    organisationId: "org-quang-hai",
    sector: "agriculture_industry",
    line: "Sản xuất đồ uống có cồn",
    employees: 22,
    revenue: 12 * BN,
    capital: 6 * BN,
  },
  {
    organisationId: "org-nsp",
    sector: "trade_services",
    line: "Bán lẻ qua mạng",
    employees: 6,
    revenue: 4_500 * M,
    capital: 1_500 * M,
  },
  {
    organisationId: "org-ninh-truong",
    sector: "agriculture_industry",
    line: "Nuôi trồng, chế biến nấm dược liệu",
    employees: 9,
    revenue: 1_800 * M,
    capital: 1_200 * M,
  },
];
const SIZE_OF: Record<string, EnterpriseSize> = {
  "org-huy-long": "micro",
  "org-olysa": "small",
  "org-quang-hai": "small",
  "org-nsp": "micro",
  "org-ninh-truong": "micro",
};

type DossierSeed = {
  organisationId: string;
  typeId: string;
  status: DossierStatus;
  seq: number;
  filed: string;
  content: string;
  provider: string;
  cost: number;
  requested: number;
  proposed?: number;
  supplement?: { request: string; due: string };
  completeOn?: string;
  steps: Array<[string, string, string | null]>;
};

/** The 2023 dossiers, caught in different states when the scheme was paused awaiting the finance circular. */
const DOSSIERS: DossierSeed[] = [
  {
    organisationId: "org-huy-long",
    typeId: "type-ip-tech-transfer",
    status: "complete",
    seq: 1,
    filed: "2023-07-10",
    content: "Tư vấn chuyển giao quy trình trồng dưa lưới trong nhà màng, điều khiển tưới tự động.",
    provider: "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Quảng Ngãi",
    cost: 120 * M,
    requested: 60 * M,
    completeOn: "2023-07-24",
    steps: [
      ["2023-07-11", "receive", null],
      ["2023-07-24", "mark_complete", null],
    ],
  },
  {
    organisationId: "org-olysa",
    typeId: "type-consulting",
    status: "supplement_requested",
    seq: 2,
    filed: "2023-07-18",
    content: "Tư vấn xây dựng hệ thống quản lý an toàn thực phẩm theo ISO 22000.",
    provider: "Công ty TNHH Tư vấn Chất lượng Miền Trung",
    cost: 160 * M,
    requested: 80 * M,
    supplement: {
      request: "Bổ sung báo cáo tài chính năm 2022 đã kiểm toán và hợp đồng tư vấn có chữ ký hai bên.",
      due: "2023-08-15",
    },
    steps: [
      ["2023-07-19", "receive", null],
      [
        "2023-07-21",
        "request_supplement",
        "Bổ sung báo cáo tài chính năm 2022 đã kiểm toán và hợp đồng tư vấn có chữ ký hai bên.",
      ],
    ],
  },
  {
    organisationId: "org-quang-hai",
    typeId: "type-digital-solutions",
    status: "under_appraisal",
    seq: 3,
    filed: "2023-08-01",
    content: "Thuê phần mềm quản lý sản xuất và truy xuất nguồn gốc sản phẩm rượu.",
    provider: "Công ty Cổ phần Phần mềm Sông Trà",
    cost: 90 * M,
    requested: 45 * M,
    completeOn: "2023-08-09",
    steps: [
      ["2023-08-02", "receive", null],
      ["2023-08-09", "mark_complete", null],
      ["2023-08-14", "start_appraisal", null],
    ],
  },
  {
    organisationId: "org-nsp",
    typeId: "type-digital-solutions",
    status: "received",
    seq: 4,
    filed: "2023-08-21",
    content: "Thuê nền tảng bán hàng đa kênh và quản lý kho.",
    provider: "Công ty TNHH Giải pháp số Đà Nẵng",
    cost: 36 * M,
    requested: 18 * M,
    steps: [["2023-08-22", "receive", null]],
  },
  {
    organisationId: "org-ninh-truong",
    typeId: "type-startup-equipment",
    status: "proposed",
    seq: 5,
    filed: "2023-06-26",
    content: "Sử dụng phòng thí nghiệm nuôi cấy mô tại Vườn ươm để nhân giống nấm linh chi.",
    provider: "Vườn ươm doanh nhân khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi",
    cost: 24 * M,
    requested: 20 * M,
    proposed: 20 * M,
    completeOn: "2023-07-05",
    steps: [
      ["2023-06-27", "receive", null],
      ["2023-07-05", "mark_complete", null],
      ["2023-07-12", "start_appraisal", null],
      [
        "2023-07-20",
        "propose",
        "Đủ điều kiện doanh nghiệp khởi nghiệp sáng tạo; đề xuất hỗ trợ 100 % trong mức trần 20 triệu đồng/năm.",
      ],
    ],
  },
];

function localIso(date: string, time = "09:00:00"): string {
  return new Date(`${date}T${time}+07:00`).toISOString();
}

export async function seedSme(db: Kysely<Database>, now: string): Promise<void> {
  await db
    .insertInto("public_holidays")
    .values([
      ...HOLIDAYS.map(([day, name, source]) => ({
        day,
        name,
        kind: "day_off" as const,
        source: source ?? null,
        created_at: now,
      })),
      ...WORKING_DAYS.map(([day, name, source]) => ({
        day,
        name,
        kind: "working_day" as const,
        source,
        created_at: now,
      })),
    ])
    .execute();
  await db
    .insertInto("support_programmes")
    .values({
      id: PROGRAMME_ID,
      name: "Đề án hỗ trợ doanh nghiệp nhỏ và vừa trên địa bàn tỉnh Quảng Ngãi giai đoạn 2022–2025",
      legal_basis:
        "Quyết định 1325/QĐ-UBND ngày 30/12/2021; Nghị định 80/2021/NĐ-CP; Thông tư 06/2022/TT-BKHĐT; Quyết định 123/QĐ-SKHCN ngày 20/7/2022",
      first_year: 2022,
      last_year: 2025,
      status: "paused",
      status_reason: "Chờ thông tư hướng dẫn của Bộ Tài chính về kinh phí hỗ trợ doanh nghiệp nhỏ và vừa.",
      status_changed_on: "2023-09-15",
      paused_intake: "queue",
      receipt_prefix: "DNNVV",
      receive_working_days: 1,
      check_working_days: 3,
      decision_working_days: 14,
      created_at: localIso("2022-07-20"),
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("programme_pauses")
    .values({
      id: "pause-2023",
      programme_id: PROGRAMME_ID,
      from_on: "2023-09-15",
      to_on: null,
      reason: "Chờ thông tư hướng dẫn của Bộ Tài chính về kinh phí hỗ trợ doanh nghiệp nhỏ và vừa.",
    })
    .execute();
  // Demo budgets: the province's yearly estimates are not in the seed reports.
  await db
    .insertInto("programme_budgets")
    .values([2022, 2023, 2024, 2025].map((year) => ({ programme_id: PROGRAMME_ID, year, amount_vnd: 500 * M })))
    .execute();

  for (const [position, type] of TYPES.entries()) {
    await db
      .insertInto("support_types")
      .values({
        id: type.id,
        programme_id: PROGRAMME_ID,
        name: type.name,
        article: type.article,
        startups_only: type.startupsOnly ? 1 : 0,
        position,
      })
      .execute();
    await db
      .insertInto("support_type_rules")
      .values(
        type.rules.map((rule) => ({
          support_type_id: type.id,
          size: rule.size,
          rate_percent: rule.rate,
          cap_vnd: rule.cap,
          cap_period: rule.period,
          priority_rate_percent: rule.priorityRate ?? null,
          priority_cap_vnd: rule.priorityCap ?? null,
          verified: rule.verified === false ? 0 : 1,
          source: type.article,
        })),
      )
      .execute();
    const documents = type.startupsOnly ? [...COMMON_DOCUMENTS, STARTUP_PROOF] : COMMON_DOCUMENTS;
    await db
      .insertInto("support_type_documents")
      .values(
        documents.map((title, index) => ({
          id: `${type.id}-doc-${index + 1}`,
          support_type_id: type.id,
          title,
          required: 1,
          position: index,
        })),
      )
      .execute();
  }

  const declarer = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "chuyenvien@demo.quangngai.vn")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("enterprise_profiles")
    .values(
      PROFILES.map((p) => ({
        organisation_id: p.organisationId,
        sector_group: p.sector,
        main_business_line: p.line,
        fiscal_year: 2022,
        employees: p.employees,
        revenue_vnd: p.revenue,
        capital_vnd: p.capital,
        size: SIZE_OF[p.organisationId],
        women_owned: p.womenOwned ? 1 : 0,
        many_women_workers: 0,
        social_enterprise: 0,
        declared_by: declarer.id,
        declared_at: localIso("2023-06-20"),
      })),
    )
    .execute();

  for (const seed of DOSSIERS) {
    const id = `dossier-2023-${seed.seq}`;
    const lastStep = seed.steps.at(-1)![0];
    await db
      .insertInto("support_dossiers")
      .values({
        id,
        programme_id: PROGRAMME_ID,
        support_type_id: seed.typeId,
        organisation_id: seed.organisationId,
        status: seed.status,
        receipt_seq: seed.seq,
        receipt_number: `DNNVV2023-${String(seed.seq).padStart(4, "0")}`,
        support_year: 2023,
        content: seed.content,
        provider_name: seed.provider,
        provider_tax_code: null,
        total_cost_vnd: seed.cost,
        requested_vnd: seed.requested,
        months: null,
        enterprise_size: SIZE_OF[seed.organisationId],
        is_priority: seed.organisationId === "org-olysa" ? 1 : 0,
        proposed_vnd: seed.proposed ?? null,
        approved_vnd: null,
        paid_vnd: null,
        supplement_request: seed.supplement?.request ?? null,
        appraisal_note: seed.status === "proposed" ? seed.steps.at(-1)![2] : null,
        decision_reason: null,
        submitted_at: localIso(seed.filed),
        step_started_on: seed.status === "received" ? lastStep : null,
        complete_on: seed.completeOn ?? null,
        // The decision clock runs from the receipt of the complete dossier (or its last supplement), Decree 80 art. 32.
        received_complete_on: seed.completeOn
          ? seed.steps.filter(([, event]) => event === "receive" || event === "supplement").at(-1)![0]
          : null,
        // The enterprise's own supplement deadline is the one date set by hand; every other due date is the app's, below.
        due_on: seed.supplement?.due ?? null,
        created_by: declarer.id,
        created_at: localIso(seed.filed, "08:00:00"),
        updated_at: localIso(lastStep, "15:00:00"),
      })
      .execute();
    await db
      .insertInto("audit_events")
      .values([
        {
          actor_id: null,
          action: "sme.dossier_submit",
          entity_type: "support_dossier",
          entity_id: id,
          before_json: JSON.stringify({ status: "draft" }),
          after_json: JSON.stringify({ status: "submitted" }),
          reason: null,
          ip: null,
          created_at: localIso(seed.filed),
        },
        ...seed.steps.map(([day, event, reason]) => ({
          actor_id: declarer.id,
          action: `sme.dossier_${event}`,
          entity_type: "support_dossier",
          entity_id: id,
          before_json: null,
          after_json: null,
          reason,
          ip: null,
          created_at: localIso(day, "14:00:00"),
        })),
      ])
      .execute();
  }
  // The due dates the app itself computes (paused since 15/09/2023: no clock runs), so the seed never disagrees with it.
  await recomputeDueDates(db, PROGRAMME_ID);
}
