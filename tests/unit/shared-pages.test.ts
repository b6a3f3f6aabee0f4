import { describe, expect, it } from "vitest";
import { notModified, SharedPageCache, sharedPageKey } from "../../app/lib/shared-pages.server";

describe("which requests may be served a page stored for every visitor", () => {
  it("takes anonymous GET and HEAD requests of documents, keyed by language and URL", () => {
    expect(sharedPageKey("GET", "/competitions?page=2", undefined)).toBe("\n/competitions?page=2");
    expect(sharedPageKey("HEAD", "/", "")).toBe("\n/");
    expect(sharedPageKey("GET", "/", "lang=ImVuIg%3D%3D")).toBe("ImVuIg%3D%3D\n/");
    expect(sharedPageKey("GET", "/", " lang=ImVuIg%3D%3D ; ")).toBe("ImVuIg%3D%3D\n/");
  });

  it("renders for its sender any request with another cookie, a body, a data request or a file", () => {
    expect(sharedPageKey("POST", "/verify", undefined)).toBeNull();
    expect(sharedPageKey("GET", "/", "__session=abc")).toBeNull();
    expect(sharedPageKey("GET", "/", "lang=ImVuIg%3D%3D; __flash=x")).toBeNull();
    expect(sharedPageKey("GET", "/", "__login_challenge")).toBeNull();
    expect(sharedPageKey("GET", "/competitions.data", undefined)).toBeNull();
    expect(sharedPageKey("GET", "/competitions?_data=routes%2Fcompetitions", undefined)).toBeNull();
    expect(sharedPageKey("GET", "/build/root-ABC.js", undefined)).toBeNull();
    expect(sharedPageKey("GET", "/favicon.ico", undefined)).toBeNull();
    expect(sharedPageKey("GET", "/verify/QN2022GIAI1", undefined)).toBe("\n/verify/QN2022GIAI1");
  });
});

describe("the shared page cache", () => {
  it("serves a page only at the data version it was rendered at", () => {
    const cache = new SharedPageCache();
    const page = cache.slot("k", "7@2026-12-02T10:00").store("<p>Giải nhất</p>");
    expect(cache.get("k", "7@2026-12-02T10:00")).toBe(page);
    expect(cache.get("k", "8@2026-12-02T10:00")).toBeUndefined();
    expect(cache.get("k", "7@2026-12-02T10:01")).toBeUndefined();
    expect(page.html.toString("utf8")).toBe("<p>Giải nhất</p>");
    expect(page.etag).toMatch(/^W\/"[\w-]{22}"$/);
  });

  it("gives the same validator to the same bytes and another to other bytes", () => {
    const cache = new SharedPageCache();
    const a = cache.slot("a", "1").store("<p>x</p>");
    const b = cache.slot("b", "2").store("<p>x</p>");
    const c = cache.slot("c", "2").store("<p>y</p>");
    expect(a.etag).toBe(b.etag);
    expect(c.etag).not.toBe(a.etag);
  });

  it("holds at most its capacity, evicting the least recently used", () => {
    const cache = new SharedPageCache(2);
    cache.slot("a", "1").store("a");
    cache.slot("b", "1").store("b");
    cache.get("a", "1");
    cache.slot("c", "1").store("c");
    expect(cache.size).toBe(2);
    expect(cache.get("b", "1")).toBeUndefined();
    expect(cache.get("a", "1")).toBeDefined();
    expect(cache.get("c", "1")).toBeDefined();
  });
});

describe("If-None-Match", () => {
  const etag = 'W/"abc"';
  it("matches the validator weakly, in a list or as *", () => {
    expect(notModified('W/"abc"', etag)).toBe(true);
    expect(notModified('"abc"', etag)).toBe(true);
    expect(notModified('"x", W/"abc"', etag)).toBe(true);
    expect(notModified("*", etag)).toBe(true);
  });
  it("does not match another validator or none", () => {
    expect(notModified(undefined, etag)).toBe(false);
    expect(notModified('W/"abd"', etag)).toBe(false);
    expect(notModified("", etag)).toBe(false);
  });
});
