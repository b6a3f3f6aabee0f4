import { describe, expect, it } from "vitest";
import { listHref, offsetOf, readListState, toPage } from "../../app/lib/list";

const spec = { sortable: ["name", "created_at"] as const, defaultSort: "name" as const, filters: ["kind", "status"] };

function read(query: string, overrides: Partial<typeof spec> & { defaultDir?: "asc" | "desc" } = {}) {
  return readListState(new URLSearchParams(query), { ...spec, ...overrides });
}

describe("readListState", () => {
  it("starts on page 1 with 25 rows sorted by the default column ascending", () => {
    expect(read("")).toEqual({ page: 1, pageSize: 25, sort: "name", dir: "asc", q: "", filters: {} });
  });

  it("reads a valid page, size, sort and direction", () => {
    expect(read("page=3&size=50&sort=created_at&dir=desc")).toMatchObject({
      page: 3,
      pageSize: 50,
      sort: "created_at",
      dir: "desc",
    });
  });

  it("clamps page 0, negative pages and non-numbers to page 1", () => {
    expect(read("page=0").page).toBe(1);
    expect(read("page=-4").page).toBe(1);
    expect(read("page=abc").page).toBe(1);
  });

  it("caps the page at 100000", () => {
    expect(read("page=99999999").page).toBe(100_000);
  });

  it("accepts only the page sizes 10, 25, 50 and 100", () => {
    expect(read("size=10").pageSize).toBe(10);
    expect(read("size=100").pageSize).toBe(100);
    expect(read("size=30").pageSize).toBe(25);
    expect(read("size=100000").pageSize).toBe(25);
    expect(read("size=-10").pageSize).toBe(25);
  });

  it("falls back to the default sort for a column that is not sortable", () => {
    expect(read("sort=password_hash").sort).toBe("name");
  });

  it("uses the spec's default direction when dir is missing or unknown", () => {
    expect(read("dir=sideways").dir).toBe("asc");
    expect(read("dir=DROP", { defaultDir: "desc" }).dir).toBe("desc");
    expect(read("", { defaultDir: "desc" }).dir).toBe("desc");
  });

  it("trims the search text and caps it at 100 characters", () => {
    expect(read("q=%20%20Qu%E1%BA%A3ng%20Ng%C3%A3i%20%20").q).toBe("Quảng Ngãi");
    expect(read(`q=${"a".repeat(150)}`).q).toBe("a".repeat(100));
  });

  it("keeps only the declared, non-empty filters", () => {
    expect(read("kind=enterprise&status=%20&role=admin").filters).toEqual({ kind: "enterprise" });
  });
});

describe("listHref", () => {
  const current = new URLSearchParams("q=ngai&page=4&sort=name");

  it("goes back to page 1 when another param changes", () => {
    expect(listHref(current, { sort: "created_at" })).toBe("?q=ngai&sort=created_at");
  });

  it("keeps the page it is given", () => {
    expect(listHref(current, { page: 5 })).toBe("?q=ngai&page=5&sort=name");
  });

  it("removes params set to null or the empty string", () => {
    expect(listHref(current, { q: "", sort: null })).toBe("?");
  });

  it("does not change the search params it was given", () => {
    listHref(current, { q: "other" });
    expect(current.toString()).toBe("q=ngai&page=4&sort=name");
  });
});

describe("toPage", () => {
  const state = read("size=10&page=2");

  it("counts the pages needed for the total, rounding up", () => {
    expect(toPage([], 21, state).pageCount).toBe(3);
    expect(toPage([], 20, state).pageCount).toBe(2);
  });

  it("reports one page for an empty list", () => {
    expect(toPage([], 0, state).pageCount).toBe(1);
  });

  it("keeps the rows, the total and the state", () => {
    expect(toPage(["a"], 11, state)).toMatchObject({ rows: ["a"], total: 11, page: 2, pageSize: 10 });
  });

  it("skips the rows of the earlier pages", () => {
    expect(offsetOf(state)).toBe(10);
  });
});
