/** The incubation figures: records opened in the period, and those that came from a competition prize. */
import type { DB } from "../../../lib/db.server";
import type { Period } from "../period";
import {
  bounds,
  NO_AMOUNT,
  NO_PARENT,
  ORGANISATION,
  UNRANKED,
  yearBucket,
  type DatasetDefinition,
} from "./definition.server";

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

export const INCUBATION_DATASETS = {
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
} satisfies Record<"incubation" | "incubationAfterCompetition", DatasetDefinition>;
