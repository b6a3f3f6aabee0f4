/**
 * The technology transfer and renovation programme's rules, pure: the application's state machine and deadlines,
 * the technology-level computation (Circular 17/2019/TT-BKHCN, its bands and formula passed in as data), the
 * certificate series and the enterprise's pipeline stage.
 * Decisions: README D14.
 */

import type { TechApplicationStatus, TechImplementationStatus, TechPipelineStage } from "../../../db/types";
import { stepDueOn, type DeadlineDates, type DeadlineStep } from "../../lib/deadlines";
import { stateMachine, type Transition } from "../../lib/state-machine";
import type { DateRange, WorkCalendar } from "../../lib/working-days";

export { decisionClockStartsOn } from "../../lib/deadlines";

export type { TechApplicationStatus, TechImplementationStatus, TechPipelineStage };

// ——— The application ———

export const APPLICATION_STATUSES = [
  "draft",
  "received",
  "supplement_requested",
  "complete",
  "reviewed",
  "approved",
  "rejected",
  "withdrawn",
] as const satisfies readonly TechApplicationStatus[];
export const APPLICATION_EVENTS = [
  "submit",
  "request_supplement",
  "supplement",
  "mark_complete",
  "review",
  "return_for_review",
  "approve",
  "reject",
  "withdraw",
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/** "owner": a member of the applying enterprise; "staff" processes (admins too); "leader" decides (lãnh đạo Sở). */
export type ApplicationActor = "owner" | "staff" | "leader" | "other";
type Requirement = "reason" | "dueOn";

const TRANSITIONS: Record<ApplicationEvent, Transition<TechApplicationStatus, ApplicationActor, Requirement>> = {
  // Filed online, the application is received at once; the check clock starts that day.
  submit: { from: ["draft"], to: "received", by: "owner" },
  request_supplement: { from: ["received"], to: "supplement_requested", by: "staff", needs: ["reason", "dueOn"] },
  supplement: { from: ["supplement_requested"], to: "received", by: "owner" },
  mark_complete: { from: ["received"], to: "complete", by: "staff" },
  // The officer's review note is what the leader decides on.
  review: { from: ["complete"], to: "reviewed", by: "staff", needs: ["reason"] },
  return_for_review: { from: ["reviewed"], to: "complete", by: "leader", needs: ["reason"] },
  approve: { from: ["reviewed"], to: "approved", by: "leader" },
  reject: { from: ["received", "complete", "reviewed"], to: "rejected", by: "leader", needs: ["reason"] },
  withdraw: {
    from: ["draft", "received", "supplement_requested", "complete", "reviewed"],
    to: "withdrawn",
    by: "owner",
    needs: ["reason"],
  },
};

export type ApplicationTransitionInput = { reason?: string | null; dueOn?: string | null };
const MISSING: Record<Requirement, (input: ApplicationTransitionInput) => boolean> = {
  reason: (input) => !input.reason?.trim(),
  dueOn: (input) => !/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn ?? ""),
};
const PROBLEM = { reason: "reasonRequired", dueOn: "dueDateRequired" } as const;

const machine = stateMachine(APPLICATION_EVENTS, TRANSITIONS, MISSING);

export type ApplicationTransitionResult =
  | { ok: true; status: TechApplicationStatus }
  | { ok: false; problem: "notAllowed" | "forbidden" | "reasonRequired" | "dueDateRequired" };

export function nextApplicationStatus(
  current: TechApplicationStatus,
  event: ApplicationEvent,
  actor: ApplicationActor,
  input: ApplicationTransitionInput = {},
): ApplicationTransitionResult {
  const result = machine.next(current, event, actor, input);
  if (result.ok) return result;
  return { ok: false, problem: result.problem === "missing" ? PROBLEM[result.requirement] : result.problem };
}

export function allowedApplicationEvents(current: TechApplicationStatus, actor: ApplicationActor): ApplicationEvent[] {
  return machine.allowed(current, actor);
}

export function isEditableByOwner(status: TechApplicationStatus): boolean {
  return status === "draft" || status === "supplement_requested";
}

export type ApplicationDurations = { checkWorkingDays: number; decisionWorkingDays: number };

/** The deadline step an application's status is in: the SME dossier's steps, without a receiving step of its own. */
export function applicationStep(status: TechApplicationStatus): DeadlineStep {
  if (status === "received") return "checking";
  if (status === "supplement_requested") return "supplement";
  if (status === "complete" || status === "reviewed") return "deciding";
  return null;
}

/**
 * The SME dossier's deadline rules, shared (the programme's own rules set no other start): the completeness check
 * counts from receipt, the decision from the day the complete application (or its last supplement) was received, the
 * enterprise's supplement date is kept as set.
 */
export function applicationDueOn(
  input: DeadlineDates & { status: TechApplicationStatus },
  durations: ApplicationDurations,
  calendar: WorkCalendar,
  pauses: readonly DateRange[] = [],
): string | null {
  return stepDueOn(applicationStep(input.status), input, { receiveWorkingDays: 0, ...durations }, calendar, pauses);
}

// ——— Implementation follow-up ———

export const IMPLEMENTATION_STATUSES = [
  "implementing",
  "stalled",
  "completed",
  "accepted",
  "cancelled",
] as const satisfies readonly TechImplementationStatus[];

/** A stalled or cancelled project says why (e.g. the enterprise's own funds were not arranged). */
export function implementationNeedsReason(status: TechImplementationStatus): boolean {
  return status === "stalled" || status === "cancelled";
}

/** Accepted (nghiệm thu) and cancelled projects are finished: nothing more is reported on them. */
export function isImplementationFinal(status: TechImplementationStatus | null): boolean {
  return status === "accepted" || status === "cancelled";
}

// ——— Participation certificates ———

/** The placeholders of a certificate number's format: the number in the year's series and the year of issue. */
export const NUMBER_PLACEHOLDER = "{số}";
export const YEAR_PLACEHOLDER = "{năm}";
/** "01/2026/GXN-SKHCN": the department's series with the year, so two years' "01" never stand side by side. */
export const DEFAULT_CERTIFICATE_FORMAT = `${NUMBER_PLACEHOLDER}/${YEAR_PLACEHOLDER}/GXN-SKHCN`;
export const CERTIFICATE_FORMAT_MAX_LENGTH = 60;
export type CertificateFormatProblem =
  | "missingNumber"
  | "missingYear"
  | "repeated"
  | "unknownPlaceholder"
  | "adjacent"
  | "tooLong"
  | "invalidCharacter";

const PLACEHOLDER = /\{[^{}]*\}/gu;

/**
 * A format as staff typed it, in one spelling: NFC (a Vietnamese keyboard may send "ố" as o + two marks), trimmed,
 * and the two placeholders in lower case whatever the case typed ("{SỐ}", "{Năm}").
 */
export function normaliseCertificateFormat(raw: string): string {
  return raw
    .normalize("NFC")
    .trim()
    .replace(/\{số\}/giu, NUMBER_PLACEHOLDER)
    .replace(/\{năm\}/giu, YEAR_PLACEHOLDER);
}

/**
 * Why a (normalised) format cannot number certificates, or null. It must hold the number and the year once each,
 * nothing else in braces, and digits never right next to a placeholder: "{số}{năm}" would write 1 of 2026 and
 * 12 of 026 alike, and a number must read back as the one issued (parseCertificateNumber).
 */
export function certificateFormatProblem(format: string): CertificateFormatProblem | null {
  if (format.length > CERTIFICATE_FORMAT_MAX_LENGTH) return "tooLong";
  if (/[\p{Cc}\p{Cf}\p{Co}\u2028\u2029]/u.test(format)) return "invalidCharacter";
  const placeholders = format.match(PLACEHOLDER) ?? [];
  if (placeholders.some((p) => p !== NUMBER_PLACEHOLDER && p !== YEAR_PLACEHOLDER)) return "unknownPlaceholder";
  const numbers = placeholders.filter((p) => p === NUMBER_PLACEHOLDER).length;
  const years = placeholders.filter((p) => p === YEAR_PLACEHOLDER).length;
  if (numbers === 0) return "missingNumber";
  if (years === 0) return "missingYear";
  if (numbers > 1 || years > 1) return "repeated";
  if (/[{}]/u.test(format.replace(PLACEHOLDER, ""))) return "unknownPlaceholder";
  // Each placeholder as one mark (private-use characters were refused above, so it cannot be in the text itself).
  const marked = format.replaceAll(NUMBER_PLACEHOLDER, "\uE000").replaceAll(YEAR_PLACEHOLDER, "\uE000");
  if (/[\d\uE000]\uE000|\uE000\d/u.test(marked)) return "adjacent";
  return null;
}

/** The number of the `seq`th certificate of `year` in a format: below 10 with a leading zero, as the department writes. */
export function formatCertificateNumber(format: string, seq: number, year: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Not a certificate sequence: ${seq}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Not a year of issue: ${year}`);
  return format.replace(NUMBER_PLACEHOLDER, String(seq).padStart(2, "0")).replace(YEAR_PLACEHOLDER, String(year));
}

/** A number read back through its format: the place in the series and the year, or null if it is not of that format. */
export function parseCertificateNumber(format: string, number: string): { seq: number; year: number } | null {
  const order: Array<"seq" | "year"> = [];
  const pattern = format
    .split(/(\{số\}|\{năm\})/u)
    .map((part) => {
      if (part === NUMBER_PLACEHOLDER) order.push("seq");
      else if (part === YEAR_PLACEHOLDER) order.push("year");
      else return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return "(\\d+)";
    })
    .join("");
  if (order.length !== 2 || !order.includes("seq") || !order.includes("year")) return null;
  const written = number.normalize("NFC").trim();
  const match = new RegExp(`^${pattern}$`, "u").exec(written);
  if (!match) return null;
  const seq = Number(match[order.indexOf("seq") + 1]);
  const year = Number(match[order.indexOf("year") + 1]);
  if (!Number.isSafeInteger(seq) || seq < 1 || year < 1000 || year > 9999) return null;
  // "001" or "1" is not how the series writes 1: only the spelling formatCertificateNumber gives reads back.
  return formatCertificateNumber(format, seq, year) === written ? { seq, year } : null;
}

/** The next number of a year's series: one more than the highest issued that year (revoked ones keep theirs). */
export function nextCertificateSeq(highestThisYear: number | null): number {
  return (highestThisYear ?? 0) + 1;
}

// ——— Technology level (Circular 17/2019/TT-BKHCN) ———

export const LEVEL_GROUPS = ["T", "E", "O", "R", "I"] as const;
export type LevelGroup = (typeof LEVEL_GROUPS)[number];
export type Criterion = { code: string; group_code: LevelGroup; max_points: number };
export type LevelBand = { code: string; rank: number; min_total: number; min_coefficient: number };

export type GroupScores = Record<LevelGroup, number>;
export type Assessment = { groups: GroupScores; total: number; coefficient: number; levelCode: string };
export type AssessmentProblem = { code: string; problem: "missing" | "outOfRange" };

/** Rounded to two decimals, as scores are written on the survey form. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Every criterion scored between 0 and its maximum; the problems name the criteria. */
export function checkScores(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, number | undefined>>,
): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  for (const criterion of criteria) {
    const score = scores[criterion.code];
    if (score === undefined || !Number.isFinite(score)) problems.push({ code: criterion.code, problem: "missing" });
    else if (score < 0 || score > criterion.max_points) problems.push({ code: criterion.code, problem: "outOfRange" });
  }
  return problems;
}

export function groupScores(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, number | undefined>>,
): GroupScores {
  const groups: GroupScores = { T: 0, E: 0, O: 0, R: 0, I: 0 };
  for (const criterion of criteria) groups[criterion.group_code] += scores[criterion.code] ?? 0;
  for (const group of LEVEL_GROUPS) groups[group] = round2(groups[group]);
  return groups;
}

/** The level: the highest band whose total and coefficient thresholds are both met; the lowest band otherwise. */
export function levelOf(bands: readonly LevelBand[], total: number, coefficient: number): string {
  if (bands.length === 0) throw new Error("No technology level bands are configured");
  const byRank = [...bands].sort((a, b) => b.rank - a.rank);
  return (
    byRank.find((band) => total >= band.min_total && coefficient >= band.min_coefficient) ?? byRank[byRank.length - 1]
  ).code;
}

/** Throws FormulaError when the settings' formula cannot give a coefficient for these scores (e.g. it divides by 0). */
export function assessTechnology(
  criteria: readonly Criterion[],
  bands: readonly LevelBand[],
  formula: string,
  scores: Readonly<Record<string, number>>,
): Assessment {
  const groups = groupScores(criteria, scores);
  const total = round2(LEVEL_GROUPS.reduce((sum, group) => sum + groups[group], 0));
  const coefficient = round2(evaluateFormula(formula, groups));
  return { groups, total, coefficient, levelCode: levelOf(bands, total, coefficient) };
}

/** Why a formula gave no number: its text (syntax, a name or function it may not use, its size) or its arithmetic. */
export type FormulaProblem =
  | "syntax"
  | "unknownName"
  | "unknownFunction"
  | "tooLong"
  | "tooDeep"
  | "divisionByZero"
  | "notFinite";

export class FormulaError extends Error {
  constructor(
    readonly problem: FormulaProblem,
    detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

/** Bounds on what staff may type: far beyond any real formula, well within the evaluator's recursion. */
export const FORMULA_MAX_LENGTH = 500;
export const FORMULA_MAX_DEPTH = 32;

/** The only functions a formula may call; a Map, so that names like `constructor` are not found on a prototype. */
const FORMULA_FUNCTIONS = new Map<string, (args: number[]) => number>([
  ["min", (args) => Math.min(...args)],
  ["max", (args) => Math.max(...args)],
  ["avg", (args) => args.reduce((sum, value) => sum + value, 0) / args.length],
  ["sqrt", ([value]) => Math.sqrt(value)],
]);

/**
 * The synchronisation coefficient's formula is data (a settings row), read by this small evaluator: numbers, the
 * group scores T E O R I, + - * / and parentheses, and the functions min, max, avg, sqrt. Nothing else runs: a name is
 * looked up among the variables' own keys and the four functions only. A formula longer than FORMULA_MAX_LENGTH or
 * nested deeper than FORMULA_MAX_DEPTH is refused before it can exhaust the stack; a division by zero, or any result
 * that is not a finite number, is an error, never a coefficient.
 */
export function evaluateFormula(formula: string, variables: Readonly<Record<string, number>>): number {
  if (formula.length > FORMULA_MAX_LENGTH) throw new FormulaError("tooLong", `${formula.length} characters`);
  const tokens = formula.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/(),]|\S/g) ?? [];
  let position = 0;
  let depth = 0;
  const peek = () => tokens[position];
  const take = (expected?: string) => {
    const token = tokens[position++];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new FormulaError("syntax", `expected ${expected ?? "a value"} at token ${position}`);
    return token;
  };
  const nested = <T>(read: () => T): T => {
    if (++depth > FORMULA_MAX_DEPTH) throw new FormulaError("tooDeep", `more than ${FORMULA_MAX_DEPTH} levels`);
    const value = read();
    depth--;
    return value;
  };
  function primary(): number {
    const token = take();
    if (token === "(") {
      const value = nested(expression);
      take(")");
      return value;
    }
    if (token === "-") return -nested(primary);
    if (/^\d/.test(token)) return Number(token);
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() === "(") {
        const fn = FORMULA_FUNCTIONS.get(token.toLowerCase());
        if (!fn) throw new FormulaError("unknownFunction", token);
        take("(");
        const args = nested(() => {
          const list = [expression()];
          while (peek() === ",") {
            take(",");
            list.push(expression());
          }
          return list;
        });
        take(")");
        return fn(args);
      }
      if (!Object.hasOwn(variables, token)) throw new FormulaError("unknownName", token);
      return variables[token];
    }
    throw new FormulaError("syntax", `unexpected ${token}`);
  }
  function term(): number {
    let value = primary();
    while (peek() === "*" || peek() === "/") {
      if (take() === "*") value *= primary();
      else {
        const divisor = primary();
        if (divisor === 0) throw new FormulaError("divisionByZero", `${value} / 0`);
        value /= divisor;
      }
    }
    return value;
  }
  function expression(): number {
    let value = term();
    while (peek() === "+" || peek() === "-") value = take() === "+" ? value + term() : value - term();
    return value;
  }
  const value = expression();
  if (position !== tokens.length) throw new FormulaError("syntax", `unexpected ${tokens[position]}`);
  if (!Number.isFinite(value)) throw new FormulaError("notFinite", String(value));
  return value;
}

// ——— The pipeline ———

export const PIPELINE_STAGES = [
  "contacted",
  "consulted",
  "applied",
  "certified",
  "implementing",
  "accepted",
  "stalled",
] as const satisfies readonly TechPipelineStage[];

export type StageFacts = {
  reached: boolean;
  consulted: boolean;
  applications: ReadonlyArray<{
    status: TechApplicationStatus;
    implementationStatus: TechImplementationStatus | null;
    certificateValid: boolean;
  }>;
};

const APPLIED: readonly TechApplicationStatus[] = ["received", "supplement_requested", "complete", "reviewed"];

/** Where one application has brought the enterprise; null when it counts for nothing (a draft, a refusal). */
function stageOfApplication(application: StageFacts["applications"][number]): TechPipelineStage | null {
  if (application.status === "approved") {
    if (
      !application.certificateValid ||
      application.implementationStatus === "stalled" ||
      application.implementationStatus === "cancelled"
    )
      return "stalled";
    if (application.implementationStatus === "accepted") return "accepted";
    if (application.implementationStatus === "implementing" || application.implementationStatus === "completed")
      return "implementing";
    return "certified";
  }
  return APPLIED.includes(application.status) ? "applied" : null;
}

/** Most advanced first: a stalled project ranks below a live one, above a mere application. */
const PRECEDENCE: readonly TechPipelineStage[] = [
  "accepted",
  "implementing",
  "certified",
  "stalled",
  "applied",
  "consulted",
  "contacted",
];

/**
 * The enterprise's stage in the programme, from what happened: reached by outreach → consulted → applied →
 * certified → implementing → accepted, or stalled; its most advanced application decides once it has applied.
 */
export function pipelineStage(facts: StageFacts): TechPipelineStage | null {
  const stages = new Set<TechPipelineStage>();
  for (const application of facts.applications) {
    const stage = stageOfApplication(application);
    if (stage) stages.add(stage);
  }
  if (facts.consulted) stages.add("consulted");
  if (facts.reached) stages.add("contacted");
  return PRECEDENCE.find((stage) => stages.has(stage)) ?? null;
}
