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

/**
 * The figures of an entry exactly as computed (cleaned of floating-point noise only). Every comparison —
 * ranking, tie-breaks, the disagreement flag, the minimum average — reads these; the rounded figures of
 * `EntryResult` (2 decimals) are for display only, so two entries 0.004 apart are never tied by rounding.
 */
export type ExactFigures = {
  mean: number;
  trimmed: number;
  zscore: number;
  spread: number;
  criterionMeans: Record<string, number>;
};

export type EntryResult = {
  entryId: string;
  judges: number;
  totals: Array<{ judgeId: string; total: number; normalisedTotal: number }>;
  /** Display figures, rounded to 2 decimals. */
  mean: number;
  trimmed: number;
  zscore: number;
  spread: number;
  disagreement: boolean;
  hasZeroCriterion: boolean;
  /** Mean raw score of each criterion across judges, for the minutes (rounded; ties are broken on `exact`). */
  criterionMeans: Record<string, number>;
  exact: ExactFigures;
};

export type RoundComputation = {
  entries: EntryResult[];
  judges: JudgeStats[];
  panel: { mean: number; sd: number };
};

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every figure of a round from its submitted sheets. Z-score: each judge's totals are standardised
 * by that judge's own mean and spread, then rescaled to the panel's mean and spread on 100 points, so
 * a lenient or harsh judge does not decide; judges with fewer than `minSheetsToNormalise` sheets keep
 * their raw totals (the page says so).
 */
export function computeRound(
  sheets: readonly Sheet[],
  criteria: readonly Criterion[],
  options: { minSheetsToNormalise: number; disagreementThreshold: number },
): RoundComputation {
  const totals = sheets.map((sheet) => ({ ...sheet, total: weightedTotal(sheet.scores, criteria) }));
  const all = totals.map((t) => t.total);
  const panel = { mean: mean(all), sd: standardDeviation(all) };
  const byJudge = new Map<string, number[]>();
  for (const t of totals) pushTo(byJudge, t.judgeId, t.total);
  const judges: JudgeStats[] = [...byJudge.entries()]
    .map(([judgeId, values]) => ({
      judgeId,
      sheets: values.length,
      mean: mean(values),
      sd: standardDeviation(values),
      normalised: values.length >= options.minSheetsToNormalise,
    }))
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
  for (const t of totals) pushTo(byEntry, t.entryId, t);
  const entries: EntryResult[] = [...byEntry.entries()].map(([entryId, entrySheets]) => {
    const raw = entrySheets.map((s) => s.total);
    const normalised = entrySheets.map((s) => normalise(s.judgeId, s.total));
    const exactCriterionMeans: Record<string, number> = {};
    for (const criterion of criteria)
      exactCriterionMeans[criterion.id] = clean(mean(entrySheets.map((s) => s.scores[criterion.id] ?? 0)));
    const exact: ExactFigures = {
      mean: clean(mean(raw)),
      trimmed: clean(trimmedMean(raw)),
      zscore: clean(mean(normalised)),
      spread: clean(Math.max(...raw) - Math.min(...raw)),
      criterionMeans: exactCriterionMeans,
    };
    return {
      entryId,
      judges: entrySheets.length,
      totals: entrySheets
        .map((s, i) => ({ judgeId: s.judgeId, total: round2(s.total), normalisedTotal: round2(normalised[i]) }))
        .sort((a, b) => a.judgeId.localeCompare(b.judgeId)),
      mean: round2(exact.mean),
      trimmed: round2(exact.trimmed),
      zscore: round2(exact.zscore),
      spread: round2(exact.spread),
      disagreement: exact.spread > options.disagreementThreshold,
      hasZeroCriterion: entrySheets.some((s) => counted.some((c) => (s.scores[c.id] ?? 0) === 0)),
      criterionMeans: Object.fromEntries(Object.entries(exactCriterionMeans).map(([id, value]) => [id, round2(value)])),
      exact,
    };
  });
  return { entries, judges, panel: { mean: round2(panel.mean), sd: round2(panel.sd) } };
}

/** The figure of a method, rounded for display. */
export function scoreBy(result: EntryResult, method: Aggregation): number {
  return method === "trimmed" ? result.trimmed : method === "zscore" ? result.zscore : result.mean;
}

/** The figure of a method, exact: what the ranking compares. */
export function exactScoreBy(result: EntryResult, method: Aggregation): number {
  return method === "trimmed" ? result.exact.trimmed : method === "zscore" ? result.exact.zscore : result.exact.mean;
}

/** `score` is the display figure; `exactScore` the one compared. Entries still tied share a `rank`. */
export type Ranked = EntryResult & {
  score: number;
  exactScore: number;
  rank: number;
  tiedWith: string[];
  tieBrokenBy: "criterion" | "top_judges" | null;
};

/**
 * For each entry of a tie, how many judges gave it a strictly higher total than every other entry of the tie.
 * Only judges who scored every entry of the tie count (for two entries: the judges who scored both), so an
 * entry is never favoured for having drawn more judges.
 */
function topJudgeCounts(
  entryIds: readonly string[],
  totalsOf: (entryId: string) => Map<string, number>,
): Map<string, number> {
  const counts = new Map(entryIds.map((id) => [id, 0]));
  const tables = entryIds.map((id) => totalsOf(id));
  const smallest = tables.reduce((a, b) => (b.size < a.size ? b : a));
  for (const judgeId of smallest.keys()) {
    if (!tables.every((table) => table.has(judgeId))) continue;
    let best: string | null = null;
    let bestTotal = -Infinity;
    let shared = false;
    tables.forEach((table, i) => {
      const total = table.get(judgeId)!;
      if (total > bestTotal) [best, bestTotal, shared] = [entryIds[i], total, false];
      else if (total === bestTotal) shared = true;
    });
    if (best !== null && !shared) counts.set(best, counts.get(best)! + 1);
  }
  return counts;
}

/**
 * Ranks entries by a method, on exact figures. Equal scores are separated by the named criterion's mean,
 * then by how many of the judges who scored all of them scored each highest; what is still equal shares a
 * rank (competition style, 1, 2, 2, 4) and is the committee's to decide where it matters (see `prizeAllocation`
 * and `advancement`). Entries of a shared rank are listed by id for a stable page, which decides nothing.
 * Near-linear: one pass over the sheets, a sort, and pairwise work only inside a group of equal scores.
 */
export function rankEntries(
  results: readonly EntryResult[],
  sheets: readonly Sheet[],
  criteria: readonly Criterion[],
  method: Aggregation,
  tieBreakCriterionId: string | null,
): Ranked[] {
  const totalsByEntry = new Map<string, Map<string, number>>();
  for (const sheet of sheets) {
    const perJudge = totalsByEntry.get(sheet.entryId) ?? new Map<string, number>();
    perJudge.set(sheet.judgeId, weightedTotal(sheet.scores, criteria));
    totalsByEntry.set(sheet.entryId, perJudge);
  }
  const totalsOf = (entryId: string) => totalsByEntry.get(entryId) ?? new Map<string, number>();
  const sorted = results
    .map((r) => ({ ...r, score: scoreBy(r, method), exactScore: exactScoreBy(r, method) }))
    .sort((a, b) => b.exactScore - a.exactScore || a.entryId.localeCompare(b.entryId));
  const ranked: Ranked[] = [];
  let index = 0;
  while (index < sorted.length) {
    let end = index + 1;
    while (end < sorted.length && sorted[end].exactScore === sorted[index].exactScore) end++;
    const group = sorted.slice(index, end);
    const keyed = group.map((r) => ({
      r,
      criterion: tieBreakCriterionId ? (r.exact.criterionMeans[tieBreakCriterionId] ?? 0) : 0,
      top: 0,
    }));
    // Judges are counted among the entries the criterion left tied, not the whole group of equal scores.
    const byCriterion = new Map<number, typeof keyed>();
    for (const item of keyed) pushTo(byCriterion, item.criterion, item);
    if (group.length > 1) {
      for (const peers of byCriterion.values()) {
        if (peers.length < 2) continue;
        const counts = topJudgeCounts(
          peers.map((k) => k.r.entryId),
          totalsOf,
        );
        for (const item of peers) item.top = counts.get(item.r.entryId)!;
      }
    }
    keyed.sort((a, b) => b.criterion - a.criterion || b.top - a.top || a.r.entryId.localeCompare(b.r.entryId));
    let place = index + 1;
    keyed.forEach((item, position) => {
      const previous = keyed[position - 1];
      const sameAsPrevious = previous && previous.criterion === item.criterion && previous.top === item.top;
      if (position > 0 && !sameAsPrevious) place = index + position + 1;
      const peers = byCriterion.get(item.criterion)!;
      const brokenBy =
        group.length === 1
          ? null
          : peers.length === 1
            ? "criterion"
            : peers.some((k) => k.top !== item.top)
              ? "top_judges"
              : peers.length < keyed.length
                ? "criterion"
                : null;
      const stillTied = peers.filter((k) => k !== item && k.top === item.top).map((k) => k.r.entryId);
      ranked.push({ ...item.r, rank: place, tiedWith: stillTied, tieBrokenBy: brokenBy });
    });
    index = end;
  }
  return ranked;
}

/** Entries that are inside the top `places` under one method and outside under another. */
export function cutOffChanges(
  byMethod: Record<Aggregation, readonly Ranked[]>,
  places: number,
  chosen: Aggregation,
): Array<{ method: Aggregation; entering: string[]; leaving: string[] }> {
  return membershipChanges(byMethod, chosen, (list) => list.filter((r) => r.rank <= places).map((r) => r.entryId));
}

/**
 * The entries that would advance (see `advancing`, board by board) under another method but not under the
 * chosen one, and those that would stop: the stability warning of a round whose outcome is advancement.
 */
export function advancementChanges(
  byMethod: Record<Aggregation, readonly Ranked[]>,
  chosen: Aggregation,
  categoryOf: (entryId: string) => string | null,
  rules: { perCategory: number; minAverage: number; noZeroCriterion: boolean },
): Array<{ method: Aggregation; entering: string[]; leaving: string[] }> {
  return membershipChanges(byMethod, chosen, (list) => advancing(list, categoryOf, rules));
}

function membershipChanges(
  byMethod: Record<Aggregation, readonly Ranked[]>,
  chosen: Aggregation,
  inside: (list: readonly Ranked[]) => readonly string[],
) {
  const base = new Set(inside(byMethod[chosen]));
  const changes: Array<{ method: Aggregation; entering: string[]; leaving: string[] }> = [];
  for (const method of ["mean", "trimmed", "zscore"] as const) {
    if (method === chosen) continue;
    const other = new Set(inside(byMethod[method]));
    const entering = [...other].filter((id) => !base.has(id)).sort();
    const leaving = [...base].filter((id) => !other.has(id)).sort();
    if (entering.length || leaving.length) changes.push({ method, entering, leaving });
  }
  return changes;
}

/**
 * The committee's decision on a tie the cascade could not separate: the tied entries best first, and the
 * exact score they were tied on (a decision stops applying when the scores or the entries tied change).
 */
export type CommitteeOrder = { entryIds: readonly string[]; score: number };

/** A tie that straddles a cut-off: places `firstPlace`…`lastPlace` go to different outcomes. */
export type CutOffTie = {
  entryIds: string[];
  score: number;
  firstPlace: number;
  lastPlace: number;
  resolution: CommitteeOrder | null;
};

const sameScore = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const tieKey = (entryIds: readonly string[]) => [...entryIds].sort().join("|");

function committeeLookup(resolutions: readonly CommitteeOrder[]) {
  const byKey = new Map<string, CommitteeOrder[]>();
  for (const resolution of resolutions) pushTo(byKey, tieKey(resolution.entryIds), resolution);
  return (entries: readonly Ranked[]): CommitteeOrder | null => {
    const candidates = byKey.get(tieKey(entries.map((e) => e.entryId))) ?? [];
    return candidates.find((c) => sameScore(c.score, entries[0].exactScore)) ?? null;
  };
}

/** Runs of entries sharing a rank, in rank order (each run is one tie the cascade left for the committee). */
function sharedRanks(list: readonly Ranked[]): Ranked[][] {
  const sorted = [...list].sort((a, b) => a.rank - b.rank);
  const runs: Ranked[][] = [];
  for (const entry of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0].rank === entry.rank) last.push(entry);
    else runs.push([entry]);
  }
  return runs;
}

const inCommitteeOrder = (run: readonly Ranked[], resolution: CommitteeOrder) =>
  resolution.entryIds.map((id) => run.find((r) => r.entryId === id)!);

export type AdvancementTie = CutOffTie & { category: string | null; cutOff: number };

/**
 * Who advances from a round: per category, the best `perCategory` by the round's method among those whose
 * exact mean is at least `minAverage` and (when the rule is on) whom no judge gave 0 on a counted criterion.
 * Entries still tied across the last advancing place advance only as the committee ordered them; until it
 * has, none of them is chosen and the tie is reported (with the places of the category concerned).
 */
export function advancement(
  ranked: readonly Ranked[],
  categoryOf: (entryId: string) => string | null,
  rules: { perCategory: number; minAverage: number; noZeroCriterion: boolean },
  resolutions: readonly CommitteeOrder[] = [],
): { chosen: string[]; ties: AdvancementTie[] } {
  const decided = committeeLookup(resolutions);
  const byCategory = new Map<string, Ranked[]>();
  for (const entry of ranked) {
    if (entry.exact.mean < rules.minAverage) continue;
    if (rules.noZeroCriterion && entry.hasZeroCriterion) continue;
    pushTo(byCategory, categoryOf(entry.entryId) ?? "", entry);
  }
  const chosen = new Set<string>();
  const ties: AdvancementTie[] = [];
  for (const [category, eligible] of byCategory) {
    let place = 1;
    for (const run of sharedRanks(eligible)) {
      const first = place;
      const last = place + run.length - 1;
      place = last + 1;
      if (first > rules.perCategory) break;
      if (last <= rules.perCategory) {
        for (const entry of run) chosen.add(entry.entryId);
        continue;
      }
      const resolution = decided(run);
      ties.push({
        entryIds: run.map((r) => r.entryId),
        score: run[0].exactScore,
        firstPlace: first,
        lastPlace: last,
        resolution,
        category: category || null,
        cutOff: rules.perCategory,
      });
      if (resolution)
        for (const entry of inCommitteeOrder(run, resolution).slice(0, rules.perCategory - first + 1))
          chosen.add(entry.entryId);
    }
  }
  return {
    chosen: [...ranked]
      .sort((a, b) => a.rank - b.rank)
      .filter((r) => chosen.has(r.entryId))
      .map((r) => r.entryId),
    ties,
  };
}

/** Who advances (see `advancement`), without the ties. */
export function advancing(
  ranked: readonly Ranked[],
  categoryOf: (entryId: string) => string | null,
  rules: { perCategory: number; minAverage: number; noZeroCriterion: boolean },
  resolutions: readonly CommitteeOrder[] = [],
): string[] {
  return advancement(ranked, categoryOf, rules, resolutions).chosen;
}

export type PrizeTie = CutOffTie & { prizeIds: Array<string | null> };
export type ProposedAward = { prizeId: string; entryId: string; rank: number };

/**
 * The prize list from the ranking, best first (in order: nhất, nhì, ba ×2, khuyến khích ×2 by default).
 * Entries still tied all get the prize of their shared place when the places they span carry the same prize
 * (two entries tied at 3rd both get a giải ba, ranked 3); a tie spanning places of different prizes — or the
 * last prize place and the first without — is the committee's: those places stay open (reported in `ties`)
 * until it has ordered the entries, and are then given in its order.
 */
export function prizeAllocation(
  ranked: readonly Ranked[],
  prizes: ReadonlyArray<{ id: string; count: number }>,
  resolutions: readonly CommitteeOrder[] = [],
): { awards: ProposedAward[]; ties: PrizeTie[] } {
  const prizeAt = prizes.flatMap((prize) => Array<string>(prize.count).fill(prize.id));
  const prizeOf = (place: number) => prizeAt[place - 1] ?? null;
  const decided = committeeLookup(resolutions);
  const awards: ProposedAward[] = [];
  const ties: PrizeTie[] = [];
  let place = 1;
  for (const run of sharedRanks(ranked)) {
    const first = place;
    const last = place + run.length - 1;
    place = last + 1;
    if (first > prizeAt.length) break;
    const prizeIds = Array.from({ length: run.length }, (_, i) => prizeOf(first + i));
    if (prizeIds.every((id) => id === prizeIds[0])) {
      for (const entry of run) awards.push({ prizeId: prizeIds[0]!, entryId: entry.entryId, rank: first });
      continue;
    }
    const resolution = decided(run);
    ties.push({
      entryIds: run.map((r) => r.entryId),
      score: run[0].exactScore,
      firstPlace: first,
      lastPlace: last,
      resolution,
      prizeIds,
    });
    if (!resolution) continue;
    inCommitteeOrder(run, resolution).forEach((entry, i) => {
      if (prizeIds[i]) awards.push({ prizeId: prizeIds[i]!, entryId: entry.entryId, rank: first + i });
    });
  }
  return { awards, ties };
}

/** The proposed awards (see `prizeAllocation`), without the ties. */
export function proposePrizes(
  ranked: readonly Ranked[],
  prizes: ReadonlyArray<{ id: string; count: number }>,
  resolutions: readonly CommitteeOrder[] = [],
): ProposedAward[] {
  return prizeAllocation(ranked, prizes, resolutions).awards;
}
