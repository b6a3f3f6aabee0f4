/**
 * Property-based fuzzing of every route: generated hostile values (empty, oversized, wrong types, control
 * characters, script tags, malformed multipart, wrong content types) posted to every action and sent as query
 * strings to every loader, as every role, against the demo data. Two properties hold for every request:
 * - the answer is never a 5xx (a thrown non-Response is a 500);
 * - when the answer is 4xx, the database is unchanged (apart from the tables that record attempts).
 *
 * Bounded for CI (FUZZ_RUNS per route, role and method; default 3); `FUZZ_RUNS=50 FUZZ_SEED=… npx vitest run
 * tests/integration/fuzz.test.ts` explores further (FUZZ_DEBUG=1 prints every request). The seed is fixed by default so a
 * failure reproduces.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { sessionCookieHeaderFor } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { DATASET_KEYS } from "../../app/modules/reports/catalogue";
import type { UserRole } from "../../db/types";
import { seedDemoData } from "../../db/seed";
import { testContext } from "../helpers/fixtures";
import { tableNames as listTables, writeCounter } from "../helpers/schema";

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ROUTES_DIR = path.join(process.cwd(), "app", "routes");
const ROLES: Array<UserRole | "anonymous"> = [
  "anonymous",
  "applicant",
  "judge",
  "staff",
  "leader",
  "incubator_manager",
  "admin",
];

/** Tables a refused request may still write: they record the attempt itself (throttles, login challenges, e-mail requests). */
const ATTEMPT_TABLES = /attempt|throttle|rate_limit|challenge|request_log|mail_requests/;
/** Audit lines that record a refused attempt (a wrong two-factor code): written by the refusal itself, on purpose. */
const ATTEMPT_AUDIT = /_failed$/;

type RouteModule = { loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown };
type Route = { file: string; module: RouteModule; params: string[]; source: string };

const stats = { requests: 0, byStatus: new Map<number, number>(), fiveHundreds: 0, refusedWrites: 0 };
/** Every distinct failure (route, method, first line of the problem), with one request that shows it. */
const failures = new Map<string, string>();

/** Route file name → URL path and its dynamic segments (Remix v2 flat routes). */
function routePath(file: string): { path: string; params: string[] } {
  const base = file.replace(/\.tsx?$/, "");
  const segments: string[] = [];
  const params: string[] = [];
  for (const raw of base.split(/\.(?![^[]*\])/)) {
    if (raw === "_index" || raw.startsWith("_")) continue;
    const segment = raw.replace(/_$/, "").replace(/\[(.*?)\]/g, "$1");
    const name = /^\$(\w+)/.exec(segment)?.[1];
    if (name) {
      params.push(name);
      segments.push(`:${name}${segment.slice(name.length + 1)}`);
    } else segments.push(segment);
  }
  return { path: `/${segments.join("/")}`, params };
}

/** Real ids for a route's parameters, so that requests reach the code behind the lookups. */
const idPools = new Map<string, string[]>();
function tableFor(file: string, param: string): string | null {
  if (param === "roundId") return "competition_rounds";
  if (param === "entryId") return "competition_entries";
  if (param === "assignmentId") return "assignments";
  if (param === "awardId") return "prize_awards";
  if (param === "code") return "codes";
  if (param === "key") return "datasets";
  const rules: Array<[RegExp, string]> = [
    [/^organisations\./, "organisations"],
    [/^(staff\.)?competitions\./, "competition_editions"],
    [/^my\.entries\./, "competition_entries"],
    [/incubation\./, "incubation_records"],
    [/^staff\.incubators\./, "organisations"],
    [/^(sme\.dossiers|staff\.sme)\./, "support_dossiers"],
    [/^staff\.events\./, "connection_events"],
    [/^staff\.mous\./, "mous"],
    [/technology\.applications\./, "tech_applications"],
    [/^staff\.technology\.enterprises\./, "organisations"],
    [/^staff\.technology\.outreach\./, "tech_outreach_campaigns"],
    [/^staff\.reports\.drafts\./, "report_drafts"],
    [/^files\./, "attachments"],
    [/^admin\.users\./, "users"],
    [/^admin\.outbox\./, "outbox_messages"],
  ];
  return rules.find(([pattern]) => pattern.test(file))?.[1] ?? null;
}

async function loadPools(): Promise<void> {
  const db = getDb();
  const tables = [
    "competition_rounds",
    "competition_entries",
    "assignments",
    "prize_awards",
    "organisations",
    "competition_editions",
    "incubation_records",
    "support_dossiers",
    "connection_events",
    "mous",
    "tech_applications",
    "tech_outreach_campaigns",
    "report_drafts",
    "attachments",
    "users",
    "outbox_messages",
  ];
  for (const table of tables) {
    const rows = await sql<{ id: string }>`select id from ${sql.table(table)} order by id limit 40`.execute(db);
    idPools.set(
      table,
      rows.rows.map((row) => String(row.id)),
    );
  }
  const codes = await sql<{
    code: string;
  }>`select verification_code as code from prize_awards union all select verification_code as code from tech_certificates`.execute(
    db,
  );
  idPools.set(
    "codes",
    codes.rows.map((row) => row.code),
  );
  idPools.set("datasets", [...DATASET_KEYS]);
}

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE users; --",
  "\u202Egpj.exe",
  "a\u0000b",
  "%00",
  "../../etc/passwd",
  "1e309",
  "-1",
  "-0",
  "NaN",
  "Infinity",
  "0x1F",
  "2026-02-30",
  "9999-12-31T99:99",
  "０１２",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "1.500.000",
  "3,5",
  "  ",
  "\t\n",
  "x".repeat(70_000),
  "ế".repeat(25_000),
  "😀".repeat(300),
  "\r\nSet-Cookie: a=b",
  "/%09/evil.example/x",
  "//evil.example",
  "javascript:alert(1)",
];

const hostileValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);

function vocabulary(source: string): { fields: string[]; intents: string[] } {
  const fields = new Set<string>(["intent", "id", "reason", "note", "q", "page", "status", "year"]);
  for (const match of source.matchAll(/name[=:]\s*\{?["'`]([A-Za-z_][\w.[\]-]*)["'`]/g)) fields.add(match[1]);
  for (const match of source.matchAll(/form\.get(?:All)?\(["']([\w.[\]-]+)["']\)/g)) fields.add(match[1]);
  const intents = new Set<string>();
  for (const match of source.matchAll(/(?:intent\s*===\s*|case\s+|value=)["']([A-Za-z][\w-]*)["']/g))
    intents.add(match[1]);
  return { fields: [...fields], intents: [...intents] };
}

type Body = { kind: string; headers: Record<string, string>; body: string | undefined };

function multipart(
  fields: Array<[string, string]>,
  files: Array<{ name: string; filename: string; type: string; content: string }>,
  boundary: string,
): string {
  let out = "";
  for (const [name, value] of fields)
    out += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  for (const file of files)
    out += `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n${file.content}\r\n`;
  return `${out}--${boundary}--\r\n`;
}

function bodyArbitrary(fields: string[], intents: string[]): fc.Arbitrary<Body> {
  const pairs = fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...fields) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
      hostileValue,
    ),
    { maxLength: 12 },
  );
  const intent = intents.length
    ? fc.option(fc.constantFrom(...intents), { nil: undefined, freq: 4 })
    : fc.constant(undefined);
  const withIntent = fc
    .tuple(pairs, intent)
    .map(([list, chosen]) => (chosen ? [["intent", chosen] as [string, string], ...list] : list));
  const urlencoded = withIntent.map(
    (list): Body => ({
      kind: "urlencoded",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(list).toString(),
    }),
  );
  const fileArb = fc.record({
    name: fc.constantFrom("file", "document", "files", "scan", "photo", "sheet"),
    filename: fc.constantFrom(
      "giấy phép (bản sao)=1.pdf",
      "Hop dong; ban sao.pdf",
      "\u202Efdp.exe",
      'a"b.pdf',
      "",
      "../../x.pdf",
      "danh-sach.xlsx",
      "x".repeat(300),
    ),
    type: fc.constantFrom(
      "application/pdf",
      "application/octet-stream",
      "text/html",
      "image/png",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    content: fc.constantFrom("%PDF-1.4\n%%EOF\n", "", "PK\u0003\u0004garbage", "<html><script>alert(1)</script>"),
  });
  const validMultipart = fc.tuple(withIntent, fc.array(fileArb, { maxLength: 2 })).map(([list, files]): Body => {
    const boundary = "----fuzzBoundary7MA4YWxk";
    return {
      kind: "multipart",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipart(list, files, boundary),
    };
  });
  const malformed = fc.constantFrom<Body>(
    {
      kind: "multipart-no-boundary",
      headers: { "Content-Type": "multipart/form-data" },
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
    },
    {
      kind: "multipart-truncated",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
    },
    {
      kind: "multipart-unclosed",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n',
    },
    {
      kind: "multipart-garbage",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: "\u0000\u0001garbage\r\n\r\n--y--",
    },
    {
      kind: "multipart-bad-header",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: "--x\r\nContent-Disposition: form-data; name\r\n\r\nb\r\n--x--\r\n",
    },
    { kind: "text", headers: { "Content-Type": "text/plain" }, body: "intent=save&name=x" },
    { kind: "json", headers: { "Content-Type": "application/json" }, body: '{"intent":"save","name":[1,2]}' },
    { kind: "json-broken", headers: { "Content-Type": "application/json" }, body: '{"intent":' },
    { kind: "no-type", headers: {}, body: "intent=save" },
    { kind: "empty", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "" },
    {
      kind: "bad-percent",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=%E0%A4%A&name=%",
    },
  );
  return fc.oneof(
    { weight: 5, arbitrary: urlencoded },
    { weight: 2, arbitrary: validMultipart },
    { weight: 2, arbitrary: malformed },
  );
}

/**
 * A fresh session of an active user of the role for every request: the fuzzer itself logs out, revokes sessions
 * and changes accounts as it goes, and each request must still be made as its role.
 */
async function cookieFor(role: UserRole | "anonymous"): Promise<string | undefined> {
  if (role === "anonymous") return undefined;
  const db = getDb();
  const user = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", role)
    .where("status", "=", "active")
    .orderBy("email")
    .executeTakeFirst();
  return user ? sessionCookieHeaderFor(db, user.id) : undefined;
}

let tableNames: string[] = [];
async function fingerprint(): Promise<Map<string, string>> {
  const db = getDb();
  const prints = new Map<string, string>();
  for (const table of tableNames) {
    if (ATTEMPT_TABLES.test(table)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    // The harness opens a session per request and reads touch them (last seen): what a refused request must not do is revoke one.
    const kept =
      table === "audit_events" ? rows.rows.filter((row) => !ATTEMPT_AUDIT.test(String(row.action))) : rows.rows;
    const relevant =
      table === "sessions"
        ? kept.filter((row) => row.revoked_at !== null).map((row) => String(row.id))
        : kept.map((row) => JSON.stringify(row));
    prints.set(table, `${relevant.length}:${relevant.sort().join("\n")}`);
  }
  return prints;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}

type Answer = { status: number; threw?: unknown };
async function invoke(
  fn: (args: unknown) => unknown,
  request: Request,
  params: Record<string, string>,
): Promise<Answer> {
  try {
    const outcome = await fn({ request, params, context: testContext });
    if (outcome instanceof Response) return { status: outcome.status };
    if (outcome && typeof outcome === "object" && (outcome as { type?: string }).type === "DataWithResponseInit") {
      return { status: (outcome as { init: ResponseInit | null }).init?.status ?? 200 };
    }
    return { status: 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    if (thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit") {
      return { status: (thrown as { init: ResponseInit | null }).init?.status ?? 500 };
    }
    return { status: 500, threw: thrown };
  }
}

const routes: Route[] = [];
/** Each route, role and method draws its own stream of values from the one seed. */
let streams = 0;
let snapshot = new Map<string, string>();

beforeAll(async () => {
  const db = getDb();
  await seedDemoData(db);
  tableNames = await listTables(db);
  await loadPools();
  for (const file of fs.readdirSync(ROUTES_DIR).sort()) {
    if (!/\.tsx?$/.test(file)) continue;
    const module = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as RouteModule;
    if (!module.loader && !module.action) continue;
    routes.push({
      file,
      module,
      params: routePath(file).params,
      source: fs.readFileSync(path.join(ROUTES_DIR, file), "utf8"),
    });
  }
  snapshot = await fingerprint();
}, 120_000);

function paramsArbitrary(route: Route): fc.Arbitrary<Record<string, string>> {
  const entries = route.params.map((param) => {
    const pool = idPools.get(tableFor(route.file, param) ?? "") ?? [];
    const value = pool.length
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...pool) },
          { weight: 1, arbitrary: fc.uuid() },
          { weight: 1, arbitrary: fc.constantFrom(...HOSTILE.slice(0, 20)) },
        )
      : fc.oneof(fc.uuid(), fc.constantFrom(...HOSTILE.slice(0, 20)));
    return [param, value] as const;
  });
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Record<string, string>>;
}

function urlFor(route: Route, params: Record<string, string>, query = ""): string {
  const pathname = routePath(route.file).path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? "x"),
  );
  return `http://localhost${pathname}${query}`;
}

function describeRequest(request: Request): string {
  return `${request.method} ${request.url} (${request.headers.get("Content-Type") ?? "no type"})`;
}

async function check(
  route: Route,
  role: string,
  method: "GET" | "POST",
  request: Request,
  params: Record<string, string>,
): Promise<void> {
  const fn = method === "GET" ? route.module.loader! : route.module.action!;
  const before = await writeCounter(getDb());
  const answer = await invoke(fn, request, params);
  stats.requests++;
  if (process.env.FUZZ_DEBUG) console.log(method, route.file, role, answer.status);
  stats.byStatus.set(answer.status, (stats.byStatus.get(answer.status) ?? 0) + 1);
  if (answer.status >= 500) {
    stats.fiveHundreds++;
    const detail = answer.threw instanceof Error ? (answer.threw.stack ?? answer.threw.message) : String(answer.threw);
    failures.set(
      `${method} ${route.file}: ${detail.split("\n")[0]}`,
      `as ${role}: ${describeRequest(request)}\n${detail.split("\n").slice(0, 6).join("\n")}`,
    );
    return;
  }
  if ((await writeCounter(getDb())) === before) return;
  const after = await fingerprint();
  if (answer.status >= 400) {
    const changed = changedTables(snapshot, after);
    if (changed.length) {
      stats.refusedWrites++;
      failures.set(
        `${method} ${route.file}: ${answer.status} but changed ${changed.join(", ")}`,
        `as ${role}: ${describeRequest(request)}`,
      );
    }
  }
  snapshot = after;
}

describe("every route under hostile input", () => {
  it("the harness itself flags a refused request that wrote and a request that crashed", async () => {
    const user = await getDb().selectFrom("users").select("id").orderBy("id").executeTakeFirstOrThrow();
    const writesThenRefuses: Route = {
      file: "harness-writes.tsx",
      params: [],
      source: "",
      module: {
        action: async () => {
          await getDb()
            .insertInto("notifications")
            .values({
              id: "harness-check",
              user_id: user.id,
              title: "x",
              body: "x",
              link: null,
              created_at: new Date().toISOString(),
              read_at: null,
            })
            .execute();
          throw new Response("refused", { status: 400 });
        },
      },
    };
    const crashes: Route = {
      file: "harness-crashes.tsx",
      params: [],
      source: "",
      module: {
        action: async () => {
          throw new Error("a bug");
        },
      },
    };
    const request = () => new Request("http://localhost/harness", { method: "POST" });
    await check(writesThenRefuses, "admin", "POST", request(), {});
    await check(crashes, "admin", "POST", request(), {});
    expect([...failures.keys()]).toEqual([
      "POST harness-writes.tsx: 400 but changed notifications",
      "POST harness-crashes.tsx: Error: a bug",
    ]);
    await getDb().deleteFrom("notifications").where("id", "=", "harness-check").execute();
    snapshot = await fingerprint();
    failures.clear();
    Object.assign(stats, { requests: 0, fiveHundreds: 0, refusedWrites: 0 });
    stats.byStatus.clear();
  });

  it("never answers 5xx, and a 4xx leaves the database as it was", async () => {
    for (const route of routes) {
      const { fields, intents } = vocabulary(route.source);
      for (const role of ROLES) {
        const headersFor = async (extra: Record<string, string>) => {
          const headers = new Headers(extra);
          const cookie = await cookieFor(role);
          if (cookie) headers.set("Cookie", cookie);
          return headers;
        };
        if (route.module.loader) {
          const query = fc.array(
            fc.tuple(
              fc.constantFrom(...fields, "sort", "dir", "format", "from", "to", "redirectTo", "token", "category"),
              hostileValue,
            ),
            { maxLength: 6 },
          );
          for (const [params, list] of fc.sample(fc.tuple(paramsArbitrary(route), query), {
            numRuns: RUNS,
            seed: SEED + ++streams,
          })) {
            const search = list.length ? `?${new URLSearchParams(list).toString()}` : "";
            await check(
              route,
              role,
              "GET",
              new Request(urlFor(route, params, search), { headers: await headersFor({}) }),
              params,
            );
          }
        }
        if (route.module.action) {
          for (const [params, body] of fc.sample(fc.tuple(paramsArbitrary(route), bodyArbitrary(fields, intents)), {
            numRuns: RUNS * 3,
            seed: SEED + ++streams,
          })) {
            const request = new Request(urlFor(route, params), {
              method: "POST",
              headers: await headersFor(body.headers),
              body: body.body,
            });
            await check(route, role, "POST", request, params);
          }
        }
      }
    }
    const statuses = [...stats.byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(" ");
    console.log(
      `Fuzz: ${stats.requests} requests over ${routes.length} routes and ${ROLES.length} roles (seed ${SEED}, ${RUNS} runs); 5xx: ${stats.fiveHundreds}; refused writes: ${stats.refusedWrites}; statuses ${statuses}`,
    );
    expect(stats.requests).toBeGreaterThan(routes.length * ROLES.length);
    expect([...failures].map(([what, example]) => `${what}\n  ${example}`).join("\n\n")).toBe("");
  }, 900_000);
});
