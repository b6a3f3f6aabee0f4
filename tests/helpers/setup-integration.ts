import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
process.env.DATABASE_PATH = path.join(dir, "portal.db");
process.env.SESSION_SECRET = "test-secret-for-integration-tests";
process.env.TWO_FACTOR_KEY = "test-two-factor-key-for-integration-tests";
delete process.env.SMTP_URL;

// A console.error during a test is a bug the test should not hide.
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
});

beforeAll(async () => {
  const { getDb, migrateToLatest } = await import("../../app/lib/db.server");
  await migrateToLatest(getDb());
});

afterAll(async () => {
  const { closeDb } = await import("../../app/lib/db.server");
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
