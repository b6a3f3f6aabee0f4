import { describe, expect, it } from "vitest";
import { redirectWithFlash } from "../../app/lib/flash.server";
import * as root from "../../app/root";
import { call, makeRequest } from "../helpers/fixtures";

const cookieOf = (setCookie: string | null) => (setCookie ?? "").split(";")[0];

describe("a flash message", () => {
  it("is shown once, on the page after the action that set it, and not above a refused action that follows", async () => {
    const redirect = await redirectWithFlash("/staff/incubation/1", "Đã thêm mốc.");
    const flashCookie = cookieOf(redirect.headers.get("Set-Cookie"));

    const page = await call(root.loader, makeRequest("/staff/incubation/1", { cookie: flashCookie }));
    expect(page.data.flash).toBe("Đã thêm mốc.");
    const cleared = cookieOf(page.headers.get("Set-Cookie"));
    expect(cleared).toBe("flash=");

    // The next action is refused (400): Remix keeps a route's data after a 4xx answer unless the route says otherwise.
    const url = new URL("http://localhost/staff/incubation/1");
    const args = {
      currentUrl: url,
      nextUrl: url,
      currentParams: {},
      nextParams: {},
      formMethod: "POST",
      actionStatus: 400,
      defaultShouldRevalidate: false,
    } as const;
    expect(root.shouldRevalidate(args as Parameters<typeof root.shouldRevalidate>[0])).toBe(true);
    const afterRefusal = await call(root.loader, makeRequest("/staff/incubation/1", { cookie: cleared }));
    expect(afterRefusal.data.flash).toBeNull();
  });

  it("does not follow the user to the next page they open by a link", () => {
    const args = {
      currentUrl: new URL("http://localhost/staff/incubation/1"),
      nextUrl: new URL("http://localhost/staff/sme"),
      currentParams: {},
      nextParams: {},
      defaultShouldRevalidate: false,
    };
    expect(root.shouldRevalidate(args as Parameters<typeof root.shouldRevalidate>[0])).toBe(true);
  });
});
