/**
 * The figures the province publishes (/statistics): counts only, from the same datasets as the staff dashboard,
 * restricted to what is public (published editions and results). No names of people, no contact details.
 */
import { sql } from "kysely";
import type { DB } from "../../lib/db.server";
import type { DatasetKey } from "./catalogue";
import { datasetFigures, datasetRecords } from "./datasets.server";
import { FIRST_REPORT_YEAR, yearOf, type Period } from "./period";

export const PUBLIC_DATASETS = [
  "editions",
  "entries",
  "prizes",
  "incubation",
  "mous",
] as const satisfies readonly DatasetKey[];

export async function publicStatistics(db: DB, today: string) {
  const period: Period = { from: `${FIRST_REPORT_YEAR}-01-01`, to: `${yearOf(today)}-12-31` };
  const [[editions, entries, prizes, incubation, mous], perEdition, entriesPerEdition, prizesPerEdition] =
    await Promise.all([
      Promise.all(PUBLIC_DATASETS.map((key) => datasetFigures(db, key, period))),
      datasetRecords(db, "editions", period)
        .select(["r.id", "r.title", "r.year"])
        .orderBy("r.year", "desc")
        .limit(50)
        .execute(),
      datasetRecords(db, "entries", period)
        .select(["r.parent_id", sql<number>`count(*)`.as("n")])
        .groupBy("r.parent_id")
        .execute(),
      datasetRecords(db, "prizes", period)
        .select(["r.parent_id", sql<number>`count(*)`.as("n")])
        .groupBy("r.parent_id")
        .execute(),
    ]);
  const countFor = (rows: { parent_id: string | null; n: number }[], id: string) =>
    Number(rows.find((r) => r.parent_id === id)?.n ?? 0);
  const years = editions.byYear
    .map((y, index) => ({
      year: y.year,
      editions: y.records,
      entries: entries.byYear[index].records,
      prizes: prizes.byYear[index].records,
      incubation: incubation.byYear[index].records,
      mous: mous.byYear[index].records,
    }))
    .filter((y) => y.editions + y.entries + y.prizes + y.incubation + y.mous > 0)
    .reverse();
  return {
    totals: {
      editions: editions.value,
      entries: entries.value,
      prizes: prizes.value,
      incubation: incubation.value,
      mous: mous.value,
    },
    mousByPairing: mous.byPart.map((p) => ({ part: p.part, count: p.records })),
    prizesByRank: prizes.byPart.map((p) => ({ part: p.part, count: p.records })),
    years,
    editions: perEdition.map((e) => ({
      id: e.id,
      name: e.title,
      year: Number(e.year),
      entries: countFor(entriesPerEdition, e.id),
      prizes: countFor(prizesPerEdition, e.id),
    })),
  };
}
