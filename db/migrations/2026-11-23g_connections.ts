import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("connection_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_search", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("topic", "text")
    .addColumn("summary", "text")
    .addColumn("reported_organisations", "integer")
    .addColumn("reported_people", "integer")
    .addColumn("count_note", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("connection_events_starts_idx").on("connection_events").column("starts_on").execute();
  await db.schema.createIndex("connection_events_kind_idx").on("connection_events").columns(["kind", "starts_on"]).execute();
  await db.schema.createIndex("connection_events_title_idx").on("connection_events").column("title_search").execute();
  await db.schema.createIndex("connection_events_created_by_idx").on("connection_events").column("created_by").execute();

  await db.schema
    .createTable("event_organisers")
    .addColumn("event_id", "text", (c) => c.notNull().references("connection_events.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_organisers_pk", ["event_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("event_organisers_organisation_idx").on("event_organisers").column("organisation_id").execute();

  await db.schema
    .createTable("event_participants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("connection_events.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("person_name", "text")
    .addColumn("position", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("event_participants_event_idx").on("event_participants").columns(["event_id", "created_at"]).execute();
  await db.schema.createIndex("event_participants_organisation_idx").on("event_participants").columns(["organisation_id", "event_id"]).execute();
  await db.schema.createIndex("event_participants_created_by_idx").on("event_participants").column("created_by").execute();

  await db.schema
    .createTable("mous")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reference", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("title_search", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.references("connection_events.id"))
    .addColumn("pairing", "text", (c) => c.notNull())
    .addColumn("signed_on", "text", (c) => c.notNull())
    .addColumn("summary", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("signed"))
    .addColumn("next_check_on", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mous_signed_idx").on("mous").column("signed_on").execute();
  await db.schema.createIndex("mous_check_idx").on("mous").columns(["status", "next_check_on"]).execute();
  await db.schema.createIndex("mous_next_check_idx").on("mous").column("next_check_on").execute();
  await db.schema.createIndex("mous_pairing_idx").on("mous").columns(["pairing", "signed_on"]).execute();
  await db.schema.createIndex("mous_event_idx").on("mous").column("event_id").execute();
  await db.schema.createIndex("mous_title_idx").on("mous").column("title_search").execute();
  await db.schema.createIndex("mous_created_by_idx").on("mous").column("created_by").execute();

  await db.schema
    .createTable("mou_fields")
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("field", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mou_fields_pk", ["mou_id", "field"])
    .execute();
  await db.schema.createIndex("mou_fields_field_idx").on("mou_fields").columns(["field", "mou_id"]).execute();

  await db.schema
    .createTable("mou_parties")
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("mou_parties_pk", ["mou_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("mou_parties_organisation_idx").on("mou_parties").columns(["organisation_id", "mou_id"]).execute();

  await db.schema
    .createTable("mou_follow_ups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mou_id", "text", (c) => c.notNull().references("mous.id").onDelete("cascade"))
    .addColumn("noted_on", "text", (c) => c.notNull())
    .addColumn("status_before", "text", (c) => c.notNull())
    .addColumn("status_after", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("next_check_on", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mou_follow_ups_mou_idx").on("mou_follow_ups").columns(["mou_id", "noted_on"]).execute();
  await db.schema.createIndex("mou_follow_ups_created_by_idx").on("mou_follow_ups").column("created_by").execute();

  // A validated import waiting for its uploader's confirmation: the rows are kept here, never in the page.
  await db.schema
    .createTable("connection_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.references("connection_events.id").onDelete("cascade"))
    .addColumn("uploaded_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("rows_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    .execute();
  await db.schema.createIndex("connection_imports_uploader_idx").on("connection_imports").columns(["uploaded_by", "created_at"]).execute();
  await db.schema.createIndex("connection_imports_event_idx").on("connection_imports").column("event_id").execute();

  // Where a merged (deleted) organisation went: old links and the kept organisation's story.
  await db.schema
    .createTable("organisation_merges")
    .addColumn("merged_id", "text", (c) => c.primaryKey())
    .addColumn("kept_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("merged_name", "text", (c) => c.notNull())
    .addColumn("merged_tax_code", "text")
    .addColumn("merged_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("merged_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisation_merges_kept_idx").on("organisation_merges").columns(["kept_id", "merged_at"]).execute();
  await db.schema.createIndex("organisation_merges_by_idx").on("organisation_merges").column("merged_by").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["organisation_merges", "connection_imports", "mou_follow_ups", "mou_parties", "mou_fields", "mous", "event_participants", "event_organisers", "connection_events"]) {
    await db.schema.dropTable(table).execute();
  }
}
