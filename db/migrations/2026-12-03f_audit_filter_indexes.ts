import type { Kysely } from "kysely";

// Frozen in time once landed: never edit after it has; add a new migration instead.
// The audit page filters by action and by kind of record, newest first: an index for each, ending in the sort key.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("audit_events_action_created_idx")
    .on("audit_events")
    .columns(["action", "created_at"])
    .execute();
  await db.schema
    .createIndex("audit_events_type_created_idx")
    .on("audit_events")
    .columns(["entity_type", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("audit_events_type_created_idx").execute();
  await db.schema.dropIndex("audit_events_action_created_idx").execute();
}
