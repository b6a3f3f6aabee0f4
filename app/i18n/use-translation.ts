import type { i18n, TFunction } from "i18next";
import { useContext } from "react";
import { I18nContext } from "react-i18next";

type Translation = { t: TFunction; i18n: i18n };

const translations = new WeakMap<i18n, { language: string; value: Translation }>();

/**
 * The page's translation function (README D81): react-i18next's hook copies the whole i18next instance for every
 * component on every server render; this one hands every component of a language the same function, which also keeps
 * the text of each key asked for without options (the catalogues never change while the process runs). The language
 * is fixed for a document: switching it reloads the page (entry.client.tsx).
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
    const t = ((key: unknown, ...rest: unknown[]) => {
      if (rest.length || typeof key !== "string") return fixed(key, ...rest);
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
