import type { DB } from "../../lib/db.server";
import { workCalendarOf, type WorkCalendar } from "../../lib/working-days";

/**
 * The whole calendar (days off and weekend days worked), as the working-day calculator takes it: a few dozen rows a
 * year, read whole, so that a deadline spanning years never misses one. Every deadline counted in working days reads
 * it: SME dossiers and technology applications alike.
 */
export async function loadWorkCalendar(db: DB): Promise<WorkCalendar> {
  return workCalendarOf(await db.selectFrom("public_holidays").select(["day", "kind"]).execute());
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The day of the week of a calendar day ("YYYY-MM-DD"), as a key of `sme.programme.weekdays`. */
export function weekdayOf(day: string) {
  return WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
}

/** The year the holiday page shows: `?year=` when it is a sensible year, else this year in the province (page and export alike). */
export function holidayYear(search: URLSearchParams, thisYear: number): number {
  const asked = Number(search.get("year"));
  return Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
}

export function listHolidays(db: DB, year: number) {
  return db
    .selectFrom("public_holidays")
    .selectAll()
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .orderBy("day")
    .execute();
}
