import { describe, expect, it } from "vitest";
import { fullYearsBetween, isoToProvinceLocal, provinceDate, provinceLocalToIso } from "../../app/lib/province-time";

describe("provinceLocalToIso", () => {
  it("reads 17:00 on 30/09/2022 in Quảng Ngãi as 10:00 UTC", () => {
    expect(provinceLocalToIso("2022-09-30T17:00")).toBe("2022-09-30T10:00:00.000Z");
  });

  it("moves an early-morning province time back to the previous UTC day", () => {
    expect(provinceLocalToIso("2022-10-01T06:59")).toBe("2022-09-30T23:59:00.000Z");
  });

  it("reads midnight in the province as 17:00 UTC the day before", () => {
    expect(provinceLocalToIso("2022-01-01T00:00")).toBe("2021-12-31T17:00:00.000Z");
  });

  it.each([
    ["an empty string", ""],
    ["a date without a time", "2022-09-30"],
    ["a time with seconds", "2022-09-30T17:00:00"],
    ["a space instead of T", "2022-09-30 17:00"],
    ["a Vietnamese-style date", "30/09/2022 17:00"],
    ["an explicit offset", "2022-09-30T17:00+07:00"],
    ["a UTC instant", "2022-09-30T10:00:00.000Z"],
    ["a single-digit hour", "2022-09-30T7:00"],
    ["surrounding whitespace", " 2022-09-30T17:00 "],
    ["month 13", "2022-13-01T10:00"],
    ["hour 25", "2022-09-30T25:00"],
    ["minute 60", "2022-09-30T23:60"],
    ["words", "tomorrow"],
  ])("refuses %s", (_label, value) => {
    expect(provinceLocalToIso(value)).toBeNull();
  });

  it.each([
    ["30 February", "2022-02-30T10:00"],
    ["29 February of a common year", "2023-02-29T10:00"],
    ["24:00", "2022-09-30T24:00"],
  ])("refuses %s instead of rolling it over", (_label, value) => {
    expect(provinceLocalToIso(value)).toBeNull();
  });

  it("accepts 29 February of a leap year", () => {
    expect(provinceLocalToIso("2024-02-29T10:00")).toBe("2024-02-29T03:00:00.000Z");
  });
});

describe("isoToProvinceLocal", () => {
  it("shows 10:00 UTC as 17:00 on the province's clock", () => {
    expect(isoToProvinceLocal("2022-09-30T10:00:00.000Z")).toBe("2022-09-30T17:00");
  });

  it("shows 18:00 UTC as 01:00 the next day in the province", () => {
    expect(isoToProvinceLocal("2022-09-30T18:00:00.000Z")).toBe("2022-10-01T01:00");
  });

  it("drops seconds and milliseconds for a datetime-local field", () => {
    expect(isoToProvinceLocal("2022-09-30T09:59:59.999Z")).toBe("2022-09-30T16:59");
  });

  it.each(["2022-09-30T17:00", "2022-10-01T00:00", "2024-02-29T23:59", "2021-12-31T06:30", "2022-01-01T06:59"])(
    "round-trips %s through the stored UTC instant",
    (local) => {
      const iso = provinceLocalToIso(local);
      expect(iso).not.toBeNull();
      expect(isoToProvinceLocal(iso!)).toBe(local);
    },
  );

  it("round-trips a stored UTC instant on the minute", () => {
    expect(provinceLocalToIso(isoToProvinceLocal("2022-09-30T10:00:00.000Z"))).toBe("2022-09-30T10:00:00.000Z");
  });
});

describe("provinceDate", () => {
  it("is already 01/10 in the province at 18:00 UTC on 30/09", () => {
    expect(provinceDate("2022-09-30T18:00:00.000Z")).toBe("2022-10-01");
  });

  it("is still 30/09 in the province at 16:59:59.999 UTC on 30/09", () => {
    expect(provinceDate("2022-09-30T16:59:59.999Z")).toBe("2022-09-30");
  });

  it("turns to 01/10 in the province exactly at 17:00 UTC on 30/09", () => {
    expect(provinceDate("2022-09-30T17:00:00.000Z")).toBe("2022-10-01");
  });

  it("is the same day for a 17:00 province deadline", () => {
    expect(provinceDate("2022-09-30T10:00:00.000Z")).toBe("2022-09-30");
  });

  it("crosses the year at 17:00 UTC on 31/12", () => {
    expect(provinceDate("2022-12-31T17:00:00.000Z")).toBe("2023-01-01");
  });
});

describe("fullYearsBetween", () => {
  // 10:00 UTC = 17:00 in the province, the same calendar day.
  it("counts 18 years on the 18th birthday itself", () => {
    expect(fullYearsBetween("2004-09-30", "2022-09-30T10:00:00.000Z")).toBe(18);
  });

  it("counts 17 years the day before the 18th birthday", () => {
    expect(fullYearsBetween("2004-10-01", "2022-09-30T10:00:00.000Z")).toBe(17);
  });

  it("counts 18 years the day after the 18th birthday", () => {
    expect(fullYearsBetween("2004-09-29", "2022-09-30T10:00:00.000Z")).toBe(18);
  });

  it("counts 17 years a month before the birthday month", () => {
    expect(fullYearsBetween("2004-10-30", "2022-09-30T10:00:00.000Z")).toBe(17);
  });

  it("counts the birthday on the province's date, not the UTC date", () => {
    // 18:00 UTC on 30/09 is 01:00 on 01/10 in Quảng Ngãi: the birthday has come.
    expect(fullYearsBetween("2004-10-01", "2022-09-30T18:00:00.000Z")).toBe(18);
    // 16:59 UTC on 30/09 is 23:59 on 30/09 in Quảng Ngãi: not yet.
    expect(fullYearsBetween("2004-10-01", "2022-09-30T16:59:00.000Z")).toBe(17);
  });

  it("counts 0 years on the day of birth", () => {
    expect(fullYearsBetween("2022-09-30", "2022-09-30T10:00:00.000Z")).toBe(0);
  });

  it("counts a 29 February birthday as reached on 1 March, not 28 February, in a common year", () => {
    expect(fullYearsBetween("2004-02-29", "2022-02-28T10:00:00.000Z")).toBe(17);
    expect(fullYearsBetween("2004-02-29", "2022-03-01T10:00:00.000Z")).toBe(18);
  });

  it("counts a 29 February birthday on 29 February of a leap year", () => {
    expect(fullYearsBetween("2004-02-29", "2024-02-29T10:00:00.000Z")).toBe(20);
  });
});
