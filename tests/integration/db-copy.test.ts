/**
 * db:copy's handling of what today's schema does not have but a later migration may add: a table that references
 * itself, and tables that reference each other. The source is a SQLite file; the target is a database of this
 * project's engine (a second SQLite file, or the file's own PostgreSQL database in integration-pg).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, migrateToLatest, openDatabase } from "../../app/lib/db.server";
import { copyDatabase, databaseChecksums } from "../../app/lib/db-copy.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-copy-"));
const sourceFile = path.join(dir, "source.db");
const target = databaseUrl() ?? path.join(dir, "target.db");
const onPostgres = target !== path.join(dir, "target.db");

/** The same extra tables on both sides; on PostgreSQL the cycle's keys are declared deferrable, as they would have to be. */
async function addTables(db: Kysely<any>, postgres: boolean): Promise<void> {
  const deferrable = postgres ? sql` deferrable` : sql``;
  await sql`create table test_tree (id text primary key, parent_id text references test_tree (id), name text not null)`.execute(
    db,
  );
  await sql`create table test_a (id integer primary key, b_id integer)`.execute(db);
  await sql`create table test_b (id integer primary key, a_id integer references test_a (id)${deferrable})`.execute(db);
  if (postgres) await sql`alter table test_a add foreign key (b_id) references test_b (id) deferrable`.execute(db);
  else {
    // SQLite cannot add a foreign key to a table: test_a is made again with it.
    await sql`drop table test_b`.execute(db);
    await sql`drop table test_a`.execute(db);
    await sql`create table test_a (id integer primary key, b_id integer references test_b (id))`.execute(db);
    await sql`create table test_b (id integer primary key, a_id integer references test_a (id))`.execute(db);
  }
}

beforeAll(async () => {
  const source = openDatabase(sourceFile);
  await migrateToLatest(source);
  await addTables(source, false);
  // In primary-key order the children ("a-…", "m-…") come before their parent ("z-root"), more than one insert's worth of them.
  await sql`insert into test_tree (id, parent_id, name) values ('z-root', null, 'Sở KH&CN'), ('m-branch', 'z-root', 'Phòng QLKH')`.execute(
    source,
  );
  for (let n = 0; n < 600; n++)
    await sql`insert into test_tree (id, parent_id, name) values (${`a-leaf-${String(n).padStart(3, "0")}`}, 'm-branch', ${`Tổ ${n}`})`.execute(
      source,
    );
  await sql`insert into test_a (id, b_id) values (1, null)`.execute(source);
  await sql`insert into test_b (id, a_id) values (1, 1)`.execute(source);
  await sql`update test_a set b_id = 1 where id = 1`.execute(source);
  await source.destroy();
  const prepared = openDatabase(target);
  await migrateToLatest(prepared);
  await addTables(prepared, onPostgres);
  await prepared.destroy();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("db:copy of tables that reference themselves or each other", () => {
  it("copies children listed before their parents, and a cycle checked at commit, and the checksums agree", async () => {
    const lines: string[] = [];
    const result = await copyDatabase({ from: sourceFile, to: target, log: (line) => lines.push(line) });
    expect(result.ok).toBe(true);
    expect(
      lines.filter((line) => /^ {2}test_(tree|a|b): /.test(line)).map((line) => line.replace(/ \(.*\)$/, "")),
    ).toEqual(["  test_a: 1 rows", "  test_b: 1 rows", "  test_tree: 602 rows"]);
    const [source, copy] = [openDatabase(sourceFile), openDatabase(target)];
    try {
      const sums = await databaseChecksums(copy);
      expect(sums.test_tree.rows).toBe(602);
      expect(sums.test_a.rows).toBe(1);
      expect(sums).toEqual(await databaseChecksums(source));
    } finally {
      await source.destroy();
      await copy.destroy();
    }
  });
});
