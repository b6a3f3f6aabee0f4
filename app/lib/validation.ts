import { z } from "zod";

/**
 * Building blocks for the zod schemas of every module. Custom messages are i18n keys
 * (`errors.*`); parseForm translates them into the user's language.
 */
const NO_MARKUP = /^[^<>]*$/;

export function text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? "errors.required" : undefined)
    .max(max)
    .regex(NO_MARKUP, "errors.noMarkup");
}

export function optionalText(max: number) {
  return z.string().trim().max(max).regex(NO_MARKUP, "errors.noMarkup").optional();
}

export const email = z.string().trim().toLowerCase().max(254).email("errors.email");

/** Vietnamese tax code (mã số thuế): 10 digits, or 13 written as 10 digits, a dash and 3 digits. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;
export function normaliseTaxCode(value: string): string {
  const digits = value.replace(/[\s.]/g, "");
  return /^\d{13}$/.test(digits) ? `${digits.slice(0, 10)}-${digits.slice(10)}` : digits;
}
export const taxCode = z
  .string()
  .trim()
  .transform(normaliseTaxCode)
  .pipe(z.string().regex(TAX_CODE_PATTERN, "errors.taxCode"));

export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .()-]{8,20}$/, "errors.phone");

export const url = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^\s<>]+$/i, "errors.url");

export const password = z.string().min(10, "errors.passwordTooShort").max(200);

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalidDate")
  .refine((value) => {
    // JavaScript rolls 30/02 over to 02/03: a real date reads back as itself.
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "errors.invalidDate");

export const checkbox = z.literal("on", { errorMap: () => ({ message: "errors.consentRequired" }) });

/** An optional checkbox: true when ticked (sent), false when not (a browser sends nothing). */
export const ticked = z
  .string()
  .optional()
  .transform((value) => value !== undefined);

/** Checkboxes sharing one name: none ticked is an empty list, one ticked a list of one. */
export function manyOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(enumOf(values)).max(values.length),
  );
}

export function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { errorMap: () => ({ message: "errors.invalidChoice" }) });
}
