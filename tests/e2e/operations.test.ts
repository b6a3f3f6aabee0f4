import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// What a reverse proxy, a monitor and an administrator reading the logs rely on, over real HTTP.
describe("readiness and request ids on the production server", () => {
  const baseURL = inject("baseURL");

  it("answers /healthz and /readyz with its checks", async () => {
    expect((await fetch(`${baseURL}/healthz`)).status).toBe(200);
    const ready = await fetch(`${baseURL}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ok", checks: { database: { ok: true }, migrations: { ok: true, pending: [] }, disk: { ok: true } } });
  });

  it("gives every response its own request id, and ignores one sent by a client when no proxy is trusted", async () => {
    const first = await fetch(`${baseURL}/`, { headers: { "X-Request-Id": "forged-by-client" } });
    const second = await fetch(`${baseURL}/`);
    const ids = [first.headers.get("x-request-id"), second.headers.get("x-request-id")];
    expect(ids[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(ids[1]).toMatch(/^[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

// A page that fails needs a server started with the test-only route enabled (never in production).
describe("the error page a user sees", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-ops-"));
  let child: ChildProcess;
  let output = "";
  let base = "";

  beforeAll(async () => {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = net.createServer();
      probe.on("error", reject);
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    base = `http://127.0.0.1:${port}`;
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: "test",
      PORTAL_TEST_ROUTES: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: path.join(dir, "portal.db"),
      WEB_CONCURRENCY: "1",
      SCHEDULED_JOBS: "0",
      LOG_FORMAT: "json",
      SKIP_BUILD: "1", // the global setup has just built it
    };
    delete env.SMTP_URL;
    child = spawn(process.execPath, [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), "app/server.ts"], { env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The server stopped:\n${output}`);
      try {
        if ((await fetch(`${base}/healthz`)).status === 200) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`The server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("shows the same Mã lỗi as the X-Request-Id header, and the server's error line names it", async () => {
    const response = await fetch(`${base}/test-only/crash?token=do-not-log-me`);
    expect(response.status).toBe(500);
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const html = await response.text();
    expect(html).toContain(`Mã lỗi: ${id}`);
    expect(html).not.toContain("Lỗi thử nghiệm"); // no error text or stack for the user
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: "error", request_id: id, msg: expect.stringContaining("Lỗi thử nghiệm") }));
    expect(lines).toContainEqual(expect.objectContaining({ level: "info", request_id: id, status: 500, path: "/test-only/crash?token=[removed]" }));
    expect(output).not.toContain("do-not-log-me");
  });

  it("shows no Mã lỗi for a page that is not found", async () => {
    const response = await fetch(`${base}/khong-co-trang-nay`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("Mã lỗi");
  });
});
