import { describe, expect, it } from "vitest";
import { login, logout, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage, log } = useBrowser();

describe("registering and logging in", () => {
  it("lets a new startup register, reach its home page, log out and log in again", async () => {
    const page = await newPage();
    const suffix = Date.now().toString(36);
    const person = {
      fullName: "Nguyễn Thị Kiểm Thử",
      email: `khoinghiep-${suffix}@example.vn`,
      organisation: `Nhóm khởi nghiệp Gốm Sa Huỳnh ${suffix}`,
      password: "MatKhau@2026-e2e",
    };

    await page.goto("/register");
    await waitForHydration(page);
    const form = page.locator("main form");
    await form.getByLabel("Họ và tên").fill(person.fullName);
    await form.getByLabel("Thư điện tử").fill(person.email);
    await form.getByLabel("Tên tổ chức, nhóm hoặc doanh nghiệp").fill(person.organisation);
    await form.getByLabel(/^Mật khẩu/).fill(person.password);
    await form.getByLabel("Nhập lại mật khẩu").fill(person.password);
    await form.getByRole("checkbox").check();
    await Promise.all([page.waitForURL("**/home"), form.getByRole("button", { name: "Đăng ký" }).click()]);

    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Xin chào, ${person.fullName}`);
    const myOrganisations = page
      .locator("section.card")
      .filter({ has: page.getByRole("heading", { name: "Tổ chức của tôi" }) });
    expect(await myOrganisations.getByRole("link", { name: person.organisation }).count()).toBe(1);

    await logout(page);
    expect(await page.locator("header.site-header").getByRole("link", { name: "Đăng nhập" }).isVisible()).toBe(true);
    expect(await page.getByRole("status").textContent()).toContain("Bạn đã đăng xuất.");

    await login(page, person.email, person.password);
    expect(new URL(page.url()).pathname).toBe("/home");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Xin chào, ${person.fullName}`);

    await logout(page);
    // The session is gone: the private page sends the visitor back to the login form.
    await page.goto("/home");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("explains in Vietnamese what is missing from an empty registration and focuses the first field in error", async () => {
    log.allow(/status of 400/);
    const page = await newPage();
    await page.goto("/register");
    await waitForHydration(page);
    const form = page.locator("main form");
    await form.getByRole("button", { name: "Đăng ký" }).click();

    const alert = form.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Vui lòng sửa các lỗi được đánh dấu bên dưới.");
    const fullName = form.getByLabel("Họ và tên");
    expect(await fullName.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => fullName.evaluate((element) => element === document.activeElement)).toBe(true);

    const errorText = await form.locator(".field-error").allTextContents();
    expect(errorText).toContain("Vui lòng nhập thông tin này.");
    for (const label of ["Họ và tên", "Thư điện tử", "Tên tổ chức, nhóm hoặc doanh nghiệp"]) {
      const field = form.getByLabel(label);
      expect(await field.getAttribute("aria-invalid"), label).toBe("true");
      const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
      const messages = await Promise.all(
        describedBy
          .split(" ")
          .filter(Boolean)
          .map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      expect(messages, label).toContain("Vui lòng nhập thông tin này.");
    }
    expect(await form.getByRole("checkbox").getAttribute("aria-invalid")).toBe("true");
    expect(errorText).toContain("Bạn cần đồng ý để tiếp tục.");
    // Nothing was created: the visitor is still on the form.
    expect(new URL(page.url()).pathname).toBe("/register");
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    log.allow(/status of 401/);
    const page = await newPage();
    await page.goto("/login");
    await waitForHydration(page);
    const form = page.locator("main form");
    await form.getByLabel("Thư điện tử").fill("chuyenvien@demo.quangngai.vn");
    await form.getByLabel(/^Mật khẩu/).fill("not-the-password");
    await form.getByRole("button", { name: "Đăng nhập" }).click();

    const alert = form.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("Thư điện tử hoặc mật khẩu không đúng.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await form.getByLabel("Thư điện tử").inputValue()).toBe("chuyenvien@demo.quangngai.vn");
  });
});
