/**
 * The staff header's menu and the ranking on a phone, and the audit page in words, as screenshots for a person to
 * look at (test-results/screenshots/layout-*). The checks: the menu is folded on a phone and inline on a desktop,
 * nothing overflows sideways, and the ranking of a seeded round stays within a few screens.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, PHONE, screenshot, signIn, useBrowser, waitForHydration } from "../helpers/browser";
import { withSuiteDatabase } from "../helpers/e2e-database";

const { newPage } = useBrowser();

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function rankingPath(): Promise<string> {
  const round = await withSuiteDatabase((db) =>
    db
      .selectFrom("competition_rounds")
      .innerJoin("assignments", "assignments.round_id", "competition_rounds.id")
      .select(["competition_rounds.id", "competition_rounds.edition_id"])
      .groupBy(["competition_rounds.id", "competition_rounds.edition_id"])
      .orderBy((eb) => eb.fn.countAll(), "desc")
      .executeTakeFirstOrThrow(),
  );
  return `/staff/competitions/${round.edition_id}/rounds/${round.id}/ranking`;
}

describe("the phone layout: header menu, ranking cards, audit page", () => {
  it("folds the staff header under Danh mục on a phone, opens it without JavaScript, and keeps it inline on a desktop", async () => {
    const phone = await newPage({ ...PHONE, javaScriptEnabled: false });
    await signIn(phone, DEMO.staff);
    await phone.goto("/home");
    const summary = phone.locator("header.site-header details.site-menu > summary");
    await expect(summary.isVisible()).resolves.toBe(true);
    await expect(phone.locator(".site-nav").isVisible()).resolves.toBe(false);
    await screenshot(phone, "layout-phone-menu-closed");
    await summary.click();
    await expect(phone.locator(".site-nav").isVisible()).resolves.toBe(true);
    await screenshot(phone, "layout-phone-menu-open");
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);

    const desktop = await newPage();
    await signIn(desktop, DEMO.staff);
    await desktop.goto("/home");
    await waitForHydration(desktop);
    await expect(desktop.locator("header.site-header details.site-menu > summary").isVisible()).resolves.toBe(false);
    await expect(desktop.locator(".site-nav").getByRole("button", { name: "Đăng xuất" }).isVisible()).resolves.toBe(
      true,
    );
    await screenshot(desktop, "layout-desktop-header");
  });

  it("shows the ranking on a phone as compact cards within a few screens", async () => {
    const path = await rankingPath();
    const phone = await newPage(PHONE);
    await signIn(phone, DEMO.staff);
    await phone.goto(path);
    await waitForHydration(phone);
    await screenshot(phone, "layout-phone-ranking");
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    const rows = await phone.locator("tr.ranking-row").count();
    const height = await phone.locator("table.ranking-table").evaluate((table) => table.getBoundingClientRect().height);
    // A card per entry of well under half the screen (844 px): nine entries in about four screens.
    expect(height / Math.max(rows, 1)).toBeLessThan(400);

    const desktop = await newPage();
    await signIn(desktop, DEMO.staff);
    await desktop.goto(path);
    await waitForHydration(desktop);
    await screenshot(desktop, "layout-desktop-ranking");
  });

  it("shows the audit log in words with links, on a desktop and a phone", async () => {
    for (const [name, options] of [
      ["desktop", {}],
      ["phone", PHONE],
    ] as const) {
      const page = await newPage(options);
      await signIn(page, DEMO.admin);
      await page.goto("/admin/audit");
      await waitForHydration(page);
      await expect(page.locator("main table a").count()).resolves.toBeGreaterThan(0);
      await screenshot(page, `layout-${name}-audit`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
  });
});
