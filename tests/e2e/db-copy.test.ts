/**
 * The move from the embedded file to PostgreSQL and back, as an operator makes it: the real `db:copy` command on
 * the demo data plus the benchmark's volume (50 000 organisations, 5 000 entries, 10 000 dossiers), SQLite →
 * PostgreSQL → SQLite. Every table arrives with the same rows (counts and checksums, read independently of the
 * command's own report), a filled target is refused, and the portal served from each copy shows the same figures.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/types";
import { seedDemoData } from "../../db/seed";
import { migrateToLatest, openDatabase } from "../../app/lib/db.server";
import { databaseChecksums } from "../../app/lib/db-copy.server";
import { reportFigures } from "../../app/modules/reports/datasets.server";
import { periodFromSearch } from "../../app/modules/reports/period";
import { publicStatistics } from "../../app/modules/reports/public.server";
import { formatNumber } from "../../app/lib/format";
import { provinceDate } from "../../app/lib/province-time";
import { signedInCookie, TEST_SESSION_SECRET } from "../helpers/portal-client";
import { type PostgresCluster, postgresUnavailable, startPostgresCluster } from "../helpers/postgres";
import { startPortal, type Portal } from "../helpers/server";
import { FULL_VOLUME, seedVolume } from "../helpers/volume";

const noPostgres = postgresUnavailable();

/** `npm run db:copy -- --from … --to …`, as a child process: its exit code, what it printed, how long it took. */
function dbCopy(from: string, to: string): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "db/cli.ts", "copy", "--from", from, "--to", to],
    {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: undefined, DATABASE_PATH: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve) =>
    child.once("exit", (code) => resolve({ code, output, seconds: (performance.now() - started) / 1000 })),
  );
}

/** What a page says, without markup or scripts: the figures and their labels. */
async function pageText(portal: Portal, page: string, cookie?: string): Promise<string> {
  // Not followed: a redirect to the login page would be the same page on both portals.
  const response = await fetch(`${portal.baseURL}${page}`, {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
  });
  expect(response.status, `${page} on ${portal.baseURL}`).toBe(200);
  const html = await response.text();
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

describe.skipIf(noPostgres)(
  `db:copy SQLite → PostgreSQL → SQLite${noPostgres ? ` (skipped: ${noPostgres})` : ""}`,
  () => {
    let cluster: PostgresCluster;
    let dir: string;
    let sourceFile: string;
    let postgresUrl: string;
    let backFile: string;
    const opened: Kysely<Database>[] = [];
    const portals: Portal[] = [];
    const open = (target: string) => {
      const db = openDatabase(target);
      opened.push(db);
      return db;
    };

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-copy-"));
      sourceFile = path.join(dir, "source", "portal.db");
      backFile = path.join(dir, "back", "portal.db");
      const source = openDatabase(sourceFile);
      await migrateToLatest(source);
      await seedDemoData(source);
      await seedVolume(source, FULL_VOLUME);
      await source.destroy();
      cluster = await startPostgresCluster();
      postgresUrl = await cluster.createDatabase("portal_copy");
    }, 240_000);

    afterAll(async () => {
      for (const portal of portals) await portal.stop();
      for (const db of opened) await db.destroy();
      await cluster?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    let sourceSums: Awaited<ReturnType<typeof databaseChecksums>>;
    let dossiersFiled: number;

    it("copies the file into an empty PostgreSQL database, table by table, and reports every table matching", async () => {
      const copy = await dbCopy(sourceFile, postgresUrl);
      console.log(`SQLite → PostgreSQL: ${copy.seconds.toFixed(1)} s\n${copy.output}`);
      expect(copy.code, copy.output).toBe(0);
      expect(copy.output).toMatch(/^ {2}organisations: 50071 rows/m);
      expect(copy.output).toMatch(/^ {2}support_dossiers: 10005 rows/m);
      expect(copy.output).toMatch(/^ {2}audit_events: \d+ rows/m);
      expect(copy.output).not.toMatch(/kysely_migration/);
      expect(copy.output).toMatch(/^All \d+ tables match: \d+ rows copied/m);
      expect(copy.output).not.toMatch(/DIFFERENT/);
      expect(copy.output).toMatch(/Uploaded files are not in the database.*copy the folder/);
      expect(copy.output).toMatch(/two-factor-key/);

      sourceSums = await databaseChecksums(open(sourceFile));
      const postgresSums = await databaseChecksums(open(postgresUrl));
      expect(Object.keys(sourceSums).length).toBeGreaterThan(60);
      expect(sourceSums.organisations.rows).toBe(50_071);
      expect(postgresSums).toEqual(sourceSums);
    }, 300_000);

    it("copies it back from PostgreSQL into a new SQLite file with the same rows", async () => {
      const copy = await dbCopy(postgresUrl, backFile);
      console.log(`PostgreSQL → SQLite: ${copy.seconds.toFixed(1)} s\n${copy.output}`);
      expect(copy.code, copy.output).toBe(0);
      expect(copy.output).toMatch(/^All \d+ tables match/m);
      expect(await databaseChecksums(open(backFile))).toEqual(sourceSums);
    }, 300_000);

    it("refuses to copy into a target that already holds data, and leaves it as it was", async () => {
      const again = await dbCopy(sourceFile, postgresUrl);
      expect(again.code).not.toBe(0);
      expect(again.output).toMatch(/db:copy refused: The target already holds data: .*\(\d+ rows\)/);
      expect(again.output).not.toMatch(/rows copied/);
      expect(await databaseChecksums(open(postgresUrl))).toEqual(sourceSums);
    }, 120_000);

    it("refuses a source that is not at the latest migration", async () => {
      const old = path.join(dir, "old.db");
      const db = open(old);
      await migrateToLatest(db);
      const { rows } = await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(db);
      const latest = rows[0].name;
      await sql`delete from kysely_migration where name = ${latest}`.execute(db);
      const copy = await dbCopy(old, path.join(dir, "unused.db"));
      expect(copy.code).not.toBe(0);
      expect(copy.output).toContain(`is not at the latest migration (not applied: ${latest})`);
      expect(fs.existsSync(path.join(dir, "unused.db"))).toBe(false);
    }, 120_000);

    it("gives identity keys on PostgreSQL their next value after the copied ones", async () => {
      const db = open(postgresUrl);
      const { max } = await db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.max("id").as("max"))
        .executeTakeFirstOrThrow();
      const inserted = await db
        .insertInto("audit_events")
        .values({
          actor_id: null,
          action: "test.after_copy",
          entity_type: "test",
          entity_id: "db-copy",
          before_json: null,
          after_json: null,
          reason: null,
          ip: null,
          created_at: new Date().toISOString(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      expect(inserted.id).toBe(Number(max) + 1);
    });

    it("computes the same report figures from the file, the PostgreSQL copy and the file copied back", async () => {
      const today = provinceDate(new Date().toISOString());
      const { period } = periodFromSearch(new URLSearchParams({ from: "2021", to: "2026" }), today);
      const [file, postgres, back] = [open(sourceFile), open(postgresUrl), open(backFile)];
      const figures = await reportFigures(file, period);
      dossiersFiled = figures.smeDossiers.value;
      expect(dossiersFiled).toBeGreaterThanOrEqual(10_000);
      expect(await reportFigures(postgres, period)).toEqual(figures);
      expect(await reportFigures(back, period)).toEqual(figures);
      const statistics = await publicStatistics(file, today);
      expect(await publicStatistics(postgres, today)).toEqual(statistics);
      expect(await publicStatistics(back, today)).toEqual(statistics);
    });

    it("serves the same pages from the portal on PostgreSQL and on the file copied back", async () => {
      const env = { SESSION_SECRET: TEST_SESSION_SECRET };
      const onPostgresDir = fs.mkdtempSync(path.join(dir, "portal-pg-"));
      const onPostgres = await startPortal({
        dir: onPostgresDir,
        env: { ...env, DATABASE_URL: postgresUrl, DATA_DIR: onPostgresDir },
      });
      portals.push(onPostgres);
      // Whatever engine the rest of the e2e suite runs on, this one serves the file.
      const onFile = await startPortal({
        databasePath: backFile,
        env: { ...env, DATABASE_URL: undefined, DATA_DIR: undefined },
      });
      portals.push(onFile);
      expect(onPostgres.output()).toContain(`(database ${postgresUrl})`);
      expect(onPostgres.output()).not.toMatch(/Demo data seeded/);
      expect(onFile.output()).toContain(`(database ${backFile})`);
      expect(onFile.output()).not.toMatch(/Demo data seeded/);

      const statistics = await pageText(onPostgres, "/statistics");
      expect(statistics).toMatch(/\d/);
      expect(await pageText(onFile, "/statistics")).toBe(statistics);

      const staffOnPostgres = await signedInCookie(open(postgresUrl), "demo-staff");
      const staffOnFile = await signedInCookie(open(backFile), "demo-staff");
      const pages = {
        "/staff/reports?from=2021&to=2026": new RegExp(formatNumber(dossiersFiled, "vi")),
        "/staff/reports/figures/smeDossiers?from=2021&to=2026&sort=amount&dir=desc&page=20":
          /10\.005 bản ghi .* Công ty TNHH Thử nghiệm Quảng Ngãi số \d+ /,
        "/organisations?q=quang%20ngai%20so%2049999": /Công ty TNHH Thử nghiệm Quảng Ngãi số 49999/,
      };
      for (const [page, expected] of Object.entries(pages)) {
        const text = await pageText(onPostgres, page, staffOnPostgres);
        expect(text, page).toMatch(expected);
        expect(await pageText(onFile, page, staffOnFile), page).toBe(text);
      }
    }, 480_000);
  },
);
