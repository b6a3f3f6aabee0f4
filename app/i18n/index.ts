import i18next, { type i18n, type TFunction } from "i18next";
import { en } from "./en";
import { vi } from "./vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language must fill: the Vietnamese keys with any text. */
export type Messages = Widen<typeof vi>;

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "vi";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

const fixed = new Map<Locale, TFunction>();
/** A translation function for server code (actions, e-mails), one instance per language. */
export function translator(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale).getFixedT(locale);
    fixed.set(locale, t);
  }
  return t;
}

export type { TFunction };
