import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, logout, screenshot, signIn, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage } = useBrowser();
const PDF = path.join(process.cwd(), "tests", "e2e", "fixtures", "ke-hoach-kinh-doanh.pdf");
const CONTENT = "Tư vấn xây dựng hệ thống quản lý chất lượng ISO 9001 cho nhà màng dưa lưới.";

/** Posts a form on the current page and waits for the answer (a redirect back to the same page). */
async function submit(page: Page, button: ReturnType<Page["getByRole"]>) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
  await page.waitForLoadState("networkidle");
}

async function upload(page: Page, title: string) {
  const form = page.locator("form").filter({ has: page.getByLabel(`Tải lên: ${title}`) });
  await form.getByLabel(`Tải lên: ${title}`).setInputFiles(PDF);
  await submit(page, form.getByRole("button", { name: "Tải lên", exact: true }));
  await expect.poll(() => page.getByText("Đã tải lên tài liệu.").count()).toBe(1);
}

describe("SME support dossier", () => {
  it("an enterprise files with a document missing, staff ask for it, the enterprise supplies it, staff propose, a leader approves, the enterprise sees the decision and its e-mail", async () => {
    const page = await newPage();

    // The finance circular has arrived: staff propose reopening the programme paused since 2023, citing it…
    await signIn(page, DEMO.staff);
    await page.goto("/staff/sme/programme");
    await waitForHydration(page);
    const statusForm = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Đề xuất đổi trạng thái" }) });
    await statusForm.getByLabel(/^Chuyển sang/).selectOption("open");
    await statusForm.getByLabel(/^Căn cứ \(văn bản\)/).fill("Thông tư 52/2023/TT-BTC ngày 08/8/2023");
    await submit(page, statusForm.getByRole("button", { name: "Đề xuất đổi trạng thái" }));
    await expect.poll(() => page.getByText("Đã gửi đề xuất, chờ lãnh đạo phê duyệt.").count()).toBe(1);
    expect(await page.getByText("Đề xuất chờ lãnh đạo phê duyệt").count()).toBe(1);
    await logout(page);

    // …and a leader approves: the change takes effect only now.
    await signIn(page, DEMO.leader);
    await page.goto("/home");
    await Promise.all([
      page.waitForURL(/\/staff\/settings-proposals$/),
      page.getByRole("link", { name: "1 đề xuất thay đổi chờ phê duyệt" }).click(),
    ]);
    await waitForHydration(page);
    expect(await page.getByText("Thông tư 52/2023/TT-BTC ngày 08/8/2023").count()).toBe(1);
    await screenshot(page, "settings-proposals-leader");
    await submit(page, page.getByRole("button", { name: "Phê duyệt", exact: true }));
    await expect.poll(() => page.getByText("Đã phê duyệt; thay đổi đã có hiệu lực.").count()).toBe(1);
    await page.goto("/staff/sme/programme");
    expect(await page.getByText("Đang nhận hồ sơ", { exact: true }).count()).toBeGreaterThan(0);
    await logout(page);

    // The enterprise (Huy Long) drafts a consulting request and uploads four of the five documents.
    await signIn(page, DEMO.enterprise);
    await page.goto("/sme/dossiers/new");
    await waitForHydration(page);
    await page.getByLabel(/^Doanh nghiệp đề nghị hỗ trợ/).selectOption("org-huy-long");
    await page.getByLabel(/^Nội dung hỗ trợ/).selectOption("type-consulting");
    await page.getByLabel(/^Nội dung đề nghị hỗ trợ/).fill(CONTENT);
    await page.getByLabel(/^Đơn vị cung cấp dịch vụ/).fill("Công ty TNHH Tư vấn Chất lượng Miền Trung");
    await page.getByLabel(/^Tổng chi phí theo báo giá/).fill("40.000.000");
    await page.getByLabel(/^Số tiền đề nghị hỗ trợ/).fill("40.000.000");
    await Promise.all([
      page.waitForURL(/\/sme\/dossiers\/(?!new)[^/]+$/),
      page.getByRole("button", { name: "Tạo bản nháp" }).click(),
    ]);
    const dossierUrl = new URL(page.url()).pathname;
    await waitForHydration(page);
    for (const title of [
      "Tờ khai xác định doanh nghiệp nhỏ và vừa (Phụ lục Nghị định 80/2021/NĐ-CP)",
      "Đơn đề nghị hỗ trợ (mẫu tại Quyết định 123/QĐ-SKHCN)",
      "Giấy chứng nhận đăng ký doanh nghiệp",
      "Báo cáo tài chính năm gần nhất",
    ]) {
      await upload(page, title);
    }
    await screenshot(page, "sme-dossier-draft");
    const warning = page.getByText("Hồ sơ còn thiếu tài liệu bắt buộc", { exact: false });
    expect(await warning.textContent()).toContain("Báo giá hoặc hợp đồng với đơn vị cung cấp dịch vụ");
    await submit(page, page.getByRole("button", { name: "Nộp hồ sơ" }));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/DNNVV\d{4}-\d{4}/);
    const receipt = /DNNVV\d{4}-\d{4}/.exec((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")![0];
    await screenshot(page, "sme-dossier-filed");
    await logout(page);

    // Staff receive it and ask for the missing quote.
    await signIn(page, DEMO.staff);
    await page.goto("/staff/sme");
    await waitForHydration(page);
    await screenshot(page, "sme-desk");
    await Promise.all([
      page.waitForURL(/\/staff\/sme\/[^/]+$/),
      page.getByRole("link", { name: receipt, exact: true }).click(),
    ]);
    const staffUrl = new URL(page.url()).pathname;
    await waitForHydration(page);
    await submit(page, page.getByRole("button", { name: "Tiếp nhận" }));
    await page.getByLabel(/^Lý do, nội dung/).fill("Bổ sung báo giá của đơn vị tư vấn có chữ ký và dấu.");
    await page.getByLabel(/^Thời hạn bổ sung/).fill("2099-12-31");
    await submit(page, page.getByRole("button", { name: "Yêu cầu bổ sung" }));
    await expect.poll(() => page.getByText("Đã cập nhật hồ sơ: Yêu cầu bổ sung.").count()).toBe(1);
    await logout(page);

    // The enterprise uploads the quote and sends the dossier back.
    await signIn(page, DEMO.enterprise);
    await page.goto(dossierUrl);
    await waitForHydration(page);
    expect(await page.getByText(/Bổ sung báo giá của đơn vị tư vấn có chữ ký và dấu\./).count()).toBeGreaterThan(0);
    await upload(page, "Báo giá hoặc hợp đồng với đơn vị cung cấp dịch vụ");
    await submit(page, page.getByRole("button", { name: "Gửi hồ sơ đã bổ sung" }));
    await expect.poll(() => page.getByText("Đã tiếp nhận", { exact: true }).count()).toBeGreaterThan(0);
    await logout(page);

    // Staff find it complete, appraise it and propose 40 million.
    await signIn(page, DEMO.staff);
    await page.goto(staffUrl);
    await waitForHydration(page);
    await submit(page, page.getByRole("button", { name: "Xác nhận hồ sơ hợp lệ" }));
    await expect.poll(() => page.getByText(/^Hạn \d{2}\/\d{2}\/\d{4}$/).count()).toBe(1);
    await submit(page, page.getByRole("button", { name: "Bắt đầu thẩm định" }));
    await page.getByLabel(/^Số tiền \(đồng\)/).fill("40.000.000");
    await page
      .getByLabel(/^Biên bản, ý kiến thẩm định/)
      .fill("Đủ điều kiện: doanh nghiệp siêu nhỏ, hỗ trợ 100 % trong mức trần 50 triệu đồng/năm.");
    await submit(page, page.getByRole("button", { name: "Trình phê duyệt" }));
    await expect.poll(() => page.getByText("Đã cập nhật hồ sơ: Đã trình phê duyệt.").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Phê duyệt" }).count()).toBe(0);
    await logout(page);

    // A leader approves.
    await signIn(page, DEMO.leader);
    await page.goto(staffUrl);
    await waitForHydration(page);
    await screenshot(page, "sme-dossier-leader");
    await submit(page, page.getByRole("button", { name: "Phê duyệt", exact: true }));
    await expect.poll(() => page.getByText("Đã cập nhật hồ sơ: Đã phê duyệt.").count()).toBe(1);
    await logout(page);

    // The enterprise sees the decision.
    await signIn(page, DEMO.enterprise);
    await page.goto(dossierUrl);
    await waitForHydration(page);
    expect(await page.getByText("Đã phê duyệt", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText("40.000.000 ₫").count()).toBeGreaterThan(0);
    await screenshot(page, "sme-dossier-approved");
    await logout(page);

    // The approval e-mail is in the outbox.
    await signIn(page, DEMO.admin);
    await page.goto("/admin/outbox");
    await waitForHydration(page);
    expect(await page.getByText(`Hồ sơ hỗ trợ ${receipt}: Đã phê duyệt`).count()).toBeGreaterThan(0);
  });
});
