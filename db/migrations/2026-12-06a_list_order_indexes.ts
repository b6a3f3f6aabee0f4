import { sql, type Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// The staff entries table pages in the order of an index (README D81): each sort column with the id after it, which
// the list orders by in the same direction, so no page sorts the whole edition. Its figures (by category and status,
// by sector) are counted from covering indexes, and the SME desk's figures from one over the columns they add up; the
// desk's default order (what is due soonest, nothing due last) has an index of its own expression.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("competition_entries_submitted_idx")
    .on("competition_entries")
    .columns(["edition_id", "submitted_at", "id"])
    .execute();
  await db.schema.dropIndex("competition_entries_name_idx").execute();
  await db.schema
    .createIndex("competition_entries_name_idx")
    .on("competition_entries")
    .columns(["edition_id", "name_search", "id"])
    .execute();
  await db.schema
    .createIndex("competition_entries_status_sort_idx")
    .on("competition_entries")
    .columns(["edition_id", "status", "id"])
    .execute();
  await db.schema
    .createIndex("competition_entries_category_idx")
    .on("competition_entries")
    .columns(["edition_id", "category_id", "status"])
    .execute();
  await db.schema
    .createIndex("competition_entries_sector_idx")
    .on("competition_entries")
    .columns(["edition_id", "sector", "status"])
    .execute();
  await db.schema
    .createIndex("support_dossiers_figures_idx")
    .on("support_dossiers")
    .columns(["status", "due_on", "requested_vnd", "approved_vnd", "paid_vnd"])
    .execute();
  await sql`create index support_dossiers_due_sort_idx on support_dossiers ((coalesce(due_on, '9999-12-31')), id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    "competition_entries_submitted_idx",
    "competition_entries_status_sort_idx",
    "competition_entries_category_idx",
    "competition_entries_sector_idx",
    "support_dossiers_figures_idx",
    "support_dossiers_due_sort_idx",
  ])
    await db.schema.dropIndex(name).execute();
  await db.schema.dropIndex("competition_entries_name_idx").execute();
  await db.schema
    .createIndex("competition_entries_name_idx")
    .on("competition_entries")
    .columns(["edition_id", "name_search"])
    .execute();
}
