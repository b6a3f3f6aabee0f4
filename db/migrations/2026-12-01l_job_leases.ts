import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// Which server instance runs each scheduled job: one row per job, held by one instance until it lapses.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_leases")
    /** The job: "outbox", "hourly", "backup". */
    .addColumn("name", "text", (c) => c.primaryKey())
    /** The instance holding it: host, process id and a random part, new at every start. */
    .addColumn("holder", "text", (c) => c.notNull())
    /** ISO time after which another instance may take the job over (the holder stopped renewing: it died). */
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_leases").execute();
}
