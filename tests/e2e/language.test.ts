import { describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "../helpers/browser";

const { newPage } = useBrowser();

describe("choosing the language", () => {
  it("switches the public home to English and back to Vietnamese", async () => {
    const page = await newPage();
    await page.goto("/");
    await waitForHydration(page);
    const header = page.locator("header.site-header");
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await header.getByRole("link", { name: "Đăng nhập" }).isVisible()).toBe(true);

    await Promise.all([
      page.waitForURL("**/"),
      page.waitForEvent("load"),
      header.getByRole("button", { name: "English" }).click(),
    ]);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await header.getByRole("link", { name: "Log in" }).isVisible()).toBe(true);
    expect(await header.getByRole("link", { name: "Đăng nhập" }).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/");
    await waitForHydration(page);

    // The choice is remembered in a cookie: another page is in English too.
    await page.goto("/login");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Log in");
    await page.goto("/");
    await waitForHydration(page);

    await Promise.all([page.waitForEvent("load"), header.getByRole("button", { name: "Tiếng Việt" }).click()]);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await header.getByRole("link", { name: "Đăng nhập" }).isVisible()).toBe(true);
    expect(await header.getByRole("link", { name: "Log in" }).count()).toBe(0);
  });
});
