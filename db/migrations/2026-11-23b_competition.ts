import { type Kysely, sql } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("attachments").addColumn("purpose", "text").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "created_at"]).execute();

  await db.schema
    .createTable("competition_editions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("registration_opens_at", "text", (c) => c.notNull())
    .addColumn("submission_deadline", "text", (c) => c.notNull())
    .addColumn("award_ceremony_on", "text")
    .addColumn("residency_province", "text")
    .addColumn("max_enterprise_age_years", "integer", (c) => c.notNull())
    .addColumn("min_representative_age", "integer", (c) => c.notNull())
    .addColumn("receipt_prefix", "text", (c) => c.notNull())
    .addColumn("copied_from_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competition_editions_year_idx").on("competition_editions").columns(["year", "number"]).execute();

  await db.schema
    .createTable("competition_categories")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("edition_id", "text", (c) => c.notNull().references("competition_editions.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competition_categories_edition_idx").on("competition_categories").columns(["edition_id", "position"]).execute();

  await db.schema
    .createTable("competition_document_requirements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("edition_id", "text", (c) => c.notNull().references("competition_editions.id").onDelete("cascade"))
    .addColumn("category_id", "text", (c) => c.references("competition_categories.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competition_document_requirements_edition_idx").on("competition_document_requirements").columns(["edition_id", "position"]).execute();

  await db.schema
    .createTable("competition_prizes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("edition_id", "text", (c) => c.notNull().references("competition_editions.id").onDelete("cascade"))
    .addColumn("rank_label", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("amount_vnd", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competition_prizes_edition_idx").on("competition_prizes").columns(["edition_id", "position"]).execute();

  await db.schema
    .createTable("competition_rounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("edition_id", "text", (c) => c.notNull().references("competition_editions.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("starts_on", "text")
    .addColumn("ends_on", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competition_rounds_edition_idx").on("competition_rounds").columns(["edition_id", "position"]).execute();

  await db.schema
    .createTable("round_criteria")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("competition_rounds.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("max_score", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("round_criteria_round_idx").on("round_criteria").columns(["round_id", "position"]).execute();

  await db.schema
    .createTable("competition_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("edition_id", "text", (c) => c.notNull().references("competition_editions.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("category_id", "text", (c) => c.references("competition_categories.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("receipt_seq", "integer")
    .addColumn("receipt_number", "text")
    .addColumn("project_name", "text", (c) => c.notNull())
    .addColumn("name_search", "text", (c) => c.notNull())
    .addColumn("sector", "text")
    .addColumn("summary", "text")
    .addColumn("problem", "text")
    .addColumn("solution", "text")
    .addColumn("market", "text")
    .addColumn("business_model", "text")
    .addColumn("team_description", "text")
    .addColumn("stage", "text")
    .addColumn("funding_to_date_vnd", "integer")
    .addColumn("video_url", "text")
    .addColumn("enterprise_registered_on", "text")
    .addColumn("residence_province", "text")
    .addColumn("consent_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("clarification_fields", "text")
    .addColumn("clarification_note", "text")
    .addColumn("clarification_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("competition_entries_receipt_idx").on("competition_entries").columns(["edition_id", "receipt_seq"]).unique().execute();
  await db.schema.createIndex("competition_entries_receipt_number_idx").on("competition_entries").column("receipt_number").unique().execute();
  // One live entry per team per edition; a withdrawn one does not count.
  await db.schema
    .createIndex("competition_entries_one_per_team_idx")
    .on("competition_entries")
    .columns(["edition_id", "organisation_id"])
    .unique()
    .where(sql.ref("status"), "!=", "withdrawn")
    .execute();
  await db.schema.createIndex("competition_entries_list_idx").on("competition_entries").columns(["edition_id", "status", "submitted_at"]).execute();
  await db.schema.createIndex("competition_entries_name_idx").on("competition_entries").columns(["edition_id", "name_search"]).execute();
  await db.schema.createIndex("competition_entries_organisation_idx").on("competition_entries").column("organisation_id").execute();

  await db.schema
    .createTable("entry_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull().references("competition_entries.id").onDelete("cascade"))
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("role", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("birth_date", "text")
    .addColumn("is_representative", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("entry_members_entry_idx").on("entry_members").columns(["entry_id", "position"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["entry_members", "competition_entries", "round_criteria", "competition_rounds", "competition_prizes", "competition_document_requirements", "competition_categories", "competition_editions", "notifications"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("attachments").dropColumn("purpose").execute();
}
