import { describe, expect, it } from "vitest";
import { VersionedCache } from "../../app/lib/versioned-cache.server";

const db = {};

describe("VersionedCache", () => {
  it("computes once per key and version, again when the version moves", async () => {
    const cache = new VersionedCache<number>();
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get(db, "2021 2026", "7@10:00", compute)).toBe(1);
    expect(await cache.get(db, "2021 2026", "7@10:00", compute)).toBe(1);
    expect(await cache.get(db, "2021 2026", "8@10:00", compute)).toBe(2);
    expect(await cache.get(db, "2022 2022", "8@10:00", compute)).toBe(3);
    expect(await cache.get(db, "2021 2026", "8@10:00", compute)).toBe(2);
  });

  it("shares one computation among the requests that arrive while it runs", async () => {
    const cache = new VersionedCache<string>();
    let runs = 0;
    let finish: (value: string) => void = () => {};
    const compute = () => {
      runs++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = cache.get(db, "k", "1", compute);
    const second = cache.get(db, "k", "1", compute);
    finish("figures");
    expect(await Promise.all([first, second])).toEqual(["figures", "figures"]);
    expect(runs).toBe(1);
  });

  it("keeps no failure: the next request computes again", async () => {
    const cache = new VersionedCache<number>();
    await expect(cache.get(db, "k", "1", () => Promise.reject(new Error("database busy")))).rejects.toThrow("busy");
    expect(await cache.get(db, "k", "1", async () => 5)).toBe(5);
  });

  it("holds at most its capacity, dropping the least recently used", async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get(db, "a", "1", async () => "a");
    await cache.get(db, "b", "1", async () => "b");
    await cache.get(db, "a", "1", async () => "a again");
    await cache.get(db, "c", "1", async () => "c");
    expect(cache.size).toBe(2);
    expect(await cache.get(db, "a", "1", async () => "a recomputed")).toBe("a");
    expect(await cache.get(db, "b", "1", async () => "b recomputed")).toBe("b recomputed");
  });

  it("never hands one database's result to another", async () => {
    const cache = new VersionedCache<string>();
    expect(await cache.get(db, "k", "1", async () => "first database")).toBe("first database");
    expect(await cache.get({}, "k", "1", async () => "second database")).toBe("second database");
    expect(await cache.get(db, "k", "1", async () => "again")).toBe("first database");
  });
});
