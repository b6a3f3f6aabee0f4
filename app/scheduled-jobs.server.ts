/**
 * Work the portal does by itself on a clock, run by the server's primary process (never by each worker,
 * so a job runs once however many workers serve). Each job is idempotent: running it twice in a row sends nothing twice.
 */
import fs from "node:fs";
import { defaultLocale, translator } from "./i18n";
import { backupDue, backupSettings, backupTakenAt } from "./lib/backup";
import { backupDir, createBackup, pruneBackups } from "./lib/backup.server";
import type { DB } from "./lib/db.server";
import { deliverQueuedMail } from "./lib/mail.server";
import { sendReportReminders } from "./modules/incubation/commands.server";

export type ScheduledJobsReport = { incubationReminders: number };

export async function runScheduledJobs(db: DB): Promise<ScheduledJobsReport> {
  const t = translator(defaultLocale);
  const incubationReminders = await sendReportReminders(db, null, { t, ip: null });
  return { incubationReminders };
}

/** The daily backup, if its hour has come and none was taken since; returns the archive written, if any. */
export function runBackupIfDue(now = new Date(), env: Record<string, string | undefined> = process.env): string | null {
  const settings = backupSettings(env);
  if (!settings.scheduled) return null;
  const dir = backupDir(env);
  const taken = fs.existsSync(dir) ? fs.readdirSync(dir).map(backupTakenAt).filter((at): at is string => at !== null).sort() : [];
  if (!backupDue(now, taken.at(-1) ?? null, settings.hour)) return null;
  const { archive } = createBackup({ dir, now });
  pruneBackups(settings.keep, dir);
  return archive;
}

const HOUR_MS = 60 * 60 * 1000;
/** How often the outbox is emptied: a message leaves within this long of its transaction's commit. */
export const OUTBOX_TICK_MS = 20_000;
const BACKUP_CHECK_MS = 10 * 60 * 1000;

/** Runs `job` every `ms`, never two at once (a slow SMTP server does not pile up senders). */
function every(ms: number, firstAfter: number, job: () => Promise<void>): void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    job()
      .catch((error) => console.error("Scheduled job failed:", error))
      .finally(() => {
        running = false;
      });
  };
  setTimeout(run, firstAfter).unref();
  setInterval(run, ms).unref();
}

/**
 * The outbox every 20 s; the hourly jobs a minute after start, then every hour; the daily backup checked
 * every 10 minutes (BACKUP_SCHEDULE=off turns it off). SCHEDULED_JOBS=0 turns them all off.
 */
export function startScheduler(getDb: () => DB): void {
  if (process.env.SCHEDULED_JOBS === "0") return;
  every(OUTBOX_TICK_MS, 5_000, async () => {
    const report = await deliverQueuedMail(getDb());
    if (report.retrying || report.failed) console.log(`Outbox: ${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed.`);
  });
  every(HOUR_MS, 60_000, async () => {
    const report = await runScheduledJobs(getDb());
    if (report.incubationReminders) console.log(`Scheduled jobs: reminded ${report.incubationReminders} incubated startup(s) of missing reports.`);
  });
  every(BACKUP_CHECK_MS, 90_000, async () => {
    const archive = runBackupIfDue();
    if (archive) console.log(`Daily backup written: ${archive}`);
  });
}
