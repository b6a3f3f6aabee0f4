import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden } from "../../lib/http.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { calendarEntryProblem, type CalendarDayKind } from "../../lib/working-days";
import { recomputeDueDates } from "../sme/commands.server";
import { recomputeApplicationDueDates } from "../technology/commands.server";

export type CalendarDayInput = { day: string; name: string; kind?: CalendarDayKind; source?: string | null };

/**
 * Staff keep the working-day calendar: days off, and weekend days worked in exchange (with the decision that set
 * them); every open SME dossier's and technology application's due date follows at once.
 */
export async function addHoliday(
  db: DB,
  actor: CurrentUser,
  input: CalendarDayInput,
  ip: string | null,
): Promise<Outcome> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  return db.transaction().execute((trx) => applyHolidayAdd(trx, actor, input, ip));
}

/**
 * The day's addition inside the caller's transaction, without the role check: `addHoliday` for a direct change, a
 * leader's approval of a proposal (app/modules/settings) for the four-eyes one.
 */
export async function applyHolidayAdd(
  trx: DB,
  actor: CurrentUser,
  input: CalendarDayInput,
  ip: string | null,
): Promise<Outcome> {
  const entry = calendarEntry(input);
  const problem = calendarEntryProblem(entry);
  if (problem) return refuse(`sme.problems.${problem}`, { field: problem === "sourceRequired" ? "source" : "kind" });
  const existing = await trx
    .selectFrom("public_holidays")
    .select("day")
    .where("day", "=", input.day)
    .executeTakeFirst();
  if (existing) return refuse("sme.problems.holidayExists", { field: "day" });
  await trx
    .insertInto("public_holidays")
    .values({ ...entry, created_at: nowIso() })
    .execute();
  await recordAudit(trx, {
    actorId: actor.id,
    action: "sme.holiday_added",
    entityType: "public_holiday",
    entityId: input.day,
    after: entry,
    ip,
  });
  await recomputeAfterCalendarChange(trx);
  return { ok: true as const };
}

/** The row a calendar day is stored as: a day off unless said otherwise, a blank source as none. */
export function calendarEntry(input: CalendarDayInput) {
  return {
    day: input.day,
    name: input.name,
    kind: input.kind ?? ("day_off" as const),
    source: input.source?.trim() || null,
  };
}

export async function removeHoliday(db: DB, actor: CurrentUser, day: string, ip: string | null): Promise<Outcome> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  return db.transaction().execute((trx) => applyHolidayRemove(trx, actor, day, ip));
}

/** The day's removal inside the caller's transaction, without the role check (see `applyHolidayAdd`). */
export async function applyHolidayRemove(
  trx: DB,
  actor: CurrentUser,
  day: string,
  ip: string | null,
): Promise<Outcome> {
  const existing = await trx.selectFrom("public_holidays").selectAll().where("day", "=", day).executeTakeFirst();
  if (!existing) return refuse("sme.problems.holidayMissing", { field: "day", kind: "missing" });
  await trx.deleteFrom("public_holidays").where("day", "=", day).execute();
  await recordAudit(trx, {
    actorId: actor.id,
    action: "sme.holiday_removed",
    entityType: "public_holiday",
    entityId: day,
    before: existing,
    ip,
  });
  await recomputeAfterCalendarChange(trx);
  return { ok: true as const };
}

/** Every deadline counted in working days moves with the calendar: the open dossiers of every programme and the technology applications. */
async function recomputeAfterCalendarChange(trx: DB): Promise<void> {
  const programmes = await trx.selectFrom("support_programmes").select("id").where("status", "!=", "closed").execute();
  for (const programme of programmes) await recomputeDueDates(trx, programme.id);
  await recomputeApplicationDueDates(trx);
}
