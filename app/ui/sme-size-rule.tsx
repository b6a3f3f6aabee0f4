import { useTranslation } from "../i18n/use-translation";
import { formatNumber } from "../lib/format";
import type { SmeClassification } from "../modules/sme/classification";

/**
 * The rule that decided an enterprise's size, in words: "≤ 10 lao động và doanh thu ≤ 3 tỷ đồng → siêu nhỏ".
 * `lng` fixes the language (the printed declaration is always in Vietnamese).
 */
export function useSizeRule(lng?: "vi" | "en") {
  const { t: uiT, i18n } = useTranslation();
  const t = lng ? i18n.getFixedT(lng) : uiT;
  const locale = lng ?? i18n.language;
  return ({ size, decidedBy }: SmeClassification): string => {
    if (!decidedBy || size === "not_sme") return t("sme.applicant.rule.notSme");
    const limit = decidedBy.by === "revenue" ? decidedBy.maxRevenueVnd : decidedBy.maxCapitalVnd;
    return t(decidedBy.by === "revenue" ? "sme.applicant.rule.revenue" : "sme.applicant.rule.capital", {
      employees: formatNumber(decidedBy.maxEmployees, locale),
      limit: t("sme.applicant.rule.billion", { amount: formatNumber(limit / 1_000_000_000, locale) }),
      size: t(`sme.applicant.rule.sizes.${size}`),
    });
  };
}
