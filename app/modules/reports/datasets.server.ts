/**
 * The records every report figure counts. A dataset is one query that returns the records of a period in one row
 * shape; the figure is an aggregate over that query (count, distinct organisations, sum), and the drill-down lists
 * the same query page by page — so what a leader clicks is what was counted. The large tables also give a lighter
 * form of the same query (same tables and conditions, without the joins only the list needs) for the aggregates.
 *
 * Dates are ISO text in both dialects (SQLite now, PostgreSQL later): the period is compared as text, and the year a
 * record falls in is a CASE over the period's year boundaries, with no dialect's date functions.
 */
import { sql, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { AmountKind } from "./labels";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { offsetOf, readListState, toPage, type ListState } from "../../lib/list";
import { DATASET_KEYS, type DatasetKey, type ReportModule } from "./catalogue";
import { nextDay, provinceDayStart, yearOf, yearsOf, type Period } from "./period";
import { containsKey } from "../../lib/search-sql";

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

type RecordQuery = SelectQueryBuilder<any, any, RecordRow>;
/** What a figure aggregates of each record. */
type CountedRow = Pick<RecordRow, "year" | "part" | "part_rank" | "organisation_id" | "amount">;
type CountedQuery = SelectQueryBuilder<any, any, CountedRow>;

type DatasetDefinition = {
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
function bounds(period: Period, kind: DateKind): { start: string; end: string } {
  const end = nextDay(period.to);
  return kind === "date"
    ? { start: period.from, end }
    : { start: provinceDayStart(period.from), end: provinceDayStart(end) };
}

/** The province year a date or instant falls in, among the period's years. */
function yearBucket(column: string, period: Period, kind: DateKind): RawBuilder<number> {
  const years = yearsOf(period);
  const last = years[years.length - 1];
  if (years.length === 1) return sql<number>`${sql.lit(last)}`;
  const whens = years.slice(0, -1).map((year) => {
    const boundary = kind === "date" ? `${year + 1}-01-01` : provinceDayStart(`${year + 1}-01-01`);
    return sql`when ${sql.ref(column)} < ${boundary} then ${sql.lit(year)}`;
  });
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(last)} end`;
}

const none = sql<null>`null`;
/** The columns every dataset shares, where they hold nothing particular. */
const NO_PARENT = none.as("parent_id");
/** A typed null: PostgreSQL reads a bare null as text, and could neither sum it nor union it with a number. */
const NO_AMOUNT = sql<null>`cast(null as integer)`.as("amount");
const UNRANKED = sql<number>`0`.as("part_rank");
/** The record's organisation, joined as "o": its id and name for the list, its accent-free name for the search. */
const ORGANISATION = ["o.id as organisation_id", "o.name as organisation_name", "o.name_search as search"] as const;

/** Competition editions count by their year, and so do their entries and prizes ("the 2022 competition"). */
function editionYearIn(period: Period) {
  return [yearOf(period.from), yearOf(period.to)] as const;
}

/** An event's attendance: the people reported, else the organisations reported, else the participants listed by name. */
const eventAttendance = sql<number>`coalesce(ev.reported_people, ev.reported_organisations, (select count(*) from event_participants ep where ep.event_id = ev.id))`;

const DATASETS: Record<DatasetKey, DatasetDefinition> = {
  editions: {
    module: "competition",
    measure: "records",
    amount: null,
    records: (db, period) => {
      const [from, to] = editionYearIn(period);
      return db
        .selectFrom("competition_editions as e")
        .where("e.status", "=", "published")
        .where("e.year", ">=", from)
        .where("e.year", "<=", to)
        .select([
          "e.id as id",
          NO_PARENT,
          "e.name as title",
          none.as("organisation_id"),
          none.as("organisation_name"),
          none.as("search"),
          sql<string>`coalesce(e.award_ceremony_on, e.submission_deadline)`.as("happened_on"),
          "e.year as year",
          "e.results_status as part",
          UNRANKED,
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/competitions/${row.id}`,
  },
  entries: {
    module: "competition",
    measure: "records",
    amount: null,
    records: (db, period) =>
      entriesReceived(db, period)
        .innerJoin("organisations as o", "o.id", "ce.organisation_id")
        .select([
          "ce.id as id",
          "ce.edition_id as parent_id",
          "ce.project_name as title",
          "o.id as organisation_id",
          "o.name as organisation_name",
          "ce.name_search as search",
          sql<string>`ce.submitted_at`.as("happened_on"),
          "e.year as year",
          "ce.status as part",
          UNRANKED,
          NO_AMOUNT,
        ]),
    counted: (db, period) =>
      entriesReceived(db, period).select([
        "e.year as year",
        "ce.status as part",
        UNRANKED,
        "ce.organisation_id as organisation_id",
        NO_AMOUNT,
      ]),
    href: (row) => `/staff/competitions/${row.parent_id}/entries/${row.id}`,
  },
  prizes: {
    module: "competition",
    measure: "records",
    amount: "vnd",
    records: (db, period) => {
      const [from, to] = editionYearIn(period);
      return db
        .selectFrom("prize_awards as a")
        .innerJoin("competition_prizes as p", "p.id", "a.prize_id")
        .innerJoin("competition_editions as e", "e.id", "a.edition_id")
        .innerJoin("competition_entries as ce", "ce.id", "a.entry_id")
        .innerJoin("organisations as o", "o.id", "ce.organisation_id")
        .where("e.results_status", "=", "published")
        .where("e.year", ">=", from)
        .where("e.year", "<=", to)
        .select([
          "ce.id as id",
          "e.id as parent_id",
          "ce.project_name as title",
          "o.id as organisation_id",
          "o.name as organisation_name",
          "ce.name_search as search",
          sql<string>`coalesce(e.results_published_at, e.award_ceremony_on, e.submission_deadline)`.as("happened_on"),
          "e.year as year",
          "p.rank_label as part",
          "p.position as part_rank",
          "p.amount_vnd as amount",
        ]);
    },
    href: (row) => `/staff/competitions/${row.parent_id}/entries/${row.id}`,
  },
  incubation: {
    module: "incubation",
    measure: "records",
    amount: null,
    records: (db, period) => incubationRecords(db, period),
    href: (row) => `/staff/incubation/${row.id}`,
  },
  incubationAfterCompetition: {
    module: "incubation",
    measure: "records",
    amount: null,
    records: (db, period) => incubationRecords(db, period).where("r.source_award_id", "is not", null),
    href: (row) => `/staff/incubation/${row.id}`,
  },
  smeDossiers: {
    module: "sme",
    measure: "records",
    amount: "vnd",
    records: (db, period) => smeDossierRecords(dossiersFiled(db, period), period, "requested_vnd"),
    counted: (db, period) => smeDossierCounted(dossiersFiled(db, period), period, "requested_vnd"),
    href: (row) => `/staff/sme/${row.id}`,
  },
  smeApproved: {
    module: "sme",
    measure: "records",
    amount: "vnd",
    records: (db, period) =>
      smeDossierRecords(dossiersFiled(db, period).where("d.approved_vnd", "is not", null), period, "approved_vnd"),
    counted: (db, period) =>
      smeDossierCounted(dossiersFiled(db, period).where("d.approved_vnd", "is not", null), period, "approved_vnd"),
    href: (row) => `/staff/sme/${row.id}`,
  },
  smePaid: {
    module: "sme",
    measure: "records",
    amount: "vnd",
    records: (db, period) =>
      smeDossierRecords(dossiersFiled(db, period).where("d.paid_vnd", "is not", null), period, "paid_vnd"),
    counted: (db, period) =>
      smeDossierCounted(dossiersFiled(db, period).where("d.paid_vnd", "is not", null), period, "paid_vnd"),
    href: (row) => `/staff/sme/${row.id}`,
  },
  techOutreach: {
    module: "technology",
    measure: "organisations",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "date");
      return db
        .selectFrom("tech_outreach_recipients as r")
        .innerJoin("tech_outreach_campaigns as c", "c.id", "r.campaign_id")
        .innerJoin("organisations as o", "o.id", "r.organisation_id")
        .where("c.held_on", ">=", start)
        .where("c.held_on", "<", end)
        .select([
          sql<string>`c.id || '/' || o.id`.as("id"),
          "c.id as parent_id",
          "c.title as title",
          ...ORGANISATION,
          "c.held_on as happened_on",
          yearBucket("c.held_on", period, "date").as("year"),
          "c.channel as part",
          UNRANKED,
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/outreach/${row.parent_id}`,
  },
  techConsultations: {
    module: "technology",
    measure: "organisations",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "date");
      return db
        .selectFrom("tech_consultations as c")
        .innerJoin("organisations as o", "o.id", "c.organisation_id")
        .where("c.held_on", ">=", start)
        .where("c.held_on", "<", end)
        .select([
          "c.id as id",
          NO_PARENT,
          "c.findings as title",
          ...ORGANISATION,
          "c.held_on as happened_on",
          yearBucket("c.held_on", period, "date").as("year"),
          "c.kind as part",
          UNRANKED,
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/enterprises/${row.organisation_id}`,
  },
  techAssessments: {
    module: "technology",
    measure: "organisations",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "date");
      return db
        .selectFrom("tech_assessments as a")
        .innerJoin("organisations as o", "o.id", "a.organisation_id")
        .innerJoin("tech_level_bands as b", "b.code", "a.level_code")
        .where("a.assessed_on", ">=", start)
        .where("a.assessed_on", "<", end)
        .select([
          "a.id as id",
          NO_PARENT,
          "o.name as title",
          ...ORGANISATION,
          "a.assessed_on as happened_on",
          yearBucket("a.assessed_on", period, "date").as("year"),
          "b.name as part",
          "b.rank as part_rank",
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/enterprises/${row.organisation_id}`,
  },
  techApplications: {
    module: "technology",
    measure: "records",
    amount: "vnd",
    records: (db, period) => {
      const { start, end } = bounds(period, "instant");
      return db
        .selectFrom("tech_applications as a")
        .innerJoin("organisations as o", "o.id", "a.organisation_id")
        .where("a.status", "!=", "draft")
        .where("a.submitted_at", ">=", start)
        .where("a.submitted_at", "<", end)
        .select([
          "a.id as id",
          NO_PARENT,
          "a.technology as title",
          ...ORGANISATION,
          sql<string>`a.submitted_at`.as("happened_on"),
          yearBucket("a.submitted_at", period, "instant").as("year"),
          "a.status as part",
          UNRANKED,
          "a.requested_support_vnd as amount",
        ]);
    },
    href: (row) => `/staff/technology/applications/${row.id}`,
  },
  techCertificates: {
    module: "technology",
    measure: "records",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "instant");
      return db
        .selectFrom("tech_certificates as c")
        .innerJoin("tech_applications as a", "a.id", "c.application_id")
        .innerJoin("organisations as o", "o.id", "a.organisation_id")
        .where("c.issued_at", ">=", start)
        .where("c.issued_at", "<", end)
        .select([
          "c.id as id",
          "a.id as parent_id",
          sql<string>`c.number || ' – ' || a.technology`.as("title"),
          ...ORGANISATION,
          sql<string>`c.issued_at`.as("happened_on"),
          yearBucket("c.issued_at", period, "instant").as("year"),
          sql<string>`case when c.revoked_at is not null then 'revoked' else coalesce(a.implementation_status, 'none') end`.as(
            "part",
          ),
          UNRANKED,
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/applications/${row.parent_id}`,
  },
  techPipeline: {
    module: "technology",
    measure: "records",
    amount: null,
    snapshot: true,
    records: (db) =>
      db
        .selectFrom("tech_enterprise_stages as s")
        .innerJoin("organisations as o", "o.id", "s.organisation_id")
        .select([
          "o.id as id",
          NO_PARENT,
          "o.name as title",
          ...ORGANISATION,
          sql<string>`s.updated_at`.as("happened_on"),
          sql<number>`0`.as("year"),
          "s.stage as part",
          UNRANKED,
          NO_AMOUNT,
        ]),
    href: (row) => `/staff/technology/enterprises/${row.id}`,
  },
  events: {
    module: "connections",
    measure: "records",
    amount: "people",
    records: (db, period) => {
      const { start, end } = bounds(period, "date");
      return db
        .selectFrom("connection_events as ev")
        .where("ev.starts_on", ">=", start)
        .where("ev.starts_on", "<", end)
        .select([
          "ev.id as id",
          NO_PARENT,
          "ev.title as title",
          none.as("organisation_id"),
          none.as("organisation_name"),
          "ev.title_search as search",
          "ev.starts_on as happened_on",
          yearBucket("ev.starts_on", period, "date").as("year"),
          "ev.kind as part",
          UNRANKED,
          eventAttendance.as("amount"),
        ]);
    },
    href: (row) => `/staff/events/${row.id}`,
  },
  mous: {
    module: "connections",
    measure: "records",
    amount: null,
    records: (db, period) => mouRecords(db, period).select(["m.id as id", NO_PARENT, "m.pairing as part"]),
    href: (row) => `/staff/mous/${row.id}`,
  },
  mouFields: {
    module: "connections",
    measure: "records",
    amount: null,
    records: (db, period) =>
      mouRecords(db, period)
        .innerJoin("mou_fields as f", "f.mou_id", "m.id")
        .select([sql<string>`m.id || '/' || f.field`.as("id"), "m.id as parent_id", "f.field as part"]),
    href: (row) => `/staff/mous/${row.parent_id}`,
  },
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

function incubationRecords(db: DB, period: Period) {
  const { start, end } = bounds(period, "date");
  return db
    .selectFrom("incubation_records as r")
    .innerJoin("organisations as o", "o.id", "r.organisation_id")
    .innerJoin("organisations as i", "i.id", "r.incubator_id")
    .where("r.started_on", ">=", start)
    .where("r.started_on", "<", end)
    .select([
      "r.id as id",
      NO_PARENT,
      "i.name as title",
      ...ORGANISATION,
      "r.started_on as happened_on",
      yearBucket("r.started_on", period, "date").as("year"),
      "r.status as part",
      UNRANKED,
      NO_AMOUNT,
    ]);
}

/** Entries received for the period's competitions: submitted, not withdrawn, of a published edition of those years. */
function entriesReceived(db: DB, period: Period) {
  const [from, to] = editionYearIn(period);
  return db
    .selectFrom("competition_entries as ce")
    .innerJoin("competition_editions as e", "e.id", "ce.edition_id")
    .where("e.status", "=", "published")
    .where("e.year", ">=", from)
    .where("e.year", "<=", to)
    .where("ce.submitted_at", "is not", null)
    .where("ce.status", "not in", ["draft", "withdrawn"]);
}

/** Dossiers filed in the period (a draft was never filed). */
function dossiersFiled(db: DB, period: Period) {
  const { start, end } = bounds(period, "instant");
  return db
    .selectFrom("support_dossiers as d")
    .where("d.status", "!=", "draft")
    .where("d.submitted_at", ">=", start)
    .where("d.submitted_at", "<", end);
}
type FiledDossiers = ReturnType<typeof dossiersFiled>;
type DossierAmount = "requested_vnd" | "approved_vnd" | "paid_vnd";

function smeDossierRecords(dossiers: FiledDossiers, period: Period, amount: DossierAmount) {
  return dossiers
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .innerJoin("support_types as t", "t.id", "d.support_type_id")
    .select([
      "d.id as id",
      NO_PARENT,
      "t.name as title",
      ...ORGANISATION,
      sql<string>`d.submitted_at`.as("happened_on"),
      yearBucket("d.submitted_at", period, "instant").as("year"),
      "d.status as part",
      UNRANKED,
      sql<number | null>`d.${sql.ref(amount)}`.as("amount"),
    ]);
}

/** The figure's columns only, read from the covering index `support_dossiers_report_idx`. */
function smeDossierCounted(dossiers: FiledDossiers, period: Period, amount: DossierAmount) {
  return dossiers.select([
    yearBucket("d.submitted_at", period, "instant").as("year"),
    "d.status as part",
    UNRANKED,
    "d.organisation_id as organisation_id",
    sql<number | null>`d.${sql.ref(amount)}`.as("amount"),
  ]);
}

/** The columns MOUs and their fields share; each adds its own id and part. */
function mouRecords(db: DB, period: Period) {
  const { start, end } = bounds(period, "date");
  return db
    .selectFrom("mous as m")
    .where("m.signed_on", ">=", start)
    .where("m.signed_on", "<", end)
    .select([
      "m.title as title",
      none.as("organisation_id"),
      none.as("organisation_name"),
      "m.title_search as search",
      "m.signed_on as happened_on",
      yearBucket("m.signed_on", period, "date").as("year"),
      UNRANKED,
      NO_AMOUNT,
    ]);
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

function narrowed<Q extends SelectQueryBuilder<any, "r", any>>(query: Q, state: RecordListState): Q {
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
