/**
 * The arithmetic of judging, pure and unit-tested: a judge's weighted total, the four ways of
 * combining judges (mean, trimmed mean, median, per-judge z-score), ties, disagreement and calibration.
 * Decisions: README D6 (figures computed, not stored), D28 (ties at a cut-off are the committee's).
 */
import type { Aggregation } from "../../../db/types";
import { compareText, textRanks } from "../../lib/collation";

/** The ways of combining judges' totals, in the order pages show them. */
export const AGGREGATIONS = ["mean", "trimmed", "median", "zscore"] as const satisfies readonly Aggregation[];

export type Criterion = { id: string; weight: number; maxScore: number; countsInTotal: boolean };
/** One judge's submitted score sheet for one entry. */
export type Sheet = { judgeId: string; entryId: string; scores: Record<string, number> };

const round2 = (value: number) => Math.round(value * 100) / 100;
/** Drops floating-point noise (55.50000000000001 → 55.5), so totals that are equal on paper are equal here. */
const clean = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * A sheet's total on a 100-point scale: each counted criterion's share of its maximum, weighted. A round totals
 * thousands of sheets on the same criteria, so the counted criteria and their weights are found once per round.
 */
function totaller(criteria: readonly Criterion[]): (scores: Record<string, number>) => number {
  const counted = criteria.filter((c) => c.countsInTotal);
  const weights = counted.reduce((sum, c) => sum + c.weight, 0);
  return (scores) => {
    if (weights === 0) return 0;
    // The same additions in the same order as a reduce from 0, so the same floating-point total.
    let total = 0;
    for (const c of counted) total += (c.weight * (scores[c.id] ?? 0)) / c.maxScore;
    return clean((total / weights) * 100);
  };
}

/** A sheet's total on a 100-point scale: each counted criterion's share of its maximum, weighted. */
export function weightedTotal(scores: Record<string, number>, criteria: readonly Criterion[]): number {
  return totaller(criteria)(scores);
}

/** What a score sheet shows while the judge fills it: its weighted total so far and the counted criteria still blank. */
export type SheetTally = { total: number; blank: string[] };

/**
 * The running total of a sheet being filled, by the very function the ranking uses (a blank counts 0, a
 * criterion outside the total is ignored), and the ids of the counted criteria with no score yet — those a
 * submit requires. A score outside 0…maximum is not a score yet: it is left out and its criterion listed blank.
 */
export function sheetTally(
  scores: Readonly<Record<string, number | null | undefined>>,
  criteria: readonly Criterion[],
): SheetTally {
  const given: Record<string, number> = {};
  const blank: string[] = [];
  for (const c of criteria) {
    const score = scores[c.id];
    if (typeof score === "number" && Number.isFinite(score) && score >= 0 && score <= c.maxScore) given[c.id] = score;
    else if (c.countsInTotal) blank.push(c.id);
  }
  return { total: weightedTotal(given, criteria), blank };
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
  return trimmedOfSorted([...values].sort((a, b) => a - b));
}

/** The mean of sorted values without the first and the last, added in order as `mean` adds. */
function trimmedOfSorted(sorted: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < sorted.length - 1; i++) sum += sorted[i];
  return sum / (sorted.length - 2);
}

/**
 * The middle total once sorted; with an even number of totals, the mean of the two middle ones (4 judges
 * giving 60, 70, 80, 95 → 75). Unlike the trimmed mean it needs no minimum number of judges: with 1 judge it is
 * that judge's total, with 2 it equals the mean.
 */
export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  return middleOfSorted([...values].sort((a, b) => a - b));
}

function middleOfSorted(sorted: ArrayLike<number>): number {
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
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
  median: number;
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
  median: number;
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

const byJudge = (a: { judgeId: string }, b: { judgeId: string }) => compareText(a.judgeId, b.judgeId);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The sheets' positions grouped by entry, entries in the order of their first sheet and each entry's sheets in
 * the sheets' order (a counting sort: one number per sheet instead of an array per entry).
 */
function sheetsByEntry(sheets: readonly Sheet[]) {
  const entryOf = new Map<string, number>();
  const entryIds: string[] = [];
  const entryAt = new Int32Array(sheets.length);
  sheets.forEach((sheet, i) => {
    let entry = entryOf.get(sheet.entryId);
    if (entry === undefined) {
      entry = entryIds.push(sheet.entryId) - 1;
      entryOf.set(sheet.entryId, entry);
    }
    entryAt[i] = entry;
  });
  const start = new Int32Array(entryIds.length + 1);
  for (const entry of entryAt) start[entry + 1]++;
  for (let e = 0; e < entryIds.length; e++) start[e + 1] += start[e];
  const order = new Int32Array(sheets.length);
  const next = start.slice(0, entryIds.length);
  entryAt.forEach((entry, i) => (order[next[entry]++] = i));
  return { entryIds, entryOf, start, order };
}

/**
 * Every figure of a round from its submitted sheets. Z-score: each judge's totals are standardised
 * by that judge's own mean and spread, then rescaled to the panel's mean and spread on 100 points, so
 * a lenient or harsh judge does not decide; judges with fewer than `minSheetsToNormalise` sheets keep
 * their raw totals (the page says so).
 * Linear in sheets: each sheet is totalled and normalised once, into arrays indexed like `sheets`, and each
 * entry reads its sheets by position (no per-sheet copies: at 50,000 sheets those were most of the time, in GC).
 * Sums run in the sheets' order, as `mean` adds, so every figure is the same to the last bit.
 */
export function computeRound(
  sheets: readonly Sheet[],
  criteria: readonly Criterion[],
  options: { minSheetsToNormalise: number; disagreementThreshold: number },
): RoundComputation {
  const totalOf = totaller(criteria);
  const totals = sheets.map((sheet) => totalOf(sheet.scores));
  const panel = { mean: mean(totals), sd: standardDeviation(totals) };
  const totalsByJudge = new Map<string, number[]>();
  sheets.forEach((sheet, i) => pushTo(totalsByJudge, sheet.judgeId, totals[i]));
  const judges: JudgeStats[] = [...totalsByJudge.entries()]
    .map(([judgeId, values]) => ({
      judgeId,
      sheets: values.length,
      mean: mean(values),
      sd: standardDeviation(values),
      normalised: values.length >= options.minSheetsToNormalise,
    }))
    .sort(byJudge);
  const stats = new Map(judges.map((j) => [j.judgeId, j]));
  // Each judge's place in `byJudge` order, so an entry's totals are put in that order comparing numbers.
  const judgePlace = new Map(judges.map((j, place) => [j.judgeId, place]));
  const byJudgePlace = (a: { judgeId: string }, b: { judgeId: string }) =>
    judgePlace.get(a.judgeId)! - judgePlace.get(b.judgeId)!;
  const normalisedTotals = sheets.map((sheet, i) => {
    const judge = stats.get(sheet.judgeId)!;
    if (!judge.normalised) return totals[i];
    const z = judge.sd === 0 ? 0 : (totals[i] - judge.mean) / judge.sd;
    return panel.mean + z * panel.sd;
  });
  const counted = criteria.filter((c) => c.countsInTotal);
  const grouped = sheetsByEntry(sheets);
  const { entryIds, start, order } = grouped;
  const entries: EntryResult[] = entryIds.map((entryId, e) => {
    // This entry's sheets are order[from] … order[to - 1]; plain index loops (no views or iterators per entry).
    const [from, to] = [start[e], start[e + 1]];
    const count = to - from;
    // Added in the sheets' order from 0, as `mean` adds.
    let rawSum = 0;
    // The same totals kept in ascending order as they come (insertion into a handful): the median reads its
    // middle, the trimmed mean drops its ends, with no sort per entry.
    const ascending: number[] = [];
    const judgeTotals: EntryResult["totals"] = [];
    let zSum = 0;
    let max = -Infinity;
    let min = Infinity;
    let hasZeroCriterion = false;
    for (let p = from; p < to; p++) {
      const i = order[p];
      rawSum += totals[i];
      let at = ascending.push(totals[i]) - 1;
      for (; at > 0 && ascending[at - 1] > totals[i]; at--) ascending[at] = ascending[at - 1];
      ascending[at] = totals[i];
      judgeTotals.push({
        judgeId: sheets[i].judgeId,
        total: round2(totals[i]),
        normalisedTotal: round2(normalisedTotals[i]),
      });
      zSum += normalisedTotals[i];
      // Math.max/min pairwise give what Math.max(...raw) gives (NaN and ±0 included).
      max = Math.max(max, totals[i]);
      min = Math.min(min, totals[i]);
      if (!hasZeroCriterion) hasZeroCriterion = counted.some((c) => (sheets[i].scores[c.id] ?? 0) === 0);
    }
    // Both objects get the same keys in the same order, so the same key order (integer-like ids first).
    const exactCriterionMeans: Record<string, number> = {};
    const criterionMeans: Record<string, number> = {};
    for (const criterion of criteria) {
      let sum = 0;
      for (let p = from; p < to; p++) sum += sheets[order[p]].scores[criterion.id] ?? 0;
      const value = clean(sum / count);
      exactCriterionMeans[criterion.id] = value;
      criterionMeans[criterion.id] = round2(value);
    }
    const exact: ExactFigures = {
      mean: clean(rawSum / count),
      trimmed: clean(count < 4 ? rawSum / count : trimmedOfSorted(ascending)),
      median: clean(middleOfSorted(ascending)),
      zscore: clean(zSum / count),
      spread: clean(max - min),
      criterionMeans: exactCriterionMeans,
    };
    return {
      entryId,
      judges: count,
      totals: judgeTotals.sort(byJudgePlace),
      mean: round2(exact.mean),
      trimmed: round2(exact.trimmed),
      median: round2(exact.median),
      zscore: round2(exact.zscore),
      spread: round2(exact.spread),
      disagreement: exact.spread > options.disagreementThreshold,
      hasZeroCriterion,
      criterionMeans,
      exact,
    };
  });
  // The ranking's tie-breaks read judges' totals by entry: from this grouping and these totals, not again.
  judgeTotalsCache.set(entries, { sheets, criteria, totalsOf: judgeTotalsFrom(sheets, grouped, totals) });
  return { entries, judges, panel: { mean: round2(panel.mean), sd: round2(panel.sd) } };
}

/** The figure of a method, rounded for display. */
export function scoreBy(result: EntryResult, method: Aggregation): number {
  return result[method];
}

/** The figure of a method, exact: what the ranking compares. */
export function exactScoreBy(result: EntryResult, method: Aggregation): number {
  return result.exact[method];
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
function topJudgeCounts(entryIds: readonly string[], totalsOf: (entryId: string) => JudgeTotals): Map<string, number> {
  const counts = new Map(entryIds.map((id) => [id, 0]));
  const tables = entryIds.map((id) => totalsOf(id));
  const smallest = tables.reduce((a, b) => (b.judgeIds.length < a.judgeIds.length ? b : a));
  for (const judgeId of smallest.judgeIds) {
    if (!tables.every((table) => table.judgeIds.includes(judgeId))) continue;
    let best: string | null = null;
    let bestTotal = -Infinity;
    let shared = false;
    tables.forEach((table, i) => {
      const total = table.totals[table.judgeIds.indexOf(judgeId)];
      if (total > bestTotal) [best, bestTotal, shared] = [entryIds[i], total, false];
      else if (total === bestTotal) shared = true;
    });
    if (best !== null && !shared) counts.set(best, counts.get(best)! + 1);
  }
  return counts;
}

/** One entry's total from each judge, judges in the order of their first sheet (a handful: arrays, not a Map). */
type JudgeTotals = { judgeIds: string[]; totals: number[] };

/**
 * Each entry's totals by judge, built only for the entries that a tie needs them for (a later sheet of the same
 * judge and entry replaces an earlier one, as the sheets' order says).
 */
function judgeTotalsOf(results: readonly EntryResult[], sheets: readonly Sheet[], criteria: readonly Criterion[]) {
  // A round is ranked by every method from one computation (`roundRanking`): the tables built for one method's
  // ties serve the next instead of grouping and totalling the sheets again. Both are read-only here.
  const cached = judgeTotalsCache.get(results);
  if (cached && cached.sheets === sheets && cached.criteria === criteria) return cached.totalsOf;
  const totalOf = totaller(criteria);
  const totalsOf = judgeTotalsFrom(
    sheets,
    sheetsByEntry(sheets),
    sheets.map((sheet) => totalOf(sheet.scores)),
  );
  judgeTotalsCache.set(results, { sheets, criteria, totalsOf });
  return totalsOf;
}

const judgeTotalsCache = new WeakMap<
  readonly EntryResult[],
  { sheets: readonly Sheet[]; criteria: readonly Criterion[]; totalsOf: (entryId: string) => JudgeTotals }
>();

/** `totals[i]` is sheet i's total; `grouped`, the sheets grouped by entry (`sheetsByEntry`). */
function judgeTotalsFrom(
  sheets: readonly Sheet[],
  grouped: ReturnType<typeof sheetsByEntry>,
  totals: readonly number[],
) {
  const built = new Map<string, JudgeTotals>();
  return (entryId: string): JudgeTotals => {
    let table = built.get(entryId);
    if (table) return table;
    table = { judgeIds: [], totals: [] };
    const entry = grouped.entryOf.get(entryId);
    if (entry !== undefined)
      for (let p = grouped.start[entry]; p < grouped.start[entry + 1]; p++) {
        const i = grouped.order[p];
        const at = table.judgeIds.indexOf(sheets[i].judgeId);
        if (at === -1) {
          table.judgeIds.push(sheets[i].judgeId);
          table.totals.push(totals[i]);
        } else table.totals[at] = totals[i];
      }
    built.set(entryId, table);
    return table;
  };
}

/** `at`: the entry's position in the results ranked. */
type Placed = { r: EntryResult; at: number; exactScore: number };
type Keyed = Placed & { criterion: number; top: number };

/**
 * Each entry's place in the order of its id (`compareText`), for the sorts below: one sort of the ids per
 * computation, shared by the methods ranked from it, instead of comparing two ids at every equal score.
 */
function idPlacesOf(results: readonly EntryResult[]): Int32Array {
  let places = idPlacesCache.get(results);
  if (!places) idPlacesCache.set(results, (places = textRanks(results.map((r) => r.entryId))));
  return places;
}

const idPlacesCache = new WeakMap<readonly EntryResult[], Int32Array>();

/** The entries of a group of equal scores that the tie-break criterion left together, and how judges split them. */
type Peers = { members: Keyed[]; topsDiffer: boolean; byTop: Map<number, Keyed[]> };

/**
 * Ranks entries by a method, on exact figures. Equal scores are separated by the named criterion's mean,
 * then by how many of the judges who scored all of them scored each highest; what is still equal shares a
 * rank (competition style, 1, 2, 2, 4) and is the committee's to decide where it matters (see `prizeAllocation`
 * and `advancement`). Entries of a shared rank are listed by id for a stable page, which decides nothing.
 * Near-linear: a sort, and work inside a group of equal scores in proportion to the group and to what is still
 * tied (each entry's `tiedWith`); judges' totals are read only for the entries of a tie.
 */
export function rankEntries(
  results: readonly EntryResult[],
  sheets: readonly Sheet[],
  criteria: readonly Criterion[],
  method: Aggregation,
  tieBreakCriterionId: string | null,
): Ranked[] {
  const totalsOf = judgeTotalsOf(results, sheets, criteria);
  const idPlace = idPlacesOf(results);
  // Positions sorted, not an object per entry: the objects were a tenth of the time, in garbage collection.
  const scores = Float64Array.from(results, (r) => exactScoreBy(r, method));
  const sorted = Int32Array.from(results, (_, at) => at).sort(
    (a, b) => scores[b] - scores[a] || idPlace[a] - idPlace[b],
  );
  const placed = (at: number): Placed => ({ r: results[at], at, exactScore: scores[at] });
  const ranked: Ranked[] = [];
  // The fields of `EntryResult` spelled out, in its order: on V8 an object spread with fields added after it
  // took ~100 µs an entry here (most of a 10,000-entry ranking), a literal well under 1 µs.
  const place = ({ r, exactScore }: Placed, rank: number, tiedWith: string[], tieBrokenBy: Ranked["tieBrokenBy"]) =>
    ({
      entryId: r.entryId,
      judges: r.judges,
      totals: r.totals,
      mean: r.mean,
      trimmed: r.trimmed,
      median: r.median,
      zscore: r.zscore,
      spread: r.spread,
      disagreement: r.disagreement,
      hasZeroCriterion: r.hasZeroCriterion,
      criterionMeans: r.criterionMeans,
      exact: r.exact,
      score: scoreBy(r, method),
      exactScore,
      rank,
      tiedWith,
      tieBrokenBy,
    }) satisfies Record<keyof Ranked, unknown>;
  let index = 0;
  while (index < sorted.length) {
    let end = index + 1;
    while (end < sorted.length && scores[sorted[end]] === scores[sorted[index]]) end++;
    if (end === index + 1) {
      // Most scores are unique: nothing to break.
      ranked.push(place(placed(sorted[index]), index + 1, [], null));
      index = end;
      continue;
    }
    const keyed: Keyed[] = Array.from(sorted.subarray(index, end), (at) => ({
      r: results[at],
      at,
      exactScore: scores[at],
      criterion: tieBreakCriterionId ? (results[at].exact.criterionMeans[tieBreakCriterionId] ?? 0) : 0,
      top: 0,
    }));
    // Judges are counted among the entries the criterion left tied, not the whole group of equal scores.
    const byCriterion = new Map<number, Keyed[]>();
    for (const item of keyed) pushTo(byCriterion, item.criterion, item);
    const peersOf = new Map<number, Peers>();
    for (const [criterion, members] of byCriterion) {
      if (members.length >= 2) {
        const counts = topJudgeCounts(
          members.map((k) => k.r.entryId),
          totalsOf,
        );
        for (const item of members) item.top = counts.get(item.r.entryId)!;
      }
      const byTop = new Map<number, Keyed[]>();
      for (const item of members) pushTo(byTop, item.top, item);
      peersOf.set(criterion, { members, topsDiffer: byTop.size > 1, byTop });
    }
    keyed.sort((a, b) => b.criterion - a.criterion || b.top - a.top || idPlace[a.at] - idPlace[b.at]);
    let rank = index + 1;
    keyed.forEach((item, position) => {
      const previous = keyed[position - 1];
      const sameAsPrevious = previous && previous.criterion === item.criterion && previous.top === item.top;
      if (position > 0 && !sameAsPrevious) rank = index + position + 1;
      const peers = peersOf.get(item.criterion)!;
      const brokenBy =
        peers.members.length === 1
          ? "criterion"
          : peers.topsDiffer
            ? "top_judges"
            : peers.members.length < keyed.length
              ? "criterion"
              : null;
      // The other entries the criterion and the judges left level with this one, in the group's order.
      const stillTied: string[] = [];
      for (const k of peers.byTop.get(item.top)!) if (k !== item) stillTied.push(k.r.entryId);
      ranked.push(place(item, rank, stillTied, brokenBy));
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
  for (const method of AGGREGATIONS) {
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
