/**
 * Chromium for the e2e tests (playwright-core driving Debian's /usr/bin/chromium), with pages that
 * fail the test on any uncaught page error, console error (CSP violations, hydration mismatches)
 * or 5xx response.
 */
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

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
    contexts = [];
    problems = [];
    allowed = [];
    expect(unexpected, "errors in the browser (page errors, console errors, 5xx responses)").toEqual([]);
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

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation, listed one line each
 * (rule, impact, help, the first elements). The page's CSP refuses an injected <script>, so axe's source is
 * evaluated through the page's own evaluation, as the DevTools console would.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map(
          (n) => `${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`,
        ),
      }));
  });
  const lines = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s): ${v.nodes.slice(0, 4).join(" | ")}`,
  );
  expect(lines, `accessibility (axe, serious/critical) of ${label} at ${page.url()}`).toEqual([]);
}
