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

/** Only same-site relative paths: `redirectTo` must never send a user to another site. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
