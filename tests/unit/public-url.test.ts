import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parsePublicUrl, publicOrigin, publicUrl } from "../../app/lib/public-url.server";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("PUBLIC_URL", () => {
  it.each([
    ["https://doimoisangtao.quangngai.gov.vn", "https://doimoisangtao.quangngai.gov.vn"],
    ["https://doimoisangtao.quangngai.gov.vn/", "https://doimoisangtao.quangngai.gov.vn"],
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
    [" HTTPS://Cong.Example.VN:443 ", "https://cong.example.vn"],
  ])("reads %j as the origin %j", (value, origin) => {
    expect(parsePublicUrl(value)).toBe(origin);
  });

  it.each([
    "doimoisangtao.quangngai.gov.vn",
    "ftp://cong.example.vn",
    "javascript:alert(1)",
    "https://cong.example.vn/portal",
    "https://cong.example.vn/?a=1",
    "https://user:pw@cong.example.vn",
  ])("refuses %j", (value) => {
    expect(() => parsePublicUrl(value)).toThrow(/PUBLIC_URL/);
  });

  it("builds links from it", () => {
    vi.stubEnv("PUBLIC_URL", "https://cong.example.vn/");
    expect(publicUrl("/verify/AB12")).toBe("https://cong.example.vn/verify/AB12");
  });

  it("defaults to localhost and the port outside production", () => {
    expect(publicOrigin({ PORT: "8080", NODE_ENV: "development" })).toBe("http://localhost:8080");
    expect(publicOrigin({})).toBe("http://localhost:3000");
  });

  it("has no default in production: the server refuses to start without it", () => {
    expect(() => publicOrigin({ NODE_ENV: "production" })).toThrow(/PUBLIC_URL must be set when NODE_ENV=production/);
    expect(publicOrigin({ NODE_ENV: "production", PUBLIC_URL: "https://cong.example.vn" })).toBe(
      "https://cong.example.vn",
    );
  });

  it("is the only source of absolute links in app/: no link is built from the request's origin", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (
          /\.tsx?$/.test(entry.name) &&
          /new URL\(request\.url\)\.origin|\borigin: (url|new URL)|\$\{[\w.]*origin\}\//.test(
            fs.readFileSync(file, "utf8"),
          )
        )
          offenders.push(file);
      }
    };
    walk(path.join(process.cwd(), "app"));
    expect(offenders).toEqual([]);
  });
});
