import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  /** The organisations a judge works for or with, as staff recorded them: the source of proposed conflicts. */
  await db.schema
    .createTable("judge_organisations")
    .addColumn("judge_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("added_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("judge_organisations_pk", ["judge_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("judge_organisations_organisation_idx")
    .on("judge_organisations")
    .column("organisation_id")
    .execute();
  /** Why a conflict was proposed: JSON array of evidence items ({ kind, … }), null for one declared by the judge. */
  await db.schema.alterTable("judge_conflicts").addColumn("evidence_json", "text").execute();
  /** Staff's reason for dismissing a proposal (a dismissed pair is never proposed again). */
  await db.schema.alterTable("judge_conflicts").addColumn("decision_reason", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("judge_conflicts").dropColumn("decision_reason").execute();
  await db.schema.alterTable("judge_conflicts").dropColumn("evidence_json").execute();
  await db.schema.dropTable("judge_organisations").execute();
}
