/**
 * Expected failures are thrown Responses: page routes render them through their error boundary
 * (in Vietnamese), resource routes (files, exports) send them as they are.
 */
function failure(status: number, text: string): never {
  throw new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function forbidden(): never {
  failure(403, "403 – Bạn không có quyền truy cập nội dung này.");
}

export function notFound(): never {
  failure(404, "404 – Không tìm thấy.");
}

export function payloadTooLarge(): never {
  failure(413, "413 – Dữ liệu gửi lên quá lớn.");
}

/** A form body that cannot be parsed (cut off, no boundary, broken part headers): the sender's fault, never a 500. */
export function malformedForm(): never {
  failure(400, "400 – Biểu mẫu gửi lên bị hỏng hoặc không đầy đủ. Vui lòng gửi lại.");
}

/** A body that is not a form (text/plain, JSON, no type): form routes read only the two encodings browsers send. */
export function unsupportedFormType(): never {
  failure(415, "415 – Biểu mẫu chỉ nhận dữ liệu dạng application/x-www-form-urlencoded hoặc multipart/form-data.");
}

const BASE = "http://same-site.invalid";

/**
 * Only a path of this site: `redirectTo` must never send a user to another one. Browsers drop tabs and newlines from
 * a Location and read a backslash as a slash, so `/\t/host` or `/\\host` would become `//host` (another site); a
 * newline would also make the header itself invalid (a 500 after the session was made). Anything but a plain path,
 * query and fragment gives the fallback.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // Control characters, any whitespace (Unicode too) and backslashes, anywhere.
  if (/[\p{Cc}\p{Z}\s\\]/u.test(to)) return fallback;
  const path = to.split(/[?#]/, 1)[0];
  // Encoded slashes or backslashes in the path: a proxy or a later decoding could turn them into `//host`.
  if (/%(2f|5c)/i.test(path)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return fallback;
  }
  if (decoded.startsWith("//") || /[\p{Cc}\p{Z}\s\\]/u.test(decoded)) return fallback;
  const url = new URL(to, BASE);
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}

/** A route parameter Remix matched, or 404: replaces `params.id!` (a missing one is a URL that names nothing). */
export function param(params: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") notFound();
  return value;
}
