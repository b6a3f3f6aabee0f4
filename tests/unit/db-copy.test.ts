import { describe, expect, it } from "vitest";
import {
  comparisonMatches,
  copyPlan,
  formatComparison,
  normaliseValue,
  parentsFirst,
  rowsPerInsert,
  TableChecksum,
} from "../../app/lib/db-copy";

describe("the order db:copy fills tables in", () => {
  it("puts every table after the tables its foreign keys reference", () => {
    const plan = copyPlan(
      ["scores", "users", "sheets", "assignments"],
      [
        { table: "scores", references: "sheets" },
        { table: "sheets", references: "assignments" },
        { table: "assignments", references: "users" },
      ],
    );
    expect(plan.order).toEqual(["users", "assignments", "sheets", "scores"]);
    expect(plan.cycles).toEqual([]);
  });

  it("keeps unrelated tables in alphabetical order, so both engines plan the same", () => {
    expect(copyPlan(["b", "c", "a"], []).order).toEqual(["a", "b", "c"]);
  });

  it("copies a self-referencing table once, noting it for parents-first rows, without calling it a cycle", () => {
    const plan = copyPlan(
      ["users", "organisations"],
      [
        { table: "organisations", references: "organisations" },
        { table: "organisations", references: "users" },
      ],
    );
    expect(plan.order).toEqual(["users", "organisations"]);
    expect(plan.selfReferencing).toEqual(["organisations"]);
    expect(plan.cycles).toEqual([]);
  });

  it("groups tables that reference each other, after what the group references and before what references it", () => {
    const plan = copyPlan(
      ["mous", "events", "users", "follow_ups"],
      [
        { table: "mous", references: "events" },
        { table: "events", references: "mous" },
        { table: "events", references: "users" },
        { table: "follow_ups", references: "mous" },
      ],
    );
    expect(plan.order).toEqual(["users", "events", "mous", "follow_ups"]);
    expect(plan.cycles).toEqual([["events", "mous"]]);
  });

  it("ignores foreign keys to tables it does not copy (Kysely's own)", () => {
    expect(copyPlan(["a"], [{ table: "a", references: "kysely_migration" }]).order).toEqual(["a"]);
  });
});

describe("rows of a self-referencing table", () => {
  it("come parents first, otherwise in primary-key order", () => {
    const rows = [
      { id: "a", parent: "c" },
      { id: "b", parent: null },
      { id: "c", parent: "b" },
      { id: "d", parent: "missing" },
    ];
    expect(parentsFirst(rows, "id", "parent").map((row) => row.id)).toEqual(["b", "c", "a", "d"]);
  });

  it("keeps every row of a loop among rows exactly once", () => {
    const rows = [
      { id: 1, parent: 2 },
      { id: 2, parent: 1 },
      { id: 3, parent: 3 },
    ];
    expect(
      parentsFirst(rows, "id", "parent")
        .map((row) => row.id)
        .sort(),
    ).toEqual([1, 2, 3]);
  });
});

describe("rows per insert", () => {
  it("is 500 for an ordinary table on either engine", () => {
    expect(rowsPerInsert(30, "sqlite")).toBe(500);
    expect(rowsPerInsert(30, "postgres")).toBe(500);
  });

  it("never binds more parameters than the target engine takes", () => {
    expect(rowsPerInsert(100, "sqlite")).toBe(327);
    expect(rowsPerInsert(100, "postgres")).toBe(500);
    expect(rowsPerInsert(200, "postgres")).toBe(327);
    expect(rowsPerInsert(200, "postgres") * 200).toBeLessThanOrEqual(65_535);
    expect(rowsPerInsert(40_000, "sqlite")).toBe(1);
  });
});

describe("the checksum both engines must agree on", () => {
  it("normalises values to numbers, text, null and hex bytes", () => {
    expect(normaliseValue(12)).toBe(12);
    expect(normaliseValue(-0)).toBe(0);
    expect(normaliseValue(12n)).toBe(12);
    expect(normaliseValue(0.4)).toBe(0.4);
    expect(normaliseValue(true)).toBe(1);
    expect(normaliseValue("2026-12-01T00:00:00.000Z")).toBe("2026-12-01T00:00:00.000Z");
    expect(normaliseValue(undefined)).toBeNull();
    expect(normaliseValue(Buffer.from([0xca, 0xfe]))).toEqual({ hex: "cafe" });
  });

  it("tells a number from the same digits as text", () => {
    const digest = (value: unknown) => {
      const checksum = new TableChecksum(["v"]);
      checksum.add({ v: value });
      return checksum.digest();
    };
    expect(digest(5)).not.toBe(digest("5"));
    expect(digest(null)).not.toBe(digest("null"));
  });

  it("does not depend on the order the engine lists columns in", () => {
    const a = new TableChecksum(["id", "name"]);
    const b = new TableChecksum(["name", "id"]);
    a.add({ id: 1, name: "Sở KH&CN" });
    b.add({ name: "Sở KH&CN", id: 1 });
    expect(a.digest()).toBe(b.digest());
    expect(a.rows).toBe(1);
  });

  it("changes when one value of one row changes, or rows swap", () => {
    const of = (rows: Array<Record<string, unknown>>) => {
      const checksum = new TableChecksum(["id", "amount"]);
      for (const row of rows) checksum.add(row);
      return checksum.digest();
    };
    const rows = [
      { id: 1, amount: 2_500_000_000 },
      { id: 2, amount: 0 },
    ];
    expect(of(rows)).toBe(of(rows.map((row) => ({ ...row }))));
    expect(of([rows[0], { id: 2, amount: 1 }])).not.toBe(of(rows));
    expect(of([rows[1], rows[0]])).not.toBe(of(rows));
  });

  it("prints a table with one line a table and marks a difference", () => {
    const rows = [
      { table: "users", sourceRows: 3, targetRows: 3, sourceChecksum: "a".repeat(64), targetChecksum: "a".repeat(64) },
      {
        table: "audit_events",
        sourceRows: 10,
        targetRows: 9,
        sourceChecksum: "b".repeat(64),
        targetChecksum: "c".repeat(64),
      },
    ];
    expect(comparisonMatches(rows[0])).toBe(true);
    expect(comparisonMatches(rows[1])).toBe(false);
    const lines = formatComparison(rows).split("\n");
    expect(lines[0]).toMatch(/^table\s+source rows\s+target rows\s+source checksum\s+target checksum$/);
    expect(lines[2]).toMatch(/^users\s+3\s+3\s+a{16}\s+a{16}\s+ok$/);
    expect(lines[3]).toMatch(/^audit_events\s+10\s+9\s+b{16}\s+c{16}\s+DIFFERENT$/);
  });
});
