import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// Four eyes on the legal settings: a change to a programme's status, its step durations, a rate or cap, or the
// working-day calendar is proposed by one person with its legal source and takes effect when a leader approves it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("setting_proposals")
    .addColumn("id", "text", (c) => c.primaryKey())
    /** "programme_status" | "step_durations" | "support_rule" | "holiday_add" | "holiday_remove" */
    .addColumn("kind", "text", (c) => c.notNull())
    /** The programme, the support type, or the calendar day ("YYYY-MM-DD") the change is for. */
    .addColumn("target_id", "text", (c) => c.notNull())
    /** The validated form, as JSON text: what the apply function is given on approval. */
    .addColumn("payload", "text", (c) => c.notNull())
    /** The programme's version the proposer's page was loaded at (programme settings only). */
    .addColumn("loaded_version", "integer")
    /** Number, date and name of the legal document, e.g. "Quyết định 1325/QĐ-UBND ngày 20/7/2022". */
    .addColumn("source_document", "text", (c) => c.notNull())
    /** "pending" | "approved" | "rejected" | "withdrawn" */
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("proposed_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .execute();
  await db.schema
    .createIndex("setting_proposals_status_idx")
    .on("setting_proposals")
    .columns(["status", "proposed_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("setting_proposals").execute();
}
