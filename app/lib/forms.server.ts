import { data } from "@remix-run/node";
import { z, type ZodErrorMap, type ZodTypeAny } from "zod";
import type { TFunction } from "../i18n";
import { problemStatus, type Problem } from "./outcome";

// Bodies are read in one place, where the rules on types, limits and malformed bodies live.
export { isMultipartForm, MAX_FORM_BYTES, readForm, readMultipartForm, type FormLimits } from "./form-body.server";

export type FieldErrors = Record<string, string>;

/** Schemas name their messages by i18n key ("errors.required", "competition.problems.missing", "twoFactor.code"). */
function isMessageKey(message: string): boolean {
  return /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/.test(message);
}
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function errorMapFor(t: TFunction): ZodErrorMap {
  return (issue, ctx) => {
    // A schema's own message (an i18n key) reaches this map as the default: it wins.
    if (isMessageKey(ctx.defaultError)) return { message: (t as (key: string) => string)(ctx.defaultError) };
    switch (issue.code) {
      case z.ZodIssueCode.invalid_type:
        return {
          message:
            issue.received === "undefined" || issue.received === "null"
              ? t("errors.required")
              : t("errors.invalidType"),
        };
      case z.ZodIssueCode.too_small:
        if (issue.type === "string")
          return {
            message: issue.minimum === 1 ? t("errors.required") : t("errors.tooShort", { min: String(issue.minimum) }),
          };
        return { message: t("errors.tooSmall", { min: String(issue.minimum) }) };
      case z.ZodIssueCode.too_big:
        if (issue.type === "string") return { message: t("errors.tooLong", { max: String(issue.maximum) }) };
        return { message: t("errors.tooLarge", { max: String(issue.maximum) }) };
      case z.ZodIssueCode.invalid_string:
        return { message: issue.validation === "email" ? t("errors.email") : t("errors.invalid") };
      case z.ZodIssueCode.invalid_enum_value:
      case z.ZodIssueCode.invalid_literal:
        return { message: t("errors.invalidChoice") };
      default:
        return { message: t("errors.invalid") };
    }
  };
}

/** Plain values of a form: empty strings become undefined so that optional fields stay optional. */
export function formValues(form: FormData): Record<string, string | string[] | File | undefined> {
  const values: Record<string, string | string[] | File | undefined> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    if (all.length > 1) {
      values[key] = all.filter((v): v is string => typeof v === "string");
      continue;
    }
    const value = all[0];
    values[key] = typeof value === "string" ? (value.trim() === "" ? undefined : value) : value;
  }
  return values;
}

/** Validates a form with a zod schema; errors come back per field, translated for the user. */
export function parseForm<S extends ZodTypeAny>(form: FormData, schema: S, t: TFunction): FormResult<z.output<S>> {
  const values = formValues(form);
  const result = schema.safeParse(values, { errorMap: errorMapFor(t) });
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "_form";
    if (errors[field]) continue;
    // Schemas give i18n keys as custom messages; the error map has already translated the rest.
    errors[field] = isMessageKey(issue.message)
      ? (t as (key: string, options?: object) => string)(
          issue.message,
          ("params" in issue ? issue.params : undefined) ?? {},
        )
      : issue.message;
  }
  const echoed: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "string" && !/password/i.test(key)) echoed[key] = value.slice(0, 2000);
  }
  return { ok: false, errors, values: echoed };
}

/** A result for the form of an expected, field-level failure found after validation (e.g. e-mail taken). */
export function fieldFailure(field: string, message: string, values: Record<string, unknown> = {}) {
  return { ok: false as const, errors: { [field]: message }, values: echoedValues(values) };
}

/** What the user typed, to fill the form again after a refusal; passwords are never sent back. */
export function echoedValues(values: Record<string, unknown>): Record<string, string> {
  const echoed: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "string" && !/password/i.test(key)) echoed[key] = value;
  }
  return echoed;
}

/** Rule problems ({ field, key, params }) as field errors in the user's language; the first per field wins. */
export function problemsToErrors(
  problems: ReadonlyArray<{ field: string; key: string; params?: Record<string, string> }>,
  t: TFunction,
): FieldErrors {
  const errors: FieldErrors = {};
  const translate = t as (key: string, options?: object) => string;
  for (const problem of problems) errors[problem.field] ??= translate(problem.key, problem.params ?? {});
  return errors;
}

/**
 * The one answer to a refused command: the problems as field errors in the user's language, with the status their
 * kind decides (see `problemStatus`), and whatever else the page needs to show the form again (`extra`).
 */
export function refusal<E extends object = Record<never, never>>(
  problems: readonly Problem[],
  t: TFunction,
  extra?: E,
) {
  return data({ ...(extra as E), errors: problemsToErrors(problems, t) }, { status: problemStatus(problems) });
}
