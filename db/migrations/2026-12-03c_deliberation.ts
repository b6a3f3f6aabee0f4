import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// Deliberation (a round option): judges who submitted see the other sheets of their entry, the committee writes
// notes per entry (append-only) and records its consensus decision with a reason. Feedback to applicants (an edition
// option): judges' comments reach the applicant once the results are published.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("competition_rounds")
    .addColumn("deliberation", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("competition_editions")
    .addColumn("feedback_to_applicants", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("deliberation_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("competition_rounds.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("competition_entries.id"))
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("deliberation_notes_entry_idx")
    .on("deliberation_notes")
    .columns(["round_id", "entry_id", "created_at"])
    .execute();
  await db.schema
    .createTable("consensus_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("competition_rounds.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("competition_entries.id"))
    /** "advance" | "do_not_advance" | "score_adjusted" */
    .addColumn("decision", "text", (c) => c.notNull())
    /** The committee's agreed score (100-point scale) when the decision adjusts it. */
    .addColumn("adjusted_score", "real")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consensus_decisions_entry_idx")
    .on("consensus_decisions")
    .columns(["round_id", "entry_id", "decided_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("consensus_decisions").execute();
  await db.schema.dropTable("deliberation_notes").execute();
  await db.schema.alterTable("competition_editions").dropColumn("feedback_to_applicants").execute();
  await db.schema.alterTable("competition_rounds").dropColumn("deliberation").execute();
}
