import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO, expectAccessible, login, logout, screenshot, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage } = useBrowser();
const PDF = path.join(process.cwd(), "tests", "e2e", "fixtures", "ke-hoach-kinh-doanh.pdf");

describe("a competition entry from draft to valid", () => {
  it("lets a startup draft, come back, upload, submit and follow its entry while staff screen it", async () => {
    const year = new Date().getUTCFullYear();
    const editionPath = `/competitions/edition-${year}`;
    const suffix = Date.now().toString(36);
    const person = {
      fullName: "Trần Thị Dự Thi",
      email: `duthi-${suffix}@example.vn`,
      team: `Nhóm Nước mắm Sa Kỳ ${suffix}`,
      password: "MatKhau@2026-entry",
    };
    const project = `Nước mắm cá cơm Sa Kỳ ${suffix}`;

    // A new startup registers and starts an entry from the public call page.
    const page = await newPage();
    await page.goto("/register");
    await waitForHydration(page);
    const register = page.locator("main form");
    await register.getByLabel("Họ và tên").fill(person.fullName);
    await register.getByLabel("Thư điện tử").fill(person.email);
    await register.getByLabel("Tên tổ chức, nhóm hoặc doanh nghiệp").fill(person.team);
    await register.getByLabel(/^Mật khẩu/).fill(person.password);
    await register.getByLabel("Nhập lại mật khẩu").fill(person.password);
    await register.getByRole("checkbox").check();
    await Promise.all([page.waitForURL("**/home"), register.getByRole("button", { name: "Đăng ký" }).click()]);

    await page.goto(editionPath);
    await waitForHydration(page);
    expect(await page.getByText("Đang nhận hồ sơ").first().isVisible()).toBe(true);
    await screenshot(page, "competition-call-page");
    await expectAccessible(page, "the public edition page");
    await Promise.all([
      page.waitForURL(/\/my\/entries\//),
      page.getByRole("button", { name: "Tạo hồ sơ dự thi" }).click(),
    ]);
    const entryUrl = new URL(page.url()).pathname;

    // A first draft, saved.
    await page.getByLabel("Tên dự án/ý tưởng").fill(project);
    await page.getByLabel("Bảng thi").selectOption({ label: "Dự án" });
    await page.getByLabel("Lĩnh vực").first().fill("Chế biến thực phẩm");
    await page.getByLabel("Tóm tắt").fill("Nước mắm truyền thống ủ chượp 12 tháng, truy xuất nguồn gốc bằng mã QR.");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Lưu nháp" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã lưu nháp.");

    // She leaves and comes back later.
    await logout(page);
    await login(page, person.email, person.password);
    await page.goto("/my/entries");
    await Promise.all([page.waitForURL(`**${entryUrl}`), page.getByRole("link", { name: project }).click()]);
    expect(await page.getByLabel("Tóm tắt").inputValue()).toContain("ủ chượp 12 tháng");

    // The checklist says what is still missing; she uploads the business plan.
    const checklist = page.locator("ul.checklist");
    expect(await checklist.textContent()).toContain("Thiếu tài liệu bắt buộc: Kế hoạch kinh doanh.");
    const upload = page.locator("form[enctype='multipart/form-data']");
    await upload.getByLabel("Tài liệu", { exact: true }).selectOption({ label: "Kế hoạch kinh doanh" });
    await upload.getByLabel("Tải lên").setInputFiles(PDF);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      upload.getByRole("button", { name: "Tải lên", exact: true }).click(),
    ]);
    await expect.poll(() => page.getByRole("link", { name: "ke-hoach-kinh-doanh.pdf" }).count()).toBe(1);
    // A second document named as people name them: Chromium's own multipart, with = and ; in the name, is read whole.
    const named = "Hợp đồng; bản sao=2 (ký).pdf";
    await upload.getByLabel("Tài liệu", { exact: true }).selectOption({ value: "other" });
    await upload
      .getByLabel("Tải lên")
      .setInputFiles({ name: named, mimeType: "application/pdf", buffer: fs.readFileSync(PDF) });
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      upload.getByRole("button", { name: "Tải lên", exact: true }).click(),
    ]);
    await expect.poll(() => page.getByRole("link", { name: named }).count()).toBe(1);
    // The edition asks her ID card (optional) as proof of the representative's age.
    await upload.getByLabel("Tài liệu", { exact: true }).selectOption({ label: "Căn cước của người đại diện" });
    await upload.getByLabel("Tải lên").setInputFiles({
      name: "can-cuoc-nguoi-dai-dien.pdf",
      mimeType: "application/pdf",
      buffer: fs.readFileSync(PDF),
    });
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      upload.getByRole("button", { name: "Tải lên", exact: true }).click(),
    ]);
    await expect.poll(() => page.getByRole("link", { name: "can-cuoc-nguoi-dai-dien.pdf" }).count()).toBe(1);

    // She completes the entry and submits it.
    await page.getByLabel("Vấn đề cần giải quyết").fill("Nước mắm thủ công khó cạnh tranh với hàng công nghiệp.");
    await page.getByLabel("Giải pháp, sản phẩm").fill("Đóng chai chuẩn, tem truy xuất, bán trực tuyến.");
    await page.getByLabel("Thị trường, khách hàng").fill("Nhà hàng tại Quảng Ngãi, Đà Nẵng; khách du lịch Lý Sơn.");
    await page.getByLabel("Mô hình kinh doanh").fill("Bán sỉ cho nhà hàng, bán lẻ trực tuyến.");
    await page.getByLabel("Năng lực đội ngũ").fill("Ba thế hệ làm nước mắm ở Sa Kỳ.");
    await page.getByLabel("Giai đoạn phát triển").selectOption({ label: "Đã có khách hàng" });
    const representative = page.locator("fieldset.member").first();
    await representative.getByLabel("Điện thoại").fill("0905 777 888");
    await representative.getByLabel("Ngày sinh").fill("1994-03-12");
    await page.getByLabel(/Tôi đồng ý để Ban Tổ chức/).check();
    await screenshot(page, "competition-entry-draft");
    await expectAccessible(page, "the applicant's entry page");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Nộp hồ sơ" }).click(),
    ]);
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toMatch(new RegExp(`Số biên nhận: KN${year}-\\d{4}`));
    const receipt = /KN\d{4}-\d{4}/.exec((await page.getByRole("status").first().textContent()) ?? "")![0];
    expect(await page.locator(".badge").first().textContent()).toBe("Đã nộp");
    await screenshot(page, "competition-entry-submitted");
    await logout(page);

    // Staff find it in the table and mark it valid.
    await login(page, DEMO.staff);
    await page.goto(`/staff/competitions/edition-${year}/entries`);
    await page.getByLabel("Tên dự án hoặc số biên nhận").fill(receipt);
    await Promise.all([page.waitForURL(/q=/), page.getByRole("button", { name: "Lọc" }).click()]);
    await screenshot(page, "competition-screening-table");
    await Promise.all([page.waitForURL(/\/entries\/[^/]+$/), page.getByRole("link", { name: project }).click()]);
    // Each eligibility rule with its verdict in words: she gave a birth date, no enterprise registration date.
    const eligibility = page.getByRole("table", { name: "Điều kiện tham gia" });
    expect(await eligibility.locator("tr", { hasText: "Tuổi của người đại diện" }).textContent()).toContain("Đạt");
    expect(await eligibility.locator("tr", { hasText: "Doanh nghiệp thành lập" }).textContent()).toContain(
      "Chưa đủ thông tin",
    );
    await page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Hợp lệ", exact: true }) })
      .getByLabel("Lý do (người dự thi sẽ thấy)")
      .fill("Hồ sơ đầy đủ.");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Hợp lệ", exact: true }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã cập nhật trạng thái hồ sơ.");
    await screenshot(page, "competition-screening-entry");
    await expectAccessible(page, "the staff entry page");
    // She checks the ID card against the declared birth date and records it.
    const ageRow = () =>
      page.getByRole("table", { name: "Điều kiện tham gia" }).locator("tr", { hasText: "Tuổi của người đại diện" });
    await ageRow().getByLabel("Ghi chú đối chiếu (không bắt buộc)").fill("Khớp ngày sinh 12/03/1994.");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      ageRow().getByRole("button", { name: "Đã đối chiếu", exact: true }).click(),
    ]);
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Đã ghi nhận việc đối chiếu tài liệu.");
    expect(await ageRow().textContent()).toMatch(/Đã đối chiếu bởi .+ lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(await ageRow().textContent()).toContain("Khớp ngày sinh 12/03/1994.");
    await logout(page);

    // The startup sees the new status.
    await login(page, person.email, person.password);
    await page.goto(entryUrl);
    expect(await page.locator(".badge").first().textContent()).toBe("Hợp lệ");
    expect(await page.getByText("Lý do: Hồ sơ đầy đủ.").isVisible()).toBe(true);
    await expectAccessible(page, "the applicant's entry page, screened valid");
  });
});
