import { describe, expect, it } from "vitest";
import type { Aggregation } from "../../db/types";
import {
  advancement,
  advancing,
  advancementChanges,
  computeRound,
  cutOffChanges,
  mean,
  median,
  prizeAllocation,
  proposePrizes,
  rankEntries,
  standardDeviation,
  trimmedMean,
  weightedTotal,
  type Criterion,
  type EntryResult,
  type Ranked,
  type Sheet,
} from "../../app/modules/judging/scoring";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The pitch criteria of the issue: weights 40/30/15/15, maxima 10 and 100 mixed, plus an optional bonus. */
const PITCH: Criterion[] = [
  { id: "idea", weight: 40, maxScore: 10, countsInTotal: true },
  { id: "market", weight: 30, maxScore: 100, countsInTotal: true },
  { id: "team", weight: 15, maxScore: 10, countsInTotal: true },
  { id: "finance", weight: 15, maxScore: 100, countsInTotal: true },
  { id: "bonus", weight: 20, maxScore: 10, countsInTotal: false },
];

/** One criterion out of 100: a sheet's total is simply its score, which keeps hand arithmetic short. */
const SINGLE: Criterion[] = [{ id: "q", weight: 100, maxScore: 100, countsInTotal: true }];

const sheet = (judgeId: string, entryId: string, scores: Record<string, number>): Sheet => ({
  judgeId,
  entryId,
  scores,
});

/** Sheets on SINGLE from a table { judge: { entry: total } }. */
function table(rows: Record<string, Record<string, number>>): Sheet[] {
  return Object.entries(rows).flatMap(([judgeId, byEntry]) =>
    Object.entries(byEntry).map(([entryId, q]) => sheet(judgeId, entryId, { q })),
  );
}

const OPTIONS = { minSheetsToNormalise: 3, disagreementThreshold: 25 };

const byId = <T extends { entryId: string }>(list: readonly T[], id: string): T => {
  const found = list.find((item) => item.entryId === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

const rankAll = (sheets: Sheet[], criteria: Criterion[], options = OPTIONS, tieBreak: string | null = null) => {
  const { entries } = computeRound(sheets, criteria, options);
  return {
    mean: rankEntries(entries, sheets, criteria, "mean", tieBreak),
    trimmed: rankEntries(entries, sheets, criteria, "trimmed", tieBreak),
    median: rankEntries(entries, sheets, criteria, "median", tieBreak),
    zscore: rankEntries(entries, sheets, criteria, "zscore", tieBreak),
  } satisfies Record<Aggregation, Ranked[]>;
};

const order = (ranked: readonly Ranked[]) => ranked.map((r) => r.entryId);

/** A ranked row built by hand, for the rules that only read rank, mean and hasZeroCriterion (`exactMean` when the exact mean differs from the shown one). */
function row(entryId: string, rank: number, mean: number, hasZeroCriterion = false, exactMean = mean): Ranked {
  const exact = {
    mean: exactMean,
    trimmed: exactMean,
    median: exactMean,
    zscore: exactMean,
    spread: 0,
    criterionMeans: {},
  };
  const result: EntryResult = {
    entryId,
    judges: 3,
    totals: [],
    mean,
    trimmed: mean,
    median: mean,
    zscore: mean,
    spread: 0,
    disagreement: false,
    hasZeroCriterion,
    criterionMeans: {},
    exact,
  };
  return { ...result, score: mean, exactScore: exactMean, rank, tiedWith: [], tieBrokenBy: null };
}

// ---------------------------------------------------------------------------------------------
// Sheet totals and the three aggregates
// ---------------------------------------------------------------------------------------------

describe("weightedTotal", () => {
  it("weights each counted criterion's share of its maximum: 40/30/15/15 with maxima 10 and 100 mixed", () => {
    // idea 8/10 · 40 = 32; market 60/100 · 30 = 18; team 5/10 · 15 = 7.5; finance 90/100 · 15 = 13.5
    // (32 + 18 + 7.5 + 13.5) / 100 weights · 100 = 71
    expect(weightedTotal({ idea: 8, market: 60, team: 5, finance: 90, bonus: 10 }, PITCH)).toBe(71);
    // all maxima → 100, all zeros → 0
    expect(weightedTotal({ idea: 10, market: 100, team: 10, finance: 100 }, PITCH)).toBe(100);
    expect(weightedTotal({ idea: 0, market: 0, team: 0, finance: 0 }, PITCH)).toBe(0);
  });

  it("ignores an optional criterion that does not count in the total", () => {
    // the bonus (weight 20, countsInTotal false) neither adds points nor dilutes the weights: still 71
    expect(weightedTotal({ idea: 8, market: 60, team: 5, finance: 90, bonus: 0 }, PITCH)).toBe(71);
    expect(weightedTotal({ idea: 8, market: 60, team: 5, finance: 90, bonus: 10 }, PITCH)).toBe(71);
  });

  it("scales by the sum of counted weights when it is not 100", () => {
    // (2 · 10/10 + 1 · 40/100) / 3 · 100 = 2.4 / 3 · 100 = 80
    const criteria: Criterion[] = [
      { id: "a", weight: 2, maxScore: 10, countsInTotal: true },
      { id: "b", weight: 1, maxScore: 100, countsInTotal: true },
    ];
    expect(weightedTotal({ a: 10, b: 40 }, criteria)).toBe(80);
  });

  it("counts a missing score as 0", () => {
    // idea 8/10 · 40 = 32, the rest 0 → 32
    expect(weightedTotal({ idea: 8 }, PITCH)).toBe(32);
  });

  it("is 0 when every weight is zero or nothing counts", () => {
    const zero = PITCH.map((c) => ({ ...c, weight: 0 }));
    expect(weightedTotal({ idea: 8, market: 60, team: 5, finance: 90 }, zero)).toBe(0);
    const optionalOnly = PITCH.map((c) => ({ ...c, countsInTotal: false }));
    expect(weightedTotal({ idea: 8, market: 60, team: 5, finance: 90 }, optionalOnly)).toBe(0);
    expect(weightedTotal({}, [])).toBe(0);
  });

  it("gives exactly equal totals for scores that are equal on paper (no floating-point noise)", () => {
    // 5/10·40 + 50/100·30 + 5/10·15 + 53/100·15 = 20 + 15 + 7.5 + 7.95 = 50.45
    // 5/10·40 + 51/100·30 + 5/10·15 + 51/100·15 = 20 + 15.3 + 7.5 + 7.65 = 50.45
    expect(weightedTotal({ idea: 5, market: 50, team: 5, finance: 53 }, PITCH)).toBe(50.45);
    expect(weightedTotal({ idea: 5, market: 51, team: 5, finance: 51 }, PITCH)).toBe(50.45);
    // 6/10·40 + 20/100·30 + 9/10·15 + 80/100·15 = 24 + 6 + 13.5 + 12 = 55.5
    expect(weightedTotal({ idea: 6, market: 20, team: 9, finance: 80 }, PITCH)).toBe(55.5);
  });
});

describe("mean, trimmedMean and standardDeviation", () => {
  it("mean is the plain average, 0 for no values", () => {
    // (60 + 70 + 95) / 3 = 75
    expect(mean([60, 70, 95])).toBe(75);
    expect(mean([])).toBe(0);
  });

  it("trimmed mean with 3 judges is the plain mean", () => {
    // (70 + 80 + 99) / 3 = 83
    expect(trimmedMean([70, 99, 80])).toBe(83);
    expect(trimmedMean([50])).toBe(50);
  });

  it("trimmed mean with 4 judges drops one highest and one lowest", () => {
    // sorted 60, 70, 80, 100 → (70 + 80) / 2 = 75
    expect(trimmedMean([100, 60, 80, 70])).toBe(75);
    // only one of two equal highest goes: sorted 60, 70, 90, 90 → (70 + 90) / 2 = 80
    expect(trimmedMean([90, 60, 90, 70])).toBe(80);
  });

  it("trimmed mean with 5 judges averages the middle three", () => {
    // sorted 50, 60, 70, 80, 95 → (60 + 70 + 80) / 3 = 70
    expect(trimmedMean([95, 50, 80, 60, 70])).toBe(70);
  });

  it("standard deviation is the population one", () => {
    // mean 5; squared deviations 9,1,1,1,0,0,4,16 → 32 / 8 = 4 → √4 = 2 (the sample sd would be √(32/7))
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    // 60, 70, 80: mean 70, (100 + 0 + 100) / 3 → √(200/3) ≈ 8.165
    expect(standardDeviation([60, 70, 80])).toBeCloseTo(Math.sqrt(200 / 3), 10);
    expect(standardDeviation([42])).toBe(0);
    expect(standardDeviation([])).toBe(0);
  });

  it("standard deviation of equal values is exactly 0", () => {
    // in floats (60.3 + 60.3 + 60.3) / 3 is not exactly 60.3, which used to leave an sd of 7e-15
    expect(standardDeviation([60.3, 60.3, 60.3])).toBe(0);
    expect(standardDeviation([50.2, 50.2, 50.2])).toBe(0);
    expect(standardDeviation(Array(21).fill(50.25))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// computeRound
// ---------------------------------------------------------------------------------------------

describe("median", () => {
  it("with 1 judge is that judge's total", () => {
    expect(median([73.5])).toBe(73.5);
  });

  it("with 2 judges is the mean of both (even count: the two middle values)", () => {
    // (60 + 95) / 2 = 77.5
    expect(median([95, 60])).toBe(77.5);
  });

  it("with 3 judges is the middle total, whatever the outlier", () => {
    // sorted 20, 70, 99 → 70 (the mean would be 63)
    expect(median([99, 20, 70])).toBe(70);
  });

  it("with 4 judges is the mean of the two middle totals", () => {
    // sorted 60, 70, 80, 95 → (70 + 80) / 2 = 75
    expect(median([95, 60, 80, 70])).toBe(75);
    // equal middle values: sorted 60, 90, 90, 100 → 90
    expect(median([90, 100, 60, 90])).toBe(90);
  });

  it("is 0 for no values, as the mean is", () => {
    expect(median([])).toBe(0);
  });
});

describe("the median in a round", () => {
  const figures = (rows: Record<string, Record<string, number>>) =>
    computeRound(table(rows), SINGLE, OPTIONS).entries.map((e) => [e.entryId, e.judges, e.median, e.exact.median]);

  it("gives each entry the median of its judges' weighted totals, for 1, 2, 3 and 4 judges", () => {
    expect(
      figures({
        j1: { one: 64, two: 60, three: 99, four: 95 },
        j2: { two: 95, three: 20, four: 60 },
        j3: { three: 70, four: 80 },
        j4: { four: 70 },
      }),
    ).toEqual([
      ["one", 1, 64, 64],
      ["two", 2, 77.5, 77.5],
      ["three", 3, 70, 70],
      ["four", 4, 75, 75],
    ]);
  });

  it("takes the median of weighted totals, not of each criterion", () => {
    // PITCH totals: j1 71 (see weightedTotal), j2 all maxima 100, j3 all zeros 0 → median 71.
    const sheets = [
      sheet("j1", "a", { idea: 8, market: 60, team: 5, finance: 90 }),
      sheet("j2", "a", { idea: 10, market: 100, team: 10, finance: 100 }),
      sheet("j3", "a", { idea: 0, market: 0, team: 0, finance: 0 }),
    ];
    expect(computeRound(sheets, PITCH, OPTIONS).entries[0].median).toBe(71);
  });

  it("adds no floating-point noise: the middle pair 70.1 and 70.3 is exactly 70.2, level with two totals of 70.2", () => {
    // (70.1 + 70.3) / 2 is 70.19999999999999 in floating point, cleaned to 70.2 as the mean is.
    expect((70.1 + 70.3) / 2).not.toBe(70.2);
    const rows = { j1: { a: 70.1, b: 70.2 }, j2: { a: 70.3, b: 70.2 } };
    const [a, b] = computeRound(table(rows), SINGLE, OPTIONS).entries;
    expect(a.exact.median).toBe(70.2);
    expect(a.exact.median).toBe(b.exact.median);
  });

  it("keeps the exact median for the ranking: 70.125 and 70.13 are both shown 70.13, and ranked apart", () => {
    const rows = { j1: { a: 70.1, b: 70.13 }, j2: { a: 70.15, b: 70.13 } };
    const ranked = rankAll(table(rows), SINGLE).median;
    expect(ranked.map((r) => [r.entryId, r.score, r.exactScore, r.rank])).toEqual([
      ["b", 70.13, 70.13, 1],
      ["a", 70.13, 70.125, 2],
    ]);
  });

  it("ranks by the median, which an outlier judge does not move", () => {
    // a: 90, 85, 10 → mean 61.67, median 85;  b: 80, 80, 80 → mean 80, median 80.
    const ranked = rankAll(table({ j1: { a: 90, b: 80 }, j2: { a: 85, b: 80 }, j3: { a: 10, b: 80 } }), SINGLE);
    expect(order(ranked.mean)).toEqual(["b", "a"]);
    expect(order(ranked.median)).toEqual(["a", "b"]);
    expect(ranked.median.map((r) => r.score)).toEqual([85, 80]);
  });

  it("separates equal medians by the tie-break cascade, and shares the rank when nothing separates them", () => {
    // a: 60, 70, 90;  b: 65, 70, 75;  c: 70, 70, 70 — all three have the median 70 (no tie-break criterion).
    // Each judge's strict best among them: j1 c (70 > 65 > 60), j2 none (70 = 70 = 70), j3 a (90)
    // → a and c one judge each, still level (rank 1, shared); b none (rank 3).
    const rows = { j1: { a: 60, b: 65, c: 70 }, j2: { a: 70, b: 70, c: 70 }, j3: { a: 90, b: 75, c: 70 } };
    const ranked = rankAll(table(rows), SINGLE).median;
    expect(ranked.map((r) => [r.entryId, r.rank, r.tiedWith, r.tieBrokenBy])).toEqual([
      ["a", 1, ["c"], "top_judges"],
      ["c", 1, ["a"], "top_judges"],
      ["b", 3, [], "top_judges"],
    ]);
  });
});

describe("computeRound", () => {
  // Three judges score four entries on one 100-point criterion (total = score).
  //
  //         e1   e2   e3   e4  | judge mean  judge sd
  //   j1    85   85   75   75  |    80        5      deviations ±5        → var 25
  //   j2    70   50   70   50  |    60       10      deviations ±10       → var 100
  //   j3    77   71   69   63  |    70        5      deviations −7,−1,1,7 → var (49+1+1+49)/4 = 25
  //
  // z-scores (total − judge mean) / judge sd:
  //   j1    +1   +1   −1   −1
  //   j2    +1   −1   +1   −1
  //   j3   +1.4 +0.2 −0.2 −1.4
  //
  // Panel of all 12 totals: sum 320 + 240 + 280 = 840 → mean 70.
  //   squared deviations from 70: j1 225+225+25+25 = 500, j2 0+400+0+400 = 800, j3 49+1+1+49 = 100
  //   variance 1400 / 12 = 116.667 → sd √116.667 = 10.80123
  // Normalised total = 70 + z · 10.80123:
  //   z = +1 → 80.80, −1 → 59.20, +1.4 → 85.12, +0.2 → 72.16, −0.2 → 67.84, −1.4 → 54.88
  // Entry z-score = mean of its normalised totals = 70 + 10.80123 · mean z:
  //   e1: mean z 3.4/3 = 1.13333 → 70 + 12.24139 = 82.24
  //   e2: mean z 0.2/3 = 0.06667 → 70 +  0.72008 = 70.72
  //   e3: −0.06667 → 69.28        e4: −1.13333 → 57.76
  // Raw means: e1 232/3 = 77.33, e2 206/3 = 68.67, e3 214/3 = 71.33, e4 188/3 = 62.67
  // Spread (max − min raw): e1 85−70 = 15, e2 85−50 = 35, e3 75−69 = 6, e4 75−50 = 25
  const panel = table({
    j1: { e1: 85, e2: 85, e3: 75, e4: 75 },
    j2: { e1: 70, e2: 50, e3: 70, e4: 50 },
    j3: { e1: 77, e2: 71, e3: 69, e4: 63 },
  });
  const round = computeRound(panel, SINGLE, OPTIONS);

  it("computes the panel mean and population sd of every total", () => {
    expect(round.panel).toEqual({ mean: 70, sd: 10.8 });
  });

  it("computes each judge's own mean and sd, all normalised with 4 sheets ≥ 3", () => {
    expect(round.judges).toEqual([
      { judgeId: "j1", sheets: 4, mean: 80, sd: 5, normalised: true },
      { judgeId: "j2", sheets: 4, mean: 60, sd: 10, normalised: true },
      { judgeId: "j3", sheets: 4, mean: 70, sd: 5, normalised: true },
    ]);
  });

  it("rescales each judge's z-scores to the panel's mean and spread", () => {
    expect(byId(round.entries, "e1").totals).toEqual([
      { judgeId: "j1", total: 85, normalisedTotal: 80.8 },
      { judgeId: "j2", total: 70, normalisedTotal: 80.8 },
      { judgeId: "j3", total: 77, normalisedTotal: 85.12 },
    ]);
    expect(byId(round.entries, "e2").totals.map((t) => t.normalisedTotal)).toEqual([80.8, 59.2, 72.16]);
    expect(byId(round.entries, "e3").totals.map((t) => t.normalisedTotal)).toEqual([59.2, 80.8, 67.84]);
    expect(byId(round.entries, "e4").totals.map((t) => t.normalisedTotal)).toEqual([59.2, 59.2, 54.88]);
  });

  it("gives each entry its mean, trimmed mean (= mean with 3 judges) and z-score figure", () => {
    const figures = Object.fromEntries(round.entries.map((e) => [e.entryId, [e.judges, e.mean, e.trimmed, e.zscore]]));
    expect(figures).toEqual({
      e1: [3, 77.33, 77.33, 82.24],
      e2: [3, 68.67, 68.67, 70.72],
      e3: [3, 71.33, 71.33, 69.28],
      e4: [3, 62.67, 62.67, 57.76],
    });
  });

  it("so the harsh, wide judge j2 no longer decides: z-score ranks e2 above e3, the mean does not", () => {
    const ranked = rankAll(panel, SINGLE);
    expect(order(ranked.mean)).toEqual(["e1", "e3", "e2", "e4"]);
    expect(order(ranked.zscore)).toEqual(["e1", "e2", "e3", "e4"]);
  });

  it("flags disagreement when max − min exceeds the threshold, and not when it equals it", () => {
    const flags = Object.fromEntries(round.entries.map((e) => [e.entryId, [e.spread, e.disagreement]]));
    // threshold 25: e2 (35) is flagged; e4 (exactly 25) is not
    expect(flags).toEqual({ e1: [15, false], e2: [35, true], e3: [6, false], e4: [25, false] });
  });

  it("does not flag a spread equal to the threshold even when float arithmetic would make it 20.000000000000007", () => {
    // 6/10·40 + 20/100·30 + 9/10·15 + 80/100·15 = 24 + 6 + 13.5 + 12 = 55.5
    // 1/10·40 + 20/100·30 + 9/10·15 + 80/100·15 =  4 + 6 + 13.5 + 12 = 35.5   → spread exactly 20
    const sheets = [
      sheet("j1", "e1", { idea: 6, market: 20, team: 9, finance: 80 }),
      sheet("j2", "e1", { idea: 1, market: 20, team: 9, finance: 80 }),
    ];
    const [entry] = computeRound(sheets, PITCH, { minSheetsToNormalise: 3, disagreementThreshold: 20 }).entries;
    expect(entry.spread).toBe(20);
    expect(entry.disagreement).toBe(false);
    const [stricter] = computeRound(sheets, PITCH, { minSheetsToNormalise: 3, disagreementThreshold: 19.99 }).entries;
    expect(stricter.disagreement).toBe(true);
  });

  it("keeps raw totals for a judge with fewer sheets than minSheetsToNormalise (normalised false)", () => {
    // j1: 60, 70, 80 (3 sheets) → mean 70, sd √(200/3) = 8.1650, normalised
    // j2: 90, 50 (2 sheets < 3) → kept raw
    // panel 60,70,80,90,50: mean 70; squared deviations 100+0+100+400+400 = 1000 → /5 = 200 → sd √200 = 14.1421
    // j1 e1: z = −10 / 8.1650 = −1.22474 → 70 − 1.22474 · 14.1421 = 70 − 17.3205 (= 10√3) = 52.68
    // j1 e3: 70 + 17.3205 = 87.32;  j1 e2: z = 0 → 70
    // z-score figures: e1 (52.6795 + 90)/2 = 71.34; e2 (70 + 50)/2 = 60; e3 87.32
    const sheets = table({ j1: { e1: 60, e2: 70, e3: 80 }, j2: { e1: 90, e2: 50 } });
    const result = computeRound(sheets, SINGLE, { minSheetsToNormalise: 3, disagreementThreshold: 25 });
    expect(result.judges.map((j) => [j.judgeId, j.sheets, j.normalised])).toEqual([
      ["j1", 3, true],
      ["j2", 2, false],
    ]);
    expect(result.panel).toEqual({ mean: 70, sd: 14.14 });
    expect(byId(result.entries, "e1").totals).toEqual([
      { judgeId: "j1", total: 60, normalisedTotal: 52.68 },
      { judgeId: "j2", total: 90, normalisedTotal: 90 },
    ]);
    expect(byId(result.entries, "e2").totals).toEqual([
      { judgeId: "j1", total: 70, normalisedTotal: 70 },
      { judgeId: "j2", total: 50, normalisedTotal: 50 },
    ]);
    expect(result.entries.map((e) => [e.entryId, e.zscore])).toEqual([
      ["e1", 71.34],
      ["e2", 60],
      ["e3", 87.32],
    ]);
  });

  it("gives a judge whose totals are all equal z = 0, i.e. the panel mean", () => {
    // j1: 80, 80, 80 → sd 0 → z 0.  j2: 60, 70, 80.
    // panel 80,80,80,60,70,80: sum 450 → mean 75 → every j1 sheet normalises to 75
    // j2: mean 70, sd √(200/3) = 8.165; panel sd: deviations 5,5,5,−15,−5,5 → (4·25 + 225 + 25)/6 = 58.33 → 7.6376
    //   j2 e1: 75 − 1.22474 · 7.6376 = 65.65;  e2: 75;  e3: 84.35
    //   e1 z-score: (75 + 65.646)/2 = 70.32
    const result = computeRound(
      table({ j1: { e1: 80, e2: 80, e3: 80 }, j2: { e1: 60, e2: 70, e3: 80 } }),
      SINGLE,
      OPTIONS,
    );
    expect(result.panel.mean).toBe(75);
    expect(result.judges[0]).toEqual({ judgeId: "j1", sheets: 3, mean: 80, sd: 0, normalised: true });
    for (const entry of result.entries) expect(entry.totals.find((t) => t.judgeId === "j1")!.normalisedTotal).toBe(75);
    expect(byId(result.entries, "e1").totals.find((t) => t.judgeId === "j2")!.normalisedTotal).toBe(65.65);
    expect(byId(result.entries, "e1").zscore).toBe(70.32);
    expect(byId(result.entries, "e2").zscore).toBe(75);
  });

  it("gives z = 0 to a judge who gives the same sheet three times, whatever the float rounding", () => {
    // j1: 6/10·40 + 60/100·30 + 6/10·15 + 62/100·15 = 24 + 18 + 9 + 9.3 = 60.3 on e1, e2, e3.
    // A tiny float sd used to give z = (60.3 − 60.30000000000001) / 7e-15 = −1 on every sheet, i.e. panel mean − panel sd.
    const same = { idea: 6, market: 60, team: 6, finance: 62 };
    const sheets = [
      ...["e1", "e2", "e3"].map((e) => sheet("j1", e, same)),
      sheet("j2", "e1", { idea: 8, market: 80, team: 8, finance: 80 }), // 80
      sheet("j2", "e2", { idea: 6, market: 60, team: 6, finance: 60 }), // 60
      sheet("j2", "e3", { idea: 7, market: 70, team: 7, finance: 70 }), // 70
    ];
    const result = computeRound(sheets, PITCH, OPTIONS);
    expect(result.judges[0]).toMatchObject({ judgeId: "j1", sheets: 3, sd: 0, normalised: true });
    expect(result.judges[0].mean).toBeCloseTo(60.3, 9);
    for (const entry of result.entries)
      expect(entry.totals.find((t) => t.judgeId === "j1")!.normalisedTotal).toBe(result.panel.mean);
  });

  it("gives z = 0 to equal totals reached through different scores too", () => {
    // j1 gives three entries 50.45 each (two different score combinations, see weightedTotal above);
    // in floats these used to be 50.45 and 50.449999999999996, a tiny but non-zero sd, and z = ±0.71.
    const a = { idea: 5, market: 50, team: 5, finance: 53 };
    const b = { idea: 5, market: 51, team: 5, finance: 51 };
    const sheets = [
      sheet("j1", "e1", a),
      sheet("j1", "e2", b),
      sheet("j1", "e3", a),
      sheet("j2", "e1", { idea: 8, market: 80, team: 8, finance: 80 }), // 80
      sheet("j2", "e2", { idea: 6, market: 60, team: 6, finance: 60 }), // 60
      sheet("j2", "e3", { idea: 7, market: 70, team: 7, finance: 70 }), // 70
    ];
    const result = computeRound(sheets, PITCH, OPTIONS);
    expect(result.judges[0].sd).toBe(0);
    for (const entry of result.entries)
      expect(entry.totals.find((t) => t.judgeId === "j1")!.normalisedTotal).toBe(result.panel.mean);
  });

  it("flags a zero only on a counted criterion", () => {
    const sheets = [
      sheet("j1", "zeroBonus", { idea: 8, market: 60, team: 5, finance: 90, bonus: 0 }),
      sheet("j2", "zeroBonus", { idea: 7, market: 70, team: 6, finance: 80, bonus: 0 }),
      sheet("j1", "zeroTeam", { idea: 8, market: 60, team: 0, finance: 90, bonus: 10 }),
      sheet("j2", "zeroTeam", { idea: 7, market: 70, team: 6, finance: 80, bonus: 10 }),
      sheet("j1", "missingMarket", { idea: 8, team: 5, finance: 90 }),
    ];
    const result = computeRound(sheets, PITCH, OPTIONS);
    expect(Object.fromEntries(result.entries.map((e) => [e.entryId, e.hasZeroCriterion]))).toEqual({
      zeroBonus: false,
      zeroTeam: true,
      missingMarket: true,
    });
  });

  it("gives each criterion's mean raw score across judges, counted or not, to 2 decimals", () => {
    // idea (8 + 7 + 7)/3 = 7.33; market (60 + 65 + 70)/3 = 65; team (5 + 6 + 6)/3 = 5.67;
    // finance (90 + 80 + 85)/3 = 85; bonus (10 + 0 + missing→0)/3 = 3.33
    const sheets = [
      sheet("j1", "e1", { idea: 8, market: 60, team: 5, finance: 90, bonus: 10 }),
      sheet("j2", "e1", { idea: 7, market: 65, team: 6, finance: 80, bonus: 0 }),
      sheet("j3", "e1", { idea: 7, market: 70, team: 6, finance: 85 }),
    ];
    expect(computeRound(sheets, PITCH, OPTIONS).entries[0].criterionMeans).toEqual({
      idea: 7.33,
      market: 65,
      team: 5.67,
      finance: 85,
      bonus: 3.33,
    });
  });

  it("returns nothing for no sheets", () => {
    expect(computeRound([], SINGLE, OPTIONS)).toEqual({ entries: [], judges: [], panel: { mean: 0, sd: 0 } });
  });
});

// ---------------------------------------------------------------------------------------------
// The key property of the z-score
// ---------------------------------------------------------------------------------------------

describe("a judge who scores everything 10 points higher", () => {
  // Two criteria out of 100 (weights 60/40); each sheet gives the same score on both, so total = that score,
  // and adding 10 to every score of a judge adds exactly 10 to each of that judge's totals.
  const TWO: Criterion[] = [
    { id: "plan", weight: 60, maxScore: 100, countsInTotal: true },
    { id: "pitch", weight: 40, maxScore: 100, countsInTotal: true },
  ];
  const panel = (totals: Record<string, Record<string, number>>) =>
    Object.entries(totals).flatMap(([judgeId, byEntry]) =>
      Object.entries(byEntry).map(([entryId, t]) => sheet(judgeId, entryId, { plan: t, pitch: t })),
    );
  const lenient = (sheets: Sheet[], judgeId: string, points = 10) =>
    sheets.map((s) =>
      s.judgeId === judgeId
        ? { ...s, scores: Object.fromEntries(Object.entries(s.scores).map(([id, v]) => [id, v + points])) }
        : s,
    );

  // Each entry has 2 of the 3 judges (as after assignment with k = 2); every judge has 4 sheets ≥ 3.
  //          e1  e2  e3  e4  e5  e6
  //   A      50  60   ·   ·  40  70
  //   B      70  80  76  65   ·   ·
  //   C       ·   ·  60  80  65  55
  // Means:  60  70  68  72.5 52.5 62.5  → mean ranking e4, e2, e3, e6, e1, e5
  // A + 10: 65  75  68  72.5 57.5 67.5  → mean ranking e2, e4, e3, e6, e1, e5 (e2 overtakes e4)
  const base = panel({
    A: { e1: 50, e2: 60, e5: 40, e6: 70 },
    B: { e1: 70, e2: 80, e3: 76, e4: 65 },
    C: { e3: 60, e4: 80, e5: 65, e6: 55 },
  });

  it("changes nothing in the z-score ranking", () => {
    const before = rankAll(base, TWO);
    const after = rankAll(lenient(base, "A"), TWO);
    expect(order(after.zscore)).toEqual(order(before.zscore));
    expect(after.zscore.map((r) => r.rank)).toEqual(before.zscore.map((r) => r.rank));
    // A's mean moved by 10 and A's spread did not, so each of A's z-scores is what it was
    const stats = (sheets: Sheet[]) => computeRound(sheets, TWO, OPTIONS).judges.find((j) => j.judgeId === "A")!;
    expect(stats(lenient(base, "A")).mean).toBeCloseTo(stats(base).mean + 10, 9);
    expect(stats(lenient(base, "A")).sd).toBeCloseTo(stats(base).sd, 9);
  });

  it("while the plain mean ranking does change", () => {
    const before = rankAll(base, TWO);
    const after = rankAll(lenient(base, "A"), TWO);
    expect(order(before.mean)).toEqual(["e4", "e2", "e3", "e6", "e1", "e5"]);
    expect(order(after.mean)).toEqual(["e2", "e4", "e3", "e6", "e1", "e5"]);
  });

  /** Pairs of entries in strictly opposite order before and after. */
  const strictSwaps = (before: Ranked[], after: Ranked[]) => {
    const score = (list: Ranked[]) => new Map(list.map((r) => [r.entryId, r.score]));
    const [was, is] = [score(before), score(after)];
    const ids = [...was.keys()];
    return ids.flatMap((a) =>
      ids.filter((b) => was.get(a)! > was.get(b)! && is.get(a)! < is.get(b)!).map((b) => `${a}>${b}`),
    );
  };

  it("changes nothing in the z-score ranking of random panels either", () => {
    let changedMean = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const random = mulberry32(seed);
      const judges = Array.from({ length: 3 + Math.floor(random() * 5) }, (_, i) => `j${i}`);
      const k = 2 + Math.floor(random() * 2);
      const sheets: Sheet[] = [];
      for (let e = 0; e < 8 + Math.floor(random() * 12); e++) {
        const chosen = shuffle(judges, random).slice(0, k);
        for (const judgeId of chosen) {
          const plan = 20 + Math.floor(random() * 71); // ≤ 90, so +10 stays ≤ 100
          const pitch = 20 + Math.floor(random() * 71);
          sheets.push(sheet(judgeId, `e${String(e).padStart(2, "0")}`, { plan, pitch }));
        }
      }
      const options = { minSheetsToNormalise: 1, disagreementThreshold: 25 };
      const shifted = judges[Math.floor(random() * judges.length)];
      const before = rankAll(sheets, TWO, options);
      const after = rankAll(lenient(sheets, shifted), TWO, options);
      // Figures are rounded to 2 decimals, so two entries 0.004 apart may share a rank on one side and
      // not on the other; what must never happen is two entries swapping places strictly.
      expect(strictSwaps(before.zscore, after.zscore), `seed ${seed}`).toEqual([]);
      if (strictSwaps(before.mean, after.mean).length) changedMean++;
    }
    expect(changedMean).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Ranking and ties
// ---------------------------------------------------------------------------------------------

describe("rankEntries", () => {
  const TWO: Criterion[] = [
    { id: "idea", weight: 50, maxScore: 10, countsInTotal: true },
    { id: "team", weight: 50, maxScore: 10, countsInTotal: true },
  ];

  it("ranks by the chosen method, best first, with the score of that method", () => {
    const ranked = rankAll(table({ j1: { a: 60, b: 90, c: 75 }, j2: { a: 70, b: 80, c: 75 } }), SINGLE);
    expect(ranked.mean.map((r) => [r.entryId, r.score, r.rank, r.tieBrokenBy])).toEqual([
      ["b", 85, 1, null],
      ["c", 75, 2, null],
      ["a", 65, 3, null],
    ]);
  });

  it("separates equal scores by the tie-break criterion's mean", () => {
    // a: idea 8, team 6 from both judges → (40 + 30) = 70;  b: idea 6, team 8 → 70;  c: 9, 9 → 90
    const sheets = [
      sheet("j1", "a", { idea: 8, team: 6 }),
      sheet("j2", "a", { idea: 8, team: 6 }),
      sheet("j1", "b", { idea: 6, team: 8 }),
      sheet("j2", "b", { idea: 6, team: 8 }),
      sheet("j1", "c", { idea: 9, team: 9 }),
      sheet("j2", "c", { idea: 9, team: 9 }),
    ];
    const { entries } = computeRound(sheets, TWO, OPTIONS);
    const byIdea = rankEntries(entries, sheets, TWO, "mean", "idea");
    expect(byIdea.map((r) => [r.entryId, r.score, r.rank, r.tieBrokenBy, r.tiedWith])).toEqual([
      ["c", 90, 1, null, []],
      ["a", 70, 2, "criterion", []],
      ["b", 70, 3, "criterion", []],
    ]);
    const byTeam = rankEntries(entries, sheets, TWO, "mean", "team");
    expect(byTeam.map((r) => [r.entryId, r.rank, r.tieBrokenBy])).toEqual([
      ["c", 1, null],
      ["b", 2, "criterion"],
      ["a", 3, "criterion"],
    ]);
  });

  it("then by the number of judges who scored the entry highest among the tied", () => {
    // a: 80, 75, 55 → 70;  b: 70, 70, 70 → 70; criterion means equal (70 = 70)
    // j1: a 80 > b 70 → a;  j2: a 75 > 70 → a;  j3: b 70 > 55 → b.  a 2 judges, b 1 → a first
    const sheets = table({ j1: { a: 80, b: 70 }, j2: { a: 75, b: 70 }, j3: { a: 55, b: 70 } });
    const { entries } = computeRound(sheets, SINGLE, OPTIONS);
    expect(
      rankEntries(entries, sheets, SINGLE, "mean", "q").map((r) => [r.entryId, r.rank, r.tieBrokenBy, r.tiedWith]),
    ).toEqual([
      ["a", 1, "top_judges", []],
      ["b", 2, "top_judges", []],
    ]);
    // with no tie-break criterion named, the judges still decide
    expect(rankEntries(entries, sheets, SINGLE, "mean", null).map((r) => [r.entryId, r.rank, r.tieBrokenBy])).toEqual([
      ["a", 1, "top_judges"],
      ["b", 2, "top_judges"],
    ]);
  });

  it("counts judges only among the entries the criterion left tied", () => {
    // Criteria x and y, 50/50 out of 100: total = (x + y) / 2. Tie-break criterion x.
    //            totals (j1, j2, j3)   mean   x mean
    //   a  x 80: 50, 70, 60            60      80   → separated by the criterion: first
    //   b  x 50: 70, 55, 55            60      50
    //   c  x 50: 50, 65, 65            60      50
    // Among b and c: j1 b 70 > 50 → b; j2 c 65 > 55 → c; j3 c → c.  c 2, b 1 → c second, b third.
    // (Counting among a, b, c would give j2 to a and leave b and c at one judge each.)
    const XY: Criterion[] = [
      { id: "x", weight: 50, maxScore: 100, countsInTotal: true },
      { id: "y", weight: 50, maxScore: 100, countsInTotal: true },
    ];
    const totals: Record<string, [number, number[]]> = {
      a: [80, [50, 70, 60]],
      b: [50, [70, 55, 55]],
      c: [50, [50, 65, 65]],
    };
    const sheets = Object.entries(totals).flatMap(([entryId, [x, byJudge]]) =>
      byJudge.map((t, i) => sheet(`j${i + 1}`, entryId, { x, y: 2 * t - x })),
    );
    const { entries } = computeRound(sheets, XY, OPTIONS);
    expect(
      rankEntries(entries, sheets, XY, "mean", "x").map((r) => [r.entryId, r.score, r.rank, r.tieBrokenBy, r.tiedWith]),
    ).toEqual([
      ["a", 60, 1, "criterion", []],
      ["c", 60, 2, "top_judges", []],
      ["b", 60, 3, "top_judges", []],
    ]);
  });

  it("otherwise gives a shared rank, competition style (1, 2, 2, 4), listing the others tied", () => {
    // w 90; x: 80, 60 → 70; y: 60, 80 → 70; z 50.  j1 tops x, j2 tops y → 1 each: still tied
    const sheets = table({ j1: { w: 90, x: 80, y: 60, z: 50 }, j2: { w: 90, x: 60, y: 80, z: 50 } });
    const { entries } = computeRound(sheets, SINGLE, OPTIONS);
    expect(
      rankEntries(entries, sheets, SINGLE, "mean", "q").map((r) => [r.entryId, r.rank, r.tiedWith, r.tieBrokenBy]),
    ).toEqual([
      ["w", 1, [], null],
      ["x", 2, ["y"], null],
      ["y", 2, ["x"], null],
      ["z", 4, [], null],
    ]);
  });

  it("shares first place among three when each was topped by one judge (1, 1, 1, 4)", () => {
    const sheets = table({
      j1: { a: 80, b: 70, c: 60, d: 50 },
      j2: { a: 60, b: 80, c: 70, d: 50 },
      j3: { a: 70, b: 60, c: 80, d: 50 },
    });
    const { entries } = computeRound(sheets, SINGLE, OPTIONS);
    expect(rankEntries(entries, sheets, SINGLE, "mean", null).map((r) => [r.entryId, r.rank, r.tiedWith])).toEqual([
      ["a", 1, ["b", "c"]],
      ["b", 1, ["a", "c"]],
      ["c", 1, ["a", "b"]],
      ["d", 4, []],
    ]);
  });

  it("does not count a judge as scoring highest when the two totals are equal on paper", () => {
    // j3 gives a and b 50.45 each through different scores (see weightedTotal): that judge decides nothing.
    // a: 80, 60, 50.45; b: 60, 80, 50.45 → both 63.48; j1 tops a, j2 tops b → still tied
    const high = { idea: 8, market: 80, team: 8, finance: 80 }; // 80
    const low = { idea: 6, market: 60, team: 6, finance: 60 }; // 60
    const sheets = [
      sheet("j1", "a", high),
      sheet("j1", "b", low),
      sheet("j2", "a", low),
      sheet("j2", "b", high),
      sheet("j3", "a", { idea: 5, market: 50, team: 5, finance: 53 }),
      sheet("j3", "b", { idea: 5, market: 51, team: 5, finance: 51 }),
    ];
    const { entries } = computeRound(sheets, PITCH, OPTIONS);
    expect(
      rankEntries(entries, sheets, PITCH, "mean", null).map((r) => [r.entryId, r.score, r.rank, r.tieBrokenBy]),
    ).toEqual([
      ["a", 63.48, 1, null],
      ["b", 63.48, 1, null],
    ]);
  });
});

describe("rankEntries on exact figures, with judges compared only where they scored both", () => {
  it("counts only the judges who scored both entries: an entry is not favoured for having drawn more judges", () => {
    // a, five judges: 60, 60, 90, 80, 60 → 70;  b, three of them: 70, 70, 70 → 70.
    // Judges who scored both: j1 (b 70 > 60), j2 (b), j3 (a 90 > 70) → b 2, a 1: b first.
    // Counting j4 and j5, who never saw b, would have given a 4 judges and the first place.
    const sheets = table({
      j1: { a: 60, b: 70 },
      j2: { a: 60, b: 70 },
      j3: { a: 90, b: 70 },
      j4: { a: 80 },
      j5: { a: 60 },
    });
    const { entries } = computeRound(sheets, SINGLE, OPTIONS);
    expect(
      rankEntries(entries, sheets, SINGLE, "mean", null).map((r) => [r.entryId, r.score, r.rank, r.tieBrokenBy]),
    ).toEqual([
      ["b", 70, 1, "top_judges"],
      ["a", 70, 2, "top_judges"],
    ]);
  });

  it("leaves the tie to the committee when the common judges split, whatever the others gave", () => {
    // a: j1 80, j2 60, j3 70 → 70;  b: j1 70, j2 70 → 70.  Common judges: j1 tops a, j2 tops b → 1 each.
    // (j3 scored only a: before, that judge made a first.)
    const sheets = table({ j1: { a: 80, b: 70 }, j2: { a: 60, b: 70 }, j3: { a: 70 } });
    const { entries } = computeRound(sheets, SINGLE, OPTIONS);
    expect(
      rankEntries(entries, sheets, SINGLE, "mean", null).map((r) => [r.entryId, r.rank, r.tiedWith, r.tieBrokenBy]),
    ).toEqual([
      ["a", 1, ["b"], null],
      ["b", 1, ["a"], null],
    ]);
  });

  it("among three tied entries counts only the judges who scored all three", () => {
    // Each 70. j1 scored a, b, c: tops a. j2 scored a and b only: tops b — not counted, it never saw c.
    // j3 scored b and c only: tops c — not counted.  So a 1, b 0, c 0: a first, b and c still tied.
    const sheets = table({
      j1: { a: 90, b: 60, c: 70 },
      j2: { a: 50, b: 80 },
      j3: { b: 70, c: 70 },
      j4: { c: 70, a: 70 },
    });
    const { entries } = computeRound(sheets, SINGLE, OPTIONS);
    const means = Object.fromEntries(entries.map((e) => [e.entryId, e.exact.mean]));
    expect(means).toEqual({ a: 70, b: 70, c: 70 });
    expect(rankEntries(entries, sheets, SINGLE, "mean", null).map((r) => [r.entryId, r.rank, r.tiedWith])).toEqual([
      ["a", 1, []],
      ["b", 2, ["c"]],
      ["c", 2, ["b"]],
    ]);
  });

  it("ranks on exact figures: 70.004 is above 70.001 though both are shown as 70", () => {
    const result = (entryId: string, exactMean: number): EntryResult => ({
      entryId,
      judges: 3,
      totals: [],
      mean: 70,
      trimmed: 70,
      median: 70,
      zscore: 70,
      spread: 0,
      disagreement: false,
      hasZeroCriterion: false,
      criterionMeans: {},
      exact: {
        mean: exactMean,
        trimmed: exactMean,
        median: exactMean,
        zscore: exactMean,
        spread: 0,
        criterionMeans: {},
      },
    });
    const ranked = rankEntries([result("a", 70.001), result("b", 70.004)], [], SINGLE, "mean", null);
    expect(ranked.map((r) => [r.entryId, r.score, r.exactScore, r.rank, r.tiedWith])).toEqual([
      ["b", 70, 70.004, 1, []],
      ["a", 70, 70.001, 2, []],
    ]);
  });

  it("keeps the exact figures beside the rounded ones: 421/6 is shown 70.17 and compared as 70.1666…", () => {
    const [entry] = computeRound(table({ j1: { a: 70 }, j2: { a: 70 }, j3: { a: 70.5 } }), SINGLE, OPTIONS).entries;
    expect(entry.mean).toBe(70.17);
    expect(entry.exact.mean).toBeCloseTo(421 / 6, 9);
    expect(entry.exact.mean).not.toBe(70.17);
  });

  it("flags disagreement on the exact spread: 23.333… is above a threshold of 23.33 (rounding made it equal)", () => {
    // Three criteria of weight 1 out of 10: a sheet's total is (s1 + s2 + s3) / 30 · 100.
    // j1 10, 10, 10 → 100;  j2 7, 8, 8 → 76.666…;  spread 23.333…, shown 23.33.
    const THREE: Criterion[] = ["x", "y", "z"].map((id) => ({ id, weight: 1, maxScore: 10, countsInTotal: true }));
    const sheets = [sheet("j1", "a", { x: 10, y: 10, z: 10 }), sheet("j2", "a", { x: 7, y: 8, z: 8 })];
    const [entry] = computeRound(sheets, THREE, { minSheetsToNormalise: 3, disagreementThreshold: 23.33 }).entries;
    expect(entry.spread).toBe(23.33);
    expect(entry.disagreement).toBe(true);
    expect(
      computeRound(sheets, THREE, { minSheetsToNormalise: 3, disagreementThreshold: 23.34 }).entries[0].disagreement,
    ).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Cut-off, advancing, prizes
// ---------------------------------------------------------------------------------------------

describe("cutOffChanges", () => {
  // Four judges score seven entries. e1..e5 get 90, 85, 80, 75, 70 from everyone;
  // e6 gets 65 from everyone → mean 65, trimmed 65;
  // e7 gets 95 from j1 and 60 from the others → mean (95 + 180)/4 = 68.75, trimmed (60 + 60)/2 = 60.
  // Top 6 by mean: e1..e5 and e7 (68.75 > 65).  Top 6 by trimmed: e1..e5 and e6 (65 > 60).
  // Z-score: j2..j4 give 90..60 → mean 75, sd 10 (deviations ±15, ±10, ±5, 0 → 700/7 = 100);
  //   j1 gives 90, 85, 80, 75, 70, 65, 95 → mean 80, sd 10 too.
  //   e5: z (−1, −0.5, −0.5, −0.5) → −0.625;  e7: (+1.5, −1.5 ×3) → −0.75;  e6: (−1.5, −1 ×3) → −1.125
  //   so z-score agrees with the mean: e1..e5, e7.
  const flat = (score: number) => ({ j1: score, j2: score, j3: score, j4: score });
  const perEntry: Record<string, Record<string, number>> = {
    e1: flat(90),
    e2: flat(85),
    e3: flat(80),
    e4: flat(75),
    e5: flat(70),
    e6: flat(65),
    e7: { j1: 95, j2: 60, j3: 60, j4: 60 },
  };
  const sheets = Object.entries(perEntry).flatMap(([entryId, byJudge]) =>
    Object.entries(byJudge).map(([judgeId, q]) => sheet(judgeId, entryId, { q })),
  );
  const byMethod = rankAll(sheets, SINGLE);

  it("the trimmed and plain means really disagree on the sixth place", () => {
    expect(byId(byMethod.mean, "e7").mean).toBe(68.75);
    expect(byId(byMethod.mean, "e7").trimmed).toBe(60);
    expect(order(byMethod.mean).slice(0, 6)).toEqual(["e1", "e2", "e3", "e4", "e5", "e7"]);
    expect(order(byMethod.trimmed).slice(0, 6)).toEqual(["e1", "e2", "e3", "e4", "e5", "e6"]);
    expect(order(byMethod.zscore).slice(0, 6)).toEqual(["e1", "e2", "e3", "e4", "e5", "e7"]);
  });

  it("names who would enter and leave the top 6 under trimmed (and median) when the round uses the mean", () => {
    // e7's median is (60 + 60) / 2 = 60 and e6's 65: the median sides with the trimmed mean.
    expect(cutOffChanges(byMethod, 6, "mean")).toEqual([
      { method: "trimmed", entering: ["e6"], leaving: ["e7"] },
      { method: "median", entering: ["e6"], leaving: ["e7"] },
    ]);
  });

  it("and the other way round when the round uses the trimmed mean", () => {
    expect(cutOffChanges(byMethod, 6, "trimmed")).toEqual([
      { method: "mean", entering: ["e7"], leaving: ["e6"] },
      { method: "zscore", entering: ["e7"], leaving: ["e6"] },
    ]);
  });

  it("reports nothing when every method agrees on who is inside", () => {
    expect(cutOffChanges(byMethod, 5, "mean")).toEqual([]);
    expect(cutOffChanges(byMethod, 7, "zscore")).toEqual([]);
  });
  describe("in a round that advances entries, the warning follows who advances, board by board", () => {
    // Board "a": e1..e4; board "b": e5, e6, e7; two advance per board. Mean: e5 (70), e7 (68.75); trimmed: e5, e6 (65 > 60).
    const board = (id: string) => (["e5", "e6", "e7"].includes(id) ? "b" : "a");
    const rules = { perCategory: 2, minAverage: 0, noZeroCriterion: false };

    it("names who would advance and who would stop under trimmed when the round uses the mean", () => {
      expect(advancementChanges(byMethod, "mean", board, rules)).toEqual([
        { method: "trimmed", entering: ["e6"], leaving: ["e7"] },
        { method: "median", entering: ["e6"], leaving: ["e7"] },
      ]);
    });

    it("fires where a warning tied to the edition's prize places cannot (all seven are inside six-plus places)", () => {
      expect(cutOffChanges(byMethod, 7, "mean")).toEqual([]);
      expect(advancementChanges(byMethod, "mean", board, rules)).not.toEqual([]);
    });

    it("reports nothing when every method advances the same entries", () => {
      expect(advancementChanges(byMethod, "mean", board, { ...rules, perCategory: 1 })).toEqual([]);
    });
  });
});

describe("advancing", () => {
  const category: Record<string, string | null> = {
    a1: "agri",
    a2: "agri",
    a3: "agri",
    a4: "agri",
    t1: "tech",
    t2: "tech",
    t3: "tech",
    n1: null,
  };
  const categoryOf = (id: string) => category[id] ?? null;
  // given out of order on purpose: advancing goes by rank
  const ranking = (overrides: Partial<Record<string, [number, boolean]>> = {}) =>
    [
      ["t3", 8, 55],
      ["a1", 1, 90],
      ["t1", 2, 88],
      ["a2", 3, 80],
      ["a3", 4, 78],
      ["t2", 5, 70],
      ["n1", 6, 65],
      ["a4", 7, 60],
    ].map(([id, rank, mean]) => {
      const [m, zero] = overrides[id as string] ?? [mean as number, false];
      return row(id as string, rank as number, m, zero);
    });

  it("takes the best N of each category in rank order (no category is a category of its own)", () => {
    expect(advancing(ranking(), categoryOf, { perCategory: 2, minAverage: 0, noZeroCriterion: false })).toEqual([
      "a1",
      "t1",
      "a2",
      "t2",
      "n1",
    ]);
    expect(advancing(ranking(), categoryOf, { perCategory: 1, minAverage: 0, noZeroCriterion: false })).toEqual([
      "a1",
      "t1",
      "n1",
    ]);
  });

  it("excludes an entry whose mean is below the minimum average, and the next one takes the place", () => {
    // a2's mean 49.99 < 50 → out, a3 advances for agri; a1 at exactly 50 stays in
    const list = ranking({ a2: [49.99, false], a1: [50, false] });
    expect(advancing(list, categoryOf, { perCategory: 2, minAverage: 50, noZeroCriterion: false })).toEqual([
      "a1",
      "t1",
      "a3",
      "t2",
      "n1",
    ]);
    expect(advancing(ranking(), categoryOf, { perCategory: 9, minAverage: 70, noZeroCriterion: false })).toEqual([
      "a1",
      "t1",
      "a2",
      "a3",
      "t2",
    ]);
  });

  it("excludes an entry with a 0 on a counted criterion when the rule is on", () => {
    const list = ranking({ a1: [90, true] });
    expect(advancing(list, categoryOf, { perCategory: 2, minAverage: 0, noZeroCriterion: true })).toEqual([
      "t1",
      "a2",
      "a3",
      "t2",
      "n1",
    ]);
  });

  it("keeps it when the rule is off", () => {
    const list = ranking({ a1: [90, true] });
    expect(advancing(list, categoryOf, { perCategory: 2, minAverage: 0, noZeroCriterion: false })).toEqual([
      "a1",
      "t1",
      "a2",
      "t2",
      "n1",
    ]);
  });
});

describe("proposePrizes", () => {
  const DEFAULT_PRIZES = [
    { id: "nhat", count: 1 },
    { id: "nhi", count: 1 },
    { id: "ba", count: 2 },
    { id: "khuyen-khich", count: 2 },
  ];

  it("fills 1 nhất, 1 nhì, 2 ba, 2 khuyến khích in rank order", () => {
    const ranked = [
      row("h", 8, 40),
      row("c", 3, 75),
      row("a", 1, 90),
      row("f", 6, 60),
      row("b", 2, 80),
      row("e", 5, 65),
      row("d", 4, 70),
      row("g", 7, 50),
    ];
    expect(proposePrizes(ranked, DEFAULT_PRIZES)).toEqual([
      { prizeId: "nhat", entryId: "a", rank: 1 },
      { prizeId: "nhi", entryId: "b", rank: 2 },
      { prizeId: "ba", entryId: "c", rank: 3 },
      { prizeId: "ba", entryId: "d", rank: 4 },
      { prizeId: "khuyen-khich", entryId: "e", rank: 5 },
      { prizeId: "khuyen-khich", entryId: "f", rank: 6 },
    ]);
  });

  it("stops when there are fewer entries than prizes", () => {
    const ranked = [row("b", 2, 80), row("a", 1, 90), row("c", 3, 70)];
    expect(proposePrizes(ranked, DEFAULT_PRIZES)).toEqual([
      { prizeId: "nhat", entryId: "a", rank: 1 },
      { prizeId: "nhi", entryId: "b", rank: 2 },
      { prizeId: "ba", entryId: "c", rank: 3 },
    ]);
    expect(proposePrizes([], DEFAULT_PRIZES)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Ties at a cut-off are the committee's
// ---------------------------------------------------------------------------------------------

describe("a tie at a prize cut-off", () => {
  const PRIZES = [
    { id: "nhat", count: 1 },
    { id: "nhi", count: 1 },
    { id: "ba", count: 2 },
    { id: "khuyen-khich", count: 2 },
  ];
  // Two judges. a..e: 95, 90, 85, 80, 75 from both. f: j1 80, j2 60 → 70; g: j1 60, j2 80 → 70; h 50.
  // f and g: equal mean, no tie-break criterion, one judge each: the cascade cannot separate them.
  const sheets = table({
    j1: { a: 95, b: 90, c: 85, d: 80, e: 75, f: 80, g: 60, h: 50 },
    j2: { a: 95, b: 90, c: 85, d: 80, e: 75, f: 60, g: 80, h: 50 },
  });
  const ranked = rankAll(sheets, SINGLE).mean;

  it("is reported unresolved, with the entries and the places 6–7 (khuyến khích against no prize), and the place stays open", () => {
    expect(ranked.filter((r) => r.rank === 6).map((r) => r.entryId)).toEqual(["f", "g"]);
    const { awards, ties } = prizeAllocation(ranked, PRIZES);
    expect(ties).toEqual([
      {
        entryIds: ["f", "g"],
        score: 70,
        firstPlace: 6,
        lastPlace: 7,
        prizeIds: ["khuyen-khich", null],
        resolution: null,
      },
    ]);
    expect(awards).toEqual([
      { prizeId: "nhat", entryId: "a", rank: 1 },
      { prizeId: "nhi", entryId: "b", rank: 2 },
      { prizeId: "ba", entryId: "c", rank: 3 },
      { prizeId: "ba", entryId: "d", rank: 4 },
      { prizeId: "khuyen-khich", entryId: "e", rank: 5 },
    ]);
  });

  it("gives the open place in the committee's order once it has decided, on the same tied score", () => {
    const { awards, ties } = prizeAllocation(ranked, PRIZES, [{ entryIds: ["g", "f"], score: 70 }]);
    expect(awards.at(-1)).toEqual({ prizeId: "khuyen-khich", entryId: "g", rank: 6 });
    expect(awards.map((a) => a.entryId)).not.toContain("f");
    expect(ties[0].resolution).toEqual({ entryIds: ["g", "f"], score: 70 });
  });

  it("ignores a decision taken on another score or other entries (the tie it settled is gone)", () => {
    expect(prizeAllocation(ranked, PRIZES, [{ entryIds: ["g", "f"], score: 70.5 }]).ties[0].resolution).toBeNull();
    expect(prizeAllocation(ranked, PRIZES, [{ entryIds: ["g", "h"], score: 70 }]).ties[0].resolution).toBeNull();
    expect(proposePrizes(ranked, PRIZES, [{ entryIds: ["g", "f"], score: 70.5 }])).toHaveLength(5);
  });

  it("between the 1st and 2nd places is the committee's too: nhất and nhì stay open, the rest is given", () => {
    const top = [
      row("x", 1, 90),
      row("y", 1, 90),
      row("c", 3, 80),
      row("d", 4, 75),
      row("e", 5, 70),
      row("f", 6, 65),
      row("g", 7, 60),
    ];
    const { awards, ties } = prizeAllocation(top, PRIZES);
    expect(ties).toEqual([
      { entryIds: ["x", "y"], score: 90, firstPlace: 1, lastPlace: 2, prizeIds: ["nhat", "nhi"], resolution: null },
    ]);
    expect(awards.map((a) => [a.rank, a.prizeId, a.entryId])).toEqual([
      [3, "ba", "c"],
      [4, "ba", "d"],
      [5, "khuyen-khich", "e"],
      [6, "khuyen-khich", "f"],
    ]);
  });

  it("inside one prize decides nothing: two entries tied at 3rd both get a giải ba, sharing rank 3", () => {
    const list = [
      row("a", 1, 90),
      row("b", 2, 85),
      row("c", 3, 80),
      row("d", 3, 80),
      row("e", 5, 70),
      row("f", 6, 65),
      row("g", 7, 60),
    ];
    const { awards, ties } = prizeAllocation(list, PRIZES);
    expect(ties).toEqual([]);
    expect(awards.map((a) => [a.rank, a.prizeId, a.entryId])).toEqual([
      [1, "nhat", "a"],
      [2, "nhi", "b"],
      [3, "ba", "c"],
      [3, "ba", "d"],
      [5, "khuyen-khich", "e"],
      [6, "khuyen-khich", "f"],
    ]);
  });

  it("below the last prize place decides nothing either", () => {
    const list = [1, 2, 3, 4, 5, 6]
      .map((rank) => row(`p${rank}`, rank, 100 - rank))
      .concat([row("u", 7, 50), row("v", 7, 50)]);
    expect(prizeAllocation(list, PRIZES).ties).toEqual([]);
    expect(proposePrizes(list, PRIZES)).toHaveLength(6);
  });

  it("across three places (ba, khuyến khích, none) names all three and leaves all three open", () => {
    const list = [row("a", 1, 90), row("b", 2, 85), row("c", 3, 80), row("x", 4, 70), row("y", 4, 70), row("z", 4, 70)];
    const { awards, ties } = prizeAllocation(list, PRIZES);
    expect(ties.map((t) => [t.entryIds, t.firstPlace, t.lastPlace, t.prizeIds])).toEqual([
      [["x", "y", "z"], 4, 6, ["ba", "khuyen-khich", "khuyen-khich"]],
    ]);
    expect(awards.map((a) => a.entryId)).toEqual(["a", "b", "c"]);
    const decided = prizeAllocation(list, PRIZES, [{ entryIds: ["z", "x", "y"], score: 70 }]).awards;
    expect(decided.slice(3).map((a) => [a.rank, a.prizeId, a.entryId])).toEqual([
      [4, "ba", "z"],
      [5, "khuyen-khich", "x"],
      [6, "khuyen-khich", "y"],
    ]);
  });
});

describe("a tie at the advancement cut-off", () => {
  const category: Record<string, string | null> = {
    a1: "agri",
    a2: "agri",
    a3: "agri",
    a4: "agri",
    t1: "tech",
    t2: "tech",
  };
  const categoryOf = (id: string) => category[id] ?? null;
  const rules = { perCategory: 2, minAverage: 50, noZeroCriterion: false };

  it("is reported unresolved when it straddles the last advancing place of a board, and neither entry is chosen", () => {
    // agri: a1 first, a2 and a3 tied 2nd–3rd with 2 places: the 2nd place is the committee's. tech: t1, t2 advance.
    const list = [
      row("a1", 1, 90),
      row("t1", 2, 85),
      row("a2", 3, 80),
      row("a3", 3, 80),
      row("t2", 5, 70),
      row("a4", 6, 60),
    ];
    const { chosen, ties } = advancement(list, categoryOf, rules);
    expect(chosen).toEqual(["a1", "t1", "t2"]);
    expect(ties).toEqual([
      { entryIds: ["a2", "a3"], score: 80, firstPlace: 2, lastPlace: 3, category: "agri", cutOff: 2, resolution: null },
    ]);
    expect(advancing(list, categoryOf, rules)).toEqual(["a1", "t1", "t2"]);
  });

  it("advances the committee's choice once it has decided", () => {
    const list = [
      row("a1", 1, 90),
      row("t1", 2, 85),
      row("a2", 3, 80),
      row("a3", 3, 80),
      row("t2", 5, 70),
      row("a4", 6, 60),
    ];
    const { chosen, ties } = advancement(list, categoryOf, rules, [{ entryIds: ["a3", "a2"], score: 80 }]);
    expect(chosen).toEqual(["a1", "t1", "a3", "t2"]);
    expect(ties[0].resolution).toEqual({ entryIds: ["a3", "a2"], score: 80 });
  });

  it("decides nothing when the tied entries are in different boards, or all inside, or all outside the cut-off", () => {
    // a1 and t1 tied at 1st, one per board: both advance. a3 and a4 tied 3rd–4th of agri: both outside the 2 places.
    const list = [
      row("a1", 1, 90),
      row("t1", 1, 90),
      row("a2", 3, 85),
      row("a3", 4, 80),
      row("a4", 4, 80),
      row("t2", 6, 70),
    ];
    expect(advancement(list, categoryOf, rules)).toEqual({ chosen: ["a1", "t1", "a2", "t2"], ties: [] });
    const inside = [row("a1", 1, 90), row("a2", 1, 90), row("a3", 3, 80)];
    expect(advancement(inside, categoryOf, rules)).toEqual({ chosen: ["a1", "a2"], ties: [] });
  });

  it("counts only the eligible: an entry under the minimum average does not make a tie", () => {
    // a3 is tied with a2 but its exact mean 49.996 is under 50 (shown as 50): a2 advances alone.
    const list = [row("a1", 1, 90), row("a2", 2, 50, false, 50), row("a3", 2, 50, false, 49.996)];
    expect(advancement(list, categoryOf, rules)).toEqual({ chosen: ["a1", "a2"], ties: [] });
  });

  it("compares the minimum average with the exact mean: 49.996 shown as 50 does not reach 50", () => {
    const list = [row("a1", 1, 90), row("a2", 2, 50, false, 49.996), row("a3", 3, 50, false, 50)];
    expect(advancing(list, categoryOf, rules)).toEqual(["a1", "a3"]);
  });
});

/** A small seeded PRNG (mulberry32), so random panels are the same on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
