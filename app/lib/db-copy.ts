/**
 * The pure parts of `npm run db:copy` (db-copy.server.ts does the reading and writing): the order tables are
 * copied in, how many rows go in one insert, and the checksum that both engines must agree on.
 */
import { createHash } from "node:crypto";

export type ForeignKey = { table: string; references: string };

export type CopyPlan = {
  /** Every table, each after the tables it references (a cycle's tables together, after what the cycle references). */
  order: string[];
  /** Tables that reference themselves: their rows are inserted parents first. */
  selfReferencing: string[];
  /** Groups of two or more tables that reference each other: copied with foreign keys checked at commit. */
  cycles: string[][];
};

/**
 * A topological order of the tables by their foreign keys (Tarjan's strongly connected components, which come
 * out dependencies first). Ties keep alphabetical order, so the plan is the same on both engines.
 */
export function copyPlan(tables: readonly string[], foreignKeys: readonly ForeignKey[]): CopyPlan {
  const names = [...tables].sort();
  const known = new Set(names);
  const references = new Map(names.map((name) => [name, new Set<string>()]));
  const selfReferencing = new Set<string>();
  for (const { table, references: parent } of foreignKeys) {
    if (!known.has(table) || !known.has(parent)) continue;
    if (table === parent) selfReferencing.add(table);
    else references.get(table)!.add(parent);
  }
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const order: string[] = [];
  const cycles: string[][] = [];
  const visit = (table: string) => {
    index.set(table, index.size);
    lowLink.set(table, index.get(table)!);
    stack.push(table);
    onStack.add(table);
    for (const parent of [...references.get(table)!].sort()) {
      if (!index.has(parent)) {
        visit(parent);
        lowLink.set(table, Math.min(lowLink.get(table)!, lowLink.get(parent)!));
      } else if (onStack.has(parent)) {
        lowLink.set(table, Math.min(lowLink.get(table)!, index.get(parent)!));
      }
    }
    if (lowLink.get(table) !== index.get(table)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== table);
    component.sort();
    order.push(...component);
    if (component.length > 1) cycles.push(component);
  };
  for (const table of names) if (!index.has(table)) visit(table);
  return { order, selfReferencing: [...selfReferencing].sort(), cycles };
}

/**
 * Rows of a self-referencing table with every row after the row it points to (rows pointing nowhere, or to a
 * row not in the table, first), otherwise in the order given. A loop among rows is left in the given order.
 */
export function parentsFirst<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  key: string,
  parentKey: string,
): Row[] {
  const byKey = new Map(rows.map((row) => [row[key], row]));
  const placed = new Set<unknown>();
  const ordered: Row[] = [];
  const place = (row: Row, path: Set<unknown>) => {
    if (placed.has(row[key])) return;
    const parent = row[parentKey];
    if (parent !== null && parent !== undefined && byKey.has(parent) && !path.has(parent))
      place(byKey.get(parent)!, new Set(path).add(row[key]));
    if (placed.has(row[key])) return;
    placed.add(row[key]);
    ordered.push(row);
  };
  for (const row of rows) place(row, new Set([row[key]]));
  return ordered;
}

/** Bind parameters one statement may carry: PostgreSQL's protocol counts them in 16 bits; SQLite's default maximum. */
export const BIND_PARAMETER_LIMIT = { postgres: 65_535, sqlite: 32_766 } as const;

/** Rows per insert: at most `preferred`, and never more bind parameters than the target engine takes. */
export function rowsPerInsert(columns: number, engine: keyof typeof BIND_PARAMETER_LIMIT, preferred = 500): number {
  return Math.max(1, Math.min(preferred, Math.floor(BIND_PARAMETER_LIMIT[engine] / Math.max(1, columns))));
}

/**
 * A value as both engines mean it: SQLite and PostgreSQL (through our type parsers) both give integers and
 * reals as JS numbers and text as strings; a 64-bit integer that came as a bigint becomes a number when exact,
 * a boolean 1/0 (as SQLite stores it), bytes hex. -0 and 0 are the same number.
 */
export function normaliseValue(value: unknown): null | number | string | { hex: string } {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Object.is(value, -0) ? 0 : value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return { hex: Buffer.from(value).toString("hex") };
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`db:copy cannot compare a value of type ${typeof value}`);
}

/** A running checksum of a table: rows fed in primary-key order, columns by name, each row one JSON line. */
export class TableChecksum {
  private readonly hash = createHash("sha256");
  rows = 0;

  constructor(private readonly columns: readonly string[]) {
    this.columns = [...columns].sort();
  }

  add(row: Record<string, unknown>): void {
    this.hash.update(`${JSON.stringify(this.columns.map((column) => normaliseValue(row[column])))}\n`);
    this.rows++;
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}

export type TableComparison = {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
};

export function comparisonMatches(row: TableComparison): boolean {
  return row.sourceRows === row.targetRows && row.sourceChecksum === row.targetChecksum;
}

/** The comparison as a plain-text table, one line a table, a mismatch marked so that it stands out. */
export function formatComparison(rows: readonly TableComparison[]): string {
  const header = ["table", "source rows", "target rows", "source checksum", "target checksum", ""];
  const lines = rows.map((row) => [
    row.table,
    String(row.sourceRows),
    String(row.targetRows),
    row.sourceChecksum.slice(0, 16),
    row.targetChecksum.slice(0, 16),
    comparisonMatches(row) ? "ok" : "DIFFERENT",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 || column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join("  ")
      .trimEnd();
  return [format(header), format(widths.map((width) => "-".repeat(width))), ...lines.map(format)].join("\n");
}
