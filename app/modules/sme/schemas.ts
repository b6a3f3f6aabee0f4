import { z } from "zod";
import { moneyInput, optionalInput, quantityInput } from "../../lib/numbers";
import { enumOf, isoDate, optionalText, taxCode, text } from "../../lib/validation";
import { SECTOR_GROUPS } from "./classification";
import { DOSSIER_EVENTS } from "./workflow";

const id = z.string().trim().min(1, "errors.required").max(100);
const whole = (min: number, max: number) => quantityInput({ min, max });
/** Money in đồng, an integer, typed the Vietnamese way (1.500.000): see app/lib/numbers.ts. */
const dong = moneyInput();
const optionalDong = optionalInput(moneyInput());
const flag = z.preprocess((value) => value === "on" || value === "1" || value === "true", z.boolean());

/** The SME declaration (tờ khai xác định DNNVV, Decree 80/2021 art. 5–6). */
export const ProfileSchema = z.object({
  sectorGroup: enumOf(SECTOR_GROUPS),
  mainBusinessLine: text(300),
  fiscalYear: whole(2000, 2100),
  /** The year's average of staff with social insurance: a mean of monthly counts, so it may be 49,5. */
  employees: quantityInput({ fractional: true, max: 1_000_000 }),
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
  totalCostVnd: moneyInput({ min: 1 }),
  requestedVnd: dong,
  months: optionalInput(whole(1, 36)),
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

export const DurationsSchema = z.object({
  receiveWorkingDays: whole(0, 60),
  checkWorkingDays: whole(0, 60),
  decisionWorkingDays: whole(1, 60),
});

export const BudgetSchema = z.object({ year: whole(2000, 2100), amountVnd: dong });

export const RuleSchema = z.object({
  supportTypeId: id,
  size: enumOf(["micro", "small", "medium"] as const),
  ratePercent: whole(0, 100),
  capVnd: optionalDong,
  capPeriod: enumOf(["year", "contract", "month", "none"] as const),
  priorityRatePercent: optionalInput(whole(0, 100)),
  priorityCapVnd: optionalDong,
  verified: flag,
  source: text(300),
});
