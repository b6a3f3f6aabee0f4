import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ownDatabase } from "../helpers/e2e-database";
import { startPortal, type Portal } from "../helpers/server";

// What a reverse proxy, a monitor and an administrator reading the logs rely on, over real HTTP.
describe("readiness and request ids on the production server", () => {
  const baseURL = inject("baseURL");

  it("answers /healthz and /readyz with its checks", async () => {
    expect((await fetch(`${baseURL}/healthz`)).status).toBe(200);
    const ready = await fetch(`${baseURL}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ok",
      checks: { database: { ok: true }, migrations: { ok: true, pending: [] }, disk: { ok: true } },
    });
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
  let server: Portal;

  beforeAll(async () => {
    server = await startPortal({
      ...(await ownDatabase()),
      env: {
        NODE_ENV: "test",
        PORTAL_TEST_ROUTES: "1",
        WEB_CONCURRENCY: "1",
        LOG_FORMAT: "json",
        LOG_REQUESTS: "1",
        SKIP_BUILD: "1",
      },
    }); // the global setup has just built it
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  });

  it("shows the same Mã lỗi as the X-Request-Id header, and the server's error line names it", async () => {
    const response = await fetch(`${server.baseURL}/test-only/crash?token=do-not-log-me`);
    expect(response.status).toBe(500);
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const html = await response.text();
    expect(html).toContain(`Mã lỗi: ${id}`);
    expect(html).not.toContain("Lỗi thử nghiệm"); // no error text or stack for the user
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "error", request_id: id, msg: expect.stringContaining("Lỗi thử nghiệm") }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "info", request_id: id, status: 500, path: "/test-only/crash?token=[removed]" }),
    );
    expect(server.output()).not.toContain("do-not-log-me");
  });

  it("shows no Mã lỗi for a page that is not found", async () => {
    const response = await fetch(`${server.baseURL}/khong-co-trang-nay`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("Mã lỗi");
  });
});
