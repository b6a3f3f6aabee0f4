import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney, searchKey } from "../../app/lib/format";

describe("formatDate", () => {
  it("shows a UTC instant as dd/mm/yyyy in Vietnam's time (31/12 18:30 UTC is 01/01/2026)", () => {
    expect(formatDate("2025-12-31T18:30:00Z")).toBe("01/01/2026");
  });

  it("shows an instant just before Vietnamese midnight on the same day", () => {
    expect(formatDate("2025-12-31T16:59:00Z")).toBe("31/12/2025");
  });

  it("shows a plain calendar date as that same day", () => {
    expect(formatDate("2025-07-01")).toBe("01/07/2025");
  });

  it("uses dd/mm/yyyy in English too", () => {
    expect(formatDate("2025-07-01", "en")).toBe("01/07/2025");
  });

  it("shows a dash for null, undefined, empty and unreadable dates", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate(undefined)).toBe("—");
    expect(formatDate("")).toBe("—");
    expect(formatDate("not a date")).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("shows the hour in Vietnam's time, on a 24-hour clock", () => {
    const text = formatDateTime("2025-12-31T18:30:00Z");
    expect(text).toContain("01/01/2026");
    expect(text).toContain("01:30");
  });
});

describe("formatMoney", () => {
  it("writes 1500000 đồng as 1.500.000 ₫ in Vietnamese", () => {
    const text = formatMoney(1500000);
    expect(text).toContain("1.500.000");
    expect(text).toContain("₫");
  });

  it("writes no decimals", () => {
    expect(formatMoney(1500000.4)).not.toMatch(/,\d/);
  });
});

describe("searchKey", () => {
  it("turns 'Quảng Ngãi' into 'quang ngai'", () => {
    expect(searchKey("Quảng Ngãi")).toBe("quang ngai");
  });

  it("turns 'Đà Nẵng' into 'da nang' (đ is a letter of its own, not an accent)", () => {
    expect(searchKey("Đà Nẵng")).toBe("da nang");
    expect(searchKey("đổi mới")).toBe("doi moi");
  });

  it("collapses and trims whitespace", () => {
    expect(searchKey("  Bình   Sơn\t ")).toBe("binh son");
  });

  it("gives the same key for precomposed and decomposed input", () => {
    expect(searchKey("Ngãi".normalize("NFC"))).toBe(searchKey("Ngãi".normalize("NFD")));
  });
});

describe("formatDecimal", () => {
  it("shows a technology coefficient as 0,79 in Vietnamese and 0.79 in English, two decimals at most", async () => {
    const { formatDecimal } = await import("../../app/lib/format");
    expect(formatDecimal(0.79)).toBe("0,79");
    expect(formatDecimal(0.7912)).toBe("0,79");
    expect(formatDecimal(0.79, "en")).toBe("0.79");
    expect(formatDecimal(1234.5)).toBe("1.234,5");
  });
});

describe("formatPeriodShort", () => {
  it("names a calendar quarter as Quý 1/2023, a month as 03/2023, never 2023-03", async () => {
    const { formatPeriodShort } = await import("../../app/lib/format");
    expect(formatPeriodShort("2023-01-01", "2023-03-31")).toBe("Quý 1/2023");
    expect(formatPeriodShort("2023-10-01", "2023-12-31", "en")).toBe("Q4 2023");
    expect(formatPeriodShort("2023-03-01", "2023-03-31")).toBe("03/2023");
    expect(formatPeriodShort("2023-03-15", "2023-06-14")).toBe("03/2023");
  });
});
