/**
 * The deadlines of a file the department processes step by step (an SME support dossier, a technology application),
 * counted in working days by the one calculator (`working-days.ts`). Each workflow says which step its status is
 * in; the steps' rules are the same for both (Decree 80/2021, art. 32, which the technology programme follows).
 */

import { addWorkingDays, type DateRange, type WorkCalendar } from "./working-days";

/**
 * The step a file waits in: the department receiving it, checking it is complete, deciding on it, or the enterprise
 * supplying what was asked. Null: nothing is due (a draft, a decided or closed file).
 */
export type DeadlineStep = "receiving" | "checking" | "supplement" | "deciding" | null;

/** The steps' durations in working days (settings; the decision's 14 days are the law's). */
export type StepDurations = { receiveWorkingDays: number; checkWorkingDays: number; decisionWorkingDays: number };

export type DeadlineDates = {
  stepStartedOn: string | null;
  receivedCompleteOn: string | null;
  currentDueOn: string | null;
};

/**
 * The day the decision clock starts once staff find the file complete: the day the complete file was received — its
 * receipt, or the arrival of its last supplement (the receiving step's start) — never the day staff finished checking
 * it, so the department's own checking days are not taken from the enterprise (Decree 80/2021, art. 32).
 */
export function decisionClockStartsOn(receivedOn: string | null, foundCompleteOn: string): string {
  return receivedOn ?? foundCompleteOn;
}

/**
 * When the step is due, with the pauses skipped: receiving from filing, the completeness check from receipt (or the
 * last supplement), the decision from the day the complete file was received. While a supplement is awaited the due
 * date is the enterprise's (set by staff, kept as it is). Null: nothing is due, or a pause is open — no department
 * clock runs then and nothing is overdue, not even a file whose date had passed before the pause; once it ends the
 * date comes back, the paused days not counted.
 */
export function stepDueOn(
  step: DeadlineStep,
  dates: DeadlineDates,
  durations: StepDurations,
  calendar: WorkCalendar,
  pauses: readonly DateRange[] = [],
): string | null {
  if (step !== "supplement" && pauses.some((pause) => pause.to === null)) return null;
  switch (step) {
    case "receiving":
      return dates.stepStartedOn
        ? addWorkingDays(dates.stepStartedOn, durations.receiveWorkingDays, calendar, pauses)
        : null;
    case "checking":
      return dates.stepStartedOn
        ? addWorkingDays(dates.stepStartedOn, durations.checkWorkingDays, calendar, pauses)
        : null;
    case "supplement":
      return dates.currentDueOn;
    case "deciding":
      return dates.receivedCompleteOn
        ? addWorkingDays(dates.receivedCompleteOn, durations.decisionWorkingDays, calendar, pauses)
        : null;
    default:
      return null;
  }
}
