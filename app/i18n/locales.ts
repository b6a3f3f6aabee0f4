import i18next, { type i18n } from "i18next";
import type { vi } from "./vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language must fill: the Vietnamese keys with any text. */
export type Messages = Widen<typeof vi>;

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "vi";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * An i18next instance over the catalogues it is given: the server passes both languages (index.ts), the browser only
 * the one the page is in (entry.client.tsx loads it as its own chunk), so no page downloads the other language.
 */
export function createI18n(locale: Locale, catalogues: Partial<Record<Locale, Messages>>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    resources: Object.fromEntries(
      Object.entries(catalogues).map(([language, messages]) => [language, { translation: messages }]),
    ),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}
