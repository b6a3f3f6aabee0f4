import { describe, expect, inject, it } from "vitest";
import { recordAudit } from "../../app/lib/audit.server";
import { withSuiteDatabase } from "../helpers/e2e-database";

// The production server's HTTP defences, checked over real HTTP (no browser needed).
describe("the production server", () => {
  const baseURL = inject("baseURL");

  it("sends a nonce-based Content-Security-Policy and the other security headers", async () => {
    const response = await fetch(`${baseURL}/login`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
    const html = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    // Every inline script Remix writes carries this response's nonce.
    const inlineScripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("serves the public pages every visitor reads alike as plain HTML, without a script", async () => {
    for (const page of ["/", "/competitions", "/statistics", "/verify"]) {
      const response = await fetch(`${baseURL}${page}`);
      expect(response.status, page).toBe(200);
      const html = await response.text();
      expect(html, page).toContain('class="site-footer"');
      expect(html.match(/<script\b/g), page).toBeNull();
      expect(html.match(/<link[^>]+modulepreload/g), page).toBeNull();
    }
  });

  // README D70: what every anonymous visitor reads alike is rendered once per data version.
  it("serves an anonymous public page from memory until a change is audited, with ETag, 304 and no nonce", async () => {
    const page = `${baseURL}/competitions`;
    const cacheOf = (response: Response) => response.headers.get("x-portal-cache");
    // Any audited change in between (a scheduled job's) renders again: a hit follows within a few requests.
    let hit: Response | undefined;
    for (let attempt = 0; attempt < 5 && !hit; attempt++) {
      const response = await fetch(page, { headers: { "Accept-Encoding": "gzip" } });
      expect(response.status).toBe(200);
      if (cacheOf(response) === "hit") hit = response;
    }
    expect(hit, "a second request is served from memory").toBeDefined();
    const csp = hit!.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/nonce|unsafe-inline/);
    expect(hit!.headers.get("cache-control")).toBe("public, no-cache");
    expect(hit!.headers.get("vary")).toBe("Accept-Encoding, Cookie");
    expect(hit!.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    const html = await hit!.text();
    expect(html).toContain('class="site-footer"');
    const etag = hit!.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const revalidated = await fetch(page, { headers: { "If-None-Match": etag } });
    expect([revalidated.status, await revalidated.text()]).toEqual([304, ""]);

    await withSuiteDatabase((db) =>
      recordAudit(db, {
        actorId: null,
        action: "edition.updated",
        entityType: "edition",
        entityId: "cache-check",
        after: { note: "a change the public pages may show" },
      }),
    );
    const afterChange = await fetch(page);
    expect(cacheOf(afterChange)).toBe("miss");
    expect(await afterChange.text()).toBe(html);
  });

  it("never serves a cached page to a visitor with a session, and keeps each language apart", async () => {
    const signedIn = await fetch(`${baseURL}/competitions`, { headers: { Cookie: "__session=anything" } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("x-portal-cache")).toBeNull();
    const english = `lang=${encodeURIComponent(btoa(JSON.stringify("en")))}`;
    const pages: string[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${baseURL}/competitions`, { headers: { Cookie: english } });
      pages.push(await response.text());
    }
    for (const html of pages) expect(html).toContain('<html lang="en"');
    const vietnamese = await (await fetch(`${baseURL}/competitions`)).text();
    expect(vietnamese).toContain('<html lang="vi"');
  });

  it("refuses a form post from another site (CSRF) before it reaches the app", async () => {
    const response = await fetch(`${baseURL}/login`, {
      method: "POST",
      headers: { Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=admin%40demo.quangngai.vn&password=Demo%402026qn",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("không xuất phát từ Cổng");
  });

  it("serves fingerprinted assets with a one-year immutable cache and compresses pages", async () => {
    const html = await (await fetch(`${baseURL}/`)).text();
    const asset = /href="(\/build\/[^"]+\.css)"/.exec(html)![1];
    const response = await fetch(`${baseURL}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    const page = await fetch(`${baseURL}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(page.headers.get("content-encoding")).toBe("gzip");
  });

  it("answers a 10 MB login post with 413 and a Vietnamese message, not a crash", async () => {
    const body = `email=a%40b.vn&password=${"x".repeat(10 * 1024 * 1024)}`;
    const response = await fetch(`${baseURL}/login`, {
      method: "POST",
      headers: { Origin: baseURL, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Dữ liệu quá lớn");
  });

  it("shows the 404 page in Vietnamese without a stack trace", async () => {
    const response = await fetch(`${baseURL}/khong-co-trang-nay`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Không tìm thấy trang");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });
});
