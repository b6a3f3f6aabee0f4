import type { AppLoadContext } from "@remix-run/node";
import type { Insertable } from "kysely";
import type { Database, UserRole } from "../../db/types";
import { isTwoFactorRequired, sessionCookieHeaderFor } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { hashPassword } from "../../app/lib/password.server";
import { sealSecret } from "../../app/lib/secret-box.server";
import { searchKey } from "../../app/lib/format";

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

export type TestUser = { id: string; email: string; role: UserRole; cookie: string };

/** The TOTP secret of test users enrolled in two-factor sign-in (compute codes with app/lib/totp.ts). */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/**
 * A user of the given role with a live session, written straight into the test database. Leaders
 * and admins are enrolled in two-factor sign-in (with TEST_TOTP_SECRET), as their roles require,
 * unless `twoFactor: false` asks for one who has not enrolled yet; `twoFactor: true` enrols any role.
 */
export async function createUser(
  role: UserRole,
  overrides: { email?: string; fullName?: string; twoFactor?: boolean } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const db = getDb();
  const id = newId();
  const email = overrides.email ?? `${role}-${id.slice(0, 8)}@example.vn`;
  const now = new Date().toISOString();
  await db
    .insertInto("users")
    .values({
      id,
      email,
      full_name: overrides.fullName ?? `Người dùng ${role}`,
      phone: null,
      password_hash: await passwordHash,
      role,
      status: "active",
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
  if (overrides.twoFactor ?? isTwoFactorRequired(role)) {
    await db
      .insertInto("user_two_factor")
      .values({
        user_id: id,
        secret_sealed: sealSecret(TEST_TOTP_SECRET),
        enabled_at: now,
        last_used_step: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return { id, email, role, cookie: await sessionCookieHeaderFor(db, id) };
}

export async function createOrganisation(
  name: string,
  memberIds: string[] = [],
  kind: "enterprise" | "startup_team" = "enterprise",
): Promise<string> {
  const db = getDb();
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto("organisations")
    .values({
      id,
      name,
      name_search: searchKey(name),
      kind,
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
  for (const userId of memberIds) {
    await db
      .insertInto("memberships")
      .values({ user_id: userId, organisation_id: id, role: "owner", created_at: now })
      .execute();
  }
  return id;
}

type NewEntry = Insertable<Database["competition_entries"]>;

/**
 * A competition entry written straight into the database: submitted now and valid, with no receipt, no category and
 * every optional field empty, unless `fields` says otherwise; `name_search` follows `project_name`.
 */
export async function insertEntry(
  fields: Pick<NewEntry, "edition_id" | "organisation_id" | "created_by"> & Partial<NewEntry>,
): Promise<string> {
  const now = new Date().toISOString();
  const projectName = fields.project_name ?? "Dự án thử nghiệm";
  const row: NewEntry = {
    id: newId(),
    category_id: null,
    status: "valid",
    receipt_seq: null,
    receipt_number: null,
    project_name: projectName,
    name_search: searchKey(projectName),
    sector: null,
    summary: null,
    problem: null,
    solution: null,
    market: null,
    business_model: null,
    team_description: null,
    stage: null,
    funding_to_date_vnd: null,
    video_url: null,
    enterprise_registered_on: null,
    residence_province: null,
    consent_at: now,
    submitted_at: now,
    decision_reason: null,
    clarification_fields: null,
    clarification_note: null,
    clarification_until: null,
    created_at: now,
    updated_at: now,
    ...fields,
  };
  await getDb().insertInto("competition_entries").values(row).execute();
  return row.id;
}

type NewDossier = Insertable<Database["support_dossiers"]>;

/**
 * An SME support dossier written straight into the database: a 2026 draft for a 60 M đồng consultancy asking for
 * 30 M, with no receipt, no figures decided and no clock running, unless `fields` says otherwise.
 */
export async function insertDossier(
  fields: Pick<NewDossier, "programme_id" | "support_type_id" | "organisation_id" | "created_by"> & Partial<NewDossier>,
): Promise<string> {
  const now = new Date().toISOString();
  const row: NewDossier = {
    id: newId(),
    status: "draft",
    receipt_seq: null,
    receipt_number: null,
    support_year: 2026,
    content: "Tư vấn xây dựng hệ thống quản lý chất lượng",
    provider_name: "Công ty tư vấn ABC",
    provider_tax_code: null,
    total_cost_vnd: 60_000_000,
    requested_vnd: 30_000_000,
    months: null,
    enterprise_size: null,
    is_priority: 0,
    proposed_vnd: null,
    approved_vnd: null,
    paid_vnd: null,
    supplement_request: null,
    appraisal_note: null,
    decision_reason: null,
    submitted_at: null,
    step_started_on: null,
    complete_on: null,
    received_complete_on: null,
    due_on: null,
    created_at: now,
    updated_at: now,
    ...fields,
  };
  await getDb().insertInto("support_dossiers").values(row).execute();
  return row.id;
}

export const testContext: AppLoadContext = { cspNonce: "test", clientIp: "127.0.0.1", requestId: "test-request" };

type RequestOptions = {
  method?: string;
  cookie?: string;
  form?: Record<string, string | string[]> | FormData;
  body?: BodyInit;
  headers?: Record<string, string>;
};

export function makeRequest(path: string, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: BodyInit | undefined = options.body;
  if (options.form instanceof FormData) body = options.form;
  else if (options.form) {
    // Several values under one name, as ticked checkboxes send them.
    body = new URLSearchParams(
      Object.entries(options.form).flatMap(([key, value]) =>
        Array.isArray(value) ? value.map((v) => [key, v]) : [[key, value]],
      ),
    ).toString();
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`http://localhost${path}`, {
    method: options.method ?? (options.form || body ? "POST" : "GET"),
    headers,
    body,
  });
}

export type RouteResult = { status: number; data: any; headers: Headers; location: string | null };

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;

/** Calls a loader or action like Remix would and tells what the user gets: status, data, redirect. */
export async function call(
  fn: RouteFunction,
  request: Request,
  params: Record<string, string> = {},
): Promise<RouteResult> {
  let outcome: unknown;
  try {
    outcome = await fn({ request, params, context: testContext });
  } catch (thrown) {
    if (thrown instanceof Response) outcome = thrown;
    else throw thrown;
  }
  if (outcome instanceof Response) {
    const type = outcome.headers.get("Content-Type") ?? "";
    const data = type.includes("json")
      ? await outcome.json()
      : type.startsWith("text/")
        ? await outcome.text()
        : await outcome.arrayBuffer();
    return { status: outcome.status, data, headers: outcome.headers, location: outcome.headers.get("Location") };
  }
  if (outcome && typeof outcome === "object" && (outcome as { type?: string }).type === "DataWithResponseInit") {
    const wrapped = outcome as { data: unknown; init: ResponseInit | null };
    return {
      status: wrapped.init?.status ?? 200,
      data: wrapped.data,
      headers: new Headers(wrapped.init?.headers),
      location: null,
    };
  }
  return { status: 200, data: outcome, headers: new Headers(), location: null };
}

export async function countRows(
  table:
    | "users"
    | "organisations"
    | "memberships"
    | "audit_events"
    | "outbox_messages"
    | "attachments"
    | "sessions"
    | "login_attempts"
    | "password_reset_tokens",
): Promise<number> {
  const { count } = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** The smallest real PDF: what a browser would upload as a document. */
export const TINY_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** A stored attachment of an organisation, written through the app's own upload path. */
export async function attachPdf(organisationId: string, uploadedBy: string, name = "giay-phep.pdf"): Promise<string> {
  const { checkUpload, insertAttachment, writeBlob } = await import("../../app/lib/files.server");
  const upload = await checkUpload(new File([TINY_PDF], name, { type: "application/pdf" }));
  if (!upload.ok) throw new Error(`fixture PDF refused: ${upload.problem}`);
  await writeBlob(upload);
  return insertAttachment(getDb(), upload, { type: "organisation", id: organisationId }, uploadedBy);
}
