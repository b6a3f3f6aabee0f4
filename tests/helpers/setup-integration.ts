import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject, vi } from "vitest";

// Each file gets its own database: a temporary, migrated SQLite file, or (in the integration-pg project) a
// copy of the cluster's migrated template database. Secrets and uploads live in the temporary folder on both.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
const postgresAdminUrl = inject("postgresAdminUrl" as never) as string | undefined;
const pgDatabase = postgresAdminUrl ? `t_${randomBytes(6).toString("hex")}` : null;
process.env.DATABASE_PATH = path.join(dir, "portal.db");
process.env.DATA_DIR = dir;
process.env.SESSION_SECRET = "test-secret-for-integration-tests";
process.env.TWO_FACTOR_KEY = "test-two-factor-key-for-integration-tests";
delete process.env.SMTP_URL;
if (postgresAdminUrl && pgDatabase) {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${pgDatabase}`;
  process.env.DATABASE_URL = url.toString();
} else {
  delete process.env.DATABASE_URL;
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

// A console.error during a test is a bug the test should not hide.
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
});

beforeAll(async () => {
  if (pgDatabase) await admin(`create database "${pgDatabase}" template "portal_template"`);
  const { getDb, migrateToLatest } = await import("../../app/lib/db.server");
  await migrateToLatest(getDb());
});

afterAll(async () => {
  const { closeDb } = await import("../../app/lib/db.server");
  await closeDb();
  if (pgDatabase) await admin(`drop database if exists "${pgDatabase}" with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});
