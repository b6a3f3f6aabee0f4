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

  // Requests of data subjects (access, correction, erasure, consent withdrawal), handled by staff against the law's period.
  await db.schema
    .createTable("data_subject_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("requester_id", "text", (c) => c.notNull().references("users.id"))
    /** "access" | "correction" | "erasure" | "consent_withdrawal". */
    .addColumn("kind", "text", (c) => c.notNull())
    /** "received" → "in_progress" → "done" | "refused". */
    .addColumn("status", "text", (c) => c.notNull())
    /** What the person asks, in their words. */
    .addColumn("details", "text", (c) => c.notNull())
    /** Filed on the account page: received at once. A consent withdrawal takes effect at this instant. */
    .addColumn("received_at", "text", (c) => c.notNull())
    /** The instant the law's period ends (hours on the clock, or working days), computed at filing. */
    .addColumn("due_at", "text", (c) => c.notNull())
    /** The provision the period comes from, as it stood at filing. */
    .addColumn("legal_source", "text", (c) => c.notNull())
    .addColumn("handled_by", "text", (c) => c.references("users.id"))
    .addColumn("started_at", "text")
    .addColumn("closed_at", "text")
    /** What staff did (done) or why not (refused), as told to the person. */
    .addColumn("reply", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("data_subject_requests_status_idx")
    .on("data_subject_requests")
    .columns(["status", "due_at"])
    .execute();
  await db.schema
    .createIndex("data_subject_requests_requester_idx")
    .on("data_subject_requests")
    .columns(["requester_id", "received_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("data_subject_requests").execute();
  await db.schema.dropTable("personal_data_access").execute();
}
