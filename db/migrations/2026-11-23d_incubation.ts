import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("incubation_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("incubator_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("source_award_id", "text", (c) => c.references("prize_awards.id"))
    .addColumn("started_on", "text", (c) => c.notNull())
    .addColumn("planned_end_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("incubating"))
    .addColumn("status_reason", "text")
    .addColumn("report_period_months", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("enterprise_tax_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("incubation_records_incubator_idx").on("incubation_records").columns(["incubator_id", "status"]).execute();
  await db.schema.createIndex("incubation_records_status_idx").on("incubation_records").columns(["status", "started_on"]).execute();
  await db.schema.createIndex("incubation_records_organisation_idx").on("incubation_records").column("organisation_id").execute();
  await db.schema.createIndex("incubation_records_award_idx").on("incubation_records").column("source_award_id").execute();

  await db.schema
    .createTable("incubation_mentors")
    .addColumn("record_id", "text", (c) => c.notNull().references("incubation_records.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("incubation_mentors_pk", ["record_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("incubation_mentors_organisation_idx").on("incubation_mentors").column("organisation_id").execute();

  await db.schema
    .createTable("incubation_services")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("record_id", "text", (c) => c.notNull().references("incubation_records.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("provided_on", "text", (c) => c.notNull())
    .addColumn("value_vnd", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("note", "text")
    .execute();
  await db.schema.createIndex("incubation_services_record_idx").on("incubation_services").columns(["record_id", "provided_on"]).execute();

  await db.schema
    .createTable("milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("record_id", "text", (c) => c.notNull().references("incubation_records.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("done_on", "text")
    .execute();
  await db.schema.createIndex("milestones_record_idx").on("milestones").columns(["record_id", "due_on"]).execute();
  await db.schema.createIndex("milestones_open_idx").on("milestones").columns(["done_on", "due_on"]).execute();

  await db.schema
    .createTable("progress_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("record_id", "text", (c) => c.notNull().references("incubation_records.id").onDelete("cascade"))
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("revenue_vnd", "integer", (c) => c.notNull())
    .addColumn("employees", "integer", (c) => c.notNull())
    .addColumn("customers", "integer", (c) => c.notNull())
    .addColumn("capital_raised_vnd", "integer", (c) => c.notNull())
    .addColumn("ip_applications", "integer", (c) => c.notNull())
    .addColumn("products_launched", "integer", (c) => c.notNull())
    .addColumn("narrative", "text", (c) => c.notNull())
    .addColumn("submitted_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("staff_comment", "text")
    .execute();
  await db.schema.createIndex("progress_reports_period_idx").on("progress_reports").columns(["record_id", "period_start"]).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["progress_reports", "milestones", "incubation_services", "incubation_mentors", "incubation_records"]) await db.schema.dropTable(table).execute();
}
