import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tie_resolutions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("competition_rounds.id"))
    /** Which cut-off the tie straddled: "prize" (the edition's last round) or "advancement". */
    .addColumn("cut_off", "text", (c) => c.notNull())
    /** The round's method when the committee decided, and the exact score the entries were tied on. */
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("score", "real", (c) => c.notNull())
    /** The tied entries in the committee's order, best first: JSON array of entry ids. */
    .addColumn("entry_ids_json", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tie_resolutions_round_idx").on("tie_resolutions").columns(["round_id", "decided_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("tie_resolutions").execute();
}
