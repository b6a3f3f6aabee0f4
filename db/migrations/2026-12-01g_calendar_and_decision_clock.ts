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
  // received, not the day staff found it complete. For dossiers already found complete that day is read from their
  // audit trail (the last receipt or supplement before the last "found complete"), else the day their current step
  // began, else the day they were found complete.
  for (const { table, entityType, received, complete } of CLOCKS) {
    await db.schema.alterTable(table).addColumn("received_complete_on", "text").execute();
    const rows: Array<{ id: string; step_started_on: string | null; complete_on: string }> = await db.selectFrom(table).select(["id", "step_started_on", "complete_on"]).where("complete_on", "is not", null).execute();
    for (const row of rows) {
      const events: Array<{ action: string; created_at: string }> = await db
        .selectFrom("audit_events")
        .select(["action", "created_at"])
        .where("entity_type", "=", entityType)
        .where("entity_id", "=", row.id)
        .where("action", "in", [...received, complete])
        .orderBy("id")
        .execute();
      let receivedOn: string | null = null;
      let clockStart: string | null = null;
      for (const event of events) {
        if (event.action === complete) clockStart = receivedOn;
        else receivedOn = provinceDate(event.created_at);
      }
      await db
        .updateTable(table)
        .set({ received_complete_on: clockStart ?? row.step_started_on ?? row.complete_on })
        .where("id", "=", row.id)
        .execute();
    }
  }
}

const CLOCKS = [
  { table: "support_dossiers", entityType: "support_dossier", received: ["sme.dossier_receive", "sme.dossier_supplement"], complete: "sme.dossier_mark_complete" },
  { table: "tech_applications", entityType: "tech_application", received: ["technology.application_submit", "technology.application_supplement"], complete: "technology.application_mark_complete" },
];

/** The calendar date in Quảng Ngãi (UTC+7 all year) of a stored UTC instant. */
function provinceDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["support_dossiers", "tech_applications"]) await db.schema.alterTable(table).dropColumn("received_complete_on").execute();
  await db.schema.alterTable("public_holidays").dropColumn("source").execute();
  await db.schema.alterTable("public_holidays").dropColumn("kind").execute();
}
