import { sql, type Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A government decision can give a weekday off and make a weekend day a working day in exchange ("làm bù").
  await db.schema
    .alterTable("public_holidays")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("day_off").check(sql`kind in ('day_off', 'working_day')`))
    .execute();
  // The decision or notice that set the day (e.g. "Thông báo 6150/TB-BLĐTBXH"); null for the days staff entered before.
  await db.schema.alterTable("public_holidays").addColumn("source", "text").execute();

  // Decree 80/2021 art. 32: the decision clock starts on the day the complete dossier (or its last supplement) was
  // received, not the day staff found it complete. Dossiers already complete keep the day their current step began
  // (the receipt or the last supplement), or the day they were found complete when that is unknown.
  for (const table of ["support_dossiers", "tech_applications"]) {
    await db.schema.alterTable(table).addColumn("received_complete_on", "text").execute();
    await db
      .updateTable(table)
      .set({ received_complete_on: sql`coalesce(step_started_on, complete_on)` })
      .where("complete_on", "is not", null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["support_dossiers", "tech_applications"]) await db.schema.alterTable(table).dropColumn("received_complete_on").execute();
  await db.schema.alterTable("public_holidays").dropColumn("source").execute();
  await db.schema.alterTable("public_holidays").dropColumn("kind").execute();
}
