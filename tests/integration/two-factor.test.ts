import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { openSecret } from "../../app/lib/secret-box.server";
import { totpCode, totpStep } from "../../app/lib/totp";
import * as account from "../../app/routes/account";
import * as twoFactor from "../../app/routes/account_.two-factor";
import * as adminUser from "../../app/routes/admin.users.$id";
import * as home from "../../app/routes/home";
import * as login from "../../app/routes/login";
import * as loginTwoFactor from "../../app/routes/login_.two-factor";
import * as logout from "../../app/routes/logout";
import * as organisations from "../../app/routes/organisations._index";
import * as reportDrafts from "../../app/routes/staff.reports.drafts._index";
import {
  call,
  countRows,
  createUser,
  makeRequest,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
  type RouteResult,
  type TestUser,
} from "../helpers/fixtures";

const db = () => getDb();

/** The `name=value` of the cookie a response sets under that name. */
function cookieNamed(result: RouteResult, name: string): string | null {
  const line = result.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  return line ? line.split(";")[0] : null;
}

const codeNow = (secret = TEST_TOTP_SECRET, offset = 0) => totpCode(secret, totpStep(Date.now()) + offset);

async function auditActions(userId: string): Promise<string[]> {
  const rows = await db()
    .selectFrom("audit_events")
    .select("action")
    .where("entity_id", "=", userId)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}

async function passwordStep(user: TestUser, redirectTo?: string): Promise<{ result: RouteResult; challenge: string }> {
  const result = await call(
    login.action,
    makeRequest("/login", {
      form: { email: user.email, password: TEST_PASSWORD, ...(redirectTo ? { redirectTo } : {}) },
    }),
  );
  return { result, challenge: cookieNamed(result, "__login_challenge") ?? "" };
}

function answer(challenge: string, code: string): Promise<RouteResult> {
  return call(loginTwoFactor.action, makeRequest("/login/two-factor", { cookie: challenge, form: { code } }));
}

/** Turns recovery codes on for a user enrolled by the fixture and returns them as shown. */
async function recoveryCodesOf(user: TestUser): Promise<string[]> {
  const result = await call(
    twoFactor.action,
    makeRequest("/account/two-factor", { cookie: user.cookie, form: { intent: "regenerate", code: codeNow() } }),
  );
  expect(result.status).toBe(200);
  return result.data.recoveryCodes;
}

describe("enrolment", () => {
  it("shows a new secret with its QR code, turns on with the first right code and gives ten recovery codes once", async () => {
    const user = await createUser("applicant");
    const off = await call(twoFactor.loader, makeRequest("/account/two-factor", { cookie: user.cookie }));
    expect(off.data.state).toEqual({ status: "off" });

    expect(
      (
        await call(
          twoFactor.action,
          makeRequest("/account/two-factor", { cookie: user.cookie, form: { intent: "start" } }),
        )
      ).status,
    ).toBe(302);
    const pending = await call(twoFactor.loader, makeRequest("/account/two-factor", { cookie: user.cookie }));
    expect(pending.data.state.status).toBe("pending");
    expect(pending.data.qrCode).toMatch(/^data:image\/png;base64,/);
    const secret = pending.data.state.secret.replace(/ /g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Stored sealed, never in clear.
    const row = await db()
      .selectFrom("user_two_factor")
      .selectAll()
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(secret);
    expect(openSecret(row.secret_sealed)).toBe(secret);

    const wrong = await call(
      twoFactor.action,
      makeRequest("/account/two-factor", {
        cookie: user.cookie,
        form: { intent: "confirm", code: "000000" === codeNow(secret) ? "111111" : "000000" },
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.code).toMatch(/Mã không đúng/);

    const confirmed = await call(
      twoFactor.action,
      makeRequest("/account/two-factor", { cookie: user.cookie, form: { intent: "confirm", code: codeNow(secret) } }),
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.data.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.data.recoveryCodes).size).toBe(10);
    expect(confirmed.data.recoveryCodes[0]).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const stored = await db()
      .selectFrom("two_factor_recovery_codes")
      .select("code_hash")
      .where("user_id", "=", user.id)
      .execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((code) => code.code_hash).join()).not.toContain(confirmed.data.recoveryCodes[0].replace("-", ""));

    // Never shown again: the page now says it is on, without the secret.
    const on = await call(twoFactor.loader, makeRequest("/account/two-factor", { cookie: user.cookie }));
    expect(on.data.state).toMatchObject({ status: "on", recoveryCodesLeft: 10 });
    expect(JSON.stringify(on.data)).not.toContain(secret);
    expect(on.data.qrCode).toBeNull();
    expect(await auditActions(user.id)).toEqual(["two_factor.code_failed", "two_factor.enrolled"]);
  });

  it("refuses to start again once on", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const again = await call(
      twoFactor.action,
      makeRequest("/account/two-factor", { cookie: user.cookie, form: { intent: "start" } }),
    );
    expect(again.status).toBe(409);
  });

  it("makes new recovery codes against a current code: the old ones stop working", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const first = await recoveryCodesOf(user);
    const second = await call(
      twoFactor.action,
      makeRequest("/account/two-factor", {
        cookie: user.cookie,
        form: { intent: "regenerate", code: codeNow(TEST_TOTP_SECRET, 1) },
      }),
    );
    expect(second.data.recoveryCodes).toHaveLength(10);
    const { challenge } = await passwordStep(user);
    expect((await answer(challenge, first[0])).status).toBe(401);
    expect(await auditActions(user.id)).toEqual([
      "two_factor.recovery_codes_regenerated",
      "two_factor.recovery_codes_regenerated",
      "two_factor.code_failed",
    ]);
  });

  it("is turned off with the password and a current code, each wrong one refused", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const disable = (form: Record<string, string>) =>
      call(
        twoFactor.action,
        makeRequest("/account/two-factor", { cookie: user.cookie, form: { intent: "disable", ...form } }),
      );
    const wrongPassword = await disable({ password: "khong-phai-mat-khau", code: codeNow() });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.data.errors.password).toBe("Mật khẩu hiện tại không đúng.");
    const wrongCode = await disable({ password: TEST_PASSWORD, code: "12345" });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.data.errors.code).toMatch(/Mã không đúng/);
    expect((await disable({ password: TEST_PASSWORD, code: codeNow() })).status).toBe(302);
    expect(
      await db().selectFrom("user_two_factor").select("user_id").where("user_id", "=", user.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(await auditActions(user.id)).toEqual(["two_factor.code_failed", "two_factor.disabled"]);
    // The password alone opens a session again.
    const { result } = await passwordStep(user);
    expect(result.location).toBe("/home");
    expect(cookieNamed(result, "__session")).not.toBeNull();
  });
});

describe("login with two-factor sign-in", () => {
  it("gives no session for the password alone, then one for the code, to the page asked for", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const sessionsBefore = await countRows("sessions");
    const { result, challenge } = await passwordStep(user, "/my/entries");
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login/two-factor");
    expect(cookieNamed(result, "__session")).toBeNull();
    expect(result.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
    expect(result.headers.getSetCookie()[0]).toMatch(/Path=\/login/);
    expect(await countRows("sessions")).toBe(sessionsBefore);
    // The challenge cookie is no session.
    expect((await call(home.loader, makeRequest("/home", { cookie: challenge }))).status).toBe(302);

    expect((await call(loginTwoFactor.loader, makeRequest("/login/two-factor", { cookie: challenge }))).status).toBe(
      200,
    );
    const passed = await answer(challenge, codeNow());
    expect(passed.status).toBe(302);
    expect(passed.location).toBe("/my/entries");
    const session = cookieNamed(passed, "__session")!;
    expect((await call(home.loader, makeRequest("/home", { cookie: session }))).status).toBe(200);
    // The challenge is spent.
    expect((await call(loginTwoFactor.loader, makeRequest("/login/two-factor", { cookie: challenge }))).location).toBe(
      "/login",
    );
  });

  it("accepts a code once: the same code does not open a second login", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const code = codeNow();
    const first = await passwordStep(user);
    expect((await answer(first.challenge, code)).location).toBe("/home");
    const second = await passwordStep(user);
    const replay = await answer(second.challenge, code);
    expect(replay.status).toBe(401);
    expect(replay.data.errors.code).toBe("Mã không đúng hoặc đã được dùng. Còn 4 lần thử.");
    // The next step's code (a phone 30 s ahead) still works.
    expect((await answer(second.challenge, codeNow(TEST_TOTP_SECRET, 1))).location).toBe("/home");
  });

  it("voids the challenge after five wrong codes, even for the right one after, each wrong code audited", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const { challenge } = await passwordStep(user);
    const wrong = codeNow() === "999999" ? "888888" : "999999";
    for (let left = 4; left >= 1; left--) {
      const result = await answer(challenge, wrong);
      expect(result.status).toBe(401);
      expect(result.data.errors.code).toContain(`Còn ${left} lần thử`);
    }
    const fifth = await answer(challenge, wrong);
    expect(fifth.status).toBe(302);
    expect(fifth.location).toBe("/login");
    const afterwards = await answer(challenge, codeNow());
    expect(afterwards.location).toBe("/login");
    expect(cookieNamed(afterwards, "__session")).toBeNull();
    const failures = await db()
      .selectFrom("audit_events")
      .select("after_json")
      .where("entity_id", "=", user.id)
      .where("action", "=", "two_factor.code_failed")
      .orderBy("id")
      .execute();
    expect(failures).toHaveLength(5);
    expect(JSON.parse(failures[4].after_json!)).toEqual({
      context: "login",
      kind: "totp",
      attempt: 5,
      challengeLocked: true,
    });
  });

  it("checks no code after ten wrong ones in 15 minutes across logins", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    for (let login = 0; login < 2; login++) {
      const { challenge } = await passwordStep(user);
      for (let i = 0; i < 5; i++) await answer(challenge, "RECOVERY-WRONG");
    }
    const { challenge } = await passwordStep(user);
    const result = await answer(challenge, codeNow());
    expect(result.status).toBe(429);
    expect(result.data.errors._form).toMatch(/15 phút/);
  });

  it("expires the challenge after ten minutes", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const { challenge } = await passwordStep(user);
    await db()
      .updateTable("login_challenges")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("user_id", "=", user.id)
      .execute();
    expect((await call(loginTwoFactor.loader, makeRequest("/login/two-factor", { cookie: challenge }))).location).toBe(
      "/login",
    );
    expect((await answer(challenge, codeNow())).location).toBe("/login");
  });

  it("sends a visitor without a challenge back to the login form", async () => {
    expect((await call(loginTwoFactor.loader, makeRequest("/login/two-factor"))).location).toBe("/login");
    const forged = await call(
      loginTwoFactor.action,
      makeRequest("/login/two-factor", { cookie: "__login_challenge=forged", form: { code: "123456" } }),
    );
    expect(forged.location).toBe("/login");
  });

  it("takes a recovery code once, however it is typed, and audits its use", async () => {
    const user = await createUser("applicant", { twoFactor: true });
    const [code] = await recoveryCodesOf(user);
    const first = await passwordStep(user);
    const passed = await answer(first.challenge, code.replace("-", " ").toLowerCase());
    expect(passed.status).toBe(302);
    expect(passed.location).toBe("/home");
    expect(cookieNamed(passed, "__session")).not.toBeNull();
    const second = await passwordStep(user);
    expect((await answer(second.challenge, code)).status).toBe(401);
    const used = await db()
      .selectFrom("audit_events")
      .select("after_json")
      .where("entity_id", "=", user.id)
      .where("action", "=", "two_factor.recovery_code_used")
      .execute();
    expect(used.map((row) => JSON.parse(row.after_json!))).toEqual([{ recoveryCodesLeft: 9 }]);
  });
});

describe("leaders and admins must use it", () => {
  it("sends a leader without it from every page to enrolment, refuses their actions, and lets them enrol", async () => {
    const leader = await createUser("leader", { twoFactor: false });
    const page = await call(organisations.loader, makeRequest("/organisations?q=abc", { cookie: leader.cookie }));
    expect(page.status).toBe(302);
    expect(page.location).toBe(`/account/two-factor?redirectTo=${encodeURIComponent("/organisations?q=abc")}`);
    expect((await call(home.loader, makeRequest("/home", { cookie: leader.cookie }))).location).toMatch(
      /^\/account\/two-factor/,
    );
    expect((await call(account.loader, makeRequest("/account", { cookie: leader.cookie }))).location).toMatch(
      /^\/account\/two-factor/,
    );

    const auditBefore = await countRows("audit_events");
    const refused = await call(
      reportDrafts.action,
      makeRequest("/staff/reports/drafts", {
        cookie: leader.cookie,
        form: { from: "2021", to: "2025", modules: "connections", issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" },
      }),
    );
    expect(refused.status).toBe(403);
    expect(refused.data).toMatch(/xác thực hai bước/);
    expect(await countRows("audit_events")).toBe(auditBefore);

    const enrolment = await call(
      twoFactor.loader,
      makeRequest("/account/two-factor?redirectTo=%2Forganisations", { cookie: leader.cookie }),
    );
    expect(enrolment.status).toBe(200);
    expect(enrolment.data.mustEnrol).toBe(true);
    expect(enrolment.data.continueTo).toBe("/organisations");
    await call(
      twoFactor.action,
      makeRequest("/account/two-factor", { cookie: leader.cookie, form: { intent: "start" } }),
    );
    const pending = await call(twoFactor.loader, makeRequest("/account/two-factor", { cookie: leader.cookie }));
    const secret = pending.data.state.secret.replace(/ /g, "");
    // Still pending: not yet allowed anywhere else.
    expect((await call(organisations.loader, makeRequest("/organisations", { cookie: leader.cookie }))).status).toBe(
      302,
    );
    await call(
      twoFactor.action,
      makeRequest("/account/two-factor", { cookie: leader.cookie, form: { intent: "confirm", code: codeNow(secret) } }),
    );
    expect((await call(organisations.loader, makeRequest("/organisations", { cookie: leader.cookie }))).status).toBe(
      200,
    );
  });

  it("lets a leader without it log out", async () => {
    const leader = await createUser("leader", { twoFactor: false });
    expect((await call(logout.action, makeRequest("/logout", { method: "POST", cookie: leader.cookie }))).status).toBe(
      302,
    );
    expect(
      (await call(twoFactor.loader, makeRequest("/account/two-factor", { cookie: leader.cookie }))).location,
    ).toMatch(/^\/login/);
  });

  it.each(["leader", "admin"] as const)("does not let a %s turn it off", async (role) => {
    const user = await createUser(role);
    const result = await call(
      twoFactor.action,
      makeRequest("/account/two-factor", {
        cookie: user.cookie,
        form: { intent: "disable", password: TEST_PASSWORD, code: codeNow() },
      }),
    );
    expect(result.status).toBe(403);
    expect(result.data.errors._form).toBe("Tài khoản lãnh đạo và quản trị không được tắt xác thực hai bước.");
    expect(
      await db().selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", user.id).executeTakeFirst(),
    ).toBeDefined();
  });

  it("asks a leader with it for the code at login, like anyone", async () => {
    const leader = await createUser("leader");
    const { result, challenge } = await passwordStep(leader, "/staff/reports");
    expect(result.location).toBe("/login/two-factor");
    expect((await answer(challenge, codeNow())).location).toBe("/staff/reports");
  });
});

describe("the administrator's reset (lost phone)", () => {
  it("removes the enrolment and the recovery codes, ends the person's sessions, with the reason in the history", async () => {
    const admin = await createUser("admin");
    const leader = await createUser("leader");
    await recoveryCodesOf(leader);
    const page = await call(adminUser.loader, makeRequest(`/admin/users/${leader.id}`, { cookie: admin.cookie }), {
      id: leader.id,
    });
    expect(page.data.twoFactor).toBe("on");

    const noReason = await call(
      adminUser.action,
      makeRequest(`/admin/users/${leader.id}`, {
        cookie: admin.cookie,
        form: { intent: "reset-two-factor", reason: "" },
      }),
      { id: leader.id },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toMatch(/Vui lòng nhập/);

    const reset = await call(
      adminUser.action,
      makeRequest(`/admin/users/${leader.id}`, {
        cookie: admin.cookie,
        form: { intent: "reset-two-factor", reason: "Mất điện thoại, đã xác minh qua điện thoại bàn" },
      }),
      { id: leader.id },
    );
    expect(reset.status).toBe(302);
    expect(
      await db().selectFrom("user_two_factor").select("user_id").where("user_id", "=", leader.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await db().selectFrom("two_factor_recovery_codes").select("id").where("user_id", "=", leader.id).execute(),
    ).toEqual([]);
    const audit = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", leader.id)
      .where("action", "=", "two_factor.reset")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
    expect(audit.reason).toBe("Mất điện thoại, đã xác minh qua điện thoại bàn");
    // Signed out; at the next login the password gives a session that can only enrol.
    expect((await call(home.loader, makeRequest("/home", { cookie: leader.cookie }))).location).toMatch(/^\/login/);
    const { result } = await passwordStep(leader);
    const session = cookieNamed(result, "__session")!;
    expect((await call(home.loader, makeRequest("/home", { cookie: session }))).location).toMatch(
      /^\/account\/two-factor/,
    );

    const again = await call(
      adminUser.action,
      makeRequest(`/admin/users/${leader.id}`, {
        cookie: admin.cookie,
        form: { intent: "reset-two-factor", reason: "Lần nữa" },
      }),
      { id: leader.id },
    );
    expect(again.status).toBe(409);
  });
});
