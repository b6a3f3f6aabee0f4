import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { recordAudit } from "../../app/lib/audit.server";
import { getDb } from "../../app/lib/db.server";
import * as adminUser from "../../app/routes/admin.users.$id";
import * as adminUsersNew from "../../app/routes/admin.users.new";
import * as adminUsers from "../../app/routes/admin.users._index";
import * as adminSessions from "../../app/routes/admin.sessions";
import * as adminOutbox from "../../app/routes/admin.outbox._index";
import * as home from "../../app/routes/home";
import * as login from "../../app/routes/login";
import * as reset from "../../app/routes/reset-password";
import { call, countRows, createUser, makeRequest } from "../helpers/fixtures";

describe("accounts created by the administrator", () => {
  it("creates a judge who sets a password from the invitation e-mail and can then log in", async () => {
    const admin = await createUser("admin");
    const email = "giam.khao.moi@example.vn";
    const created = await call(
      adminUsersNew.action,
      makeRequest("/admin/users/new", {
        cookie: admin.cookie,
        form: { fullName: "Đặng Văn Khảo", email, role: "judge" },
      }),
    );
    expect(created.status).toBe(302);
    const invitation = await getDb()
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    expect(invitation.text_body).toContain("Giám khảo");
    const token = /token=([\w-]+)/.exec(invitation.text_body)![1];
    const set = await call(
      reset.action,
      makeRequest("/reset-password", {
        form: { token, password: "mat-khau-giam-khao", confirmPassword: "mat-khau-giam-khao" },
      }),
    );
    expect(set.status).toBe(302);
    const loggedIn = await call(
      login.action,
      makeRequest("/login", { form: { email, password: "mat-khau-giam-khao" } }),
    );
    expect(loggedIn.status).toBe(302);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "user.created")
      .where("actor_id", "=", admin.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toEqual({ email, role: "judge" });
  });

  it("refuses to create an applicant account (they register themselves) and a taken e-mail", async () => {
    const admin = await createUser("admin");
    const other = await createUser("staff");
    const before = await countRows("users");
    const applicant = await call(
      adminUsersNew.action,
      makeRequest("/admin/users/new", {
        cookie: admin.cookie,
        form: { fullName: "Ai đó", email: "ai@example.vn", role: "applicant" },
      }),
    );
    expect(applicant.status).toBe(400);
    expect(applicant.data.errors.role).toMatch(/chọn một giá trị/);
    const taken = await call(
      adminUsersNew.action,
      makeRequest("/admin/users/new", {
        cookie: admin.cookie,
        form: { fullName: "Trùng", email: other.email, role: "judge" },
      }),
    );
    expect(taken.status).toBe(409);
    expect(await countRows("users")).toBe(before);
  });

  it("changes a role with a reason in the history, and disabling ends the person's sessions", async () => {
    const admin = await createUser("admin");
    const judge = await createUser("judge");
    const promoted = await call(
      adminUser.action,
      makeRequest(`/admin/users/${judge.id}`, {
        cookie: admin.cookie,
        form: { role: "staff", status: "active", reason: "Chuyển công tác về Phòng QLCN" },
      }),
      { id: judge.id },
    );
    expect(promoted.status).toBe(302);
    const event = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", judge.id)
      .where("action", "=", "user.access_changed")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before_json!)).toEqual({ role: "judge", status: "active" });
    expect(JSON.parse(event.after_json!)).toEqual({ role: "staff", status: "active" });
    expect(event.reason).toBe("Chuyển công tác về Phòng QLCN");

    await call(
      adminUser.action,
      makeRequest(`/admin/users/${judge.id}`, { cookie: admin.cookie, form: { role: "staff", status: "disabled" } }),
      { id: judge.id },
    );
    expect((await call(home.loader, makeRequest("/home", { cookie: judge.cookie }))).status).toBe(302);
  });

  it("does not let an administrator lock themselves out", async () => {
    const admin = await createUser("admin");
    const result = await call(
      adminUser.action,
      makeRequest(`/admin/users/${admin.id}`, { cookie: admin.cookie, form: { role: "staff", status: "active" } }),
      { id: admin.id },
    );
    expect(result.status).toBe(409);
    expect(result.data.errors._form).toMatch(/không thể tự khóa/);
  });

  it("filters the account list by role on the server", async () => {
    const admin = await createUser("admin");
    await createUser("leader");
    const result = await call(adminUsers.loader, makeRequest("/admin/users?role=leader", { cookie: admin.cookie }));
    expect(result.data.page.rows.length).toBeGreaterThan(0);
    expect(result.data.page.rows.every((row: { role: string }) => row.role === "leader")).toBe(true);
  });
});

describe("sessions and outbox", () => {
  it("lets the administrator revoke someone's session", async () => {
    const admin = await createUser("admin");
    const staff = await createUser("staff");
    const list = await call(
      adminSessions.loader,
      makeRequest(`/admin/sessions?q=${encodeURIComponent(staff.email)}`, { cookie: admin.cookie }),
    );
    const session = list.data.page.rows[0];
    expect(session.email).toBe(staff.email);
    const result = await call(
      adminSessions.action,
      makeRequest("/admin/sessions", { cookie: admin.cookie, form: { sessionId: session.id } }),
    );
    expect(result.status).toBe(302);
    expect((await call(home.loader, makeRequest("/home", { cookie: staff.cookie }))).status).toBe(302);
  });

  it("answers 404 for a session that does not exist", async () => {
    const admin = await createUser("admin");
    const result = await call(
      adminSessions.action,
      makeRequest("/admin/sessions", { cookie: admin.cookie, form: { sessionId: "khong-co" } }),
    );
    expect(result.status).toBe(404);
  });

  it("shows every message the portal kept, newest first", async () => {
    const admin = await createUser("admin");
    const result = await call(adminOutbox.loader, makeRequest("/admin/outbox?status=kept", { cookie: admin.cookie }));
    expect(result.data.page.total).toBe(await countRows("outbox_messages"));
  });
});

describe("the audit history", () => {
  it("cannot be rewritten or deleted, even by SQL", async () => {
    await recordAudit(getDb(), { actorId: null, action: "test.event", entityType: "test", entityId: "1" });
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(getDb())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(getDb())).rejects.toThrow(/append-only/);
  });
});
