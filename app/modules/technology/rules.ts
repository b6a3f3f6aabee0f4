/**
 * The technology transfer and renovation programme's rules, pure: the application's state machine and deadlines,
 * the technology-level computation (Circular 17/2019/TT-BKHCN, its bands and formula passed in as data), the
 * certificate series and the enterprise's pipeline stage.
 */

import type { TechApplicationStatus, TechImplementationStatus, TechPipelineStage } from "../../../db/types";
import { stateMachine, type Transition } from "../../lib/state-machine";
import type { DateRange, WorkCalendar } from "../../lib/working-days";
import { dossierDueOn } from "../sme/workflow";

export { decisionClockStartsOn } from "../sme/workflow";

export type { TechApplicationStatus, TechImplementationStatus, TechPipelineStage };

// ——— The application ———

export const APPLICATION_STATUSES = ["draft", "received", "supplement_requested", "complete", "reviewed", "approved", "rejected", "withdrawn"] as const satisfies readonly TechApplicationStatus[];
export const APPLICATION_EVENTS = ["submit", "request_supplement", "supplement", "mark_complete", "review", "return_for_review", "approve", "reject", "withdraw"] as const;
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
  withdraw: { from: ["draft", "received", "supplement_requested", "complete", "reviewed"], to: "withdrawn", by: "owner", needs: ["reason"] },
};

export type ApplicationTransitionInput = { reason?: string | null; dueOn?: string | null };
const MISSING: Record<Requirement, (input: ApplicationTransitionInput) => boolean> = {
  reason: (input) => !input.reason?.trim(),
  dueOn: (input) => !/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn ?? ""),
};
const PROBLEM = { reason: "reasonRequired", dueOn: "dueDateRequired" } as const;

const machine = stateMachine(APPLICATION_EVENTS, TRANSITIONS, MISSING);

export type ApplicationTransitionResult = { ok: true; status: TechApplicationStatus } | { ok: false; problem: "notAllowed" | "forbidden" | "reasonRequired" | "dueDateRequired" };

export function nextApplicationStatus(current: TechApplicationStatus, event: ApplicationEvent, actor: ApplicationActor, input: ApplicationTransitionInput = {}): ApplicationTransitionResult {
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

/**
 * The SME dossier's deadline semantics, shared (the programme's own rules set no other start): the completeness check
 * counts from receipt, the decision from the day the complete application (or its last supplement) was received, the
 * enterprise's supplement date is kept as set.
 */
export function applicationDueOn(
  input: { status: TechApplicationStatus; stepStartedOn: string | null; receivedCompleteOn: string | null; currentDueOn: string | null },
  durations: ApplicationDurations,
  calendar: WorkCalendar,
  pauses: readonly DateRange[] = [],
): string | null {
  const asDossier = ({ received: "received", supplement_requested: "supplement_requested", complete: "complete", reviewed: "proposed" } as const)[input.status as "received"];
  if (!asDossier) return null;
  return dossierDueOn({ ...input, status: asDossier }, { receiveWorkingDays: 0, checkWorkingDays: durations.checkWorkingDays, decisionWorkingDays: durations.decisionWorkingDays }, calendar, pauses);
}

// ——— Implementation follow-up ———

export const IMPLEMENTATION_STATUSES = ["implementing", "stalled", "completed", "accepted", "cancelled"] as const satisfies readonly TechImplementationStatus[];

/** A stalled or cancelled project says why (e.g. the enterprise's own funds were not arranged). */
export function implementationNeedsReason(status: TechImplementationStatus): boolean {
  return status === "stalled" || status === "cancelled";
}

/** Accepted (nghiệm thu) and cancelled projects are finished: nothing more is reported on them. */
export function isImplementationFinal(status: TechImplementationStatus | null): boolean {
  return status === "accepted" || status === "cancelled";
}

// ——— Participation certificates ———

export const CERTIFICATE_SUFFIX = "GXN-SKHCN";

/** "01/GXN-SKHCN": numbers below 10 take a leading zero, as the department writes them. */
export function certificateNumber(seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Not a certificate sequence: ${seq}`);
  return `${String(seq).padStart(2, "0")}/${CERTIFICATE_SUFFIX}`;
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
export function checkScores(criteria: readonly Criterion[], scores: Readonly<Record<string, number | undefined>>): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  for (const criterion of criteria) {
    const score = scores[criterion.code];
    if (score === undefined || !Number.isFinite(score)) problems.push({ code: criterion.code, problem: "missing" });
    else if (score < 0 || score > criterion.max_points) problems.push({ code: criterion.code, problem: "outOfRange" });
  }
  return problems;
}

export function groupScores(criteria: readonly Criterion[], scores: Readonly<Record<string, number | undefined>>): GroupScores {
  const groups: GroupScores = { T: 0, E: 0, O: 0, R: 0, I: 0 };
  for (const criterion of criteria) groups[criterion.group_code] += scores[criterion.code] ?? 0;
  for (const group of LEVEL_GROUPS) groups[group] = round2(groups[group]);
  return groups;
}

/** The level: the highest band whose total and coefficient thresholds are both met; the lowest band otherwise. */
export function levelOf(bands: readonly LevelBand[], total: number, coefficient: number): string {
  if (bands.length === 0) throw new Error("No technology level bands are configured");
  const byRank = [...bands].sort((a, b) => b.rank - a.rank);
  return (byRank.find((band) => total >= band.min_total && coefficient >= band.min_coefficient) ?? byRank[byRank.length - 1]).code;
}

export function assessTechnology(criteria: readonly Criterion[], bands: readonly LevelBand[], formula: string, scores: Readonly<Record<string, number>>): Assessment {
  const groups = groupScores(criteria, scores);
  const total = round2(LEVEL_GROUPS.reduce((sum, group) => sum + groups[group], 0));
  const raw = evaluateFormula(formula, groups);
  const coefficient = Number.isFinite(raw) ? round2(raw) : 0;
  return { groups, total, coefficient, levelCode: levelOf(bands, total, coefficient) };
}

export class FormulaError extends Error {}

/**
 * The synchronisation coefficient's formula is data (a settings row), read by this small evaluator: numbers, the
 * group scores T E O R I, + - * / and parentheses, and the functions min, max, avg, sqrt. Nothing else runs.
 */
export function evaluateFormula(formula: string, variables: Readonly<Record<string, number>>): number {
  const tokens = formula.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/(),]|\S/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const take = (expected?: string) => {
    const token = tokens[position++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new FormulaError(`Expected ${expected ?? "a value"} at token ${position}`);
    return token;
  };
  const functions: Record<string, (args: number[]) => number> = {
    min: (args) => Math.min(...args),
    max: (args) => Math.max(...args),
    avg: (args) => args.reduce((sum, value) => sum + value, 0) / args.length,
    sqrt: ([value]) => Math.sqrt(value),
  };
  function primary(): number {
    const token = take();
    if (token === "(") {
      const value = expression();
      take(")");
      return value;
    }
    if (token === "-") return -primary();
    if (/^\d/.test(token)) return Number(token);
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() === "(") {
        const fn = functions[token.toLowerCase()];
        if (!fn) throw new FormulaError(`Unknown function ${token}`);
        take("(");
        const args = [expression()];
        while (peek() === ",") {
          take(",");
          args.push(expression());
        }
        take(")");
        return fn(args);
      }
      if (!(token in variables)) throw new FormulaError(`Unknown name ${token}`);
      return variables[token];
    }
    throw new FormulaError(`Unexpected ${token}`);
  }
  function term(): number {
    let value = primary();
    while (peek() === "*" || peek() === "/") value = take() === "*" ? value * primary() : value / primary();
    return value;
  }
  function expression(): number {
    let value = term();
    while (peek() === "+" || peek() === "-") value = take() === "+" ? value + term() : value - term();
    return value;
  }
  const value = expression();
  if (position !== tokens.length) throw new FormulaError(`Unexpected ${tokens[position]}`);
  return value;
}

// ——— The pipeline ———

export const PIPELINE_STAGES = ["contacted", "consulted", "applied", "certified", "implementing", "accepted", "stalled"] as const satisfies readonly TechPipelineStage[];

export type StageFacts = {
  reached: boolean;
  consulted: boolean;
  applications: ReadonlyArray<{ status: TechApplicationStatus; implementationStatus: TechImplementationStatus | null; certificateValid: boolean }>;
};

const APPLIED: readonly TechApplicationStatus[] = ["received", "supplement_requested", "complete", "reviewed"];

/** Where one application has brought the enterprise; null when it counts for nothing (a draft, a refusal). */
function stageOfApplication(application: StageFacts["applications"][number]): TechPipelineStage | null {
  if (application.status === "approved") {
    if (!application.certificateValid || application.implementationStatus === "stalled" || application.implementationStatus === "cancelled") return "stalled";
    if (application.implementationStatus === "accepted") return "accepted";
    if (application.implementationStatus === "implementing" || application.implementationStatus === "completed") return "implementing";
    return "certified";
  }
  return APPLIED.includes(application.status) ? "applied" : null;
}

/** Most advanced first: a stalled project ranks below a live one, above a mere application. */
const PRECEDENCE: readonly TechPipelineStage[] = ["accepted", "implementing", "certified", "stalled", "applied", "consulted", "contacted"];

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
