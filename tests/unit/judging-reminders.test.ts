import { describe, expect, it } from "vitest";
import { SCORING_REMINDER_DAYS_BEFORE, scoringReminderDue } from "../../app/modules/judging/reminders";

describe("the scoring deadline reminder", () => {
  it("is due from three days before the deadline, not four", () => {
    expect(SCORING_REMINDER_DAYS_BEFORE).toBe(3);
    expect(scoringReminderDue("2026-12-10", "2026-12-06")).toBe(false);
    expect(scoringReminderDue("2026-12-10", "2026-12-07")).toBe(true);
  });

  it("is still due on the deadline day itself, and no longer the day after", () => {
    expect(scoringReminderDue("2026-12-10", "2026-12-10")).toBe(true);
    expect(scoringReminderDue("2026-12-10", "2026-12-11")).toBe(false);
  });

  it("counts calendar days across a month and a year end", () => {
    expect(scoringReminderDue("2027-01-02", "2026-12-30")).toBe(true);
    expect(scoringReminderDue("2027-01-02", "2026-12-29")).toBe(false);
    expect(scoringReminderDue("2026-03-01", "2026-02-26")).toBe(true);
    expect(scoringReminderDue("2026-03-01", "2026-02-25")).toBe(false);
  });

  it("is never due for a round without a deadline", () => {
    expect(scoringReminderDue(null, "2026-12-10")).toBe(false);
  });

  it("takes another number of days when told", () => {
    expect(scoringReminderDue("2026-12-10", "2026-12-03", 7)).toBe(true);
    expect(scoringReminderDue("2026-12-10", "2026-12-02", 7)).toBe(false);
  });
});
