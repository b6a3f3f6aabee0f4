/**
 * The life of an SME support dossier: one state machine used by the commands; the UI offers only the events it allows.
 * Decisions: README D13 (one state machine, due dates stored), D19 (the decision clock), D35 (paused programmes).
 */

import type { DossierStatus, ProgrammeStatus } from "../../../db/types";
import { stateMachine } from "../../lib/state-machine";
import {
  decisionClockStartsOn,
  stepDueOn,
  type DeadlineDates,
  type DeadlineStep,
  type StepDurations,
} from "../../lib/deadlines";
import type { DateRange, WorkCalendar } from "../../lib/working-days";

export type { DossierStatus };
export const DOSSIER_STATUSES = [
  "draft",
  "submitted",
  "received",
  "supplement_requested",
  "complete",
  "under_appraisal",
  "proposed",
  "approved",
  "rejected",
  "paid",
  "closed",
  "withdrawn",
] as const satisfies readonly DossierStatus[];

export const DOSSIER_EVENTS = [
  "submit",
  "receive",
  "request_supplement",
  "supplement",
  "mark_complete",
  "start_appraisal",
  "propose",
  "return_for_appraisal",
  "approve",
  "reject",
  "record_payment",
  "close",
  "withdraw",
] as const;
export type DossierEvent = (typeof DOSSIER_EVENTS)[number];

/**
 * Who acts: "owner" is a member of the enterprise that filed the dossier; "staff" processes it (an admin counts as
 * staff); "leader" decides (lãnh đạo Sở). An admin is never a leader: running the portal gives no power to decide support.
 */
export type DossierActor = "owner" | "staff" | "leader" | "other";

/** Decree 80/2021/NĐ-CP, art. 32: the agency decides and notifies within 14 working days of a complete dossier. */
export const DECISION_WORKING_DAYS = 14;

type Requirement = "reason" | "amount" | "dueOn";
type Transition = {
  from: readonly DossierStatus[];
  to: DossierStatus;
  by: DossierActor;
  needs?: readonly Requirement[];
};

const TRANSITIONS: Record<DossierEvent, Transition> = {
  submit: { from: ["draft"], to: "submitted", by: "owner" },
  receive: { from: ["submitted"], to: "received", by: "staff" },
  // The firm must be told what is missing and by when.
  request_supplement: { from: ["received"], to: "supplement_requested", by: "staff", needs: ["reason", "dueOn"] },
  supplement: { from: ["supplement_requested"], to: "received", by: "owner" },
  mark_complete: { from: ["received"], to: "complete", by: "staff" },
  start_appraisal: { from: ["complete"], to: "under_appraisal", by: "staff" },
  propose: { from: ["under_appraisal"], to: "proposed", by: "staff", needs: ["amount"] },
  return_for_appraisal: { from: ["proposed"], to: "under_appraisal", by: "leader", needs: ["reason"] },
  approve: { from: ["proposed"], to: "approved", by: "leader", needs: ["amount"] },
  // An ineligible firm gets a notice with the reasons (art. 32).
  reject: {
    from: ["received", "complete", "under_appraisal", "proposed"],
    to: "rejected",
    by: "leader",
    needs: ["reason"],
  },
  record_payment: { from: ["approved"], to: "paid", by: "staff", needs: ["amount"] },
  close: { from: ["paid", "rejected", "withdrawn"], to: "closed", by: "staff" },
  withdraw: {
    from: ["submitted", "received", "supplement_requested", "complete", "under_appraisal", "proposed"],
    to: "withdrawn",
    by: "owner",
    needs: ["reason"],
  },
};

export type DossierTransitionInput = { reason?: string | null; amountVnd?: number | null; dueOn?: string | null };
export type DossierTransitionResult =
  | { ok: true; status: DossierStatus }
  | { ok: false; problem: "notAllowed" | "forbidden" | "reasonRequired" | "amountRequired" | "dueDateRequired" };

const MISSING: Record<Requirement, (input: DossierTransitionInput) => boolean> = {
  reason: (input) => !input.reason?.trim(),
  amount: (input) => !(Number.isInteger(input.amountVnd) && input.amountVnd! > 0),
  dueOn: (input) => !/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn ?? ""),
};
const PROBLEM = { reason: "reasonRequired", amount: "amountRequired", dueOn: "dueDateRequired" } as const;

const machine = stateMachine(DOSSIER_EVENTS, TRANSITIONS, MISSING);

/** The status after `event`, or why not: first whether the status allows it, then whether this actor may, then the inputs. */
export function nextDossierStatus(
  current: DossierStatus,
  event: DossierEvent,
  actor: DossierActor,
  input: DossierTransitionInput = {},
): DossierTransitionResult {
  const result = machine.next(current, event, actor, input);
  if (result.ok) return result;
  return { ok: false, problem: result.problem === "missing" ? PROBLEM[result.requirement] : result.problem };
}

/** The events the state machine allows this actor for a dossier in this status. */
export function allowedDossierEvents(current: DossierStatus, actor: DossierActor): DossierEvent[] {
  return machine.allowed(current, actor);
}

export type ProgrammeState = { status: ProgrammeStatus; paused_intake: string; status_reason?: string | null };

/**
 * What the programme's state refuses, whatever the dossier's: a closed programme takes no filing, receipt or
 * supplement; a paused one receives nothing, and takes no filing or supplement when its intake is refused. The
 * command checks it and the pages offer nothing it would refuse.
 */
export function programmeRefusal(
  event: DossierEvent,
  programme: ProgrammeState,
): "programmeClosed" | "programmePaused" | null {
  if (event !== "submit" && event !== "receive" && event !== "supplement") return null;
  if (programme.status === "closed") return "programmeClosed";
  if (programme.status === "paused" && (event === "receive" || programme.paused_intake === "refuse"))
    return "programmePaused";
  return null;
}

/** The buttons a page offers: the state machine's events that the programme's state does not refuse now. */
export function offeredDossierEvents(
  current: DossierStatus,
  actor: DossierActor,
  programme: ProgrammeState,
): DossierEvent[] {
  return allowedDossierEvents(current, actor).filter((event) => programmeRefusal(event, programme) === null);
}

/**
 * Whether the decision clock runs: from a complete dossier until the proposal is decided. It stops while a
 * supplement is awaited and starts again once the dossier is complete (Decree 80/2021, art. 32).
 */
export function clockRuns(status: DossierStatus): boolean {
  return status === "complete" || status === "under_appraisal" || status === "proposed";
}

export function isFinal(status: DossierStatus): boolean {
  return status === "closed";
}

/** The firm may change its dossier only before filing it and while asked to supplement it. */
export function isEditableByOwner(status: DossierStatus): boolean {
  return status === "draft" || status === "supplement_requested";
}

export type { StepDurations };
export { decisionClockStartsOn };

export type DueInput = DeadlineDates & { status: DossierStatus };

/** The deadline step a dossier's status is in (`lib/deadlines.ts` counts it). */
export function dossierStep(status: DossierStatus): DeadlineStep {
  if (status === "submitted") return "receiving";
  if (status === "received") return "checking";
  if (status === "supplement_requested") return "supplement";
  return clockRuns(status) ? "deciding" : null;
}

/** When the dossier's current step is due, with the programme's pauses skipped (see `stepDueOn`). */
export function dossierDueOn(
  input: DueInput,
  durations: StepDurations,
  calendar: WorkCalendar,
  pauses: readonly DateRange[],
): string | null {
  return stepDueOn(dossierStep(input.status), input, durations, calendar, pauses);
}

/**
 * Steps inside the department (the appraisal, its proposal, a leader sending it back): the enterprise is not told of
 * them, and their notes are the department's working record, never shown to the enterprise.
 */
export const INTERNAL_EVENTS = [
  "start_appraisal",
  "propose",
  "return_for_appraisal",
] as const satisfies readonly DossierEvent[];

export function isInternalEvent(event: string): boolean {
  return (INTERNAL_EVENTS as readonly string[]).includes(event);
}
