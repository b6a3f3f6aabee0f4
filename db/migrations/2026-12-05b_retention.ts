import type { Kysely } from "kysely";

// Frozen in time once landed: never edit after it has; add a new migration instead.
// Retention of personal data (Decree 13/2023/NĐ-CP): the admin's periods, the reports of the anonymising job, a mark on
// each anonymised row (so that a second run selects nothing), and an index on each clock's start column.
const ANONYMISED = ["entry_members", "event_participants", "support_dossiers", "data_subject_requests"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("retention_settings")
    /** A kind of app/modules/privacy/retention.ts; a kind without a row keeps its default period. */
    .addColumn("kind", "text", (c) => c.primaryKey())
    .addColumn("months", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("retention_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    /** "scheduled" (the daily job) or "manual" (an admin's "run now"). */
    .addColumn("trigger", "text", (c) => c.notNull())
    /** The admin who ran it by hand; null for the daily job. */
    .addColumn("actor_id", "text", (c) => c.references("users.id"))
    /** JSON: { [kind]: { months, cutoff, anonymised } }, the periods and cutoffs the run applied and what it changed. */
    .addColumn("counts_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("retention_runs_started_idx").on("retention_runs").columns(["started_at"]).execute();

  for (const table of ANONYMISED) await db.schema.alterTable(table).addColumn("anonymised_at", "text").execute();

  // The start column of each clock, for the job's `where start <= cutoff`.
  await db.schema
    .createIndex("competition_editions_results_published_idx")
    .on("competition_editions")
    .columns(["results_published_at"])
    .execute();
  await db.schema.createIndex("connection_events_ends_on_idx").on("connection_events").columns(["ends_on"]).execute();
  await db.schema
    .createIndex("support_dossiers_status_updated_idx")
    .on("support_dossiers")
    .columns(["status", "updated_at"])
    .execute();
  await db.schema
    .createIndex("data_subject_requests_status_closed_idx")
    .on("data_subject_requests")
    .columns(["status", "closed_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("data_subject_requests_status_closed_idx").execute();
  await db.schema.dropIndex("support_dossiers_status_updated_idx").execute();
  await db.schema.dropIndex("connection_events_ends_on_idx").execute();
  await db.schema.dropIndex("competition_editions_results_published_idx").execute();
  for (const table of ANONYMISED) await db.schema.alterTable(table).dropColumn("anonymised_at").execute();
  await db.schema.dropIndex("retention_runs_started_idx").execute();
  await db.schema.dropTable("retention_runs").execute();
  await db.schema.dropTable("retention_settings").execute();
}
