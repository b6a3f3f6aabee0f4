import { describe, expect, it } from "vitest";
import { DEMO, login, logout, screenshot, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage } = useBrowser();

describe("incubation tracking", () => {
  it("staff turn a published 2022 winner into a record with two milestones; the demo startup files a quarterly report that staff then see", async () => {
    const page = await newPage();
    await login(page, DEMO.staff);
    await page.goto("/staff/incubation");
    await waitForHydration(page);
    await screenshot(page, "incubation-board");
    await Promise.all([
      page.waitForURL(/\/staff\/incubation\/new$/),
      page.getByRole("link", { name: "Mở hồ sơ ươm tạo" }).click(),
    ]);
    const award = page.getByLabel("Dự án đạt giải");
    const firstWinner = await award.locator("option").nth(1).getAttribute("value");
    expect(firstWinner).toBeTruthy();
    await award.selectOption(firstWinner!);
    await page.getByLabel("Tổ chức ươm tạo").selectOption("org-iq");
    await page.getByLabel("Ngày bắt đầu").fill("2026-01-01");
    await page.getByLabel("Ngày kết thúc dự kiến").fill("2027-12-31");
    await Promise.all([
      page.waitForURL(/\/staff\/incubation\/(?!new)[^/]+$/),
      page.getByRole("button", { name: "Mở hồ sơ ươm tạo" }).click(),
    ]);
    const recordUrl = page.url();
    for (const [title, due] of [
      ["Hoàn thiện sản phẩm mẫu", "2026-03-31"],
      ["Ra mắt thị trường", "2026-12-31"],
    ]) {
      await page.getByLabel("Nội dung mốc").fill(title);
      await page.getByLabel(/^Hạn/).fill(due);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Thêm mốc" }).click(),
      ]);
      await expect.poll(() => page.getByRole("cell", { name: title }).count()).toBe(1);
    }
    await expect.poll(() => page.getByText("Trễ hạn", { exact: true }).count()).toBe(1);
    await screenshot(page, "incubation-record-milestones");
    expect(recordUrl).toMatch(/\/staff\/incubation\//);
    await logout(page);

    // The demo startup (Tỏi đen Lý Sơn, incubated since 2023 and late in reporting) files its quarterly report.
    await login(page, DEMO.startup);
    await page.goto("/my/incubation/incubation-2022-1");
    await waitForHydration(page);
    await page.getByLabel(/^Doanh thu \(đồng\)/).fill("150.000.000");
    await page.getByLabel(/^Lao động/).fill("6");
    await page.getByLabel(/^Khách hàng/).fill("210");
    await page.getByLabel(/^Vốn huy động \(đồng\)/).fill("0");
    await page.getByLabel(/^Đơn sở hữu trí tuệ/).fill("1");
    await page.getByLabel(/^Sản phẩm ra mắt/).fill("1");
    await page.getByLabel(/^Tình hình hoạt động/).fill("Mở thêm điểm bán tại Đà Nẵng.");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Nộp báo cáo" }).click(),
    ]);
    await expect.poll(() => page.getByText("Mở thêm điểm bán tại Đà Nẵng.").count()).toBe(1);
    await logout(page);

    await login(page, DEMO.staff);
    await page.goto("/staff/incubation/incubation-2022-1");
    await waitForHydration(page);
    await expect.poll(() => page.getByText("Mở thêm điểm bán tại Đà Nẵng.").count()).toBe(1);
    expect(await page.getByRole("img", { name: "Doanh thu và lao động qua các kỳ" }).count()).toBe(1);
    await screenshot(page, "incubation-record-kpis");
  });

  it("an incubator's manager updates its capacity and services, and sees only their own incubator", async () => {
    const page = await newPage();
    await login(page, DEMO.incubatorManager);
    await page.goto("/staff/incubators");
    await waitForHydration(page);
    expect(await page.getByRole("rowheader").count()).toBe(1);
    await Promise.all([
      page.waitForURL(/\/staff\/incubators\/[^/]+$/),
      page.getByRole("rowheader").getByRole("link").click(),
    ]);
    await page.getByLabel(/^Sức chứa/).fill("15");
    await page.getByLabel("Kết nối nhà đầu tư").check();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Lưu thông tin" }).click(),
    ]);
    await expect.poll(() => page.getByText("Đã lưu thông tin tổ chức ươm tạo.").count()).toBe(1);
    await screenshot(page, "incubator-profile");
    await page.goto("/staff/incubators");
    expect(await page.getByRole("cell", { name: "15", exact: true }).count()).toBe(1);
  });
});
