import type { Kysely } from "kysely";

// Frozen in time once landed: never edit after it has; add a new migration instead.
// Decree 13/2023/NĐ-CP (personal data protection): who saw or exported other people's contacts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("personal_data_access")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("actor_id", "text", (c) => c.notNull().references("users.id"))
    /** "view" (a page showed the contacts) or "export" (a file carried them away). */
    .addColumn("kind", "text", (c) => c.notNull())
    /** Whose data, as a kind of record: "users", "organisation_members", "entry_members", "event_participants", "organisations". */
    .addColumn("subject_type", "text", (c) => c.notNull())
    /** The record whose people were shown (a user, an organisation, an entry, an event); null for a list. */
    .addColumn("subject_id", "text")
    /** The path requested, with the list's filters. */
    .addColumn("route", "text", (c) => c.notNull())
    /** How many people's contacts the answer carried. */
    .addColumn("row_count", "integer", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("personal_data_access_created_idx")
    .on("personal_data_access")
    .columns(["created_at", "id"])
    .execute();
  await db.schema
    .createIndex("personal_data_access_actor_idx")
    .on("personal_data_access")
    .columns(["actor_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("personal_data_access").execute();
}
