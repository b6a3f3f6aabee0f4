/**
 * Work the portal does by itself on a clock, run by the server's primary process (never by each worker,
 * so a job runs once however many workers serve). Each job is idempotent: running it twice in a row sends nothing twice.
 */
import { defaultLocale, translator } from "./i18n";
import type { DB } from "./lib/db.server";
import { deliverQueuedMail } from "./lib/mail.server";
import { sendReportReminders } from "./modules/incubation/commands.server";

export type ScheduledJobsReport = { incubationReminders: number };

export async function runScheduledJobs(db: DB): Promise<ScheduledJobsReport> {
  const t = translator(defaultLocale);
  const incubationReminders = await sendReportReminders(db, null, { t, ip: null });
  await deliverQueuedMail(db);
  return { incubationReminders };
}

const HOUR_MS = 60 * 60 * 1000;

/** Runs the jobs a minute after start, then every hour; SCHEDULED_JOBS=0 turns them off. */
export function startScheduler(getDb: () => DB): void {
  if (process.env.SCHEDULED_JOBS === "0") return;
  const run = () =>
    runScheduledJobs(getDb())
      .then((report) => {
        if (report.incubationReminders) console.log(`Scheduled jobs: reminded ${report.incubationReminders} incubated startup(s) of missing reports.`);
      })
      .catch((error) => console.error("Scheduled jobs failed:", error));
  setTimeout(run, 60_000).unref();
  setInterval(run, HOUR_MS).unref();
}
