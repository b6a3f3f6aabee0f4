/**
 * Periods counted in years, as the Civil Code 2015 counts them: the day the period starts from is not counted
 * (art. 147), and a period of years ends on the corresponding day of its last year or, when that month has no such
 * day, on the month's last day (art. 148). Five years from 29/02/2024 end on 28/02/2029; so on 29/02/2024 an
 * enterprise registered on 28/02/2019 is past five years (its period ended the day before) and one registered on
 * 01/03/2019 is not. Calendar dates ("YYYY-MM-DD") only: callers turn instants into the province's date first.
 */

function parts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || m < 1 || m > 12 || d < 1 || d > lastDayOf(y, m)) throw new RangeError(`Not a calendar date: ${date}`);
  return [y, m, d];
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The last day of a period of `years` years starting from `from` (art. 148): the same day `years` later, or that month's last day. */
export function yearsPeriodEnd(from: string, years: number): string {
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`Years must be a whole number ≥ 0: ${years}`);
  const [y, m, d] = parts(from);
  return iso(y + years, m, Math.min(d, lastDayOf(y + years, m)));
}

/**
 * Whether `since` is "no more than `years` years" before `reference` ("không quá N năm"): the period of `years`
 * years from `since` has not ended before `reference`, so the anniversary itself is still within it.
 */
export function isWithinYearsBefore(since: string, reference: string, years: number): boolean {
  parts(reference);
  return reference <= yearsPeriodEnd(since, years);
}

/** The earliest date still no more than `years` years before `reference`, to say where the line is: 29/02/2024, 5 → 01/03/2019. */
export function earliestWithinYearsBefore(reference: string, years: number): string {
  const [y, m, d] = parts(reference);
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`Years must be a whole number ≥ 0: ${years}`);
  const candidate = iso(y - years, m, Math.min(d, lastDayOf(y - years, m)));
  return isWithinYearsBefore(candidate, reference, years) ? candidate : nextDay(candidate);
}
