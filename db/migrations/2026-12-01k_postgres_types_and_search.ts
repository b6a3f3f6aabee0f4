import { type Kysely, PostgresAdapter, sql } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// PostgreSQL only (SQLite already keeps what these give: a real in an integer column, and its search is a scan).
// - An enterprise's insured staff is a yearly average and may be fractional (50,5): double precision, not bigint.
// - Substring search on the accent-free keys (`name_search like '%…%'`) uses trigram GIN indexes, so finding an
//   organisation among 50 000 reads the index, not the table. pg_trgm is a trusted extension: the database's
//   owner may create it.
const TRIGRAM_INDEXES = [
  ["organisations_name_search_trgm", "organisations", "name_search"],
  ["competition_entries_name_search_trgm", "competition_entries", "name_search"],
  ["connection_events_title_search_trgm", "connection_events", "title_search"],
  ["mous_title_search_trgm", "mous", "title_search"],
] as const;

const onPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (!onPostgres(db)) return;
  await sql`alter table enterprise_profiles alter column employees type double precision`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  for (const [name, table, column] of TRIGRAM_INDEXES) {
    await sql`create index ${sql.id(name)} on ${sql.table(table)} using gin (${sql.ref(column)} gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!onPostgres(db)) return;
  for (const [name] of TRIGRAM_INDEXES) await sql`drop index if exists ${sql.id(name)}`.execute(db);
  await sql`alter table enterprise_profiles alter column employees type bigint using round(employees)`.execute(db);
}
