/**
 * The e2e suite's database, whichever engine the project runs on (tests/e2e/global-setup.ts): the tests read
 * and prepare rows through the app's own `openDatabase()`, given the SQLite file or the PostgreSQL URL, so the
 * same test runs on both engines. For test files only (it reads vitest's injected context).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DB } from "../../app/lib/db.server";
import type { PortalOptions } from "./server";

/** What `openDatabase()` takes to reach the suite server's data. */
export function suiteDatabase(): string {
  return inject("database");
}

export function suiteOnPostgres(): boolean {
  return inject("e2ePostgresAdminUrl") !== "";
}

/** Opens the suite's database for `work` and closes it afterwards (the server keeps running on it). */
export async function withSuiteDatabase<T>(work: (db: DB) => Promise<T>): Promise<T> {
  const db = openDatabase(suiteDatabase());
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Points this test process's `getDb()` (and so the app's modules called directly) at the suite's database. */
export function useSuiteDatabase(): void {
  const target = suiteDatabase();
  if (suiteOnPostgres()) {
    process.env.DATABASE_URL = target;
    delete process.env.DATABASE_PATH;
  } else {
    process.env.DATABASE_PATH = target;
    delete process.env.DATABASE_URL;
  }
}

/**
 * The database option for a server a test starts for itself, on the suite's engine: nothing on SQLite (the
 * server makes a new file in its folder), a new empty database on the suite's cluster on PostgreSQL. Either
 * way the server migrates and seeds it at start.
 */
export async function ownDatabase(): Promise<Pick<PortalOptions, "databaseUrl">> {
  const admin = inject("e2ePostgresAdminUrl");
  if (!admin) return {};
  const name = `portal_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString() };
}
