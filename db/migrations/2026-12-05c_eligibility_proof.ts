import { sql, type Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// A document an edition asks for may prove one eligibility rule (the business registration certificate the
// enterprise's age, a residence confirmation the residency, the representative's ID card his age): null proves none.
// One requirement per rule and edition, kept by a partial unique index (both engines have them).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("competition_document_requirements")
    .addColumn("proves_rule", "text", (c) =>
      c.check(sql`proves_rule is null or proves_rule in ('enterprise_age', 'residency', 'representative_age')`),
    )
    .execute();
  await db.schema
    .createIndex("competition_document_requirements_proof_idx")
    .on("competition_document_requirements")
    .columns(["edition_id", "proves_rule"])
    .unique()
    .where(sql.ref("proves_rule"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("competition_document_requirements_proof_idx").execute();
  await db.schema.alterTable("competition_document_requirements").dropColumn("proves_rule").execute();
}
