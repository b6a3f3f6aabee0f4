/**
 * What a dataset is (see ../datasets.server.ts): the row shape every dataset returns, its definition, and the SQL pieces
 * the definitions share. Dates are ISO text in both dialects (SQLite and PostgreSQL): the period is compared as text,
 * and the year a record falls in is a CASE over the period's year boundaries, with no dialect's date functions.
 */
import { sql, type AliasedSelectQueryBuilder, type RawBuilder } from "kysely";
import type { DB } from "../../../lib/db.server";
import type { ReportModule } from "../catalogue";
import type { AmountKind } from "../labels";
import { nextDay, provinceDayStart, yearsOf, type Period } from "../period";

/** The shape every dataset returns, one row per record counted. */
export type RecordRow = {
  id: string;
  /** The record's parent when its page lives under it (an entry's edition, a recipient's campaign). */
  parent_id: string | null;
  title: string;
  organisation_id: string | null;
  organisation_name: string | null;
  /** Accent-free text the drill-down searches. */
  search: string | null;
  happened_on: string;
  year: number;
  /** The category a breakdown groups by (a status, a rank, a pairing…). */
  part: string;
  /** The order of the categories where it matters (prize ranks). */
  part_rank: number;
  amount: number | null;
};

/** A dataset's query as the aggregate and the list read it: whatever its tables, a subquery "r" of these rows. */
type Subquery<O> = { as(alias: "r"): AliasedSelectQueryBuilder<O, "r"> };
export type RecordQuery = Subquery<RecordRow>;
/** What a figure aggregates of each record. */
export type CountedRow = Pick<RecordRow, "year" | "part" | "part_rank" | "organisation_id" | "amount">;
export type CountedQuery = Subquery<CountedRow>;

export type DatasetDefinition = {
  module: ReportModule;
  /** What the headline figure counts: the records themselves, or the distinct organisations among them. */
  measure: "records" | "organisations";
  /** What `amount` holds, when the figure also sums it: money in đồng or people; its column's heading says so. */
  amount: AmountKind | null;
  /** A picture of today (the technology pipeline): the period does not narrow it. */
  snapshot?: true;
  records: (db: DB, period: Period) => RecordQuery;
  /**
   * The same records without the columns only the list shows, for the large tables where leaving their joins out
   * makes the aggregate several times cheaper. The tests hold every figure to the list of its records.
   */
  counted?: (db: DB, period: Period) => CountedQuery;
  /** The staff page of one record. */
  href: (row: Pick<RecordRow, "id" | "parent_id" | "organisation_id">) => string | null;
};

type DateKind = "date" | "instant";

/** Where a period begins and ends (exclusive) for a column of calendar dates or of UTC instants. */
export function bounds(period: Period, kind: DateKind): { start: string; end: string } {
  const end = nextDay(period.to);
  return kind === "date"
    ? { start: period.from, end }
    : { start: provinceDayStart(period.from), end: provinceDayStart(end) };
}

/** The province year a date or instant falls in, among the period's years. */
export function yearBucket(column: string, period: Period, kind: DateKind): RawBuilder<number> {
  const years = yearsOf(period);
  const last = years[years.length - 1];
  if (years.length === 1) return sql<number>`${sql.lit(last)}`;
  const whens = years.slice(0, -1).map((year) => {
    const boundary = kind === "date" ? `${year + 1}-01-01` : provinceDayStart(`${year + 1}-01-01`);
    return sql`when ${sql.ref(column)} < ${boundary} then ${sql.lit(year)}`;
  });
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(last)} end`;
}

export const none = sql<null>`null`;
/** The columns every dataset shares, where they hold nothing particular. */
export const NO_PARENT = none.as("parent_id");
/** A typed null: PostgreSQL reads a bare null as text, and could neither sum it nor union it with a number. */
export const NO_AMOUNT = sql<null>`cast(null as integer)`.as("amount");
export const UNRANKED = sql<number>`0`.as("part_rank");
/** The record's organisation, joined as "o": its id and name for the list, its accent-free name for the search. */
export const ORGANISATION = [
  "o.id as organisation_id",
  "o.name as organisation_name",
  "o.name_search as search",
] as const;
