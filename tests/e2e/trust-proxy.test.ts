/**
 * TRUST_PROXY and PUBLIC_URL read by the real server: the client's address and HTTPS come from the proxy's headers
 * only when the server was told a proxy stands in front, and a server that cannot build safe links refuses to start.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, isHealthy, stopServer } from "./global-setup";

const root = process.cwd();
const DEMO = { email: "admin@demo.quangngai.vn", password: "Demo@2026qn" };

/** `npm start` as an operator would run it, on the e2e database (already built, migrated and seeded). */
function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const base: Record<string, string | undefined> = { ...process.env, HOST: "127.0.0.1", DATABASE_PATH: inject("databasePath"), LOG_REQUESTS: "0", SCHEDULED_JOBS: "0", SKIP_BUILD: "1", WEB_CONCURRENCY: "1" };
  for (const name of ["NODE_ENV", "PUBLIC_URL", "TRUST_PROXY", "SESSION_SECRET", "SMTP_URL"]) delete base[name];
  const child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "app/server.ts"], {
    cwd: root,
    env: { ...base, ...env } as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return { child, output: () => output };
}

async function startedServer(env: Record<string, string>) {
  const port = await freePort();
  const server = startServer({ ...env, PORT: String(port) });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await isHealthy(baseURL))) {
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`the server did not start:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { ...server, baseURL };
}

function exitOf(server: { child: ChildProcess; output: () => string }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => server.child.once("exit", (code) => resolve({ code, output: server.output() })));
}

function login(baseURL: string, credentials: { email: string; password: string }, headers: Record<string, string>) {
  return fetch(`${baseURL}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(credentials).toString(),
    redirect: "manual",
  });
}

/** The address the server recorded for a failed login of a one-off e-mail. */
function recordedIp(email: string): string | undefined {
  const db = new SQLite(inject("databasePath"), { readonly: true });
  try {
    return (db.prepare("select ip from login_attempts where email = ?").get(email) as { ip: string } | undefined)?.ip;
  } finally {
    db.close();
  }
}

const oneOff = () => `proxy-${Math.random().toString(36).slice(2, 10)}@example.vn`;
const forwarded = { "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https" };

describe("behind one proxy (TRUST_PROXY=1, npm start with no other setting)", () => {
  let server: Awaited<ReturnType<typeof startedServer>>;
  beforeAll(async () => {
    server = await startedServer({ TRUST_PROXY: "1" });
  });
  afterAll(async () => {
    if (server) await stopServer(server.child);
  });

  it("counts failed logins against the client's address the proxy forwarded", async () => {
    const email = oneOff();
    expect((await login(server.baseURL, { email, password: "sai-mat-khau-roi" }, forwarded)).status).toBe(401);
    expect(recordedIp(email)).toBe("203.0.113.7");
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
    expect(recordedIp(email)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it("does not let a client claim HTTPS for the cookie", async () => {
    const response = await login(inject("baseURL"), DEMO, forwarded);
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });
});

describe("settings the server refuses to start with", () => {
  it("refuses TRUST_PROXY=true and says what to set instead", async () => {
    const { code, output } = await exitOf(startServer({ TRUST_PROXY: "true", PORT: String(await freePort()) }));
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: TRUST_PROXY=true .*TRUST_PROXY=1.*loopback/s);
  });

  it("refuses NODE_ENV=production without PUBLIC_URL", async () => {
    const { code, output } = await exitOf(startServer({ NODE_ENV: "production", PORT: String(await freePort()) }));
    expect(code).toBe(1);
    expect(output).toContain("PUBLIC_URL must be set when NODE_ENV=production");
  });
});
