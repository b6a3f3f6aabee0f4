/**
 * A phone (390 px) pass over the main pages of each area, as the role that works there: each page answers, fits the
 * width, and (through the browser helper's automatic check) passes axe-core. The dashboards' charts are measured:
 * every SVG text is drawn at 12 px or more and inside its SVG, and a dashboard fits in a few screens.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO, PHONE, screenshot, signIn, useBrowser } from "../helpers/browser";

const { newPage } = useBrowser();

const PAGES: Record<string, { email: string | null; paths: string[] }> = {
  public: { email: null, paths: ["/", "/statistics", "/technology"] },
  staff: {
    email: DEMO.staff,
    paths: [
      "/home",
      "/staff/sme",
      "/staff/sme/programme",
      "/staff/technology",
      "/staff/technology/applications",
      "/staff/technology/outreach",
      "/staff/incubation",
      "/staff/incubators",
      "/staff/events",
      "/staff/mous",
      "/staff/reports",
      "/staff/reports/drafts",
      "/organisations",
      "/staff/competitions",
    ],
  },
  // The home's to-do block: staff's above, leaders' here; a startup's home has none.
  leader: { email: DEMO.leader, paths: ["/home"] },
  startup: { email: DEMO.startup, paths: ["/home", "/my/entries", "/my/incubation", "/account"] },
  enterprise: { email: DEMO.enterprise, paths: ["/sme"] },
  admin: {
    email: DEMO.admin,
    paths: ["/admin/users", "/admin/audit", "/admin/sessions", "/admin/outbox", "/admin/privacy/retention"],
  },
};

/** Where the charts' texts fall short: drawn under 12 px, or outside their SVG. */
function chartTextProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>("figure svg"))) {
      const box = svg.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const text of Array.from(svg.querySelectorAll<SVGTextElement>("text"))) {
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        const own = text.getBoundingClientRect();
        const label = `"${text.textContent}" in "${svg.querySelector("title")?.textContent ?? ""}"`;
        if (size < 12) problems.push(`${label}: ${size.toFixed(1)} px`);
        if (
          own.left < box.left - 0.5 ||
          own.right > box.right + 0.5 ||
          own.top < box.top - 0.5 ||
          own.bottom > box.bottom + 0.5
        )
          problems.push(`${label}: outside its SVG`);
      }
    }
    return problems;
  });
}

describe("the main pages on a phone", () => {
  it.each(Object.keys(PAGES))("as %s: every page answers, fits 390 px and (automatically) passes axe", async (role) => {
    const { email, paths } = PAGES[role];
    const page = await newPage(PHONE);
    if (email) await signIn(page, email);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} overflows sideways`).toBeLessThanOrEqual(0);
    }
  });

  it("keeps the dashboards' chart labels readable and the dashboards within a few screens", async () => {
    const page = await newPage(PHONE);
    await signIn(page, DEMO.leader);
    for (const path of ["/staff/reports", "/statistics"]) {
      await page.goto(path);
      expect(await page.locator("figure.chart svg").count(), path).toBeGreaterThan(0);
      expect(await chartTextProblems(page), path).toEqual([]);
      const screens = await page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
      await screenshot(page, `phone-pages${path.replace(/\//g, "-")}`);
      expect(screens, `${path} in phone screens`).toBeLessThanOrEqual(path === "/statistics" ? 3 : 12);
    }
    const desktop = await newPage();
    await signIn(desktop, DEMO.leader);
    await desktop.goto("/staff/reports");
    expect(await chartTextProblems(desktop)).toEqual([]);
    await screenshot(desktop, "phone-pages-desktop-staff-reports");
  });
});

describe("the home's to-do block on a phone", () => {
  it("is on the staff's and the leaders' home, each line a link, and not on a startup's", async () => {
    for (const email of [DEMO.staff, DEMO.leader]) {
      const page = await newPage(PHONE);
      await signIn(page, email);
      await page.goto("/home");
      const block = page.locator("section.card", { has: page.locator("h2", { hasText: "Việc cần làm" }) });
      expect(await block.count(), email).toBe(1);
      // Either the to-dos, each a link to its filtered page, or the sentence saying there are none.
      const links = await block.locator("li a").count();
      if (!links) expect(await block.textContent()).toContain("Hiện không có việc nào cần làm.");
      const box = await block.boundingBox();
      expect(box && box.x + box.width, email).toBeLessThanOrEqual(390);
      await screenshot(page, `phone-pages-home-todos-${email.split("@")[0]}`);
    }
    const startup = await newPage(PHONE);
    await signIn(startup, DEMO.startup);
    await startup.goto("/home");
    expect(await startup.locator("h2", { hasText: "Việc cần làm" }).count()).toBe(0);
  });
});
