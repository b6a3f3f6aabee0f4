import type { CurrentUser } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { createEdition } from "../../app/modules/competition/editions.server";
import type { TestUser } from "./fixtures";

export function actorOf(user: TestUser, fullName = "Người kiểm thử"): CurrentUser {
  return { id: user.id, email: user.email, fullName, role: user.role, sessionId: "test" };
}

/** A published edition whose call is open now (or closed, with `closed: true`), with the default set-up and one required document. */
export async function openEdition(
  staff: TestUser,
  options: { closed?: boolean; prefix?: string; residency?: string } = {},
): Promise<string> {
  const now = Date.now();
  const opens = new Date(now - 10 * 86_400_000).toISOString();
  const deadline = new Date(options.closed ? now - 86_400_000 : now + 10 * 86_400_000).toISOString();
  const id = await createEdition(
    getDb(),
    actorOf(staff),
    {
      name: "Cuộc thi thử nghiệm",
      number: 9,
      year: 2026,
      registrationOpensAt: opens,
      submissionDeadline: deadline,
      maxEnterpriseAgeYears: 5,
      minRepresentativeAge: 18,
      receiptPrefix: options.prefix ?? `KT${Math.floor(Math.random() * 1e6)}`,
      residencyProvince: options.residency,
    },
    "127.0.0.1",
  );
  await getDb().updateTable("competition_editions").set({ status: "published" }).where("id", "=", id).execute();
  // Tests upload one required document: the business plan.
  await getDb()
    .updateTable("competition_document_requirements")
    .set({ required: 0 })
    .where("edition_id", "=", id)
    .where("label", "!=", "Kế hoạch kinh doanh")
    .execute();
  return id;
}

export async function requirementId(editionId: string, label = "Kế hoạch kinh doanh"): Promise<string> {
  const row = await getDb()
    .selectFrom("competition_document_requirements")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("label", "=", label)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function categoryId(editionId: string, name = "Dự án"): Promise<string> {
  const row = await getDb()
    .selectFrom("competition_categories")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Everything a complete entry form carries, for the given category. */
export function completeEntryForm(category: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "save",
    projectName: "Nấm bào ngư Nghĩa Hành",
    categoryId: category,
    sector: "Nông nghiệp",
    summary: "Trồng nấm bào ngư trên rơm rạ.",
    problem: "Rơm rạ bị đốt bỏ.",
    solution: "Dùng rơm làm giá thể trồng nấm.",
    market: "Chợ và siêu thị trong tỉnh.",
    businessModel: "Bán sỉ và lẻ.",
    teamDescription: "Ba kỹ sư nông nghiệp.",
    stage: "prototype",
    fundingToDate: "50000000",
    residenceProvince: "Quảng Ngãi",
    memberName: "Lê Thị Nấm",
    memberRole: "Trưởng nhóm",
    memberEmail: "nam@example.vn",
    memberPhone: "0905 123 123",
    memberBirthDate: "1996-01-01",
    representative: "0",
    consent: "on",
    ...overrides,
  };
}
