import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { noteRequestUser } from "../../app/lib/request-context.server";
import {
  acceptedRequestId,
  formatErrorLog,
  formatRequestLog,
  requestIdAndLog,
  withoutSecrets,
  type LogFormat,
} from "../../app/lib/request-log.server";

const entry = {
  time: "2026-12-01T20:00:00.000Z",
  requestId: "3f9a0c12be45",
  method: "GET",
  path: "/reset-password?token=s3cr3t-value&lang=vi",
  status: 200,
  durationMs: 12.345,
  bytes: 5120,
  userId: "u-1",
  ip: "203.113.1.2",
};

describe("request log lines", () => {
  it("removes the values of token parameters from the logged path, and keeps the others", () => {
    expect(withoutSecrets("/reset-password?token=abc123")).toBe("/reset-password?token=[removed]");
    expect(withoutSecrets("/accept?invite_token=x&page=2&Token=y")).toBe(
      "/accept?invite_token=[removed]&page=2&Token=[removed]",
    );
    expect(withoutSecrets("/organisations?q=token&page=2")).toBe("/organisations?q=token&page=2");
    expect(withoutSecrets("/verify/ABC")).toBe("/verify/ABC");
  });

  it("writes one JSON object per request with LOG_FORMAT=json", () => {
    expect(JSON.parse(formatRequestLog(entry, "json"))).toEqual({
      time: "2026-12-01T20:00:00.000Z",
      level: "info",
      msg: "request",
      request_id: "3f9a0c12be45",
      method: "GET",
      path: "/reset-password?token=[removed]&lang=vi",
      status: 200,
      duration_ms: 12.3,
      bytes: 5120,
      user_id: "u-1",
      ip: "203.113.1.2",
    });
  });

  it("writes a readable line otherwise, with no secret in it", () => {
    const line = formatRequestLog({ ...entry, userId: null }, "text");
    expect(line).toBe(
      "2026-12-01T20:00:00.000Z 3f9a0c12be45 203.113.1.2 GET /reset-password?token=[removed]&lang=vi 200 5120B 12.3ms user=-",
    );
    expect(line).not.toContain("s3cr3t");
  });

  it("names the request id in the error line", () => {
    const line = formatErrorLog(
      {
        time: entry.time,
        requestId: "3f9a0c12be45",
        method: "POST",
        url: "http://localhost/reset-password?token=abc",
        error: new Error("boom"),
      },
      "json",
    );
    expect(JSON.parse(line)).toMatchObject({
      level: "error",
      msg: "boom",
      request_id: "3f9a0c12be45",
      path: "/reset-password?token=[removed]",
    });
  });

  it("takes an incoming X-Request-Id only from a trusted proxy, and only a plain one", () => {
    expect(acceptedRequestId("proxy-id-123456", true)).toBe("proxy-id-123456");
    expect(acceptedRequestId("proxy-id-123456", false)).toMatch(/^[0-9a-f]{12}$/);
    expect(acceptedRequestId("bad id\nInjected: yes", true)).toMatch(/^[0-9a-f]{12}$/);
    expect(acceptedRequestId(undefined, true)).toMatch(/^[0-9a-f]{12}$/);
  });
});

async function serve(format: LogFormat, trustIncomingId: boolean) {
  const lines: string[] = [];
  const app = express();
  app.use(requestIdAndLog({ log: true, format, trustIncomingId, write: (line) => lines.push(line) }));
  app.get("/page", (_req, res) => {
    // Later in the request, as getUser does once it has read the session.
    setTimeout(() => {
      noteRequestUser("user-42");
      res.status(201).send("xin chào");
    }, 5);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, lines, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("the request log middleware", () => {
  it("sets the request id header and logs the request with its user, status and bytes", async () => {
    const { base, lines, close } = await serve("json", false);
    try {
      const response = await fetch(`${base}/page?token=abc&x=1`, { headers: { "X-Request-Id": "from-the-client-1" } });
      expect(response.status).toBe(201);
      await response.text();
      const id = response.headers.get("X-Request-Id")!;
      expect(id).toMatch(/^[0-9a-f]{12}$/);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
        request_id: id,
        method: "GET",
        path: "/page?token=[removed]&x=1",
        status: 201,
        bytes: Buffer.byteLength("xin chào"),
        user_id: "user-42",
        ip: "127.0.0.1",
      });
    } finally {
      await close();
    }
  });

  it("keeps a trusted proxy's request id", async () => {
    const { base, lines, close } = await serve("text", true);
    try {
      const response = await fetch(`${base}/page`, { headers: { "X-Request-Id": "proxy-req-000123" } });
      await response.text();
      expect(response.headers.get("X-Request-Id")).toBe("proxy-req-000123");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines[0]).toContain(" proxy-req-000123 ");
    } finally {
      await close();
    }
  });
});

describe("the server's error hook", () => {
  const args = (url: string) =>
    ({
      request: new Request(url),
      context: { cspNonce: "n", clientIp: "127.0.0.1", requestId: "abc123" },
      params: {},
    }) as never;

  it("logs a fault as an error line with the request id, and a page that does not exist not at all", async () => {
    const { handleError } = await import("../../app/entry.server");
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: unknown) => void lines.push(String(line));
    try {
      handleError(
        {
          status: 404,
          statusText: "Not Found",
          internal: true,
          data: 'Error: No route matches URL "/khong-co-trang-nay"',
        },
        args("http://localhost/khong-co-trang-nay"),
      );
      expect(lines).toEqual([]);
      handleError(new Error("a real fault"), args("http://localhost/staff"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/abc123/);
      expect(lines[0]).toMatch(/a real fault/);
    } finally {
      console.error = original;
    }
  });
});
