import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, openDatabase, type DB } from "../../app/lib/db.server";
import { claimJobLease, releaseJobLease, runUnderLease, thisInstance } from "../../app/lib/job-lease.server";
import { scheduledJobs, startJobs } from "../../app/scheduled-jobs.server";

const t0 = new Date("2026-12-01T08:00:00.000Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const MINUTE = 60_000;
const a = { name: "hourly", holder: "may-chu-a:3000", leaseMs: 90 * MINUTE };
const b = { ...a, holder: "may-chu-b:3000" };

// A second connection pool to the same database, as a second instance would have.
let other: DB;

beforeAll(() => {
  other = openDatabase();
});

afterAll(async () => {
  await other.destroy();
});

beforeEach(async () => {
  await getDb().deleteFrom("job_leases").execute();
});

async function lease(name: string) {
  return getDb().selectFrom("job_leases").selectAll().where("name", "=", name).executeTakeFirst();
}

describe("a scheduled job's lease", () => {
  it("goes to the first instance that asks, and is refused to another while it runs", async () => {
    expect(await claimJobLease(getDb(), a, t0)).toBe(true);
    expect(await claimJobLease(other, b, later(MINUTE))).toBe(false);
    expect(await lease("hourly")).toEqual({ name: "hourly", holder: a.holder, expires_at: "2026-12-01T09:30:00.000Z" });
  });

  it("is renewed by its holder at each run, so the job stays with one instance", async () => {
    await claimJobLease(getDb(), a, t0);
    expect(await claimJobLease(getDb(), a, later(60 * MINUTE))).toBe(true);
    expect((await lease("hourly"))?.expires_at).toBe("2026-12-01T10:30:00.000Z");
    // Past the first lease's end, but inside the renewed one.
    expect(await claimJobLease(other, b, later(95 * MINUTE))).toBe(false);
  });

  it("lapses when its holder stops renewing it (a crash), and another instance takes the job over", async () => {
    await claimJobLease(getDb(), a, t0);
    expect(await claimJobLease(other, b, later(90 * MINUTE - 1))).toBe(false);
    expect(await claimJobLease(other, b, later(90 * MINUTE))).toBe(true);
    expect(await lease("hourly")).toEqual({ name: "hourly", holder: b.holder, expires_at: "2026-12-01T11:00:00.000Z" });
    // The old holder, come back, finds its job taken.
    expect(await claimJobLease(getDb(), a, later(91 * MINUTE))).toBe(false);
  });

  it("is free for the next instance at once when its holder releases it", async () => {
    await claimJobLease(getDb(), a, t0);
    await releaseJobLease(getDb(), a, later(MINUTE));
    expect(await claimJobLease(other, b, later(MINUTE))).toBe(true);
  });

  it("is held per job: one instance may send the outbox while another runs the hourly jobs", async () => {
    expect(await claimJobLease(getDb(), a, t0)).toBe(true);
    expect(await claimJobLease(other, { ...b, name: "outbox" }, t0)).toBe(true);
  });

  it("goes to exactly one of two instances claiming a free job at the same moment", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    const wins = await Promise.all(
      names.map(async (name) => {
        const [first, second] = await Promise.all([
          claimJobLease(getDb(), { ...a, name }, t0),
          claimJobLease(other, { ...b, name }, t0),
        ]);
        return [first, second].filter(Boolean).length;
      }),
    );
    expect(wins).toEqual(names.map(() => 1));
  });

  it("goes to exactly one of two instances taking over a lapsed job at the same moment", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `lapsed-${i}`);
    for (const name of names) await claimJobLease(getDb(), { ...a, name, holder: "may-chu-da-dung:3000" }, t0);
    const wins = await Promise.all(
      names.map(async (name) => {
        const [first, second] = await Promise.all([
          claimJobLease(getDb(), { ...a, name }, later(a.leaseMs)),
          claimJobLease(other, { ...b, name }, later(a.leaseMs)),
        ]);
        return [first, second].filter(Boolean).length;
      }),
    );
    expect(wins).toEqual(names.map(() => 1));
  });

  it("runs a job on one of two instances ticking together, and keeps the lease while a run outlasts it", async () => {
    const short = { name: "outbox", leaseMs: 300 };
    const runs: string[] = [];
    const job = (holder: string) => async () => {
      runs.push(holder);
      // Three lease lengths: without renewal the lease would lapse under the running job.
      await new Promise((resolve) => setTimeout(resolve, 900));
      expect(await claimJobLease(getDb(), { ...short, holder: "may-chu-c:3000" })).toBe(false);
    };
    const ran = await Promise.all([
      runUnderLease(getDb(), { ...short, holder: a.holder }, job(a.holder)),
      runUnderLease(other, { ...short, holder: b.holder }, job(b.holder)),
    ]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength(1);
  });
});

describe("the scheduled jobs", () => {
  it("back up the SQLite file daily, and leave backups on PostgreSQL to pg_dump", () => {
    expect(scheduledJobs("sqlite").map((job) => job.name)).toEqual(["outbox", "hourly", "retention", "backup"]);
    expect(scheduledJobs("postgres").map((job) => job.name)).toEqual(["outbox", "hourly", "retention"]);
  });

  it("keep each job with its instance from one run to the next: every lease outlasts its period", () => {
    for (const job of scheduledJobs("sqlite")) expect(job.leaseMs, job.name).toBeGreaterThan(job.everyMs);
  });
});

describe("a clean stop", () => {
  it("lets the run in progress finish, then gives up the lease, so that another instance takes the job at its next tick", async () => {
    const db = getDb();
    await db.deleteFrom("job_leases").where("name", "=", "outbox").execute();
    let runs = 0;
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const scheduler = startJobs(
      () => db,
      [
        {
          name: "outbox",
          everyMs: 60_000,
          firstAfterMs: 0,
          leaseMs: 10 * 60_000,
          run: async () => {
            runs++;
            await slow;
          },
        },
      ],
    );
    await expect.poll(() => runs).toBe(1);
    const held = await db.selectFrom("job_leases").selectAll().where("name", "=", "outbox").executeTakeFirstOrThrow();
    expect(held.holder).toBe(thisInstance());
    expect(held.expires_at > new Date().toISOString()).toBe(true);
    const stopping = scheduler.stop();
    release();
    await stopping;
    const after = await db.selectFrom("job_leases").selectAll().where("name", "=", "outbox").executeTakeFirstOrThrow();
    expect(after.expires_at <= new Date().toISOString()).toBe(true);
    expect(await claimJobLease(other, { name: "outbox", holder: "another-host:3000", leaseMs: 60_000 })).toBe(true);
    expect(runs).toBe(1);
  });
});
