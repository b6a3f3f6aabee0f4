/**
 * TRUST_PROXY and PUBLIC_URL read by the real server: the client's address and HTTPS come from the proxy's headers
 * only when the server was told a proxy stands in front, and a server that cannot build safe links refuses to start.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { suiteDatabase, suiteOnPostgres, withSuiteDatabase } from "../helpers/e2e-database";
import { exitOf, spawnPortal, startPortal, type Portal, type PortalOptions } from "../helpers/server";

const DEMO = { email: "admin@demo.quangngai.vn", password: "Demo@2026qn" };

/** `npm start` as an operator would run it, on the e2e database (already built, migrated and seeded). */
const onE2eDatabase = (env: Record<string, string>): PortalOptions => ({
  ...(suiteOnPostgres() ? { databaseUrl: suiteDatabase() } : { databasePath: suiteDatabase() }),
  env: { SKIP_BUILD: "1", WEB_CONCURRENCY: "1", PUBLIC_URL: undefined, ...env },
});

function login(baseURL: string, credentials: { email: string; password: string }, headers: Record<string, string>) {
  return fetch(`${baseURL}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(credentials).toString(),
    redirect: "manual",
  });
}

/** The address the server recorded for a failed login of a one-off e-mail. */
async function recordedIp(email: string): Promise<string | undefined> {
  const row = await withSuiteDatabase((db) =>
    db.selectFrom("login_attempts").select("ip").where("email", "=", email).executeTakeFirst(),
  );
  return row?.ip ?? undefined;
}

const oneOff = () => `proxy-${Math.random().toString(36).slice(2, 10)}@example.vn`;
const forwarded = { "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https" };

describe("behind one proxy (TRUST_PROXY=1, npm start with no other setting)", () => {
  let server: Portal;
  beforeAll(async () => {
    server = await startPortal(onE2eDatabase({ TRUST_PROXY: "1" }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("counts failed logins against the client's address the proxy forwarded", async () => {
    const email = oneOff();
    expect((await login(server.baseURL, { email, password: "sai-mat-khau-roi" }, forwarded)).status).toBe(401);
    expect(await recordedIp(email)).toBe("203.0.113.7");
  });

  it("marks the session cookie Secure when the proxy says the client came over HTTPS", async () => {
    const response = await login(server.baseURL, DEMO, forwarded);
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });
});

describe("with no proxy trusted (TRUST_PROXY unset)", () => {
  it("counts failed logins against the socket's address, whatever X-Forwarded-For a client writes", async () => {
    const email = oneOff();
    expect((await login(inject("baseURL"), { email, password: "sai-mat-khau-roi" }, forwarded)).status).toBe(401);
    expect(await recordedIp(email)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it("does not let a client claim HTTPS for the cookie", async () => {
    const response = await login(inject("baseURL"), DEMO, forwarded);
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });
});

describe("settings the server refuses to start with", () => {
  it("refuses TRUST_PROXY=true and says what to set instead", async () => {
    const { code, output } = await exitOf(await spawnPortal(onE2eDatabase({ TRUST_PROXY: "true" })));
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: TRUST_PROXY=true .*TRUST_PROXY=1.*loopback/s);
  });

  it("refuses NODE_ENV=production without PUBLIC_URL", async () => {
    const { code, output } = await exitOf(await spawnPortal(onE2eDatabase({ NODE_ENV: "production" })));
    expect(code).toBe(1);
    expect(output).toContain("PUBLIC_URL must be set when NODE_ENV=production");
  });
});
