/**
 * The one vocabulary of command results. A command that can be refused for a reason the user can fix returns an
 * `Outcome`; each problem says which field it belongs to, which message (an i18n key) explains it, and what kind
 * of refusal it is. The kind alone decides the HTTP status (`problemStatus`), so every route answers alike.
 * Decision: README D55.
 */

export type ProblemKind = "invalid" | "conflict" | "forbidden" | "missing";

export type Problem = {
  field: string;
  key: string;
  params?: Record<string, string>;
  /** Absent: a problem tied to a field is `invalid` (400), one for the whole form (`_form`) a `conflict` (409). */
  kind?: ProblemKind;
};

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };

export type Refusal = { ok: false; problems: Problem[] };

/** A refusal with one problem. */
export function refuse(
  key: string,
  options: { field?: string; params?: Record<string, string>; kind?: ProblemKind } = {},
): Refusal {
  return {
    ok: false,
    problems: [{ field: options.field ?? "_form", key, params: options.params, kind: options.kind }],
  };
}

/** A refusal from problems found by a rule (an empty list is not a refusal: check before calling). */
export function refuseAll(problems: Problem[]): Refusal {
  return { ok: false, problems };
}

export function kindOf(problem: Problem): ProblemKind {
  return problem.kind ?? (problem.field === "_form" ? "conflict" : "invalid");
}

const STATUS: Record<ProblemKind, 400 | 403 | 404 | 409> = {
  invalid: 400,
  conflict: 409,
  forbidden: 403,
  missing: 404,
};
/** The gravest kind answers: forbidden, then missing, then invalid input, then a conflict with the record's state. */
const GRAVITY: ProblemKind[] = ["forbidden", "missing", "invalid", "conflict"];

export function problemStatus(problems: readonly Problem[]): 400 | 403 | 404 | 409 {
  const kinds = new Set(problems.map(kindOf));
  const kind = GRAVITY.find((candidate) => kinds.has(candidate)) ?? "invalid";
  return STATUS[kind];
}
