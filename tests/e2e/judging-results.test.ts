import { describe, expect, it } from "vitest";
import { DEMO, expectAccessible, login, logout, screenshot, useBrowser, waitForHydration } from "../helpers/browser";
import { approveAndPublish, finalRoundOf } from "../helpers/final-round";

const { newPage } = useBrowser();

/**
 * A final round ready to be judged, made with the app's own commands on the e2e server's database:
 * a published edition with one round, two valid entries of two teams, the demo judge on the panel.
 */
async function finalRoundFixture() {
  const suffix = Date.now().toString(36);
  const projects = [
    { team: "org-team-toi-ly-son", name: `Tỏi đen Lý Sơn thế hệ mới ${suffix}` },
    { team: "org-huy-long", name: `Rau thủy canh Huy Long ${suffix}` },
  ];
  const { editionId, finalRound } = await finalRoundOf({
    name: `Cuộc thi chấm thử ${suffix}`,
    number: 99,
    prefix: `CT${suffix.slice(-4).toUpperCase()}`,
    projects,
  });
  return { editionId, finalRound, projects };
}

describe("judging, prizes and published results", () => {
  it("takes two entries from the judge's scores to a published prize list with a genuine certificate", async () => {
    const { editionId, finalRound, projects } = await finalRoundFixture();

    // The judge scores both entries.
    const page = await newPage();
    await login(page, DEMO.judge);
    await page.goto("/judging");
    // The home lists both entries still to do.
    for (const project of projects)
      expect(await page.locator("tr", { hasText: project.name }).textContent()).toContain("Chưa chấm");
    await expectAccessible(page, "the judge's home");
    for (const [index, project] of projects.entries()) {
      await Promise.all([
        page.waitForURL(/\/judging\/[^/]+$/),
        page.getByRole("link", { name: new RegExp(project.name) }).click(),
      ]);
      const scores = page.getByLabel(/^Điểm \(0–100\)/);
      await scores.first().waitFor();
      const count = await scores.count();
      expect(count).toBeGreaterThan(3);
      // The running weighted total: 0 on a new sheet, then updated as the judge types.
      const total = page.locator(".sheet-total");
      expect(await total.textContent()).toContain("Tổng điểm có trọng số: 0 / 100");
      expect(await total.textContent()).toContain("Tiêu chí chưa chấm: 1.");
      await waitForHydration(page);
      await scores.first().fill("50");
      await expect.poll(() => total.textContent()).toContain("Tiêu chí chưa chấm: 2.");
      for (let i = 0; i < count; i++) await scores.nth(i).fill(index === 0 ? "90" : "70");
      await expect.poll(() => total.textContent()).toContain(`Tổng điểm có trọng số: ${index === 0 ? 90 : 70} / 100`);
      expect(await total.textContent()).toContain("Đã chấm đủ các tiêu chí tính điểm.");
      if (index === 0) {
        await screenshot(page, "judging-score-sheet");
        await expectAccessible(page, "the judge's score sheet");
      }
      await Promise.all([page.waitForURL("**/judging"), page.getByRole("button", { name: "Nộp phiếu chấm" }).click()]);
    }
    await screenshot(page, "judging-home-done");
    for (const project of projects)
      expect(await page.locator("tr", { hasText: project.name }).textContent()).toContain("Đã chấm");
    await expectAccessible(page, "the judge's home, every sheet submitted");
    await logout(page);

    // Staff read the ranking, close the final round and propose the prizes.
    await login(page, DEMO.staff);
    await page.goto(`/staff/competitions/${editionId}/rounds/${finalRound}`);
    await expectAccessible(page, "the staff round page");
    await page.goto(`/staff/competitions/${editionId}/rounds/${finalRound}/ranking`);
    await page.getByText(projects[0].name).first().waitFor();
    await screenshot(page, "judging-ranking");
    await expectAccessible(page, "the ranking");
    await page.locator("summary", { hasText: "Đóng vòng" }).click();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator(".confirm-panel").getByRole("button", { name: "Đóng vòng" }).click(),
    ]);
    await page.goto(`/staff/competitions/${editionId}/prizes`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Đề xuất danh sách giải" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã đề xuất danh sách giải.");
    const rows = page.locator("table tbody tr");
    expect(await rows.first().textContent()).toContain(projects[0].name);
    expect(await rows.first().textContent()).toContain("Giải Nhất");
    await expectAccessible(page, "the proposed prize list");
    await logout(page);

    // The organising committee approves and publishes.
    await login(page, DEMO.leader);
    await page.goto(`/staff/competitions/${editionId}/prizes`);
    await approveAndPublish(page);
    await screenshot(page, "judging-prizes-published");
    await expectAccessible(page, "the published prize list");

    // The public page shows the winners.
    await logout(page);
    await page.goto(`/competitions/${editionId}`);
    const results = page.locator("section.card").filter({ has: page.getByRole("heading", { name: "Kết quả" }) });
    expect(await results.textContent()).toContain(projects[0].name);
    expect(await results.textContent()).toContain("Giải Nhất");
    await screenshot(page, "judging-public-results");
    await expectAccessible(page, "the public edition page with its results");

    // The winning startup downloads its certificate; the PDF carries its name with diacritics, and the code checks out.
    await login(page, DEMO.startup);
    const entryId = `${editionId}-e1`;
    await page.goto(`/my/entries/${entryId}`);
    const certificateLink = page.getByRole("link", { name: /Giấy chứng nhận|chứng nhận/ }).first();
    const href = await certificateLink.getAttribute("href");
    expect(href).toMatch(/^\/certificates\/.+\.pdf$/);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const { PDFParse } = await import("pdf-parse");
    const { text } = await new PDFParse({ data: new Uint8Array(await pdf.body()) }).getText();
    expect(text).toContain("Tỏi đen Lý Sơn");
    expect(text).toContain("Nhóm khởi nghiệp Tỏi đen Lý Sơn");
    const code = /Mã xác thực:\s*([A-Z0-9-]+)/.exec(text)?.[1];
    expect(code).toBeTruthy();
    await page.goto(`/verify/${code}`);
    expect(await page.getByText("Giấy chứng nhận hợp lệ").first().isVisible()).toBe(true);
    expect(await page.locator("main").textContent()).toContain(projects[0].name);
    await screenshot(page, "judging-certificate-verified");
  });
});
