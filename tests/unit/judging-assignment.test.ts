import { describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { describeAssignmentProblems } from "../../app/modules/judging/rounds.queries.server";
import {
  assignJudges,
  conflictKey,
  type AssignmentInput,
  type AssignmentProblem,
  type AssignmentResult,
} from "../../app/modules/judging/assignment";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type Entry = { id: string; organisationId: string };
type Pair = { entryId: string; judgeId: string };

/** A small seeded PRNG (mulberry32): the same instances on every run. */
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

const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const judgeIds = (n: number) => Array.from({ length: n }, (_, i) => `j${String(i + 1).padStart(2, "0")}`);

function pairsOf(result: AssignmentResult): Pair[] {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.pairs;
}

/** Each present judge's load: fixed pairs plus new ones. */
function loads(input: AssignmentInput, pairs: readonly Pair[]): Map<string, number> {
  const load = new Map(input.judges.map((j) => [j, 0]));
  for (const pair of [...(input.fixed ?? []), ...pairs])
    if (load.has(pair.judgeId)) load.set(pair.judgeId, load.get(pair.judgeId)! + 1);
  return load;
}

/**
 * Everything an accepted assignment must satisfy; returns what is wrong (empty when all is well):
 * every entry ends with exactly k distinct present judges (fixed ones of present judges included),
 * no new pair meets a conflict or repeats a fixed one, and loads differ by at most one.
 */
function violations(input: AssignmentInput, pairs: readonly Pair[]): string[] {
  const wrong: string[] = [];
  const present = new Set(input.judges);
  const organisation = new Map(input.entries.map((e) => [e.id, e.organisationId]));
  const onEntry = new Map(input.entries.map((e) => [e.id, [] as string[]]));
  for (const pair of input.fixed ?? []) if (present.has(pair.judgeId)) onEntry.get(pair.entryId)?.push(pair.judgeId);
  const fixedKeys = new Set((input.fixed ?? []).map((p) => `${p.entryId}|${p.judgeId}`));
  for (const pair of pairs) {
    if (!organisation.has(pair.entryId)) wrong.push(`unknown entry ${pair.entryId}`);
    if (!present.has(pair.judgeId)) wrong.push(`judge ${pair.judgeId} is not on the panel`);
    if (input.conflicts.has(conflictKey(pair.judgeId, organisation.get(pair.entryId)!)))
      wrong.push(`conflict ${pair.judgeId} on ${pair.entryId}`);
    if (fixedKeys.has(`${pair.entryId}|${pair.judgeId}`))
      wrong.push(`fixed pair ${pair.entryId}|${pair.judgeId} added again`);
    onEntry.get(pair.entryId)?.push(pair.judgeId);
  }
  for (const [entryId, judges] of onEntry) {
    if (judges.length !== input.k) wrong.push(`${entryId} has ${judges.length} judges, not ${input.k}`);
    if (new Set(judges).size !== judges.length) wrong.push(`${entryId} has a judge twice`);
  }
  const values = [...loads(input, pairs).values()];
  if (values.length && Math.max(...values) - Math.min(...values) > 1)
    wrong.push(`loads ${Math.min(...values)}..${Math.max(...values)}`);
  return wrong;
}

/** Judges of the panel without a conflict with the entry's organisation. */
const nonConflicted = (input: AssignmentInput, entry: Entry) =>
  input.judges.filter((j) => !input.conflicts.has(conflictKey(j, entry.organisationId))).length;

// ---------------------------------------------------------------------------------------------
// An independent oracle: can the loads be balanced at all? (max-flow with lower bounds)
// ---------------------------------------------------------------------------------------------

class MaxFlow {
  private readonly head: number[][];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  constructor(nodes: number) {
    this.head = Array.from({ length: nodes }, () => []);
  }
  add(from: number, to: number, capacity: number) {
    this.head[from].push(this.to.length);
    this.to.push(to);
    this.cap.push(capacity);
    this.head[to].push(this.to.length);
    this.to.push(from);
    this.cap.push(0);
  }
  /** Dinic's algorithm. */
  run(source: number, sink: number): number {
    let flow = 0;
    for (;;) {
      const level = new Array<number>(this.head.length).fill(-1);
      level[source] = 0;
      const queue = [source];
      for (let i = 0; i < queue.length; i++)
        for (const e of this.head[queue[i]])
          if (this.cap[e] > 0 && level[this.to[e]] < 0) {
            level[this.to[e]] = level[queue[i]] + 1;
            queue.push(this.to[e]);
          }
      if (level[sink] < 0) return flow;
      const next = new Array<number>(this.head.length).fill(0);
      const push = (node: number, limit: number): number => {
        if (node === sink) return limit;
        for (; next[node] < this.head[node].length; next[node]++) {
          const e = this.head[node][next[node]];
          if (this.cap[e] <= 0 || level[this.to[e]] !== level[node] + 1) continue;
          const got = push(this.to[e], Math.min(limit, this.cap[e]));
          if (got > 0) {
            this.cap[e] -= got;
            this.cap[e ^ 1] += got;
            return got;
          }
        }
        return 0;
      };
      for (let got = push(source, Infinity); got > 0; got = push(source, Infinity)) flow += got;
    }
  }
}

/**
 * Whether some assignment (keeping the fixed pairs) gives every entry k present judges without conflicts
 * and every present judge a load of q or q + 1, q = ⌊total / judges⌋ — i.e. loads differing by at most one.
 * Each entry needs exactly `need` new judges; judge j takes between lo_j and hi_j new pairs.
 */
function balanceIsPossible(input: AssignmentInput): boolean {
  const present = new Set(input.judges);
  const onEntry = new Map(input.entries.map((e) => [e.id, new Set<string>()]));
  const fixedLoad = new Map(input.judges.map((j) => [j, 0]));
  for (const pair of input.fixed ?? []) {
    onEntry.get(pair.entryId)?.add(pair.judgeId);
    if (present.has(pair.judgeId)) fixedLoad.set(pair.judgeId, fixedLoad.get(pair.judgeId)! + 1);
  }
  const need = input.entries.map((e) =>
    Math.max(0, input.k - [...onEntry.get(e.id)!].filter((j) => present.has(j)).length),
  );
  const total = need.reduce((a, b) => a + b, 0) + [...fixedLoad.values()].reduce((a, b) => a + b, 0);
  const q = Math.floor(total / input.judges.length);
  const lo = input.judges.map((j) => Math.max(0, q - fixedLoad.get(j)!));
  const hi = input.judges.map((j) => q + 1 - fixedLoad.get(j)!);
  if (hi.some((h) => h < 0)) return false;
  // Nodes: s, t, S', T', entries, judges. Lower bounds moved onto S' and T' (the textbook reduction).
  const [s, t, S, T] = [0, 1, 2, 3];
  const entryNode = (i: number) => 4 + i;
  const judgeNode = (i: number) => 4 + input.entries.length + i;
  const graph = new MaxFlow(4 + input.entries.length + input.judges.length);
  input.entries.forEach((entry, i) => {
    graph.add(S, entryNode(i), need[i]); // s → entry with exactly need[i]
    input.judges.forEach((judge, j) => {
      if (!input.conflicts.has(conflictKey(judge, entry.organisationId)) && !onEntry.get(entry.id)!.has(judge))
        graph.add(entryNode(i), judgeNode(j), 1);
    });
  });
  const needSum = need.reduce((a, b) => a + b, 0);
  graph.add(s, T, needSum);
  input.judges.forEach((_, j) => {
    graph.add(judgeNode(j), t, hi[j] - lo[j]);
    graph.add(judgeNode(j), T, lo[j]);
  });
  const loSum = lo.reduce((a, b) => a + b, 0);
  graph.add(S, t, loSum);
  graph.add(t, s, Infinity);
  return graph.run(S, T) === needSum + loSum;
}

// ---------------------------------------------------------------------------------------------
// Concrete cases
// ---------------------------------------------------------------------------------------------

describe("assignJudges: concrete cases", () => {
  it("refuses with too_few_judges when there are fewer judges than k (2 judges, k = 3)", () => {
    expect(
      assignJudges({ entries: [{ id: "e1", organisationId: "o1" }], judges: ["j1", "j2"], conflicts: new Set(), k: 3 }),
    ).toEqual({
      ok: false,
      problems: [{ kind: "too_few_judges", judges: 2, k: 3 }],
    });
  });

  it("names an entry whose organisation conflicts with all but 1 of 3 judges when k = 2 (entry_short)", () => {
    const input: AssignmentInput = {
      entries: [
        { id: "e1", organisationId: "o1" },
        { id: "e2", organisationId: "o2" },
        { id: "e3", organisationId: "o3" },
      ],
      judges: ["j1", "j2", "j3"],
      conflicts: new Set([conflictKey("j1", "o2"), conflictKey("j3", "o2"), conflictKey("j2", "o3")]),
      k: 2,
    };
    expect(assignJudges(input)).toEqual({
      ok: false,
      problems: [{ kind: "entry_short", entryId: "e2", eligible: 1, k: 2 }],
    });
  });

  it("gives every entry k judges and every judge the same load when it divides evenly (4 judges, 6 entries, k = 2)", () => {
    const input: AssignmentInput = {
      entries: Array.from({ length: 6 }, (_, i) => ({ id: `e${i + 1}`, organisationId: `o${i + 1}` })),
      judges: judgeIds(4),
      conflicts: new Set(),
      k: 2,
      seed: "round-1",
    };
    const pairs = pairsOf(assignJudges(input));
    expect(pairs).toHaveLength(12);
    expect(violations(input, pairs)).toEqual([]);
    expect([...loads(input, pairs).values()]).toEqual([3, 3, 3, 3]);
    // sorted by entry, then judge
    expect(pairs).toEqual(
      [...pairs].sort((a, b) => a.entryId.localeCompare(b.entryId) || a.judgeId.localeCompare(b.judgeId)),
    );
  });

  it("keeps conflicted judges away and still balances (every organisation conflicts with one judge)", () => {
    const judges = judgeIds(4);
    const entries = Array.from({ length: 8 }, (_, i) => ({ id: `e${i + 1}`, organisationId: `o${(i % 4) + 1}` }));
    const conflicts = new Set(judges.map((j, i) => conflictKey(j, `o${i + 1}`)));
    const input: AssignmentInput = { entries, judges, conflicts, k: 3, seed: "x" };
    const pairs = pairsOf(assignJudges(input));
    expect(violations(input, pairs)).toEqual([]);
    // each entry gets exactly the three judges without a conflict
    for (const entry of entries)
      expect(pairs.filter((p) => p.entryId === entry.id).map((p) => p.judgeId)).toEqual(
        judges.filter((j) => !conflicts.has(conflictKey(j, entry.organisationId))),
      );
  });

  it("names the judge whom conflicts leave nothing to take, even with k + 1 eligible judges per entry", () => {
    // three entries of one organisation, j3 conflicted with it: j1 and j2 share three entries (2 + 1), j3 has 0.
    // No assignment can do better, so this is a true problem and not a weakness of the balancing.
    const input: AssignmentInput = {
      entries: ["e1", "e2", "e3"].map((id) => ({ id, organisationId: "o1" })),
      judges: ["j1", "j2", "j3"],
      conflicts: new Set([conflictKey("j3", "o1")]),
      k: 1,
    };
    expect(balanceIsPossible(input)).toBe(false);
    expect(assignJudges(input)).toEqual({
      ok: false,
      problems: [{ kind: "judge_starved", judgeId: "j3", possible: 0, least: 1 }],
    });
  });

  it("assigns nothing and succeeds with no entries", () => {
    expect(assignJudges({ entries: [], judges: judgeIds(3), conflicts: new Set(), k: 2 })).toEqual({
      ok: true,
      pairs: [],
      removed: [],
    });
  });

  it("gives the same result for the same input, and depends on the seed only for ties", () => {
    const input: AssignmentInput = {
      entries: Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, organisationId: `o${i % 3}` })),
      judges: judgeIds(5),
      conflicts: new Set([conflictKey("j01", "o1")]),
      k: 2,
      seed: "a",
    };
    expect(assignJudges(input)).toEqual(
      assignJudges({ ...input, entries: [...input.entries], conflicts: new Set(input.conflicts) }),
    );
    expect(violations(input, pairsOf(assignJudges({ ...input, seed: "b" })))).toEqual([]);
  });

  it("when a judge drops out, keeps the finished sheets and brings every entry back to k present judges", () => {
    const judges = judgeIds(4);
    const entries = Array.from({ length: 6 }, (_, i) => ({ id: `e${i + 1}`, organisationId: `o${i + 1}` }));
    const first: AssignmentInput = { entries, judges, conflicts: new Set(), k: 2, seed: "r" };
    const initial = pairsOf(assignJudges(first));
    // j02 drops out after finishing one sheet; its other assignments are removed.
    const dropped = "j02";
    const own = initial.filter((p) => p.judgeId === dropped);
    expect(own.length).toBe(3);
    const fixed = [...initial.filter((p) => p.judgeId !== dropped), own[0]];
    const second: AssignmentInput = {
      entries,
      judges: judges.filter((j) => j !== dropped),
      conflicts: new Set(),
      k: 2,
      fixed,
      seed: "r",
    };
    const added = pairsOf(assignJudges(second));
    // the fixed pairs stay (they are not returned again), only replacements are added
    expect(added.every((p) => p.judgeId !== dropped)).toBe(true);
    expect(added.some((p) => fixed.some((f) => f.entryId === p.entryId && f.judgeId === p.judgeId))).toBe(false);
    // a replacement for each of the 3 entries of j02 (its finished sheet does not count: j02 is gone)
    expect(added.map((p) => p.entryId).sort()).toEqual(own.map((p) => p.entryId).sort());
    expect(violations(second, added)).toEqual([]);
    // 12 pairs of present judges for 3 judges: 4 each
    expect([...loads(second, added).values()]).toEqual([4, 4, 4]);
  });

  it("counts fixed pairs of present judges toward k and adds nothing to an entry that already has them", () => {
    const entries = [
      { id: "e1", organisationId: "o1" },
      { id: "e2", organisationId: "o2" },
    ];
    const input: AssignmentInput = {
      entries,
      judges: judgeIds(3),
      conflicts: new Set(),
      k: 2,
      fixed: [
        { entryId: "e1", judgeId: "j01" },
        { entryId: "e1", judgeId: "j02" },
      ],
    };
    const added = pairsOf(assignJudges(input));
    expect(added.filter((p) => p.entryId === "e1")).toEqual([]);
    expect(violations(input, added)).toEqual([]);
    // loads 1, 1 from e1; e2 must go to j03 and one of j01/j02 → loads 2, 1, 1 or 1, 2, 1
    expect(added.filter((p) => p.entryId === "e2").map((p) => p.judgeId)).toContain("j03");
  });
});

// ---------------------------------------------------------------------------------------------
// Property test
// ---------------------------------------------------------------------------------------------

type Instance = AssignmentInput & { entries: Entry[]; judges: string[] };

function randomInstance(random: () => number, n: number): Instance {
  const judgeCount = int(random, 3, 12);
  const judges = judgeIds(judgeCount);
  const entryCount = int(random, 0, 60);
  // sometimes many entries share a few organisations, sometimes (almost) one organisation each
  const organisations =
    random() < 0.5 ? int(random, 1, Math.max(1, Math.ceil(entryCount / 4))) : Math.max(1, entryCount);
  const entries = Array.from({ length: entryCount }, (_, i) => ({
    id: `e${String(i).padStart(2, "0")}`,
    organisationId: `o${int(random, 0, organisations - 1)}`,
  }));
  const p = 0.05 + random() * 0.15;
  const conflicts = new Set<string>();
  for (const judge of judges)
    for (let o = 0; o < organisations; o++) if (random() < p) conflicts.add(conflictKey(judge, `o${o}`));
  // mostly k in 1..min(4, judges) as on the form; now and then one more than the judges
  const k = random() < 0.04 ? judgeCount + 1 : int(random, 1, Math.min(4, judgeCount));
  return { entries, judges, conflicts, k, seed: `round-${n}` };
}

type Outcome = "ok" | AssignmentProblem["kind"];

const canonical = (result: AssignmentResult) =>
  result.ok ? result : { ok: false, problems: result.problems.map((p) => JSON.stringify(p)).sort() };

/** Checks one call against the rules; returns the outcome for the tally. */
function check(
  input: AssignmentInput,
  label: string,
  random: () => number,
  reorder: boolean,
): { outcome: Outcome; result: AssignmentResult } {
  const result = assignJudges(input);
  // reproducible: identical input (fresh copies) gives an identical result
  expect(
    assignJudges({
      ...input,
      entries: [...input.entries],
      judges: [...input.judges],
      conflicts: new Set(input.conflicts),
      fixed: input.fixed && [...input.fixed],
    }),
    `${label}: same input`,
  ).toEqual(result);
  // and so does another entry order (problems are listed in the order the entries were given: compared as a set)
  if (reorder)
    expect(
      canonical(assignJudges({ ...input, entries: shuffle(input.entries, random) })),
      `${label}: entries reordered`,
    ).toEqual(canonical(result));
  return { outcome: outcome(input, result, label), result };
}

function outcome(input: AssignmentInput, result: AssignmentResult, label: string): Outcome {
  if (input.judges.length < input.k) {
    expect(result, label).toEqual({
      ok: false,
      problems: [{ kind: "too_few_judges", judges: input.judges.length, k: input.k }],
    });
    return "too_few_judges";
  }
  const short = input.entries.filter((e) => nonConflicted(input, e) < input.k);
  if (short.length) {
    // exactly the entries that truly have fewer than k judges without a conflict, with their count
    expect(result, label).toEqual({
      ok: false,
      problems: short.map((e) => ({
        kind: "entry_short",
        entryId: e.id,
        eligible: nonConflicted(input, e),
        k: input.k,
      })),
    });
    return "entry_short";
  }
  if (!balanceIsPossible(input)) {
    // no assignment at all has loads within one of each other: the problem is real
    expect(result.ok, label).toBe(false);
    if (!result.ok) {
      for (const problem of result.problems) {
        expect(["unbalanced", "judge_locked", "judge_starved"], label).toContain(problem.kind);
        if (problem.kind === "unbalanced") expect(problem.maxLoad - problem.minLoad, label).toBeGreaterThan(1);
      }
    }
    return "unbalanced";
  }
  // a balanced assignment exists, so the algorithm must find one
  expect(result.ok ? [] : result.problems, `${label}: balancing failed although possible`).toEqual([]);
  expect(violations(input, pairsOf(result)), label).toEqual([]);
  return "ok";
}

describe("assignJudges: property over 500 random instances", () => {
  it("either satisfies every rule, or names a problem that is really there", () => {
    const random = mulberry32(20240611);
    const tally: Record<string, number> = {};
    const count = (outcome: string) => (tally[outcome] = (tally[outcome] ?? 0) + 1);
    let dropouts = 0;
    for (let n = 0; n < 500; n++) {
      const instance = randomInstance(random, n);
      // every instance is checked for reproducibility; every fifth one also with its entries reordered
      const { outcome, result } = check(instance, `instance ${n}`, random, n % 5 === 0);
      count(outcome);
      // A judge drops out: the other judges' assignments and some finished sheets of the one leaving stay.
      if (outcome === "ok" && instance.entries.length && random() < 0.3) {
        const initial = pairsOf(result);
        const dropped = instance.judges[int(random, 0, instance.judges.length - 1)];
        const fixed = initial.filter((p) => p.judgeId !== dropped || random() < 0.5);
        const after: AssignmentInput = { ...instance, judges: instance.judges.filter((j) => j !== dropped), fixed };
        count(`dropout ${check(after, `instance ${n}, ${dropped} dropped`, random, n % 5 === 1).outcome}`);
        dropouts++;
      }
    }
    // the generator really explores every branch
    expect(tally.ok).toBeGreaterThan(200);
    expect(tally.entry_short).toBeGreaterThan(20);
    expect(tally.too_few_judges).toBeGreaterThan(5);
    expect(tally.unbalanced ?? 0).toBeGreaterThan(0);
    expect(tally["dropout ok"]).toBeGreaterThan(50);
    expect(dropouts).toBeGreaterThan(50);
  }, 60_000);
});

describe("assignJudges: the input lists each judge and each entry once", () => {
  const entries = [
    { id: "e1", organisationId: "o1" },
    { id: "e2", organisationId: "o2" },
  ];

  it("refuses a judge listed twice with a problem naming them, instead of throwing", () => {
    expect(assignJudges({ entries: entries.slice(0, 1), judges: ["a", "a"], conflicts: new Set(), k: 2 })).toEqual({
      ok: false,
      problems: [{ kind: "duplicate_judges", judgeIds: ["a"] }],
    });
    expect(assignJudges({ entries, judges: ["a", "b", "a", "c", "b"], conflicts: new Set(), k: 1 })).toEqual({
      ok: false,
      problems: [{ kind: "duplicate_judges", judgeIds: ["a", "b"] }],
    });
  });

  it("refuses an entry listed twice, even under two organisations, instead of assigning it twice", () => {
    const twice = [...entries, { id: "e1", organisationId: "o3" }];
    expect(assignJudges({ entries: twice, judges: ["a", "b", "c"], conflicts: new Set(), k: 2 })).toEqual({
      ok: false,
      problems: [{ kind: "duplicate_entries", entryIds: ["e1"] }],
    });
  });

  it("names both kinds of duplicate together", () => {
    const result = assignJudges({
      entries: [...entries, entries[1]],
      judges: ["a", "a", "b"],
      conflicts: new Set(),
      k: 1,
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { kind: "duplicate_judges", judgeIds: ["a"] },
        { kind: "duplicate_entries", entryIds: ["e2"] },
      ],
    });
  });

  it("assigns as before when every id is listed once", () => {
    expect(assignJudges({ entries, judges: ["a", "b"], conflicts: new Set(), k: 2 })).toEqual({
      ok: true,
      removed: [],
      pairs: [
        { entryId: "e1", judgeId: "a" },
        { entryId: "e1", judgeId: "b" },
        { entryId: "e2", judgeId: "a" },
        { entryId: "e2", judgeId: "b" },
      ],
    });
  });
});

describe("assignJudges: conflicts are matched on the whole key, whatever the ids contain", () => {
  // conflictKey("a", "b|c") and conflictKey("a|b", "c") are the same key: it keeps both pairs apart.
  const entries = [
    { id: "e1", organisationId: "b|c" },
    { id: "e2", organisationId: "c" },
    { id: "e3", organisationId: "b" },
  ];
  const judges = ["a", "a|b", "d", "e"];

  it("keeps judge a from organisation b|c and judge a|b from organisation c with the one key a|b|c", () => {
    const pairs = pairsOf(assignJudges({ entries, judges, conflicts: new Set([conflictKey("a", "b|c")]), k: 3 }));
    expect(pairs.filter((p) => p.entryId === "e1").map((p) => p.judgeId)).toEqual(["a|b", "d", "e"]);
    expect(pairs.filter((p) => p.entryId === "e2").map((p) => p.judgeId)).toEqual(["a", "d", "e"]);
    expect(pairs.filter((p) => p.entryId === "e3")).toHaveLength(3);
  });

  it("ignores conflicts of judges who are not on the panel", () => {
    const conflicts = new Set([conflictKey("z", "b|c"), conflictKey("z|a", "c"), conflictKey("x", "b")]);
    const input = { entries, judges, conflicts, k: 4 };
    expect(violations(input, pairsOf(assignJudges(input)))).toEqual([]);
  });
});

describe("assignJudges at the size of a national round", () => {
  const random = mulberry32(16);
  const organisations = Array.from({ length: 800 }, (_, i) => `org-${i}`);
  const judges = judgeIds(50);
  const input: AssignmentInput = {
    entries: Array.from({ length: 1000 }, (_, i) => ({
      id: `entry-${i}`,
      organisationId: organisations[int(random, 0, organisations.length - 1)],
    })),
    judges,
    conflicts: new Set(
      judges.flatMap((j) => Array.from({ length: 20 }, () => conflictKey(j, organisations[int(random, 0, 799)]))),
    ),
    k: 3,
    seed: "round-16",
  };

  it("satisfies every rule and gives the same pairs on every run", () => {
    const first = pairsOf(assignJudges(input));
    expect(violations(input, first)).toEqual([]);
    expect(pairsOf(assignJudges({ ...input, entries: [...input.entries] }))).toEqual(first);
  });
});

describe("describeAssignmentProblems", () => {
  it("names the judges and entries listed twice in Vietnamese", () => {
    const text = describeAssignmentProblems(
      [
        { kind: "duplicate_judges", judgeIds: ["j1"] },
        { kind: "duplicate_entries", entryIds: ["e1", "e2"] },
      ],
      (id) => ({ e1: "KN2022-0001", e2: "KN2022-0002" })[id] ?? id,
      translator("vi"),
      (id) => (id === "j1" ? "Nguyễn Văn A" : id),
    );
    expect(text).toEqual([
      "Danh sách giám khảo có người được kể nhiều lần (Nguyễn Văn A): mỗi giám khảo chỉ được tính một lần. Chưa phân công hồ sơ nào.",
      "Danh sách hồ sơ có hồ sơ được kể nhiều lần (KN2022-0001, KN2022-0002): mỗi hồ sơ chỉ được phân công một lần. Chưa phân công hồ sơ nào.",
    ]);
  });
});

describe("assignJudges: refilling with movable assignments and a cap", () => {
  // E1 {X, Y}, E2 {X, Z}, E3 {Y, Z}; X now in conflict with E1's organisation and off it. Y-E1, X-E2, Z-E2 started.
  const entries = [
    { id: "e1", organisationId: "o1" },
    { id: "e2", organisationId: "o2" },
    { id: "e3", organisationId: "o3" },
  ];
  const base: AssignmentInput = {
    entries,
    judges: ["x", "y", "z"],
    conflicts: new Set([conflictKey("x", "o1")]),
    k: 2,
    fixed: [
      { entryId: "e1", judgeId: "y" },
      { entryId: "e2", judgeId: "x" },
      { entryId: "e2", judgeId: "z" },
    ],
  };

  it("moves the one unscored assignment that balances the loads, and nothing else", () => {
    const movable = [
      { entryId: "e3", judgeId: "y" },
      { entryId: "e3", judgeId: "z" },
    ];
    expect(assignJudges({ ...base, movable })).toEqual({
      ok: true,
      pairs: [
        { entryId: "e1", judgeId: "z" },
        { entryId: "e3", judgeId: "x" },
      ],
      removed: [{ entryId: "e3", judgeId: "z" }],
    });
  });

  it("with the same assignments all fixed, names the judge who cannot reach a balanced load", () => {
    const fixed = [...base.fixed!, { entryId: "e3", judgeId: "y" }, { entryId: "e3", judgeId: "z" }];
    expect(assignJudges({ ...base, fixed })).toEqual({
      ok: false,
      problems: [{ kind: "judge_starved", judgeId: "x", possible: 1, least: 2 }],
    });
  });

  it("withdraws a movable assignment that now meets a conflict and fills its slot again", () => {
    const result = assignJudges({ ...base, fixed: [], movable: [{ entryId: "e1", judgeId: "x" }] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.removed).toEqual([{ entryId: "e1", judgeId: "x" }]);
    expect(result.pairs.filter((p) => p.entryId === "e1").map((p) => p.judgeId)).toEqual(["y", "z"]);
  });

  it("refuses a cap under what balance needs, and a judge whose started sheets already pass it", () => {
    const open: AssignmentInput = { entries, judges: ["x", "y", "z"], conflicts: new Set(), k: 2 };
    expect(assignJudges({ ...open, maxPerJudge: 1 })).toEqual({
      ok: false,
      problems: [{ kind: "over_cap", slots: 6, judges: 3, most: 2, cap: 1 }],
    });
    expect(pairsOf(assignJudges({ ...open, maxPerJudge: 2 }))).toHaveLength(6);
    const fixed = entries.map((e) => ({ entryId: e.id, judgeId: "x" }));
    expect(assignJudges({ ...open, fixed, maxPerJudge: 2 }).ok).toBe(false);
    expect(assignJudges({ ...open, fixed, maxPerJudge: 2 })).toMatchObject({
      problems: expect.arrayContaining([{ kind: "judge_locked", judgeId: "x", locked: 3, most: 2 }]),
    });
  });
});

describe("assignJudges: property over random refills with movable assignments", () => {
  it("keeps every fixed pair, moves only movable ones, and fails only when no assignment keeping the fixed pairs balances", () => {
    const random = mulberry32(20261203);
    let refills = 0;
    let moved = 0;
    let refused = 0;
    for (let n = 0; n < 400; n++) {
      const instance = randomInstance(random, n);
      const first = assignJudges(instance);
      if (!first.ok || !instance.entries.length) continue;
      const dropped = instance.judges[int(random, 0, instance.judges.length - 1)];
      const judges = instance.judges.filter((j) => j !== dropped);
      const kept = first.pairs.filter((p) => p.judgeId !== dropped);
      const fixed = kept.filter(() => random() < 0.4);
      const movable = kept.filter((p) => !fixed.includes(p));
      const input: AssignmentInput = { ...instance, judges, fixed, movable };
      const result = assignJudges(input);
      refills++;
      // Movable pairs can go to any judge allowed: the refill is possible exactly when one keeping the fixed pairs is.
      const possible =
        judges.length >= instance.k &&
        instance.entries.every((e) => nonConflicted({ ...input, judges }, e) >= instance.k) &&
        balanceIsPossible({ ...input, movable: undefined });
      if (!result.ok) {
        expect(possible, `refill ${n}: ${JSON.stringify(result.problems)}`).toBe(false);
        refused++;
        continue;
      }
      const removed = new Set(result.removed.map((p) => `${p.entryId}|${p.judgeId}`));
      for (const pair of result.removed) expect(movable, `refill ${n}`).toContainEqual(pair);
      const standing = [...movable.filter((p) => !removed.has(`${p.entryId}|${p.judgeId}`)), ...result.pairs];
      expect(violations({ ...input, movable: undefined }, standing), `refill ${n}`).toEqual([]);
      moved += result.removed.length;
    }
    expect(refills).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);
  }, 60_000);
});
