/**
 * Chromium for the e2e tests (playwright-core driving Debian's /usr/bin/chromium), with pages that
 * fail the test on any uncaught page error, console error (CSP violations, hydration mismatches)
 * or 5xx response, and (in the SQLite project) on any serious or critical axe-core violation of a
 * page they showed.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { AxeResults } from "axe-core";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { totpCode, totpStep } from "../../app/lib/totp";
import { withSuiteDatabase } from "./e2e-database";
import { signedInCookie } from "./portal-client";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.join(process.cwd(), "test-results", "screenshots");

export const DEMO_PASSWORD = "Demo@2026qn";
/** The demo leader's and admin's TOTP secret (DEMO_TOTP_SECRET of db/seed/accounts.ts, in the README). */
export const DEMO_TOTP_SECRET = "DEMO2FAQUANGNGAIDOSTPORTAL234567";
export const DEMO = {
  admin: "admin@demo.quangngai.vn",
  leader: "lanhdao@demo.quangngai.vn",
  staff: "chuyenvien@demo.quangngai.vn",
  judge: "giamkhao@demo.quangngai.vn",
  startup: "khoinghiep@demo.quangngai.vn",
  incubatorManager: "vuonuom@demo.quangngai.vn",
  enterprise: "doanhnghiep@demo.quangngai.vn",
} as const;

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;
export const DESKTOP = { viewport: { width: 1280, height: 800 } } satisfies BrowserContextOptions;

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}.`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What went wrong on the pages of one test; `allow` accepts a problem the test expects (e.g. the 403 it provokes). */
export type ProblemLog = {
  readonly problems: string[];
  allow(pattern: RegExp): void;
};

function watch(page: Page, log: { problems: string[] }): void {
  page.on("pageerror", (error) => log.problems.push(`pageerror on ${page.url()}: ${error.stack ?? error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location().url || page.url();
    log.problems.push(`console.error on ${page.url()}: ${message.text()} (${where})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 500)
      log.problems.push(`HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
  });
}

/**
 * Registers the hooks of an e2e file: one browser per file, a fresh context per `newPage`, and after
 * each test the contexts closed and the test failed if anything unexpected reached a console.
 */
export function useBrowser() {
  const baseURL = inject("baseURL");
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let problems: string[] = [];
  let allowed: RegExp[] = [];
  let checker: AccessibilityChecker | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    if (automaticAccessibility()) checker = new AccessibilityChecker(browser, baseURL);
  });
  afterAll(async () => {
    checker?.writeSummary();
    await checker?.close();
    await browser?.close();
  });
  afterEach(async () => {
    // The pages' last snapshots are taken before their contexts close; the checks run on copies.
    const violations = (await checker?.settle()) ?? [];
    await Promise.all(contexts.map((context) => context.close()));
    const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
    contexts = [];
    problems = [];
    allowed = [];
    expect(unexpected, "errors in the browser (page errors, console errors, 5xx responses)").toEqual([]);
    expect(violations, "accessibility (axe, serious/critical) of the pages this test showed").toEqual([]);
  });

  const log: ProblemLog = {
    get problems() {
      return problems;
    },
    allow(pattern: RegExp) {
      allowed.push(pattern);
    },
  };

  return {
    baseURL,
    log,
    /** A page in a new context (its own cookies), watched for errors. */
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      if (!browser) throw new Error("newPage() called outside a test");
      const context = await browser.newContext({
        ...DESKTOP,
        locale: "vi-VN",
        timezoneId: "Asia/Ho_Chi_Minh",
        ...options,
        baseURL,
      });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      const page = await context.newPage();
      watch(page, {
        get problems() {
          return problems;
        },
      });
      checker?.watch(page, options);
      return page;
    },
  };
}

/**
 * Waits until React has hydrated the document (its fiber is attached to the footer, the last thing
 * the shell renders), so that what the test does next goes through the client-side code; at once on a page served
 * as plain HTML.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    // A plain-HTML page (README D68) loads no script: there is nothing to hydrate.
    if (!document.querySelector('script[type="module"]')) return true;
    // A context with JavaScript turned off never ran Remix's inline context script: nothing will hydrate either.
    if (!("__remixContext" in window)) return true;
    const footer = document.querySelector(".site-footer");
    return !!footer && Object.keys(footer).some((key) => key.startsWith("__reactFiber"));
  });
}

/** A full-page PNG at test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const LOGOUT_FORM = 'header.site-header form[action="/logout"]';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An authenticator code the server has not seen yet for this account: the server accepts each time
 * step once, and the journeys log the same demo leader in several times within 30 seconds. It reads
 * the last step used from the e2e database and, if that is already one step ahead, waits for the clock.
 */
export async function unusedTotpCode(email: string, secret: string): Promise<string> {
  const row = await withSuiteDatabase((db) =>
    db
      .selectFrom("user_two_factor as t")
      .innerJoin("users as u", "u.id", "t.user_id")
      .select("t.last_used_step as step")
      .where("u.email", "=", email)
      .executeTakeFirst(),
  );
  const lastUsed = row?.step ?? null;
  const target = Math.max(totpStep(Date.now()), lastUsed === null ? 0 : lastUsed + 1);
  // Accepted up to one step ahead of the server's clock.
  while (totpStep(Date.now()) < target - 1) await sleep(250);
  return totpCode(secret, target);
}

/**
 * Logs in through the login form, as a person would, and waits to leave the login page; an account
 * with two-factor sign-in (the demo leader and admin, or one given `totpSecret`) also passes the
 * second step with a code computed from its secret.
 */
export async function login(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
  options: { totpSecret?: string } = {},
): Promise<void> {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/login")) await page.goto("/login");
  // Typing and submitting while React hydrates the page can abort its hydration (React error #345 on a loaded
  // machine): a person sees the page settle first, and so does the test.
  await waitForHydration(page);
  const form = page.locator("main form");
  await form.getByLabel("Thư điện tử").fill(email);
  await form.getByLabel(/^Mật khẩu/).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    form.getByRole("button", { name: "Đăng nhập" }).click(),
  ]);
  if (new URL(page.url()).pathname === "/login/two-factor") {
    const second = page.locator("main form");
    const field = second.getByLabel("Mã xác thực hoặc mã khôi phục");
    await field.fill(await unusedTotpCode(email, options.totpSecret ?? DEMO_TOTP_SECRET));
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith("/login")),
      second.getByRole("button", { name: "Xác nhận" }).click(),
    ]);
  }
  // A client-side navigation changes the URL before React renders the new page: wait for the logged-in header.
  await page.locator(LOGOUT_FORM).waitFor({ state: "attached" });
}

/**
 * Signs the page's browser in as `email` without the login form, for journeys that are not about logging in: a
 * session row written into the suite's database and its cookie, signed with the suite server's generated secret
 * (beside its database), set in the page's context. No two-factor step and no wait for a fresh authenticator code; the
 * caller goes to the page it needs.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  const secret = fs.readFileSync(path.join(inject("dataDir"), "session-secret"), "utf8").trim();
  const cookie = await withSuiteDatabase(async (db) => {
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    return signedInCookie(db, user.id, secret);
  });
  const value = cookie.slice(cookie.indexOf("=") + 1);
  await page
    .context()
    .addCookies([{ name: "__session", value, url: inject("baseURL"), httpOnly: true, sameSite: "Lax" }]);
}

/** Logs out with the header's button and waits for the public home. */
export async function logout(page: Page): Promise<void> {
  // On a phone the header's links are folded under "Danh mục": open it first.
  const menu = page.locator("header.site-header details.site-menu");
  if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open)))
    if (await menu.locator("summary").isVisible()) await menu.locator("summary").click();
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/"),
    page.locator(LOGOUT_FORM).getByRole("button", { name: "Đăng xuất" }).click(),
  ]);
  await page.locator(LOGOUT_FORM).waitFor({ state: "detached" });
}

let axeSource: string | undefined;
const loadAxeSource = () =>
  (axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));

type Violation = { id: string; impact: string; help: string; nodes: string[] };

/** axe-core's serious and critical violations of the document in `page`, evaluated in the page (see expectAccessible). */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(loadAxeSource());
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? "",
        help: v.help,
        nodes: v.nodes.map(
          (n) => `${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`,
        ),
      }));
  });
}

const violationLine = (v: Violation) =>
  `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s): ${v.nodes.slice(0, 4).join(" | ")}`;

/**
 * The automatic check runs in the SQLite project only: the markup does not depend on the engine, and the PostgreSQL
 * project would repeat the same work. `E2E_AXE=off` turns it off for a quick local run.
 */
function automaticAccessibility(): boolean {
  return (process.env.E2E_DATABASE ?? "sqlite") === "sqlite" && process.env.E2E_AXE !== "off";
}

/** `promise`, or a rejection after `ms`: a snapshot of a page that hangs must not hang the test's end. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

type Snapshot = { url: string; html: string; viewport: string; options: BrowserContextOptions };

/**
 * Takes the document of a page after each main-frame navigation (a page load, a form post's answer, a redirect's
 * target, a client-side navigation once React has rendered it), with its scripts removed, and runs axe-core on a copy
 * of it in a page of its own at the same viewport, so that the journey's page is never touched nor slowed. A copy
 * seen before at the same address and viewport, byte for byte, is not checked again; a document that is not HTML (a
 * PDF, a spreadsheet) is not checked. `settle()` waits for the snapshots and checks under way and returns the
 * violations found since the last call, one line each naming the address, the viewport, the rule and the elements.
 */
class AccessibilityChecker {
  private readonly seen = new Set<string>();
  private readonly checkers = new Map<string, Promise<Page>>();
  private readonly contexts: BrowserContext[] = [];
  private pending: Promise<unknown>[] = [];
  private queue: Promise<void> = Promise.resolve();
  private violations: string[] = [];
  private checked: string[] = [];
  private repeats = 0;

  constructor(
    private readonly browser: Browser,
    private readonly baseURL: string,
  ) {}

  watch(page: Page, options: BrowserContextOptions): void {
    let navigation = 0;
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      const current = ++navigation;
      const capture = withTimeout(
        this.capture(page, options, () => current === navigation),
        15_000,
      ).then(
        (snapshot) => {
          if (snapshot) this.enqueue(snapshot);
        },
        () => undefined, // The page navigated again or closed: its next document is taken instead.
      );
      this.pending.push(capture);
    });
  }

  private async capture(page: Page, options: BrowserContextOptions, latest: () => boolean) {
    // No timer inside the page: a page without JavaScript runs none.
    const frame = page.mainFrame();
    await frame.waitForLoadState("domcontentloaded");
    const seen = await frame.evaluate(() => "__accessibilitySeen" in window);
    // The same document navigated by the client's router: React renders the new page just after the address changes.
    if (seen) await sleep(80);
    const taken = await frame.evaluate(() => {
      (window as unknown as { __accessibilitySeen: boolean }).__accessibilitySeen = true;
      if (document.contentType !== "text/html") return null;
      const copy = document.documentElement.cloneNode(true) as HTMLElement;
      for (const script of Array.from(copy.querySelectorAll("script"))) script.remove();
      return { url: location.href, html: `<!DOCTYPE html>${copy.outerHTML}` };
    });
    // Only the portal's own pages (not the blank page a new tab starts on).
    if (!taken || !taken.url.startsWith(this.baseURL) || !latest() || page.isClosed()) return null;
    const size = page.viewportSize();
    const viewport = size ? `${size.width}×${size.height}` : "default";
    return { ...taken, viewport, options: { ...options, ...(size ? { viewport: size } : {}) } } satisfies Snapshot;
  }

  private enqueue(snapshot: Snapshot): void {
    const key = `${snapshot.viewport} ${snapshot.url} ${createHash("sha256").update(snapshot.html).digest("hex")}`;
    if (this.seen.has(key)) {
      this.repeats++;
      return;
    }
    this.seen.add(key);
    this.queue = this.queue.then(() =>
      withTimeout(this.check(snapshot), 60_000).catch((error: unknown) => {
        this.violations.push(`${snapshot.url} at ${snapshot.viewport}: the check failed: ${String(error)}`);
      }),
    );
  }

  private async check(snapshot: Snapshot): Promise<void> {
    try {
      const page = await this.checkerPage(snapshot.options);
      // The copy's relative addresses (styles, images, fonts) resolve against the page it was taken from.
      const html = snapshot.html.replace(
        /<head([^>]*)>/i,
        `<head$1><base href="${snapshot.url.replace(/"/g, "&quot;")}">`,
      );
      await page.setContent(html, { waitUntil: "load" });
      const found = await axeViolations(page);
      this.checked.push(`${snapshot.viewport} ${snapshot.url}`);
      for (const v of found) this.violations.push(`${snapshot.url} at ${snapshot.viewport}: ${violationLine(v)}`);
    } catch (error) {
      this.violations.push(`${snapshot.url} at ${snapshot.viewport}: the check failed: ${String(error)}`);
    }
  }

  /** One page per kind of viewport, in a context of its own (no cookies: the copy needs none), kept for the file. */
  private checkerPage(options: BrowserContextOptions): Promise<Page> {
    const { viewport, deviceScaleFactor, isMobile, hasTouch } = options;
    const settings = { viewport: viewport ?? DESKTOP.viewport, deviceScaleFactor, isMobile, hasTouch };
    const key = JSON.stringify(settings);
    let page = this.checkers.get(key);
    if (!page) {
      page = this.browser
        .newContext({ ...settings, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" })
        .then((context) => {
          this.contexts.push(context);
          context.setDefaultTimeout(30_000);
          return context.newPage();
        });
      this.checkers.set(key, page);
    }
    return page;
  }

  async settle(): Promise<string[]> {
    while (this.pending.length > 0) {
      const pending = this.pending;
      this.pending = [];
      await Promise.all(pending);
    }
    await this.queue;
    const found = this.violations;
    this.violations = [];
    return found;
  }

  /** test-results/accessibility/<file>.txt: the pages checked, for reading what the suite covers. */
  writeSummary(): void {
    const file = path.basename(expect.getState().testPath ?? "e2e").replace(/\.test\.ts$/, "");
    const dir = path.join(process.cwd(), "test-results", "accessibility");
    fs.mkdirSync(dir, { recursive: true });
    const lines = [
      ...this.checked,
      `${this.checked.length} checked, ${this.repeats} repeats skipped (${this.baseURL})`,
    ];
    fs.writeFileSync(path.join(dir, `${file}.txt`), `${lines.join("\n")}\n`);
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((context) => context.close()));
  }
}

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation, listed one line each
 * (rule, impact, help, the first elements). The page's CSP refuses an injected <script>, so axe's source is
 * evaluated through the page's own evaluation, as the DevTools console would.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const lines = (await axeViolations(page)).map(violationLine);
  expect(lines, `accessibility (axe, serious/critical) of ${label} at ${page.url()}`).toEqual([]);
}
