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

  it("shows nothing for a cookie the portal did not sign, nor for a signed one whose message was changed", async () => {
    // Remix's cookie value: base64 of the JSON's UTF-8 bytes, then "." and the signature when the cookie is signed.
    const encoded = (message: string) =>
      Buffer.from(JSON.stringify({ __flash_message__: message }), "utf8").toString("base64");
    const unsigned = `flash=${encodeURIComponent(encoded("Tài khoản bị khoá."))}`;
    const forged = await call(root.loader, makeRequest("/home", { cookie: unsigned }));
    expect(forged.data.flash).toBeNull();
    // As an unsigned cookie carried it before the flash was signed: a bare JSON string.
    const bare = `flash=${encodeURIComponent(Buffer.from(JSON.stringify("Tài khoản bị khoá."), "utf8").toString("base64"))}`;
    expect((await call(root.loader, makeRequest("/home", { cookie: bare }))).data.flash).toBeNull();

    const signed = cookieOf((await redirectWithFlash("/home", "Đã lưu.")).headers.get("Set-Cookie"));
    const [value, signature] = decodeURIComponent(signed.slice("flash=".length)).split(".");
    const otherMessage = encoded("Tài khoản bị khoá.");
    expect(otherMessage).not.toBe(value);
    const tampered = await call(
      root.loader,
      makeRequest("/home", { cookie: `flash=${encodeURIComponent(`${otherMessage}.${signature}`)}` }),
    );
    expect(tampered.data.flash).toBeNull();
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
