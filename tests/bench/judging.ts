/**
 * The judging algorithms at national size (issue 16, goals 1 and 2), in this process: ranking a round by all
 * four methods (`computeRound` + `rankEntries`, as `roundRanking` calls them) at 2,500–20,000 entries with 5
 * sheets each, and the automatic assignment of 1,000 and 10,000 entries to 50 judges, k = 3. Each figure is the
 * best of several runs (the machine is shared). Part of `npm run bench`; alone: npx tsx tests/bench/judging.ts
 */
import { assignJudges, conflictKey } from "../../app/modules/judging/assignment";
import { AGGREGATIONS, computeRound, rankEntries, type Criterion, type Sheet } from "../../app/modules/judging/scoring";

export type GoalLine = { label: string; figure: string; goal: string; pass: boolean };

/** mulberry32: the same round on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ids shaped like the portal's (`randomUUID()`), but seeded. */
function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const CRITERIA: Criterion[] = [
  { id: uuid(random(1)), weight: 30, maxScore: 10, countsInTotal: true },
  { id: uuid(random(2)), weight: 20, maxScore: 10, countsInTotal: true },
  { id: uuid(random(3)), weight: 20, maxScore: 10, countsInTotal: true },
  { id: uuid(random(4)), weight: 15, maxScore: 10, countsInTotal: true },
  { id: uuid(random(5)), weight: 15, maxScore: 10, countsInTotal: true },
  { id: uuid(random(6)), weight: 10, maxScore: 5, countsInTotal: false },
];

/** A round of `entries` entries, each scored by `perEntry` of 50 judges, each judge with a lean of their own. */
export function rankingRound(entries: number, perEntry = 5, judges = 50) {
  const next = random(entries);
  const judgeIds = Array.from({ length: judges }, () => uuid(next));
  const lean = judgeIds.map(() => Math.floor(next() * 5) - 2);
  const sheets: Sheet[] = [];
  for (let e = 0; e < entries; e++) {
    const entryId = uuid(next);
    const quality = next() * 10;
    const first = Math.floor(next() * judges);
    for (let s = 0; s < perEntry; s++) {
      const j = (first + s * 7) % judges;
      const scores: Record<string, number> = {};
      for (const criterion of CRITERIA) {
        const raw = Math.round((quality + lean[j] + (next() - 0.5) * 4) * (criterion.maxScore / 10));
        scores[criterion.id] = Math.max(0, Math.min(criterion.maxScore, raw));
      }
      sheets.push({ judgeId: judgeIds[j], entryId, scores });
    }
  }
  return { sheets, criteria: CRITERIA, tieBreak: CRITERIA[0].id };
}

export function rankRound({ sheets, criteria, tieBreak }: ReturnType<typeof rankingRound>) {
  const computation = computeRound(sheets, criteria, { minSheetsToNormalise: 3, disagreementThreshold: 20 });
  return AGGREGATIONS.map((method) => rankEntries(computation.entries, sheets, criteria, method, tieBreak));
}

/** `entries` entries of as many organisations, 50 judges each with 20 conflicts, k = 3. */
export function assignmentInput(entries: number, judges = 50) {
  const next = random(entries + 7);
  const organisations = Array.from({ length: Math.ceil(entries * 0.8) }, () => uuid(next));
  const judgeIds = Array.from({ length: judges }, () => uuid(next));
  const conflicts = new Set<string>();
  for (const judge of judgeIds)
    for (let c = 0; c < 20; c++)
      conflicts.add(conflictKey(judge, organisations[Math.floor(next() * organisations.length)]));
  return {
    entries: Array.from({ length: entries }, () => ({
      id: uuid(next),
      organisationId: organisations[Math.floor(next() * organisations.length)],
    })),
    judges: judgeIds,
    conflicts,
    k: 3,
    seed: uuid(next),
  };
}

function bestOf(runs: number, work: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export function judgingBench(log: (line: string) => void = console.log): GoalLine[] {
  const lines: GoalLine[] = [];
  const report = (line: GoalLine) => {
    lines.push(line);
    log(`${line.label}: ${line.figure} (goal ${line.goal}) ${line.pass ? "ok" : "MISSED"}`);
  };
  const perSheet: number[] = [];
  for (const entries of [2_500, 5_000, 10_000, 20_000]) {
    const round = rankingRound(entries);
    const time = bestOf(entries <= 5_000 ? 7 : 5, () => rankRound(round));
    perSheet.push(time / round.sheets.length);
    const line = `ranking ${entries} entries / ${round.sheets.length} sheets, ${AGGREGATIONS.length} methods`;
    if (entries === 10_000) report({ label: line, figure: ms(time), goal: "≤ 200 ms", pass: time <= 200 });
    else log(`${line}: ${ms(time)} (${((time / round.sheets.length) * 1000).toFixed(2)} µs per sheet)`);
  }
  const ratio = perSheet[perSheet.length - 1] / perSheet[0];
  report({
    label: "ranking cost per sheet, 20,000 entries against 2,500",
    figure: `× ${ratio.toFixed(2)}`,
    goal: "≤ × 1.5",
    pass: ratio <= 1.5,
  });
  for (const [entries, goal] of [
    [1_000, 200],
    [10_000, 2_000],
  ] as const) {
    const input = assignmentInput(entries);
    const time = bestOf(entries <= 1_000 ? 5 : 3, () => {
      if (!assignJudges(input).ok) throw new Error("the bench assignment failed");
    });
    report({
      label: `assignment of ${entries} entries × 50 judges × 3`,
      figure: ms(time),
      goal: `≤ ${goal} ms`,
      pass: time <= goal,
    });
  }
  return lines;
}

if (process.argv[1]?.endsWith("judging.ts")) {
  const missed = judgingBench().filter((line) => !line.pass);
  if (missed.length) process.exitCode = 1;
}
