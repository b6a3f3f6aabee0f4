import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "../../app/lib/http.server";

describe("safeRedirectPath sends a user only to a path of this site", () => {
  it.each([
    ["/home", "/home"],
    ["/organisations?q=t%E1%BB%8Fi%20%C4%91en&page=2", "/organisations?q=t%E1%BB%8Fi%20%C4%91en&page=2"],
    [
      "/my/entries/0b4e7c1a-0000-4000-8000-000000000001#documents",
      "/my/entries/0b4e7c1a-0000-4000-8000-000000000001#documents",
    ],
    ["/tìm-kiếm", "/t%C3%ACm-ki%E1%BA%BFm"],
    ["/a/../staff", "/staff"],
    ["/judging?next=//evil.example", "/judging?next=//evil.example"],
  ])("keeps %s (as %s)", (to, expected) => {
    expect(safeRedirectPath(to)).toBe(expected);
  });

  it.each([
    ["a protocol-relative URL", "//evil.example/phish"],
    ["a tab between the slashes", "/\t/evil.example/path"],
    ["an encoded tab between the slashes", "/%09/evil.example/path"],
    ["a newline", "/home\nSet-Cookie: x=1"],
    ["a carriage return", "/home\r"],
    ["a newline between the slashes", "/\n/evil.example"],
    ["an encoded newline", "/%0a/evil.example"],
    ["a space", "/ /evil.example"],
    ["a no-break space", "/\u00a0/evil.example"],
    ["an ideographic space", "/\u3000/evil.example"],
    ["a NUL byte", "/home\u0000"],
    ["a DEL", "/home\u007f"],
    ["a backslash after the slash", "/\\evil.example"],
    ["a backslash later in the path", "/a\\b"],
    ["a backslash in the query", "/a?b=\\c"],
    ["an encoded slash after the slash", "/%2fevil.example"],
    ["an encoded slash, upper case", "/%2F%2Fevil.example"],
    ["an encoded backslash", "/%5cevil.example"],
    ["an encoded backslash, upper case", "/%5C/evil.example"],
    ["a malformed escape", "/%E0%A4%A"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a javascript: URL after spaces", "  javascript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["an absolute URL", "https://evil.example/"],
    ["an absolute URL of this scheme", "http://localhost/home"],
    ["a path without a leading slash", "home"],
    ["an empty string", ""],
    ["nothing", null],
    ["an uploaded file", new File(["x"], "x.txt")],
  ])("refuses %s", (_name, to) => {
    expect(safeRedirectPath(to as string | null)).toBe("/home");
  });

  it("uses the given fallback", () => {
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
  });
});
