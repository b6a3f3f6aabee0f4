import type { Kysely } from "kysely";
import {
  assessTechnology,
  DEFAULT_CERTIFICATE_FORMAT,
  formatCertificateNumber,
  pipelineStage,
  type Criterion,
  type LevelBand,
} from "../../app/modules/technology/rules";
import type { Database, TechApplicationStatus, TechImplementationStatus } from "../types";
import { organisationRow } from "../../app/modules/organisations/rules";

const M = 1_000_000;

/**
 * Enterprises in the industrial zones reached by the 2022 leaflets (a few dozen of the report's 200), tax codes in a
 * demo range; named as the province's smaller firms often are (private enterprises, cooperatives, plants), so that
 * they sort after the registry's "Công ty …" entries that other demos and tests look for on the first page.
 */
const SURVEYED: Array<[string, string]> = [
  ["Doanh nghiệp tư nhân Cơ khí Tịnh Phong", "Cơ khí chế tạo"],
  ["Nhà máy Chế biến Thủy sản Sa Huỳnh", "Chế biến thủy sản"],
  ["Doanh nghiệp tư nhân Gỗ Dung Quất", "Chế biến gỗ"],
  ["Nhà máy Bao bì Quảng Phú", "Sản xuất bao bì"],
  ["Xí nghiệp May mặc Sơn Tịnh", "Dệt may"],
  ["Hợp tác xã Nông nghiệp Nghĩa Hành", "Nông nghiệp công nghệ cao"],
  ["Xí nghiệp Vật liệu xây dựng Bình Sơn", "Vật liệu xây dựng"],
  ["Nhà máy Nước khoáng Thạch Bích", "Sản xuất đồ uống"],
  ["Nhà máy Đường Phổ Phong", "Chế biến nông sản"],
  ["Nhà máy Tinh bột sắn Sơn Hải", "Chế biến nông sản"],
  ["Doanh nghiệp tư nhân Cơ điện Mộ Đức", "Cơ khí chế tạo"],
  ["Xí nghiệp Thực phẩm Đức Phổ", "Chế biến thực phẩm"],
  ["Doanh nghiệp tư nhân Nhựa Quảng Phú", "Sản xuất nhựa"],
  ["Xí nghiệp In Trà Khúc", "In ấn"],
  ["Nhà máy Gạch Tuynel Tư Nghĩa", "Vật liệu xây dựng"],
  ["Hợp tác xã Hải sản Lý Sơn", "Chế biến thủy sản"],
  ["Hợp tác xã Nông sản Ba Tơ", "Chế biến nông sản"],
  ["Hợp tác xã Dược liệu Minh Long", "Dược liệu"],
  ["Nhà máy Kết cấu thép Dung Quất", "Luyện kim"],
  ["Xí nghiệp Điện tử Vạn Tường", "Điện tử"],
  ["Nhà máy Phân bón Quảng Ngãi", "Hóa chất, phân bón"],
  ["Nhà máy Giấy Tịnh Ấn", "Sản xuất giấy"],
  ["Hợp tác xã Chè Minh Long", "Chế biến nông sản"],
  ["Doanh nghiệp tư nhân Bánh kẹo Thu Xà", "Chế biến thực phẩm"],
  ["Xí nghiệp Cơ khí Nông nghiệp Sơn Hà", "Cơ khí chế tạo"],
  ["Nhà máy Mía đường Bình Thanh", "Chế biến nông sản"],
  ["Doanh nghiệp tư nhân Nội thất Quảng Ngãi", "Chế biến gỗ"],
  ["Hợp tác xã Tôm giống Đức Lợi", "Nuôi trồng thủy sản"],
  ["Hợp tác xã Dầu dừa Bình Hải", "Chế biến nông sản"],
  ["Xí nghiệp Kết cấu thép Tịnh Phong", "Cơ khí chế tạo"],
];
const SME_ENTERPRISES = ["org-huy-long", "org-olysa", "org-quang-hai", "org-nsp", "org-ninh-truong"];

type DemoApplication = {
  organisationId: string;
  status: TechApplicationStatus;
  technology: string;
  supplier: string;
  origin: string;
  totalVnd: number;
  ownVnd: number;
  requestedVnd: number;
  submittedOn: string;
  implementation?: { status: TechImplementationStatus; reason?: string; note: string; on: string };
};

/**
 * The technology transfer and renovation programme at the scale of the 2022 report: leaflets to a few dozen
 * enterprises, 10 consulted, 6 applications, one participation certificate whose project stalled because the
 * enterprise's own funds were not arranged, and a dozen technology-level assessments.
 */
export async function seedTechnology(db: Kysely<Database>, now: string): Promise<void> {
  const surveyedIds = SURVEYED.map((_, i) => `org-tech-${String(i + 1).padStart(2, "0")}`);
  await db
    .insertInto("organisations")
    .values(
      SURVEYED.map(([name, sector], i) =>
        organisationRow(
          {
            id: surveyedIds[i],
            name,
            kind: "enterprise",
            taxCode: String(4_300_950_000 + i + 1),
            province: "Quảng Ngãi",
            sector,
          },
          now,
        ),
      ),
    )
    .execute();

  // Outreach: leaflets in the industrial zones, guidance letters, LED screens.
  const campaigns = [
    {
      id: "tech-campaign-leaflets",
      title: "Phát tờ rơi giới thiệu Chương trình tại KCN Tịnh Phong, Quảng Phú",
      channel: "leaflet" as const,
      held_on: "2022-04-15",
      reached: [...surveyedIds, ...SME_ENTERPRISES],
    },
    {
      id: "tech-campaign-letters",
      title: "Gửi công văn hướng dẫn tham gia Chương trình",
      channel: "letter" as const,
      held_on: "2022-05-10",
      reached: [...surveyedIds.slice(0, 20), ...SME_ENTERPRISES],
    },
    {
      id: "tech-campaign-led",
      title: "Trình chiếu trên màn hình LED tại trung tâm thành phố",
      channel: "led_screen" as const,
      held_on: "2022-06-01",
      reached: [] as string[],
    },
  ];
  for (const campaign of campaigns) {
    await db
      .insertInto("tech_outreach_campaigns")
      .values({
        id: campaign.id,
        title: campaign.title,
        channel: campaign.channel,
        held_on: campaign.held_on,
        note: null,
        created_by: "demo-staff",
        created_at: now,
      })
      .execute();
    if (campaign.reached.length)
      await db
        .insertInto("tech_outreach_recipients")
        .values(campaign.reached.map((organisation_id) => ({ campaign_id: campaign.id, organisation_id })))
        .execute();
  }

  // Field visits and consulting for 10 enterprises that wanted to join.
  const consulted = [...SME_ENTERPRISES, ...surveyedIds.slice(0, 5)];
  await db
    .insertInto("tech_consultations")
    .values(
      consulted.map((organisation_id, i) => ({
        id: `tech-consultation-${i + 1}`,
        organisation_id,
        kind: i % 2 ? ("consultation" as const) : ("field_visit" as const),
        held_on: `2022-0${6 + (i % 3)}-${String(10 + i).padStart(2, "0")}`,
        staff_names: "Phòng Quản lý công nghệ",
        findings: "Dây chuyền sản xuất chủ yếu thủ công, thiết bị đã sử dụng trên 10 năm, tiêu hao năng lượng lớn.",
        advice: "Tư vấn lựa chọn công nghệ, lập dự án đổi mới thiết bị và hồ sơ tham gia Chương trình.",
        next_step: "Doanh nghiệp lập hồ sơ đề nghị tham gia",
        created_by: "demo-staff",
        created_at: now,
      })),
    )
    .execute();

  // Six applications; one certified in 2022 whose project stalled for lack of own funds.
  const applications: DemoApplication[] = [
    {
      organisationId: "org-quang-hai",
      status: "approved",
      technology: "Dây chuyền chưng cất và đóng chai rượu tự động",
      supplier: "Công ty CP Thiết bị Thực phẩm Bách Khoa",
      origin: "Việt Nam – Đức",
      totalVnd: 3_200 * M,
      ownVnd: 2_240 * M,
      requestedVnd: 960 * M,
      submittedOn: "2022-08-05",
      implementation: {
        status: "stalled",
        reason: "Doanh nghiệp chưa thu xếp được vốn đối ứng",
        note: "Doanh nghiệp chưa thu xếp được vốn đối ứng",
        on: "2023-03-15",
      },
    },
    {
      organisationId: "org-olysa",
      status: "rejected",
      technology: "Hệ thống sấy thăng hoa trái cây",
      supplier: "Công ty TNHH Công nghệ Sấy Việt",
      origin: "Hàn Quốc",
      totalVnd: 1_800 * M,
      ownVnd: 1_260 * M,
      requestedVnd: 540 * M,
      submittedOn: "2022-08-20",
    },
    {
      organisationId: "org-ninh-truong",
      status: "reviewed",
      technology: "Phòng nuôi cấy nấm dược liệu điều khiển vi khí hậu",
      supplier: "Viện Di truyền Nông nghiệp",
      origin: "Việt Nam",
      totalVnd: 900 * M,
      ownVnd: 630 * M,
      requestedVnd: 270 * M,
      submittedOn: "2026-10-20",
    },
    {
      organisationId: "org-nsp",
      status: "complete",
      technology: "Hệ thống quản lý kho thông minh",
      supplier: "Công ty CP Phần mềm Miền Trung",
      origin: "Việt Nam",
      totalVnd: 600 * M,
      ownVnd: 420 * M,
      requestedVnd: 180 * M,
      submittedOn: "2026-11-02",
    },
    {
      organisationId: surveyedIds[0],
      status: "supplement_requested",
      technology: "Máy cắt laser CNC 6 kW",
      supplier: "Công ty TNHH Máy công cụ Đại Việt",
      origin: "Trung Quốc",
      totalVnd: 2_500 * M,
      ownVnd: 1_750 * M,
      requestedVnd: 750 * M,
      submittedOn: "2026-11-09",
    },
    {
      organisationId: surveyedIds[1],
      status: "received",
      technology: "Dây chuyền cấp đông IQF",
      supplier: "Công ty TNHH Lạnh Công nghiệp Sài Gòn",
      origin: "Nhật Bản",
      totalVnd: 4_000 * M,
      ownVnd: 2_800 * M,
      requestedVnd: 1_200 * M,
      submittedOn: "2026-11-18",
    },
  ];
  for (const [i, a] of applications.entries()) {
    const id = `tech-application-${i + 1}`;
    const at = `${a.submittedOn}T02:00:00.000Z`;
    await db
      .insertInto("tech_applications")
      .values({
        id,
        organisation_id: a.organisationId,
        status: a.status,
        kind: "renovation",
        technology: a.technology,
        origin: a.origin,
        supplier: a.supplier,
        equipment: a.technology,
        total_investment_vnd: a.totalVnd,
        own_funds_vnd: a.ownVnd,
        requested_support_vnd: a.requestedVnd,
        starts_on: a.submittedOn.slice(0, 4) === "2022" ? "2022-10-01" : "2027-01-04",
        ends_on: a.submittedOn.slice(0, 4) === "2022" ? "2023-09-30" : "2027-12-31",
        expected_gains: "Nâng cao năng suất, giảm tiêu hao năng lượng và nguyên liệu, nâng cao chất lượng sản phẩm.",
        supplement_request:
          a.status === "supplement_requested" ? "Bổ sung báo giá thiết bị có xác nhận của nhà cung cấp." : null,
        review_note:
          a.status === "reviewed" || a.status === "approved" || a.status === "rejected"
            ? "Dự án phù hợp nội dung Chương trình."
            : null,
        decision_reason:
          a.status === "rejected"
            ? "Công nghệ đề nghị đã phổ biến, không thuộc danh mục khuyến khích chuyển giao."
            : null,
        submitted_at: at,
        step_started_on: a.submittedOn,
        complete_on: ["complete", "reviewed", "approved", "rejected"].includes(a.status) ? a.submittedOn : null,
        received_complete_on: ["complete", "reviewed", "approved", "rejected"].includes(a.status)
          ? a.submittedOn
          : null,
        // The open ones have their due dates from the working-day calendar at their next step; kept simple for the demo.
        due_on:
          a.status === "supplement_requested"
            ? "2026-12-04"
            : a.status === "received"
              ? "2026-11-23"
              : a.status === "complete"
                ? "2026-11-20"
                : a.status === "reviewed"
                  ? "2026-11-09"
                  : null,
        implementation_status: a.implementation?.status ?? null,
        implementation_reason: a.implementation?.reason ?? null,
        created_by: "demo-enterprise",
        created_at: at,
        updated_at: a.implementation ? `${a.implementation.on}T02:00:00.000Z` : at,
      })
      .execute();
    if (a.status === "approved") {
      await db
        .insertInto("tech_certificates")
        .values({
          id: `tech-certificate-${i + 1}`,
          application_id: id,
          year: 2022,
          seq: 1,
          number: formatCertificateNumber(DEFAULT_CERTIFICATE_FORMAT, 1, 2022),
          verification_code: "GXN2022QHAI7",
          issued_at: "2022-09-12T02:00:00.000Z",
          signer_name: "Nguyễn Văn Lãnh",
          signer_title: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
          issued_by: "demo-leader",
          revoked_at: null,
          revoked_by: null,
          revoke_reason: null,
        })
        .execute();
    }
    if (a.implementation) {
      await db
        .insertInto("tech_progress_notes")
        .values([
          {
            id: `tech-note-${i + 1}-a`,
            application_id: id,
            status: "implementing",
            note: "Đã ký hợp đồng mua thiết bị, đang chờ giải ngân vốn vay.",
            reported_on: "2022-12-20",
            reported_by: "demo-staff",
            created_at: "2022-12-20T02:00:00.000Z",
          },
          {
            id: `tech-note-${i + 1}-b`,
            application_id: id,
            status: a.implementation.status,
            note: a.implementation.note,
            reported_on: a.implementation.on,
            reported_by: "demo-staff",
            created_at: `${a.implementation.on}T02:00:00.000Z`,
          },
        ])
        .execute();
    }
  }

  // A dozen technology-level assessments from the 2022 survey, computed by the same rule as the form.
  const [criteria, bands, formula] = await Promise.all([
    db.selectFrom("tech_level_criteria").selectAll().orderBy("position").execute(),
    db.selectFrom("tech_level_bands").selectAll().execute(),
    db.selectFrom("tech_settings").select("value").where("key", "=", "coefficient_formula").executeTakeFirstOrThrow(),
  ]);
  const assessed = [...SME_ENTERPRISES, ...surveyedIds.slice(0, 7)];
  for (const [i, organisationId] of assessed.entries()) {
    // Shares of each group's maximum that differ by enterprise and group, so the levels spread.
    const share = (group: string) => Math.min(1, 0.3 + (i % 6) * 0.1 + (((i + "TEORI".indexOf(group)) % 3) - 1) * 0.05);
    const scores = Object.fromEntries(
      criteria.map((c) => [c.code, Math.round(c.max_points * share(c.group_code) * 2) / 2]),
    );
    const result = assessTechnology(criteria as Criterion[], bands as LevelBand[], formula.value, scores);
    await db
      .insertInto("tech_assessments")
      .values({
        id: `tech-assessment-${i + 1}`,
        organisation_id: organisationId,
        year: 2022,
        assessed_on: "2022-07-20",
        scores_json: JSON.stringify(scores),
        t_score: result.groups.T,
        e_score: result.groups.E,
        o_score: result.groups.O,
        r_score: result.groups.R,
        i_score: result.groups.I,
        total: result.total,
        coefficient: result.coefficient,
        level_code: result.levelCode,
        settings_verified: 0,
        note: "Khảo sát trình độ công nghệ năm 2022",
        created_by: "demo-staff",
        created_at: now,
      })
      .execute();
  }

  // Each enterprise's stage, by the same rule the commands apply.
  const touched = new Set([...surveyedIds, ...SME_ENTERPRISES]);
  for (const organisationId of touched) {
    const stage = pipelineStage({
      reached: campaigns.some((c) => c.reached.includes(organisationId)),
      consulted: consulted.includes(organisationId),
      applications: applications
        .filter((a) => a.organisationId === organisationId)
        .map((a) => ({
          status: a.status,
          implementationStatus: a.implementation?.status ?? null,
          certificateValid: a.status === "approved",
        })),
    });
    if (stage)
      await db
        .insertInto("tech_enterprise_stages")
        .values({ organisation_id: organisationId, stage, updated_at: now })
        .execute();
  }
}
