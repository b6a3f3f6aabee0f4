import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, translator, type Locale } from "../i18n";

export const localeCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : defaultLocale;
}

export async function getTranslator(request: Request) {
  return translator(await getLocale(request));
}
