/**
 * Automatic assignment of judges to entries: every entry gets k judges, no judge with a conflict,
 * judge loads differ by at most one, and the same inputs always give the same result.
 */
import * as crypto from "node:crypto";

export type AssignmentInput = {
  entries: ReadonlyArray<{ id: string; organisationId: string }>;
  judges: readonly string[];
  /** "judgeId|organisationId" pairs that must never meet. */
  conflicts: ReadonlySet<string>;
  k: number;
  /** Assignments that stay as they are (e.g. finished sheets when a judge drops out). */
  fixed?: ReadonlyArray<{ entryId: string; judgeId: string }>;
  seed?: string;
};

export type AssignmentProblem =
  | { kind: "duplicate_judges"; judgeIds: string[] }
  | { kind: "duplicate_entries"; entryIds: string[] }
  | { kind: "too_few_judges"; judges: number; k: number }
  | { kind: "entry_short"; entryId: string; eligible: number; k: number }
  | { kind: "unbalanced"; minLoad: number; maxLoad: number };

export type AssignmentResult =
  | { ok: true; pairs: Array<{ entryId: string; judgeId: string }> }
  | { ok: false; problems: AssignmentProblem[] };

export const conflictKey = (judgeId: string, organisationId: string) => `${judgeId}|${organisationId}`;

/** SHA-256 in hex; Node's one-shot `crypto.hash` (20.12+) is several times cheaper than a `Hash` object per call. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text).digest("hex");

function order(seed: string, ...parts: string[]): string {
  return sha256Hex([seed, ...parts].join("\u0000"));
}

/** The ids listed more than once, each named once, in the order of their first repetition. */
function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

export function assignJudges(input: AssignmentInput): AssignmentResult {
  const { entries, judges, conflicts, k } = input;
  const seed = input.seed ?? "";
  const fixed = input.fixed ?? [];
  // A judge listed twice would count as two of an entry's k judges (and break the choice of the least loaded);
  // an entry listed twice would be given judges twice under two organisations' conflicts. Neither is guessed at.
  const duplicates: AssignmentProblem[] = [];
  const judgesTwice = repeated(judges);
  const entriesTwice = repeated(entries.map((entry) => entry.id));
  if (judgesTwice.length) duplicates.push({ kind: "duplicate_judges", judgeIds: judgesTwice });
  if (entriesTwice.length) duplicates.push({ kind: "duplicate_entries", entryIds: entriesTwice });
  if (duplicates.length) return { ok: false, problems: duplicates };
  if (judges.length < k) return { ok: false, problems: [{ kind: "too_few_judges", judges: judges.length, k }] };

  // Judges and entries by position: loads, conflicts and "already on this entry" are array reads in the loops
  // below, not string keys built per check.
  const judgeAt = new Map(judges.map((j, index) => [j, index]));
  const entryAt = new Map(entries.map((e, index) => [e.id, index]));
  const onEntry = entries.map(() => new Set<string>());
  const load = new Int32Array(judges.length);
  for (const pair of fixed) {
    const entry = entryAt.get(pair.entryId);
    if (entry !== undefined) onEntry[entry].add(pair.judgeId);
    const judge = judgeAt.get(pair.judgeId);
    if (judge !== undefined) load[judge]++;
  }
  // Which judges meet each organisation's conflicts, read once from the conflict keys (a key is a panel judge's
  // id, "|", an organisation id; each "|" of the key is tried, so ids containing "|" still match exactly the
  // pairs `conflicts.has(conflictKey(judge, organisation))` names), instead of a key built per entry and judge.
  const blockedFor = new Map<string, Uint8Array>();
  for (const key of conflicts)
    for (let bar = key.indexOf("|"); bar !== -1; bar = key.indexOf("|", bar + 1)) {
      const judge = judgeAt.get(key.slice(0, bar));
      if (judge === undefined) continue;
      const organisationId = key.slice(bar + 1);
      let row = blockedFor.get(organisationId);
      if (!row) blockedFor.set(organisationId, (row = new Uint8Array(judges.length)));
      row[judge] = 1;
    }
  const noConflict = new Uint8Array(judges.length);
  const blocked = entries.map(({ organisationId }) => blockedFor.get(organisationId) ?? noConflict);
  const eligible = (entry: number, judge: number) => !blocked[entry][judge] && !onEntry[entry].has(judges[judge]);

  const problems: AssignmentProblem[] = [];
  const eligibleCount = new Int32Array(entries.length);
  const present = new Int32Array(entries.length);
  entries.forEach((entry, e) => {
    let possible = 0;
    for (let j = 0; j < judges.length; j++) {
      if (blocked[e][j]) continue;
      possible++;
      if (!onEntry[e].has(judges[j])) eligibleCount[e]++;
    }
    for (const judgeId of onEntry[e]) if (judgeAt.has(judgeId)) present[e]++;
    const needed = k - present[e];
    if (needed > 0 && eligibleCount[e] < needed)
      problems.push({ kind: "entry_short", entryId: entry.id, eligible: possible, k });
  });
  if (problems.length) return { ok: false, problems };

  // Most constrained entries first; then least-loaded eligible judges, ties in a seeded but fixed order.
  // Each entry's count and hash computed once, not inside the comparator (same comparison, same order).
  const queueHash = entries.map((e) => order(seed, e.id));
  const queue = entries
    .map((_, e) => e)
    .sort((a, b) => eligibleCount[a] - eligibleCount[b] || queueHash[a].localeCompare(queueHash[b]));
  const added: Array<{ entryId: string; judgeId: string }> = [];
  /** Per added pair, its entry's and judge's positions (the balance below moves pairs between judges). */
  const addedEntry: number[] = [];
  const addedJudge: number[] = [];
  const hashes: Array<string | undefined> = Array(judges.length).fill(undefined);
  for (const e of queue) {
    const entryId = entries[e].id;
    // The seeded order of a judge on this entry is hashed only when the judge is among the least loaded, and
    // once for all of the entry's slots (a SHA-256 per judge and slot was most of the time).
    hashes.fill(undefined, 0, judges.length);
    const hashOf = (j: number) => (hashes[j] ??= order(seed, entryId, judges[j]));
    for (let slot = present[e]; slot < k; slot++) {
      // The first of the sort by (load, hash): the least load, then the smallest hash among those.
      let least = Infinity;
      for (let j = 0; j < judges.length; j++) if (load[j] < least && eligible(e, j)) least = load[j];
      let judge = -1;
      for (let j = 0; j < judges.length; j++) {
        if (load[j] !== least || !eligible(e, j)) continue;
        if (judge === -1 || hashOf(j).localeCompare(hashOf(judge)) < 0) judge = j;
      }
      // The check above leaves at least one eligible judge for each slot still open.
      onEntry[e].add(judges[judge]);
      load[judge]++;
      added.push({ entryId, judgeId: judges[judge] });
      addedEntry.push(e);
      addedJudge.push(judge);
    }
  }

  // Balance: move one entry at a time along a chain of judges, from the heaviest to the lightest.
  // Each judge's added pairs, by position in `added`: the search reads a judge's own pairs in the order a scan
  // of all pairs would meet them, without the scan.
  const pairsOf: number[][] = judges.map(() => []);
  addedJudge.forEach((judge, index) => pairsOf[judge].push(index));
  const moveTo = (index: number, to: number) => {
    const from = pairsOf[addedJudge[index]];
    from.splice(from.indexOf(index), 1);
    const list = pairsOf[to];
    let at = list.length;
    while (at > 0 && list[at - 1] > index) at--;
    list.splice(at, 0, index);
    addedJudge[index] = to;
  };
  for (let guard = 0; guard < entries.length * k * judges.length + 10; guard++) {
    const max = Math.max(...load);
    const min = Math.min(...load);
    if (max - min <= 1) break;
    const heavy = judges.filter((_, j) => load[j] === max).sort();
    let moved = false;
    for (const startId of heavy) {
      const start = judgeAt.get(startId)!;
      // Breadth-first search over judges: an edge a → b when some added pair of a could go to b.
      const previous = new Map<number, { from: number; pairIndex: number }>();
      const seen = new Uint8Array(judges.length);
      seen[start] = 1;
      const frontier = [start];
      let target = -1;
      while (frontier.length && target === -1) {
        const a = frontier.shift()!;
        for (const index of pairsOf[a]) {
          if (target !== -1) break;
          for (let b = 0; b < judges.length; b++) {
            if (seen[b] || !eligible(addedEntry[index], b)) continue;
            seen[b] = 1;
            previous.set(b, { from: a, pairIndex: index });
            if (load[b] <= max - 2) {
              target = b;
              break;
            }
            frontier.push(b);
          }
        }
      }
      if (target === -1) continue;
      // Walk back from the light judge, moving each pair one step along the chain.
      let node = target;
      while (node !== start) {
        const step = previous.get(node)!;
        const pair = added[step.pairIndex];
        onEntry[addedEntry[step.pairIndex]].delete(judges[step.from]);
        onEntry[addedEntry[step.pairIndex]].add(judges[node]);
        pair.judgeId = judges[node];
        moveTo(step.pairIndex, node);
        node = step.from;
      }
      load[start]--;
      load[target]++;
      moved = true;
      break;
    }
    if (!moved) break;
  }
  const [minLoad, maxLoad] = [Math.min(...load), Math.max(...load)];
  if (maxLoad - minLoad > 1) return { ok: false, problems: [{ kind: "unbalanced", minLoad, maxLoad }] };
  return {
    ok: true,
    pairs: added.sort((a, b) => a.entryId.localeCompare(b.entryId) || a.judgeId.localeCompare(b.judgeId)),
  };
}
