import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";

const M = 1_000_000;

export type TestProgramme = { programmeId: string; typeId: string; documentIds: [string, string, string] };

/**
 * An open SME programme with one support content (consulting, Decree 80 art. 13.2: micro 100 % ≤ 50 m/year (70 m for
 * priority SMEs, unverified), small 50 % ≤ 100 m/year, medium 30 % ≤ 150 m/year (200 m for priority SMEs)) and a
 * checklist of two required documents and an optional one.
 */
export async function createProgramme(
  overrides: { status?: "open" | "paused" | "closed"; pausedIntake?: "queue" | "refuse"; prefix?: string } = {},
): Promise<TestProgramme> {
  const db = getDb();
  const now = new Date().toISOString();
  const programmeId = newId();
  const typeId = newId();
  await db
    .insertInto("support_programmes")
    .values({
      id: programmeId,
      name: "Đề án hỗ trợ doanh nghiệp nhỏ và vừa tỉnh Quảng Ngãi",
      legal_basis: "Quyết định 1325/QĐ-UBND ngày 30/12/2021",
      first_year: 2022,
      last_year: 2030,
      status: overrides.status ?? "open",
      status_reason: overrides.status === "paused" ? "Chờ hướng dẫn" : null,
      status_changed_on: null,
      paused_intake: overrides.pausedIntake ?? "queue",
      receipt_prefix: overrides.prefix ?? "DNNVV",
      receive_working_days: 1,
      check_working_days: 3,
      decision_working_days: 14,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (overrides.status === "paused")
    await db
      .insertInto("programme_pauses")
      .values({ id: newId(), programme_id: programmeId, from_on: "2020-01-01", to_on: null, reason: "Chờ hướng dẫn" })
      .execute();
  await db
    .insertInto("support_types")
    .values({
      id: typeId,
      programme_id: programmeId,
      name: "Hỗ trợ tư vấn",
      article: "Nghị định 80/2021/NĐ-CP, Điều 13.2",
      startups_only: 0,
      position: 0,
    })
    .execute();
  await db
    .insertInto("support_type_rules")
    .values([
      {
        support_type_id: typeId,
        size: "micro",
        rate_percent: 100,
        cap_vnd: 50 * M,
        cap_period: "year",
        priority_rate_percent: null,
        priority_cap_vnd: 70 * M,
        verified: 0,
        source: "Điều 13",
      },
      {
        support_type_id: typeId,
        size: "small",
        rate_percent: 50,
        cap_vnd: 100 * M,
        cap_period: "year",
        priority_rate_percent: null,
        priority_cap_vnd: null,
        verified: 1,
        source: "Điều 13",
      },
      {
        support_type_id: typeId,
        size: "medium",
        rate_percent: 30,
        cap_vnd: 150 * M,
        cap_period: "year",
        priority_rate_percent: null,
        priority_cap_vnd: 200 * M,
        verified: 1,
        source: "Điều 13",
      },
    ])
    .execute();
  const documentIds: [string, string, string] = [newId(), newId(), newId()];
  await db
    .insertInto("support_type_documents")
    .values([
      {
        id: documentIds[0],
        support_type_id: typeId,
        title: "Tờ khai đề nghị hỗ trợ (Phụ lục 1)",
        required: 1,
        position: 0,
      },
      { id: documentIds[1], support_type_id: typeId, title: "Báo giá của đơn vị tư vấn", required: 1, position: 1 },
      {
        id: documentIds[2],
        support_type_id: typeId,
        title: "Tài liệu chứng minh doanh nghiệp ưu tiên",
        required: 0,
        position: 2,
      },
    ])
    .execute();
  return { programmeId, typeId, documentIds };
}

/** The enterprise's declaration written straight in: a micro enterprise (8 staff, 2 bn revenue) unless told otherwise. */
export async function declareEnterprise(
  organisationId: string,
  declaredBy: string,
  size: "micro" | "small" | "medium" | "not_sme" = "micro",
): Promise<void> {
  const figures = {
    micro: [8, 2_000 * M],
    small: [50, 30_000 * M],
    medium: [150, 150_000 * M],
    not_sme: [500, 900_000 * M],
  }[size];
  await getDb()
    .insertInto("enterprise_profiles")
    .values({
      organisation_id: organisationId,
      sector_group: "agriculture_industry",
      main_business_line: "Chế biến nông sản",
      fiscal_year: 2025,
      employees: figures[0],
      revenue_vnd: figures[1],
      capital_vnd: figures[1],
      size,
      women_owned: 0,
      many_women_workers: 0,
      social_enterprise: 0,
      declared_by: declaredBy,
      declared_at: new Date().toISOString(),
    })
    .execute();
}
