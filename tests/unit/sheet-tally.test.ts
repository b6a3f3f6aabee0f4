import { describe, expect, it } from "vitest";
import { computeRound, sheetTally, weightedTotal, type Criterion } from "../../app/modules/judging/scoring";

/** Weights 40/30/15/15 with maxima 10 and 100 mixed, plus a bonus that does not count. */
const PITCH: Criterion[] = [
  { id: "idea", weight: 40, maxScore: 10, countsInTotal: true },
  { id: "market", weight: 30, maxScore: 100, countsInTotal: true },
  { id: "team", weight: 15, maxScore: 10, countsInTotal: true },
  { id: "finance", weight: 15, maxScore: 100, countsInTotal: true },
  { id: "bonus", weight: 20, maxScore: 10, countsInTotal: false },
];

describe("sheetTally, the running total of a score sheet", () => {
  it("is 0 with every counted criterion listed blank, in the rubric's order, for an empty sheet", () => {
    expect(sheetTally({}, PITCH)).toEqual({ total: 0, blank: ["idea", "market", "team", "finance"] });
  });

  it("counts a blank as 0 and lists it, as the ranking would total a partial sheet", () => {
    // idea 8/10 · 40 = 32; market 55/100 · 30 = 16.5 → 48.5 of 100 weights
    const tally = sheetTally({ idea: 8, market: 55, team: null, finance: undefined }, PITCH);
    expect(tally).toEqual({ total: 48.5, blank: ["team", "finance"] });
  });

  it("ignores a non-counting criterion: it adds nothing, dilutes nothing and is never listed as blank", () => {
    const full = { idea: 8, market: 60, team: 5, finance: 90 };
    expect(sheetTally(full, PITCH)).toEqual({ total: 71, blank: [] });
    expect(sheetTally({ ...full, bonus: 10 }, PITCH)).toEqual({ total: 71, blank: [] });
  });

  it("scales by the counted weights when they do not sum to 100 (2 + 1 = 3)", () => {
    const criteria: Criterion[] = [
      { id: "a", weight: 2, maxScore: 10, countsInTotal: true },
      { id: "b", weight: 1, maxScore: 100, countsInTotal: true },
    ];
    // (2 · 10/10 + 1 · 40/100) / 3 · 100 = 80
    expect(sheetTally({ a: 10, b: 40 }, criteria)).toEqual({ total: 80, blank: [] });
    // every weight 0: nothing to total
    expect(
      sheetTally(
        { a: 10 },
        criteria.map((c) => ({ ...c, weight: 0 })),
      ),
    ).toEqual({ total: 0, blank: ["b"] });
  });

  it("reaches exactly 100 at every maximum and keeps 0 as a score, not a blank", () => {
    expect(sheetTally({ idea: 10, market: 100, team: 10, finance: 100 }, PITCH)).toEqual({ total: 100, blank: [] });
    expect(sheetTally({ idea: 0, market: 0, team: 0, finance: 0 }, PITCH)).toEqual({ total: 0, blank: [] });
  });

  it("leaves out a figure the form would refuse (above the maximum, negative, not a number) and lists it blank", () => {
    const tally = sheetTally({ idea: 11, market: -1, team: Number.NaN, finance: 100 }, PITCH);
    expect(tally).toEqual({ total: 15, blank: ["idea", "market", "team"] });
  });

  it("gives the very total the ranking computes for the same submitted sheet", () => {
    const scores = { idea: 6, market: 20, team: 9, finance: 80, bonus: 3 };
    const round = computeRound([{ judgeId: "j1", entryId: "e1", scores }], PITCH, {
      minSheetsToNormalise: 5,
      disagreementThreshold: 15,
    });
    // 6/10·40 + 20/100·30 + 9/10·15 + 80/100·15 = 24 + 6 + 13.5 + 12 = 55.5
    expect(sheetTally(scores, PITCH).total).toBe(55.5);
    expect(round.entries[0].totals[0].total).toBe(sheetTally(scores, PITCH).total);
    expect(weightedTotal(scores, PITCH)).toBe(55.5);
  });
});
