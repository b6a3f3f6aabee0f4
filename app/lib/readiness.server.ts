/**
 * Whether this process can serve: the database answers, every migration is applied, and the disk holding the
 * uploads has room. For a reverse proxy or a monitor (`/readyz`); `/healthz` only says the process is up.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { migrationProvider } from "../../db/migrations";
import type { DB } from "./db.server";
import { uploadsDir } from "./files.server";

export type Readiness = {
  ok: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    migrations: { ok: boolean; pending: string[] };
    disk: { ok: boolean; freeBytes: number | null; minFreeBytes: number };
  };
};

/** READY_MIN_FREE_MB: the free space below which the portal says it is not ready (default 200 MB). */
export function minFreeBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.READY_MIN_FREE_MB ?? 200);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 200) * 1024 * 1024;
}

function freeBytes(dir: string): number | null {
  // The uploads folder may not exist yet: ask the nearest folder that does.
  let at = path.resolve(dir);
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  try {
    const stats = fs.statfsSync(at);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

export async function readiness(
  db: DB,
  options: { uploadsDir?: string; minFreeBytes?: number } = {},
): Promise<Readiness> {
  const known = Object.keys(await migrationProvider.getMigrations());
  let database: Readiness["checks"]["database"] = { ok: true };
  let pending = known;
  try {
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const names = new Set(applied.rows.map((r) => r.name));
    pending = known.filter((name) => !names.has(name));
  } catch (error) {
    database = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const min = options.minFreeBytes ?? minFreeBytes();
  const free = freeBytes(options.uploadsDir ?? uploadsDir());
  const checks: Readiness["checks"] = {
    database,
    migrations: { ok: database.ok && pending.length === 0, pending },
    disk: { ok: free !== null && free >= min, freeBytes: free, minFreeBytes: min },
  };
  return { ok: checks.database.ok && checks.migrations.ok && checks.disk.ok, checks };
}
