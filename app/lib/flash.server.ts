import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { sessionSecret } from "./secret.server";

/**
 * A one-time message shown after a redirect ("Đã lưu…"), carried in a short-lived cookie signed with the session
 * secret: a cookie someone else wrote (a link, a script on another subdomain) shows no message.
 */
let flashStorageInstance: SessionStorage<object, { message: string }> | undefined;
function flashStorage() {
  // Created on first use: the secret may be generated into the data folder, which a test points elsewhere first.
  flashStorageInstance ??= createCookieSessionStorage<object, { message: string }>({
    cookie: { name: "flash", path: "/", sameSite: "lax", httpOnly: true, maxAge: 60, secrets: [sessionSecret()] },
  });
  return flashStorageInstance;
}

export async function redirectWithFlash(to: string, message: string, headers: HeadersInit = {}): Promise<Response> {
  const storage = flashStorage();
  const session = await storage.getSession();
  session.flash("message", message);
  const all = new Headers(headers);
  all.append("Set-Cookie", await storage.commitSession(session));
  return redirect(to, { headers: all });
}

/** The pending message and the header that clears it. */
export async function takeFlash(request: Request): Promise<{ message: string | null; setCookie: string | null }> {
  const storage = flashStorage();
  // A cookie whose signature does not verify reads as an empty session.
  const session = await storage.getSession(request.headers.get("Cookie"));
  // Typed as a string, but the JSON is whatever was signed: check it.
  const value: unknown = session.get("message");
  if (typeof value !== "string" || !value) return { message: null, setCookie: null };
  return { message: value.slice(0, 300), setCookie: await storage.destroySession(session) };
}
