import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BackupRefused,
  createBackup,
  pruneBackups,
  RestoreRefused,
  restoreBackup,
  type BackupSources,
} from "../../app/lib/backup.server";
import { databaseEngine, databasePath } from "../../app/lib/db.server";
import { runBackupIfDue } from "../../app/scheduled-jobs.server";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "portal-backup-test-"));
const backups = path.join(work, "backups");
const dbFile = path.resolve(databasePath());
const sources: BackupSources = {
  databaseFile: dbFile,
  uploadsDir: path.join(work, "uploads"),
  secretFile: path.join(work, "session-secret"),
  twoFactorKeyFile: path.join(work, "two-factor-key"),
};

// Writes one row per transaction for ever, printing each row's number once its transaction has committed.
const WRITER = `
const Database = require(process.argv[2]);
const db = new Database(process.argv[3]);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
const insert = db.prepare("insert into write_probe (n, payload) values (?, ?)");
const pad = "x".repeat(200);
let n = 0;
function loop() {
  for (let i = 0; i < 25; i++) { n++; insert.run(n, pad); process.stdout.write(n + "\\n"); }
  setImmediate(loop);
}
process.on("SIGTERM", () => { db.close(); process.exit(0); });
loop();
`;

let writer: ChildProcess | undefined;
let acknowledged = 0;

// db:backup archives the embedded SQLite file; on PostgreSQL it refuses and points to pg_dump (the last block).
const onPostgres = databaseEngine() === "postgres";

beforeAll(() => {
  if (onPostgres) return;
  const sqlite = new SQLite(dbFile);
  sqlite.exec("create table write_probe (n integer primary key, payload text not null)");
  // Some bulk, so that the copy takes long enough for the writer to go on meanwhile.
  sqlite.exec("create table ballast (id integer primary key, payload text not null)");
  const fill = sqlite.prepare("insert into ballast (payload) values (?)");
  sqlite.transaction(() => {
    for (let i = 0; i < 20_000; i++) fill.run(`ballast ${i} ${"y".repeat(150)}`);
  })();
  sqlite.close();
  fs.mkdirSync(path.join(sources.uploadsDir, "ab"), { recursive: true });
  fs.writeFileSync(path.join(sources.uploadsDir, "ab", "abcdef"), "a PDF, say");
  fs.writeFileSync(path.join(sources.uploadsDir, "ab", "ab0123"), Buffer.alloc(4096, 7));
  fs.writeFileSync(sources.secretFile, "the-generated-secret", { mode: 0o600 });
  fs.writeFileSync(sources.twoFactorKeyFile!, "the-generated-two-factor-key", { mode: 0o600 });
});

afterAll(() => {
  writer?.kill("SIGTERM");
  fs.rmSync(work, { recursive: true, force: true });
});

function startWriter(): Promise<void> {
  const script = path.join(work, "writer.cjs");
  fs.writeFileSync(script, WRITER);
  const require = createRequire(import.meta.url);
  writer = spawn(process.execPath, [script, require.resolve("better-sqlite3"), dbFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let pending = "";
  writer.stdout!.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop()!;
    if (lines.length) acknowledged = Number(lines.at(-1));
  });
  return new Promise((resolve) => {
    const wait = setInterval(() => {
      if (acknowledged >= 500) {
        clearInterval(wait);
        resolve();
      }
    }, 10);
  });
}

describe.skipIf(onPostgres)("backups", () => {
  let archive = "";
  let ackedBeforeBackup = 0;

  it("backs up the running database under write load, with every write acknowledged before it began", async () => {
    await startWriter();
    ackedBeforeBackup = acknowledged;
    const result = createBackup({ sources, dir: backups, now: new Date("2026-12-01T20:00:00.000Z") });
    archive = result.archive;
    expect(path.basename(archive)).toBe("portal-2026-12-01T200000Z.tar.gz");
    expect(fs.readFileSync(result.checksumFile, "utf8")).toMatch(
      /^[0-9a-f]{64} {2}portal-2026-12-01T200000Z\.tar\.gz\n$/,
    );
    expect(result.manifest.database.tables.write_probe).toBeGreaterThanOrEqual(ackedBeforeBackup);
    expect(result.manifest.database.tables.ballast).toBe(20_000);
    expect(result.manifest.uploads).toEqual({ files: 2, bytes: 4096 + "a PDF, say".length });
    expect(result.manifest.sessionSecret).toBe("file");
    expect(result.manifest.twoFactorKey).toBe("file");
    // The writer was not stopped by the backup.
    const after = acknowledged;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(acknowledged).toBeGreaterThan(after);
    writer!.kill("SIGTERM");
  });

  it("restores into an empty folder: every acknowledged write present, integrity ok, uploads and secret back", () => {
    const dataDir = path.join(work, "restored", "data");
    const restored = restoreBackup(archive, dataDir);
    expect(restored.integrity).toBe("ok");
    const sqlite = new SQLite(restored.databaseFile, { readonly: true });
    const { n } = sqlite.prepare("select count(*) as n from write_probe where n <= ?").get(ackedBeforeBackup) as {
      n: number;
    };
    expect(n).toBe(ackedBeforeBackup);
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((sqlite.prepare("select count(*) as n from users").get() as { n: number }).n).toBe(
      restored.manifest.database.tables.users,
    );
    sqlite.close();
    expect(fs.readFileSync(path.join(dataDir, "uploads", "ab", "abcdef"), "utf8")).toBe("a PDF, say");
    expect(fs.readFileSync(path.join(dataDir, "session-secret"), "utf8")).toBe("the-generated-secret");
    expect(fs.readFileSync(path.join(dataDir, "two-factor-key"), "utf8")).toBe("the-generated-two-factor-key");
  });

  it("refuses a data folder that holds anything, and an archive that does not match its checksum", () => {
    const busy = path.join(work, "busy");
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, "portal.db"), "");
    expect(() => restoreBackup(archive, busy)).toThrow(RestoreRefused);
    const copy = path.join(work, "tampered.tar.gz");
    fs.copyFileSync(archive, copy);
    fs.appendFileSync(copy, "x");
    fs.copyFileSync(`${archive}.sha256`, `${copy}.sha256`);
    expect(() => restoreBackup(copy, path.join(work, "fresh"))).toThrow(/Checksum mismatch/);
    expect(fs.existsSync(path.join(work, "fresh"))).toBe(false);
  });

  it("keeps the newest BACKUP_KEEP archives", () => {
    createBackup({ sources, dir: backups, now: new Date("2026-12-02T20:00:00.000Z") });
    createBackup({ sources, dir: backups, now: new Date("2026-12-03T20:00:00.000Z") });
    expect(pruneBackups(2, backups)).toEqual(["portal-2026-12-01T200000Z.tar.gz"]);
    expect(fs.readdirSync(backups).sort()).toEqual([
      "portal-2026-12-02T200000Z.tar.gz",
      "portal-2026-12-02T200000Z.tar.gz.sha256",
      "portal-2026-12-03T200000Z.tar.gz",
      "portal-2026-12-03T200000Z.tar.gz.sha256",
    ]);
  });

  it("takes the scheduled daily backup once its hour has come, once, and not when turned off", () => {
    const env = { BACKUP_DIR: path.join(work, "daily"), BACKUP_HOUR: "2", BACKUP_KEEP: "7" };
    const now = new Date("2026-12-01T20:00:00.000Z"); // 03:00 on 2 December in the province
    expect(runBackupIfDue(now, { ...env, BACKUP_SCHEDULE: "off" })).toBeNull();
    expect(path.basename(runBackupIfDue(now, env)!)).toBe("portal-2026-12-01T200000Z.tar.gz");
    expect(runBackupIfDue(new Date("2026-12-01T23:00:00.000Z"), env)).toBeNull();
    expect(runBackupIfDue(new Date("2026-12-02T19:00:00.000Z"), env)).not.toBeNull();
  });
});

describe.runIf(onPostgres)("backups on PostgreSQL", () => {
  it("refuses to archive, naming pg_dump, and writes no archive", () => {
    expect(() => createBackup({ dir: backups })).toThrow(BackupRefused);
    expect(() => createBackup({ dir: backups })).toThrow(/pg_dump/);
    expect(fs.existsSync(backups) ? fs.readdirSync(backups) : []).toEqual([]);
  });
});
