/**
 * The shared translation function gives what i18next gives, call for call, whether a text comes from its kept texts
 * or not: without options, with options of plain values (kept), and with other options (never kept).
 */
import { describe, expect, it } from "vitest";
import { createI18n } from "../../app/i18n";
import { en } from "../../app/i18n/en";
import { vi } from "../../app/i18n/vi";
import { translationOf } from "../../app/i18n/use-translation";

/** The catalogue's keys are typed; these calls name keys and options of every kind, some on purpose wrong. */
type LooseT = (key: string, options?: object) => unknown;
const shared = (locale: "vi" | "en") => translationOf(createI18n(locale, { vi, en })).t as unknown as LooseT;

describe("the shared translation function", () => {
  for (const locale of ["vi", "en"] as const) {
    it(`${locale}: the same texts as i18next, first call and later ones`, () => {
      const t = shared(locale);
      const plain = createI18n(locale, { vi, en }).getFixedT(locale) as unknown as LooseT;
      const calls: Array<[string, Record<string, unknown>?]> = [
        ["table.filter"],
        ["table.total", { total: "1.234" }],
        ["table.total", { total: "9" }],
        ["table.total", { total: 9 }],
        ["table.page", { page: "2", pages: "40" }],
        ["table.page", { pages: "40", page: "2" }],
        ["errors.tooLong", { max: "120" }],
        ["errors.tooLong", { max: 'a"b\u0000}' }],
        ["errors.tooLong", { max: true }],
        ["no.such.key", { max: "1" }],
        ["table.total", { total: { toString: () => "object" } }],
        ["table.total", { total: Number.NaN }],
      ];
      for (let round = 0; round < 3; round++)
        for (const [key, options] of calls)
          expect(options ? t(key, options) : t(key)).toBe(options ? plain(key, options) : plain(key));
    });
  }

  it("keeps apart values that read alike once joined (no value passes for another)", () => {
    const t = shared("en");
    expect(t("table.page", { page: "1", pages: "2" })).not.toBe(t("table.page", { page: "1\u0000pages", pages: "" }));
    expect(t("errors.tooLong", { max: "5" })).toBe("At most 5 characters.");
    expect(t("errors.tooLong", { max: 5 })).toBe("At most 5 characters.");
  });
});
