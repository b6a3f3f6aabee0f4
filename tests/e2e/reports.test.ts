import fs from "node:fs";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { csvLines } from "../helpers/csv";
import { DEMO, login, PHONE, screenshot, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage, log } = useBrowser();

/** The number on a dashboard tile, read as the page shows it ("1.234" → 1234). */
async function tileValue(page: Awaited<ReturnType<typeof newPage>>, label: string): Promise<number> {
  const tile = page.locator(".figure-tile").filter({ hasText: label }).first();
  return Number((await tile.locator(".figure-tile-value").innerText()).replace(/\./g, ""));
}

describe("reports and dashboards", () => {
  it("a leader opens the dashboard, checks a figure's records, drafts the 2021–2025 report and downloads it as DOCX", async () => {
    const page = await newPage();
    await login(page, DEMO.leader);
    await page.getByRole("link", { name: "Báo cáo, thống kê" }).first().click();
    await page.waitForURL(/\/staff\/reports/);
    await page.getByLabel("Từ").fill("2021");
    await page.getByLabel("Đến").fill("2025");
    await Promise.all([
      page.waitForURL(/from=2021&to=2025/),
      page.getByRole("button", { name: "Xem số liệu" }).click(),
    ]);
    await waitForHydration(page);
    expect(await tileValue(page, "Giải thưởng đã trao")).toBe(6);
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThan(5);
    await screenshot(page, "reports-dashboard");
    const mous = await tileValue(page, "Biên bản ghi nhớ đã ký");
    expect(mous).toBeGreaterThanOrEqual(20);

    // The figure is a link to the records it counts, for the same period.
    await Promise.all([
      page.waitForURL(/\/staff\/reports\/figures\/mous\?/),
      page.locator(".figure-tile").filter({ hasText: "Biên bản ghi nhớ đã ký" }).click(),
    ]);
    await waitForHydration(page);
    await expect.poll(() => page.locator(".figure-summary").innerText()).toContain(`${mous} bản ghi`);
    expect(await page.locator("tbody tr").count()).toBe(Math.min(25, mous));
    await screenshot(page, "reports-drill-down");
    const [records] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải CSV" }).click(),
    ]);
    const csv = fs.readFileSync((await records.path())!, "utf8");
    expect(csv.trim().split("\r\n")).toHaveLength(mous + 1);
    // A bar of a chart narrows the same list to its category.
    await page.goto("/staff/reports?from=2021&to=2025");
    await Promise.all([
      page.waitForURL(/part=enterprise_expert/),
      page.locator('figure.chart a[href*="part=enterprise_expert"]').first().click(),
    ]);
    const experts = Number((await page.locator(".figure-summary").innerText()).match(/^(\d+)/)![1]);
    expect(experts).toBeGreaterThanOrEqual(6);
    expect(await page.locator("tbody tr").filter({ hasText: "Doanh nghiệp – chuyên gia" }).count()).toBe(experts);

    // The report: the period comes along from the dashboard, whose figures also download as the annex.
    await page.goto("/staff/reports?from=2021&to=2025");
    const [dashboardAnnex] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải phụ lục số liệu (XLSX)" }).click(),
    ]);
    expect(dashboardAnnex.suggestedFilename()).toMatch(/^phu-luc-so-lieu-2021-2025-.*\.xlsx$/);
    await Promise.all([
      page.waitForURL(/\/staff\/reports\/drafts/),
      page.getByRole("link", { name: "Lập báo cáo" }).click(),
    ]);
    await waitForHydration(page);
    expect(await page.getByLabel(/^Từ/).inputValue()).toBe("2021");
    expect(await page.getByLabel(/^Đến/).inputValue()).toBe("2025");
    await page.getByLabel("Họ và tên người ký").fill("Nguyễn Văn Lãnh Đạo");
    await Promise.all([
      page.waitForURL(/\/staff\/reports\/drafts\/[^/?]+$/),
      page.getByRole("button", { name: "Soạn dự thảo báo cáo" }).click(),
    ]);
    await waitForHydration(page);
    const mouSection = page.getByLabel("Nội dung mục").nth(4);
    expect(await mouSection.inputValue()).toContain(`${mous} biên bản ghi nhớ được ký kết`);
    expect(await page.getByLabel("Nội dung mục").first().inputValue()).toContain(
      "01 giải nhất, 01 giải nhì, 02 giải ba và 02 giải khuyến khích",
    );
    await page.getByLabel("Số hiệu văn bản").fill("125/BC-SKHCN");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Lưu dự thảo" }).click(),
    ]);
    await expect.poll(() => page.getByText("Đã lưu dự thảo báo cáo.").count()).toBe(1);
    await screenshot(page, "reports-draft");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải báo cáo (DOCX)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("bao-cao-2021-2025.docx");
    const { value: text } = await mammoth.extractRawText({ buffer: fs.readFileSync((await download.path())!) });
    expect(text).toContain("Số: 125/BC-SKHCN");
    expect(text).toContain("BÁO CÁO");
    expect(text).toContain(
      "trao giải cho 06 dự án, ý tưởng xuất sắc với 01 giải nhất, 01 giải nhì, 02 giải ba và 02 giải khuyến khích",
    );
    expect(text).toContain(`${mous} biên bản ghi nhớ được ký kết`);
    expect(text).toContain("Nguyễn Văn Lãnh Đạo");

    const [annex] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải phụ lục số liệu (XLSX)" }).click(),
    ]);
    expect(annex.suggestedFilename()).toMatch(/^phu-luc-bao-cao-2021-2025-.*\.xlsx$/);
  });

  it("the dashboard reads on a phone, and the public statistics page shows counts to anyone", async () => {
    const phone = await newPage(PHONE);
    await login(phone, DEMO.staff);
    await phone.goto("/staff/reports?from=2021&to=2025");
    await waitForHydration(phone);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, "reports-dashboard-phone");

    const visitor = await newPage();
    await visitor.goto("/statistics");
    await waitForHydration(visitor);
    // Other journeys may publish more results; the tile is the sum of the years below it, and the 2022 edition's six are there.
    const winners = await tileValue(visitor, "Dự án đạt giải");
    const perYear = await visitor.locator('tbody td[data-label="Dự án đạt giải"]').allInnerTexts();
    expect(perYear.reduce((sum, text) => sum + Number(text.replace(/\./g, "")), 0)).toBe(winners);
    expect(
      await visitor
        .locator("tbody tr")
        .filter({ has: visitor.locator('th:text-is("2022")') })
        .locator('td[data-label="Dự án đạt giải"]')
        .innerText(),
    ).toBe("6");
    const html = await visitor.content();
    expect(html).not.toMatch(/@demo\.quangngai\.vn/);
    await screenshot(visitor, "statistics-public");
  });

  it("works without JavaScript: the period form, a chart's bar, a refused and then an accepted draft", async () => {
    log.allow(/status of 400/);
    const page = await newPage({ javaScriptEnabled: false });
    await login(page, DEMO.staff);
    await page.goto("/staff/reports");
    await page.getByLabel("Từ").fill("2025");
    await page.getByLabel("Đến").fill("2021");
    await Promise.all([
      page.waitForURL(/from=2025&to=2021/),
      page.getByRole("button", { name: "Xem số liệu" }).click(),
    ]);
    expect(await page.getByRole("alert").innerText()).toContain("Ngày kết thúc phải sau ngày bắt đầu.");
    await page.getByLabel("Từ").fill("2021");
    await page.getByLabel("Đến").fill("2025");
    await Promise.all([
      page.waitForURL(/from=2021&to=2025/),
      page.getByRole("button", { name: "Xem số liệu" }).click(),
    ]);
    await Promise.all([
      page.waitForURL(/figures\/prizes\?.*part=/),
      page.locator('figure.chart a[href*="/figures/prizes"]').first().click(),
    ]);
    expect(await page.locator("tbody tr").count()).toBe(1);

    await page.goto("/staff/reports/drafts");
    await page.getByLabel(/^Từ/).fill("2021");
    await page.getByLabel(/^Đến/).fill("hai nghìn");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 400),
      page.getByRole("button", { name: "Soạn dự thảo báo cáo" }).click(),
    ]);
    expect(await page.getByLabel(/^Đến/).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel(/^Đến/).fill("2025");
    await Promise.all([
      page.waitForURL(/\/staff\/reports\/drafts\/[^/?]+$/),
      page.getByRole("button", { name: "Soạn dự thảo báo cáo" }).click(),
    ]);
    await page.getByLabel("Kính gửi").fill("Ủy ban nhân dân tỉnh Quảng Ngãi");
    // The draft's address does not change on saving: wait for the post's answer, then for the page it leads to.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Lưu dự thảo" }).click(),
    ]);
    await page.getByText("Đã lưu dự thảo báo cáo.").waitFor();
    expect(await page.getByText("Đã lưu dự thảo báo cáo.").count()).toBe(1);
    expect(await page.getByLabel("Kính gửi").inputValue()).toBe("Ủy ban nhân dân tỉnh Quảng Ngãi");

    // The saved drafts' list exports what it shows, here with its search.
    await page.goto("/staff/reports/drafts?q=2021");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^du-thao-bao-cao-.*\.csv$/);
    const lines = csvLines(fs.readFileSync((await download.path())!, "utf8"));
    expect(lines[0]).toBe("Trích yếu,Kỳ báo cáo,Các lĩnh vực báo cáo,Số hiệu văn bản,Cập nhật lần cuối,Người cập nhật");
    expect(lines.slice(1).length).toBe(await page.locator("tbody tr").count());
    expect(lines.some((line) => line.includes("01/01/2021 – 31/12/2025"))).toBe(true);
  });
});
