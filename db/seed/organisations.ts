import type { Kysely } from "kysely";
import { searchKey } from "../../app/lib/format";
import type { Database, MembershipRole, OrganisationKind } from "../types";

type SeedOrganisation = {
  id: string;
  name: string;
  kind: OrganisationKind;
  province?: string;
  commune?: string;
  oldDistrict?: string;
  sector?: string;
  description?: string;
};

/** The organisations named in DOST's reports (shared/domain/seeds), and a few experts and a startup team for the demo. */
export const SEED_ORGANISATIONS: SeedOrganisation[] = [
  {
    id: "org-dost",
    name: "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
    kind: "agency",
    province: "Quảng Ngãi",
    commune: "Phường Cẩm Thành",
    sector: "Quản lý nhà nước về khoa học và công nghệ",
  },
  {
    id: "org-incubator-qn",
    name: "Vườn ươm doanh nhân khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi",
    kind: "support_organisation",
    province: "Quảng Ngãi",
    sector: "Ươm tạo khởi nghiệp",
    description: "Tổ chức hỗ trợ khởi nghiệp đổi mới sáng tạo của tỉnh.",
  },
  {
    id: "org-iq",
    name: "Trung tâm hỗ trợ doanh nghiệp đổi mới sáng tạo iQ",
    kind: "support_organisation",
    province: "Quảng Ngãi",
    sector: "Hỗ trợ doanh nghiệp đổi mới sáng tạo",
  },
  {
    id: "org-hue-centre",
    name: "Trung tâm Hỗ trợ khởi nghiệp đổi mới sáng tạo Thừa Thiên Huế",
    kind: "support_organisation",
    province: "Thành phố Huế",
    sector: "Hỗ trợ khởi nghiệp đổi mới sáng tạo",
  },
  {
    id: "org-huy-long",
    name: "Công ty TNHH MTV Công nghệ cao Huy Long",
    kind: "enterprise",
    province: "Quảng Ngãi",
    sector: "Nông nghiệp công nghệ cao",
  },
  {
    id: "org-olysa",
    name: "Công ty TNHH OLYSA Việt Nam",
    kind: "enterprise",
    province: "Quảng Ngãi",
    sector: "Chế biến thực phẩm",
  },
  {
    id: "org-quang-hai",
    name: "Công ty TNHH MTV sản xuất rượu Quang Hải",
    kind: "enterprise",
    province: "Quảng Ngãi",
    sector: "Sản xuất đồ uống",
  },
  {
    id: "org-nsp",
    name: "Công ty TNHH MTV thương mại điện tử NSP",
    kind: "enterprise",
    province: "Quảng Ngãi",
    sector: "Thương mại điện tử",
  },
  {
    id: "org-ninh-truong",
    name: "Công ty TNHH MTV nấm dược liệu Ninh Trương",
    kind: "enterprise",
    province: "Quảng Ngãi",
    sector: "Nuôi trồng, chế biến nấm dược liệu",
  },
  {
    id: "org-pvd-university",
    name: "Trường Đại học Phạm Văn Đồng",
    kind: "university",
    province: "Quảng Ngãi",
    sector: "Giáo dục đại học",
  },
  {
    id: "org-expert-ha",
    name: "TS. Nguyễn Thị Thanh Hà – chuyên gia chuyển đổi số",
    kind: "expert",
    province: "Thành phố Đà Nẵng",
    sector: "Chuyển đổi số",
  },
  {
    id: "org-expert-binh",
    name: "ThS. Trần Quốc Bình – chuyên gia sở hữu trí tuệ",
    kind: "expert",
    province: "Quảng Ngãi",
    sector: "Sở hữu trí tuệ",
  },
  {
    id: "org-expert-tam",
    name: "Lê Minh Tâm – chuyên gia gọi vốn khởi nghiệp",
    kind: "expert",
    province: "Thành phố Hồ Chí Minh",
    sector: "Đầu tư khởi nghiệp",
  },
  {
    id: "org-team-toi-ly-son",
    name: "Nhóm khởi nghiệp Tỏi đen Lý Sơn",
    kind: "startup_team",
    province: "Quảng Ngãi",
    commune: "Đặc khu Lý Sơn",
    oldDistrict: "Huyện Lý Sơn",
    sector: "Chế biến nông sản",
  },
];

const MEMBERSHIPS: Array<{ userId: string; organisationId: string; role: MembershipRole }> = [
  { userId: "demo-startup", organisationId: "org-team-toi-ly-son", role: "owner" },
  { userId: "demo-enterprise", organisationId: "org-huy-long", role: "owner" },
  { userId: "demo-incubator", organisationId: "org-incubator-qn", role: "owner" },
  { userId: "demo-staff", organisationId: "org-dost", role: "member" },
  { userId: "demo-leader", organisationId: "org-dost", role: "member" },
];

export async function seedOrganisations(db: Kysely<Database>, now: string): Promise<void> {
  await db
    .insertInto("organisations")
    .values(
      SEED_ORGANISATIONS.map((o) => ({
        id: o.id,
        name: o.name,
        name_search: searchKey(o.name),
        kind: o.kind,
        tax_code: null,
        province: o.province ?? null,
        commune: o.commune ?? null,
        old_district: o.oldDistrict ?? null,
        address_line: null,
        sector: o.sector ?? null,
        founded_on: null,
        email: null,
        phone: null,
        website: null,
        description: o.description ?? null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto("memberships")
    .values(
      MEMBERSHIPS.map((m) => ({ user_id: m.userId, organisation_id: m.organisationId, role: m.role, created_at: now })),
    )
    .execute();
}
