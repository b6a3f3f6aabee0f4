/**
 * When judges are reminded of a round's scoring deadline: the round's last day (`competition_rounds.ends_on`, a date
 * on the province's calendar; sheets are due by the end of it). Pure, unit-tested at its boundaries.
 */

/** Days before the deadline on which the reminder goes out (and every later day up to the deadline, sent once). */
export const SCORING_REMINDER_DAYS_BEFORE = 3;

const DAY_MS = 86_400_000;

/** Whole calendar days from one "YYYY-MM-DD" date to another (negative when `to` comes first). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Whether a round whose sheets are due by the end of `deadline` is in its reminder window on the province's date
 * `today`: from `daysBefore` days before the deadline up to the deadline itself. Never after it (the round is late,
 * and that is staff's to chase), never without a deadline.
 */
export function scoringReminderDue(
  deadline: string | null,
  today: string,
  daysBefore: number = SCORING_REMINDER_DAYS_BEFORE,
): boolean {
  if (!deadline) return false;
  const left = daysBetween(today, deadline);
  return left >= 0 && left <= daysBefore;
}
