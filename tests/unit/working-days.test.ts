import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  calendarEntryProblem,
  dueState,
  isWorkingDay,
  workCalendar,
  workCalendarOf,
  workingDaysBetween,
} from "../../app/lib/working-days";

// A test fixture, not the official calendar: Tết 2026 as the government set it (Sat 14/02 – Sun 22/02/2026).
const TET_2026 = workCalendar({
  daysOff: [
    "2026-02-14",
    "2026-02-15",
    "2026-02-16",
    "2026-02-17",
    "2026-02-18",
    "2026-02-19",
    "2026-02-20",
    "2026-02-21",
    "2026-02-22",
  ],
});
const NONE = workCalendar();

describe("isWorkingDay", () => {
  it("counts Monday to Friday", () => {
    expect(isWorkingDay("2026-03-09", NONE)).toBe(true);
    expect(isWorkingDay("2026-03-13", NONE)).toBe(true);
  });
  it("skips Saturday and Sunday", () => {
    expect(isWorkingDay("2026-03-07", NONE)).toBe(false);
    expect(isWorkingDay("2026-03-08", NONE)).toBe(false);
  });
  it("skips a public holiday on a weekday", () => expect(isWorkingDay("2026-02-16", TET_2026)).toBe(false));
  it("refuses a date that does not exist", () => expect(() => isWorkingDay("2026-02-30", NONE)).toThrow(RangeError));
});

describe("addWorkingDays", () => {
  it("returns the start itself for zero days", () => expect(addWorkingDays("2026-03-07", 0, NONE)).toBe("2026-03-07"));
  it("does not count the start day", () => expect(addWorkingDays("2026-03-09", 1, NONE)).toBe("2026-03-10"));
  it("moves a Friday's next working day over the weekend to Monday", () =>
    expect(addWorkingDays("2026-03-06", 1, NONE)).toBe("2026-03-09"));
  it("counts from a Saturday start as from the Friday before", () =>
    expect(addWorkingDays("2026-03-07", 1, NONE)).toBe("2026-03-09"));
  it("skips a holiday on Friday", () =>
    expect(addWorkingDays("2026-04-30", 1, workCalendar({ daysOff: ["2026-05-01"] }))).toBe("2026-05-04"));
  it("skips 30/4 and 1/5 together", () =>
    expect(addWorkingDays("2026-04-29", 2, workCalendar({ daysOff: ["2026-04-30", "2026-05-01"] }))).toBe(
      "2026-05-05",
    ));
  it("skips National Day 2/9 and its adjacent day", () =>
    expect(addWorkingDays("2025-08-29", 1, workCalendar({ daysOff: ["2025-09-01", "2025-09-02"] }))).toBe(
      "2025-09-03",
    ));
  it("decides 14 working days from a dossier complete on 10/02/2026 by 09/03/2026, across Tết", () => {
    expect(addWorkingDays("2026-02-10", 14, TET_2026)).toBe("2026-03-09");
    // Without Tết the same count ends a week earlier: Tết takes five weekdays.
    expect(addWorkingDays("2026-02-10", 14, NONE)).toBe("2026-03-02");
  });
  it("shifts the due date by the working days a dossier spends paused", () => {
    // Paused Tue 24/02 – Thu 26/02: three working days later than 09/03.
    expect(addWorkingDays("2026-02-10", 14, TET_2026, [{ from: "2026-02-24", to: "2026-02-26" }])).toBe("2026-03-12");
  });
  it("ignores a pause that covers only the weekend", () =>
    expect(addWorkingDays("2026-03-06", 1, NONE, [{ from: "2026-03-07", to: "2026-03-08" }])).toBe("2026-03-09"));
  it("cannot know the due date while a pause is still open", () =>
    expect(addWorkingDays("2026-02-10", 14, TET_2026, [{ from: "2026-02-24", to: null }])).toBeNull());
  it("keeps a due date reached before an open pause starts", () =>
    expect(addWorkingDays("2026-03-09", 2, NONE, [{ from: "2026-03-20", to: null }])).toBe("2026-03-11"));
  it("refuses a negative or fractional number of days", () => {
    expect(() => addWorkingDays("2026-03-09", -1, NONE)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-09", 1.5, NONE)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("is zero from a day to itself", () => expect(workingDaysBetween("2026-03-09", "2026-03-09", NONE)).toBe(0));
  it("counts one working day from Friday to Monday", () =>
    expect(workingDaysBetween("2026-03-06", "2026-03-09", NONE)).toBe(1));
  it("counts nothing over a weekend", () => expect(workingDaysBetween("2026-03-06", "2026-03-08", NONE)).toBe(0));
  it("counts 14 working days from complete to the due date across Tết", () =>
    expect(workingDaysBetween("2026-02-10", "2026-03-09", TET_2026)).toBe(14));
  it("leaves out the days of a pause, an open one up to the end", () => {
    expect(workingDaysBetween("2026-02-10", "2026-03-12", TET_2026, [{ from: "2026-02-24", to: "2026-02-26" }])).toBe(
      14,
    );
    expect(workingDaysBetween("2026-02-10", "2026-03-12", TET_2026, [{ from: "2026-02-24", to: null }])).toBe(4);
  });
  it("is negative when the end is before the start", () =>
    expect(workingDaysBetween("2026-03-09", "2026-02-10", TET_2026)).toBe(-14));
});

describe("dueState", () => {
  it("has no state without a due date", () => expect(dueState(null, "2026-03-09")).toBe("none"));
  it("is upcoming before the due date", () => expect(dueState("2026-03-09", "2026-03-08")).toBe("upcoming"));
  it("is due today on the due date", () => expect(dueState("2026-03-09", "2026-03-09")).toBe("due_today"));
  it("is overdue the day after", () => expect(dueState("2026-03-09", "2026-03-10")).toBe("overdue"));
});

// Fixtures, not the official calendar: the swaps of 30/4–1/5 as the government set them for civil servants.
// 2024 (Công văn 2450/VPCP-KGVX): Monday 29/04 off, Saturday 04/05 worked. 2025 (Thông báo 6150/TB-BLĐTBXH):
// Friday 02/05 off, Saturday 26/04 worked.
const SWAP_2024 = workCalendar({ daysOff: ["2024-04-29", "2024-04-30", "2024-05-01"], workingDays: ["2024-05-04"] });
const SWAP_2025 = workCalendar({ daysOff: ["2025-04-30", "2025-05-01", "2025-05-02"], workingDays: ["2025-04-26"] });

describe("make-up working days (a weekend day worked in exchange for a day off)", () => {
  it("counts a Saturday the calendar marks as worked, and no other weekend day", () => {
    expect(isWorkingDay("2025-04-26", SWAP_2025)).toBe(true);
    expect(isWorkingDay("2025-04-27", SWAP_2025)).toBe(false);
    expect(isWorkingDay("2025-05-03", SWAP_2025)).toBe(false);
  });

  it("gives the swapped Friday off", () => expect(isWorkingDay("2025-05-02", SWAP_2025)).toBe(false));

  it("makes 3 working days from Thursday 24/04/2025 end on Monday 28/04/2025 (Fri 25, Sat 26 worked, Mon 28)", () => {
    expect(addWorkingDays("2025-04-24", 3, SWAP_2025)).toBe("2025-04-28");
    // Without the worked Saturday the same count ends a day later.
    expect(addWorkingDays("2025-04-24", 3, workCalendar({ daysOff: ["2025-04-30", "2025-05-01", "2025-05-02"] }))).toBe(
      "2025-04-29",
    );
  });

  it("skips 02/05/2025 given off: 1 working day from Tuesday 29/04/2025 is Monday 05/05/2025", () =>
    expect(addWorkingDays("2025-04-29", 1, SWAP_2025)).toBe("2025-05-05"));

  it("makes 3 working days from Friday 26/04/2024 end on Saturday 04/05/2024 (29/04–01/05 off; Thu 2, Fri 3, Sat 4 worked)", () => {
    expect(addWorkingDays("2024-04-26", 3, SWAP_2024)).toBe("2024-05-04");
    expect(addWorkingDays("2024-04-26", 4, SWAP_2024)).toBe("2024-05-06");
  });

  it("counts the worked Saturday between two dates", () => {
    expect(workingDaysBetween("2024-04-26", "2024-05-06", SWAP_2024)).toBe(4);
    expect(workingDaysBetween("2025-04-24", "2025-04-28", SWAP_2025)).toBe(3);
  });

  it("reads the calendar from its stored rows by their kind", () => {
    const calendar = workCalendarOf([
      { day: "2025-05-02", kind: "day_off" },
      { day: "2025-04-26", kind: "working_day" },
    ]);
    expect(isWorkingDay("2025-05-02", calendar)).toBe(false);
    expect(isWorkingDay("2025-04-26", calendar)).toBe(true);
  });
});

describe("calendarEntryProblem", () => {
  it("accepts a weekend day worked with the notice that set it", () =>
    expect(
      calendarEntryProblem({ day: "2025-04-26", kind: "working_day", source: "Thông báo 6150/TB-BLĐTBXH" }),
    ).toBeNull());
  it("refuses to make a weekday a working day: it is one already", () =>
    expect(calendarEntryProblem({ day: "2025-04-25", kind: "working_day", source: "Thông báo 6150/TB-BLĐTBXH" })).toBe(
      "workingDayNotWeekend",
    ));
  it("asks which decision made the weekend day a working day", () =>
    expect(calendarEntryProblem({ day: "2025-04-26", kind: "working_day", source: "  " })).toBe("sourceRequired"));
  it("lets a day off be entered without a source, as before", () =>
    expect(calendarEntryProblem({ day: "2025-05-02", kind: "day_off" })).toBeNull());
});
