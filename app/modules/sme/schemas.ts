import { z } from "zod";
import { enumOf, isoDate, optionalText, taxCode, text } from "../../lib/validation";
import { CALENDAR_DAY_KINDS } from "../../lib/working-days";
import { SECTOR_GROUPS } from "./classification";
import { DOSSIER_EVENTS } from "./workflow";

const id = z.string().trim().min(1, "errors.required").max(100);
const whole = (min: number, max: number) => z.coerce.number({ invalid_type_error: "errors.invalidType" }).int("errors.invalidType").min(min).max(max);
/** Money typed with dots or spaces between thousands (1.500.000): đồng, an integer. */
const dong = z.preprocess((value) => (typeof value === "string" ? value.replace(/[\s.,]/g, "") : value), whole(0, 1_000_000_000_000_000));
const optionalDong = z.preprocess((value) => (typeof value === "string" ? value.replace(/[\s.,]/g, "") : value), whole(0, 1_000_000_000_000_000).optional());
const flag = z.preprocess((value) => value === "on" || value === "1" || value === "true", z.boolean());

/** The SME declaration (tờ khai xác định DNNVV, Decree 80/2021 art. 5–6). */
export const ProfileSchema = z.object({
  sectorGroup: enumOf(SECTOR_GROUPS),
  mainBusinessLine: text(300),
  fiscalYear: whole(2000, 2100),
  employees: whole(0, 1_000_000),
  revenueVnd: dong,
  capitalVnd: dong,
  womenOwned: flag,
  manyWomenWorkers: flag,
  socialEnterprise: flag,
});

const request = {
  content: text(4000),
  providerName: text(300),
  providerTaxCode: taxCode.optional(),
  totalCostVnd: dong.pipe(z.number().min(1, "errors.required")),
  requestedVnd: dong,
  months: whole(1, 36).optional(),
};

export const NewDossierSchema = z.object({ organisationId: id, supportTypeId: id, ...request });
export const DossierSchema = z.object(request);

export const TransitionSchema = z.object({
  event: enumOf(DOSSIER_EVENTS),
  reason: optionalText(4000),
  amountVnd: optionalDong,
  dueOn: isoDate.optional(),
});

export const ProgrammeStatusSchema = z.object({
  status: enumOf(["open", "paused", "closed"] as const),
  reason: optionalText(1000),
  pausedIntake: enumOf(["queue", "refuse"] as const).optional(),
});

export const DurationsSchema = z.object({ receiveWorkingDays: whole(0, 60), checkWorkingDays: whole(0, 60), decisionWorkingDays: whole(1, 60) });

export const BudgetSchema = z.object({ year: whole(2000, 2100), amountVnd: dong });

export const RuleSchema = z.object({
  supportTypeId: id,
  size: enumOf(["micro", "small", "medium"] as const),
  ratePercent: whole(0, 100),
  capVnd: optionalDong,
  capPeriod: enumOf(["year", "contract", "month", "none"] as const),
  priorityRatePercent: whole(0, 100).optional(),
  priorityCapVnd: optionalDong,
  verified: flag,
  source: text(300),
});

/** A day of the working-day calendar: a day off, or a weekend day worked in exchange, with the decision that set it. */
export const HolidaySchema = z.object({ day: isoDate, name: text(200), kind: enumOf(CALENDAR_DAY_KINDS).default("day_off"), source: optionalText(300) });
