/**
 * Deliberation's pure rules: when a judge may read the other sheets of an entry, and how judges are named to one
 * another and to the applicant (README decision "Deliberation and feedback").
 */
import type { ConsensusDecision } from "../../../db/types";

export const CONSENSUS_DECISIONS = [
  "advance",
  "do_not_advance",
  "score_adjusted",
] as const satisfies readonly ConsensusDecision[];

/** Why a judge may not (yet) read the other sheets of an entry, or "allowed". */
export type DeliberationAccess = "allowed" | "roundOff" | "notAssigned" | "conflicted" | "notSubmitted";

/**
 * A judge reads the other sheets of an entry only in a round with deliberation on, on an entry they are assigned to,
 * never with a conflict of interest, and only once their own sheet is submitted (so that nothing they read can move
 * a score they have not yet given).
 */
export function judgeDeliberationAccess(input: {
  deliberation: boolean;
  assigned: boolean;
  conflicted: boolean;
  ownSheetStatus: "draft" | "submitted" | null;
}): DeliberationAccess {
  if (!input.deliberation) return "roundOff";
  if (!input.assigned) return "notAssigned";
  if (input.conflicted) return "conflicted";
  if (input.ownSheetStatus !== "submitted") return "notSubmitted";
  return "allowed";
}

/**
 * Judges of one entry numbered 1, 2, 3… ("Giám khảo 1"): in the order of their ids, which are random, so a number
 * says nothing about who the judge is or when they scored, and it stays the same when a sheet is reopened.
 */
export function judgeNumbers(judgeIds: readonly string[]): Map<string, number> {
  const sorted = [...new Set(judgeIds)].sort();
  return new Map(sorted.map((id, index) => [id, index + 1]));
}

/** In a blind round judges see one another as numbers; in an open round by name. Staff always see names. */
export function showsJudgeNames(viewer: "judge" | "staff", blind: boolean): boolean {
  return viewer === "staff" || !blind;
}
