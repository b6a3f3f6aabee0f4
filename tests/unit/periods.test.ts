import { describe, expect, it } from "vitest";
import { earliestWithinYearsBefore, isWithinYearsBefore, yearsPeriodEnd } from "../../app/lib/periods";

describe("yearsPeriodEnd (Civil Code 2015 art. 148)", () => {
  it("ends five years from 29/02/2024 on 28/02/2029, the last day of February in a common year", () =>
    expect(yearsPeriodEnd("2024-02-29", 5)).toBe("2029-02-28"));
  it("keeps 29 February when the last year is a leap year", () =>
    expect(yearsPeriodEnd("2024-02-29", 4)).toBe("2028-02-29"));
  it("ends on the corresponding day of the last year", () =>
    expect(yearsPeriodEnd("2019-06-15", 5)).toBe("2024-06-15"));
  it("refuses a date that does not exist", () => expect(() => yearsPeriodEnd("2023-02-29", 5)).toThrow(RangeError));
});

describe("isWithinYearsBefore: “no more than N years before”", () => {
  it("refuses a registration on 28/02/2019 for a reference of 29/02/2024: its five years ended on 28/02/2024", () => {
    expect(isWithinYearsBefore("2019-02-28", "2024-02-29", 5)).toBe(false);
  });

  it("accepts a registration on 01/03/2019 for a reference of 29/02/2024", () =>
    expect(isWithinYearsBefore("2019-03-01", "2024-02-29", 5)).toBe(true));

  it("accepts the fifth anniversary itself", () => {
    expect(isWithinYearsBefore("2019-06-15", "2024-06-15", 5)).toBe(true);
    expect(isWithinYearsBefore("2024-02-29", "2029-02-28", 5)).toBe(true);
  });

  it("refuses one day beyond the anniversary", () => {
    expect(isWithinYearsBefore("2019-06-15", "2024-06-16", 5)).toBe(false);
    expect(isWithinYearsBefore("2024-02-29", "2029-03-01", 5)).toBe(false);
  });
});

describe("earliestWithinYearsBefore", () => {
  it("is 01/03/2019 five years before 29/02/2024 (five years back from 29 February end on 28 February)", () => {
    expect(earliestWithinYearsBefore("2024-02-29", 5)).toBe("2019-03-01");
  });
  it("is 01/03/2023 five years before 29/02/2028", () =>
    expect(earliestWithinYearsBefore("2028-02-29", 5)).toBe("2023-03-01"));
  it("is the same day N years before any other reference", () => {
    expect(earliestWithinYearsBefore("2024-06-15", 5)).toBe("2019-06-15");
    expect(earliestWithinYearsBefore("2025-03-01", 5)).toBe("2020-03-01");
    expect(earliestWithinYearsBefore("2024-02-29", 4)).toBe("2020-02-29");
  });
  it("agrees with isWithinYearsBefore on both sides of the line, every day of a leap and a common year", () => {
    for (let day = Date.parse("2024-01-01T00:00:00Z"); day <= Date.parse("2025-12-31T00:00:00Z"); day += 86_400_000) {
      const reference = new Date(day).toISOString().slice(0, 10);
      const earliest = earliestWithinYearsBefore(reference, 5);
      const dayBefore = new Date(Date.parse(`${earliest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(isWithinYearsBefore(earliest, reference, 5)).toBe(true);
      expect(isWithinYearsBefore(dayBefore, reference, 5)).toBe(false);
    }
  });
});
