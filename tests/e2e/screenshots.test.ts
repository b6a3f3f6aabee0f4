/**
 * Screenshots of the main pages at phone and desktop sizes, for a person to look at
 * (test-results/screenshots/). The checks here are only that nothing overflows sideways.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, login, PHONE, screenshot, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage, log } = useBrowser();

/** How far the page is wider than the window: a phone layout must not scroll sideways. */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("screenshots", () => {
  it("of the public home and the organisations list on a phone", async () => {
    const page = await newPage(PHONE);
    await page.goto("/");
    await waitForHydration(page);
    await screenshot(page, "phone-home");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await login(page, DEMO.staff);
    await page.goto("/organisations");
    await waitForHydration(page);
    await screenshot(page, "phone-organisations-staff");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it("of the public pages on a desktop", async () => {
    log.allow(/status of 400/);
    const page = await newPage();
    await page.goto("/");
    await waitForHydration(page);
    await screenshot(page, "desktop-home");

    await page.goto("/login");
    await waitForHydration(page);
    await screenshot(page, "desktop-login");

    await page.goto("/register");
    await waitForHydration(page);
    await page.locator("main form").getByRole("button", { name: "Đăng ký" }).click();
    await page.locator("main form").getByRole("alert").waitFor();
    await screenshot(page, "desktop-register-errors");
  });

  it("of the staff and admin pages on a desktop", async () => {
    const staff = await newPage();
    await login(staff, DEMO.staff);
    await waitForHydration(staff);
    await screenshot(staff, "desktop-home-staff");
    await staff.goto("/organisations");
    await waitForHydration(staff);
    await screenshot(staff, "desktop-organisations-staff");

    const admin = await newPage();
    await login(admin, DEMO.admin);
    await admin.goto("/admin/users");
    await waitForHydration(admin);
    await screenshot(admin, "desktop-admin-users");
    expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(0);
  });
});
