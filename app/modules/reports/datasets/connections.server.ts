/** The connection figures: events held in the period with their attendance, MOUs signed and their fields. */
import { sql } from "kysely";
import type { DB } from "../../../lib/db.server";
import type { Period } from "../period";
import { bounds, none, NO_AMOUNT, NO_PARENT, UNRANKED, yearBucket, type DatasetDefinition } from "./definition.server";

/** An event's attendance: the people reported, else the organisations reported, else the participants listed by name. */
const eventAttendance = sql<number>`coalesce(ev.reported_people, ev.reported_organisations, (select count(*) from event_participants ep where ep.event_id = ev.id))`;

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

export const CONNECTIONS_DATASETS = {
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
} satisfies Record<"events" | "mous" | "mouFields", DatasetDefinition>;
