import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO, login, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage, log } = useBrowser();

describe("who may see the organisations", () => {
  it("shows a judge the 403 page, with a 403 status, for the organisations list", async () => {
    log.allow(/status of 403/);
    const page = await newPage();
    await login(page, DEMO.judge);
    expect(new URL(page.url()).pathname).toBe("/home");
    // The judge's menu does not offer the list either.
    expect(await page.locator("header.site-header").getByRole("link", { name: "Tổ chức, doanh nghiệp" }).count()).toBe(
      0,
    );

    const response = await page.goto("/organisations");
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Bạn không có quyền truy cập trang này");
    expect(await page.getByRole("table").count()).toBe(0);
    expect(await page.getByText("Công ty TNHH OLYSA Việt Nam").count()).toBe(0);

    // The export is refused too, not only the page.
    const exportResponse = await page.request.get("/organisations/export?format=csv");
    expect(exportResponse.status()).toBe(403);
    expect(await exportResponse.text()).not.toContain("OLYSA");
  });

  it("lets staff search, sort and export the organisations list", async () => {
    const page = await newPage();
    await login(page, DEMO.staff);
    await page.goto("/organisations");
    await waitForHydration(page);
    const table = page.getByRole("table");
    expect(await table.getByRole("link", { name: "Công ty TNHH OLYSA Việt Nam" }).count()).toBe(1);
    const allRows = await table.locator("tbody tr").count();
    expect(allRows).toBeGreaterThan(5);

    // The search ignores case and accents.
    await page.getByLabel("Tìm kiếm").fill("olysa");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("q") === "olysa"),
      page.getByLabel("Tìm kiếm").press("Enter"),
    ]);
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    expect(await table.locator("tbody tr").first().textContent()).toContain("Công ty TNHH OLYSA Việt Nam");

    await page.getByLabel("Tìm kiếm").fill("nam duoc lieu ninh truong");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("q") === "nam duoc lieu ninh truong"),
      page.getByRole("button", { name: "Lọc" }).click(),
    ]);
    await expect
      .poll(() => table.locator("tbody tr").allTextContents())
      .toEqual([expect.stringContaining("Công ty TNHH MTV nấm dược liệu Ninh Trương")]);

    // Back to the whole list, then sort by name both ways.
    await Promise.all([
      page.waitForURL((url) => url.search === ""),
      page.getByRole("link", { name: "Xóa bộ lọc" }).click(),
    ]);
    await expect.poll(() => table.locator("tbody tr").count()).toBe(allRows);
    // All organisations on one page, so that the reversed order is the same set of rows.
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("size") === "100"),
      page.getByRole("link", { name: "100", exact: true }).click(),
    ]);
    await expect.poll(() => page.getByText("Trang 1/1").count()).toBe(1);
    const namesAscending = await table.locator("tbody tr td:first-child").allTextContents();

    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("sort") === "name" && url.searchParams.get("dir") === "desc"),
      table.getByRole("link", { name: "Tên", exact: true }).click(),
    ]);
    await expect
      .poll(() => table.locator("tbody tr td:first-child").allTextContents())
      .toEqual([...namesAscending].reverse());
    expect(await table.getByRole("columnheader", { name: "Tên" }).getAttribute("aria-sort")).toBe("descending");

    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("sort") === "name" && url.searchParams.get("dir") === "asc"),
      table.getByRole("link", { name: "Tên", exact: true }).click(),
    ]);
    await expect.poll(() => table.locator("tbody tr td:first-child").allTextContents()).toEqual(namesAscending);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync(await download.path(), "utf8");
    expect(csv).toContain("Ninh Trương");
    expect(csv).toContain("Công ty TNHH OLYSA Việt Nam");
  });
});
