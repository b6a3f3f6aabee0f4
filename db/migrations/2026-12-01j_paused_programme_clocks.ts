import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// While a programme is paused no department clock runs and no dossier is overdue, not even one whose date had passed
// before the pause. Dossiers whose date was stored under the earlier rule lose it until the pause ends (reopening
// recomputes every open dossier's date); the enterprise's own supplement deadline is kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable("support_dossiers")
    .set({ due_on: null })
    .where("status", "in", ["submitted", "received", "complete", "under_appraisal", "proposed"])
    .where("programme_id", "in", db.selectFrom("programme_pauses").select("programme_id").where("to_on", "is", null))
    .execute();
}

// The dates cleared were not the rule's; a reopening or any calendar change computes them again.
export async function down(_db: Kysely<any>): Promise<void> {}
