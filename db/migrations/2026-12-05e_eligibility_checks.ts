import { sql, type Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// Staff record that they have checked an entry's proof file against the fact it proves ("Đã đối chiếu"): one row per
// check, of that file, once. A file removed by the team takes its checks with it (the audit log keeps who checked what).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("entry_eligibility_checks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("entry_id", "text", (c) => c.notNull().references("competition_entries.id"))
    .addColumn("rule", "text", (c) =>
      c.notNull().check(sql`rule in ('enterprise_age', 'residency', 'representative_age')`),
    )
    .addColumn("attachment_id", "text", (c) => c.notNull().references("attachments.id").onDelete("cascade"))
    .addColumn("checked_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("entry_eligibility_checks_file_idx")
    .on("entry_eligibility_checks")
    .columns(["entry_id", "rule", "attachment_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("entry_eligibility_checks_attachment_idx")
    .on("entry_eligibility_checks")
    .column("attachment_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("entry_eligibility_checks").execute();
}
