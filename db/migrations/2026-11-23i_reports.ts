import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    /** The modules the report covers, comma-separated (competition,incubation,sme,technology,connections). */
    .addColumn("modules", "text", (c) => c.notNull())
    .addColumn("reference_number", "text", (c) => c.notNull())
    .addColumn("issued_on", "text", (c) => c.notNull())
    .addColumn("subtitle", "text", (c) => c.notNull())
    .addColumn("subtitle_search", "text", (c) => c.notNull())
    .addColumn("addressee", "text", (c) => c.notNull())
    .addColumn("introduction", "text", (c) => c.notNull())
    /** The sections as staff edited them: JSON [{ key, heading, text }]. */
    .addColumn("sections_json", "text", (c) => c.notNull())
    /** The figures the sections were drafted from, as computed at drafting time (JSON). */
    .addColumn("figures_json", "text", (c) => c.notNull())
    .addColumn("drafted_at", "text", (c) => c.notNull())
    .addColumn("recipients", "text", (c) => c.notNull())
    .addColumn("signer_title", "text", (c) => c.notNull())
    .addColumn("signer_name", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("report_drafts_updated_idx").on("report_drafts").column("updated_at").execute();
  await db.schema.createIndex("report_drafts_created_by_idx").on("report_drafts").column("created_by").execute();
  await db.schema.createIndex("report_drafts_updated_by_idx").on("report_drafts").column("updated_by").execute();

  // The report's period filters: each dataset is narrowed by its own date.
  // Covering: the SME figures read the period's dossiers from the index alone (no table lookups).
  await db.schema.createIndex("support_dossiers_report_idx").on("support_dossiers").columns(["submitted_at", "status", "requested_vnd", "approved_vnd", "paid_vnd", "organisation_id"]).execute();
  await db.schema.createIndex("tech_applications_submitted_idx").on("tech_applications").column("submitted_at").execute();
  await db.schema.createIndex("tech_consultations_held_idx").on("tech_consultations").column("held_on").execute();
  await db.schema.createIndex("tech_certificates_issued_idx").on("tech_certificates").column("issued_at").execute();
  await db.schema.createIndex("incubation_records_started_idx").on("incubation_records").column("started_on").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ["support_dossiers_report_idx", "tech_applications_submitted_idx", "tech_consultations_held_idx", "tech_certificates_issued_idx", "incubation_records_started_idx"]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable("report_drafts").execute();
}
