import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, Kysely, Migrator, SqliteAdapter, type SqliteDatabase, SqliteDriver, SqliteIntrospector, SqliteQueryCompiler } from "kysely";
import type { Database } from "../../db/types";
import { migrationProvider } from "../../db/migrations";

export type DB = Kysely<Database>;

export function databasePath(): string {
  return process.env.DATABASE_PATH ?? path.join(process.cwd(), "data", "portal.db");
}

export function openDatabase(file = databasePath()): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new ImmediateSqliteDriver({ database: withStatementCache(sqlite) }),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

/**
 * Kysely prepares every query it runs; the same few hundred SQL texts recur, so their prepared
 * statements are kept (the driver's one connection runs one query at a time, so sharing is safe).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= 1000) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  } as SqliteDatabase;
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). Several server processes share the
 * file; a deferred transaction that read first could not upgrade to writing once another process had
 * written (SQLITE_BUSY at once), while an immediate one simply waits its turn under the busy timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

// One Kysely instance per process: the server entry, the Remix bundle and the tests all reach this one.
const holder = globalThis as typeof globalThis & { __portalDb?: DB };

export function getDb(): DB {
  holder.__portalDb ??= openDatabase();
  return holder.__portalDb;
}

export async function closeDb(): Promise<void> {
  const current = holder.__portalDb;
  holder.__portalDb = undefined;
  await current?.destroy();
}

export async function migrateToLatest(db: DB): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
