import { z } from "zod";
import { optionalText } from "../../lib/validation";
import { HolidaySchema } from "../calendar/schemas";
import { DurationsSchema, ProgrammeStatusSchema, RuleSchema } from "../sme/schemas";

/**
 * The legal document a proposal rests on: number, date and name ("Quyết định 1325/QĐ-UBND ngày 20/7/2022").
 * Required, with its own message: a proposal without its source is not one a leader can check.
 */
export const sourceDocument = z
  .string({ required_error: "settings.problems.sourceDocumentRequired" })
  .trim()
  .min(1, "settings.problems.sourceDocumentRequired")
  .max(300)
  .regex(/^[^<>]*$/, "errors.noMarkup");

const withSource = { sourceDocument };

/** The forms of the programme and holiday pages as they were, each now with the source document. */
export const ProposeProgrammeStatusSchema = ProgrammeStatusSchema.extend(withSource);
export const ProposeDurationsSchema = DurationsSchema.extend(withSource);
export const ProposeRuleSchema = RuleSchema.extend(withSource);
export const ProposeHolidayAddSchema = HolidaySchema.extend(withSource);
export const ProposeHolidayRemoveSchema = HolidaySchema.pick({ day: true }).extend(withSource);

/** A leader's or the proposer's decision: the proposal, and the reason (required to reject, by the state machine). */
export const DecideProposalSchema = z.object({
  proposalId: z.string().trim().min(1, "errors.required").max(100),
  reason: optionalText(2000),
});
