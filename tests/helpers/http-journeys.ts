/**
 * What users do over HTTP against a running portal, for the suites that race real servers (concurrency, instances):
 * teams with an entry to submit, applications awaiting a leader's decision. Rows a test needs but no page makes
 * are written straight into the server's database (`db`, the test's own handle on it).
 */
import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { Database } from "../../db/types";
import { searchKey } from "../../app/lib/format";
import { newId } from "../../app/lib/ids.server";
import { postForm, signedInCookie } from "./portal-client";

export type CompleteEntry = { entryId: string; cookie: string; form: Record<string, string> };

export async function userOfRole(db: Kysely<Database>, role: "leader" | "staff"): Promise<string> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", role)
    .where("status", "=", "active")
    .orderBy("email")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function applicantWithTeam(
  db: Kysely<Database>,
  name: string,
): Promise<{ userId: string; organisationId: string }> {
  const userId = newId();
  const organisationId = newId();
  const now = new Date().toISOString();
  await db
    .insertInto("users")
    .values({
      id: userId,
      email: `${userId.slice(0, 12)}@dua.example.vn`,
      full_name: name,
      phone: null,
      password_hash: "x",
      role: "applicant",
      status: "active",
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
  await db
    .insertInto("organisations")
    .values({
      id: organisationId,
      name,
      name_search: searchKey(name),
      kind: "startup_team",
      tax_code: null,
      province: "Quảng Ngãi",
      commune: null,
      old_district: null,
      address_line: null,
      sector: null,
      founded_on: null,
      email: null,
      phone: null,
      website: null,
      description: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("memberships")
    .values({ user_id: userId, organisation_id: organisationId, role: "owner", created_at: now })
    .execute();
  return { userId, organisationId };
}

/** The demo edition that is open for entries, with only the business plan left required... and that made optional too, so no upload is needed. */
export async function openEditionId(db: Kysely<Database>): Promise<string> {
  const now = new Date().toISOString();
  const edition = await db
    .selectFrom("competition_editions")
    .select("id")
    .where("status", "=", "published")
    .where("registration_opens_at", "<=", now)
    .where("submission_deadline", ">", now)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("competition_document_requirements")
    .set({ required: 0 })
    .where("edition_id", "=", edition.id)
    .execute();
  return edition.id;
}

/** A complete entry of a new team, started and saved through the pages as its applicant would. */
export function entryForm(index: number, categoryId: string): Record<string, string> {
  return {
    projectName: `Dự án đua ${index}`,
    categoryId,
    sector: "Nông nghiệp",
    summary: "Tóm tắt.",
    problem: "Vấn đề.",
    solution: "Giải pháp.",
    market: "Thị trường.",
    businessModel: "Mô hình.",
    teamDescription: "Đội ngũ.",
    stage: "prototype",
    fundingToDate: "50000000",
    residenceProvince: "Quảng Ngãi",
    memberName: `Người đại diện ${index}`,
    memberRole: "Trưởng nhóm",
    memberEmail: `dai-dien-${index}@example.vn`,
    memberPhone: "0905 123 123",
    memberBirthDate: "1996-01-01",
    representative: "0",
  };
}

/** The submit button posts the whole form again (what was written is kept first), with the consent ticked. */
export function submitEntry(baseURL: string, entry: CompleteEntry): Promise<Response> {
  return postForm(
    baseURL,
    `/my/entries/${entry.entryId}`,
    { ...entry.form, intent: "submit", consent: "on" },
    entry.cookie,
  );
}

export async function completeEntry(
  db: Kysely<Database>,
  baseURL: string,
  editionId: string,
  index: number,
): Promise<CompleteEntry> {
  const team = await applicantWithTeam(db, `Nhóm đua số ${index}`);
  const cookie = await signedInCookie(db, team.userId);
  const started = await postForm(baseURL, `/competitions/${editionId}`, {}, cookie);
  expect(started.status).toBe(302);
  const entryId = started.headers.get("Location")!.split("/").pop()!;
  const category = await db
    .selectFrom("competition_categories")
    .select("id")
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .executeTakeFirstOrThrow();
  const form = entryForm(index, category.id);
  const saved = await postForm(baseURL, `/my/entries/${entryId}`, { ...form, intent: "save" }, cookie);
  expect(saved.status, await saved.clone().text()).toBe(302);
  return { entryId, cookie, form };
}

/** A technology application that staff have reviewed: what a leader approves, which issues its certificate. */
export async function reviewedApplication(
  db: Kysely<Database>,
  organisationId: string,
  createdBy: string,
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto("tech_applications")
    .values({
      id,
      organisation_id: organisationId,
      status: "reviewed",
      kind: "renovation",
      technology: "Máy sấy nông sản",
      origin: "Việt Nam",
      supplier: "Nhà cung cấp",
      equipment: "Máy sấy",
      total_investment_vnd: 100_000_000,
      own_funds_vnd: 70_000_000,
      requested_support_vnd: 30_000_000,
      starts_on: "2026-12-01",
      ends_on: "2027-03-01",
      expected_gains: "Tăng năng suất",
      supplement_request: null,
      review_note: "Đạt",
      decision_reason: null,
      submitted_at: now,
      step_started_on: null,
      complete_on: null,
      due_on: null,
      implementation_status: null,
      implementation_reason: null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
