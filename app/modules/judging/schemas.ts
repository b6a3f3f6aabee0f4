import { z } from "zod";
import { optionalInput, parseVietnameseNumber, quantityInput } from "../../lib/numbers";
import { enumOf, isoDate, optionalText, text, ticked } from "../../lib/validation";
import type { ScoreInput } from "./commands.server";
import { CONSENSUS_DECISIONS } from "./deliberation";
import { AGGREGATIONS } from "./scoring";

export const DeclareConflictSchema = z.object({
  organisationId: z.string().trim().min(1, "errors.required").max(100),
  reason: text(1000),
});

/** One score as typed: empty means "not scored yet"; read with the portal's one number reader (7,5 and 7.5 are 7.5). */
function scoreField(max: number, required: boolean) {
  const score = z
    .unknown()
    .transform((raw, ctx) => {
      const reading = parseVietnameseNumber(raw);
      if (reading.ok) return reading.value;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "judging.problems.scoreNumber" });
      return z.NEVER;
    })
    .refine((value) => value >= 0 && value <= max, {
      message: "judging.problems.scoreRange",
      params: { max: String(max) },
    })
    .refine((value) => Number.isInteger(value * 2), "judging.problems.scoreStep");
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    required
      ? z
          .unknown()
          .refine((value) => value !== undefined, "judging.problems.scoreMissing")
          .pipe(score)
      : score.optional(),
  );
}

/**
 * The score sheet form of a round: `score-<criterionId>` and `comment-<criterionId>` for each criterion, then
 * `overallComment`, in page order so that the first error is the first field in error. On submit every counted
 * criterion must be scored, so that a judge sees every missing score together with any wrong one (saveSheet
 * checks the same rule again).
 */
export function scoreSheetSchema(
  criteria: ReadonlyArray<{ id: string; max_score: number; counts_in_total: number }>,
  options: { submit: boolean },
) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const criterion of criteria) {
    shape[`score-${criterion.id}`] = scoreField(criterion.max_score, options.submit && criterion.counts_in_total === 1);
    shape[`comment-${criterion.id}`] = optionalText(2000);
  }
  shape.overallComment = optionalText(5000);
  return z.object(shape).transform((values): ScoreInput => {
    const scores: ScoreInput["scores"] = {};
    const comments: ScoreInput["comments"] = {};
    for (const criterion of criteria) {
      scores[criterion.id] = values[`score-${criterion.id}`] as number | undefined;
      comments[criterion.id] = values[`comment-${criterion.id}`] as string | undefined;
    }
    return { scores, comments, overallComment: values.overallComment as string | undefined };
  });
}

const wholeNumber = (min: number, max: number) => quantityInput({ min, max });
/** A decimal as typed in Vietnamese (7,5) or English (7.5): see app/lib/numbers.ts. */
const decimal = (min: number, max: number) => quantityInput({ fractional: true, min, max });
const id = z.string().trim().min(1, "errors.required").max(100);

/** The ways of combining judges' totals (defined with their arithmetic, in scoring.ts). */
export { AGGREGATIONS };

/** The rules of a judging round that staff may change until it is closed. */
export const RoundSettingsSchema = z.object({
  blind: ticked,
  /** Judges who submitted see the entry's other sheets; notes and a consensus decision per entry. */
  deliberation: ticked.optional(),
  aggregation: enumOf(AGGREGATIONS),
  minScoresToNormalise: wholeNumber(1, 100),
  disagreementThreshold: decimal(0, 100),
  noZeroCriterion: ticked,
  minAverage: decimal(0, 100),
  advancePerCategory: wholeNumber(1, 1000),
  tieBreakCriterionId: z.string().trim().max(100).optional(),
  pitchMinutes: optionalInput(wholeNumber(1, 240)),
  questionsMinutes: optionalInput(wholeNumber(1, 240)),
  /** The round's last day, by the end of which sheets are due (judges are reminded before it). */
  endsOn: optionalInput(isoDate),
  /** The most entries one judge is given in the round (blank: no cap). */
  maxEntriesPerJudge: optionalInput(wholeNumber(1, 10000)),
});
export type RoundSettingsInput = z.output<typeof RoundSettingsSchema>;

export const JudgeChoiceSchema = z.object({ judgeId: id });
/** Confirming a proposed conflict, or dismissing it with a reason (a dismissed pair is never proposed again). */
export const ConflictDecisionSchema = z
  .object({
    conflictId: id,
    decision: enumOf(["confirm", "dismiss"] as const),
    reason: optionalText(1000),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "dismiss" && !value.reason)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["reason"],
        message: "conflictProposals.problems.dismissReason",
      });
  });
export const AutoAssignSchema = z.object({ k: wholeNumber(1, 50) });
/** Staff give one entry to one judge by hand, and say why (audited). */
export const ManualAssignSchema = z.object({ entryId: id, judgeId: id, reason: text(1000) });
/** Staff take one judge off one entry by hand, and say why (audited; a draft on it is recorded with the reason). */
export const ManualUnassignSchema = z.object({ assignmentId: id, reason: text(1000) });
export const ReopenSheetSchema = z.object({ sheetId: id, reason: text(1000) });
/** Staff give one prize of the proposed list to another entry, and must say why. */
export const PrizeChangeSchema = z.object({ awardId: id, entryId: id, reason: text(1000) });
/** Two prizes of the proposed list exchange their entries, with a reason. */
export const PrizeSwapSchema = z.object({ firstAwardId: id, secondAwardId: id, reason: text(1000) });
/** A place of the list left unawarded by the committee, with its reason. */
export const PrizeUnawardSchema = z.object({ awardId: id, reason: text(1000) });
/** An unfilled place given to an entry, with a reason. */
export const PrizeFillSchema = z.object({ prizeId: id, entryId: id, reason: text(1000) });
/** Closing a round over sheets still unsubmitted is an explicit override, and says why (audited). */
export const CloseOverrideSchema = z.object({ overrideReason: text(1000) });
/** The organising committee's order of entries tied at a cut-off: one `order` select per place, best first, and why. */
export const TieResolutionSchema = z.object({
  order: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.string().trim().min(1, "judging.problems.tieOrderMissing").max(100))
      .min(2, "judging.problems.tieOrderMissing")
      .max(100)
      .refine((order) => new Set(order).size === order.length, "judging.problems.tieOrderInvalid"),
  ),
  reason: text(1000),
});

/** Many ticked names sharing one field: none is an empty list. */
const tickedNames = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().trim().min(1).max(300)).max(5000),
);
/** A blind round's declaration: the names ticked (organisations, team members) and why. */
export const BlindConflictSchema = z.object({
  organisations: tickedNames,
  people: tickedNames,
  reason: text(1000),
});
/** Staff link a judge to an organisation (found with the picker's search). */
export const JudgeOrganisationSchema = z.object({ organisationId: id });
export const JudgeOrganisationUnlinkSchema = z.object({ organisationId: id, reason: text(1000) });
/** A note of the committee's discussion of an entry: required, plain text. */
export const DeliberationNoteSchema = z.object({
  body: z
    .string({ required_error: "deliberation.problems.noteRequired" })
    .trim()
    .min(1, "deliberation.problems.noteRequired")
    .max(4000),
});

/** The committee's consensus on an entry: what was decided, the agreed score when it is adjusted, and always why. */
export const ConsensusSchema = z
  .object({
    decision: enumOf(CONSENSUS_DECISIONS),
    adjustedScore: optionalInput(decimal(0, 100)),
    reason: z
      .string({ required_error: "deliberation.problems.reasonRequired" })
      .trim()
      .min(1, "deliberation.problems.reasonRequired")
      .max(2000),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "score_adjusted" && value.adjustedScore === undefined)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["adjustedScore"],
        message: "deliberation.problems.scoreRequired",
      });
  });
export type ConsensusInput = z.output<typeof ConsensusSchema>;
