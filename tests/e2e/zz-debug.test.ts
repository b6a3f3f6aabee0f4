import { expect, it } from "vitest";
import { DEMO, login, useBrowser, waitForHydration } from "../helpers/browser";
const { newPage } = useBrowser();
it("debug logout", async () => {
  const page = await newPage();
  await login(page, DEMO.staff);
  await waitForHydration(page);
  page.on("request", (r) => console.log("REQ", Date.now() % 100000, r.method(), r.url()));
  page.on("response", (r) => console.log("RES", Date.now() % 100000, r.status(), r.url()));
  page.on("framenavigated", (f) => console.log("NAV", Date.now() % 100000, f.url()));
  await page.locator("header.site-header").getByRole("button", { name: "Đăng xuất" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  console.log("URL reached", Date.now() % 100000, await page.locator("header.site-header").innerText());
  await page.waitForTimeout(2000);
  console.log("after 2s", await page.locator("header.site-header").innerText(), await page.locator("main").innerText());
});
