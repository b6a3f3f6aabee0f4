/**
 * A transaction waiting for another process's write lock on the SQLite file waits without blocking its process
 * (app/lib/db.server.ts, ImmediateSqliteDriver): the other requests of a worker keep being served meanwhile.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { databaseEngine, openDatabase, type DB } from "../../app/lib/db.server";

const onPostgres = databaseEngine() === "postgres";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-lock-"));
let db: DB | undefined;

afterAll(async () => {
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(onPostgres)("waiting for the SQLite write lock", () => {
  it("keeps the event loop turning while another connection holds the lock, then writes", async () => {
    const file = path.join(dir, "lock.db");
    db = openDatabase(file);
    await sql`create table notes (id integer primary key, body text not null)`.execute(db);
    // Another process's connection, as a second server worker would hold it.
    const other = new SQLite(file);
    other.pragma("busy_timeout = 5000");
    other.exec("begin immediate");
    other.prepare("insert into notes (body) values (?)").run("the other worker's");

    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    // The other worker commits 150 ms later: a timer, which only fires if this process is not blocked.
    const release = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec("commit");
        resolve();
      }, 150),
    );
    const started = Date.now();
    await db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values (${"this worker's"})`.execute(trx);
    });
    const waited = Date.now() - started;
    clearInterval(timer);
    await release;
    other.close();

    expect(waited).toBeGreaterThanOrEqual(140);
    expect(ticks).toBeGreaterThanOrEqual(10);
    const rows = await sql<{ body: string }>`select body from notes order by id`.execute(db);
    expect(rows.rows.map((r) => r.body)).toEqual(["the other worker's", "this worker's"]);
    // The statements outside a transaction wait under the busy timeout again.
    expect(await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)).toMatchObject({
      rows: [{ timeout: 5000 }],
    });
  });
});
