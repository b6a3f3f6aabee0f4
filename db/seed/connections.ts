import type { Kysely } from "kysely";
import { searchKey } from "../../app/lib/format";
import { provinceDate } from "../../app/lib/province-time";
import { pairingOf } from "../../app/modules/connections/rules";
import type { Database, EventKind, MouField, MouStatus, OrganisationKind } from "../types";
import { organisationRow } from "../../app/modules/organisations/rules";

/**
 * DOST's connection events (BRIEF.md "Connection events and MOUs" and the technology programme's conferences) with
 * the attendance the reports give, a few enterprises and experts that signed MOUs, and the 20 MOUs of the report:
 * enterprise–enterprise, enterprise–expert and enterprise–support organisation, on technology-transfer consulting and
 * trade promotion, 2022–2024, some followed up, a few due for a check today. One organisation is entered twice
 * ("Cty Nông Sản Sạch Sơn Tịnh") so that the duplicates page has something to merge.
 */
const ORGANISATIONS: Array<{
  id: string;
  name: string;
  kind: OrganisationKind;
  taxCode?: string;
  province: string;
  sector: string;
}> = [
  {
    id: "org-co-khi-dung-quat",
    name: "Công ty TNHH Cơ khí chế tạo Dung Quất",
    kind: "enterprise",
    taxCode: "4300812345",
    province: "Quảng Ngãi",
    sector: "Cơ khí chế tạo",
  },
  {
    id: "org-nong-san-son-tinh",
    name: "Công ty CP Nông sản sạch Sơn Tịnh",
    kind: "enterprise",
    taxCode: "4300823456",
    province: "Quảng Ngãi",
    sector: "Chế biến nông sản",
  },
  {
    id: "org-htx-tinh-phong",
    name: "Hợp tác xã Nông nghiệp Tịnh Phong",
    kind: "enterprise",
    province: "Quảng Ngãi",
    sector: "Nông nghiệp",
  },
  {
    id: "org-tu-dong-hoa-mien-trung",
    name: "Công ty TNHH Thiết bị tự động hóa Miền Trung",
    kind: "enterprise",
    taxCode: "0401234567",
    province: "Thành phố Đà Nẵng",
    sector: "Tự động hóa",
  },
  {
    id: "org-du-lich-sa-huynh",
    name: "Công ty TNHH Thương mại Du lịch Sa Huỳnh",
    kind: "enterprise",
    taxCode: "4300834567",
    province: "Quảng Ngãi",
    sector: "Du lịch, thương mại",
  },
  {
    id: "org-expert-minh",
    name: "PGS.TS. Võ Văn Minh – chuyên gia cơ khí, tự động hóa",
    kind: "expert",
    province: "Thành phố Đà Nẵng",
    sector: "Cơ khí, tự động hóa",
  },
  {
    id: "org-expert-thu",
    name: "ThS. Phạm Thị Thu – chuyên gia xúc tiến thương mại",
    kind: "expert",
    province: "Quảng Ngãi",
    sector: "Xúc tiến thương mại",
  },
  {
    id: "org-son-tinh-duplicate",
    name: "Cty Nông Sản Sạch Sơn Tịnh",
    kind: "enterprise",
    province: "Quảng Ngãi",
    sector: "Nông sản",
  },
];

type SeedEvent = {
  id: string;
  kind: EventKind;
  title: string;
  startsOn: string;
  endsOn?: string;
  place: string;
  topic?: string;
  summary?: string;
  organisers: string[];
  reportedOrganisations?: number;
  reportedPeople?: number;
  countNote?: string;
  participants?: Array<[organisationId: string | null, person: string | null, position?: string]>;
};

const EVENTS: SeedEvent[] = [
  {
    id: "event-2022-co-khi",
    kind: "conference_training",
    title:
      "Giải pháp công nghệ về cơ khí chế tạo và tự động hóa trong sản xuất, chế biến và phân phối nông lâm thủy sản",
    startsOn: "2022-08-25",
    endsOn: "2022-08-26",
    place: "Thành phố Quảng Ngãi; tham quan thực tế tại Khu kinh tế Dung Quất",
    topic: "Cơ khí chế tạo, tự động hóa nông lâm thủy sản",
    summary:
      "Hội nghị tập huấn kết hợp tham quan thực tế dây chuyền chế biến; các doanh nghiệp cơ khí giới thiệu giải pháp cho cơ sở chế biến nông sản.",
    organisers: ["org-dost", "org-pvd-university"],
    reportedOrganisations: 45,
    reportedPeople: 80,
    countNote: "khoảng 80 đại biểu của 45 doanh nghiệp, hợp tác xã",
    participants: [
      ["org-co-khi-dung-quat", "Nguyễn Văn Tài", "Giám đốc"],
      ["org-tu-dong-hoa-mien-trung", "Lê Quốc Hưng", "Trưởng phòng kỹ thuật"],
      ["org-nong-san-son-tinh", "Trần Thị Mai", "Phó Giám đốc"],
      ["org-htx-tinh-phong", "Phạm Văn Lực", "Giám đốc HTX"],
      ["org-expert-minh", "PGS.TS. Võ Văn Minh", "Báo cáo viên"],
      ["org-ninh-truong", "Ninh Văn Trương", "Giám đốc"],
    ],
  },
  {
    id: "event-2022-cmcn4",
    kind: "conference_training",
    title: "Hội nghị đổi mới công nghệ trong bối cảnh Cách mạng công nghiệp lần thứ tư",
    startsOn: "2022-10-18",
    place: "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
    topic: "Chương trình hỗ trợ chuyển giao, đổi mới công nghệ",
    organisers: ["org-dost"],
    reportedOrganisations: 60,
    countNote: "hơn 60 doanh nghiệp và cán bộ quản lý",
  },
  {
    id: "event-2022-quan-ly-cong-nghe",
    kind: "conference_training",
    title: "Tập huấn quản lý công nghệ cho doanh nghiệp",
    startsOn: "2022-11-22",
    place: "Thành phố Quảng Ngãi",
    organisers: ["org-dost"],
    reportedPeople: 40,
    countNote: "40 học viên",
  },
  {
    id: "event-2022-ngay-hoi",
    kind: "startup_festival",
    title: "Ngày hội Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi năm 2022",
    startsOn: "2022-12-10",
    place: "Quảng trường Phạm Văn Đồng, thành phố Quảng Ngãi",
    organisers: ["org-dost", "org-incubator-qn"],
    reportedOrganisations: 30,
    countNote: "30 gian trưng bày của dự án, doanh nghiệp khởi nghiệp",
    participants: [
      ["org-team-toi-ly-son", "Võ Thị Ngọc Ánh", "Trưởng nhóm"],
      ["org-huy-long", "Huỳnh Văn Long", "Giám đốc"],
      ["org-nsp", null],
    ],
  },
  {
    id: "event-2023-he-sinh-thai",
    kind: "workshop",
    title: "Hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi - kết nối, vươn tầm",
    startsOn: "2023-09-28",
    place: "Trường Đại học Phạm Văn Đồng",
    topic: "Kết nối các thành phần của hệ sinh thái khởi nghiệp",
    summary: "Hội thảo kết nối doanh nghiệp, chuyên gia, tổ chức hỗ trợ; ký kết các biên bản ghi nhớ hợp tác.",
    organisers: ["org-dost", "org-pvd-university", "org-iq"],
    reportedPeople: 150,
    participants: [
      ["org-huy-long", "Huỳnh Văn Long", "Giám đốc"],
      ["org-olysa", "Đặng Thị Ly", "Giám đốc"],
      ["org-quang-hai", "Trần Quang Hải", "Giám đốc"],
      ["org-nsp", "Nguyễn Sỹ Phú", "Giám đốc"],
      ["org-expert-ha", "TS. Nguyễn Thị Thanh Hà", "Diễn giả"],
      ["org-expert-binh", "ThS. Trần Quốc Bình", "Diễn giả"],
      ["org-expert-thu", "ThS. Phạm Thị Thu", "Diễn giả"],
      ["org-incubator-qn", "Lê Hoàng Nam", "Quản lý vườn ươm"],
      ["org-hue-centre", null],
      [null, "Phan Minh Quân", "Sinh viên"],
    ],
  },
  {
    id: "event-2023-hue",
    kind: "study_tour",
    title: "Giao lưu, trao đổi kinh nghiệm với Trung tâm Hỗ trợ khởi nghiệp đổi mới sáng tạo Thừa Thiên Huế",
    startsOn: "2023-06-15",
    endsOn: "2023-06-16",
    place: "Thành phố Huế",
    organisers: ["org-dost", "org-hue-centre"],
    reportedPeople: 25,
    participants: [
      ["org-incubator-qn", "Lê Hoàng Nam", "Quản lý vườn ươm"],
      ["org-iq", null],
    ],
  },
  {
    id: "event-2023-ca-phe-1",
    kind: "business_coffee",
    title: "Cà phê doanh nhân: Chuyển đổi số cho doanh nghiệp nhỏ và vừa",
    startsOn: "2023-11-18",
    place: "Thành phố Quảng Ngãi",
    organisers: ["org-dost", "org-iq"],
    reportedPeople: 35,
    participants: [
      ["org-nsp", "Nguyễn Sỹ Phú", "Giám đốc"],
      ["org-du-lich-sa-huynh", "Hồ Thị Sa", "Giám đốc"],
      ["org-expert-ha", "TS. Nguyễn Thị Thanh Hà", "Chia sẻ"],
    ],
  },
  {
    id: "event-2024-ca-phe-2",
    kind: "business_coffee",
    title: "Cà phê doanh nhân: Xúc tiến thương mại cho sản phẩm OCOP",
    startsOn: "2024-05-25",
    place: "Thành phố Quảng Ngãi",
    organisers: ["org-dost", "org-iq"],
    reportedPeople: 40,
    participants: [
      ["org-olysa", "Đặng Thị Ly", "Giám đốc"],
      ["org-quang-hai", "Trần Quang Hải", "Giám đốc"],
      ["org-htx-tinh-phong", "Phạm Văn Lực", "Giám đốc HTX"],
      ["org-expert-thu", "ThS. Phạm Thị Thu", "Chia sẻ"],
    ],
  },
  {
    id: "event-2024-doan-hoc-tap",
    kind: "study_tour",
    title: "Đoàn học tập kinh nghiệm hỗ trợ khởi nghiệp tại Quảng Nam, Đà Nẵng và Nghệ An",
    startsOn: "2024-08-12",
    endsOn: "2024-08-16",
    place: "Quảng Nam, Đà Nẵng, Nghệ An",
    organisers: ["org-dost"],
    reportedOrganisations: 12,
    countNote: "12 dự án, doanh nghiệp khởi nghiệp tham gia trưng bày tại ngày hội các tỉnh",
  },
  {
    id: "event-2024-ngay-hoi",
    kind: "startup_festival",
    title: "Ngày hội Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi năm 2024",
    startsOn: "2024-11-23",
    place: "Thành phố Quảng Ngãi",
    organisers: ["org-dost", "org-incubator-qn"],
    reportedOrganisations: 35,
    participants: [
      ["org-team-toi-ly-son", "Võ Thị Ngọc Ánh", "Trưởng nhóm"],
      ["org-ninh-truong", "Ninh Văn Trương", "Giám đốc"],
      ["org-du-lich-sa-huynh", "Hồ Thị Sa", "Giám đốc"],
    ],
  },
];

type SeedMou = {
  id: string;
  event?: string;
  parties: [string, string];
  fields: MouField[];
  signedOn: string;
  title?: string;
  summary: string;
  status: MouStatus;
  /** Days from today to the next check (negative: due); ignored once the MOU is closed. */
  checkIn?: number;
  followUps?: Array<{ on: string; from: MouStatus; to: MouStatus; note: string }>;
};

const T: MouField = "technology_transfer_consulting";
const P: MouField = "trade_promotion";

const MOUS: SeedMou[] = [
  {
    id: "mou-2022-01",
    event: "event-2022-co-khi",
    parties: ["org-co-khi-dung-quat", "org-nong-san-son-tinh"],
    fields: [T],
    signedOn: "2022-08-26",
    summary: "Tư vấn, chế tạo dây chuyền sơ chế, sấy nông sản.",
    status: "contract",
    followUps: [
      {
        on: "2023-02-20",
        from: "signed",
        to: "in_progress",
        note: "Hai bên đã khảo sát nhà xưởng, thống nhất thiết kế máy sấy.",
      },
      {
        on: "2023-07-10",
        from: "in_progress",
        to: "contract",
        note: "Ký hợp đồng chế tạo máy sấy nông sản trị giá 850 triệu đồng.",
      },
    ],
  },
  {
    id: "mou-2022-02",
    event: "event-2022-co-khi",
    parties: ["org-tu-dong-hoa-mien-trung", "org-htx-tinh-phong"],
    fields: [T],
    signedOn: "2022-08-26",
    summary: "Tư vấn tự động hóa hệ thống tưới cho HTX.",
    status: "in_progress",
    checkIn: -12,
    followUps: [
      { on: "2023-04-05", from: "signed", to: "in_progress", note: "Đã lắp thử hệ thống tưới tự động trên 2 ha." },
    ],
  },
  {
    id: "mou-2022-03",
    event: "event-2022-co-khi",
    parties: ["org-expert-minh", "org-co-khi-dung-quat"],
    fields: [T],
    signedOn: "2022-08-26",
    summary: "Chuyên gia tư vấn chuyển giao công nghệ hàn tự động.",
    status: "in_progress",
    checkIn: 40,
    followUps: [
      { on: "2024-03-01", from: "signed", to: "in_progress", note: "Chuyên gia đã tư vấn 3 buổi tại xưởng." },
    ],
  },
  {
    id: "mou-2022-04",
    event: "event-2022-co-khi",
    parties: ["org-pvd-university", "org-ninh-truong"],
    fields: [T],
    signedOn: "2022-08-26",
    summary: "Trường hỗ trợ quy trình nuôi trồng nấm dược liệu.",
    status: "signed",
    checkIn: -3,
  },
  {
    id: "mou-2022-05",
    event: "event-2022-ngay-hoi",
    parties: ["org-incubator-qn", "org-team-toi-ly-son"],
    fields: [T, P],
    signedOn: "2022-12-10",
    summary: "Vườn ươm hỗ trợ hoàn thiện sản phẩm, kết nối thị trường tỏi đen.",
    status: "contract",
    followUps: [
      { on: "2023-01-01", from: "signed", to: "contract", note: "Nhóm được tiếp nhận ươm tạo tại Vườn ươm." },
    ],
  },
  {
    id: "mou-2022-06",
    event: "event-2022-ngay-hoi",
    parties: ["org-nsp", "org-huy-long"],
    fields: [P],
    signedOn: "2022-12-10",
    summary: "Phân phối rau công nghệ cao trên sàn thương mại điện tử.",
    status: "contract",
    followUps: [{ on: "2023-03-15", from: "signed", to: "contract", note: "Ký hợp đồng phân phối trực tuyến." }],
  },
  {
    id: "mou-2023-01",
    event: "event-2023-hue",
    parties: ["org-hue-centre", "org-nsp"],
    fields: [P],
    signedOn: "2023-06-16",
    summary: "Giới thiệu sản phẩm Quảng Ngãi tại không gian khởi nghiệp Huế.",
    status: "no_follow_up",
    followUps: [
      {
        on: "2024-01-10",
        from: "signed",
        to: "no_follow_up",
        note: "Doanh nghiệp chưa bố trí được nhân sự, tạm dừng hợp tác.",
      },
    ],
  },
  {
    id: "mou-2023-02",
    event: "event-2023-he-sinh-thai",
    parties: ["org-huy-long", "org-olysa"],
    fields: [P],
    signedOn: "2023-09-28",
    summary: "Cung ứng nguyên liệu rau sạch cho chế biến thực phẩm.",
    status: "in_progress",
    checkIn: -30,
    followUps: [{ on: "2024-02-02", from: "signed", to: "in_progress", note: "Đã giao thử 3 lô rau." }],
  },
  {
    id: "mou-2023-03",
    event: "event-2023-he-sinh-thai",
    parties: ["org-expert-ha", "org-nsp"],
    fields: [T],
    signedOn: "2023-09-28",
    summary: "Tư vấn chuyển đổi số bán hàng đa kênh.",
    status: "contract",
    followUps: [
      {
        on: "2024-04-12",
        from: "signed",
        to: "contract",
        note: "Ký hợp đồng tư vấn chuyển đổi số 60 triệu đồng (đề nghị hỗ trợ theo Nghị định 80).",
      },
    ],
  },
  {
    id: "mou-2023-04",
    event: "event-2023-he-sinh-thai",
    parties: ["org-expert-binh", "org-quang-hai"],
    fields: [T],
    signedOn: "2023-09-28",
    summary: "Tư vấn đăng ký nhãn hiệu, chỉ dẫn nguồn gốc rượu.",
    status: "in_progress",
    checkIn: 25,
  },
  {
    id: "mou-2023-05",
    event: "event-2023-he-sinh-thai",
    parties: ["org-expert-thu", "org-olysa"],
    fields: [P],
    signedOn: "2023-09-28",
    summary: "Tư vấn xúc tiến thương mại, tham gia hội chợ.",
    status: "signed",
    checkIn: 0,
  },
  {
    id: "mou-2023-06",
    event: "event-2023-he-sinh-thai",
    parties: ["org-iq", "org-quang-hai"],
    fields: [T],
    signedOn: "2023-09-28",
    summary: "Trung tâm iQ hỗ trợ đổi mới quy trình chưng cất.",
    status: "signed",
    checkIn: 60,
  },
  {
    id: "mou-2023-07",
    event: "event-2023-he-sinh-thai",
    parties: ["org-incubator-qn", "org-ninh-truong"],
    fields: [T, P],
    signedOn: "2023-09-28",
    summary: "Vườn ươm hỗ trợ xây dựng thương hiệu nấm dược liệu.",
    status: "in_progress",
    checkIn: 90,
  },
  {
    id: "mou-2023-08",
    event: "event-2023-ca-phe-1",
    parties: ["org-nsp", "org-du-lich-sa-huynh"],
    fields: [P],
    signedOn: "2023-11-18",
    summary: "Bán tour trải nghiệm trên sàn thương mại điện tử.",
    status: "in_progress",
    checkIn: 15,
  },
  {
    id: "mou-2023-09",
    event: "event-2023-ca-phe-1",
    parties: ["org-expert-ha", "org-du-lich-sa-huynh"],
    fields: [T],
    signedOn: "2023-11-18",
    summary: "Tư vấn số hóa quản lý đặt tour.",
    status: "no_follow_up",
    followUps: [{ on: "2024-06-01", from: "signed", to: "no_follow_up", note: "Doanh nghiệp chọn giải pháp khác." }],
  },
  {
    id: "mou-2024-01",
    event: "event-2024-ca-phe-2",
    parties: ["org-olysa", "org-htx-tinh-phong"],
    fields: [P],
    signedOn: "2024-05-25",
    summary: "Bao tiêu nguyên liệu cho sản phẩm OCOP.",
    status: "in_progress",
    checkIn: 35,
  },
  {
    id: "mou-2024-02",
    event: "event-2024-ca-phe-2",
    parties: ["org-expert-thu", "org-quang-hai"],
    fields: [P],
    signedOn: "2024-05-25",
    summary: "Đưa rượu Quang Hải vào hệ thống siêu thị.",
    status: "signed",
    checkIn: -7,
  },
  {
    id: "mou-2024-03",
    event: "event-2024-ca-phe-2",
    parties: ["org-quang-hai", "org-du-lich-sa-huynh"],
    fields: [P],
    signedOn: "2024-05-25",
    summary: "Giới thiệu đặc sản trong các tour du lịch.",
    status: "signed",
    checkIn: 120,
  },
  {
    id: "mou-2024-04",
    event: "event-2024-ngay-hoi",
    parties: ["org-iq", "org-du-lich-sa-huynh"],
    fields: [T, P],
    signedOn: "2024-11-23",
    summary: "Trung tâm iQ hỗ trợ xây dựng sản phẩm du lịch số.",
    status: "signed",
    checkIn: 75,
  },
  {
    id: "mou-2025-01",
    parties: ["org-co-khi-dung-quat", "org-tu-dong-hoa-mien-trung"],
    fields: [T],
    signedOn: "2025-03-14",
    summary: "Hợp tác chế tạo cụm băng tải tự động.",
    status: "signed",
    checkIn: 150,
  },
];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function partyKind(id: string, kinds: Map<string, OrganisationKind>): OrganisationKind {
  return kinds.get(id) ?? "enterprise";
}

export async function seedConnections(db: Kysely<Database>, now: string): Promise<void> {
  const today = provinceDate(now);
  await db
    .insertInto("organisations")
    .values(
      ORGANISATIONS.map((o) =>
        organisationRow(
          { id: o.id, name: o.name, kind: o.kind, taxCode: o.taxCode, province: o.province, sector: o.sector },
          now,
        ),
      ),
    )
    .execute();
  const registry = await db.selectFrom("organisations").select(["id", "name", "kind"]).execute();
  const kinds = new Map(registry.map((o) => [o.id, o.kind]));

  for (const event of EVENTS) {
    const createdAt = `${event.startsOn}T10:00:00.000Z`;
    await db
      .insertInto("connection_events")
      .values({
        id: event.id,
        kind: event.kind,
        title: event.title,
        title_search: searchKey(event.title),
        starts_on: event.startsOn,
        ends_on: event.endsOn ?? event.startsOn,
        place: event.place,
        topic: event.topic ?? null,
        summary: event.summary ?? null,
        reported_organisations: event.reportedOrganisations ?? null,
        reported_people: event.reportedPeople ?? null,
        count_note: event.countNote ?? null,
        created_by: "demo-staff",
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    await db
      .insertInto("event_organisers")
      .values(
        event.organisers.map((organisationId, index) => ({
          event_id: event.id,
          organisation_id: organisationId,
          role: index === 0 ? ("organiser" as const) : ("co_organiser" as const),
        })),
      )
      .execute();
    if (event.participants?.length) {
      await db
        .insertInto("event_participants")
        .values(
          event.participants.map(([organisationId, person, position], index) => ({
            id: `${event.id}-p${index + 1}`,
            event_id: event.id,
            organisation_id: organisationId,
            person_name: person,
            position: position ?? null,
            phone: null,
            email: null,
            source: "manual" as const,
            created_by: "demo-staff",
            created_at: createdAt,
          })),
        )
        .execute();
    }
  }

  for (const mou of MOUS) {
    const [a, b] = mou.parties;
    const name = (id: string) => registry.find((n) => n.id === id)!.name.split(" – ")[0];
    const title = mou.title ?? `Biên bản ghi nhớ hợp tác giữa ${name(a)} và ${name(b)}`;
    const open = mou.status === "signed" || mou.status === "in_progress";
    const createdAt = `${mou.signedOn}T10:00:00.000Z`;
    await db
      .insertInto("mous")
      .values({
        id: mou.id,
        reference: `${mou.id.slice(4, 8)}/BBGN-${mou.id.slice(-2)}`,
        title,
        title_search: searchKey(title),
        event_id: mou.event ?? null,
        pairing: pairingOf([partyKind(a, kinds), partyKind(b, kinds)]),
        signed_on: mou.signedOn,
        summary: mou.summary,
        status: mou.status,
        next_check_on: open ? addDays(today, mou.checkIn ?? 90) : null,
        created_by: "demo-staff",
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    await db
      .insertInto("mou_parties")
      .values(
        mou.parties.map((organisationId, position) => ({ mou_id: mou.id, organisation_id: organisationId, position })),
      )
      .execute();
    await db
      .insertInto("mou_fields")
      .values(mou.fields.map((field) => ({ mou_id: mou.id, field })))
      .execute();
    for (const [index, note] of (mou.followUps ?? []).entries()) {
      await db
        .insertInto("mou_follow_ups")
        .values({
          id: `${mou.id}-f${index + 1}`,
          mou_id: mou.id,
          noted_on: note.on,
          status_before: note.from,
          status_after: note.to,
          note: note.note,
          next_check_on: null,
          created_by: "demo-staff",
          created_at: `${note.on}T09:00:00.000Z`,
        })
        .execute();
    }
  }
}
