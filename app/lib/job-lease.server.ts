/**
 * Which instance runs a scheduled job, when several serve one database: each job has one row in `job_leases`,
 * held by one instance (`holder`) until `expires_at`. The holder renews it on each of its runs and while a run
 * lasts; the other instances find it held and skip their turn; a holder that dies stops renewing, and the first
 * instance to tick after the lease lapses takes the job over.
 */
import os from "node:os";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types";

export type JobLease = { name: string; holder: string; leaseMs: number };

/**
 * This instance, as a lease holder: its host and the port it serves on, which no other running instance can
 * share. A restarted instance is the same holder, so it resumes its jobs at once instead of waiting for its
 * own lease to lapse.
 */
export function thisInstance(env: Record<string, string | undefined> = process.env): string {
  return `${os.hostname()}:${env.PORT ?? 3000}`;
}

/**
 * Takes the job's lease, or renews it if this holder has it; false when another holder's lease is still running.
 * One statement, atomic on both engines: the insert takes a free job; on conflict, the update happens only
 * where the row is this holder's or has lapsed. SQLite runs writers one at a time; PostgreSQL makes a
 * concurrent upsert wait for the row and evaluates the condition on its committed state, so of two claimers
 * one changes the row and the other gets no row back.
 */
export async function claimJobLease(db: Kysely<Database>, lease: JobLease, now = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + lease.leaseMs).toISOString();
  const claimed = await db
    .insertInto("job_leases")
    .values({ name: lease.name, holder: lease.holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder: lease.holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb("job_leases.holder", "=", lease.holder), eb("job_leases.expires_at", "<=", at)])),
    )
    .returning("holder")
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Gives the lease up (a clean stop), so that another instance takes the job at its next tick rather than after the lease. */
export async function releaseJobLease(
  db: Kysely<Database>,
  lease: Pick<JobLease, "name" | "holder">,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("job_leases")
    .set({ expires_at: now.toISOString() })
    .where("name", "=", lease.name)
    .where("holder", "=", lease.holder)
    .execute();
}

/**
 * Runs `job` if this holder has, or can take, the lease, renewing it every third of the lease while the job
 * runs (a slow run keeps its job); the lease is kept afterwards, so that the job stays with this instance.
 * Returns whether the job ran here.
 */
export async function runUnderLease(db: Kysely<Database>, lease: JobLease, job: () => Promise<void>): Promise<boolean> {
  if (!(await claimJobLease(db, lease))) return false;
  const renewal = setInterval(
    () => {
      claimJobLease(db, lease).then(
        (kept) => kept || console.warn(`Scheduled job ${lease.name}: the lease was taken over while it ran.`),
        (error) =>
          console.warn(
            `Scheduled job ${lease.name}: could not renew the lease: ${error instanceof Error ? error.message : String(error)}`,
          ),
      );
    },
    Math.max(1, Math.floor(lease.leaseMs / 3)),
  );
  renewal.unref();
  try {
    await job();
  } finally {
    clearInterval(renewal);
  }
  return true;
}
