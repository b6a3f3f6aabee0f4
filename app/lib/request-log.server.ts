/**
 * One structured line per request, and the request id that ties a user's "mã lỗi" to the server's log:
 * random, or taken from a trusted proxy's X-Request-Id, set on the response and in the load context.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { requestContext, type RequestContext } from "./request-context.server";

export const REQUEST_ID_HEADER = "X-Request-Id";

/** 12 hex characters: short enough to read over the phone, unique enough to find one request in the logs. */
export function newRequestId(): string {
  return randomBytes(6).toString("hex");
}

/** A proxy's id is taken only when the proxy is trusted (TRUST_PROXY) and the id is plain and short. */
export function acceptedRequestId(incoming: string | undefined, trusted: boolean): string {
  return trusted && incoming && /^[A-Za-z0-9._:-]{6,100}$/.test(incoming) ? incoming : newRequestId();
}

const SECRET_PARAMS = /^(token|.*[_-]token|secret|password|code_verifier)$/i;

/** The path and query with the values of secret parameters (reset and invitation tokens) removed. */
export function withoutSecrets(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const params = url
    .slice(at + 1)
    .split("&")
    .map((pair) => {
      const name = pair.split("=")[0];
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as it came.
      }
      return SECRET_PARAMS.test(decoded) ? `${name}=[removed]` : pair;
    });
  return `${url.slice(0, at)}?${params.join("&")}`;
}

export type RequestLogEntry = {
  time: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  bytes: number;
  userId: string | null;
  ip: string;
};

export type LogFormat = "json" | "text";

export function logFormat(env: Record<string, string | undefined> = process.env): LogFormat {
  return env.LOG_FORMAT === "json" ? "json" : "text";
}

export function formatRequestLog(entry: RequestLogEntry, format: LogFormat): string {
  const path = withoutSecrets(entry.path);
  const duration = Math.round(entry.durationMs * 10) / 10;
  if (format === "json") {
    return JSON.stringify({
      time: entry.time,
      level: "info",
      msg: "request",
      request_id: entry.requestId,
      method: entry.method,
      path,
      status: entry.status,
      duration_ms: duration,
      bytes: entry.bytes,
      user_id: entry.userId,
      ip: entry.ip,
    });
  }
  return `${entry.time} ${entry.requestId} ${entry.ip} ${entry.method} ${path} ${entry.status} ${entry.bytes}B ${duration}ms user=${entry.userId ?? "-"}`;
}

/** The server's line for an unexpected error, with the request id staff will quote. */
export function formatErrorLog(
  input: { time: string; requestId: string | null; method: string; url: string; error: unknown },
  format: LogFormat,
): string {
  const error = input.error instanceof Error ? input.error : new Error(String(input.error));
  let path = input.url;
  try {
    const url = new URL(input.url);
    path = url.pathname + url.search;
  } catch {
    // Already a path.
  }
  path = withoutSecrets(path);
  if (format === "json") {
    return JSON.stringify({
      time: input.time,
      level: "error",
      msg: error.message,
      request_id: input.requestId,
      method: input.method,
      path,
      stack: error.stack,
    });
  }
  return `${input.time} ${input.requestId ?? "-"} ERROR ${input.method} ${path}: ${error.stack ?? error.message}`;
}

/**
 * Express middleware: gives the request its id (response header, res.locals.requestId, the request
 * context), counts the bytes sent, and writes the line when the response has finished. Placed before
 * compression, it counts the bytes on the wire.
 */
export function requestIdAndLog(options: {
  log: boolean;
  format: LogFormat;
  trustIncomingId: boolean;
  write?: (line: string) => void;
}) {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const context: RequestContext = {
      requestId: acceptedRequestId(req.get(REQUEST_ID_HEADER), options.trustIncomingId),
      userId: null,
    };
    res.locals.requestId = context.requestId;
    res.setHeader(REQUEST_ID_HEADER, context.requestId);
    if (options.log) {
      let bytes = 0;
      const count = (chunk: unknown, encoding?: unknown) => {
        if (typeof chunk === "string")
          bytes += Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
        else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
      };
      const originalWrite = res.write;
      const originalEnd = res.end;
      res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
        count(chunk, rest[0]);
        return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as Response["write"];
      res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
        if (chunk && typeof chunk !== "function") count(chunk, rest[0]);
        return (originalEnd as (...args: unknown[]) => Response).call(this, chunk, ...rest);
      } as Response["end"];
      res.once("close", () => {
        write(
          formatRequestLog(
            {
              time: new Date().toISOString(),
              requestId: context.requestId,
              method: req.method,
              path: req.originalUrl,
              status: res.statusCode,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              bytes,
              userId: context.userId,
              ip: req.ip ?? "unknown",
            },
            options.format,
          ),
        );
      });
    }
    requestContext.run(context, next);
  };
}
