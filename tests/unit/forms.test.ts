import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translator } from "../../app/i18n";
import { formValues, parseForm, readForm } from "../../app/lib/forms.server";
import { checkbox, email, password, taxCode, text } from "../../app/lib/validation";

const vi = translator("vi");
const en = translator("en");

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const Schema = z.object({
  fullName: text(120),
  email,
  taxCode: taxCode.optional(),
  password,
});

describe("parseForm", () => {
  it("returns the parsed value when every field is valid", () => {
    const result = parseForm(
      form([
        ["fullName", " Nguyễn Văn An "],
        ["email", "An@Example.VN"],
        ["taxCode", "4300123456001"],
        ["password", "mot-mat-khau-dai"],
      ]),
      Schema,
      vi,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        fullName: "Nguyễn Văn An",
        email: "an@example.vn",
        taxCode: "4300123456-001",
        password: "mot-mat-khau-dai",
      },
    });
  });

  it("treats an empty optional field as absent", () => {
    const result = parseForm(
      form([
        ["fullName", "An"],
        ["email", "an@example.vn"],
        ["taxCode", "  "],
        ["password", "mot-mat-khau-dai"],
      ]),
      Schema,
      vi,
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.taxCode).toBeUndefined();
  });

  it("reports an empty required field as 'Vui lòng nhập thông tin này.' in Vietnamese", () => {
    const result = parseForm(
      form([
        ["fullName", ""],
        ["email", "an@example.vn"],
        ["password", "mot-mat-khau-dai"],
      ]),
      Schema,
      vi,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({ fullName: "Vui lòng nhập thông tin này." });
  });

  it("reports a missing required field as required too", () => {
    const result = parseForm(
      form([
        ["email", "an@example.vn"],
        ["password", "mot-mat-khau-dai"],
      ]),
      Schema,
      vi,
    );
    expect(!result.ok && result.errors.fullName).toBe("Vui lòng nhập thông tin này.");
  });

  it("translates the schemas' custom message keys into Vietnamese", () => {
    const result = parseForm(
      form([
        ["fullName", "<b>An</b>"],
        ["email", "an@"],
        ["taxCode", "12345"],
        ["password", "ngan"],
      ]),
      Schema,
      vi,
    );
    expect(!result.ok && result.errors).toEqual({
      fullName: "Không được chứa ký tự < hoặc >.",
      email: "Thư điện tử không hợp lệ.",
      taxCode: "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số dạng 0123456789-001.",
      password: "Mật khẩu cần ít nhất 10 ký tự.",
    });
  });

  it("translates a custom message key under a camel-case area (entryExtras.…) too", () => {
    const Ticked = z.object({
      ids: z.string().refine(() => false, { message: "entryExtras.bulk.noneSelected" }),
    });
    const result = parseForm(form([["ids", "x"]]), Ticked, vi);
    expect(!result.ok && result.errors.ids).toBe("Chọn ít nhất một hồ sơ trong bảng.");
  });

  it("translates zod's own errors with their numbers (too long: 'Tối đa 5 ký tự.')", () => {
    const result = parseForm(form([["code", "abcdefgh"]]), z.object({ code: text(5) }), vi);
    expect(!result.ok && result.errors.code).toBe("Tối đa 5 ký tự.");
  });

  it("gives the same errors in English with the English translator", () => {
    const result = parseForm(
      form([
        ["fullName", ""],
        ["email", "an@"],
        ["taxCode", "12345"],
        ["password", "ngan"],
      ]),
      Schema,
      en,
    );
    expect(!result.ok && result.errors).toEqual({
      fullName: "Please fill in this field.",
      email: "Invalid e-mail address.",
      taxCode: "A tax code has 10 digits, or 13 digits written 0123456789-001.",
      password: "The password needs at least 10 characters.",
    });
  });

  it("puts a cross-field refine error on the field it names", () => {
    const Confirm = z
      .object({ password, confirmPassword: z.string() })
      .refine((v) => v.password === v.confirmPassword, {
        path: ["confirmPassword"],
        message: "errors.passwordMismatch",
      });
    const result = parseForm(
      form([
        ["password", "mot-mat-khau-dai"],
        ["confirmPassword", "khac-hoan-toan"],
      ]),
      Confirm,
      vi,
    );
    expect(!result.ok && result.errors).toEqual({ confirmPassword: "Mật khẩu nhập lại không khớp." });
  });

  it("asks for consent with 'Bạn cần đồng ý để tiếp tục.' when the consent box is not ticked", () => {
    const missing = parseForm(form([]), z.object({ consent: checkbox }), vi);
    expect(!missing.ok && missing.errors.consent).toBe("Bạn cần đồng ý để tiếp tục.");
    const forged = parseForm(form([["consent", "yes"]]), z.object({ consent: checkbox }), vi);
    expect(!forged.ok && forged.errors.consent).toBe("Bạn cần đồng ý để tiếp tục.");
  });

  it("never echoes password fields back to the form", () => {
    const Confirm = z.object({
      fullName: text(120),
      password,
      confirmPassword: z.string(),
      currentPassword: z.string(),
    });
    const result = parseForm(
      form([
        ["fullName", ""],
        ["password", "bi-mat-123"],
        ["confirmPassword", "bi-mat-123"],
        ["currentPassword", "cu-bi-mat"],
        ["email", "an@example.vn"],
      ]),
      Confirm,
      vi,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.values).toEqual({ email: "an@example.vn" });
  });

  it("echoes other values back, cut at 2000 characters", () => {
    const result = parseForm(form([["fullName", "x".repeat(3000)]]), z.object({ fullName: text(120) }), vi);
    expect(!result.ok && result.values.fullName).toHaveLength(2000);
  });
});

describe("formValues", () => {
  it("gives an array for a key sent several times", () => {
    expect(
      formValues(
        form([
          ["tag", "a"],
          ["tag", "b"],
          ["name", "An"],
        ]),
      ),
    ).toEqual({ tag: ["a", "b"], name: "An" });
  });

  it("turns a blank single value into undefined", () => {
    expect(formValues(form([["phone", "   "]]))).toEqual({ phone: undefined });
  });
});

describe("readForm", () => {
  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error("expected readForm to throw");
  }

  it("parses a small url-encoded body", async () => {
    const request = new Request("http://localhost/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=Qu%E1%BA%A3ng+Ng%C3%A3i&tag=a&tag=b",
    });
    const data = await readForm(request);
    expect(data.get("name")).toBe("Quảng Ngãi");
    expect(data.getAll("tag")).toEqual(["a", "b"]);
  });

  it("answers 413 when the declared Content-Length exceeds the limit, before reading the body", async () => {
    const request = new Request("http://localhost/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "2000" },
      body: "a=1",
    });
    const error = await rejection(readForm(request, 1000));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(413);
  });

  it("answers 413 when an endless chunked body without Content-Length passes the limit", async () => {
    const chunk = new TextEncoder().encode("a=" + "x".repeat(510));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: endless,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(request.headers.get("Content-Length")).toBeNull();
    const error = await rejection(readForm(request, 1000));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(413);
  });

  it("accepts a body exactly at the limit", async () => {
    const body = "a=" + "x".repeat(998);
    const request = new Request("http://localhost/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    const data = await readForm(request, 1000);
    expect(data.get("a")).toHaveLength(998);
  });
});
