/**
 * The arithmetic of judging, pure and unit-tested: a judge's weighted total, the three ways of
 * combining judges (mean, trimmed mean, per-judge z-score), ties, disagreement and calibration.
 */
import type { Aggregation } from "../../../db/types";

export type Criterion = { id: string; weight: number; maxScore: number; countsInTotal: boolean };
/** One judge's submitted score sheet for one entry. */
export type Sheet = { judgeId: string; entryId: string; scores: Record<string, number> };

const round2 = (value: number) => Math.round(value * 100) / 100;
/** Drops floating-point noise (55.50000000000001 → 55.5), so totals that are equal on paper are equal here. */
const clean = (value: number) => Math.round(value * 1e9) / 1e9;

/** A sheet's total on a 100-point scale: each counted criterion's share of its maximum, weighted. */
export function weightedTotal(scores: Record<string, number>, criteria: readonly Criterion[]): number {
  const counted = criteria.filter((c) => c.countsInTotal);
  const weights = counted.reduce((sum, c) => sum + c.weight, 0);
  if (weights === 0) return 0;
  const total = counted.reduce((sum, c) => sum + (c.weight * (scores[c.id] ?? 0)) / c.maxScore, 0);
  return clean((total / weights) * 100);
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Population standard deviation. */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2 || values.every((v) => v === values[0])) return 0;
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** The mean without the highest and the lowest score, once there are at least 4 judges; the plain mean below that. */
export function trimmedMean(values: readonly number[]): number {
  if (values.length < 4) return mean(values);
  const sorted = [...values].sort((a, b) => a - b);
  return mean(sorted.slice(1, -1));
}

export type JudgeStats = { judgeId: string; sheets: number; mean: number; sd: number; normalised: boolean };

export type EntryResult = {
  entryId: string;
  judges: number;
  totals: Array<{ judgeId: string; total: number; normalisedTotal: number }>;
  mean: number;
  trimmed: number;
  zscore: number;
  spread: number;
  disagreement: boolean;
  hasZeroCriterion: boolean;
  /** Mean raw score of each criterion across judges, for tie-breaking and the minutes. */
  criterionMeans: Record<string, number>;
};

export type RoundComputation = {
  entries: EntryResult[];
  judges: JudgeStats[];
  panel: { mean: number; sd: number };
};

/**
 * Every figure of a round from its submitted sheets. Z-score: each judge's totals are standardised
 * by that judge's own mean and spread, then rescaled to the panel's mean and spread on 100 points, so
 * a lenient or harsh judge does not decide; judges with fewer than `minSheetsToNormalise` sheets keep
 * their raw totals (the page says so).
 */
export function computeRound(sheets: readonly Sheet[], criteria: readonly Criterion[], options: { minSheetsToNormalise: number; disagreementThreshold: number }): RoundComputation {
  const totals = sheets.map((sheet) => ({ ...sheet, total: weightedTotal(sheet.scores, criteria) }));
  const all = totals.map((t) => t.total);
  const panel = { mean: mean(all), sd: standardDeviation(all) };
  const byJudge = new Map<string, number[]>();
  for (const t of totals) byJudge.set(t.judgeId, [...(byJudge.get(t.judgeId) ?? []), t.total]);
  const judges: JudgeStats[] = [...byJudge.entries()]
    .map(([judgeId, values]) => ({ judgeId, sheets: values.length, mean: mean(values), sd: standardDeviation(values), normalised: values.length >= options.minSheetsToNormalise }))
    .sort((a, b) => a.judgeId.localeCompare(b.judgeId));
  const stats = new Map(judges.map((j) => [j.judgeId, j]));
  const normalise = (judgeId: string, total: number) => {
    const judge = stats.get(judgeId)!;
    if (!judge.normalised) return total;
    const z = judge.sd === 0 ? 0 : (total - judge.mean) / judge.sd;
    return panel.mean + z * panel.sd;
  };
  const counted = criteria.filter((c) => c.countsInTotal);
  const byEntry = new Map<string, typeof totals>();
  for (const t of totals) byEntry.set(t.entryId, [...(byEntry.get(t.entryId) ?? []), t]);
  const entries: EntryResult[] = [...byEntry.entries()].map(([entryId, entrySheets]) => {
    const raw = entrySheets.map((s) => s.total);
    const normalised = entrySheets.map((s) => normalise(s.judgeId, s.total));
    const spread = Math.max(...raw) - Math.min(...raw);
    const criterionMeans: Record<string, number> = {};
    for (const criterion of criteria) criterionMeans[criterion.id] = round2(mean(entrySheets.map((s) => s.scores[criterion.id] ?? 0)));
    return {
      entryId,
      judges: entrySheets.length,
      totals: entrySheets.map((s, i) => ({ judgeId: s.judgeId, total: round2(s.total), normalisedTotal: round2(normalised[i]) })).sort((a, b) => a.judgeId.localeCompare(b.judgeId)),
      mean: round2(mean(raw)),
      trimmed: round2(trimmedMean(raw)),
      zscore: round2(mean(normalised)),
      spread: round2(spread),
      disagreement: round2(spread) > options.disagreementThreshold,
      hasZeroCriterion: entrySheets.some((s) => counted.some((c) => (s.scores[c.id] ?? 0) === 0)),
      criterionMeans,
    };
  });
  return { entries, judges, panel: { mean: round2(panel.mean), sd: round2(panel.sd) } };
}

export function scoreBy(result: EntryResult, method: Aggregation): number {
  return method === "trimmed" ? result.trimmed : method === "zscore" ? result.zscore : result.mean;
}

export type Ranked = EntryResult & { score: number; rank: number; tiedWith: string[]; tieBrokenBy: "criterion" | "top_judges" | null };

/**
 * Ranks entries by a method. Equal scores are separated by the named criterion's mean, then by how many
 * judges scored the entry highest among those tied; what is still equal shares a rank for the committee.
 */
export function rankEntries(results: readonly EntryResult[], sheets: readonly Sheet[], criteria: readonly Criterion[], method: Aggregation, tieBreakCriterionId: string | null): Ranked[] {
  const totals = new Map<string, Map<string, number>>();
  for (const sheet of sheets) {
    const perJudge = totals.get(sheet.judgeId) ?? new Map<string, number>();
    perJudge.set(sheet.entryId, weightedTotal(sheet.scores, criteria));
    totals.set(sheet.judgeId, perJudge);
  }
  const topJudgeCount = (entryId: string, group: readonly string[]) => {
    let count = 0;
    for (const perJudge of totals.values()) {
      const own = perJudge.get(entryId);
      if (own === undefined) continue;
      if (group.every((other) => other === entryId || (perJudge.get(other) ?? -Infinity) < own)) count++;
    }
    return count;
  };
  const sorted = [...results].map((r) => ({ ...r, score: scoreBy(r, method) })).sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId));
  // Split into groups of equal score, then order each group by the tie-break keys.
  const ranked: Ranked[] = [];
  let index = 0;
  while (index < sorted.length) {
    const group = sorted.filter((r) => r.score === sorted[index].score);
    const keyed = group.map((r) => ({ r, criterion: tieBreakCriterionId ? (r.criterionMeans[tieBreakCriterionId] ?? 0) : 0, top: 0 }));
    // Judges are counted among the entries the criterion left tied, not the whole group of equal scores.
    const peersOf = (item: (typeof keyed)[number]) => keyed.filter((k) => k.criterion === item.criterion);
    for (const item of keyed) {
      const peers = peersOf(item);
      item.top = peers.length > 1 ? topJudgeCount(item.r.entryId, peers.map((k) => k.r.entryId)) : 0;
    }
    keyed.sort((a, b) => b.criterion - a.criterion || b.top - a.top || a.r.entryId.localeCompare(b.r.entryId));
    let place = index + 1;
    keyed.forEach((item, position) => {
      const previous = keyed[position - 1];
      const sameAsPrevious = previous && previous.criterion === item.criterion && previous.top === item.top;
      if (position > 0 && !sameAsPrevious) place = index + position + 1;
      const peers = peersOf(item);
      const brokenBy = group.length === 1 ? null : peers.length === 1 ? "criterion" : peers.some((k) => k.top !== item.top) ? "top_judges" : peers.length < keyed.length ? "criterion" : null;
      const stillTied = keyed.filter((k) => k !== item && k.criterion === item.criterion && k.top === item.top).map((k) => k.r.entryId);
      ranked.push({ ...item.r, rank: place, tiedWith: stillTied, tieBrokenBy: brokenBy });
    });
    index += group.length;
  }
  return ranked;
}

/** Entries that are inside the top `places` under one method and outside under another. */
export function cutOffChanges(byMethod: Record<Aggregation, readonly Ranked[]>, places: number, chosen: Aggregation): Array<{ method: Aggregation; entering: string[]; leaving: string[] }> {
  const top = (list: readonly Ranked[]) => new Set(list.filter((r) => r.rank <= places).map((r) => r.entryId));
  const base = top(byMethod[chosen]);
  const changes: Array<{ method: Aggregation; entering: string[]; leaving: string[] }> = [];
  for (const method of ["mean", "trimmed", "zscore"] as const) {
    if (method === chosen) continue;
    const other = top(byMethod[method]);
    const entering = [...other].filter((id) => !base.has(id)).sort();
    const leaving = [...base].filter((id) => !other.has(id)).sort();
    if (entering.length || leaving.length) changes.push({ method, entering, leaving });
  }
  return changes;
}

/**
 * Who advances from a round: per category, the best `perCategory` by the round's method among those whose
 * mean is at least `minAverage` and (when the rule is on) whom no judge gave 0 on a counted criterion.
 */
export function advancing(ranked: readonly Ranked[], categoryOf: (entryId: string) => string | null, rules: { perCategory: number; minAverage: number; noZeroCriterion: boolean }): string[] {
  const chosen: string[] = [];
  const taken = new Map<string, number>();
  for (const entry of [...ranked].sort((a, b) => a.rank - b.rank)) {
    if (entry.mean < rules.minAverage) continue;
    if (rules.noZeroCriterion && entry.hasZeroCriterion) continue;
    const category = categoryOf(entry.entryId) ?? "";
    const count = taken.get(category) ?? 0;
    if (count >= rules.perCategory) continue;
    taken.set(category, count + 1);
    chosen.push(entry.entryId);
  }
  return chosen;
}

/** Fills the prize structure (in order: nhất, nhì, ba ×2, khuyến khích ×2) from the ranking, best first. */
export function proposePrizes(ranked: readonly Ranked[], prizes: ReadonlyArray<{ id: string; count: number }>): Array<{ prizeId: string; entryId: string; rank: number }> {
  const order = [...ranked].sort((a, b) => a.rank - b.rank);
  const proposal: Array<{ prizeId: string; entryId: string; rank: number }> = [];
  let next = 0;
  for (const prize of prizes) {
    for (let i = 0; i < prize.count && next < order.length; i++, next++) proposal.push({ prizeId: prize.id, entryId: order[next].entryId, rank: next + 1 });
  }
  return proposal;
}
