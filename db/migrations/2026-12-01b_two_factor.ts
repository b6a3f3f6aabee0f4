import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_two_factor")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    /** The TOTP secret sealed with AES-256-GCM (never stored or shown in clear once enrolled). */
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    /** Null while the person has not yet confirmed a first code. */
    .addColumn("enabled_at", "text")
    /** The last time step a code was accepted for: a code is accepted once. */
    .addColumn("last_used_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("two_factor_recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("two_factor_recovery_codes_user_idx").on("two_factor_recovery_codes").columns(["user_id", "code_hash"]).execute();

  await db.schema
    .createTable("login_challenges")
    /** SHA-256 of the token in the challenge cookie. */
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("redirect_to", "text")
    .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    /** Set when the challenge is passed or void (too many wrong codes, a reset). */
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("login_challenges_user_idx").on("login_challenges").columns(["user_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_challenges").execute();
  await db.schema.dropTable("two_factor_recovery_codes").execute();
  await db.schema.dropTable("user_two_factor").execute();
}
