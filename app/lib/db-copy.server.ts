/**
 * `npm run db:copy -- --from <file or postgres://…> --to <postgres://… or file>`: moves a portal's database from
 * one engine to the other (or to a second database of the same engine) without losing a row, then proves it.
 * This is the one module besides db.server.ts that reads catalogues (sqlite_master, pragmas, pg_catalog): copying
 * a schema table by table has to know where tables and keys are described on each engine.
 */
import fs from "node:fs";
import { type Kysely, Migrator, PostgresAdapter, sql } from "kysely";
import { migrationProvider } from "../../db/migrations";
import { type DB, isPostgresTarget, migrateToLatest, openDatabase } from "./db.server";
import {
  comparisonMatches,
  copyPlan,
  type ForeignKey,
  formatComparison,
  parentsFirst,
  rowsPerInsert,
  TableChecksum,
  type TableComparison,
} from "./db-copy";

type Engine = "sqlite" | "postgres";
type Row = Record<string, unknown>;
// Copies whatever tables the catalogue lists at run time, so no compile-time Database fits.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export type TableShape = { name: string; columns: string[]; textColumns: string[]; primaryKey: string[] };
type Schema = {
  tables: TableShape[];
  foreignKeys: Array<ForeignKey & { column: string; referencedColumn: string; deferrable: boolean }>;
  identityColumns: Array<{ table: string; column: string }>;
};

/** Kysely's own bookkeeping: the target is migrated, never copied into. */
const KYSELY_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);
const READ_BATCH = 2_000;

export class CopyRefused extends Error {}

function engineOf(db: AnyDb): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

async function readSchema(db: AnyDb): Promise<Schema> {
  return engineOf(db) === "postgres" ? readPostgresSchema(db) : readSqliteSchema(db);
}

async function readSqliteSchema(db: AnyDb): Promise<Schema> {
  const names = (
    await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((name) => !KYSELY_TABLES.has(name));
  const tables: TableShape[] = [];
  const foreignKeys: Schema["foreignKeys"] = [];
  for (const name of names) {
    const columns = (
      await sql<{
        name: string;
        type: string;
        pk: number;
      }>`select name, type, pk from pragma_table_info(${name})`.execute(db)
    ).rows;
    const primaryKey = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    tables.push({
      name,
      columns: columns.map((c) => c.name),
      textColumns: columns.filter((c) => /char|text|clob/i.test(c.type)).map((c) => c.name),
      primaryKey,
    });
    for (const fk of (
      await sql<{
        table: string;
        from: string;
        to: string;
      }>`select "table", "from", "to" from pragma_foreign_key_list(${name})`.execute(db)
    ).rows) {
      // SQLite's foreign keys can be checked at commit for the whole transaction (pragma defer_foreign_keys).
      foreignKeys.push({
        table: name,
        references: fk.table,
        column: fk.from,
        referencedColumn: fk.to,
        deferrable: true,
      });
    }
  }
  // No sequences to reset: an autoincrement key's counter (sqlite_sequence) follows the largest id inserted.
  return { tables, foreignKeys, identityColumns: [] };
}

async function readPostgresSchema(db: AnyDb): Promise<Schema> {
  const columns = (
    await sql<{ table_name: string; column_name: string; data_type: string; identity: number }>`
      select table_name, column_name, data_type, (is_identity = 'YES' or coalesce(column_default, '') like 'nextval(%') as identity
      from information_schema.columns
      where table_schema = current_schema() and table_name in (select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE')
      order by table_name, ordinal_position`.execute(db)
  ).rows.filter((c) => !KYSELY_TABLES.has(c.table_name));
  const keys = (
    await sql<{ table_name: string; column_name: string }>`
      select kcu.table_name, kcu.column_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema()
      order by kcu.table_name, kcu.ordinal_position`.execute(db)
  ).rows;
  const foreignKeys = (
    await sql<{ table: string; references: string; column: string; referenced_column: string; deferrable: number }>`
      select c.conrelid::regclass::text as "table", c.confrelid::regclass::text as "references", a.attname as "column", ra.attname as referenced_column, c.condeferrable as deferrable
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db)
  ).rows;
  const tables = [...new Set(columns.map((c) => c.table_name))].sort().map((name) => {
    const own = columns.filter((c) => c.table_name === name);
    return {
      name,
      columns: own.map((c) => c.column_name),
      textColumns: own.filter((c) => /char|text/.test(c.data_type)).map((c) => c.column_name),
      primaryKey: keys.filter((k) => k.table_name === name).map((k) => k.column_name),
    };
  });
  return {
    tables,
    foreignKeys: foreignKeys.map((fk) => ({
      table: fk.table,
      references: fk.references,
      column: fk.column,
      referencedColumn: fk.referenced_column,
      deferrable: Boolean(fk.deferrable),
    })),
    identityColumns: columns.filter((c) => c.identity).map((c) => ({ table: c.table_name, column: c.column_name })),
  };
}

/**
 * Rows in primary-key order, a page at a time, each page after the last key read (an index range, not an
 * offset that rescans the table). On PostgreSQL text keys are ordered byte by byte (collate "C"), as SQLite
 * orders them, so that both engines feed a table's checksum the same sequence whatever the database's locale.
 */
async function* readRows(db: AnyDb, table: TableShape): AsyncGenerator<Row[]> {
  const postgres = engineOf(db) === "postgres";
  const keyColumns = sql.join(
    table.primaryKey.map((column) =>
      postgres && table.textColumns.includes(column) ? sql`${sql.ref(column)} collate "C"` : sql.ref(column),
    ),
  );
  const columns = sql.join(table.columns.map((column) => sql.ref(column)));
  let last: Row | undefined;
  for (;;) {
    const after = last
      ? sql`where (${keyColumns}) > (${sql.join(table.primaryKey.map((column) => last![column]))})`
      : sql``;
    const { rows } =
      await sql<Row>`select ${columns} from ${sql.table(table.name)} ${after} order by ${keyColumns} limit ${READ_BATCH}`.execute(
        db,
      );
    if (rows.length) yield rows;
    if (rows.length < READ_BATCH) return;
    last = rows[rows.length - 1];
  }
}

export async function tableChecksum(db: AnyDb, table: TableShape): Promise<{ rows: number; checksum: string }> {
  const checksum = new TableChecksum(table.columns);
  for await (const rows of readRows(db, table)) for (const row of rows) checksum.add(row);
  return { rows: checksum.rows, checksum: checksum.digest() };
}

/** Every table's row count and checksum (the test compares three databases with this). */
export async function databaseChecksums(db: AnyDb): Promise<Record<string, { rows: number; checksum: string }>> {
  const { tables } = await readSchema(db);
  const result: Record<string, { rows: number; checksum: string }> = {};
  for (const table of tables) result[table.name] = await tableChecksum(db, table);
  return result;
}

/** The source must be at exactly the migrations this code knows: then both sides have the same tables and columns. */
async function requireLatestMigration(source: DB, label: string): Promise<void> {
  const known = (await new Migrator({ db: source, provider: migrationProvider }).getMigrations()).map((m) => m.name);
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(source)).rows.map(
      (r) => r.name,
    );
  } catch {
    throw new CopyRefused(`The source ${label} is not a portal database (it has no kysely_migration table).`);
  }
  const missing = known.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !known.includes(name));
  if (missing.length)
    throw new CopyRefused(
      `The source ${label} is not at the latest migration (not applied: ${missing.join(", ")}). Migrate it first (npm run db:migrate with its DATABASE_PATH or DATABASE_URL), then copy.`,
    );
  if (unknown.length)
    throw new CopyRefused(
      `The source ${label} has migrations this version of the portal does not know (${unknown.join(", ")}). Copy with the portal version that wrote it.`,
    );
}

/**
 * The rows a fresh migration writes itself (the reference data of the technology programme): a target holding
 * those and nothing else is empty, and its reference rows are replaced by the source's (which staff may have edited).
 */
async function migrationReferenceKeys(): Promise<Map<string, Set<string>>> {
  const scratch = openDatabase(":memory:");
  try {
    await migrateToLatest(scratch);
    const keys = new Map<string, Set<string>>();
    for (const table of (await readSchema(scratch)).tables) {
      const found = new Set<string>();
      for await (const rows of readRows(scratch, table)) for (const row of rows) found.add(keyOf(table, row));
      if (found.size) keys.set(table.name, found);
    }
    return keys;
  } finally {
    await scratch.destroy();
  }
}

function keyOf(table: TableShape, row: Row): string {
  return JSON.stringify(table.primaryKey.map((column) => row[column]));
}

/** Tables of the target that hold rows beyond the migrations' own reference data, with their row counts. */
async function tablesHoldingData(target: DB, schema: Schema, reference: Map<string, Set<string>>): Promise<string[]> {
  const holding: string[] = [];
  for (const table of schema.tables) {
    const known = reference.get(table.name);
    if (!known) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(target);
      if (Number(rows[0].n) > 0) holding.push(`${table.name} (${rows[0].n} rows)`);
      continue;
    }
    let extra = 0;
    for await (const rows of readRows(target, table))
      extra += rows.filter((row) => !known.has(keyOf(table, row))).length;
    if (extra) holding.push(`${table.name} (${extra} rows beyond the migrations' reference data)`);
  }
  return holding;
}

function sameShape(source: Schema, target: Schema): string | null {
  const describe = (schema: Schema) => new Map(schema.tables.map((t) => [t.name, [...t.columns].sort().join(",")]));
  const a = describe(source);
  const b = describe(target);
  for (const [name, columns] of a)
    if (b.get(name) !== columns)
      return `table ${name} differs between source and target (${columns} / ${b.get(name) ?? "missing"})`;
  for (const name of b.keys()) if (!a.has(name)) return `table ${name} exists only in the target`;
  return null;
}

export type CopyResult = { comparison: TableComparison[]; ok: boolean; seconds: number };

export async function copyDatabase(options: {
  from: string;
  to: string;
  log?: (line: string) => void;
}): Promise<CopyResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.from === options.to) throw new CopyRefused("--from and --to name the same database.");
  if (!isPostgresTarget(options.from) && !fs.existsSync(options.from))
    throw new CopyRefused(`The source ${options.from} does not exist.`);
  const started = performance.now();
  const source = openDatabase(options.from);
  let target: DB | undefined;
  try {
    await requireLatestMigration(source, label(options.from));
    // Opened only now: a refused source leaves no new file behind.
    target = openDatabase(options.to);
    const applied = await migrateToLatest(target);
    log(
      applied.length ? `Target migrated: ${applied.length} migrations applied.` : "Target is at the latest migration.",
    );
    const [sourceSchema, targetSchema, reference] = [
      await readSchema(source),
      await readSchema(target),
      await migrationReferenceKeys(),
    ];
    const keyless = targetSchema.tables.filter((t) => t.primaryKey.length === 0).map((t) => t.name);
    if (keyless.length)
      throw new CopyRefused(
        `Tables without a primary key cannot be copied and compared row by row: ${keyless.join(", ")}.`,
      );
    const mismatch = sameShape(sourceSchema, targetSchema);
    if (mismatch) throw new CopyRefused(`The schemas do not match: ${mismatch}.`);
    const holding = await tablesHoldingData(target, targetSchema, reference);
    if (holding.length) {
      const shown =
        holding.length > 5
          ? `${holding.slice(0, 5).join(", ")} and ${holding.length - 5} more tables`
          : holding.join(", ");
      throw new CopyRefused(
        `The target already holds data: ${shown}. db:copy only fills an empty database; create a new one (or remove this one) and run it again.`,
      );
    }

    const plan = copyPlan(
      targetSchema.tables.map((t) => t.name),
      targetSchema.foreignKeys,
    );
    const cyclic = new Set(plan.cycles.flat());
    const notDeferrable = targetSchema.foreignKeys.filter(
      (fk) => cyclic.has(fk.table) && cyclic.has(fk.references) && !fk.deferrable,
    );
    if (notDeferrable.length)
      throw new CopyRefused(
        `Tables ${[...cyclic].join(", ")} reference each other through foreign keys that cannot be deferred (${notDeferrable.map((fk) => `${fk.table}.${fk.column}`).join(", ")}).`,
      );
    const shapes = new Map(targetSchema.tables.map((t) => [t.name, t]));
    const targetEngine = engineOf(target);

    log(`Copying ${plan.order.length} tables from ${label(options.from)} to ${label(options.to)}:`);
    await target.transaction().execute(async (trx) => {
      // Checked at commit: rows of tables that reference each other (none in today's schema) can arrive in any order.
      if (plan.cycles.length)
        await (
          targetEngine === "sqlite" ? sql`pragma defer_foreign_keys = on` : sql`set constraints all deferred`
        ).execute(trx);
      for (const name of [...plan.order].reverse())
        if (reference.has(name)) await sql`delete from ${sql.table(name)}`.execute(trx);
      for (const name of plan.order) {
        const table = shapes.get(name)!;
        const tableStarted = performance.now();
        const batch = rowsPerInsert(table.columns.length, targetEngine);
        const selfKey = plan.selfReferencing.includes(name)
          ? targetSchema.foreignKeys.find((fk) => fk.table === name && fk.references === name)
          : undefined;
        let copied = 0;
        const insert = async (rows: Row[]) => {
          for (let start = 0; start < rows.length; start += batch) {
            await trx
              .insertInto(name as never)
              .values(rows.slice(start, start + batch) as never)
              .execute();
          }
          copied += rows.length;
        };
        if (selfKey) {
          const all: Row[] = [];
          for await (const rows of readRows(source, table)) all.push(...rows);
          await insert(parentsFirst(all, selfKey.referencedColumn, selfKey.column));
        } else {
          for await (const rows of readRows(source, table)) await insert(rows);
        }
        log(`  ${name}: ${copied} rows (${((performance.now() - tableStarted) / 1000).toFixed(1)} s)`);
      }
      if (targetEngine === "postgres") {
        // Identity keys were given explicit values; the next generated one must come after the largest copied.
        for (const { table, column } of targetSchema.identityColumns) {
          await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
            trx,
          );
        }
        if (targetSchema.identityColumns.length)
          log(
            `Identity sequences reset to the copied maximum: ${targetSchema.identityColumns.map((c) => `${c.table}.${c.column}`).join(", ")}.`,
          );
      }
    });

    log("Comparing row counts and checksums (rows in primary-key order, values as numbers, text and null):");
    const comparison: TableComparison[] = [];
    for (const name of [...plan.order].sort()) {
      const [from, to] = [
        await tableChecksum(source, shapes.get(name)!),
        await tableChecksum(target, shapes.get(name)!),
      ];
      comparison.push({
        table: name,
        sourceRows: from.rows,
        targetRows: to.rows,
        sourceChecksum: from.checksum,
        targetChecksum: to.checksum,
      });
    }
    log(formatComparison(comparison));
    const different = comparison.filter((row) => !comparisonMatches(row));
    const seconds = (performance.now() - started) / 1000;
    const total = comparison.reduce((sum, row) => sum + row.targetRows, 0);
    log(
      different.length
        ? `DIFFERENT: ${different.map((row) => row.table).join(", ")}.`
        : `All ${comparison.length} tables match: ${total} rows copied in ${seconds.toFixed(1)} s.`,
    );
    log(
      "Uploaded files are not in the database: rows name them by content hash under the uploads folder (UPLOADS_DIR, else DATA_DIR/uploads). " +
        "If the new portal shares that folder, nothing more to do; otherwise copy the folder as it is (e.g. rsync -a <old>/uploads/ <new>/uploads/) before serving.",
    );
    log(
      "Nor are the secrets: give the new portal the same session-secret and two-factor-key files from the old DATA_DIR (or the same SESSION_SECRET and TWO_FACTOR_KEY); " +
        "without the two-factor key, accounts with two-factor sign-in cannot sign in.",
    );
    return { comparison, ok: different.length === 0, seconds };
  } finally {
    await source.destroy();
    await target?.destroy();
  }
}

/** A database for the output: the file, or the URL without its password. */
function label(target: string): string {
  try {
    const url = new URL(target);
    if (url.password) url.password = "***";
    return /^postgres/.test(url.protocol) ? url.toString() : target;
  } catch {
    return target;
  }
}
