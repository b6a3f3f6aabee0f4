/**
 * A volume check: fills a database with a province's worth of records (50 000 organisations,
 * 5 000 entries in one edition, 10 000 SME support dossiers over four years), starts the production server on it and times the list pages
 * and the report pages against a bare Node HTTP server on the same machine; times the judging algorithms at national size
 * first (tests/bench/judging.ts, also runnable alone). Run: npx tsx tests/bench/volume.ts
 * (SQLite), or BENCH_DATABASE=postgres npx tsx tests/bench/volume.ts (a throwaway PostgreSQL cluster, as the tests start).
 * The server is the compiled one `npm start` runs (built first when stale); the hostile uploads' timings follow.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The judging algorithms first, in this process, before the server and the measuring client share the machine.
const { judgingBench } = await import("./judging");
const judgingGoals = judgingBench();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
process.env.DATABASE_PATH = path.join(dir, "portal.db");
process.env.DATA_DIR = dir;
const { startPostgresCluster } = await import("../helpers/postgres");
const cluster = process.env.BENCH_DATABASE === "postgres" ? await startPostgresCluster() : null;
if (cluster) process.env.DATABASE_URL = await cluster.createDatabase("portal_bench");
else delete process.env.DATABASE_URL;
console.log(`engine: ${cluster ? "PostgreSQL" : "SQLite"}`);
const { getDb, migrateToLatest, closeDb } = await import("../../app/lib/db.server");
const { seedDemoData } = await import("../../db/seed");
const { FULL_VOLUME, seedVolume } = await import("../helpers/volume");

const db = getDb();
await migrateToLatest(db);
await seedDemoData(db);
await seedVolume(db, FULL_VOLUME);
if (cluster) {
  const { sql } = await import("kysely");
  await sql`analyze`.execute(db);
}
await closeDb();

const port = 3900 + Math.floor(Math.random() * 50);
const serverLog = fs.openSync(path.join(dir, "server.log"), "a");
if (spawnSync(process.execPath, ["app/build-if-stale.js"], { stdio: "inherit" }).status !== 0) process.exit(1);
const server = spawn(process.execPath, ["build/server/index.js"], {
  env: { ...process.env, PORT: String(port), LOG_REQUESTS: "0" },
  stdio: ["ignore", serverLog, serverLog],
});
server.once("exit", (code) => {
  if (code) console.error(`server exited with ${code}:\n${fs.readFileSync(path.join(dir, "server.log"), "utf8")}`);
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // Not listening yet.
  }
  await new Promise((r) => setTimeout(r, 200));
}
const login = await fetch(`${base}/login`, {
  method: "POST",
  redirect: "manual",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
  body: "email=chuyenvien%40demo.quangngai.vn&password=Demo%402026qn",
});
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];

/** Requests per second: wrk (apt-get install wrk) when present, else a fetch loop in this process. */
async function measure(url: string, headers: Record<string, string> = {}, requests = 200, concurrency = 10) {
  if (fs.existsSync("/usr/bin/wrk")) {
    const args = [
      "-t2",
      `-c${concurrency}`,
      "-d4s",
      ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
      url,
    ];
    const output = spawnSync("/usr/bin/wrk", args, { encoding: "utf8" }).stdout;
    if (/Non-2xx/.test(output)) throw new Error(`${url}: non-2xx responses`);
    return Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0);
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const response = await fetch(url, { headers });
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

// Raw Node in its own process, as the portal is, so that the measuring client never shares its event loop.
const rawPort = port + 100;
const raw = spawn(
  process.execPath,
  ["-e", `require("http").createServer((q, s) => s.end("<!doctype html><p>ok</p>")).listen(${rawPort})`],
  { stdio: "ignore" },
);
await new Promise((r) => setTimeout(r, 500));
const rawRate = await measure(`http://127.0.0.1:${rawPort}/`);
const pages = [
  ["/", {}],
  ["/organisations", { Cookie: cookie }],
  ["/organisations?q=quang%20ngai%20so%2049&sort=name&dir=desc&page=3", { Cookie: cookie }],
  ["/staff/competitions/edition-2022/entries", { Cookie: cookie }],
  ["/staff/competitions/edition-2022/entries?status=valid&sort=project_name&page=40", { Cookie: cookie }],
  ["/staff/sme", { Cookie: cookie }],
  ["/staff/sme?status=&due=overdue&sort=requested_vnd&dir=desc&page=20", { Cookie: cookie }],
  ["/staff/reports?from=2021&to=2026", { Cookie: cookie }],
  ["/staff/reports/figures/smeDossiers?from=2021&to=2026&sort=amount&dir=desc&page=20", { Cookie: cookie }],
  ["/statistics", {}],
] as const;
console.log(`raw node: ${rawRate.toFixed(0)} req/s`);
for (const [page, headers] of pages) {
  const rate = await measure(`${base}${page}`, headers);
  console.log(`${page}: ${rate.toFixed(0)} req/s (${((rate / rawRate) * 100).toFixed(1)} % of raw node)`);
}
raw.kill();
server.kill();
await cluster?.stop();
const { benchHostileUploads } = await import("./uploads");
await benchHostileUploads();
if (process.env.KEEP_BENCH_DB) console.log(`kept ${process.env.DATABASE_PATH}`);
else fs.rmSync(dir, { recursive: true, force: true });
// Goals that hold or not on this machine (a benchmark, not a test: a missed goal makes the exit code 1).
const missed = judgingGoals.filter((goal) => !goal.pass);
console.log(
  missed.length
    ? `goals missed: ${missed.map((goal) => goal.label).join("; ")}`
    : `goals hold: ${judgingGoals.map((goal) => goal.label).join("; ")}`,
);
if (missed.length) process.exitCode = 1;
