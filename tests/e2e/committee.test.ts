import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO, expectAccessible, login, logout, screenshot, useBrowser } from "../helpers/browser";
import { csvLines } from "../helpers/csv";
import { withSuiteDatabase } from "../helpers/e2e-database";
import { approveAndPublish, finalRoundOf } from "../helpers/final-round";

const { newPage } = useBrowser();

/**
 * The organising committee's journey through a final round (issue 17): the judge is told of the assignment, the
 * round refuses to close while a sheet is outstanding, the prize list is rearranged with a recorded reason, and the
 * applicant sees no outcome until the leader publishes.
 */
describe("the organising committee's decisions", () => {
  it("refuses closing over an outstanding sheet, records a swap of prizes and keeps outcomes staged until publication", async () => {
    const suffix = Date.now().toString(36);
    const projects = [
      { team: "org-team-toi-ly-son", name: `Nước mắm Sa Huỳnh truyền thống ${suffix}` },
      { team: "org-huy-long", name: `Đường phèn Quảng Ngãi sạch ${suffix}` },
    ];
    const { editionId, finalRound, entries } = await finalRoundOf({
      name: `Cuộc thi hội đồng ${suffix}`,
      number: 97,
      prefix: `HD${suffix.slice(-4).toUpperCase()}`,
      projects,
    });
    const rankingUrl = `/staff/competitions/${editionId}/rounds/${finalRound}/ranking`;

    // The judge was told: an e-mail in the outbox and a notice on their home page.
    const mails = await withSuiteDatabase((db) =>
      db
        .selectFrom("outbox_messages")
        .select(["subject", "text_body"])
        .where("to_address", "=", DEMO.judge)
        .where("subject", "like", `%Cuộc thi hội đồng ${suffix}%`)
        .execute(),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("Phân công chấm thi");
    expect(mails[0].text_body).toContain("/judging");

    const page = await newPage();
    await login(page, DEMO.judge);
    await page.goto("/home");
    expect(await page.locator("main").textContent()).toContain(`Phân công chấm thi – `);
    expect(await page.locator("main").textContent()).toContain(`Cuộc thi hội đồng ${suffix}`);

    // The judge submits the first sheet only.
    const scoreAndSubmit = async (project: string, score: string) => {
      await page.goto("/judging");
      await Promise.all([
        page.waitForURL(/\/judging\/[^/]+$/),
        page.getByRole("link", { name: new RegExp(project) }).click(),
      ]);
      const scores = page.getByLabel(/^Điểm \(0–100\)/);
      await scores.first().waitFor();
      for (let i = 0; i < (await scores.count()); i++) await scores.nth(i).fill(score);
      await Promise.all([page.waitForURL("**/judging"), page.getByRole("button", { name: "Nộp phiếu chấm" }).click()]);
    };
    await scoreAndSubmit(projects[0].name, "90");
    await logout(page);

    // Staff cannot close the round while a sheet is outstanding: the confirmation says how many and asks a reason,
    // and the server refuses a close without one.
    await login(page, DEMO.staff);
    await page.goto(rankingUrl);
    await page.locator("summary", { hasText: "Đóng vòng" }).click();
    const panel = page.locator(".confirm-panel");
    expect(await panel.textContent()).toContain("Còn 1 phiếu chấm chưa nộp");
    expect(await panel.getByLabel("Lý do đóng vòng khi còn phiếu chưa nộp").getAttribute("required")).not.toBeNull();
    await screenshot(page, "committee-close-outstanding");
    await expectAccessible(page, "the ranking with an outstanding sheet");
    const refused = await page.request.post(rankingUrl, {
      form: { intent: "close" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain("Còn 1 phiếu chấm chưa nộp");
    await page.goto(rankingUrl);
    expect(await page.locator("main").textContent()).not.toContain("Đã đóng");
    await logout(page);

    // The judge submits the second sheet; the round closes without a reason to give.
    await login(page, DEMO.judge);
    await scoreAndSubmit(projects[1].name, "70");
    await logout(page);
    await login(page, DEMO.staff);
    await page.goto(rankingUrl);
    await page.locator("summary", { hasText: "Đóng vòng" }).click();
    expect(await page.locator(".confirm-panel").textContent()).not.toContain("chưa nộp");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.locator(".confirm-panel").getByRole("button", { name: "Đóng vòng" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã đóng vòng chung khảo.");

    // The prize list follows the ranking; the committee swaps the two prizes with its reason.
    const prizesUrl = `/staff/competitions/${editionId}/prizes`;
    await page.goto(prizesUrl);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Đề xuất danh sách giải" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã đề xuất danh sách giải.");
    const rowOf = (name: string) => page.locator("table tbody tr", { hasText: name });
    expect(await rowOf(projects[0].name).textContent()).toContain("Giải Nhất");
    const swapCard = page.locator("section.card", { has: page.getByRole("heading", { name: "Đổi chỗ hai giải" }) });
    const options = swapCard.getByLabel("Giải thứ nhất").locator("option");
    const valueOf = async (name: string) => {
      for (let i = 0; i < (await options.count()); i++)
        if ((await options.nth(i).textContent())?.includes(name)) return (await options.nth(i).getAttribute("value"))!;
      throw new Error(`no award option for ${name}`);
    };
    await swapCard.getByLabel("Giải thứ nhất").selectOption(await valueOf(projects[0].name));
    await swapCard.getByLabel("Giải thứ hai").selectOption(await valueOf(projects[1].name));
    const reason = "Hội đồng bỏ phiếu lại tại phiên họp ngày 03/12: dự án đường phèn có thị trường rõ hơn.";
    await swapCard.getByLabel("Lý do").fill(reason);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      swapCard.getByRole("button", { name: "Đổi chỗ" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã đổi chỗ hai giải.");
    expect(await rowOf(projects[1].name).textContent()).toContain("Giải Nhất");
    expect(await rowOf(projects[0].name).textContent()).toContain("Giải Nhì");
    expect(await page.locator("main").textContent()).toContain(reason);
    await screenshot(page, "committee-prizes-swapped");
    // The prize list's export says the same: the swapped places and the committee's reason.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải CSV" }).click(),
    ]);
    const exported = csvLines(fs.readFileSync((await download.path())!, "utf8"));
    expect(exported.find((line) => line.includes(projects[1].name))).toMatch(/^1,/);
    expect(exported.find((line) => line.includes(projects[0].name))).toMatch(/^2,/);
    expect(exported.join("\n")).toContain("Hội đồng bỏ phiếu lại tại phiên họp ngày 03/12");
    await expectAccessible(page, "the prize list after a swap");
    await logout(page);

    // Before publication the applicant (the first team's) sees no outcome: neither a prize nor "not awarded".
    await login(page, DEMO.startup);
    const before = await page.goto(`/my/entries/${entries[0].id}`);
    expect(before?.status()).toBe(200);
    const staged = (await page.locator("main").textContent()) ?? "";
    expect(staged).toContain(projects[0].name);
    expect(staged).toContain("Hồ sơ đang được chấm");
    expect(staged).not.toContain("Giải Nhất");
    expect(staged).not.toContain("Giải Nhì");
    expect(staged).not.toContain("Không đạt giải");
    await screenshot(page, "committee-applicant-before-publication");
    await logout(page);

    // The leader approves and publishes; the applicant now reads the outcome and its line in the history.
    await login(page, DEMO.leader);
    await page.goto(prizesUrl);
    await approveAndPublish(page);
    await logout(page);

    await login(page, DEMO.startup);
    await page.goto(`/my/entries/${entries[0].id}`);
    const published = (await page.locator("main").textContent()) ?? "";
    expect(published).toContain("Giải Nhì");
    expect(published).not.toContain("Giải Nhất");
    await screenshot(page, "committee-applicant-after-publication");
    await expectAccessible(page, "the applicant's entry after publication");
  });
});
