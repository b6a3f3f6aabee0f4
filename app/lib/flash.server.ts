import { createCookie, redirect } from "@remix-run/node";

// A one-time message shown after a redirect ("Đã lưu…"), carried in a short-lived cookie.
const flashCookie = createCookie("flash", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 });

export async function redirectWithFlash(to: string, message: string, headers: HeadersInit = {}): Promise<Response> {
  const all = new Headers(headers);
  all.append("Set-Cookie", await flashCookie.serialize(message));
  return redirect(to, { headers: all });
}

/** The pending message and the header that clears it. */
export async function takeFlash(request: Request): Promise<{ message: string | null; setCookie: string | null }> {
  const value = await flashCookie.parse(request.headers.get("Cookie"));
  if (typeof value !== "string" || !value) return { message: null, setCookie: null };
  return { message: value.slice(0, 300), setCookie: await flashCookie.serialize("", { maxAge: 0 }) };
}
