import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  /**
   * Requests that make the portal send an e-mail without a login (password reset, registration), counted per
   * target address and per client IP to throttle them; in the database so that every server process sees them.
   */
  await db.schema
    .createTable("mail_requests")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mail_requests_email_idx").on("mail_requests").columns(["email", "created_at"]).execute();
  await db.schema.createIndex("mail_requests_ip_idx").on("mail_requests").columns(["ip", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mail_requests").execute();
}
