import { describe, expect, it } from "vitest";
import { DEMO, login, logout, useBrowser } from "../helpers/browser";

const { newPage, log } = useBrowser();

describe("without JavaScript", () => {
  it("lets the admin log in, filter the accounts, create one, change it and log out with plain HTML forms", async () => {
    log.allow(/status of 400/);
    const page = await newPage({ javaScriptEnabled: false });

    await login(page, DEMO.admin);
    expect(new URL(page.url()).pathname).toBe("/home");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Xin chào, Quản trị Cổng");

    await page.goto("/admin/users");
    const table = page.getByRole("table");
    expect(await table.getByRole("link", { name: "Phạm Minh Đức" }).count()).toBe(1);
    expect(await table.getByRole("link", { name: "Trần Thị Thu Hà" }).count()).toBe(1);

    // A GET form: filter by role.
    await page.getByLabel("Vai trò").selectOption("judge");
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get("role") === "judge"),
      page.getByRole("button", { name: "Lọc" }).click(),
    ]);
    // The five judges of the 2022 panel, and nobody else.
    expect(await table.locator("tbody tr").count()).toBe(5);
    expect((await table.locator("tbody tr").allTextContents()).join(" ")).toContain("giamkhao@demo.quangngai.vn");
    expect((await table.locator("tbody tr").allTextContents()).join(" ")).not.toContain("chuyenvien@demo.quangngai.vn");

    // A POST form answered with errors, then accepted.
    await page.getByRole("link", { name: "Tạo tài khoản" }).click();
    await page.waitForURL("**/admin/users/new");
    const form = page.locator("main form");
    // Same URL before and after: wait for the POST's answer and the page it renders, not for a navigation.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.status() === 400),
      form.getByRole("button", { name: "Tạo tài khoản" }).click(),
    ]);
    await form.getByRole("alert").waitFor();
    expect(await form.getByRole("alert").isVisible()).toBe(true);
    expect(await form.getByLabel("Họ và tên").getAttribute("aria-invalid")).toBe("true");
    expect(await form.locator(".field-error").allTextContents()).toContain("Vui lòng nhập thông tin này.");

    const email = `giamkhao-${Date.now().toString(36)}@example.vn`;
    await form.getByLabel("Họ và tên").fill("Đặng Văn Chấm Thi");
    await form.getByLabel("Thư điện tử").fill(email);
    await form.getByLabel("Vai trò").selectOption("judge");
    await Promise.all([
      page.waitForURL(/\/admin\/users\/(?!new)[^/]+$/),
      form.getByRole("button", { name: "Tạo tài khoản" }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toContain("Đã tạo tài khoản và gửi thư mời.");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Tài khoản Đặng Văn Chấm Thi");

    const accountUrl = page.url();
    await page.locator("main form").getByLabel("Trạng thái").selectOption("disabled");
    await page.locator("main form").getByLabel("Lý do thay đổi").fill("Kiểm thử không có JavaScript");
    await Promise.all([
      page.waitForURL(accountUrl),
      page.locator("main form").getByRole("button", { name: "Lưu" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Đã lưu tài khoản.");
    expect(await page.locator("dl.facts").textContent()).toContain("Đã khóa");

    // Retention: the suggested periods wait for the admin's confirmation; twenty years each, then a run by hand
    // that finds nothing expired in the demo data (nothing of the suite's data is anonymised).
    await page.goto("/admin/privacy/retention");
    expect(await page.locator("main").textContent()).toContain("chưa được xác nhận");
    const periods = page.locator("main form", { has: page.getByRole("button", { name: "Lưu thời hạn" }) });
    const fields = periods.locator('input[type="number"]');
    expect(await fields.count()).toBe(4);
    for (let i = 0; i < 4; i++) await fields.nth(i).fill("240");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      periods.getByRole("button", { name: "Lưu thời hạn" }).click(),
    ]);
    await page.getByText("Đã lưu thời hạn lưu trữ.").waitFor();
    expect(await page.locator("main").textContent()).not.toContain("chưa được xác nhận");
    await page.locator("details.confirm summary", { hasText: "Chạy ngay" }).click();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator(".confirm-panel").getByRole("button", { name: "Chạy ngay" }).click(),
    ]);
    await page.getByText("Đã chạy: 0 bản ghi được ẩn danh.").waitFor();
    expect(await page.getByRole("table").locator("tbody tr").first().textContent()).toContain("Chạy tay");

    await logout(page);
    expect(await page.locator("header.site-header").getByRole("link", { name: "Đăng nhập" }).isVisible()).toBe(true);
  });
});
