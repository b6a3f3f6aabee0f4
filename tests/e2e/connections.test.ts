import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DEMO, login, PHONE, screenshot, useBrowser, waitForHydration } from "../helpers/browser";

const { newPage } = useBrowser();

const EVENT_TITLE = "Hội thảo Kết nối công nghệ cơ khí – nông nghiệp năm 2025";
const MOU_TITLE = "Biên bản ghi nhớ hợp tác chế tạo máy sấy gốm";

/** The attendee sheet staff keep in Excel: one enterprise known by its tax code, one by its name, one new. */
async function attendeeSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách đại biểu");
  sheet.addRow(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Mã số thuế", "Điện thoại"]);
  sheet.addRow([
    1,
    "Nguyễn Văn Tài",
    "Giám đốc",
    "Công ty TNHH Cơ khí chế tạo Dung Quất",
    "4300812345",
    "0905 111 222",
  ]);
  sheet.addRow([2, "Phạm Văn Lực", "Giám đốc HTX", "HTX Nông nghiệp Tịnh Phong", "", ""]);
  sheet.addRow([3, "Huỳnh Thị Thu", "Chủ cơ sở", "Công ty TNHH Gốm Sa Huỳnh Mới", "", "0914 333 444"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("connection events and MOUs", () => {
  it("staff record an event, import its attendees from Excel, record an MOU between two of them, and find both on a party's page", async () => {
    const page = await newPage();
    await login(page, DEMO.staff);
    await page.goto("/staff/events");
    await waitForHydration(page);
    expect(
      await page
        .getByRole("link", { name: "Hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi - kết nối, vươn tầm" })
        .count(),
    ).toBe(1);
    await screenshot(page, "connections-events");

    await Promise.all([
      page.waitForURL(/\/staff\/events\/new$/),
      page.getByRole("link", { name: "Ghi nhận sự kiện" }).click(),
    ]);
    // The URL changes before the new page is on screen, and the list left behind has a filter with the same label:
    // wait for the form's own heading, or the kind may be chosen in the old page's filter.
    await page.getByRole("heading", { name: "Ghi nhận sự kiện" }).waitFor();
    await page.getByLabel(/^Loại sự kiện/).selectOption({ label: "Hội thảo" });
    await page.getByLabel(/^Ngày bắt đầu/).fill("2025-10-15");
    await page.getByLabel(/^Ngày kết thúc/).fill("2025-10-15");
    await page.getByLabel(/^Tên sự kiện/).fill(EVENT_TITLE);
    await page.getByLabel(/^Địa điểm/).fill("Khu kinh tế Dung Quất");
    await page.getByLabel("Trường Đại học Phạm Văn Đồng").check();
    await page.getByLabel(/^Số người tham dự theo báo cáo/).fill("70");
    await Promise.all([
      page.waitForURL(/\/staff\/events\/(?!new)[^/]+$/),
      page.getByRole("button", { name: "Ghi nhận sự kiện" }).click(),
    ]);
    await expect.poll(() => page.getByRole("heading", { name: EVENT_TITLE }).count()).toBe(1);
    const eventUrl = page.url();

    await Promise.all([
      page.waitForURL(/\/import$/),
      page.getByRole("link", { name: "Nhập danh sách tham dự" }).click(),
    ]);
    await waitForHydration(page);
    await page.getByLabel(/^Tệp danh sách/).setInputFiles({
      name: "dai-bieu.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await attendeeSheet(),
    });
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Kiểm tra tệp" }).click(),
    ]);
    await expect.poll(() => page.getByRole("heading", { name: "Xem trước: 3 dòng hợp lệ" }).count()).toBe(1);
    expect(await page.getByText("Khớp theo MST: Công ty TNHH Cơ khí chế tạo Dung Quất").count()).toBe(1);
    expect(await page.getByText("Khớp theo tên: Hợp tác xã Nông nghiệp Tịnh Phong").count()).toBe(1);
    expect(await page.getByText("Tạo mới: Công ty TNHH Gốm Sa Huỳnh Mới").count()).toBe(1);
    await screenshot(page, "connections-import-preview");
    await Promise.all([
      page.waitForURL((url) => url.pathname === new URL(eventUrl).pathname),
      page.getByRole("button", { name: "Xác nhận ghi toàn bộ" }).click(),
    ]);
    await expect.poll(() => page.getByRole("cell", { name: "Huỳnh Thị Thu" }).count()).toBe(1);
    await screenshot(page, "connections-event");
    expect(await page.getByRole("link", { name: "Công ty TNHH Gốm Sa Huỳnh Mới" }).count()).toBe(1);

    await Promise.all([
      page.waitForURL(/\/staff\/mous\/new\?event=/),
      page.getByRole("link", { name: "Ghi nhận MOU ký tại sự kiện này" }).click(),
    ]);
    await waitForHydration(page);
    await page.getByLabel(/^Tên biên bản/).fill(MOU_TITLE);
    await page.getByLabel(/^Ngày ký/).fill("2025-10-15");
    await page.getByLabel("Công ty TNHH Cơ khí chế tạo Dung Quất (Doanh nghiệp)").check();
    await page.getByLabel("Công ty TNHH Gốm Sa Huỳnh Mới (Doanh nghiệp)").check();
    await page.getByLabel("Tư vấn chuyển giao công nghệ").check();
    await page.getByLabel(/^Bản quét biên bản/).setInputFiles({
      name: "bbgn.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
      ),
    });
    await Promise.all([
      page.waitForURL(/\/staff\/mous\/(?!new)[^/?]+$/),
      page.getByRole("button", { name: "Ghi nhận biên bản ghi nhớ" }).click(),
    ]);
    await expect.poll(() => page.getByRole("heading", { name: MOU_TITLE }).count()).toBe(1);
    expect(await page.getByText("Doanh nghiệp – doanh nghiệp").count()).toBeGreaterThan(0);
    expect(await page.getByRole("link", { name: "bbgn.pdf" }).count()).toBe(1);
    await screenshot(page, "connections-mou");

    await Promise.all([
      page.waitForURL(/\/organisations\/[^/]+$/),
      page.getByRole("link", { name: "Công ty TNHH Gốm Sa Huỳnh Mới" }).click(),
    ]);
    await waitForHydration(page);
    const story = page.locator("#story-title").locator("..");
    await expect.poll(() => story.getByRole("link", { name: EVENT_TITLE }).count()).toBe(1);
    expect(await story.getByRole("link", { name: MOU_TITLE }).count()).toBe(1);
    await screenshot(page, "connections-organisation-story");
  });

  it("shows the MOU reminder list and the seed's 20 MOUs by pairing, also on a phone", async () => {
    const page = await newPage(PHONE);
    await login(page, DEMO.leader);
    await page.goto("/staff/mous");
    await waitForHydration(page);
    await expect.poll(() => page.getByRole("heading", { name: "Cần kiểm tra kết quả" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Ghi nhận biên bản ghi nhớ" }).count()).toBe(0);
    await screenshot(page, "connections-mous-phone");
    await page.goto("/staff/mous?due=1");
    expect(await page.getByText("Quá hạn kiểm tra").count()).toBeGreaterThan(0);
  });

  it("lets staff find the enterprise entered twice and merge the copy into the registered one", async () => {
    const page = await newPage();
    await login(page, DEMO.staff);
    await page.goto("/organisations/duplicates");
    await waitForHydration(page);
    const group = page.locator("section.card", { has: page.getByRole("link", { name: "Cty Nông Sản Sạch Sơn Tịnh" }) });
    expect(await group.getByRole("link", { name: "Công ty CP Nông sản sạch Sơn Tịnh" }).count()).toBe(1);
    await screenshot(page, "connections-duplicates");
    await group.getByLabel(/^Giữ lại/).selectOption({ label: "Công ty CP Nông sản sạch Sơn Tịnh (4300823456)" });
    await group.getByLabel(/^Tổ chức bị gộp/).selectOption({ label: "Cty Nông Sản Sạch Sơn Tịnh" });
    await group.getByLabel(/^Lý do gộp/).fill("Cùng một doanh nghiệp, nhập hai lần");
    await group.locator("summary", { hasText: "Gộp tổ chức" }).click();
    await expect
      .poll(() =>
        group
          .getByText("Gộp “Cty Nông Sản Sạch Sơn Tịnh” vào “Công ty CP Nông sản sạch Sơn Tịnh (4300823456)”?")
          .count(),
      )
      .toBe(1);
    await Promise.all([
      page.waitForURL(/\/organisations\/org-nong-san-son-tinh$/),
      group.getByRole("button", { name: "Gộp tổ chức" }).click(),
    ]);
    await expect.poll(() => page.getByText("Gộp hồ sơ trùng").count()).toBeGreaterThan(0);
    await screenshot(page, "connections-merged");
  });
});
