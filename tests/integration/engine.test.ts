/**
 * The same values and the same behaviour on both engines: this file runs in the `integration` project (SQLite)
 * and in `integration-pg` (PostgreSQL), and asserts the same things on each.
 */
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEngine, getDb, openDatabase, type DB } from "../../app/lib/db.server";
import { containsKey, containsText, escapeLike, startsWithText } from "../../app/lib/search-sql";

const anyDb = () => getDb() as unknown as Kysely<any>;
const BIG = 5_000_000_000_123; // đồng: far over PostgreSQL's 32-bit integer

beforeAll(async () => {
  await anyDb()
    .schema.createTable("engine_probe")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("amount", "integer")
    .addColumn("ratio", "real")
    .addColumn("label", "text")
    .execute();
  await anyDb()
    .insertInto("engine_probe")
    .values([
      { amount: BIG, ratio: 0.1 + 0.2, label: "Nấm 50% hữu cơ" },
      { amount: 7, ratio: 1 / 3, label: "Nấm 5000 hữu cơ" },
      { amount: null, ratio: null, label: "A_B Sâm" },
      { amount: 1, ratio: 2.5, label: "AxB Sâm" },
    ])
    .execute();
});

afterAll(async () => {
  await anyDb().schema.dropTable("engine_probe").execute();
});

describe(`values as the code expects them (${databaseEngine()})`, () => {
  it("keeps 64-bit money and 8-byte reals exactly, and numbers its keys by itself", async () => {
    const rows = await anyDb().selectFrom("engine_probe").selectAll().orderBy("id").execute();
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(rows[0].amount).toBe(BIG);
    expect(rows[0].ratio).toBe(0.1 + 0.2);
    expect(rows[1].ratio).toBe(1 / 3);
    expect(rows[2].amount).toBeNull();
  });

  it("returns counts, sums and averages as numbers, and truth as 1 and 0", async () => {
    const row = await anyDb()
      .selectFrom("engine_probe")
      .select([
        sql<number>`count(*)`.as("n"),
        sql<number>`sum(amount)`.as("total"),
        sql<number>`avg(ratio)`.as("mean"),
        sql<number>`count(*) > 3`.as("many"),
        sql<number>`exists (select 1 from engine_probe where amount is null)`.as("some_null"),
      ])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 4, total: BIG + 8, mean: (0.1 + 0.2 + 1 / 3 + 2.5) / 3, many: 1, some_null: 1 });
  });

  it("stores every number column of the schema wide enough: money as 64-bit, scores as double precision", async () => {
    await getDb()
      .insertInto("users")
      .values({
        id: "u-engine",
        email: "engine@example.vn",
        full_name: "Engine",
        phone: null,
        password_hash: "x",
        role: "staff",
        status: "active",
        created_at: "2026-12-01T00:00:00.000Z",
        updated_at: "2026-12-01T00:00:00.000Z",
        last_login_at: null,
      })
      .execute();
    const programme = await getDb().selectFrom("support_programmes").select("id").executeTakeFirst();
    if (programme) {
      await getDb()
        .insertInto("programme_budgets")
        .values({ programme_id: programme.id, year: 2099, amount_vnd: BIG })
        .execute();
      const budget = await getDb()
        .selectFrom("programme_budgets")
        .select("amount_vnd")
        .where("programme_id", "=", programme.id)
        .where("year", "=", 2099)
        .executeTakeFirstOrThrow();
      expect(budget.amount_vnd).toBe(BIG);
      await getDb().deleteFrom("programme_budgets").where("year", "=", 2099).execute();
    }
    if (databaseEngine() === "postgres") {
      const types = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema() and data_type in ('integer', 'real', 'smallint')`.execute(getDb());
      expect(types.rows, "no 32-bit integer or 4-byte real column on PostgreSQL").toEqual([]);
    }
    await getDb().deleteFrom("users").where("id", "=", "u-engine").execute();
  });

  it("carries a NUL character without failing, and finds nothing by it", async () => {
    const found = await getDb().selectFrom("users").select("id").where("id", "=", "a\0b").execute();
    expect(found).toEqual([]);
  });
});

describe(`searches that mean the same on both engines (${databaseEngine()})`, () => {
  const labels = (where: ReturnType<typeof containsText>) =>
    anyDb()
      .selectFrom("engine_probe")
      .select("label")
      .where(where)
      .orderBy("id")
      .execute()
      .then((rows) => rows.map((r) => r.label));

  it("matches what was typed literally: % and _ are characters, not wildcards", async () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
    expect(await labels(containsText("label", "50%"))).toEqual(["Nấm 50% hữu cơ"]);
    expect(await labels(containsText("label", "A_B"))).toEqual(["A_B Sâm"]);
    expect(await labels(startsWithText("label", "A_"))).toEqual(["A_B Sâm"]);
  });

  it("ignores case on both engines alike (SQLite's LIKE does, PostgreSQL's would not)", async () => {
    expect(await labels(containsText("label", "a_b"))).toEqual(["A_B Sâm"]);
    expect(await labels(startsWithText("label", "axb"))).toEqual(["AxB Sâm"]);
    expect(await labels(containsText("label", "nấm 5"))).toEqual(["Nấm 50% hữu cơ", "Nấm 5000 hữu cơ"]);
  });

  it("compares a search key column as stored, with the key lowered", async () => {
    await anyDb().insertInto("engine_probe").values({ amount: 0, ratio: 0, label: "nam duoc lieu" }).execute();
    expect(await labels(containsKey("label", "DUOC"))).toEqual(["nam duoc lieu"]);
    await anyDb().deleteFrom("engine_probe").where("label", "=", "nam duoc lieu").execute();
  });
});

// On SQLite the same guarantee comes from BEGIN IMMEDIATE across server processes (tests/e2e/concurrency.test.ts);
// two handles inside one process would block its one thread on each other, which no server does.
describe.runIf(databaseEngine() === "postgres")("one writer at a time, across connections and instances", () => {
  let other: DB;
  beforeAll(() => {
    other = openDatabase();
  });
  afterAll(async () => {
    await other.destroy();
  });

  it("gives 40 concurrent read-max-then-insert transactions on two connections 40 distinct, consecutive numbers", async () => {
    await anyDb()
      .schema.createTable("engine_numbers")
      .addColumn("n", "integer", (c) => c.primaryKey())
      .addColumn("by", "text")
      .execute();
    const next = (db: DB, by: string) =>
      db.transaction().execute(async (trx) => {
        const t = trx as unknown as Kysely<any>;
        const { max } = await t
          .selectFrom("engine_numbers")
          .select(sql<number | null>`max(n)`.as("max"))
          .executeTakeFirstOrThrow();
        await new Promise((resolve) => setTimeout(resolve, 2));
        await t
          .insertInto("engine_numbers")
          .values({ n: (max ?? 0) + 1, by })
          .execute();
      });
    await Promise.all(Array.from({ length: 40 }, (_, i) => next(i % 2 ? getDb() : other, i % 2 ? "a" : "b")));
    const numbers = (await anyDb().selectFrom("engine_numbers").select("n").orderBy("n").execute()).map((r) => r.n);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await anyDb().schema.dropTable("engine_numbers").execute();
  });
});
