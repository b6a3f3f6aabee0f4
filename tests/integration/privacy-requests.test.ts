import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { consentWithdrawnAt } from "../../app/modules/privacy/requests.server";
import * as account from "../../app/routes/account";
import * as requestExport from "../../app/routes/account_.requests.$id.export";
import * as requestPage from "../../app/routes/staff.privacy.requests.$id";
import * as requestList from "../../app/routes/staff.privacy.requests._index";
import { call, createOrganisation, createUser, makeRequest, type TestUser } from "../helpers/fixtures";

let applicant: TestUser;
let other: TestUser;
let staff: TestUser;
let leader: TestUser;

const requestsOf = (userId: string) =>
  getDb().selectFrom("data_subject_requests").selectAll().where("requester_id", "=", userId).execute();

const file = (user: TestUser, form: Record<string, string>) =>
  call(
    account.action,
    makeRequest("/account", { cookie: user.cookie, method: "POST", form: { intent: "request", ...form } }),
  );

const handle = (user: TestUser, id: string, form: Record<string, string>) =>
  call(
    requestPage.action,
    makeRequest(`/staff/privacy/requests/${id}`, {
      cookie: user.cookie,
      method: "POST",
      form: { intent: "handle", ...form },
    }),
    { id },
  );

beforeAll(async () => {
  applicant = await createUser("applicant", { fullName: "Huỳnh Thị Giang" });
  other = await createUser("applicant");
  staff = await createUser("staff");
  leader = await createUser("leader");
  await createOrganisation("Công ty TNHH nấm dược liệu Ninh Trương", [applicant.id]);
});

describe("data-subject requests", () => {
  let accessId = "";

  it("files an access request from the account page, due 72 hours later, audited and acknowledged", async () => {
    const before = Date.now();
    const result = await file(applicant, { kind: "access", details: "Xin cung cấp toàn bộ dữ liệu của tôi." });
    expect(result.status).toBe(302);
    const [row] = await requestsOf(applicant.id);
    accessId = row.id;
    expect(row).toMatchObject({
      kind: "access",
      status: "received",
      legal_source: "Nghị định 13/2023/NĐ-CP, Điều 14 khoản 5",
    });
    // 72 hours, or to the end of the next working day when they end on a weekend.
    const dueMs = Date.parse(row.due_at) - Date.parse(row.received_at);
    expect(dueMs).toBeGreaterThanOrEqual(72 * 3_600_000);
    expect(Date.parse(row.received_at)).toBeGreaterThanOrEqual(before - 1000);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "privacy.request_filed", actor_id: applicant.id });
    const mail = await getDb()
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", applicant.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain("Cung cấp dữ liệu cá nhân của tôi");
    expect(mail.text_body).toContain("Điều 14");
    const loaded = await call(account.loader, makeRequest("/account", { cookie: applicant.cookie }));
    expect(loaded.data.requests.map((r: { id: string }) => r.id)).toEqual([row.id]);
  });

  it("refuses a second open request of the same kind (409) and an unknown kind (400)", async () => {
    expect((await file(applicant, { kind: "access", details: "Lần nữa" })).status).toBe(409);
    expect((await file(applicant, { kind: "delete_everything", details: "x" })).status).toBe(400);
    expect(await requestsOf(applicant.id)).toHaveLength(1);
  });

  it("lists requests to the department, flags an overdue one, and filters the overdue", async () => {
    const now = new Date().toISOString();
    const lateId = newId();
    await getDb()
      .insertInto("data_subject_requests")
      .values({
        id: lateId,
        requester_id: other.id,
        kind: "erasure",
        status: "received",
        details: "Xóa số điện thoại",
        received_at: "2026-01-05T03:00:00.000Z",
        due_at: "2026-01-08T03:00:00.000Z",
        legal_source: "Nghị định 13/2023/NĐ-CP, Điều 16 khoản 3",
        handled_by: null,
        started_at: null,
        closed_at: null,
        reply: null,
        updated_at: now,
      })
      .execute();
    const all = await call(requestList.loader, makeRequest("/staff/privacy/requests", { cookie: leader.cookie }));
    expect(all.status).toBe(200);
    expect(all.data.page.rows[0].id).toBe(lateId);
    const overdue = await call(
      requestList.loader,
      makeRequest("/staff/privacy/requests?overdue=1", { cookie: staff.cookie }),
    );
    expect(overdue.data.page.rows.map((r: { id: string }) => r.id)).toEqual([lateId]);
    const page = await call(
      requestPage.loader,
      makeRequest(`/staff/privacy/requests/${lateId}`, { cookie: staff.cookie }),
      {
        id: lateId,
      },
    );
    expect(page.data.overdue).toBe(true);
    expect(page.data.events).toEqual(["start", "complete", "refuse"]);
    const denied = await call(requestList.loader, makeRequest("/staff/privacy/requests", { cookie: applicant.cookie }));
    expect(denied.status).toBe(403);
  });

  it("moves a request through the state machine, auditing and telling the requester at each step", async () => {
    expect((await handle(leader, accessId, { event: "start" })).status).toBe(403);
    expect((await handle(staff, accessId, { event: "start" })).status).toBe(302);
    expect((await handle(staff, accessId, { event: "start" })).status).toBe(409);
    const noReply = await handle(staff, accessId, { event: "complete" });
    expect(noReply.status).toBe(400);
    expect(noReply.data.errors.reply).toBeTruthy();
    expect((await handle(staff, accessId, { event: "complete", reply: "Đã cung cấp tệp dữ liệu." })).status).toBe(302);
    const [row] = await requestsOf(applicant.id);
    expect(row).toMatchObject({ status: "done", handled_by: staff.id, reply: "Đã cung cấp tệp dữ liệu." });
    expect(row.started_at).not.toBeNull();
    expect(row.closed_at).not.toBeNull();
    const actions = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", accessId)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "privacy.request_filed",
      "privacy.request_start",
      "privacy.request_complete",
    ]);
    const notices = await getDb()
      .selectFrom("notifications")
      .select("title")
      .where("user_id", "=", applicant.id)
      .execute();
    expect(notices.map((n) => n.title)).toContain("Yêu cầu \u201cCung cấp dữ liệu cá nhân của tôi\u201d: Đã thực hiện");
    const mails = await getDb()
      .selectFrom("outbox_messages")
      .select("text_body")
      .where("to_address", "=", applicant.email)
      .execute();
    expect(mails.some((m) => m.text_body.includes("Đã cung cấp tệp dữ liệu."))).toBe(true);
  });

  it("gives the requester their data as a file once done; staff's download is logged, anyone else gets 404", async () => {
    const path = `/account/requests/${accessId}/export`;
    const own = await call(requestExport.loader, makeRequest(path, { cookie: applicant.cookie }), { id: accessId });
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Disposition")).toMatch(/attachment; filename="du-lieu-ca-nhan-/);
    const body = typeof own.data === "string" ? JSON.parse(own.data) : own.data;
    expect(body.account.email).toBe(applicant.email);
    expect(body.memberships.map((m: { organisation: string }) => m.organisation)).toEqual([
      "Công ty TNHH nấm dược liệu Ninh Trương",
    ]);
    expect(body.requests).toHaveLength(1);
    expect(
      (await call(requestExport.loader, makeRequest(path, { cookie: other.cookie }), { id: accessId })).status,
    ).toBe(404);
    expect(
      (await call(requestExport.loader, makeRequest(path, { cookie: staff.cookie }), { id: accessId })).status,
    ).toBe(200);
    const logged = await getDb()
      .selectFrom("personal_data_access")
      .selectAll()
      .where("actor_id", "=", staff.id)
      .where("kind", "=", "export")
      .execute();
    expect(logged).toMatchObject([{ subject_type: "users", subject_id: applicant.id, row_count: 1 }]);
  });

  it("records a consent withdrawal at the moment it is filed, and a refusal needs its reason", async () => {
    expect(await consentWithdrawnAt(getDb(), other.id)).toBeNull();
    expect((await file(other, { kind: "consent_withdrawal", details: "Rút lại đồng ý nhận thông tin." })).status).toBe(
      302,
    );
    const withdrawal = (await requestsOf(other.id)).find((r) => r.kind === "consent_withdrawal")!;
    expect(await consentWithdrawnAt(getDb(), other.id)).toBe(withdrawal.received_at);
    expect((await handle(staff, withdrawal.id, { event: "refuse" })).status).toBe(400);
    expect(
      (await handle(staff, withdrawal.id, { event: "refuse", reply: "Hồ sơ dự thi phải lưu theo quy chế." })).status,
    ).toBe(302);
    expect(await consentWithdrawnAt(getDb(), other.id)).toBeNull();
  });
});
