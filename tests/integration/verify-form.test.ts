import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import * as verifyCode from "../../app/routes/verify.$code";
import * as verifyForm from "../../app/routes/verify._index";
import { call, makeRequest } from "../helpers/fixtures";
import { renderPage } from "../helpers/render-page";

const ask = (query: string) => call(verifyForm.loader, makeRequest(`/verify${query}`));

/** The form page as the server renders it, with the loader's answer (status included). */
function render(query: string): Promise<{ status: number; html: string }> {
  return renderPage({
    path: "/verify",
    component: verifyForm.default as ComponentType,
    request: new Request(`http://localhost/verify${query}`),
    loader: verifyForm.loader,
  });
}

describe("the verification form at /verify", () => {
  it("shows the empty form to anyone", async () => {
    const page = await ask("");
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ typed: "", error: null });
  });

  it("sends a code typed with spaces, dashes and small letters to its page", async () => {
    const page = await ask(`?code=${encodeURIComponent(" abcd efgh-jkmn ")}`);
    expect(page.status).toBe(302);
    expect(page.location).toBe("/verify/ABCDEFGHJKMN");
  });

  it("answers 400 with 'không tìm thấy' next to the field when the code cannot be one", async () => {
    const page = await ask(`?code=${encodeURIComponent("12/34")}`);
    expect(page.status).toBe(400);
    expect(page.data.typed).toBe("12/34");
    expect(page.data.error).toMatch(/^Không tìm thấy/);
    const rendered = await render(`?code=${encodeURIComponent("12/34")}`);
    expect(rendered.status).toBe(400);
    expect(rendered.html).toContain('aria-invalid="true"');
    expect(rendered.html).toMatch(/class="field-error"[^>]*>Không tìm thấy/);
    expect(rendered.html).toContain('value="12/34"');
  });

  it("asks for the code when the field was sent empty", async () => {
    const page = await ask("?code=+");
    expect(page.status).toBe(400);
    expect(page.data.error).toBe("Nhập mã xác thực in trên giấy chứng nhận.");
  });

  it("the code's page reads a code typed the same tolerant way, and answers 404 to what cannot be a code", async () => {
    const unknown = await call(verifyCode.loader, makeRequest("/verify/abcd-efgh-jkmn"), { code: "abcd efgh-jkmn" });
    expect(unknown.status).toBe(404);
    const malformed = await call(verifyCode.loader, makeRequest("/verify/x"), { code: "x" });
    expect(malformed.status).toBe(404);
  });
});
