import { z } from "zod";
import { provinceLocalToIso } from "../../lib/province-time";
import { moneyInput, optionalInput, quantityInput } from "../../lib/numbers";
import { checkbox, email, enumOf, isoDate, optionalText, phone, text, ticked, url } from "../../lib/validation";
import { ELIGIBILITY_RULES, ENTRY_FIELDS } from "./rules";

const localDateTime = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const iso = provinceLocalToIso(value);
    if (!iso) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.invalidDate" });
      return z.NEVER;
    }
    return iso;
  });

const wholeNumber = (min: number, max: number) => quantityInput({ min, max });

export const EditionSchema = z
  .object({
    name: text(300),
    number: wholeNumber(1, 100),
    year: wholeNumber(2000, 2100),
    description: optionalText(20_000),
    rules: optionalText(50_000),
    registrationOpensAt: localDateTime,
    submissionDeadline: localDateTime,
    awardCeremonyOn: isoDate.optional(),
    residencyProvince: optionalText(100),
    maxEnterpriseAgeYears: wholeNumber(1, 20),
    minRepresentativeAge: wholeNumber(15, 30),
    /** Judges' comments reach the applicant, without names, once the results are published. */
    feedbackToApplicants: ticked.optional(),
    receiptPrefix: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{2,12}$/, "errors.receiptPrefix"),
  })
  .refine((value) => value.registrationOpensAt < value.submissionDeadline, {
    path: ["submissionDeadline"],
    message: "errors.deadlineBeforeOpening",
  });
export type EditionInput = z.output<typeof EditionSchema>;

export const CategorySchema = z.object({
  name: text(200),
  kind: enumOf(["project", "idea", "track"] as const),
  description: optionalText(1000),
});
export const RequirementSchema = z.object({
  label: text(200),
  required: z.enum(["1", "0"]).default("1"),
  categoryId: z.string().max(100).optional(),
  /** The eligibility rule the document proves; empty (the form's "none") proves none. */
  provesRule: enumOf(ELIGIBILITY_RULES).optional(),
});
export const RequirementProofSchema = z.object({
  itemId: z.string().min(1).max(100),
  provesRule: enumOf(ELIGIBILITY_RULES).optional(),
});
export const PrizeSchema = z.object({
  rankLabel: text(100),
  count: wholeNumber(1, 100),
  amountVnd: moneyInput({ max: 10_000_000_000 }),
});
export const RoundSchema = z.object({
  name: text(200),
  kind: enumOf(["preliminary", "semi_final", "final"] as const),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
});
export const CriterionSchema = z.object({
  roundId: z.string().min(1).max(100),
  name: text(200),
  description: optionalText(1000),
  weight: wholeNumber(1, 100),
  maxScore: wholeNumber(1, 1000),
  /** Ticked: judges score it (a bonus, a remark) but it is left out of the total and of the zero-criterion rule. */
  notCounted: ticked,
});
export const RemoveSchema = z.object({ itemId: z.string().min(1).max(100) });

const money = moneyInput({ max: 1_000_000_000_000 });

/** The entry's own fields, all optional while a draft (completeness is checked on submit). */
export const EntryDraftSchema = z.object({
  projectName: text(200).optional(),
  categoryId: z.string().max(100).optional(),
  sector: optionalText(200),
  summary: optionalText(3000),
  problem: optionalText(5000),
  solution: optionalText(5000),
  market: optionalText(5000),
  businessModel: optionalText(5000),
  teamDescription: optionalText(5000),
  stage: enumOf(["idea", "prototype", "market", "growth"] as const).optional(),
  fundingToDate: optionalInput(money),
  videoUrl: url.optional(),
  enterpriseRegisteredOn: isoDate.optional(),
  residenceProvince: optionalText(100),
});
export type EntryDraftInput = z.output<typeof EntryDraftSchema>;

export const MemberSchema = z.object({
  fullName: text(120),
  role: optionalText(100),
  email: email.optional(),
  phone: phone.optional(),
  birthDate: isoDate.optional(),
});
export type MemberInput = z.output<typeof MemberSchema> & { isRepresentative: boolean };

export const MAX_MEMBERS = 10;

export const SubmitSchema = z.object({ consent: checkbox });

export const DecisionSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("mark_valid"), reason: optionalText(2000) }),
  z.object({ event: z.literal("mark_invalid"), reason: text(2000) }),
  z.object({
    event: z.literal("request_clarification"),
    note: text(2000),
    until: localDateTime,
    fields: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(enumOf(ENTRY_FIELDS)).min(1, "competition.problems.clarificationFields"),
    ),
  }),
]);
export type DecisionInput = z.output<typeof DecisionSchema>;

/** Staff's "Đã đối chiếu" on a rule's proof: the file they checked (refused if a newer one has arrived), and a note. */
export const EligibilityCheckSchema = z.object({
  rule: enumOf(ELIGIBILITY_RULES),
  attachmentId: z.string().min(1).max(100),
  note: optionalText(500),
});
export type EligibilityCheckInput = z.output<typeof EligibilityCheckSchema>;

/** The most entries one bulk decision takes: the largest page of the entries table. */
export const BULK_SCREEN_MAX = 100;

const tickedEntryIds = z
  .preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().min(1).max(100)),
  )
  .transform((ids) => [...new Set(ids)])
  .superRefine((ids, ctx) => {
    if (ids.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "entryExtras.bulk.noneSelected" });
    if (ids.length > BULK_SCREEN_MAX)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: "entryExtras.bulk.tooMany",
        params: { max: String(BULK_SCREEN_MAX) },
      });
  });

/** Valid, or invalid with one reason, for the entries ticked on the table (each still goes through the state machine). */
export const BulkScreenSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("mark_valid"), entryIds: tickedEntryIds, reason: optionalText(2000) }),
  z.object({ event: z.literal("mark_invalid"), entryIds: tickedEntryIds, reason: text(2000) }),
]);
export type BulkScreenInput = z.output<typeof BulkScreenSchema>;
