/**
 * Work the portal does by itself on a clock, run by the server's primary process (never by each worker,
 * so a job runs once however many workers serve). With several instances on one database, each job runs
 * on the one instance holding its lease (app/lib/job-lease.server.ts). Each job is also idempotent: running
 * it twice in a row sends nothing twice.
 */
import fs from "node:fs";
import { defaultLocale, translator } from "./i18n";
import { backupDue, backupSettings, backupTakenAt } from "./lib/backup";
import { backupDir, createBackup, pruneBackups } from "./lib/backup.server";
import { databaseEngine, type DB, type Engine, refreshPlannerStatistics } from "./lib/db.server";
import { releaseJobLease, runUnderLease, thisInstance } from "./lib/job-lease.server";
import { deliverQueuedMail } from "./lib/mail.server";
import { purgeThrottleRows } from "./modules/accounts/throttle.server";
import { sendReportReminders } from "./modules/incubation/commands.server";
import { sendScoringReminders } from "./modules/judging/commands.server";
import { runRetention } from "./modules/privacy/retention-job.server";

export type ScheduledJobsReport = { incubationReminders: number; scoringReminders: number };

export async function runScheduledJobs(db: DB): Promise<ScheduledJobsReport> {
  const t = translator(defaultLocale);
  const incubationReminders = await sendReportReminders(db, null, { t, ip: null });
  const scoringReminders = await sendScoringReminders(db);
  return { incubationReminders, scoringReminders };
}

/** The daily backup, if its hour has come and none was taken since; returns the archive written, if any. */
export function runBackupIfDue(now = new Date(), env: Record<string, string | undefined> = process.env): string | null {
  const settings = backupSettings(env);
  if (!settings.scheduled) return null;
  const dir = backupDir(env);
  const taken = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .map(backupTakenAt)
        .filter((at): at is string => at !== null)
        .sort()
    : [];
  if (!backupDue(now, taken.at(-1) ?? null, settings.hour)) return null;
  const { archive } = createBackup({ dir, now });
  pruneBackups(settings.keep, dir);
  return archive;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How often the outbox is emptied: a message leaves within this long of its transaction's commit. */
export const OUTBOX_TICK_MS = 20_000;
const BACKUP_CHECK_MS = 10 * 60 * 1000;

export type ScheduledJob = {
  /** The name of its lease. */
  name: "outbox" | "hourly" | "retention" | "backup";
  everyMs: number;
  firstAfterMs: number;
  /**
   * How long each run keeps the job with this instance: longer than the period, so the holder keeps it from one
   * run to the next, and another instance takes it over within this long once the holder stops.
   */
  leaseMs: number;
  run(db: DB): Promise<void>;
};

/**
 * The outbox every 20 s; the hourly jobs (report reminders, judges' scoring deadline reminders, then the throttles' rows older than a day removed, then the query planner's statistics refreshed) a
 * minute after start, then every hour; the retention job (personal data past its period anonymised) ten minutes after
 * start, then every day; the daily backup of the SQLite file checked every 10 minutes (BACKUP_SCHEDULE=off turns it off). On PostgreSQL there is no file to copy
 * (backups are pg_dump's), so the backup is not scheduled.
 */
export function scheduledJobs(engine: Engine): ScheduledJob[] {
  const jobs: ScheduledJob[] = [
    {
      name: "outbox",
      everyMs: OUTBOX_TICK_MS,
      firstAfterMs: 5_000,
      leaseMs: 3 * OUTBOX_TICK_MS,
      async run(db) {
        const report = await deliverQueuedMail(db);
        if (report.retrying || report.failed)
          console.log(`Outbox: ${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed.`);
      },
    },
    {
      name: "hourly",
      everyMs: HOUR_MS,
      firstAfterMs: 60_000,
      leaseMs: HOUR_MS + HOUR_MS / 2,
      async run(db) {
        const report = await runScheduledJobs(db);
        if (report.incubationReminders)
          console.log(
            `Scheduled jobs: reminded ${report.incubationReminders} incubated startup(s) of missing reports.`,
          );
        if (report.scoringReminders)
          console.log(`Scheduled jobs: reminded ${report.scoringReminders} judge(s) of a scoring deadline.`);
        await purgeThrottleRows(db);
        await refreshPlannerStatistics(db);
      },
    },
    {
      name: "retention",
      everyMs: DAY_MS,
      firstAfterMs: 10 * 60_000,
      leaseMs: DAY_MS + DAY_MS / 2,
      async run(db) {
        const run = await runRetention(db, { trigger: "scheduled" });
        // Nothing is anonymised before an admin has confirmed the periods.
        if (!run) return;
        const total = Object.values(run.counts).reduce((sum, kind) => sum + kind.anonymised, 0);
        if (total) console.log(`Retention: ${total} record(s) past their period anonymised.`);
      },
    },
  ];
  if (engine === "sqlite") {
    jobs.push({
      name: "backup",
      everyMs: BACKUP_CHECK_MS,
      firstAfterMs: 90_000,
      leaseMs: 3 * BACKUP_CHECK_MS,
      async run() {
        const archive = runBackupIfDue();
        if (archive) console.log(`Daily backup written: ${archive}`);
      },
    });
  }
  return jobs;
}

export type Scheduler = {
  /** Stops the clocks, lets a run in progress finish, and gives up the leases held, so that another instance takes the jobs at its next tick. */
  stop(): Promise<void>;
};

/**
 * Runs the job on its clock, never two runs at once (a slow SMTP server does not pile up senders), and only
 * while this instance holds the job's lease (app/lib/job-lease.server.ts).
 */
function schedule(getDb: () => DB, job: ScheduledJob): Scheduler {
  let running: Promise<void> | null = null;
  let holding = false;
  let stopped = false;
  const lease = () => ({ name: job.name, holder: thisInstance(), leaseMs: job.leaseMs });
  const run = () => {
    if (running || stopped) return;
    running = runUnderLease(getDb(), lease(), () => job.run(getDb()))
      .then((ran) => {
        if (ran && !holding) console.log(`Scheduled job ${job.name}: runs on this instance (${thisInstance()}).`);
        holding = ran;
      })
      .catch((error) => console.error(`Scheduled job ${job.name} failed:`, error))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, job.firstAfterMs);
  const clock = setInterval(run, job.everyMs);
  first.unref();
  clock.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(clock);
      await running;
      if (!holding) return;
      holding = false;
      await releaseJobLease(getDb(), lease()).catch((error) =>
        console.warn(
          `Scheduled job ${job.name}: could not give up the lease: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    },
  };
}

/** Starts each job on its clock under its lease. */
export function startJobs(getDb: () => DB, jobs: ScheduledJob[]): Scheduler {
  const started = jobs.map((job) => schedule(getDb, job));
  return {
    async stop() {
      await Promise.all(started.map((job) => job.stop()));
    },
  };
}

/** Starts the jobs of scheduledJobs() in this (primary) process; SCHEDULED_JOBS=0 turns them all off. */
export function startScheduler(getDb: () => DB): Scheduler {
  if (process.env.SCHEDULED_JOBS === "0") return { stop: async () => {} };
  return startJobs(getDb, scheduledJobs(databaseEngine()));
}
