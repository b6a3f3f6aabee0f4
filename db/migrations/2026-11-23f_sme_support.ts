import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Public holidays for working-day deadlines; staff keep the calendar each year by government notice.
  await db.schema
    .createTable("public_holidays")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("support_programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("legal_basis", "text", (c) => c.notNull())
    .addColumn("first_year", "integer", (c) => c.notNull())
    .addColumn("last_year", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("status_reason", "text")
    .addColumn("status_changed_on", "text")
    .addColumn("paused_intake", "text", (c) => c.notNull().defaultTo("queue"))
    .addColumn("receipt_prefix", "text", (c) => c.notNull())
    .addColumn("receive_working_days", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("check_working_days", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("decision_working_days", "integer", (c) => c.notNull().defaultTo(14))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("programme_budgets")
    .addColumn("programme_id", "text", (c) => c.notNull().references("support_programmes.id").onDelete("cascade"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("amount_vnd", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("programme_budgets_pk", ["programme_id", "year"])
    .execute();

  // A pause stops every dossier clock of the programme from `from_on` to `to_on` (null: still paused).
  await db.schema
    .createTable("programme_pauses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("support_programmes.id").onDelete("cascade"))
    .addColumn("from_on", "text", (c) => c.notNull())
    .addColumn("to_on", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("programme_pauses_programme_idx").on("programme_pauses").columns(["programme_id", "from_on"]).execute();

  await db.schema
    .createTable("support_types")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("support_programmes.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("article", "text", (c) => c.notNull())
    .addColumn("startups_only", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_types_programme_idx").on("support_types").columns(["programme_id", "position"]).execute();

  // Rate and cap per enterprise size, as data: staff correct them, and an unverified value is flagged in the UI.
  await db.schema
    .createTable("support_type_rules")
    .addColumn("support_type_id", "text", (c) => c.notNull().references("support_types.id").onDelete("cascade"))
    .addColumn("size", "text", (c) => c.notNull())
    .addColumn("rate_percent", "integer", (c) => c.notNull())
    .addColumn("cap_vnd", "integer")
    .addColumn("cap_period", "text", (c) => c.notNull())
    .addColumn("priority_rate_percent", "integer")
    .addColumn("priority_cap_vnd", "integer")
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("source", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("support_type_rules_pk", ["support_type_id", "size"])
    .execute();

  await db.schema
    .createTable("support_type_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("support_type_id", "text", (c) => c.notNull().references("support_types.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_type_documents_type_idx").on("support_type_documents").columns(["support_type_id", "position"]).execute();

  // The enterprise's SME declaration (tờ khai xác định DNNVV); the size is computed from it and kept for filtering.
  await db.schema
    .createTable("enterprise_profiles")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("sector_group", "text", (c) => c.notNull())
    .addColumn("main_business_line", "text", (c) => c.notNull())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("employees", "integer", (c) => c.notNull())
    .addColumn("revenue_vnd", "integer", (c) => c.notNull())
    .addColumn("capital_vnd", "integer", (c) => c.notNull())
    .addColumn("size", "text", (c) => c.notNull())
    .addColumn("women_owned", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("many_women_workers", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("social_enterprise", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("declared_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("declared_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("support_dossiers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("support_programmes.id"))
    .addColumn("support_type_id", "text", (c) => c.notNull().references("support_types.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("receipt_seq", "integer")
    .addColumn("receipt_number", "text", (c) => c.unique())
    .addColumn("support_year", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("provider_name", "text", (c) => c.notNull())
    .addColumn("provider_tax_code", "text")
    .addColumn("total_cost_vnd", "integer", (c) => c.notNull())
    .addColumn("requested_vnd", "integer", (c) => c.notNull())
    .addColumn("months", "integer")
    .addColumn("enterprise_size", "text")
    .addColumn("is_priority", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("proposed_vnd", "integer")
    .addColumn("approved_vnd", "integer")
    .addColumn("paid_vnd", "integer")
    .addColumn("supplement_request", "text")
    .addColumn("appraisal_note", "text")
    .addColumn("decision_reason", "text")
    .addColumn("submitted_at", "text")
    .addColumn("step_started_on", "text")
    .addColumn("complete_on", "text")
    .addColumn("due_on", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_dossiers_desk_idx").on("support_dossiers").columns(["status", "due_on"]).execute();
  await db.schema.createIndex("support_dossiers_due_idx").on("support_dossiers").column("due_on").execute();
  await db.schema.createIndex("support_dossiers_organisation_idx").on("support_dossiers").columns(["organisation_id", "support_year"]).execute();
  await db.schema.createIndex("support_dossiers_type_idx").on("support_dossiers").columns(["support_type_id", "status"]).execute();
  await db.schema.createIndex("support_dossiers_receipt_seq_idx").on("support_dossiers").columns(["programme_id", "support_year", "receipt_seq"]).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["support_dossiers", "enterprise_profiles", "support_type_documents", "support_type_rules", "support_types", "programme_pauses", "programme_budgets", "support_programmes", "public_holidays"]) {
    await db.schema.dropTable(table).execute();
  }
}
