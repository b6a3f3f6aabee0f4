import { describe, expect, it } from "vitest";
import {
  DEMO,
  expectAccessible,
  login,
  logout,
  PHONE,
  screenshot,
  useBrowser,
  waitForHydration,
} from "../helpers/browser";
import { finalRoundOf } from "../helpers/final-round";

const { newPage } = useBrowser();

/**
 * A final round judged by the demo judge, made with the app's own commands on the e2e server's database:
 * a published edition with a first and a second prize and three entries scored 90, 70 and 70 on every
 * criterion — the last two tied on every figure, across the 2nd place (giải nhì) and the 3rd (no prize).
 */
async function tiedFinalFixture() {
  const suffix = Date.now().toString(36);
  const projects = [
    { team: "org-team-toi-ly-son", name: `Tỏi đen Lý Sơn lên men ${suffix}`, score: 90 },
    { team: "org-huy-long", name: `Rau thủy canh Huy Long ${suffix}`, score: 70 },
    { team: "org-olysa", name: `Nước mắm Sa Huỳnh ${suffix}`, score: 70 },
  ];
  const { editionId, finalRound, entries } = await finalRoundOf({
    name: `Cuộc thi đồng điểm ${suffix}`,
    number: 98,
    prefix: `DD${suffix.slice(-4).toUpperCase()}`,
    projects,
  });
  const { getDb } = await import("../../app/lib/db.server");
  const { saveSheet } = await import("../../app/modules/judging/commands.server");
  const db = getDb();
  const judge = {
    id: "demo-judge",
    email: DEMO.judge,
    fullName: "Giám khảo",
    role: "judge" as const,
    sessionId: "e2e",
  };
  const criteria = await db.selectFrom("round_criteria").select("id").where("round_id", "=", finalRound).execute();
  const assignments = await db
    .selectFrom("assignments")
    .select(["id", "entry_id"])
    .where("round_id", "=", finalRound)
    .where("removed_at", "is", null)
    .execute();
  for (const assignment of assignments) {
    const score = projects[entries.findIndex((e) => e.id === assignment.entry_id)].score;
    const saved = await saveSheet(
      db,
      judge,
      assignment.id,
      { scores: Object.fromEntries(criteria.map((c) => [c.id, score])), comments: {} },
      true,
      "127.0.0.1",
    );
    if (!saved.ok) throw new Error(`sheet not saved: ${JSON.stringify(saved)}`);
  }
  return { editionId, finalRound, entries };
}

describe("a tie at the prize cut-off", () => {
  it("is shown on the ranking and prize pages, leaves the place open, and is approved only once the committee's decision is recorded", async () => {
    const { editionId, finalRound, entries } = await tiedFinalFixture();
    const [winner, second, third] = entries;

    // Staff see the tie on the ranking and propose the list: the 2nd place stays open.
    const page = await newPage();
    await login(page, DEMO.staff);
    await page.goto(`/staff/competitions/${editionId}/rounds/${finalRound}/ranking`);
    const tie = page.locator(".cut-off-ties");
    await tie.getByText("Đồng điểm tại ngưỡng giải: hạng 2–3").waitFor();
    expect(await tie.textContent()).toContain("Theo Thể lệ cuộc thi: trường hợp đồng điểm do Ban Tổ chức quyết định");
    expect(await tie.textContent()).toContain(`${second.receipt} (${second.name}), ${third.receipt} (${third.name})`);
    await screenshot(page, "prize-tie-ranking");
    await expectAccessible(page, "the ranking with a tie at the cut-off");
    await page.goto(`/staff/competitions/${editionId}/prizes`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Đề xuất danh sách giải" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã đề xuất danh sách giải.");
    const rows = page.locator("table tbody tr");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(winner.name);
    expect(await rows.nth(1).textContent()).toContain(`Chưa xác định – đồng điểm: ${second.receipt}, ${third.receipt}`);
    await logout(page);

    // The committee (a leader) cannot approve yet; it records its order with the reason.
    await login(page, DEMO.leader);
    await page.goto(`/staff/competitions/${editionId}/prizes`);
    await waitForHydration(page);
    expect(await page.getByRole("button", { name: "Phê duyệt danh sách giải" }).count()).toBe(0);
    await screenshot(page, "prize-tie-open");
    await expectAccessible(page, "the prize list with an open place");
    const phone = await newPage(PHONE);
    await login(phone, DEMO.leader);
    await phone.goto(`/staff/competitions/${editionId}/prizes`);
    await phone.locator(".cut-off-ties").waitFor();
    await screenshot(phone, "prize-tie-open-phone");
    await expectAccessible(phone, "the prize list with an open place, on a phone");

    const form = page.locator(".cut-off-tie form");
    await form.getByLabel(/^Hạng 2/).selectOption(third.id);
    await form.getByLabel(/^Hạng 3/).selectOption(second.id);
    const reason = "Biên bản họp Ban Tổ chức: dự án Nước mắm Sa Huỳnh có hợp đồng bao tiêu đầu ra.";
    await form.getByLabel(/^Lý do/).fill(reason);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      form.getByRole("button", { name: "Ghi quyết định của Ban Tổ chức" }).click(),
    ]);
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Đã ghi quyết định của Ban Tổ chức");
    const decided = await page.locator(".cut-off-tie").textContent();
    expect(decided).toContain("Ban Tổ chức đã quyết định");
    expect(decided).toContain(`Thứ tự: ${third.receipt}, ${second.receipt}. Lý do: ${reason}`);
    expect(await rows.nth(1).textContent()).toContain(third.name);
    expect(await rows.nth(1).textContent()).toContain("Giải Nhì");
    await screenshot(page, "prize-tie-decided");
    await expectAccessible(page, "the prize list with the committee's decision");

    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Phê duyệt danh sách giải" }).click(),
    ]);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã phê duyệt danh sách giải.");
    await phone.goto(`/staff/competitions/${editionId}/prizes`);
    await phone.locator(".cut-off-tie").getByText("Ban Tổ chức đã quyết định").waitFor();
    await screenshot(phone, "prize-tie-decided-phone");
  }, 240_000);
});
