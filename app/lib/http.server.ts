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

/** Only same-site relative paths: `redirectTo` must never send a user to another site. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
