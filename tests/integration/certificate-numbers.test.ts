import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { translator } from "../../app/i18n";
import type { CurrentUser } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { provinceDate } from "../../app/lib/province-time";
import { transitionApplicationWithRetry } from "../../app/modules/technology/commands.server";
import * as settingsPage from "../../app/routes/staff.technology.settings";
import { call, createOrganisation, createUser, makeRequest, type TestUser } from "../helpers/fixtures";

const context = { t: translator("vi"), ip: null };
let staff: TestUser;
let leader: TestUser;
let owner: TestUser;
let enterprise = "";

const asLeader = (): CurrentUser => ({
  id: leader.id,
  email: leader.email,
  fullName: "Trần Thị Lãnh Đạo",
  role: "leader",
  sessionId: "test",
});

/** An application the leader can approve, as the staff's review would leave it. */
async function reviewedApplication(): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await getDb()
    .insertInto("tech_applications")
    .values({
      id,
      organisation_id: enterprise,
      status: "reviewed",
      kind: "renovation",
      technology: "Máy CNC",
      origin: "Đài Loan",
      supplier: "Nhà cung cấp B",
      equipment: "Máy phay CNC",
      total_investment_vnd: 1_000_000_000,
      own_funds_vnd: 700_000_000,
      requested_support_vnd: 300_000_000,
      starts_on: "2026-12-01",
      ends_on: "2027-03-01",
      expected_gains: "Tăng năng suất",
      supplement_request: null,
      review_note: "Đủ điều kiện",
      decision_reason: null,
      submitted_at: now,
      step_started_on: provinceDate(now),
      complete_on: provinceDate(now),
      due_on: null,
      implementation_status: null,
      implementation_reason: null,
      created_by: owner.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

async function approve(id: string) {
  const outcome = await transitionApplicationWithRetry(getDb(), asLeader(), id, "approve", {}, context);
  expect(outcome.ok).toBe(true);
  return getDb()
    .selectFrom("tech_certificates")
    .select(["year", "seq", "number"])
    .where("application_id", "=", id)
    .executeTakeFirstOrThrow();
}

/** The province's clock at a local time ("2025-12-31T23:30"). */
function at(local: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${local}:00+07:00`));
}

afterEach(() => vi.useRealTimers());

beforeAll(async () => {
  staff = await createUser("staff");
  leader = await createUser("leader");
  owner = await createUser("applicant");
  enterprise = await createOrganisation("Công ty TNHH Cơ khí Số Hiệu", [owner.id]);
  // A certificate of 2024 numbered before numbers carried their year: it keeps its number.
  const legacy = await reviewedApplication();
  await getDb().updateTable("tech_applications").set({ status: "approved" }).where("id", "=", legacy).execute();
  await getDb()
    .insertInto("tech_certificates")
    .values({
      id: newId(),
      application_id: legacy,
      year: 2024,
      seq: 1,
      number: "01/GXN-SKHCN",
      verification_code: "SOHIEU2024A1",
      issued_at: "2024-05-02T03:00:00.000Z",
      signer_name: "Lãnh đạo",
      signer_title: "GIÁM ĐỐC",
      issued_by: leader.id,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    })
    .execute();
});

describe("participation certificate numbers carry their year", () => {
  it("numbers each year from 01 by the year of issue in the province, beside an old number kept as it was", async () => {
    // 23:30 on New Year's Eve in Quảng Ngãi is still 2025; half past midnight is 2026 (17:30 UTC on the 31st).
    at("2025-12-31T23:30");
    expect(await approve(await reviewedApplication())).toEqual({ year: 2025, seq: 1, number: "01/2025/GXN-SKHCN" });
    at("2026-01-01T00:30");
    expect(await approve(await reviewedApplication())).toEqual({ year: 2026, seq: 1, number: "01/2026/GXN-SKHCN" });
    expect(await approve(await reviewedApplication())).toEqual({ year: 2026, seq: 2, number: "02/2026/GXN-SKHCN" });
    const all = await getDb()
      .selectFrom("tech_certificates")
      .select(["year", "number"])
      .where("year", "in", [2024, 2025, 2026])
      .orderBy("year")
      .orderBy("seq")
      .execute();
    expect(all.map((c) => c.number)).toEqual([
      "01/GXN-SKHCN",
      "01/2025/GXN-SKHCN",
      "01/2026/GXN-SKHCN",
      "02/2026/GXN-SKHCN",
    ]);
  });

  it("refuses a second certificate with a number its year already has, in the database itself", async () => {
    const id = await reviewedApplication();
    await expect(
      getDb()
        .insertInto("tech_certificates")
        .values({
          id: newId(),
          application_id: id,
          year: 2026,
          seq: 90,
          number: "01/2026/GXN-SKHCN",
          verification_code: "SOHIEUTRUNG1",
          issued_at: "2026-01-05T03:00:00.000Z",
          signer_name: "Lãnh đạo",
          signer_title: "GIÁM ĐỐC",
          issued_by: leader.id,
          revoked_at: null,
          revoked_by: null,
          revoke_reason: null,
        })
        .execute(),
    ).rejects.toThrow(/unique/i);
  });

  it("gives two approvals at the same moment the next two numbers of the year, without a gap", async () => {
    at("2026-03-10T09:00");
    const [a, b] = [await reviewedApplication(), await reviewedApplication()];
    const results = await Promise.all(
      [a, b].map((id) => transitionApplicationWithRetry(getDb(), asLeader(), id, "approve", {}, context)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const issued = await getDb()
      .selectFrom("tech_certificates")
      .select(["seq", "number"])
      .where("application_id", "in", [a, b])
      .orderBy("seq")
      .execute();
    expect(issued).toEqual([
      { seq: 3, number: "03/2026/GXN-SKHCN" },
      { seq: 4, number: "04/2026/GXN-SKHCN" },
    ]);
  });
});

describe("the number format in the programme's settings", () => {
  const post = (user: TestUser, format: string) =>
    call(settingsPage.action, makeRequest("/staff/technology/settings", { cookie: user.cookie, form: { format } }));

  it("shows staff the format and the number the next certificate of the year takes", async () => {
    const page = await call(settingsPage.loader, makeRequest("/staff/technology/settings", { cookie: staff.cookie }));
    expect(page.status).toBe(200);
    const year = Number(provinceDate(new Date().toISOString()).slice(0, 4));
    expect(page.data.format).toBe("{số}/{năm}/GXN-SKHCN");
    expect(page.data.year).toBe(year);
    expect(page.data.next).toMatch(new RegExp(`^\\d{2,}/${year}/GXN-SKHCN$`));
    expect(
      (await call(settingsPage.loader, makeRequest("/staff/technology/settings", { cookie: owner.cookie }))).status,
    ).toBe(403);
  });

  it.each([
    ["{số}/GXN-SKHCN", "Định dạng phải có {năm} (năm cấp), để số của các năm không trùng nhau."],
    ["{năm}/GXN-SKHCN", "Định dạng phải có {số} (số thứ tự trong năm)."],
    ["{số}{năm}/GXN", "{số} và {năm} phải cách nhau"],
    ["{số}/{năm}/{tháng}", "Chỉ dùng được {số} và {năm} trong dấu ngoặc nhọn."],
  ])("refuses %j with the reason next to the field, keeping what was typed", async (format, message) => {
    const before = await getDb()
      .selectFrom("tech_settings")
      .selectAll()
      .where("key", "=", "certificate_number_format")
      .executeTakeFirst();
    const refused = await post(staff, format);
    expect(refused.status).toBe(400);
    expect(refused.data.errors.format).toContain(message);
    expect(refused.data.values.format).toBe(format);
    expect(
      await getDb()
        .selectFrom("tech_settings")
        .selectAll()
        .where("key", "=", "certificate_number_format")
        .executeTakeFirst(),
    ).toEqual(before);
  });

  it("saves a new format, audited; the next certificate takes it and those issued keep theirs", async () => {
    const saved = await post(staff, " GXN-{NĂM}-{Số} ".normalize("NFD"));
    expect(saved.status).toBe(302);
    const setting = await getDb()
      .selectFrom("tech_settings")
      .select("value")
      .where("key", "=", "certificate_number_format")
      .executeTakeFirstOrThrow();
    expect(setting.value).toBe("GXN-{năm}-{số}");
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "technology.settings_saved")
      .where("entity_id", "=", "certificate_number_format")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(staff.id);
    expect(JSON.parse(audit.before_json!).value).toBe("{số}/{năm}/GXN-SKHCN");
    expect(JSON.parse(audit.after_json!).value).toBe("GXN-{năm}-{số}");

    at("2026-04-01T10:00");
    expect(await approve(await reviewedApplication())).toEqual({ year: 2026, seq: 5, number: "GXN-2026-05" });
    const kept = await getDb()
      .selectFrom("tech_certificates")
      .select("number")
      .where("year", "=", 2026)
      .orderBy("seq")
      .execute();
    expect(kept.map((c) => c.number)).toEqual([
      "01/2026/GXN-SKHCN",
      "02/2026/GXN-SKHCN",
      "03/2026/GXN-SKHCN",
      "04/2026/GXN-SKHCN",
      "GXN-2026-05",
    ]);
  });
});
