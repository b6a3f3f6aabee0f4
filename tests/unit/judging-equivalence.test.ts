/**
 * The speed-ups of scoring.ts and assignment.ts change no result: the outputs below were recorded from the
 * implementation before them (seeded rounds with equal scores, shared ranks, several judges, conflicts, a
 * fixed pair, ids whose locale order differs from code-point order) and must come out identical.
 */
import { describe, expect, it } from "vitest";
import { assignJudges } from "../../app/modules/judging/assignment";
import { computeRound, rankEntries } from "../../app/modules/judging/scoring";
import recorded from "./fixtures/judging-equivalence.json";

describe("judging results are those of the implementation before the speed-ups", () => {
  for (const round of recorded as any[]) {
    it(`round seeded ${round.seed}: the same figures, ranks, ties and assignment`, () => {
      const computation = computeRound(round.sheets, round.criteria, round.options);
      expect(computation).toEqual(round.computation);
      for (const method of ["mean", "trimmed", "zscore"] as const)
        expect(rankEntries(computation.entries, round.sheets, round.criteria, method, round.tieBreak)).toEqual(
          round.ranked[method],
        );
      expect(assignJudges({ ...round.assignInput, conflicts: new Set(round.assignInput.conflicts) })).toEqual(
        round.assigned,
      );
    });
  }
});
