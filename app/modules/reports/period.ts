import { provinceLocalToIso } from "../../lib/province-time";
import { isoDate } from "../../lib/validation";

/**
 * The period a dashboard or a report covers: two calendar dates in the province, both included.
 * Typed as years ("2021" → 1 January, "2025" → 31 December) or as dates ("2024-07-01").
 */
export type Period = { from: string; to: string };

export const FIRST_REPORT_YEAR = 2015;
/** Longer periods make charts of more than twenty columns: a report spans a plan (five years), rarely more. */
export const MAX_PERIOD_YEARS = 20;

const YEAR = /^\d{4}$/;

/** "2021" → "2021-01-01" (or "2021-12-31" as an end); a date stays itself; anything else is null. */
export function readPeriodBound(value: string, end: boolean): string | null {
  const text = value.trim();
  if (YEAR.test(text)) return end ? `${text}-12-31` : `${text}-01-01`;
  if (isoDate.safeParse(text).success) return text;
  return null;
}

export type PeriodProblem = "from" | "to" | "order" | "tooLong";

/** The period typed, or which part of it is wrong (the field to mark). */
export function checkPeriod(fromText: string, toText: string): { period: Period } | { problem: PeriodProblem } {
  const from = readPeriodBound(fromText, false);
  if (!from || yearOf(from) < FIRST_REPORT_YEAR) return { problem: "from" };
  const to = readPeriodBound(toText, true);
  if (!to || yearOf(to) > 2100) return { problem: "to" };
  if (to < from) return { problem: "order" };
  if (yearOf(to) - yearOf(from) + 1 > MAX_PERIOD_YEARS) return { problem: "tooLong" };
  return { period: { from, to } };
}

/** The dashboard's default: the five full years before this one and this year so far. */
export function defaultPeriod(today: string): Period {
  const year = yearOf(today);
  return { from: `${year - 5}-01-01`, to: `${year}-12-31` };
}

/** The period of a URL (?from=2021&to=2025), the default when absent, and the problem when it is wrong. */
export function periodFromSearch(
  search: URLSearchParams,
  today: string,
): { period: Period; problem: PeriodProblem | null } {
  const fromText = search.get("from");
  const toText = search.get("to");
  if (!fromText && !toText) return { period: defaultPeriod(today), problem: null };
  const fallback = defaultPeriod(today);
  const checked = checkPeriod(fromText || fallback.from, toText || fallback.to);
  return "period" in checked
    ? { period: checked.period, problem: null }
    : { period: fallback, problem: checked.problem };
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Every calendar year the period touches, oldest first. */
export function yearsOf(period: Period): number[] {
  const years: number[] = [];
  for (let year = yearOf(period.from); year <= yearOf(period.to); year += 1) years.push(year);
  return years;
}

/** Whole calendar years only (1 January to 31 December). */
export function isWholeYears(period: Period): boolean {
  return period.from.endsWith("-01-01") && period.to.endsWith("-12-31");
}

/** The URL parameters of a period, as short as they can be ("2021", not "2021-01-01"). */
export function periodParams(period: Period): { from: string; to: string } {
  return {
    from: period.from.endsWith("-01-01") ? period.from.slice(0, 4) : period.from,
    to: period.to.endsWith("-12-31") ? period.to.slice(0, 4) : period.to,
  };
}

export function periodSearch(period: Period, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ ...periodParams(period), ...extra }).toString();
}

/** The day after a calendar date ("2025-12-31" → "2026-01-01"). */
export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The UTC instant at which a calendar day begins in the province (UTC+7 all year): "2021-01-01" → "2020-12-31T17:00:00.000Z". */
export function provinceDayStart(date: string): string {
  const start = provinceLocalToIso(`${date}T00:00`);
  if (!start) throw new RangeError(`Not a calendar date: ${date}`);
  return start;
}
