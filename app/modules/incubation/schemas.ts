import { z } from "zod";
import { moneyInput, quantityInput } from "../../lib/numbers";
import { enumOf, isoDate, manyOf, optionalText, taxCode, text } from "../../lib/validation";
import { INCUBATION_EVENTS, SERVICE_KINDS } from "./rules";

const id = z.string().trim().min(1, "errors.required").max(100);
const count = (max: number) => quantityInput({ max });
/** Money in đồng, an integer, typed the Vietnamese way (1.500.000): see app/lib/numbers.ts. */
const dong = moneyInput();

/** Open a record from a published winner (awardId) or from any organisation (organisationId): exactly one of them. */
export const OpenRecordSchema = z
  .object({
    awardId: id.optional(),
    organisationId: id.optional(),
    incubatorId: id,
    startedOn: isoDate,
    plannedEndOn: isoDate,
    reportPeriodMonths: quantityInput({ min: 1, max: 12 }).default(3),
  })
  .superRefine((value, ctx) => {
    if (!value.awardId === !value.organisationId)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["awardId"], message: "incubation.problems.oneSource" });
    if (value.plannedEndOn <= value.startedOn)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["plannedEndOn"],
        message: "incubation.problems.endBeforeStart",
      });
  });

/** Founding a business records the enterprise as registered: its tax code and registered name are required. */
export const StatusChangeSchema = z
  .object({
    event: enumOf(INCUBATION_EVENTS),
    reason: optionalText(1000),
    taxCode: taxCode.optional(),
    registeredName: optionalText(200),
  })
  .superRefine((value, ctx) => {
    if (value.event !== "found_business") return;
    if (!value.taxCode)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["taxCode"], message: "incubation.problems.taxCodeRequired" });
    if (!value.registeredName)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["registeredName"],
        message: "incubation.problems.registeredNameRequired",
      });
  });

export const MentorSchema = z.object({ mentorId: id });

export const ServiceSchema = z.object({
  kind: enumOf(SERVICE_KINDS),
  providedOn: isoDate,
  valueVnd: dong,
  note: optionalText(1000),
});

export const MilestoneSchema = z.object({ title: text(300), dueOn: isoDate });
export const MilestoneDoneSchema = z.object({ milestoneId: id, doneOn: isoDate });
export const ReportCommentSchema = z.object({ reportId: id, comment: text(2000) });

export const ProgressReportSchema = z.object({
  periodStart: isoDate,
  revenueVnd: dong,
  employees: count(100_000),
  customers: count(100_000_000),
  capitalRaisedVnd: dong,
  ipApplications: count(1000),
  productsLaunched: count(1000),
  narrative: text(5000),
});

export const IncubatorProfileSchema = z.object({
  capacity: quantityInput({ min: 1, max: 10_000 }),
  servicesOffered: manyOf(SERVICE_KINDS),
  description: optionalText(3000),
});
