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

export function listHolidays(db: DB, year: number) {
  return db
    .selectFrom("public_holidays")
    .selectAll()
    .where("day", ">=", `${year}-01-01`)
    .where("day", "<=", `${year}-12-31`)
    .orderBy("day")
    .execute();
}
