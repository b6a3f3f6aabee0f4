import { z } from "zod";

/**
 * Numbers as Vietnamese users type them, for every money and quantity field of the portal's forms and imports.
 *
 * Vietnamese notation (TCVN 7870-1:2010 / ISO 80000-1 as adopted; the vi locale of CLDR; how DOST's forms and
 * reports write amounts, "3.500.000.000 đồng", "49,5 người"): the comma is the decimal sign, and groups of three
 * digits are separated by dots or by spaces. The reading, one rule per shape:
 *
 * - empty (or only spaces) is "not given", never 0;
 * - digits with at most one comma: the comma is the decimal sign ("3,5" is 3.5);
 * - a dot followed by exactly three digits is a thousands separator, and then every group must be well formed
 *   (the first of 1–3 digits, not starting with 0, the others of exactly 3): "1.500.000" is 1 500 000, "1.500,75" is
 *   1 500.75; "12.34.567" and "0.500" are refused;
 * - spaces separate groups the same way: "1 500 000" (non-breaking and thin spaces count as spaces);
 * - a single dot followed by one, two, four or more digits, with nothing else, is a decimal point: "1.5" is 1.5.
 *   Decided so, and not refused, because no Vietnamese reading of "1.5" exists (a thousands dot is followed by three
 *   digits), while an HTML number field, a spreadsheet cell and a writer used to English all send it meaning 1.5.
 *   The one shape the two notations read differently, "1.500", is read the Vietnamese way (1 500);
 * - commas between groups ("1,500,000", English notation), exponents ("1e6"), digits other than 0–9 ("١٢"), letters,
 *   a second sign, a sign not in front, a dangling separator ("5,", ".5") are refused, with a message saying how to
 *   write the number.
 *
 * Whether a fraction is allowed, and the bounds, belong to the field: see moneyInput and quantityInput.
 * Decision: README D21.
 */
export type NumberReading = { ok: true; value: number } | { ok: false; problem: "empty" | "notation" };

/** Longer than any amount in đồng with its separators: a guard against pasted text, not a rule of notation. */
const MAX_LENGTH = 40;

const PLAIN = /^\d+(,\d+)?$/;
const DOT_GROUPS = /^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const SPACE_GROUPS = /^[1-9]\d{0,2}( \d{3})+(,\d+)?$/;
const DECIMAL_POINT = /^\d+\.(\d{1,2}|\d{4,})$/;

export function parseVietnameseNumber(raw: unknown): NumberReading {
  if (typeof raw === "number")
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, problem: "notation" };
  if (raw === undefined || raw === null) return { ok: false, problem: "empty" };
  if (typeof raw !== "string") return { ok: false, problem: "notation" };
  const text = raw
    .replace(/[\u00a0\u202f\u2009]/g, " ")
    .trim()
    .replace(/ +/g, " ");
  if (text === "") return { ok: false, problem: "empty" };
  if (text.length > MAX_LENGTH) return { ok: false, problem: "notation" };
  const negative = text.startsWith("-") || text.startsWith("\u2212");
  const body = negative ? text.slice(1) : text;
  let machine: string;
  if (PLAIN.test(body)) machine = body.replace(",", ".");
  else if (DOT_GROUPS.test(body)) machine = body.replace(/\./g, "").replace(",", ".");
  else if (SPACE_GROUPS.test(body)) machine = body.replace(/ /g, "").replace(",", ".");
  else if (DECIMAL_POINT.test(body)) machine = body;
  else return { ok: false, problem: "notation" };
  const value = Number(machine);
  if (!Number.isFinite(value)) return { ok: false, problem: "notation" };
  // -0 is 0: a sign on nothing says nothing.
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** A number the way the reader above reads it back: what a spreadsheet's numeric cell holds, in Vietnamese notation. */
export function machineToVietnamese(value: number): string {
  return String(value).replace(".", ",");
}

type Bounds = { min?: number; max?: number };

/** Bounds are shown the way the user writes numbers: 1.000.000. */
const shown = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

function numberInput(
  kind: { fractional: boolean; message: "errors.wholeDong" | "errors.wholeNumber" },
  bounds: Bounds,
) {
  const min = bounds.min ?? 0;
  const max = Math.min(bounds.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  return z.unknown().transform((raw, ctx): number => {
    const reading = parseVietnameseNumber(raw);
    const problem = (message: string, params?: Record<string, string>) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message, params });
      return z.NEVER;
    };
    if (!reading.ok) return problem(reading.problem === "empty" ? "errors.numberRequired" : "errors.numberNotation");
    if (!kind.fractional && !Number.isInteger(reading.value)) return problem(kind.message);
    if (reading.value < min) return problem("errors.tooSmall", { min: shown(min) });
    if (reading.value > max) return problem("errors.tooLarge", { max: shown(max) });
    return reading.value;
  });
}

/**
 * Money: an integer number of đồng, as every amount of the portal is declared (revenue_vnd, capital_vnd …). A
 * fraction of a đồng ("3,5" typed meaning 3,5 tỷ) is refused with a message, never rounded or scaled.
 */
export function moneyInput(bounds: Bounds = {}) {
  return numberInput({ fractional: false, message: "errors.wholeDong" }, bounds);
}

/** A count or other quantity; `fractional` for the ones that may have a decimal part (a yearly average of staff, a score). */
export function quantityInput(options: Bounds & { fractional?: boolean } = {}) {
  return numberInput({ fractional: options.fractional ?? false, message: "errors.wholeNumber" }, options);
}

/** An optional number field: blank (from a form or a spreadsheet cell) is "not given"; anything else is read as the field says. */
export function optionalInput<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );
}
