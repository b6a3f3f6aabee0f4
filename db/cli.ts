import fs from "node:fs";
import path from "node:path";
import { backupDir, createBackup, pruneBackups, restoreBackup } from "../app/lib/backup.server";
import { backupSettings } from "../app/lib/backup";
import { closeDb, databasePath, getDb, migrateToLatest } from "../app/lib/db.server";
import { CopyRefused, copyDatabase } from "../app/lib/db-copy.server";
import { seedDemoData } from "./seed";

/** `npm run db:backup`: an online backup into BACKUP_DIR, then the oldest beyond BACKUP_KEEP removed. */
function backup(): void {
  const { archive, manifest } = createBackup();
  const rows = Object.values(manifest.database.tables).reduce((a, b) => a + b, 0);
  console.log(`Backup written: ${archive} (+ .sha256)`);
  console.log(
    `  ${Object.keys(manifest.database.tables).length} tables, ${rows} rows; ${manifest.uploads.files} uploaded files; session secret: ${manifest.sessionSecret}`,
  );
  const removed = pruneBackups(backupSettings(process.env).keep, backupDir());
  if (removed.length) console.log(`  removed older backups: ${removed.join(", ")}`);
}

/** `npm run db:restore -- <archive> [data folder]`: into an empty folder only (default: the database's folder). */
function restore(archive: string | undefined, dataDir: string | undefined): void {
  if (!archive) throw new Error("Usage: npm run db:restore -- <archive.tar.gz> [data folder]");
  const result = restoreBackup(archive, dataDir ?? path.dirname(path.resolve(databasePath())));
  const tables = result.manifest.database.tables;
  console.log(`Restored ${archive} (taken ${result.manifest.createdAt}) into ${result.dataDir}:`);
  console.log(
    `  database ${result.databaseFile}: integrity_check ${result.integrity}; ${Object.keys(tables).length} tables, row counts as in the manifest`,
  );
  for (const [table, count] of Object.entries(tables)) if (count) console.log(`    ${table}: ${count}`);
  console.log(`  uploads: ${result.manifest.uploads.files} files (${result.manifest.uploads.bytes} bytes)`);
  console.log(
    `  session secret: ${result.manifest.sessionSecret === "file" ? "restored" : result.manifest.sessionSecret === "environment" ? "not in the archive (SESSION_SECRET was set: set it again)" : "none"}`,
  );
  console.log(
    `Serve it with DATABASE_PATH=${result.databaseFile} (uploads beside it; set UPLOADS_DIR if you keep them elsewhere).`,
  );
}

/** `npm run db:copy -- --from <file or postgres://…> --to <postgres://… or file>`: exit 1 when refused or when any table differs. */
async function copy(args: string[]): Promise<void> {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : args.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const [from, to] = [option("--from"), option("--to")];
  if (!from || !to) {
    console.error(
      "Usage: npm run db:copy -- --from <SQLite file or postgres:// URL> --to <postgres:// URL or SQLite file>",
    );
    process.exitCode = 2;
    return;
  }
  try {
    const { ok } = await copyDatabase({ from, to });
    if (!ok) process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof CopyRefused)) throw error;
    console.error(`db:copy refused: ${error.message}`);
    process.exitCode = 1;
  }
}

async function main(command: string | undefined): Promise<void> {
  if (command === "backup") return backup();
  if (command === "copy") return copy(process.argv.slice(3));
  if (command === "restore") return restore(process.argv[3], process.argv[4]);
  if (command === "reset") {
    const file = databasePath();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    console.log(`Removed ${file}`);
  }
  if (command === "migrate" || command === "reset" || command === "seed") {
    const applied = await migrateToLatest(getDb());
    console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database is up to date.");
  }
  if (command === "seed" || command === "reset") {
    await seedDemoData(getDb());
    console.log("Demo data seeded.");
  }
  if (!["migrate", "seed", "reset"].includes(command ?? "")) {
    console.error(
      "Usage: tsx db/cli.ts migrate|seed|reset|backup|restore <archive> [data folder]|copy --from <database> --to <database>",
    );
    process.exitCode = 2;
  }
  await closeDb();
}

main(process.argv[2]).catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDb();
  process.exit(1);
});
