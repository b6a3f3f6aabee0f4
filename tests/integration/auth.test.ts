import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import * as account from "../../app/routes/account";
import * as forgot from "../../app/routes/forgot-password";
import * as home from "../../app/routes/home";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as register from "../../app/routes/register";
import * as reset from "../../app/routes/reset-password";
import { call, countRows, createUser, makeRequest, TEST_PASSWORD } from "../helpers/fixtures";

const validRegistration = (overrides: Record<string, string> = {}) => ({
  fullName: "Nguyễn Thị Mai",
  email: `mai-${Math.random().toString(36).slice(2, 8)}@example.vn`,
  phone: "0905 111 222",
  organisationKind: "startup_team",
  organisationName: "Nhóm Nấm Ba Tơ",
  password: "mat-khau-du-dai",
  confirmPassword: "mat-khau-du-dai",
  consent: "on",
  ...overrides,
});

const TABLES = ["users", "organisations", "memberships", "audit_events", "outbox_messages", "sessions"] as const;
async function snapshot() {
  return Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await countRows(table)])));
}

function cookieFrom(result: { headers: Headers }): string {
  const setCookie = result.headers.get("Set-Cookie") ?? "";
  return setCookie.split(";")[0];
}

describe("registration", () => {
  it("creates the account, its organisation, the membership, the history and a welcome e-mail, and logs in", async () => {
    const form = validRegistration({ taxCode: "4300 123 456" });
    const result = await call(register.action, makeRequest("/register", { form }));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/home");
    const db = getDb();
    const user = await db.selectFrom("users").selectAll().where("email", "=", form.email).executeTakeFirstOrThrow();
    expect(user.role).toBe("applicant");
    expect(user.password_hash).toMatch(/^scrypt\$/);
    const organisation = await db
      .selectFrom("memberships")
      .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
      .select(["organisations.name", "organisations.tax_code", "memberships.role"])
      .where("memberships.user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(organisation).toEqual({ name: "Nhóm Nấm Ba Tơ", tax_code: "4300123456", role: "owner" });
    const audit = await db.selectFrom("audit_events").select("action").where("actor_id", "=", user.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["organisation.created", "user.registered"]);
    const mail = await db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", form.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain("Chào mừng");
    expect(mail.status).toBe("kept");
    const homePage = await call(home.loader, makeRequest("/home", { cookie: cookieFrom(result) }));
    expect(homePage.status).toBe(200);
    expect(homePage.data.user.fullName).toBe("Nguyễn Thị Mai");
  });

  it("refuses an e-mail that is already registered, in Vietnamese, and writes nothing", async () => {
    const form = validRegistration();
    await call(register.action, makeRequest("/register", { form }));
    const before = await snapshot();
    const again = await call(
      register.action,
      makeRequest("/register", { form: { ...form, organisationName: "Khác" } }),
    );
    expect(again.status).toBe(409);
    expect(again.data.errors.email).toBe("Thư điện tử này đã được đăng ký.");
    expect(await snapshot()).toEqual(before);
  });

  const badInputs: Array<[string, Record<string, string>, string, RegExp]> = [
    ["an empty name", { fullName: "" }, "fullName", /Vui lòng nhập/],
    ["a name of 500 characters", { fullName: "A".repeat(500) }, "fullName", /Tối đa 120 ký tự/],
    ["a script tag in the name", { fullName: "<script>alert(1)</script>" }, "fullName", /Không được chứa ký tự/],
    [
      "a script tag in the organisation",
      { organisationName: "Công ty <img src=x onerror=alert(1)>" },
      "organisationName",
      /Không được chứa ký tự/,
    ],
    ["a malformed e-mail", { email: "khong-phai-email" }, "email", /Thư điện tử không hợp lệ/],
    ["a short password", { password: "ngan", confirmPassword: "ngan" }, "password", /ít nhất 10 ký tự/],
    ["passwords that differ", { confirmPassword: "mat-khau-khac-han" }, "confirmPassword", /không khớp/],
    ["an unknown organisation kind", { organisationKind: "agency" }, "organisationKind", /chọn một giá trị/],
    ["a 9-digit tax code", { taxCode: "123456789" }, "taxCode", /Mã số thuế gồm 10 chữ số/],
    ["no consent", { consent: "" }, "consent", /cần đồng ý/],
    ["a consent value that is not the checkbox's", { consent: "yes please" }, "consent", /cần đồng ý/],
  ];
  it.each(badInputs)(
    "refuses %s with a Vietnamese message next to the field and writes nothing",
    async (_name, overrides, field, message) => {
      const before = await snapshot();
      const result = await call(register.action, makeRequest("/register", { form: validRegistration(overrides) }));
      expect(result.status).toBe(400);
      expect(result.data.errors[field]).toMatch(message);
      expect(result.data.values.password).toBeUndefined();
      expect(await snapshot()).toEqual(before);
    },
  );

  it("answers a 10 MB body with 413 before reading it, and writes nothing", async () => {
    const before = await snapshot();
    const huge = new URLSearchParams({ ...validRegistration(), fullName: "A".repeat(10 * 1024 * 1024) }).toString();
    const result = await call(
      register.action,
      makeRequest("/register", {
        body: huge,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(huge.length) },
      }),
    );
    expect(result.status).toBe(413);
    expect(result.data).toContain("quá lớn");
    expect(await snapshot()).toEqual(before);
  });

  it("answers a 10 MB body sent without Content-Length with 413 too", async () => {
    const chunk = new TextEncoder().encode("a".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request("http://localhost/register", {
      method: "POST",
      body: stream,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    const result = await call(register.action, request);
    expect(result.status).toBe(413);
  });

  it("answers a multipart body to a text form with 4xx, not 500", async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(validRegistration({ fullName: "" }))) form.append(key, value);
    const result = await call(register.action, makeRequest("/register", { form }));
    expect(result.status).toBe(400);
    expect(result.data.errors.fullName).toMatch(/Vui lòng nhập/);
  });
});

describe("login", () => {
  it("starts a new session with a fresh id and revokes the one the browser had", async () => {
    const user = await createUser("staff");
    const result = await call(
      login.action,
      makeRequest("/login", {
        form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/organisations" },
        cookie: user.cookie,
      }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe("/organisations");
    const setCookie = result.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(cookieFrom(result)).not.toBe(user.cookie);
    // The old session no longer opens anything.
    const old = await call(home.loader, makeRequest("/home", { cookie: user.cookie }));
    expect(old.status).toBe(302);
    const fresh = await call(home.loader, makeRequest("/home", { cookie: cookieFrom(result) }));
    expect(fresh.status).toBe(200);
  });

  it("sends the user only to a path of this site after login", async () => {
    const user = await createUser("applicant");
    const result = await call(
      login.action,
      makeRequest("/login", {
        form: { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example/phish" },
      }),
    );
    expect(result.location).toBe("/home");
  });

  it("gives the same message for an unknown e-mail and a wrong password", async () => {
    const user = await createUser("judge");
    const wrong = await call(
      login.action,
      makeRequest("/login", { form: { email: user.email, password: "sai-mat-khau-roi" } }),
    );
    const unknown = await call(
      login.action,
      makeRequest("/login", { form: { email: "nobody@example.vn", password: "sai-mat-khau-roi" } }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.data.errors._form).toBe("Thư điện tử hoặc mật khẩu không đúng.");
    expect(unknown.data.errors._form).toBe(wrong.data.errors._form);
  });

  it("stops checking passwords after 5 failures for one account, even the right one", async () => {
    const user = await createUser("applicant");
    for (let i = 0; i < 5; i++)
      await call(login.action, makeRequest("/login", { form: { email: user.email, password: `sai-${i}-mat-khau` } }));
    const result = await call(
      login.action,
      makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } }),
    );
    expect(result.status).toBe(429);
    expect(result.data.errors._form).toMatch(/quá nhiều lần/);
  });

  it("refuses a disabled account", async () => {
    const user = await createUser("applicant");
    await getDb().updateTable("users").set({ status: "disabled" }).where("id", "=", user.id).execute();
    const result = await call(
      login.action,
      makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } }),
    );
    expect(result.status).toBe(401);
    const withOldSession = await call(home.loader, makeRequest("/home", { cookie: user.cookie }));
    expect(withOldSession.status).toBe(302);
  });

  it.each([
    ["empty fields", { email: "", password: "" }],
    ["a 300-character e-mail", { email: `${"a".repeat(300)}@x.vn`, password: "x" }],
    ["a script tag as e-mail", { email: "<script>@x.vn", password: "x" }],
    ["a password of 5000 characters", { email: "a@b.vn", password: "x".repeat(5000) }],
  ])("refuses %s with 400 and a Vietnamese message, recording no attempt", async (_name, form) => {
    const before = await countRows("login_attempts");
    const result = await call(login.action, makeRequest("/login", { form }));
    expect(result.status).toBe(400);
    expect(Object.values(result.data.errors).join(" ")).toMatch(/Vui lòng nhập|không hợp lệ|Tối đa/);
    expect(await countRows("login_attempts")).toBe(before);
  });

  it("logs out by revoking the session on the server", async () => {
    const user = await createUser("leader");
    const result = await call(logout.action, makeRequest("/logout", { method: "POST", cookie: user.cookie }));
    expect(result.status).toBe(302);
    const after = await call(home.loader, makeRequest("/home", { cookie: user.cookie }));
    expect(after.status).toBe(302);
  });
});

describe("password reset", () => {
  it("mails a one-hour link that sets a new password once and logs every session out", async () => {
    const user = await createUser("applicant");
    const asked = await call(forgot.action, makeRequest("/forgot-password", { form: { email: user.email } }));
    expect(asked.status).toBe(200);
    const mail = await getDb()
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", user.email)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(mail.text_body)?.[1];
    expect(token).toBeTruthy();
    expect((await call(reset.loader, makeRequest(`/reset-password?token=${token}`))).data.token).toBe(token);

    const done = await call(
      reset.action,
      makeRequest("/reset-password", {
        form: { token: token!, password: "mat-khau-moi-123", confirmPassword: "mat-khau-moi-123" },
      }),
    );
    expect(done.status).toBe(302);
    expect(done.location).toBe("/login");
    expect((await call(home.loader, makeRequest("/home", { cookie: user.cookie }))).status).toBe(302);
    const loggedIn = await call(
      login.action,
      makeRequest("/login", { form: { email: user.email, password: "mat-khau-moi-123" } }),
    );
    expect(loggedIn.status).toBe(302);

    const reused = await call(
      reset.action,
      makeRequest("/reset-password", {
        form: { token: token!, password: "lan-thu-hai-xyz", confirmPassword: "lan-thu-hai-xyz" },
      }),
    );
    expect(reused.status).toBe(400);
    expect(reused.data.errors._form).toMatch(/không hợp lệ hoặc đã hết hạn/);
  });

  it("answers the same for an unknown e-mail and sends nothing", async () => {
    const before = await countRows("outbox_messages");
    const result = await call(
      forgot.action,
      makeRequest("/forgot-password", { form: { email: "khong-ton-tai@example.vn" } }),
    );
    expect(result.status).toBe(200);
    expect(result.data.ok).toBe(true);
    expect(await countRows("outbox_messages")).toBe(before);
  });

  it("refuses an expired token", async () => {
    const user = await createUser("applicant");
    await call(forgot.action, makeRequest("/forgot-password", { form: { email: user.email } }));
    await getDb()
      .updateTable("password_reset_tokens")
      .set({ expires_at: "2000-01-01T00:00:00.000Z" })
      .where("user_id", "=", user.id)
      .execute();
    const mail = await getDb()
      .selectFrom("outbox_messages")
      .select("text_body")
      .where("to_address", "=", user.email)
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(mail.text_body)![1];
    expect((await call(reset.loader, makeRequest(`/reset-password?token=${token}`))).data.token).toBeNull();
    const result = await call(
      reset.action,
      makeRequest("/reset-password", {
        form: { token, password: "mat-khau-moi-123", confirmPassword: "mat-khau-moi-123" },
      }),
    );
    expect(result.status).toBe(400);
  });

  it.each([
    ["an empty e-mail", {}],
    ["a script tag", { email: "<script>alert(1)</script>" }],
  ])("refuses %s on the forgot form with 400", async (_name, form) => {
    const result = await call(forgot.action, makeRequest("/forgot-password", { form: form as Record<string, string> }));
    expect(result.status).toBe(400);
    expect(result.data.errors.email).toMatch(/Vui lòng nhập|không hợp lệ/);
  });

  it("refuses a too-short new password on the reset form with 400", async () => {
    const result = await call(
      reset.action,
      makeRequest("/reset-password", { form: { token: "x".repeat(40), password: "ngan", confirmPassword: "ngan" } }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.password).toMatch(/ít nhất 10 ký tự/);
  });
});

describe("my account", () => {
  it("changes the password only with the current one, and logs other sessions out", async () => {
    const user = await createUser("staff");
    const other = await call(
      login.action,
      makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } }),
    );
    const wrong = await call(
      account.action,
      makeRequest("/account", {
        cookie: user.cookie,
        form: {
          intent: "password",
          currentPassword: "khong-dung-dau",
          password: "mat-khau-moi-456",
          confirmPassword: "mat-khau-moi-456",
        },
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.currentPassword).toBe("Mật khẩu hiện tại không đúng.");
    const done = await call(
      account.action,
      makeRequest("/account", {
        cookie: user.cookie,
        form: {
          intent: "password",
          currentPassword: TEST_PASSWORD,
          password: "mat-khau-moi-456",
          confirmPassword: "mat-khau-moi-456",
        },
      }),
    );
    expect(done.status).toBe(302);
    expect((await call(home.loader, makeRequest("/home", { cookie: user.cookie }))).status).toBe(200);
    expect((await call(home.loader, makeRequest("/home", { cookie: cookieFrom(other) }))).status).toBe(302);
  });

  it("updates the profile and keeps the old values in the history", async () => {
    const user = await createUser("judge", { fullName: "Tên cũ" });
    const result = await call(
      account.action,
      makeRequest("/account", {
        cookie: user.cookie,
        form: { intent: "profile", fullName: "Tên mới", phone: "0905 000 111" },
      }),
    );
    expect(result.status).toBe(302);
    const event = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", user.id)
      .where("action", "=", "user.profile_updated")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before_json!)).toMatchObject({ full_name: "Tên cũ" });
    expect(JSON.parse(event.after_json!)).toMatchObject({ full_name: "Tên mới" });
  });
});
