import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  DEMO,
  DEMO_PASSWORD,
  login,
  logout,
  PHONE,
  screenshot,
  unusedTotpCode,
  useBrowser,
  waitForHydration,
} from "../helpers/browser";

const { newPage, log } = useBrowser();

async function registerApplicant(page: Page, label: string): Promise<{ email: string; password: string }> {
  const suffix = `${label}-${Date.now().toString(36)}`;
  const person = { email: `haibuoc-${suffix}@example.vn`, password: "MatKhau@2026-2fa" };
  await page.goto("/register");
  await waitForHydration(page);
  const form = page.locator("main form");
  await form.getByLabel("Họ và tên").fill("Trần Văn Hai Bước");
  await form.getByLabel("Thư điện tử").fill(person.email);
  await form.getByLabel("Tên tổ chức, nhóm hoặc doanh nghiệp").fill(`Nhóm Cá bống sông Trà ${suffix}`);
  await form.getByLabel(/^Mật khẩu/).fill(person.password);
  await form.getByLabel("Nhập lại mật khẩu").fill(person.password);
  await form.getByRole("checkbox").check();
  await Promise.all([page.waitForURL("**/home"), form.getByRole("button", { name: "Đăng ký" }).click()]);
  return person;
}

/** From the account page to the QR code: returns the secret shown for typing by hand. */
async function startEnrolment(page: Page): Promise<string> {
  await page.goto("/account");
  await waitForHydration(page);
  await Promise.all([
    page.waitForURL("**/account/two-factor"),
    page.getByRole("link", { name: "Bật xác thực hai bước" }).click(),
  ]);
  await page.getByRole("button", { name: "Bật xác thực hai bước" }).click();
  const secret = page.getByTestId("totp-secret");
  await secret.waitFor();
  await waitForHydration(page);
  return (await secret.textContent())!.replace(/\s/g, "");
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("two-factor sign-in", () => {
  it("lets an applicant enrol with the secret shown, keep recovery codes, and log in again with a code", async () => {
    log.allow(/status of 401/);
    const page = await newPage();
    const person = await registerApplicant(page, "desktop");
    const secret = await startEnrolment(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qr = page.getByRole("img", { name: "Mã QR để thêm tài khoản vào ứng dụng xác thực" });
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    expect(await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    await screenshot(page, "desktop-two-factor-enrol");

    const confirm = page.locator("main form").filter({ has: page.getByRole("button", { name: "Xác nhận và bật" }) });
    await confirm.getByLabel("Mã xác thực (6 chữ số)").fill(await unusedTotpCode(person.email, secret));
    await confirm.getByRole("button", { name: "Xác nhận và bật" }).click();
    const codes = page.locator("ol.recovery-codes li");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    expect(await page.getByRole("status").first().textContent()).toContain("Đã bật xác thực hai bước.");
    await screenshot(page, "desktop-two-factor-recovery-codes");
    await Promise.all([page.waitForURL("**/account"), page.getByRole("link", { name: "Tiếp tục" }).click()]);
    // A client-side navigation: the URL changes before the account page renders.
    await expect.poll(() => page.getByText("Đang bật").count()).toBeGreaterThan(0);

    await logout(page);
    await page.goto("/login");
    await waitForHydration(page);
    const form = page.locator("main form");
    await form.getByLabel("Thư điện tử").fill(person.email);
    await form.getByLabel(/^Mật khẩu/).fill(person.password);
    await Promise.all([
      page.waitForURL("**/login/two-factor"),
      form.getByRole("button", { name: "Đăng nhập" }).click(),
    ]);
    // The password alone opened nothing.
    expect(await page.locator('header.site-header form[action="/logout"]').count()).toBe(0);
    const second = page.locator("main form");
    await second.getByLabel("Mã xác thực hoặc mã khôi phục").fill("000000");
    await second.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => second.locator(".field-error").first().textContent()).toContain("Còn 4 lần thử");
    await screenshot(page, "desktop-two-factor-login-wrong-code");

    await second.getByLabel("Mã xác thực hoặc mã khôi phục").fill(await unusedTotpCode(person.email, secret));
    await Promise.all([page.waitForURL("**/home"), second.getByRole("button", { name: "Xác nhận" }).click()]);
    await page.locator('header.site-header form[action="/logout"]').waitFor({ state: "attached" });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Xin chào, Trần Văn Hai Bước");
  });

  it("fits a phone: the QR code, the secret, the recovery codes and the second step", async () => {
    const page = await newPage(PHONE);
    const person = await registerApplicant(page, "phone");
    const secret = await startEnrolment(page);
    await screenshot(page, "phone-two-factor-enrol");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const confirm = page.locator("main form").filter({ has: page.getByRole("button", { name: "Xác nhận và bật" }) });
    await confirm.getByLabel("Mã xác thực (6 chữ số)").fill(await unusedTotpCode(person.email, secret));
    await confirm.getByRole("button", { name: "Xác nhận và bật" }).click();
    await page.locator("ol.recovery-codes li").first().waitFor();
    await screenshot(page, "phone-two-factor-recovery-codes");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The demo leader's second step, as a phone shows it.
    const leader = await newPage(PHONE);
    await leader.goto("/login");
    await waitForHydration(leader);
    const form = leader.locator("main form");
    await form.getByLabel("Thư điện tử").fill(DEMO.leader);
    await form.getByLabel(/^Mật khẩu/).fill(DEMO_PASSWORD);
    await Promise.all([
      leader.waitForURL("**/login/two-factor"),
      form.getByRole("button", { name: "Đăng nhập" }).click(),
    ]);
    await leader.getByLabel("Mã xác thực hoặc mã khôi phục").waitFor();
    await screenshot(leader, "phone-two-factor-login");
    expect(await horizontalOverflow(leader)).toBeLessThanOrEqual(0);
  });

  it("logs the demo leader in through both steps, to the page asked for", async () => {
    const page = await newPage();
    await page.goto("/staff/reports");
    expect(new URL(page.url()).pathname).toBe("/login");
    await login(page, DEMO.leader);
    expect(new URL(page.url()).pathname).toBe("/staff/reports");
  });
});
