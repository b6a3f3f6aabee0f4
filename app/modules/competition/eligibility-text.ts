import { formatDate, formatNumber } from "../../lib/format";
import type { EligibilityFact, EligibilityVerdict } from "./rules";

type Translate = (key: string, params?: Record<string, string>) => string;

/** A verdict's fact in words (the entry's fact against the edition's limit): the same line on the page and in the PDF. */
export function eligibilityFactText(fact: EligibilityFact, t: Translate, language: string): string {
  const notGiven = t("entryExtras.eligibility.notGiven");
  const date = (iso: string | null) => (iso ? formatDate(iso, language) : notGiven);
  switch (fact.rule) {
    case "enterprise_age":
      return t("entryExtras.eligibility.facts.enterpriseAge", {
        registeredOn: date(fact.registeredOn),
        earliest: date(fact.earliest),
        years: formatNumber(fact.years, language),
      });
    case "residency":
      return t("entryExtras.eligibility.facts.residency", {
        declared: fact.declared ?? notGiven,
        required: fact.required,
      });
    case "representative_age":
      return t("entryExtras.eligibility.facts.representativeAge", {
        birthDate: date(fact.birthDate),
        deadline: date(fact.deadlineDate),
        age: fact.ageAtDeadline === null ? notGiven : formatNumber(fact.ageAtDeadline, language),
        minAge: formatNumber(fact.minAge, language),
      });
  }
}

/** Why a verdict is not met or unknown, as the applicant's problem message; null when met. */
export function eligibilityReasonText(verdict: EligibilityVerdict, t: Translate): string | null {
  return verdict.reason ? t(verdict.reason.key, verdict.reason.params ?? {}) : null;
}
