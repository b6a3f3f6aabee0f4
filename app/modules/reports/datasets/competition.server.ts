/** The competition figures: published editions of the period's years, the entries they received, their prizes. */
import { sql } from "kysely";
import type { DB } from "../../../lib/db.server";
import { yearOf, type Period } from "../period";
import { none, NO_AMOUNT, NO_PARENT, UNRANKED, type DatasetDefinition } from "./definition.server";

/** Competition editions count by their year, and so do their entries and prizes ("the 2022 competition"). */
function editionYearIn(period: Period) {
  return [yearOf(period.from), yearOf(period.to)] as const;
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

export const COMPETITION_DATASETS = {
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
} satisfies Record<"editions" | "entries" | "prizes", DatasetDefinition>;
