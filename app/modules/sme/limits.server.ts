/** How much support a request may get: the rule of the enterprise's size, its priority, what it received this year. */

import type { DB } from "../../lib/db.server";
import { formatMoney } from "../../lib/format";
import { earliestWithinYearsBefore, isWithinYearsBefore } from "../../lib/periods";
import { provinceDate } from "../../lib/province-time";
import { refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { receivedThisYear } from "./queries.server";
import { checkRequestedAmount, supportLimit, type SupportLimit } from "./support";

/** Decree 80/2021 art. 20; Circular 01/2018 art. 2.1: an innovative startup is at most ("không quá") 5 years from its first registration. */
const INNOVATIVE_STARTUP_MAX_YEARS = 5;

/** Priority SMEs (Decree 80 art. 4): women-owned, employing many women, social enterprises. */
export function isPriority(profile: {
  women_owned: number;
  many_women_workers: number;
  social_enterprise: number;
}): boolean {
  return !!(profile.women_owned || profile.many_women_workers || profile.social_enterprise);
}

/** The limit that applies to a request: the rule of the enterprise's size, its priority level, support already received this year. */
export async function limitFor(
  trx: DB,
  input: {
    organisationId: string;
    supportTypeId: string;
    totalCostVnd: number;
    months?: number | null;
    year: number;
    dossierId: string;
  },
) {
  const profile = await trx
    .selectFrom("enterprise_profiles")
    .selectAll()
    .where("organisation_id", "=", input.organisationId)
    .executeTakeFirst();
  if (!profile) return { problem: refuse("sme.problems.noProfile", { field: "organisationId" }) };
  if (profile.size === "not_sme") return { problem: refuse("sme.problems.notSme", { field: "organisationId" }) };
  const type = await trx
    .selectFrom("support_types")
    .select("startups_only")
    .where("id", "=", input.supportTypeId)
    .executeTakeFirst();
  if (type?.startups_only) {
    // Decree 80/2021 art. 20: at most 5 years since the first business registration, on the day the dossier is filed
    // (today for a draft), the fifth anniversary itself included (the proof itself is a document of the checklist).
    const organisation = await trx
      .selectFrom("organisations")
      .select("founded_on")
      .where("id", "=", input.organisationId)
      .executeTakeFirstOrThrow();
    const filed = await trx
      .selectFrom("support_dossiers")
      .select("submitted_at")
      .where("id", "=", input.dossierId)
      .executeTakeFirst();
    const on = provinceDate(filed?.submitted_at ?? nowIso());
    if (organisation.founded_on && !isWithinYearsBefore(organisation.founded_on, on, INNOVATIVE_STARTUP_MAX_YEARS)) {
      const earliest = earliestWithinYearsBefore(on, INNOVATIVE_STARTUP_MAX_YEARS);
      return {
        problem: refuse("sme.problems.notInnovativeStartup", {
          field: "supportTypeId",
          params: { earliest: earliest.split("-").reverse().join("/") },
        }),
      };
    }
  }
  const rule = await trx
    .selectFrom("support_type_rules")
    .selectAll()
    .where("support_type_id", "=", input.supportTypeId)
    .where("size", "=", profile.size)
    .executeTakeFirst();
  if (!rule) return { problem: refuse("sme.problems.noRuleForSize", { field: "supportTypeId" }) };
  const received = await receivedThisYear(trx, input.organisationId, input.supportTypeId, input.year, input.dossierId);
  const limit = supportLimit({
    rule: {
      ratePercent: rule.rate_percent,
      capVnd: rule.cap_vnd,
      capPeriod: rule.cap_period,
      priorityRatePercent: rule.priority_rate_percent,
      priorityCapVnd: rule.priority_cap_vnd,
    },
    totalCostVnd: input.totalCostVnd,
    receivedThisYearVnd: received,
    isPriority: isPriority(profile),
    months: input.months ?? undefined,
  });
  return { limit, profile, received };
}

/** The limit that applies to a dossier now, for its page: null when the enterprise has no declaration or no rule fits. */
export async function dossierLimit(
  db: DB,
  dossier: {
    id: string;
    organisation_id: string;
    support_type_id: string;
    total_cost_vnd: number;
    months: number | null;
    support_year: number;
  },
) {
  const found = await limitFor(db, {
    organisationId: dossier.organisation_id,
    supportTypeId: dossier.support_type_id,
    totalCostVnd: dossier.total_cost_vnd,
    months: dossier.months,
    year: dossier.support_year,
    dossierId: dossier.id,
  });
  return "problem" in found ? null : { limit: found.limit, receivedVnd: found.received };
}

/** The amount refused with the bound shown: "at most 50.000.000 đ (cap 100.000.000 đ/year, 50 % of the cost)". */
export function amountProblem(requestedVnd: number, limit: SupportLimit, field: string) {
  const check = checkRequestedAmount(requestedVnd, limit);
  if (check.ok) return null;
  // Invalid even when it is the whole dossier's (`_form`, on filing): the amount is the enterprise's to change.
  return refuse(`sme.problems.amount.${check.problem}`, {
    field,
    kind: "invalid",
    params: {
      max: formatMoney(check.maxVnd, "vi"),
      cap: check.capVnd === null ? "—" : formatMoney(check.capVnd, "vi"),
      byRate: formatMoney(limit.byRateVnd, "vi"),
    },
  });
}
