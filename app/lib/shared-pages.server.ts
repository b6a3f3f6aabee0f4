/**
 * The public pages every anonymous visitor reads alike (README D70), rendered once and served from memory until the
 * data behind them changes: home, competitions, an edition's call and results, /statistics and /verify.
 *
 * A request is eligible when it is a GET or HEAD of a document (not a `.data` request) whose only cookie is the
 * language. Its key is the language and the URL; the entry is valid while the data version is the one it was rendered
 * at: the last audit event's id (every state change writes one) and the province's clock to the minute (a call that
 * closes at 17:00 reads closed from 17:00:00; a change made outside the portal shows within a minute). The route
 * decides whether it may be cached (entry.server: a page whose `handle` is `htmlOnly`, status 200, no cookie set), so
 * a signed-in page, an error page or a flash message is never stored. A cached page carries no script and no nonce:
 * it is served with a Content-Security-Policy that allows no inline script at all.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { sql } from "kysely";
import type { DB } from "./db.server";
import { isoToProvinceLocal } from "./province-time";
import { nowIso } from "./time.server";

export type SharedPage = {
  version: string;
  etag: string;
  html: Buffer;
  gzip: Buffer;
};

/** What a page being rendered for the cache hands back (the load context's `sharedPage`). */
export type SharedPageSlot = { store(html: string): SharedPage };

/** Every state change is audited: the last audit event's id moves whenever data a public page shows may have. */
export async function dataVersion(db: DB, now = nowIso()): Promise<string> {
  const row = await db
    .selectFrom("audit_events")
    .select(sql<number | string | null>`max(id)`.as("last"))
    .executeTakeFirst();
  return `${row?.last ?? 0}@${isoToProvinceLocal(now)}`;
}

/** The cache key of an anonymous document request, or null when the request must be rendered for its sender. */
export function sharedPageKey(method: string, url: string, cookieHeader: string | undefined): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const at = url.indexOf("?");
  const pathname = at < 0 ? url : url.slice(0, at);
  // Remix's data requests, the fingerprinted assets and the static files are never pages.
  if (pathname.endsWith(".data") || /[?&]_data=/.test(url) || pathname.startsWith("/build/")) return null;
  if (pathname.slice(pathname.lastIndexOf("/")).includes(".")) return null;
  let language = "";
  for (const part of (cookieHeader ?? "").split(";")) {
    const pair = part.trim();
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    // Any other cookie (a session, a flash message, a login challenge) may change what the page shows.
    if (name !== "lang") return null;
    language = pair.slice(eq + 1);
  }
  return `${language}\n${url}`;
}

/** A bounded map, oldest first: a flood of distinct URLs or language values evicts, it never grows memory. */
export class SharedPageCache {
  private readonly pages = new Map<string, SharedPage>();

  constructor(private readonly capacity = 400) {}

  get(key: string, version: string): SharedPage | undefined {
    const page = this.pages.get(key);
    if (!page || page.version !== version) return undefined;
    // Recently used entries move to the end, so that eviction takes the least recently used.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  slot(key: string, version: string): SharedPageSlot {
    return {
      store: (html) => {
        const body = Buffer.from(html, "utf8");
        const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
        const page: SharedPage = { version, etag: `W/"${hash}"`, html: body, gzip: gzipSync(body) };
        this.pages.delete(key);
        this.pages.set(key, page);
        while (this.pages.size > this.capacity) this.pages.delete(this.pages.keys().next().value as string);
        return page;
      },
    };
  }

  get size(): number {
    return this.pages.size;
  }
}

/** Caches may keep the page but must ask again (If-None-Match → 304) before each use; each cookie set differs. */
export const SHARED_CACHE_CONTROL = "public, no-cache";
export const SHARED_VARY = "Accept-Encoding, Cookie";

/** True when the client's If-None-Match names this page's validator (weak comparison, RFC 9110 §13.1.2). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}
