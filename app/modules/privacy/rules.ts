/**
 * Personal data rules (Decree 13/2023/NĐ-CP), pure: the data-subject requests' kinds, legal deadlines and state
 * machine. The deadlines are data with their source: a reading of the decree, to be corrected here if the
 * department's legal office (or the Law on Personal Data Protection 91/2025/QH15 and its decree) says otherwise.
 */
import type {
  DataSubjectRequestKind,
  DataSubjectRequestStatus,
  PersonalDataAccessKind,
  PersonalDataSubject,
  UserRole,
} from "../../../db/types";
import { provinceDate, provinceLocalToIso } from "../../lib/province-time";
import { stateMachine, type Transition } from "../../lib/state-machine";
import { addWorkingDays, isWorkingDay, type WorkCalendar } from "../../lib/working-days";

export type { DataSubjectRequestKind, DataSubjectRequestStatus };

/** Whose data the access log records, and how it was reached (the admin page filters by both). */
export const PERSONAL_DATA_SUBJECTS = [
  "users",
  "organisation_members",
  "entry_members",
  "event_participants",
  "organisations",
] as const satisfies readonly PersonalDataSubject[];
export const ACCESS_KINDS = ["view", "export"] as const satisfies readonly PersonalDataAccessKind[];

export const REQUEST_KINDS = [
  "access",
  "correction",
  "erasure",
  "consent_withdrawal",
] as const satisfies readonly DataSubjectRequestKind[];
export const REQUEST_STATUSES = [
  "received",
  "in_progress",
  "done",
  "refused",
] as const satisfies readonly DataSubjectRequestStatus[];
export const OPEN_REQUEST_STATUSES = ["received", "in_progress"] as const satisfies readonly DataSubjectRequestStatus[];

/** A period the law gives the department: clock hours from receipt, or working days after the day of receipt. */
export type LegalPeriod = { unit: "hours"; amount: number } | { unit: "working_days"; amount: number };

/**
 * Each kind's period and where it comes from. Our reading of Decree 13/2023/NĐ-CP:
 * - access (provision of one's data, art. 14): within 72 hours of the request;
 * - correction (art. 15): as soon as possible; where it cannot be done, the person is told within 72 hours;
 * - erasure (art. 16): within 72 hours of the request, except where a law requires the data to be kept (art. 16.2);
 * - consent withdrawal (art. 12): no period is written; the withdrawal is recorded at once and we give staff the
 *   72 hours art. 9.8(b) gives for an objection to processing.
 */
export const REQUEST_RULES: Record<DataSubjectRequestKind, { period: LegalPeriod; source: string }> = {
  access: { period: { unit: "hours", amount: 72 }, source: "Nghị định 13/2023/NĐ-CP, Điều 14 khoản 5" },
  correction: { period: { unit: "hours", amount: 72 }, source: "Nghị định 13/2023/NĐ-CP, Điều 15 khoản 2" },
  erasure: { period: { unit: "hours", amount: 72 }, source: "Nghị định 13/2023/NĐ-CP, Điều 16 khoản 3" },
  consent_withdrawal: {
    period: { unit: "hours", amount: 72 },
    source: "Nghị định 13/2023/NĐ-CP, Điều 12; thời hạn theo Điều 9 khoản 8 điểm b",
  },
};

const DAY_MS = 86_400_000;

/** The instant a province calendar day ends (the next day's midnight in Quảng Ngãi), in UTC. */
function endOfProvinceDay(date: string): string {
  return new Date(Date.parse(provinceLocalToIso(`${date}T00:00`)!) + DAY_MS).toISOString();
}

/**
 * When a request is due, as an instant. Hours run on the clock from receipt; working days are counted by the one
 * calculator from the day after receipt and end at that day's midnight. A period that would end on a day off runs
 * to the end of the next working day (Civil Code 2015, art. 148.5), so a request filed on Thursday at 10:00 is due
 * on Sunday at 10:00 → the end of Monday.
 */
export function requestDueAt(kind: DataSubjectRequestKind, receivedAt: string, calendar: WorkCalendar): string {
  const { period } = REQUEST_RULES[kind];
  if (period.unit === "working_days") {
    return endOfProvinceDay(addWorkingDays(provinceDate(receivedAt), period.amount, calendar)!);
  }
  const end = new Date(Date.parse(receivedAt) + period.amount * 3_600_000).toISOString();
  const endDay = provinceDate(end);
  if (isWorkingDay(endDay, calendar)) return end;
  return endOfProvinceDay(addWorkingDays(endDay, 1, calendar)!);
}

/** An open request past its due instant. */
export function isOverdue(request: { status: DataSubjectRequestStatus; due_at: string }, now: string): boolean {
  return (OPEN_REQUEST_STATUSES as readonly string[]).includes(request.status) && request.due_at <= now;
}

export const REQUEST_EVENTS = ["start", "complete", "refuse"] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

/** Staff and admins handle requests; leaders read them; nobody else sees them but the requester. */
export type RequestActor = "handler" | "reader" | "other";

export function requestActor(role: UserRole): RequestActor {
  if (role === "staff" || role === "admin") return "handler";
  return role === "leader" ? "reader" : "other";
}

type Requirement = "reply" | "reason";
type Input = { reply?: string | null; reason?: string | null };

const TRANSITIONS: Record<RequestEvent, Transition<DataSubjectRequestStatus, RequestActor, Requirement>> = {
  start: { from: ["received"], to: "in_progress", by: "handler" },
  // What was done is told to the person: the reply is required.
  complete: { from: ["received", "in_progress"], to: "done", by: "handler", needs: ["reply"] },
  // A refusal (a law requires the data to be kept, the request is not the person's…) says why.
  refuse: { from: ["received", "in_progress"], to: "refused", by: "handler", needs: ["reason"] },
};

const machine = stateMachine(REQUEST_EVENTS, TRANSITIONS, {
  reply: (input: Input) => !input.reply?.trim(),
  reason: (input: Input) => !input.reason?.trim(),
});

export const nextRequestStatus = machine.next;
export const allowedRequestEvents = machine.allowed;
