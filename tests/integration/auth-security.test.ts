/**
 * The findings of the security review of accounts, each as the rule it broke: login throttling under bursts,
 * links from configuration, redirects after login, reset tokens, and throttled e-mail-sending forms.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { changePassword, requestPasswordReset } from "../../app/modules/accounts/commands.server";
import { purgeThrottleRows } from "../../app/modules/accounts/throttle.server";
import { getDb } from "../../app/lib/db.server";
import { translator } from "../../app/i18n";
import * as account from "../../app/routes/account";
import * as forgot from "../../app/routes/forgot-password";
import * as login from "../../app/routes/login";
import * as register from "../../app/routes/register";
import * as reset from "../../app/routes/reset-password";
import {
  call,
  countRows,
  createUser,
  makeRequest,
  TEST_PASSWORD,
  testContext,
  type RouteResult,
} from "../helpers/fixtures";

const PUBLIC_URL = "https://doimoisangtao.quangngai.gov.vn";

beforeEach(() => {
  vi.stubEnv("PUBLIC_URL", PUBLIC_URL);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A request as Express hands it to Remix when a client forges the Host header (the URL is built from it). */
function forgedHostRequest(path: string, form: Record<string, string>): Request {
  return new Request(`http://evil.example${path}`, {
    method: "POST",
    headers: { Host: "evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

/** Calls an action as if from another address (the per-IP counters). */
function callFrom(ip: string, fn: Parameters<typeof call>[0], request: Request): Promise<RouteResult> {
  return call((args) => fn({ ...args, context: { ...testContext, clientIp: ip } }), request);
}

// A new address for every call: two tests that drew the same random address shared a throttle window.
let nextAddress = 0;
const ip = () => {
  nextAddress++;
  return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
};

async function mailsTo(address: string) {
  return getDb()
    .selectFrom("outbox_messages")
    .selectAll()
    .where("to_address", "=", address)
    .orderBy("created_at")
    .execute();
}

function tokenIn(text: string): string {
  const token = /token=([\w-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no token in: ${text}`);
  return token;
}

async function askReset(email: string, from = ip()) {
  return callFrom(from, forgot.action, makeRequest("/forgot-password", { form: { email } }));
}

async function resetWith(token: string, password: string) {
  return call(reset.action, makeRequest("/reset-password", { form: { token, password, confirmPassword: password } }));
}

describe("login throttle under a burst", () => {
  it("checks at most 5 passwords of 25 sent at once, and refuses the right one sent beyond the limit", async () => {
    const user = await createUser("applicant");
    const from = ip();
    const passwords = [...Array.from({ length: 24 }, (_, i) => `sai-mat-khau-${i}`), TEST_PASSWORD];
    const results = await Promise.all(
      passwords.map((password) =>
        callFrom(from, login.action, makeRequest("/login", { form: { email: user.email, password } })),
      ),
    );
    const evaluated = results.filter((result) => result.status !== 429);
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(results.at(-1)!.status).toBe(429);
    const sessions = await getDb().selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1); // only the fixture's own
  });

  it("lets no burst waste the allowance: of 24 wrong passwords sent at once exactly 5 are checked, and the right one sent next is refused", async () => {
    const user = await createUser("applicant");
    const from = ip();
    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        callFrom(
          from,
          login.action,
          makeRequest("/login", { form: { email: user.email, password: `sai-dong-loat-${i}` } }),
        ),
      ),
    );
    expect(burst.filter((result) => result.status !== 429)).toHaveLength(5);
    const right = await callFrom(
      from,
      login.action,
      makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } }),
    );
    expect(right.status).toBe(429);
  });

  it("still lets the owner in after a few failures, and records the success", async () => {
    const user = await createUser("applicant");
    for (let i = 0; i < 3; i++)
      await call(login.action, makeRequest("/login", { form: { email: user.email, password: `sai-${i}-mat-khau` } }));
    const result = await call(
      login.action,
      makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } }),
    );
    expect(result.status).toBe(302);
    const attempts = await getDb()
      .selectFrom("login_attempts")
      .select("succeeded")
      .where("email", "=", user.email)
      .execute();
    expect(attempts.map((a) => a.succeeded).sort()).toEqual([0, 0, 0, 1]);
  });

  it("does not count refused attempts, so a lock ends when the window passes the evaluated failures", async () => {
    const user = await createUser("applicant");
    for (let i = 0; i < 5; i++)
      await call(login.action, makeRequest("/login", { form: { email: user.email, password: `sai-${i}-mat-khau` } }));
    for (let i = 0; i < 3; i++)
      expect(
        (await call(login.action, makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } })))
          .status,
      ).toBe(429);
    expect(
      await getDb().selectFrom("login_attempts").select("id").where("email", "=", user.email).execute(),
    ).toHaveLength(5);
  });
});

describe("links in e-mails come from PUBLIC_URL, never from the Host header", () => {
  it("sends a reset link to the configured address when the request forged its Host", async () => {
    const user = await createUser("applicant");
    const result = await call(forgot.action, forgedHostRequest("/forgot-password", { email: user.email }));
    expect(result.status).toBe(200);
    const [mail] = await mailsTo(user.email);
    expect(mail.text_body).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(mail.text_body).not.toContain("evil.example");
  });

  it("sends the welcome e-mail's login link to the configured address", async () => {
    const email = `moi-${Math.random().toString(36).slice(2, 8)}@example.vn`;
    const form = {
      fullName: "Trần Văn Bình",
      email,
      organisationKind: "startup_team",
      organisationName: "Nhóm Mía Sơn Hà",
      password: "mat-khau-du-dai",
      confirmPassword: "mat-khau-du-dai",
      consent: "on",
    };
    const result = await call(register.action, forgedHostRequest("/register", form));
    expect(result.status).toBe(302);
    const [mail] = await mailsTo(email);
    expect(mail.text_body).toContain(`${PUBLIC_URL}/login`);
    expect(mail.text_body).not.toContain("evil.example");
  });
});

describe("redirect after login", () => {
  it.each([
    ["a newline", "/home\r\nSet-Cookie: x=1"],
    ["a tab before a second slash", "/\t/evil.example/phish"],
    ["a backslash", "/\\evil.example"],
  ])("answers a login whose redirectTo holds %s with a 302 to /home, not a 500", async (_name, redirectTo) => {
    const user = await createUser("applicant");
    const result = await call(
      login.action,
      makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD, redirectTo } }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe("/home");
  });

  it("keeps a path of this site with its query", async () => {
    const user = await createUser("staff");
    const result = await call(
      login.action,
      makeRequest("/login", {
        form: {
          email: user.email,
          password: TEST_PASSWORD,
          redirectTo: "/organisations?q=t%E1%BB%8Fi%20%C4%91en&page=2",
        },
      }),
    );
    expect(result.location).toBe("/organisations?q=t%E1%BB%8Fi%20%C4%91en&page=2");
  });
});

describe("reset tokens", () => {
  it("refuses an older link once a newer one was used", async () => {
    const user = await createUser("applicant");
    await askReset(user.email);
    await askReset(user.email);
    const [older, newer] = (await mailsTo(user.email)).map((mail) => tokenIn(mail.text_body));
    expect((await resetWith(newer, "mat-khau-moi-123")).status).toBe(302);
    const stale = await resetWith(older, "mat-khau-cua-ke-gian");
    expect(stale.status).toBe(400);
    expect((await call(reset.loader, makeRequest(`/reset-password?token=${older}`))).data.token).toBeNull();
  });

  it("sets the password once when two links of the user are used at the same moment", async () => {
    const user = await createUser("applicant");
    await askReset(user.email);
    await askReset(user.email);
    const tokens = (await mailsTo(user.email)).map((mail) => tokenIn(mail.text_body));
    const results = await Promise.all(tokens.map((token, i) => resetWith(token, `mat-khau-song-song-${i}`)));
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
  });

  it("refuses every outstanding link once the password is changed from the account page", async () => {
    const user = await createUser("staff");
    await askReset(user.email);
    const [mail] = await mailsTo(user.email);
    const changed = await call(
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
    expect(changed.status).toBe(302);
    expect((await resetWith(tokenIn(mail.text_body), "mat-khau-cua-ke-gian")).status).toBe(400);
  });

  it("refuses the links of an account an admin disabled", async () => {
    const { updateUserAccess } = await import("../../app/modules/accounts/commands.server");
    const admin = await createUser("admin");
    const user = await createUser("applicant");
    await askReset(user.email);
    const [mail] = await mailsTo(user.email);
    await updateUserAccess(
      getDb(),
      { id: admin.id, email: admin.email, fullName: "Quản trị", role: "admin", sessionId: "x" },
      user.id,
      { role: "applicant", status: "disabled" },
      "127.0.0.1",
    );
    expect((await resetWith(tokenIn(mail.text_body), "mat-khau-cua-ke-gian")).status).toBe(400);
  });

  it("keeps changePassword's rule in the command, whoever calls it", async () => {
    const user = await createUser("judge");
    await requestPasswordReset(getDb(), user.email, { ip: "127.0.0.1", t: translator("vi") });
    const [mail] = await mailsTo(user.email);
    await changePassword(
      getDb(),
      { id: user.id, email: user.email, fullName: "Giám khảo", role: "judge", sessionId: "x" },
      { currentPassword: TEST_PASSWORD, password: "mat-khau-moi-789" },
      "127.0.0.1",
    );
    expect((await resetWith(tokenIn(mail.text_body), "mat-khau-cua-ke-gian")).status).toBe(400);
  });
});

describe("forms that send e-mail without a login are throttled", () => {
  it("sends at most 3 reset links to one address in an hour, then answers 429 in Vietnamese and sends nothing", async () => {
    const user = await createUser("applicant");
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await askReset(user.email));
    expect(results.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.slice(3).every((r) => r.status === 429)).toBe(true);
    expect(results[3].data.errors._form).toMatch(/quá nhiều yêu cầu gửi thư/);
    expect(await mailsTo(user.email)).toHaveLength(3);
  });

  it("throttles an unknown address the same way, so the answers never tell whether an account exists", async () => {
    const known = await createUser("applicant");
    const unknown = `khong-co-${Math.random().toString(36).slice(2, 8)}@example.vn`;
    const answers = async (email: string) => {
      const out = [];
      for (let i = 0; i < 4; i++) {
        const result = await askReset(email);
        out.push({ status: result.status, ok: result.data.ok, errors: result.data.errors });
      }
      return out;
    };
    expect(await answers(unknown)).toEqual(await answers(known.email));
  });

  it("sends at most 10 reset links from one address in an hour, whatever e-mails it asks for", async () => {
    const from = ip();
    const users = await Promise.all(Array.from({ length: 12 }, () => createUser("applicant")));
    const before = await countRows("outbox_messages");
    const statuses = [];
    for (const user of users) statuses.push((await askReset(user.email, from)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await countRows("outbox_messages")) - before).toBe(10);
  });

  it("holds the limit when 20 requests for one address arrive at once", async () => {
    const user = await createUser("applicant");
    const results = await Promise.all(Array.from({ length: 20 }, () => askReset(user.email)));
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(3);
    expect((await mailsTo(user.email)).length).toBeLessThanOrEqual(3);
  });

  it("registers at most 20 accounts from one address in an hour, then answers 429 and writes nothing", async () => {
    const from = ip();
    const statuses = [];
    for (let i = 0; i < 21; i++) {
      const form = {
        fullName: "Lê Thị Hoa",
        email: `dk-${i}-${Math.random().toString(36).slice(2, 8)}@example.vn`,
        organisationKind: "startup_team",
        organisationName: `Nhóm ${i}`,
        password: "mat-khau-du-dai",
        confirmPassword: "mat-khau-du-dai",
        consent: "on",
      };
      const result = await callFrom(from, register.action, makeRequest("/register", { form }));
      statuses.push(result.status);
      if (i === 20) {
        expect(result.data.errors._form).toMatch(/quá nhiều yêu cầu gửi thư/);
        expect(await mailsTo(form.email)).toHaveLength(0);
        expect(await getDb().selectFrom("users").select("id").where("email", "=", form.email).execute()).toHaveLength(
          0,
        );
      }
    }
    expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("keeps the counters in the database, where a second server process sees them", async () => {
    const user = await createUser("applicant");
    for (let i = 0; i < 3; i++) await askReset(user.email);
    const rows = await getDb()
      .selectFrom("mail_requests")
      .select(["action", "email"])
      .where("email", "=", user.email)
      .execute();
    expect(rows).toEqual(Array.from({ length: 3 }, () => ({ action: "password_reset", email: user.email })));
  });
});

describe("the throttles' rows", () => {
  it("are removed by the hourly job once a day old, and kept until then", async () => {
    const db = getDb();
    const now = "2026-12-02T10:00:00.000Z";
    const at = (hoursAgo: number) => new Date(Date.parse(now) - hoursAgo * 3_600_000).toISOString();
    await db
      .insertInto("login_attempts")
      .values([
        { email: "old-purge@example.vn", ip: "10.9.9.1", succeeded: 0, created_at: at(25) },
        { email: "kept-purge@example.vn", ip: "10.9.9.1", succeeded: 0, created_at: at(23) },
      ])
      .execute();
    await db
      .insertInto("mail_requests")
      .values([
        { action: "password_reset", email: "old-purge@example.vn", ip: "10.9.9.1", created_at: at(48) },
        { action: "password_reset", email: "kept-purge@example.vn", ip: "10.9.9.1", created_at: at(1) },
      ])
      .execute();
    const purged = await purgeThrottleRows(db, now);
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = async (table: "login_attempts" | "mail_requests") =>
      (
        await db
          .selectFrom(table)
          .select("email")
          .where("email", "in", ["old-purge@example.vn", "kept-purge@example.vn"])
          .execute()
      ).map((r) => r.email);
    expect(await left("login_attempts")).toEqual(["kept-purge@example.vn"]);
    expect(await left("mail_requests")).toEqual(["kept-purge@example.vn"]);
  });
});
