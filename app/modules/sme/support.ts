/**
 * How much one support request may receive under Decree 80/2021: a rate of the cost, bounded by a cap per year,
 * per contract or per month. The rules themselves are data (per size and support content, with the article shown).
 */

/** One size's rule for one support content; a null cap is no cap. The priority fields apply to priority SMEs (art. 4). */
export type SupportRule = {
  ratePercent: number;
  capVnd: number | null;
  capPeriod: "year" | "contract" | "month" | "none";
  priorityRatePercent?: number | null;
  priorityCapVnd?: number | null;
};

export type SupportLevel = "standard" | "priority";

/** `capVnd` is the level's cap as the rule words it (per year, contract or month); `remainingCapVnd` is what it leaves for this request. */
export type SupportLimit = {
  maxVnd: number;
  byRateVnd: number;
  capVnd: number | null;
  remainingCapVnd: number | null;
  level: SupportLevel;
};

export type SupportLimitInput = {
  rule: SupportRule;
  totalCostVnd: number;
  receivedThisYearVnd: number;
  isPriority: boolean;
  months?: number;
};

function limitAt(
  level: SupportLevel,
  ratePercent: number,
  capVnd: number | null,
  input: SupportLimitInput,
): SupportLimit {
  // Money is whole đồng: round the share down, never pay the odd fraction over the rate.
  const byRateVnd = Math.max(0, Math.floor((input.totalCostVnd * ratePercent) / 100));
  const remainingCapVnd = capVnd === null ? null : remainingCap(input.rule.capPeriod, capVnd, input);
  return {
    maxVnd: remainingCapVnd === null ? byRateVnd : Math.min(byRateVnd, remainingCapVnd),
    byRateVnd,
    capVnd,
    remainingCapVnd,
    level,
  };
}

function remainingCap(period: SupportRule["capPeriod"], capVnd: number, input: SupportLimitInput): number {
  switch (period) {
    // A yearly cap is shared by every contract of the year (Circular 06: no limit on contracts while the yearly cap holds).
    case "year":
      return Math.max(0, capVnd - input.receivedThisYearVnd);
    case "month":
      return capVnd * (input.months ?? 1);
    // A per-contract cap starts afresh with each contract; a cap with no period bounds this request alone.
    case "contract":
    case "none":
      return capVnd;
  }
}

/** The most the request may receive. A priority SME gets whichever level gives more (art. 4: the most favourable level). */
export function supportLimit(input: SupportLimitInput): SupportLimit {
  const { rule } = input;
  const standard = limitAt("standard", rule.ratePercent, rule.capVnd, input);
  if (!input.isPriority || (rule.priorityRatePercent == null && rule.priorityCapVnd == null)) return standard;
  const priority = limitAt(
    "priority",
    rule.priorityRatePercent ?? rule.ratePercent,
    rule.priorityCapVnd ?? rule.capVnd,
    input,
  );
  return priority.maxVnd > standard.maxVnd ? priority : standard;
}

export type RequestedAmountCheck =
  | { ok: true }
  | {
      ok: false;
      problem: "notPositive" | "aboveRate" | "aboveCap" | "capExhausted";
      maxVnd: number;
      capVnd: number | null;
    };

/** Whether the amount asked for fits the limit, and if not, which bound it breaks (so the form can say why). */
export function checkRequestedAmount(requestedVnd: number, limit: SupportLimit): RequestedAmountCheck {
  const refuse = (problem: "notPositive" | "aboveRate" | "aboveCap" | "capExhausted") => ({
    ok: false as const,
    problem,
    maxVnd: limit.maxVnd,
    capVnd: limit.capVnd,
  });
  if (!(requestedVnd > 0)) return refuse("notPositive");
  if (requestedVnd <= limit.maxVnd) return { ok: true };
  if (limit.remainingCapVnd === 0) return refuse("capExhausted");
  if (limit.remainingCapVnd !== null && limit.remainingCapVnd <= limit.byRateVnd) return refuse("aboveCap");
  return refuse("aboveRate");
}
