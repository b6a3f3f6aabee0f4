/**
 * The speed-ups of scoring.ts and assignment.ts change no result: the outputs below were recorded from the
 * implementation before them (seeded rounds with equal scores, shared ranks, several judges, conflicts, a
 * fixed pair, ids whose locale order differs from code-point order) and must come out identical. The median
 * (the fourth method) came after the recording: its figures are left out of the comparison, every other field
 * must still be the same to the last bit.
 */
import { describe, expect, it } from "vitest";
import { assignJudges } from "../../app/modules/judging/assignment";
import { computeRound, rankEntries } from "../../app/modules/judging/scoring";
import recorded from "./fixtures/judging-equivalence.json";

/** An entry's figures without the median's (display and exact), as the recording has them. */
function withoutMedian<T extends { median: number; exact: { median: number } }>(entry: T) {
  const { median: _shown, exact, ...rest } = entry;
  const { median: _exact, ...exactRest } = exact;
  return { ...rest, exact: exactRest };
}

describe("judging results are those of the implementation before the speed-ups", () => {
  for (const round of recorded as any[]) {
    it(`round seeded ${round.seed}: the same figures, ranks, ties and assignment`, () => {
      const computation = computeRound(round.sheets, round.criteria, round.options);
      expect({ ...computation, entries: computation.entries.map(withoutMedian) }).toEqual(round.computation);
      for (const method of ["mean", "trimmed", "zscore"] as const)
        expect(
          rankEntries(computation.entries, round.sheets, round.criteria, method, round.tieBreak).map(withoutMedian),
        ).toEqual(round.ranked[method]);
      // No movable assignment in the recording: nothing is withdrawn.
      expect(assignJudges({ ...round.assignInput, conflicts: new Set(round.assignInput.conflicts) })).toEqual({
        ...round.assigned,
        removed: [],
      });
    });
  }
});
