/**
 * What the tests read of the schema itself, on either engine: the tables, the foreign keys, and a counter that
 * moves whenever anything is written. The app never needs these; only tests look under the schema.
 */
import { sql } from "kysely";
import { databaseEngine, type DB } from "../../app/lib/db.server";

const onPostgres = () => databaseEngine() === "postgres";

/** The portal's own tables (not the engine's, not Kysely's migration bookkeeping), by name. */
export async function tableNames(db: DB): Promise<string[]> {
  const rows = onPostgres()
    ? await sql<{
        name: string;
      }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by table_name`.execute(
        db,
      )
    : await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
        db,
      );
  return rows.rows.map((row) => row.name);
}

/** Every `table.column` that references `target`. */
export async function foreignKeysTo(db: DB, target: string): Promise<string[]> {
  const rows = onPostgres()
    ? await sql<{ tbl: string; col: string }>`
        select c.conrelid::regclass::text as tbl, a.attname as col
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
        where c.contype = 'f' and c.confrelid = ${target}::regclass`.execute(db)
    : await sql<{
        tbl: string;
        col: string;
      }>`select m.name as tbl, p."from" as col from sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table' and p."table" = ${target}`.execute(
        db,
      );
  return rows.rows.map((row) => `${row.tbl}.${row.col}`).sort();
}

/**
 * A number that changes whenever a write reaches the database (and, on PostgreSQL, whenever any transaction
 * anywhere in the cluster is given an id: a cheap "maybe something changed" that a caller confirms by reading).
 */
export async function writeCounter(db: DB): Promise<string> {
  const result = onPostgres()
    ? await sql<{ n: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as n`.execute(db)
    : await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return String(result.rows[0].n);
}
