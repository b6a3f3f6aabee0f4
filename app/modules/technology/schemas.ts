import { z } from "zod";
import { moneyInput, quantityInput } from "../../lib/numbers";
import { enumOf, isoDate, optionalText, taxCode, text } from "../../lib/validation";
import { APPLICATION_EVENTS, IMPLEMENTATION_STATUSES } from "./rules";

const id = z.string().trim().min(1, "errors.required").max(100);
const whole = (min: number, max: number) => quantityInput({ min, max });
/** Money in đồng, an integer, typed the Vietnamese way (1.500.000): see app/lib/numbers.ts. */
const dong = moneyInput();

export const OUTREACH_CHANNELS = ["leaflet", "letter", "led_screen", "banner", "conference", "other"] as const;
export const CONSULTATION_KINDS = ["field_visit", "consultation", "meeting"] as const;

/** The certificate number format as typed; its rules (placeholders, length) are numbering.server's, said per problem. */
export const CertificateFormatSchema = z.object({ format: text(200) });

export const CampaignSchema = z.object({
  title: text(300),
  channel: enumOf(OUTREACH_CHANNELS),
  heldOn: isoDate,
  note: optionalText(2000),
});

export const ConsultationSchema = z.object({
  kind: enumOf(CONSULTATION_KINDS),
  heldOn: isoDate,
  staffNames: text(300),
  findings: text(4000),
  advice: text(4000),
  nextStep: optionalText(1000),
});

export const ApplicationSchema = z
  .object({
    kind: enumOf(["transfer", "renovation"] as const),
    technology: text(1000),
    origin: text(300),
    supplier: text(300),
    equipment: text(4000),
    totalInvestmentVnd: moneyInput({ min: 1 }),
    ownFundsVnd: dong,
    requestedSupportVnd: dong,
    startsOn: isoDate,
    endsOn: isoDate,
    expectedGains: text(4000),
  })
  .superRefine((value, ctx) => {
    if (value.endsOn < value.startsOn)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "technology.problems.endsBeforeStart" });
    if (value.ownFundsVnd + value.requestedSupportVnd > value.totalInvestmentVnd)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["requestedSupportVnd"],
        message: "technology.problems.fundsAboveInvestment",
      });
  });

export const NewApplicationSchema = z.object({ organisationId: id }).and(ApplicationSchema);

export const TransitionSchema = z.object({
  event: enumOf(APPLICATION_EVENTS),
  reason: optionalText(4000),
  dueOn: isoDate.optional(),
});

export const RevokeSchema = z.object({ reason: text(2000) });

export const ProgressSchema = z.object({
  status: enumOf(IMPLEMENTATION_STATUSES),
  note: text(4000),
  reportedOn: isoDate,
});

/** The 26 criteria arrive as fields named score_T1 … score_I4; checkScores (rules.ts) judges their ranges. */
export const AssessmentSchema = z.object({
  organisationId: id,
  year: whole(2000, 2100),
  assessedOn: isoDate,
  note: optionalText(2000),
});

/** The columns of an outreach list as DOST keeps it in Excel; headers are matched without accents or case. */
export const RECIPIENT_COLUMNS = [
  { key: "name", header: "Tên doanh nghiệp", aliases: ["Doanh nghiệp", "Tên đơn vị", "Tên"], required: true },
  { key: "taxCode", header: "Mã số thuế", aliases: ["MST"], required: true },
  { key: "sector", header: "Lĩnh vực", aliases: ["Ngành nghề", "Ngành"] },
  { key: "address", header: "Địa chỉ" },
] as const;

export const RecipientRowSchema = z.object({
  name: text(300),
  taxCode: z.string({ required_error: "errors.required" }).pipe(taxCode),
  sector: optionalText(200),
  address: optionalText(300),
});
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_BYTES = 12 * 1024 * 1024;

const flag = z.preprocess((value) => value === "on" || value === "1" || value === "true", z.boolean());
const decimal = (min: number, max: number) => quantityInput({ fractional: true, min, max });

export const BandSchema = z.object({
  code: text(50),
  minTotal: decimal(0, 100),
  minCoefficient: decimal(0, 1),
  verified: flag,
  source: text(500),
});
export const FormulaSchema = z.object({ formula: text(500), verified: flag, source: text(500) });
