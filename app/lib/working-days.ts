/**
 * The portal's one working-day calculator: public-service deadlines count Monday–Friday minus public holidays, plus
 * the weekend days a government decision makes working days in exchange for a day off ("làm bù": civil servants
 * worked Saturday 26/04/2025 for Friday 02/05/2025 off). The calendar changes each year by such decisions, so the
 * caller passes it in as data ("YYYY-MM-DD" strings). Everything is calendar-date arithmetic in UTC, so the server's
 * time zone never shifts a day.
 * Decision: README D18.
 */

import type { CalendarDayKind } from "../../db/types";

export type { CalendarDayKind };

/** A calendar's decisions: weekdays given off, and weekend days worked instead. */
export type WorkCalendar = { daysOff: ReadonlySet<string>; workingDays: ReadonlySet<string> };
export const CALENDAR_DAY_KINDS = ["day_off", "working_day"] as const satisfies readonly CalendarDayKind[];

export function workCalendar(days: { daysOff?: Iterable<string>; workingDays?: Iterable<string> } = {}): WorkCalendar {
  return { daysOff: new Set(days.daysOff ?? []), workingDays: new Set(days.workingDays ?? []) };
}

/** The calendar from its stored rows (`public_holidays`: a day and its kind). */
export function workCalendarOf(rows: Iterable<{ day: string; kind: CalendarDayKind }>): WorkCalendar {
  const daysOff: string[] = [];
  const workingDays: string[] = [];
  for (const row of rows) (row.kind === "working_day" ? workingDays : daysOff).push(row.day);
  return workCalendar({ daysOff, workingDays });
}

/**
 * What a calendar entry cannot say: Monday–Friday are working days already, so only a weekend day can be made one;
 * and a weekend day worked always comes from a decision, which must be named.
 */
export function calendarEntryProblem(entry: {
  day: string;
  kind: CalendarDayKind;
  source?: string | null;
}): "workingDayNotWeekend" | "sourceRequired" | null {
  if (entry.kind !== "working_day") return null;
  if (!isWeekend(entry.day)) return "workingDayNotWeekend";
  return entry.source?.trim() ? null : "sourceRequired";
}

/** Inclusive calendar days; `to: null` is a range still running (e.g. a dossier waiting for a supplement). */
export type DateRange = { from: string; to: string | null };

const DAY_MS = 86_400_000;
// About 13 years of calendar days: far beyond any deadline, so hitting it means a bug, not a long wait.
const MAX_CALENDAR_DAYS = 5000;

function dayNumber(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  // Date.parse accepts 2026-02-30; a real date reads back as written.
  if (Number.isNaN(ms) || isoDate(ms / DAY_MS) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return ms / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function inPause(date: string, pauses: readonly DateRange[]): boolean {
  return pauses.some((pause) => pause.from <= date && (pause.to === null || date <= pause.to));
}

export function isWeekend(date: string): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Monday–Friday unless given off; Saturday and Sunday only when a decision makes them working days. */
export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.daysOff.has(date)) return false;
  return !isWeekend(date) || calendar.workingDays.has(date);
}

/**
 * The due date: the day the `days`-th working day after `start` falls on (the start day itself is not counted, as a
 * dossier completed on a Monday has its first day on Tuesday). Days inside a pause do not count. An open pause runs
 * on without end, so if the count has not finished before it starts, the due date cannot be known yet: null.
 */
export function addWorkingDays(
  start: string,
  days: number,
  calendar: WorkCalendar,
  pauses: readonly DateRange[] = [],
): string | null {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${days}`);
  let day = dayNumber(start);
  if (days === 0) return start;
  for (let counted = 0, step = 0; step < MAX_CALENDAR_DAYS; step++) {
    const date = isoDate(++day);
    if (pauses.some((pause) => pause.to === null && pause.from <= date)) return null;
    if (isWorkingDay(date, calendar) && !inPause(date, pauses) && ++counted === days) return date;
  }
  throw new RangeError(`${days} working days from ${start} run past ${MAX_CALENDAR_DAYS} calendar days`);
}

/** Working days d with from < d ≤ to outside every pause; negative when `to` is before `from`. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: WorkCalendar,
  pauses: readonly DateRange[] = [],
): number {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) return -workingDaysBetween(to, from, calendar, pauses);
  if (last - first > MAX_CALENDAR_DAYS)
    throw new RangeError(`${from}…${to} spans more than ${MAX_CALENDAR_DAYS} calendar days`);
  let count = 0;
  for (let day = first + 1; day <= last; day++) {
    const date = isoDate(day);
    if (isWorkingDay(date, calendar) && !inPause(date, pauses)) count++;
  }
  return count;
}

export type DueState = "none" | "upcoming" | "due_today" | "overdue";

/** Where a deadline stands on `today` (the province's date); no due date (e.g. the clock is paused) is "none". */
export function dueState(dueOn: string | null, today: string): DueState {
  if (dueOn === null) return "none";
  if (today < dueOn) return "upcoming";
  return today === dueOn ? "due_today" : "overdue";
}
