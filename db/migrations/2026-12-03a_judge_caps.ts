import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// A round may cap how many entries one judge is given (automatic and manual assignment alike); null means no cap.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("competition_rounds").addColumn("max_entries_per_judge", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("competition_rounds").dropColumn("max_entries_per_judge").execute();
}
