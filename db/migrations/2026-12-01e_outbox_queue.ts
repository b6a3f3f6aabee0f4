import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// The outbox becomes a claimed queue (queued → sending → sent / failed) with retries and a lease.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox_messages").addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0)).execute();
  /** When a queued message may be tried (again); null = at once. */
  await db.schema.alterTable("outbox_messages").addColumn("next_attempt_at", "text").execute();
  /** The claim of the sender holding a "sending" message, and when that claim lapses. */
  await db.schema.alterTable("outbox_messages").addColumn("claim_token", "text").execute();
  await db.schema.alterTable("outbox_messages").addColumn("lease_expires_at", "text").execute();
  /** What the message is about to whom (e.g. a reminder of one record to one recipient), for not sending it twice within a window. */
  await db.schema.alterTable("outbox_messages").addColumn("dedupe_key", "text").execute();
  await db.schema.createIndex("outbox_messages_due_idx").on("outbox_messages").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_messages_claim_idx").on("outbox_messages").column("claim_token").execute();
  await db.schema.createIndex("outbox_messages_dedupe_idx").on("outbox_messages").columns(["dedupe_key", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ["outbox_messages_due_idx", "outbox_messages_claim_idx", "outbox_messages_dedupe_idx"]) await db.schema.dropIndex(index).execute();
  for (const column of ["dedupe_key", "lease_expires_at", "claim_token", "next_attempt_at", "attempts"]) await db.schema.alterTable("outbox_messages").dropColumn(column).execute();
}
