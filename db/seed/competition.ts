import type { Kysely } from "kysely";
import { searchKey } from "../../app/lib/format";
import type { Database, EntryStatus } from "../types";
import { organisationRow } from "../../app/modules/organisations/rules";

const RULES_2022 = `## Đối tượng
Cá nhân, nhóm cá nhân và doanh nghiệp khởi nghiệp thành lập không quá 05 năm, trong và ngoài tỉnh.

## Hai bảng thi
- **Ý tưởng**: ý tưởng khởi nghiệp đổi mới sáng tạo.
- **Dự án**: dự án đã có sản phẩm mẫu hoặc khách hàng.

## Vòng thi
1. **Vòng sơ khảo** chấm trên hồ sơ. Chọn 05 hồ sơ cao điểm nhất mỗi bảng, điểm trung bình từ 50/100 và không tiêu chí nào 0 điểm.
2. **Vòng chung khảo**: thuyết trình tối đa 08 phút, trả lời câu hỏi tối đa 10 phút.`;

/** Twenty plausible Quảng Ngãi startups of the 4th edition (2022): projects and ideas across the province's sectors. */
const ENTRIES_2022: Array<{
  team: string;
  project: string;
  sector: string;
  kind: "project" | "idea";
  status: EntryStatus;
  representative: string;
}> = [
  {
    team: "org-team-toi-ly-son",
    project: "Tỏi đen Lý Sơn lên men tự nhiên",
    sector: "Chế biến nông sản",
    kind: "project",
    status: "valid",
    representative: "Võ Thị Ngọc Ánh",
  },
  {
    team: "Nhóm Nấm linh chi Ba Tơ",
    project: "Nấm linh chi đỏ trồng dưới tán rừng Ba Tơ",
    sector: "Nông nghiệp",
    kind: "project",
    status: "valid",
    representative: "Đinh Văn Hùng",
  },
  {
    team: "Nhóm Du lịch cộng đồng Sa Huỳnh",
    project: "Tour trải nghiệm làng muối Sa Huỳnh",
    sector: "Du lịch",
    kind: "project",
    status: "valid",
    representative: "Nguyễn Thị Hồng",
  },
  {
    team: "Công ty TNHH Quế Trà Bồng Xanh",
    project: "Tinh dầu quế Trà Bồng đạt chuẩn xuất khẩu",
    sector: "Chế biến nông sản",
    kind: "project",
    status: "valid",
    representative: "Hồ Văn Quế",
  },
  {
    team: "Nhóm Cá bống sông Trà",
    project: "Cá bống sông Trà kho tộ đóng hộp",
    sector: "Chế biến thực phẩm",
    kind: "project",
    status: "valid",
    representative: "Trần Minh Khoa",
  },
  {
    team: "Nhóm AgriSense Quảng Ngãi",
    project: "Cảm biến độ ẩm đất cho vườn tỏi Lý Sơn",
    sector: "Công nghệ số",
    kind: "idea",
    status: "valid",
    representative: "Lê Quang Vinh",
  },
  {
    team: "Nhóm Chợ số Miền Núi",
    project: "Sàn thương mại điện tử cho nông sản miền núi",
    sector: "Công nghệ số",
    kind: "idea",
    status: "valid",
    representative: "Phạm Thị Lan",
  },
  {
    team: "Nhóm Mạch nha Thi Phổ",
    project: "Mạch nha Thi Phổ đóng gói hiện đại",
    sector: "Chế biến thực phẩm",
    kind: "project",
    status: "valid",
    representative: "Nguyễn Văn Phổ",
  },
  {
    team: "Nhóm Gốm Sa Huỳnh mới",
    project: "Gốm mỹ nghệ lấy cảm hứng văn hóa Sa Huỳnh",
    sector: "Thủ công mỹ nghệ",
    kind: "idea",
    status: "valid",
    representative: "Huỳnh Thị Thu",
  },
  {
    team: "Nhóm Đường phèn Quảng Ngãi",
    project: "Đường phèn hữu cơ từ mía Tư Nghĩa",
    sector: "Chế biến thực phẩm",
    kind: "project",
    status: "valid",
    representative: "Võ Văn Mía",
  },
  {
    team: "Nhóm EduKid Quảng Ngãi",
    project: "Ứng dụng học tiếng Anh cho trẻ vùng cao",
    sector: "Công nghệ số",
    kind: "idea",
    status: "valid",
    representative: "Đặng Thùy Dương",
  },
  {
    team: "Nhóm Tàu cá thông minh",
    project: "Thiết bị giám sát hành trình tàu cá giá rẻ",
    sector: "Công nghệ số",
    kind: "idea",
    status: "valid",
    representative: "Trương Văn Biển",
  },
  {
    team: "Nhóm Homestay Minh Long",
    project: "Homestay sinh thái Minh Long",
    sector: "Du lịch",
    kind: "idea",
    status: "valid",
    representative: "Đinh Thị Mai",
  },
  {
    team: "Nhóm Phân bón vi sinh Sơn Tịnh",
    project: "Phân bón vi sinh từ phụ phẩm nông nghiệp",
    sector: "Nông nghiệp",
    kind: "project",
    status: "valid",
    representative: "Lê Văn Tịnh",
  },
  {
    team: "Nhóm Rau mầm Nghĩa Hành",
    project: "Rau mầm thủy canh cho bếp ăn trường học",
    sector: "Nông nghiệp",
    kind: "idea",
    status: "valid",
    representative: "Nguyễn Thị Hạnh",
  },
  {
    team: "Nhóm Bánh tráng Đức Phổ",
    project: "Bánh tráng nước dừa Đức Phổ",
    sector: "Chế biến thực phẩm",
    kind: "idea",
    status: "valid",
    representative: "Phạm Văn Đức",
  },
  {
    team: "Nhóm Thổ cẩm Cor Trà Bồng",
    project: "Thổ cẩm Cor kết hợp thời trang hiện đại",
    sector: "Thủ công mỹ nghệ",
    kind: "idea",
    status: "invalid",
    representative: "Hồ Thị Xuân",
  },
  {
    team: "Nhóm Nước mắm Mỹ Á",
    project: "Nước mắm truyền thống Mỹ Á truy xuất nguồn gốc",
    sector: "Chế biến thực phẩm",
    kind: "project",
    status: "valid",
    representative: "Võ Thị Á",
  },
  {
    team: "Nhóm Drone nông nghiệp",
    project: "Dịch vụ phun thuốc bằng drone cho hợp tác xã",
    sector: "Công nghệ số",
    kind: "idea",
    status: "invalid",
    representative: "Nguyễn Hữu Phi",
  },
  {
    team: "Nhóm Cà phê Sơn Tây",
    project: "Cà phê Robusta Sơn Tây rang mộc",
    sector: "Nông nghiệp",
    kind: "project",
    status: "valid",
    representative: "Đinh Văn Tây",
  },
];

const SECOND_MEMBERS = [
  "Trần Văn Khánh",
  "Lê Thị Bích Ngọc",
  "Nguyễn Hoàng Phúc",
  "Phạm Thị Thanh Thủy",
  "Đỗ Minh Quân",
  "Huỳnh Thị Mỹ Linh",
  "Bùi Văn Toàn",
];

function localIso(local: string): string {
  return new Date(`${local}+07:00`).toISOString();
}

async function insertEdition(
  db: Kysely<Database>,
  edition: {
    id: string;
    name: string;
    number: number;
    year: number;
    opensAt: string;
    deadline: string;
    ceremony: string | null;
    prefix: string;
    description: string;
    rules: string;
    /** The documents proving eligibility rules (the current edition: the 2022 one predates them). */
    proofDocuments?: boolean;
  },
  now: string,
): Promise<{ project: string; idea: string }> {
  await db
    .insertInto("competition_editions")
    .values({
      id: edition.id,
      name: edition.name,
      number: edition.number,
      year: edition.year,
      description: edition.description,
      rules: edition.rules,
      status: "published",
      registration_opens_at: edition.opensAt,
      submission_deadline: edition.deadline,
      award_ceremony_on: edition.ceremony,
      residency_province: null,
      max_enterprise_age_years: 5,
      min_representative_age: 18,
      receipt_prefix: edition.prefix,
      copied_from_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const project = `${edition.id}-cat-project`;
  const idea = `${edition.id}-cat-idea`;
  await db
    .insertInto("competition_categories")
    .values([
      {
        id: project,
        edition_id: edition.id,
        name: "Dự án",
        kind: "project",
        description: "Dự án đã có sản phẩm, mô hình kinh doanh",
        position: 1,
      },
      {
        id: idea,
        edition_id: edition.id,
        name: "Ý tưởng",
        kind: "idea",
        description: "Ý tưởng khởi nghiệp đổi mới sáng tạo",
        position: 2,
      },
    ])
    .execute();
  await db
    .insertInto("competition_document_requirements")
    .values([
      {
        id: `${edition.id}-doc-plan`,
        edition_id: edition.id,
        category_id: null,
        label: "Kế hoạch kinh doanh",
        required: 1,
        position: 1,
      },
      {
        id: `${edition.id}-doc-pitch`,
        edition_id: edition.id,
        category_id: null,
        label: "Bài thuyết trình (pitch deck)",
        required: 0,
        position: 2,
      },
      {
        id: `${edition.id}-doc-images`,
        edition_id: edition.id,
        category_id: project,
        label: "Hình ảnh sản phẩm",
        required: 0,
        position: 3,
      },
    ])
    .execute();
  if (edition.proofDocuments)
    // Optional, so that a team without an enterprise, or an entry already complete, is not refused for them.
    await db
      .insertInto("competition_document_requirements")
      .values([
        {
          id: `${edition.id}-doc-registration`,
          edition_id: edition.id,
          category_id: null,
          label: "Giấy chứng nhận đăng ký doanh nghiệp",
          required: 0,
          position: 4,
          proves_rule: "enterprise_age",
        },
        {
          id: `${edition.id}-doc-identity`,
          edition_id: edition.id,
          category_id: null,
          label: "Căn cước của người đại diện",
          required: 0,
          position: 5,
          proves_rule: "representative_age",
        },
      ])
      .execute();
  await db
    .insertInto("competition_prizes")
    .values([
      {
        id: `${edition.id}-prize-1`,
        edition_id: edition.id,
        rank_label: "Giải Nhất",
        count: 1,
        amount_vnd: 30_000_000,
        position: 1,
      },
      {
        id: `${edition.id}-prize-2`,
        edition_id: edition.id,
        rank_label: "Giải Nhì",
        count: 1,
        amount_vnd: 20_000_000,
        position: 2,
      },
      {
        id: `${edition.id}-prize-3`,
        edition_id: edition.id,
        rank_label: "Giải Ba",
        count: 2,
        amount_vnd: 10_000_000,
        position: 3,
      },
      {
        id: `${edition.id}-prize-4`,
        edition_id: edition.id,
        rank_label: "Giải Khuyến khích",
        count: 2,
        amount_vnd: 5_000_000,
        position: 4,
      },
    ])
    .execute();
  const preliminary = `${edition.id}-round-1`;
  const final = `${edition.id}-round-2`;
  await db
    .insertInto("competition_rounds")
    .values([
      {
        id: preliminary,
        edition_id: edition.id,
        name: "Vòng sơ khảo",
        kind: "preliminary",
        starts_on: null,
        ends_on: null,
        position: 1,
      },
      {
        id: final,
        edition_id: edition.id,
        name: "Vòng chung khảo",
        kind: "final",
        starts_on: null,
        ends_on: null,
        position: 2,
      },
    ])
    .execute();
  const criteria: Array<[string, number, number]> = [
    ["Tính đổi mới sáng tạo", 30, 25],
    ["Khả năng thương mại hóa và tăng trưởng", 25, 20],
    ["Kế hoạch kinh doanh", 25, 20],
    ["Hướng phát triển", 0, 10],
    ["Tác động kinh tế - xã hội", 20, 15],
    ["Trình bày", 0, 10],
  ];
  await db
    .insertInto("round_criteria")
    .values([
      ...criteria
        .filter(([, weight]) => weight > 0)
        .map(([name, weight], index) => ({
          id: `${preliminary}-c${index + 1}`,
          round_id: preliminary,
          name,
          description: null,
          weight,
          max_score: 100,
          position: index + 1,
        })),
      ...criteria.map(([name, , weight], index) => ({
        id: `${final}-c${index + 1}`,
        round_id: final,
        name,
        description: null,
        weight,
        max_score: 100,
        position: index + 1,
      })),
    ])
    .execute();
  return { project, idea };
}

export async function seedCompetition(db: Kysely<Database>, now: string): Promise<void> {
  const categories = await insertEdition(
    db,
    {
      id: "edition-2022",
      name: "Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi lần thứ 4 năm 2022",
      number: 4,
      year: 2022,
      opensAt: localIso("2022-06-01T08:00:00"),
      deadline: localIso("2022-09-30T17:00:00"),
      ceremony: "2022-11-25",
      prefix: "KN2022",
      description:
        "Cuộc thi do Sở Khoa học và Công nghệ tỉnh Quảng Ngãi tổ chức nhằm tìm kiếm, hỗ trợ các ý tưởng, dự án khởi nghiệp đổi mới sáng tạo.",
      rules: RULES_2022,
    },
    now,
  );

  // The current year's edition is open on the day the demo starts, so the apply flow can be tried at once.
  const year = new Date(now).getUTCFullYear();
  const opens = new Date(new Date(now).getTime() - 30 * 86_400_000).toISOString();
  const deadline = new Date(new Date(now).getTime() + 60 * 86_400_000);
  deadline.setUTCHours(10, 0, 0, 0); // 17:00 in Quảng Ngãi
  await insertEdition(
    db,
    {
      id: `edition-${year}`,
      name: `Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi năm ${year}`,
      number: year - 2018,
      year,
      opensAt: opens,
      deadline: deadline.toISOString(),
      ceremony: null,
      prefix: `KN${year}`,
      description: "Kỳ thi năm nay đang nhận hồ sơ. Đăng ký tài khoản và tạo hồ sơ dự thi để tham gia.",
      rules: RULES_2022,
      proofDocuments: true,
    },
    now,
  );

  const submittedAt = (index: number) => localIso(`2022-09-${String(5 + index).padStart(2, "0")}T09:30:00`);
  for (const [index, seed] of ENTRIES_2022.entries()) {
    let organisationId = seed.team;
    if (!seed.team.startsWith("org-")) {
      organisationId = `org-2022-team-${index + 1}`;
      await db
        .insertInto("organisations")
        .values(
          organisationRow(
            {
              id: organisationId,
              name: seed.team,
              kind: seed.team.startsWith("Công ty") ? "enterprise" : "startup_team",
              province: "Quảng Ngãi",
              sector: seed.sector,
            },
            now,
          ),
        )
        .execute();
    }
    const entryId = `entry-2022-${String(index + 1).padStart(2, "0")}`;
    const receipt = `KN2022-${String(index + 1).padStart(4, "0")}`;
    await db
      .insertInto("competition_entries")
      .values({
        id: entryId,
        edition_id: "edition-2022",
        organisation_id: organisationId,
        created_by: "demo-startup",
        category_id: seed.kind === "project" ? categories.project : categories.idea,
        status: seed.status,
        receipt_seq: index + 1,
        receipt_number: receipt,
        project_name: seed.project,
        name_search: searchKey(seed.project),
        sector: seed.sector,
        summary: `${seed.project}: sản phẩm khởi nghiệp của ${seed.team}, khai thác lợi thế địa phương tỉnh Quảng Ngãi.`,
        problem: "Sản phẩm địa phương chưa có thương hiệu, giá trị gia tăng thấp.",
        solution: "Ứng dụng công nghệ mới trong sản xuất, đóng gói và bán hàng trực tuyến.",
        market: "Khách hàng trong tỉnh, các thành phố lớn và du khách.",
        business_model: "Bán trực tiếp, qua đại lý và sàn thương mại điện tử.",
        team_description: "Nhóm gồm 3–5 thành viên có kinh nghiệm sản xuất và kinh doanh.",
        stage: seed.kind === "project" ? "market" : "idea",
        funding_to_date_vnd: seed.kind === "project" ? 150_000_000 : 0,
        video_url: null,
        enterprise_registered_on: seed.team.startsWith("Công ty") ? "2020-03-15" : null,
        residence_province: "Quảng Ngãi",
        consent_at: submittedAt(index),
        submitted_at: submittedAt(index),
        decision_reason: seed.status === "invalid" ? "Hồ sơ thiếu kế hoạch kinh doanh theo mẫu của Ban Tổ chức." : null,
        clarification_fields: null,
        clarification_note: null,
        clarification_until: null,
        created_at: submittedAt(index),
        updated_at: submittedAt(index),
      })
      .execute();
    await db
      .insertInto("entry_members")
      .values([
        {
          id: `${entryId}-m1`,
          entry_id: entryId,
          full_name: seed.representative,
          role: "Trưởng nhóm",
          email: null,
          phone: null,
          birth_date: "1995-05-20",
          is_representative: 1,
          position: 1,
        },
        {
          id: `${entryId}-m2`,
          entry_id: entryId,
          full_name: SECOND_MEMBERS[index % SECOND_MEMBERS.length],
          role: "Kỹ thuật",
          email: null,
          phone: null,
          birth_date: null,
          is_representative: 0,
          position: 2,
        },
      ])
      .execute();
    await db
      .insertInto("audit_events")
      .values({
        actor_id: "demo-startup",
        action: "entry.submitted",
        entity_type: "entry",
        entity_id: entryId,
        before_json: null,
        after_json: JSON.stringify({ status: "submitted", receiptNumber: receipt }),
        reason: null,
        ip: null,
        created_at: submittedAt(index),
      })
      .execute();
    await db
      .insertInto("audit_events")
      .values({
        actor_id: "demo-staff",
        action: seed.status === "invalid" ? "entry.mark_invalid" : "entry.mark_valid",
        entity_type: "entry",
        entity_id: entryId,
        before_json: JSON.stringify({ status: "submitted" }),
        after_json: JSON.stringify({ status: seed.status }),
        reason: seed.status === "invalid" ? "Hồ sơ thiếu kế hoạch kinh doanh theo mẫu của Ban Tổ chức." : null,
        ip: null,
        created_at: localIso("2022-10-05T10:00:00"),
      })
      .execute();
  }
}
