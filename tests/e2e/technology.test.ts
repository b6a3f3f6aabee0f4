import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, logout, screenshot, signIn, useBrowser, waitForHydration } from "../helpers/browser";
import { csvLines } from "../helpers/csv";

const { newPage } = useBrowser();
const PDF = path.join(process.cwd(), "tests", "e2e", "fixtures", "ke-hoach-kinh-doanh.pdf");
const DOCUMENTS = [
  "Đơn đề nghị tham gia Chương trình (theo mẫu)",
  "Thuyết minh dự án chuyển giao, đổi mới công nghệ",
  "Báo giá thiết bị, công nghệ của nhà cung cấp",
  "Văn bản chứng minh khả năng bố trí vốn đối ứng",
];
/** The first certificate of this year's series, numbered with its year (the province's: UTC+7). */
const FIRST_NUMBER = `01/${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4)}/GXN-SKHCN`;
const TECHNOLOGY = "Nhà màng trồng dưa lưới điều khiển tưới tự động";

/** Posts a form on the current page and waits for the answer (a redirect back to a page). */
async function submit(page: Page, button: ReturnType<Page["getByRole"]>) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
  await page.waitForLoadState("networkidle");
}

describe("technology transfer and renovation programme", () => {
  it("staff log a consultation; the enterprise applies; a leader approves; the certificate downloads and verifies", async () => {
    const page = await newPage();

    // Staff record a field visit at Huy Long: the enterprise moves to "consulted".
    await signIn(page, DEMO.staff);
    await page.goto("/staff/technology");
    await waitForHydration(page);
    await screenshot(page, "technology-board");
    await page.goto("/staff/technology/enterprises/org-huy-long");
    await waitForHydration(page);
    await page.getByLabel(/^Nhận xét, phát hiện/).fill("Hệ thống tưới thủ công, tốn nhân công.");
    await page.getByLabel(/^Nội dung tư vấn/).fill("Đề xuất đổi mới sang tưới nhỏ giọt điều khiển tự động.");
    await submit(page, page.getByRole("button", { name: "Ghi nhận tư vấn, khảo sát" }));
    await expect.poll(() => page.getByText("Đã ghi nhận buổi tư vấn, khảo sát.").count()).toBe(1);
    expect(await page.getByText("Đã tư vấn").count()).toBeGreaterThan(0);
    await screenshot(page, "technology-enterprise");
    await logout(page);

    // The enterprise applies online, sees what is missing, uploads the documents and files.
    await signIn(page, DEMO.enterprise);
    await page.goto("/technology/applications/new");
    await waitForHydration(page);
    await page.getByLabel(/^Công nghệ cần chuyển giao/).fill(TECHNOLOGY);
    await page.getByLabel(/^Xuất xứ công nghệ/).fill("Israel");
    await page.getByLabel(/^Bên cung cấp/).fill("Công ty TNHH Nông nghiệp Công nghệ cao Netafim Việt Nam");
    await page.getByLabel(/^Thiết bị, dây chuyền/).fill("Bộ điều khiển tưới, cảm biến độ ẩm, hệ thống châm phân");
    await page.getByLabel(/^Tổng vốn đầu tư/).fill("1.500.000.000");
    await page.getByLabel(/^Vốn đối ứng/).fill("1.050.000.000");
    await page.getByLabel(/^Kinh phí đề nghị hỗ trợ/).fill("450.000.000");
    await page.getByLabel(/^Bắt đầu/).fill("2027-01-04");
    await page.getByLabel(/^Kết thúc/).fill("2027-09-30");
    await page.getByLabel(/^Hiệu quả dự kiến/).fill("Giảm 40 % nước tưới và 30 % nhân công.");
    await Promise.all([
      page.waitForURL(/\/technology\/applications\/(?!new)[^/]+$/),
      page.getByRole("button", { name: "Lưu bản nháp" }).first().click(),
    ]);
    await waitForHydration(page);
    const applicationPath = new URL(page.url()).pathname;
    const applicationId = applicationPath.split("/").pop()!;
    await screenshot(page, "technology-application-missing");
    expect(await page.getByText("Còn thiếu các tài liệu bắt buộc:").count()).toBe(1);
    for (const title of DOCUMENTS) {
      const form = page.locator("form").filter({ has: page.getByLabel(`Tải lên: ${title}`) });
      await form.getByLabel(`Tải lên: ${title}`).setInputFiles(PDF);
      await submit(page, form.getByRole("button", { name: "Tải lên", exact: true }));
    }
    await expect.poll(() => page.getByText("Đã đủ tài liệu bắt buộc.").count()).toBe(1);
    await submit(page, page.getByRole("button", { name: "Nộp hồ sơ", exact: true }));
    await expect.poll(() => page.getByText("Hồ sơ đã chuyển sang: Đã tiếp nhận.").count()).toBe(1);
    await logout(page);

    // Staff find it complete and send it for approval with their review note.
    await signIn(page, DEMO.staff);
    await page.goto(`/staff/technology/applications/${applicationId}`);
    await waitForHydration(page);
    await submit(page, page.getByRole("button", { name: "Xác nhận hồ sơ hợp lệ" }));
    await expect.poll(() => page.getByText("Hồ sơ đã chuyển sang: Hồ sơ hợp lệ.").count()).toBe(1);
    await page.getByLabel(/^Ý kiến thẩm định/).fill("Dự án phù hợp nội dung Chương trình, đề nghị phê duyệt.");
    await submit(page, page.getByRole("button", { name: "Trình phê duyệt (kèm ý kiến thẩm định)" }));
    await expect.poll(() => page.getByText("Hồ sơ đã chuyển sang: Đã thẩm định, chờ phê duyệt.").count()).toBe(1);
    // Staff are offered no decision.
    expect(await page.getByRole("button", { name: "Phê duyệt và cấp giấy xác nhận" }).count()).toBe(0);
    await logout(page);

    // A leader approves: the certificate is numbered in the year's series.
    await signIn(page, DEMO.leader);
    await page.goto(`/staff/technology/applications/${applicationId}`);
    await waitForHydration(page);
    await submit(page, page.getByRole("button", { name: "Phê duyệt và cấp giấy xác nhận" }));
    await expect.poll(() => page.getByText(`Đã cấp Giấy xác nhận số ${FIRST_NUMBER}.`).count()).toBe(1);
    await screenshot(page, "technology-application-approved");
    await logout(page);

    // The enterprise downloads its certificate; the PDF reads back in Vietnamese; the verification page confirms it.
    await signIn(page, DEMO.enterprise);
    await page.goto(applicationPath);
    await waitForHydration(page);
    const href = await page.getByRole("link", { name: "Tải Giấy xác nhận (PDF)" }).getAttribute("href");
    expect(href).toBe(`/technology/applications/${applicationId}/certificate.pdf`);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const { PDFParse } = await import("pdf-parse");
    const { text: raw } = await new PDFParse({ data: new Uint8Array(await pdf.body()) }).getText();
    const text = raw.normalize("NFC").replace(/\s+/g, " ");
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      `Số: ${FIRST_NUMBER}`,
      "GIẤY XÁC NHẬN",
      "Công ty TNHH MTV Công nghệ cao Huy Long",
      TECHNOLOGY,
      "Nơi nhận:",
      "Nguyễn Văn Lãnh",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Quảng Ngãi, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    const code = /Mã xác thực:\s*([A-Z0-9]+)/.exec(text)?.[1];
    expect(code).toBeTruthy();
    await page.goto(`/verify/${code}`);
    await waitForHydration(page);
    expect(await page.getByText("Giấy xác nhận hợp lệ.").count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain(FIRST_NUMBER);
    await screenshot(page, "technology-certificate-verified");
  });

  it("leaders see the pipeline and the project stalled for lack of own funds", async () => {
    const page = await newPage();
    await signIn(page, DEMO.leader);
    await page.goto("/staff/technology");
    await waitForHydration(page);
    const stalled = page
      .locator("section.card")
      .filter({ has: page.getByRole("heading", { name: "Dự án dừng hoặc chậm triển khai" }) });
    expect(await stalled.textContent()).toContain("Công ty TNHH MTV sản xuất rượu Quang Hải");
    expect(await stalled.textContent()).toContain("Doanh nghiệp chưa thu xếp được vốn đối ứng");

    // One stage of the pipeline, then its export: as many enterprises as the stage's figure, the stage in words.
    const consulted = page.locator(".pipeline-stage").filter({ hasText: "Đã tư vấn" });
    const figure = Number((await consulted.locator(".figure").innerText()).replace(/\./g, ""));
    await Promise.all([page.waitForURL(/stage=consulted/), consulted.getByRole("link").click()]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^doi-moi-cong-nghe-consulted-.*\.csv$/);
    const lines = csvLines(fs.readFileSync((await download.path())!, "utf8")).slice(1);
    expect(lines).toHaveLength(figure);
    expect(lines.every((line) => line.includes(",Đã tư vấn,"))).toBe(true);

    await page.goto("/staff/technology/assessments");
    await waitForHydration(page);
    expect(
      await page.getByText("chưa xác minh — cần đối chiếu Thông tư 17/2019", { exact: false }).count(),
    ).toBeGreaterThan(0);
    await screenshot(page, "technology-assessments");
  });
});
