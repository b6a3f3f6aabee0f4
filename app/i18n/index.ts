import type { i18n, TFunction } from "i18next";
import { createI18n, type Locale } from "./locales";
import { en } from "./en";
import { vi } from "./vi";

export { createI18n, defaultLocale, isLocale, locales, type Locale, type Messages } from "./locales";

export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

const serverInstances = new Map<Locale, i18n>();
/**
 * The server's i18next instance for a language, made once: building one per request cost more than
 * rendering the page. Each instance stays in its own language, so requests can share it.
 */
export function serverI18n(locale: Locale): i18n {
  let instance = serverInstances.get(locale);
  if (!instance) {
    instance = createI18n(locale, { vi, en });
    serverInstances.set(locale, instance);
  }
  return instance;
}

/** A translation function for server code (actions, e-mails). */
export function translator(locale: Locale): TFunction {
  return serverI18n(locale).getFixedT(locale);
}

export type { TFunction };
