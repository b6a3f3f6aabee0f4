/**
 * The records every report figure counts. A dataset is one query that returns the records of a period in one row
 * shape; the figure is an aggregate over that query (count, distinct organisations, sum), and the drill-down lists
 * the same query page by page — so what a leader clicks is what was counted. The large tables also give a lighter
 * form of the same query (same tables and conditions, without the joins only the list needs) for the aggregates.
 * Each area declares its datasets in `datasets/<area>.server.ts`; this file aggregates and lists them.
 * Decisions: README D16 (one query per figure), D37 (one definition per figure).
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { offsetOf, readListState, toPage, type ListState } from "../../lib/list";
import { containsKey } from "../../lib/search-sql";
import { dataVersion } from "../../lib/shared-pages.server";
import { VersionedCache } from "../../lib/versioned-cache.server";
import { DATASET_KEYS, type DatasetKey } from "./catalogue";
import { COMPETITION_DATASETS } from "./datasets/competition.server";
import { CONNECTIONS_DATASETS } from "./datasets/connections.server";
import type { DatasetDefinition, RecordRow } from "./datasets/definition.server";
import { INCUBATION_DATASETS } from "./datasets/incubation.server";
import { SME_DATASETS } from "./datasets/sme.server";
import { TECHNOLOGY_DATASETS } from "./datasets/technology.server";
import { yearOf, yearsOf, type Period } from "./period";

export type { RecordRow } from "./datasets/definition.server";

const DATASETS: Record<DatasetKey, DatasetDefinition> = {
  ...COMPETITION_DATASETS,
  ...INCUBATION_DATASETS,
  ...SME_DATASETS,
  ...TECHNOLOGY_DATASETS,
  ...CONNECTIONS_DATASETS,
};

export function isDatasetKey(value: string): value is DatasetKey {
  return Object.hasOwn(DATASETS, value);
}

export function datasetOf(key: DatasetKey): DatasetDefinition {
  return DATASETS[key];
}

/** Datasets whose records belong to no one organisation (events, MOUs with their several parties, editions). */
const WITHOUT_ORGANISATION: readonly DatasetKey[] = ["editions", "events", "mous", "mouFields"];

export function hasOrganisation(key: DatasetKey): boolean {
  return !WITHOUT_ORGANISATION.includes(key);
}

/** A dataset's records of a period as the subquery "r", to aggregate or list. */
export function datasetRecords(db: DB, key: DatasetKey, period: Period) {
  return db.selectFrom(DATASETS[key].records(db, period).as("r"));
}

export type Measure = { records: number; organisations: number | null; amount: number | null };
export type DatasetFigures = {
  key: DatasetKey;
  /** The headline: records, or distinct organisations when that is what the figure counts. */
  value: number;
  total: Measure;
  byPart: ({ part: string } & Measure)[];
  byYear: ({ year: number } & Measure)[];
};

function measureColumns(definition: DatasetDefinition) {
  return [
    sql<number>`count(*)`.as("records"),
    (definition.measure === "organisations"
      ? sql<number | null>`count(distinct r.organisation_id)`
      : sql<number | null>`null`
    ).as("organisations"),
    (definition.amount ? sql<number | null>`coalesce(sum(r.amount), 0)` : sql<number | null>`null`).as("amount"),
  ];
}

function toMeasure(row: { records: number; organisations: number | null; amount: number | null }): Measure {
  return {
    records: Number(row.records),
    organisations: row.organisations === null ? null : Number(row.organisations),
    amount: row.amount === null ? null : Number(row.amount),
  };
}

const sumOf = (rows: Measure[], kind: "records" | "amount") => rows.reduce((sum, row) => sum + (row[kind] ?? 0), 0);

/**
 * One dataset's figures: the total, per category and per year (every year of the period, zeros included).
 * Counts and sums add up, so one query grouped by year and category gives all three; distinct organisations do
 * not, so the datasets that count them ask for them per category and in total (their tables are small).
 */
export async function datasetFigures(db: DB, key: DatasetKey, period: Period): Promise<DatasetFigures> {
  const definition = DATASETS[key];
  const countsOrganisations = definition.measure === "organisations";
  const records = () => db.selectFrom((definition.counted ?? definition.records)(db, period).as("r"));
  const distinct = sql<number>`count(distinct r.organisation_id)`;
  const [groups, organisationsByPart, organisationsTotal] = await Promise.all([
    records()
      .select([
        "r.year",
        "r.part",
        sql<number>`min(r.part_rank)`.as("rank"),
        sql<number>`count(*)`.as("records"),
        sql<number>`coalesce(sum(r.amount), 0)`.as("amount"),
      ])
      .groupBy(["r.year", "r.part"])
      .execute(),
    countsOrganisations
      ? records()
          .select(["r.part", distinct.as("organisations")])
          .groupBy("r.part")
          .execute()
      : Promise.resolve([]),
    countsOrganisations
      ? records().select(distinct.as("organisations")).executeTakeFirstOrThrow()
      : Promise.resolve(null),
  ]);
  const measureOf = (rows: typeof groups, organisations: number | null): Measure => {
    const measures = rows.map((row) => ({
      records: Number(row.records),
      organisations: null,
      amount: Number(row.amount),
    }));
    return {
      records: sumOf(measures, "records"),
      organisations,
      amount: definition.amount ? sumOf(measures, "amount") : null,
    };
  };
  const parts = [...new Set(groups.map((g) => g.part))];
  const byPart = parts
    .map((part) => {
      const rows = groups.filter((g) => g.part === part);
      const organisations = countsOrganisations
        ? Number(organisationsByPart.find((o) => o.part === part)?.organisations ?? 0)
        : null;
      return { part, rank: Math.min(...rows.map((row) => Number(row.rank))), ...measureOf(rows, organisations) };
    })
    .sort((a, b) => a.rank - b.rank || b.records - a.records || (a.part < b.part ? -1 : a.part > b.part ? 1 : 0))
    .map(({ rank: _rank, ...part }) => part);
  const total = measureOf(groups, countsOrganisations ? Number(organisationsTotal?.organisations ?? 0) : null);
  return {
    key,
    value: countsOrganisations ? (total.organisations ?? 0) : total.records,
    total,
    byPart,
    byYear: definition.snapshot
      ? []
      : yearsOf(period).map((year) => ({
          year,
          ...measureOf(
            groups.filter((g) => Number(g.year) === year),
            null,
          ),
        })),
  };
}

export type ReportFigures = Record<DatasetKey, DatasetFigures>;

/** Every dataset's figures for the period. */
export async function reportFigures(db: DB, period: Period): Promise<ReportFigures> {
  const all = await Promise.all(DATASET_KEYS.map((key) => datasetFigures(db, key, period)));
  return Object.fromEntries(all.map((figures) => [figures.key, figures])) as ReportFigures;
}

export const RECORD_LIST = {
  sortable: ["happened_on", "title", "organisation", "part", "amount"],
  defaultSort: "happened_on",
  defaultDir: "desc",
  filters: ["part", "year"],
} as const;

export function recordListState(search: URLSearchParams) {
  return readListState(search, RECORD_LIST);
}
type RecordListState = ReturnType<typeof recordListState>;

const recordSort = {
  happened_on: "r.happened_on",
  title: "r.title",
  organisation: "r.organisation_name",
  part: "r.part",
  amount: "r.amount",
} as const;

function narrowed<Q extends SelectQueryBuilder<Database & { r: Pick<RecordRow, "part" | "year"> }, "r", object>>(
  query: Q,
  state: RecordListState,
): Q {
  let narrowedQuery = query;
  // Several categories, comma-separated, make one figure ("completed incubation": graduated and businesses founded).
  if (state.filters.part) narrowedQuery = narrowedQuery.where("r.part", "in", state.filters.part.split(",")) as Q;
  if (state.filters.year && /^\d{4}$/.test(state.filters.year))
    narrowedQuery = narrowedQuery.where("r.year", "=", Number(state.filters.year)) as Q;
  return narrowedQuery;
}

function filteredRecords(db: DB, key: DatasetKey, period: Period, state: RecordListState) {
  const query = narrowed(datasetRecords(db, key, period), state);
  return state.q ? query.where(containsKey("r.search", searchKey(state.q))) : query;
}

/** The records behind a figure, one page of them, with the figure's measure over the same filter (from the lighter query when nothing is searched). */
export async function listDatasetRecords(db: DB, key: DatasetKey, period: Period, state: RecordListState) {
  const definition = DATASETS[key];
  const query = filteredRecords(db, key, period, state);
  const counted =
    definition.counted && !state.q ? narrowed(db.selectFrom(definition.counted(db, period).as("r")), state) : query;
  const [rows, total] = await Promise.all([
    query
      .selectAll("r")
      .orderBy(recordSort[state.sort], state.dir)
      .orderBy("r.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
    counted.select(measureColumns(definition)).executeTakeFirstOrThrow(),
  ]);
  const measure = toMeasure(total);
  return {
    page: toPage(
      rows.map((row) => ({ ...row, href: definition.href(row) })),
      measure.records,
      state,
    ),
    measure,
  };
}

/** The categories a figure's records fall in, for the drill-down's filter. */
export async function datasetParts(db: DB, key: DatasetKey, period: Period): Promise<string[]> {
  const definition = DATASETS[key];
  const rows = await db
    .selectFrom((definition.counted ?? definition.records)(db, period).as("r"))
    .select(["r.part", sql<number>`min(r.part_rank)`.as("rank")])
    .groupBy("r.part")
    .orderBy("rank")
    .orderBy("r.part")
    .execute();
  return rows.map((row) => row.part);
}

export function datasetRecordsForExport(
  db: DB,
  key: DatasetKey,
  period: Period,
  state: RecordListState,
  limit: number,
) {
  return filteredRecords(db, key, period, state)
    .selectAll("r")
    .orderBy(recordSort[state.sort], state.dir)
    .orderBy("r.id")
    .limit(limit)
    .execute();
}

export type { ListState };

/** The SME programmes' budget per support year against what was approved for that year (all programmes). */
export async function budgetAgainstApproved(db: DB, period: Period) {
  const [from, to] = [yearOf(period.from), yearOf(period.to)];
  const [budgets, approved] = await Promise.all([
    db
      .selectFrom("programme_budgets")
      .select(["year", sql<number>`sum(amount_vnd)`.as("amount")])
      .where("year", ">=", from)
      .where("year", "<=", to)
      .groupBy("year")
      .execute(),
    db
      .selectFrom("support_dossiers")
      .select(["support_year as year", sql<number>`sum(approved_vnd)`.as("amount")])
      .where("status", "!=", "draft")
      .where("approved_vnd", "is not", null)
      .where("support_year", ">=", from)
      .where("support_year", "<=", to)
      .groupBy("support_year")
      .execute(),
  ]);
  return yearsOf(period).map((year) => ({
    year,
    budget: Number(budgets.find((b) => b.year === year)?.amount ?? 0),
    approved: Number(approved.find((a) => a.year === year)?.amount ?? 0),
  }));
}

type DashboardFigures = { figures: ReportFigures; budget: Awaited<ReturnType<typeof budgetAgainstApproved>> };
const dashboards = new VersionedCache<DashboardFigures>();

/**
 * The dashboard's figures and budget for a period, counted once per data version and then shared by every staff
 * member's request (README D81): the same for all of them, and about 20 ms of counting on a province's data.
 */
export async function dashboardFigures(db: DB, period: Period): Promise<DashboardFigures> {
  return dashboards.get(db, `${period.from} ${period.to}`, await dataVersion(db), async () => {
    const [figures, budget] = await Promise.all([reportFigures(db, period), budgetAgainstApproved(db, period)]);
    return { figures, budget };
  });
}
