import type { i18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

type Translation = { t: TFunction; i18n: i18n };

const translations = new WeakMap<i18n, { language: string; value: Translation }>();

/** How many texts with options a language keeps (then it starts again): a few pages' worth of each list. */
const INTERPOLATED_KEPT = 20_000;

/**
 * The key of a call with options, or null when an option is not a plain string, finite number or boolean (an object,
 * a function, a date): those are translated every time. The options are written as JSON, so no value can pass for
 * another.
 */
function optionsKey(key: string, options: unknown): string | null {
  if (typeof options !== "object" || options === null || Object.getPrototypeOf(options) !== Object.prototype)
    return null;
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (type !== "string" && type !== "boolean" && !(type === "number" && Number.isFinite(value))) return null;
  }
  return `${key}\u0000${JSON.stringify(options)}`;
}

/**
 * The page's translation function (README D81): react-i18next's hook copies the whole i18next instance for every
 * component on every server render; this one hands every component of a language the same function, which also keeps
 * the text of each key asked for without options, and with options of plain values up to a bound (the catalogues
 * never change while the process runs). The language is fixed for a document: switching it reloads the page
 * (entry.client.tsx).
 */
export function useTranslation(): Translation {
  const { i18n } = useContext(I18nContext);
  return translationOf(i18n);
}

export function translationOf(instance: i18n): Translation {
  const language = instance.language;
  let entry = translations.get(instance);
  if (!entry || entry.language !== language) {
    const fixed = instance.getFixedT(language) as unknown as (...args: unknown[]) => unknown;
    const texts = new Map<string, unknown>();
    const interpolated = new Map<string, string>();
    const t = ((key: unknown, ...rest: unknown[]) => {
      if (typeof key !== "string") return fixed(key, ...rest);
      if (rest.length) {
        // With options of plain values only (the page's numbers and names), the same text for the same values:
        // kept too, up to a bound, as i18next's interpolation and plural rules cost ~20 µs a call.
        const cacheKey = rest.length === 1 ? optionsKey(key, rest[0]) : null;
        if (cacheKey === null) return fixed(key, ...rest);
        const known = interpolated.get(cacheKey);
        if (known !== undefined) return known;
        const text = fixed(key, rest[0]);
        if (typeof text !== "string") return text;
        if (interpolated.size >= INTERPOLATED_KEPT) interpolated.clear();
        interpolated.set(cacheKey, text);
        return text;
      }
      let text = texts.get(key);
      if (text === undefined) {
        text = fixed(key);
        texts.set(key, text);
      }
      return text;
    }) as unknown as TFunction;
    entry = { language, value: { t, i18n: instance } };
    translations.set(instance, entry);
  }
  return entry.value;
}
