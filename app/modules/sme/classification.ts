/** SME size by Decree 80/2021/NĐ-CP, art. 5. The thresholds are data so that a corrected text means a data change, not new logic. */

import type { EnterpriseSize, SectorGroup } from "../../../db/types";

export type { SectorGroup };
export type SmeSize = EnterpriseSize;
export const SECTOR_GROUPS = ["agriculture_industry", "trade_services"] as const satisfies readonly SectorGroup[];
export type SmeThreshold = {
  size: "micro" | "small" | "medium";
  maxEmployees: number;
  maxRevenueVnd: number;
  maxCapitalVnd: number;
};

export const SME_SOURCE = "Nghị định 80/2021/NĐ-CP, Điều 5";

const BN = 1_000_000_000;

/** Employees are the year's average with social insurance; revenue is the year's total; capital is total capital. */
export const SME_THRESHOLDS: Record<SectorGroup, SmeThreshold[]> = {
  // Agriculture, forestry, fisheries; industry, construction.
  agriculture_industry: [
    { size: "micro", maxEmployees: 10, maxRevenueVnd: 3 * BN, maxCapitalVnd: 3 * BN },
    { size: "small", maxEmployees: 100, maxRevenueVnd: 50 * BN, maxCapitalVnd: 20 * BN },
    { size: "medium", maxEmployees: 200, maxRevenueVnd: 200 * BN, maxCapitalVnd: 100 * BN },
  ],
  // Trade, services.
  trade_services: [
    { size: "micro", maxEmployees: 10, maxRevenueVnd: 10 * BN, maxCapitalVnd: 3 * BN },
    { size: "small", maxEmployees: 50, maxRevenueVnd: 100 * BN, maxCapitalVnd: 50 * BN },
    { size: "medium", maxEmployees: 100, maxRevenueVnd: 300 * BN, maxCapitalVnd: 100 * BN },
  ],
};

export type SmeClassification = { size: SmeSize; decidedBy: (SmeThreshold & { by: "revenue" | "capital" }) | null };

const SIZES_SMALLEST_FIRST = ["micro", "small", "medium"] as const;

/**
 * The smallest size whose staff limit holds together with its revenue limit or its capital limit (whichever is met;
 * revenue is named when both are). The sizes are tried smallest first, whatever order the data lists them in.
 */
export function classifySme(input: {
  sectorGroup: SectorGroup;
  employees: number;
  revenueVnd: number;
  capitalVnd: number;
}): SmeClassification {
  for (const size of SIZES_SMALLEST_FIRST) {
    const threshold = SME_THRESHOLDS[input.sectorGroup].find((row) => row.size === size);
    if (!threshold || input.employees > threshold.maxEmployees) continue;
    if (input.revenueVnd <= threshold.maxRevenueVnd) return { size, decidedBy: { ...threshold, by: "revenue" } };
    if (input.capitalVnd <= threshold.maxCapitalVnd) return { size, decidedBy: { ...threshold, by: "capital" } };
  }
  return { size: "not_sme", decidedBy: null };
}

/**
 * The sector of a firm with several business lines (art. 6, as we read it): the group whose lines bring the most
 * revenue together; on a tie, the group of the first line given (the registration lists the main line first).
 */
export function mainSectorGroup(lines: readonly { group: SectorGroup; revenueVnd: number }[]): SectorGroup | null {
  const totals = new Map<SectorGroup, number>();
  for (const line of lines) totals.set(line.group, (totals.get(line.group) ?? 0) + line.revenueVnd);
  let main: SectorGroup | null = null;
  for (const [group, revenue] of totals) if (main === null || revenue > totals.get(main)!) main = group;
  return main;
}
