/**
 * Online backups and their restore. A backup is one gzip'd tar (restorable with plain `tar -xzf`) holding a
 * consistent copy of the database (VACUUM INTO: one read transaction, so writers go on while it runs), the
 * uploads and the generated secrets (session secret, two-factor key), with a manifest (row counts per table, files) and beside it a
 * `sha256sum`-format checksum file. SQLite-specific by nature: the PostgreSQL era backs up with pg_dump.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { backupFileName, backupsToPrune } from "./backup";
import { dataDir, databaseEngine, databasePath } from "./db.server";
import { uploadsDir } from "./files.server";

export type BackupManifest = {
  format: 1;
  createdAt: string;
  database: { file: "portal.db"; sha256: string; tables: Record<string, number> };
  uploads: { files: number; bytes: number };
  /** "file": the generated secret is in the archive; "environment": SESSION_SECRET is set, keep it with the archive yourself. */
  sessionSecret: SecretKept;
  /** The same for the key that seals two-factor secrets (TWO_FACTOR_KEY): without it every enrolment is lost. */
  twoFactorKey?: SecretKept;
};
type SecretKept = "file" | "environment" | "none";

/** The secrets generated beside the database, by file name, with the variable that replaces each. */
const SECRETS = [
  { file: "session-secret", variable: "SESSION_SECRET", manifest: "sessionSecret" },
  { file: "two-factor-key", variable: "TWO_FACTOR_KEY", manifest: "twoFactorKey" },
] as const;

export type BackupSources = { databaseFile: string; uploadsDir: string; secretFile: string; twoFactorKeyFile?: string };

/** Refused where the database is not the embedded file: a PostgreSQL server is backed up with its own tools. */
export class BackupRefused extends Error {}

export function backupSources(): BackupSources {
  if (databaseEngine() === "postgres") {
    throw new BackupRefused(
      "The database is PostgreSQL (DATABASE_URL): back it up with pg_dump -Fc and restore with pg_restore (README, Scaling out); copy the uploads folder beside it. db:backup archives the embedded SQLite file only.",
    );
  }
  const databaseFile = path.resolve(databasePath());
  const beside = (name: string) => path.join(dataDir(), name);
  return {
    databaseFile,
    uploadsDir: path.resolve(uploadsDir()),
    secretFile: beside("session-secret"),
    twoFactorKeyFile: beside("two-factor-key"),
  };
}

export function backupDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.BACKUP_DIR ?? path.join(process.cwd(), "backups"));
}

function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; )
      hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

function tableCounts(sqlite: SQLite.Database): Record<string, number> {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (sqlite.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
    ]),
  );
}

function integrity(file: string): { ok: boolean; message: string; tables: Record<string, number> } {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const rows = sqlite.pragma("integrity_check") as Array<{ integrity_check: string }>;
    const message = rows.map((r) => r.integrity_check).join("; ");
    return { ok: message === "ok", message, tables: tableCounts(sqlite) };
  } finally {
    sqlite.close();
  }
}

function filesUnder(dir: string): { files: number; bytes: number } {
  if (!fs.existsSync(dir)) return { files: 0, bytes: 0 };
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = filesUnder(full);
      files += inner.files;
      bytes += inner.bytes;
    } else if (entry.isFile()) {
      files++;
      bytes += fs.statSync(full).size;
    }
  }
  return { files, bytes };
}

function tar(args: string[]): void {
  const result = spawnSync("tar", args, { encoding: "utf8" });
  if (result.error) throw new Error(`tar could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`tar ${args[0]} failed: ${result.stderr.trim()}`);
}

export type BackupResult = { archive: string; checksumFile: string; manifest: BackupManifest };

/** Takes a backup while the portal runs; the archive appears only once complete (written aside, then renamed). */
export function createBackup(options: { sources?: BackupSources; dir?: string; now?: Date } = {}): BackupResult {
  const sources = options.sources ?? backupSources();
  const dir = options.dir ?? backupDir();
  const now = options.now ?? new Date();
  fs.mkdirSync(dir, { recursive: true });
  const name = backupFileName(now);
  const folder = name.replace(/\.tar\.gz$/, "");
  const staging = fs.mkdtempSync(path.join(dir, ".staging-"));
  try {
    const target = path.join(staging, folder);
    fs.mkdirSync(target);
    const copy = path.join(target, "portal.db");
    const source = new SQLite(sources.databaseFile, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      source.prepare("vacuum into ?").run(copy);
    } finally {
      source.close();
    }
    const checked = integrity(copy);
    if (!checked.ok) throw new Error(`The copy of the database failed its integrity check: ${checked.message}`);
    // After the database: every file a copied row names was written before its row committed, so it is here.
    if (fs.existsSync(sources.uploadsDir))
      fs.cpSync(sources.uploadsDir, path.join(target, "uploads"), { recursive: true });
    else fs.mkdirSync(path.join(target, "uploads"));
    const kept = {} as Record<(typeof SECRETS)[number]["manifest"], SecretKept>;
    for (const secret of SECRETS) {
      const file =
        secret.file === "session-secret"
          ? sources.secretFile
          : (sources.twoFactorKeyFile ?? path.join(path.dirname(sources.secretFile), secret.file));
      kept[secret.manifest] = fs.existsSync(file) ? "file" : process.env[secret.variable] ? "environment" : "none";
      if (kept[secret.manifest] === "file") fs.copyFileSync(file, path.join(target, secret.file));
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: now.toISOString(),
      database: { file: "portal.db", sha256: sha256File(copy), tables: checked.tables },
      uploads: filesUnder(path.join(target, "uploads")),
      sessionSecret: kept.sessionSecret,
      twoFactorKey: kept.twoFactorKey,
    };
    fs.writeFileSync(path.join(target, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    const partial = path.join(dir, `${name}.partial`);
    tar(["-czf", partial, "-C", staging, folder]);
    const archive = path.join(dir, name);
    fs.renameSync(partial, archive);
    const checksumFile = `${archive}.sha256`;
    fs.writeFileSync(checksumFile, `${sha256File(archive)}  ${name}\n`);
    return { archive, checksumFile, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Deletes all but the newest `keep` archives (and their checksum files) in the backup folder. */
export function pruneBackups(keep: number, dir = backupDir()): string[] {
  if (!fs.existsSync(dir)) return [];
  const doomed = backupsToPrune(fs.readdirSync(dir), keep);
  for (const name of doomed) {
    fs.rmSync(path.join(dir, name), { force: true });
    fs.rmSync(path.join(dir, `${name}.sha256`), { force: true });
  }
  return doomed;
}

export type RestoreResult = { dataDir: string; databaseFile: string; manifest: BackupManifest; integrity: string };

export class RestoreRefused extends Error {}

/**
 * Restores an archive into an empty (or absent) data folder: checks the checksum file, unpacks aside,
 * checks the database's integrity and its row counts and files against the manifest, then moves the
 * database, the uploads and the generated secrets into place. Refuses a folder that holds anything.
 */
export function restoreBackup(archive: string, dataDir: string): RestoreResult {
  const archivePath = path.resolve(archive);
  if (!fs.existsSync(archivePath)) throw new RestoreRefused(`No archive at ${archivePath}.`);
  const target = path.resolve(dataDir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0)
    throw new RestoreRefused(`${target} is not empty: restore only into an empty data folder.`);
  const checksumFile = `${archivePath}.sha256`;
  if (!fs.existsSync(checksumFile)) throw new RestoreRefused(`No checksum file ${checksumFile}.`);
  const expected = fs.readFileSync(checksumFile, "utf8").trim().split(/\s+/)[0];
  const actual = sha256File(archivePath);
  if (expected !== actual)
    throw new RestoreRefused(
      `Checksum mismatch: ${path.basename(checksumFile)} says ${expected}, the archive is ${actual}.`,
    );

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const unpacked = fs.mkdtempSync(path.join(path.dirname(target), ".restore-"));
  try {
    tar(["-xzf", archivePath, "-C", unpacked]);
    const [folder, ...others] = fs.readdirSync(unpacked);
    if (!folder || others.length) throw new RestoreRefused("The archive should hold exactly one folder.");
    const source = path.join(unpacked, folder);
    const manifest = JSON.parse(fs.readFileSync(path.join(source, "manifest.json"), "utf8")) as BackupManifest;
    const databaseFile = path.join(source, "portal.db");
    if (sha256File(databaseFile) !== manifest.database.sha256)
      throw new RestoreRefused("The database in the archive does not match its manifest.");
    const checked = integrity(databaseFile);
    if (!checked.ok) throw new RestoreRefused(`integrity_check: ${checked.message}`);
    const differing = Object.keys({ ...manifest.database.tables, ...checked.tables }).filter(
      (table) => manifest.database.tables[table] !== checked.tables[table],
    );
    if (differing.length) throw new RestoreRefused(`Row counts differ from the manifest in: ${differing.join(", ")}.`);
    const files = filesUnder(path.join(source, "uploads"));
    if (files.files !== manifest.uploads.files || files.bytes !== manifest.uploads.bytes)
      throw new RestoreRefused("The uploads differ from the manifest.");

    fs.mkdirSync(target, { recursive: true });
    fs.renameSync(databaseFile, path.join(target, "portal.db"));
    fs.renameSync(path.join(source, "uploads"), path.join(target, "uploads"));
    for (const secret of SECRETS) {
      if (!fs.existsSync(path.join(source, secret.file))) continue;
      fs.renameSync(path.join(source, secret.file), path.join(target, secret.file));
      fs.chmodSync(path.join(target, secret.file), 0o600);
    }
    return { dataDir: target, databaseFile: path.join(target, "portal.db"), manifest, integrity: checked.message };
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}
