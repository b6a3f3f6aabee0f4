import { describe, expect, it } from "vitest";
import { taxCodePrefix } from "../../app/lib/search-sql";

describe("taxCodePrefix", () => {
  it("reads the first digits of a tax code as typed, without its spaces and dots", () => {
    expect(taxCodePrefix("4300")).toBe("4300");
    expect(taxCodePrefix("4300 123.456")).toBe("4300123456");
    expect(taxCodePrefix(" 4300123456-001 ")).toBe("4300123456-001");
  });

  it("is null for a text no tax code can begin with: a letter anywhere, or nothing", () => {
    expect(taxCodePrefix("quang ngai so 49")).toBeNull();
    expect(taxCodePrefix("4300a")).toBeNull();
    expect(taxCodePrefix("Công ty 4300")).toBeNull();
    expect(taxCodePrefix("")).toBeNull();
    expect(taxCodePrefix(" . ")).toBeNull();
  });
});
