/**
 * The backup schedule and naming, pure. The archives themselves are made and restored by backup.server.ts.
 */
import { provinceLocalToIso, provinceDate } from "./province-time";

const NAME = /^portal-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar\.gz$/;

/** "portal-2026-12-01T200512Z.tar.gz": sorts by time, and says when it was taken (UTC). */
export function backupFileName(at: Date): string {
  const iso = at.toISOString();
  return `portal-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z.tar.gz`;
}

/** The instant a backup archive was taken, read from its name; null for any other file. */
export function backupTakenAt(fileName: string): string | null {
  const m = NAME.exec(fileName);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : null;
}

/**
 * Whether the daily backup is due: the latest scheduled moment (BACKUP_HOUR on the province's clock, today
 * if it has passed, else yesterday) has no backup at or after it. A server started after that hour without
 * a backup today takes one at once.
 */
export function backupDue(now: Date, lastTakenAt: string | null, hour: number): boolean {
  const today = provinceDate(now.toISOString());
  const todayAt = provinceLocalToIso(`${today}T${String(hour).padStart(2, "0")}:00`)!;
  const scheduled = todayAt <= now.toISOString() ? todayAt : new Date(Date.parse(todayAt) - 86_400_000).toISOString();
  return lastTakenAt === null || lastTakenAt < scheduled;
}

/** The archives to delete so that the newest `keep` remain (names sort by time). */
export function backupsToPrune(fileNames: readonly string[], keep: number): string[] {
  const archives = fileNames.filter((name) => backupTakenAt(name) !== null).sort();
  return archives.slice(0, Math.max(0, archives.length - Math.max(1, keep)));
}

export type BackupSettings = { scheduled: boolean; hour: number; keep: number };

/** BACKUP_SCHEDULE=off turns the daily backup off; BACKUP_HOUR (0–23 on the province's clock, default 2); BACKUP_KEEP archives kept (default 14). */
export function backupSettings(env: Record<string, string | undefined>): BackupSettings {
  const hour = Number(env.BACKUP_HOUR ?? 2);
  const keep = Number(env.BACKUP_KEEP ?? 14);
  return {
    scheduled: env.BACKUP_SCHEDULE !== "off" && env.BACKUP_SCHEDULE !== "0",
    hour: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 2,
    keep: Number.isInteger(keep) && keep >= 1 ? keep : 14,
  };
}
