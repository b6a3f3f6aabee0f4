import { z } from "zod";
import { isoDate, manyOf, optionalText, text } from "../../lib/validation";
import { REPORT_MODULES } from "./catalogue";
import { checkPeriod, type PeriodProblem } from "./period";

const PERIOD_PROBLEMS: Record<PeriodProblem, { path: "from" | "to"; message: string }> = {
  from: { path: "from", message: "reports.problems.from" },
  to: { path: "to", message: "reports.problems.to" },
  order: { path: "to", message: "reports.problems.order" },
  tooLong: { path: "to", message: "reports.problems.tooLong" },
};

/** A new draft: the period (years or dates), the modules it covers, and the administrative particulars. */
export const NewDraftSchema = z
  .object({
    from: z.string().trim().max(10),
    to: z.string().trim().max(10),
    modules: manyOf(REPORT_MODULES).refine((modules) => modules.length > 0, "reports.problems.noModule"),
    referenceNumber: optionalText(60),
    issuedOn: isoDate,
    signerTitle: text(200),
    signerName: optionalText(200),
  })
  .transform((value, ctx) => {
    const checked = checkPeriod(value.from, value.to);
    if ("problem" in checked) {
      const { path, message } = PERIOD_PROBLEMS[checked.problem];
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      return z.NEVER;
    }
    return { ...value, period: checked.period };
  });
export type NewDraftInput = z.output<typeof NewDraftSchema>;

/** The draft as staff edit it: the particulars and, per section, its heading (`heading_0` …) and text (`text_0` …). */
export function draftEditSchema(sectionCount: number) {
  const sections: Record<string, z.ZodTypeAny> = {};
  for (let index = 0; index < sectionCount; index += 1) {
    sections[`heading_${index}`] = text(300);
    sections[`text_${index}`] = optionalText(20_000);
  }
  return z
    .object({
      referenceNumber: optionalText(60),
      issuedOn: isoDate,
      subtitle: text(500),
      addressee: optionalText(300),
      introduction: optionalText(5_000),
      recipients: text(2_000),
      signerTitle: text(200),
      signerName: optionalText(200),
      ...sections,
    })
    .transform((value) => {
      const fields = value as Record<string, string | undefined>;
      return {
        referenceNumber: value.referenceNumber ?? "",
        issuedOn: value.issuedOn,
        subtitle: value.subtitle,
        addressee: value.addressee ?? "",
        introduction: value.introduction ?? "",
        recipients: value.recipients,
        signerTitle: value.signerTitle,
        signerName: value.signerName ?? "",
        sections: Array.from({ length: sectionCount }, (_, index) => ({
          heading: fields[`heading_${index}`] ?? "",
          text: fields[`text_${index}`] ?? "",
        })),
      };
    });
}
export type DraftEditInput = z.output<ReturnType<typeof draftEditSchema>>;
