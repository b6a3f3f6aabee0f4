/**
 * Incubation, pure: the record's state machine, milestones due and reporting periods.
 * Decisions: README D11 (scope in the SQL, periods computed), D36 (founding a business is recorded as registered).
 */
import type { IncubationStatus, UserRole } from "../../../db/types";
import { provinceDate } from "../../lib/province-time";
import { stateMachine, type Transition } from "../../lib/state-machine";

export const INCUBATION_STATUSES = [
  "incubating",
  "paused",
  "graduated",
  "business_founded",
  "stopped",
] as const satisfies readonly IncubationStatus[];
export const SERVICE_KINDS = [
  "workspace",
  "consulting",
  "training",
  "ip_registration",
  "investor_connection",
  "funding",
] as const;
export const INCUBATION_EVENTS = ["pause", "resume", "graduate", "found_business", "stop"] as const;
export type IncubationEvent = (typeof INCUBATION_EVENTS)[number];

/**
 * Who acts on a record: staff (staff and admins, who keep every record), the record's own incubator's manager, a reader
 * (leaders read every record and change none), or anyone else.
 */
export type IncubationActor = "staff" | "own_incubator" | "reader" | "other";

export function incubationActor(role: UserRole, managesIncubator: boolean): IncubationActor {
  if (role === "staff" || role === "admin") return "staff";
  if (role === "leader") return "reader";
  if (role === "incubator_manager" && managesIncubator) return "own_incubator";
  return "other";
}

/** Whether this actor keeps the record: changes its status, mentors, services, milestones and comments. */
export function keepsRecord(actor: IncubationActor): boolean {
  return actor === "staff" || actor === "own_incubator";
}

const KEEPERS = ["staff", "own_incubator"] as const satisfies readonly IncubationActor[];

const TRANSITIONS: Record<IncubationEvent, Transition<IncubationStatus, IncubationActor, "reason">> = {
  pause: { from: ["incubating"], to: "paused", by: KEEPERS, needs: ["reason"] },
  resume: { from: ["paused"], to: "incubating", by: KEEPERS },
  graduate: { from: ["incubating"], to: "graduated", by: KEEPERS },
  found_business: { from: ["incubating", "graduated"], to: "business_founded", by: KEEPERS },
  stop: { from: ["incubating", "paused"], to: "stopped", by: KEEPERS, needs: ["reason"] },
};

const machine = stateMachine(INCUBATION_EVENTS, TRANSITIONS, {
  reason: (reason: string | null | undefined) => !reason?.trim(),
});

export type TransitionResult =
  | { ok: true; status: IncubationStatus }
  | { ok: false; problem: "notAllowed" | "forbidden" | "reasonRequired" };

/**
 * The status state machine of an incubation record. Staff and the manager of the record's own incubator may move
 * it; a stop (and a pause) needs a reason; graduated and founded are outcomes, only "found_business" follows a graduation.
 */
export function nextIncubationStatus(
  current: IncubationStatus,
  event: IncubationEvent,
  actor: IncubationActor,
  reason?: string | null,
): TransitionResult {
  // Someone who keeps no record is refused as such whatever the record's status.
  if (!keepsRecord(actor)) return { ok: false, problem: "forbidden" };
  const result = machine.next(current, event, actor, reason);
  if (result.ok) return result;
  return { ok: false, problem: result.problem === "missing" ? "reasonRequired" : result.problem };
}

/** The events the page may offer for a record in this status. */
export function allowedEvents(current: IncubationStatus, actor: IncubationActor): IncubationEvent[] {
  return machine.allowed(current, actor);
}

/** Records still running (incubating or paused): they expect reports and their milestones can be overdue. */
export const RUNNING_STATUSES = ["incubating", "paused"] as const satisfies readonly IncubationStatus[];

/**
 * "Completed incubation" (hoàn thành ươm tạo): graduated, including the businesses founded, as the README's board
 * defines it. The board's totals, the report's figure and its text all count it from this list.
 */
export const COMPLETED_STATUSES = ["graduated", "business_founded"] as const satisfies readonly IncubationStatus[];

export type MilestoneState = "open" | "overdue" | "done" | "done_late" | "unfinished";

/**
 * A milestone is overdue when not done and due before today in the province, while its record still runs; a finished
 * record (graduated, founded, stopped) has no overdue milestone, only unfinished ones. Done late: after its due date.
 */
export function milestoneState(
  milestone: { due_on: string; done_on: string | null },
  nowIso: string,
  recordStatus: IncubationStatus,
): MilestoneState {
  if (milestone.done_on) return milestone.done_on > milestone.due_on ? "done_late" : "done";
  if (!expectsReports(recordStatus)) return "unfinished";
  return milestone.due_on < provinceDate(nowIso) ? "overdue" : "open";
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type ReportPeriod = { start: string; end: string };

/** The reporting periods from the start, each `months` long, that have ended by today (in the province) and not after the end date. */
export function duePeriods(startedOn: string, months: number, nowIso: string, endOn?: string | null): ReportPeriod[] {
  const today = provinceDate(nowIso);
  const periods: ReportPeriod[] = [];
  for (let index = 0; index < 200; index++) {
    const start = addMonths(startedOn, index * months);
    const end = addDays(addMonths(startedOn, (index + 1) * months), -1);
    if (end >= today) break;
    if (endOn && start > endOn) break;
    periods.push({ start, end });
  }
  return periods;
}

/** The periods that have ended without a report (a report covers the period that starts on its period_start). */
export function missingReports(
  startedOn: string,
  months: number,
  reportedStarts: readonly string[],
  nowIso: string,
  endOn?: string | null,
): ReportPeriod[] {
  const reported = new Set(reportedStarts);
  return duePeriods(startedOn, months, nowIso, endOn).filter((period) => !reported.has(period.start));
}

/** The period a new report should cover: the first due one without a report, else the current one. */
export function nextReportPeriod(
  startedOn: string,
  months: number,
  reportedStarts: readonly string[],
  nowIso: string,
): ReportPeriod {
  const missing = missingReports(startedOn, months, reportedStarts, nowIso);
  if (missing.length) return missing[0];
  const done = duePeriods(startedOn, months, nowIso).length;
  return { start: addMonths(startedOn, done * months), end: addDays(addMonths(startedOn, (done + 1) * months), -1) };
}

/** Reports are expected only while a record is open. */
export function expectsReports(status: IncubationStatus): boolean {
  return (RUNNING_STATUSES as readonly IncubationStatus[]).includes(status);
}
