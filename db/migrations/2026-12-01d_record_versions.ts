import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.

/** The records several staff edit from one form: each save must start from the version it was loaded at. */
const TABLES = ["organisations", "competition_editions", "support_programmes", "report_drafts"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn("version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).dropColumn("version").execute();
  }
}
