/**
 * Events and MOUs, pure: kinds, pairings derived from the parties, follow-up steps (a state machine) and their dates.
 * Decisions: README D15.
 */
import type { EventKind, MouField, MouPairing, MouStatus, OrganisationKind, UserRole } from "../../../db/types";
import { stateMachine, type Transition } from "../../lib/state-machine";

export const EVENT_KINDS = [
  "conference_training",
  "workshop",
  "business_coffee",
  "startup_festival",
  "study_tour",
  "competition",
] as const satisfies readonly EventKind[];
export const MOU_FIELDS = [
  "technology_transfer_consulting",
  "trade_promotion",
  "technology_application",
  "training",
  "investment",
  "other",
] as const satisfies readonly MouField[];
export const MOU_STATUSES = [
  "signed",
  "in_progress",
  "contract",
  "no_follow_up",
] as const satisfies readonly MouStatus[];
export const PAIRINGS = [
  "enterprise_enterprise",
  "enterprise_expert",
  "enterprise_support",
  "other",
] as const satisfies readonly MouPairing[];

/** Staff and admins record events and MOUs; leaders read them; nobody else opens these pages. */
export function canWriteConnections(role: UserRole): boolean {
  return role === "staff" || role === "admin";
}

/** Which side of an MOU an organisation stands on, by its kind in the registry. */
export function sideOf(kind: OrganisationKind): "enterprise" | "expert" | "support" {
  if (kind === "enterprise" || kind === "startup_team") return "enterprise";
  if (kind === "expert") return "expert";
  return "support";
}

/**
 * The kind of pairing of an MOU, from its parties' kinds (the three the DOST report counts): enterprises only →
 * enterprise–enterprise; enterprises with experts only → enterprise–expert; enterprises with support organisations
 * (incubators, universities, agencies) only → enterprise–support organisation; anything else (no enterprise, or
 * experts and support organisations together) → other.
 */
export function pairingOf(kinds: readonly OrganisationKind[]): MouPairing {
  const sides = kinds.map(sideOf);
  const enterprises = sides.filter((side) => side === "enterprise").length;
  const others = new Set(sides.filter((side) => side !== "enterprise"));
  if (enterprises === 0 || kinds.length < 2) return "other";
  if (others.size === 0) return enterprises >= 2 ? "enterprise_enterprise" : "other";
  if (others.size > 1) return "other";
  return others.has("expert") ? "enterprise_expert" : "enterprise_support";
}

/** The steps a follow-up note may record, each named by the status it reaches (a note may also keep the status). */
export const MOU_STEPS = ["in_progress", "contract", "no_follow_up"] as const satisfies readonly MouStatus[];
type MouStep = (typeof MOU_STEPS)[number];
/** Who records follow-ups: staff and admins (canWriteConnections); the command checks the role first. */
type MouActor = "writer";

const TRANSITIONS: Record<MouStep, Transition<MouStatus, MouActor, never>> = {
  // An MOU given up on may come back to life; a contract is where an MOU ends.
  in_progress: { from: ["signed", "no_follow_up"], to: "in_progress", by: "writer" },
  contract: { from: ["signed", "in_progress"], to: "contract", by: "writer" },
  no_follow_up: { from: ["signed", "in_progress"], to: "no_follow_up", by: "writer" },
};
const followUp = stateMachine(MOU_STEPS, TRANSITIONS, {});

function isStep(status: MouStatus): status is MouStep {
  return (MOU_STEPS as readonly MouStatus[]).includes(status);
}

/** Whether a follow-up note may leave an MOU in `next`: the same status (a note only) or a step the machine allows. */
function mayFollowUp(current: MouStatus, next: MouStatus): boolean {
  return next === current || (isStep(next) && followUp.next(current, next, "writer", undefined).ok);
}

/** The statuses a follow-up note may leave an MOU in: the same one (a note only) or a next step. */
export function followUpStatuses(current: MouStatus): MouStatus[] {
  return [current, ...followUp.allowed(current, "writer")];
}

export function isOpenMou(status: MouStatus): boolean {
  return status === "signed" || status === "in_progress";
}

/** Statuses whose MOUs are still followed up (and may be due for a check), for the SQL `where`. */
export const OPEN_MOU_STATUSES = MOU_STATUSES.filter(isOpenMou);

export const FIRST_CHECK_MONTHS = 6;
export const NEXT_CHECK_MONTHS = 3;
/** A check this close is shown as coming soon. */
export const SOON_DAYS = 14;

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first check of a newly recorded MOU: the date staff chose, else six months after signing — or today when
 * those six months are already past (an old MOU recorded late is checked at once).
 */
export function firstCheckOn(
  status: MouStatus,
  signedOn: string,
  today: string,
  chosen?: string | null,
): string | null {
  if (!isOpenMou(status)) return null;
  if (chosen) return chosen;
  const planned = addMonths(signedOn, FIRST_CHECK_MONTHS);
  return planned < today ? today : planned;
}

/** The check after a follow-up note: none once the MOU is closed, else the date chosen or three months on. */
export function nextCheckOn(status: MouStatus, notedOn: string, chosen?: string | null): string | null {
  if (!isOpenMou(status)) return null;
  return chosen ?? addMonths(notedOn, NEXT_CHECK_MONTHS);
}

export type CheckState = "closed" | "unscheduled" | "overdue" | "due" | "soon" | "scheduled";

/** Where an MOU stands with its follow-up on a given day (in the province). */
export function checkState(mou: { status: MouStatus; next_check_on: string | null }, today: string): CheckState {
  if (!isOpenMou(mou.status)) return "closed";
  if (!mou.next_check_on) return "unscheduled";
  if (mou.next_check_on < today) return "overdue";
  if (mou.next_check_on === today) return "due";
  return mou.next_check_on <= addDays(today, SOON_DAYS) ? "soon" : "scheduled";
}

/** The reminder list holds the open MOUs whose check date has come (the same condition as the SQL filter). */
export function isCheckDue(mou: { status: MouStatus; next_check_on: string | null }, today: string): boolean {
  const state = checkState(mou, today);
  return state === "overdue" || state === "due";
}

export type FollowUpProblem = "notAllowed" | "checkBeforeNote" | "noteInFuture";

/** Whether a follow-up note may be recorded: an allowed status, not dated in the future, its next check after it. */
export function checkFollowUp(
  current: MouStatus,
  input: { status: MouStatus; notedOn: string; nextCheckOn?: string | null },
  today: string,
): FollowUpProblem | null {
  if (!mayFollowUp(current, input.status)) return "notAllowed";
  if (input.notedOn > today) return "noteInFuture";
  if (input.nextCheckOn && input.nextCheckOn <= input.notedOn) return "checkBeforeNote";
  return null;
}
