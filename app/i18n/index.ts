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

const serverInstances = new Map<Locale, i18n>();
/**
 * The server's i18next instance for a language, made once: building one per request cost more than
 * rendering the page. Each instance stays in its own language, so requests can share it.
 */
export function serverI18n(locale: Locale): i18n {
  let instance = serverInstances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    serverInstances.set(locale, instance);
  }
  return instance;
}

/** A translation function for server code (actions, e-mails). */
export function translator(locale: Locale): TFunction {
  return serverI18n(locale).getFixedT(locale);
}

export type { TFunction };
