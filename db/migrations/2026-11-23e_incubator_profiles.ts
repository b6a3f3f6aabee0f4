import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("incubator_profiles")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("services_offered", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // One row per record and reporting period reminded, so the daily job reminds again only after a pause of days.
  await db.schema
    .createTable("incubation_reminders")
    .addColumn("record_id", "text", (c) => c.notNull().references("incubation_records.id").onDelete("cascade"))
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("last_sent_at", "text", (c) => c.notNull())
    .addColumn("times_sent", "integer", (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("incubation_reminders_pk", ["record_id", "period_start"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("incubation_reminders").execute();
  await db.schema.dropTable("incubator_profiles").execute();
}
