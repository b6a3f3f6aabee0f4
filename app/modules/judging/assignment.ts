/**
 * Automatic assignment of judges to entries: every entry gets k judges, no judge with a conflict,
 * judge loads differ by at most one (and stay within the round's cap), and the same inputs always give the same
 * result. Existing assignments come in two kinds: `fixed` ones never move (a sheet was started on them), `movable`
 * ones (nothing saved yet) may be handed to another judge when that is what balancing the loads takes.
 */
import * as crypto from "node:crypto";
import { compareText } from "../../lib/collation";

export type AssignmentInput = {
  entries: ReadonlyArray<{ id: string; organisationId: string }>;
  judges: readonly string[];
  /** "judgeId|organisationId" pairs that must never meet. */
  conflicts: ReadonlySet<string>;
  k: number;
  /** Assignments that stay as they are (e.g. finished sheets when a judge drops out). */
  fixed?: ReadonlyArray<{ entryId: string; judgeId: string }>;
  /**
   * Assignments on which nothing was saved yet: they count toward k and the judge's load, but may be moved to another
   * judge to balance the loads (the result says which go: `removed`). One of a judge no longer on the panel, or
   * in conflict with the entry, is removed and its slot filled again.
   */
  movable?: ReadonlyArray<{ entryId: string; judgeId: string }>;
  /** The most entries one judge may have in the round, fixed ones included; absent or null: no cap. */
  maxPerJudge?: number | null;
  seed?: string;
};

export type AssignmentProblem =
  | { kind: "duplicate_judges"; judgeIds: string[] }
  | { kind: "duplicate_entries"; entryIds: string[] }
  | { kind: "too_few_judges"; judges: number; k: number }
  | { kind: "entry_short"; entryId: string; eligible: number; k: number }
  /** Judges without a conflict are enough, but `full` of them already reach the cap with sheets that cannot move. */
  | { kind: "entry_capped"; entryId: string; eligible: number; full: number; cap: number; k: number }
  /** Balanced loads need `most` entries a judge at most (slots ÷ judges, rounded up), more than the round's cap. */
  | { kind: "over_cap"; slots: number; judges: number; most: number; cap: number }
  /** A judge's sheets that cannot move already exceed the most a balanced judge may have (or the cap). */
  | { kind: "judge_locked"; judgeId: string; locked: number; most: number }
  /** A judge can take at most `possible` entries (conflicts, entries complete with started sheets), fewer than `least`. */
  | { kind: "judge_starved"; judgeId: string; possible: number; least: number }
  /** No chain of moves left: `heavy` judges have `maxLoad`, `light` ones `minLoad`, and nothing can pass between them. */
  | { kind: "unbalanced"; minLoad: number; maxLoad: number; heavy?: string[]; light?: string[] };

export type AssignmentResult =
  | {
      ok: true;
      /** New assignments, sorted by entry then judge. */
      pairs: Array<{ entryId: string; judgeId: string }>;
      /** Movable assignments withdrawn (moved to the judge named in `pairs`, or no longer allowed). */
      removed: Array<{ entryId: string; judgeId: string }>;
    }
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
  const cap = input.maxPerJudge ?? null;
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
  /** Per entry, the judges whose sheet on it cannot move. */
  const lockedOn = entries.map(() => new Set<string>());
  const load = new Int32Array(judges.length);
  for (const pair of fixed) {
    const entry = entryAt.get(pair.entryId);
    if (entry !== undefined) {
      onEntry[entry].add(pair.judgeId);
      lockedOn[entry].add(pair.judgeId);
    }
    const judge = judgeAt.get(pair.judgeId);
    if (judge !== undefined) load[judge]++;
  }
  /** Each judge's load that no balancing can take away. */
  const locked = Int32Array.from(load);
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

  // Movable assignments count as they stand; one of a judge gone from the panel, or now in conflict, goes.
  const removedAtOnce: Array<{ entryId: string; judgeId: string }> = [];
  const movable: Array<{ entry: number; judge: number }> = [];
  const movableOn = new Int32Array(entries.length);
  for (const pair of input.movable ?? []) {
    const entry = entryAt.get(pair.entryId);
    if (entry === undefined || onEntry[entry].has(pair.judgeId)) continue;
    const judge = judgeAt.get(pair.judgeId);
    if (judge === undefined || blocked[entry][judge]) {
      removedAtOnce.push({ entryId: pair.entryId, judgeId: pair.judgeId });
      continue;
    }
    onEntry[entry].add(pair.judgeId);
    load[judge]++;
    movable.push({ entry, judge });
    movableOn[entry]++;
  }

  const problems: AssignmentProblem[] = [];
  const eligibleCount = new Int32Array(entries.length);
  const present = new Int32Array(entries.length);
  const capped: AssignmentProblem[] = [];
  /** The most each judge could end with: fixed sheets plus one slot on every entry still open to them. */
  const reach = Int32Array.from(locked);
  let slots = 0;
  entries.forEach((entry, e) => {
    let possible = 0;
    let available = 0;
    for (let j = 0; j < judges.length; j++) {
      if (blocked[e][j]) continue;
      possible++;
      if (!onEntry[e].has(judges[j])) eligibleCount[e]++;
      if (cap !== null && (lockedOn[e].has(judges[j]) || locked[j] < cap)) available++;
    }
    for (const judgeId of onEntry[e]) if (judgeAt.has(judgeId)) present[e]++;
    const needed = k - present[e];
    slots += Math.max(0, needed);
    if (needed > 0 && eligibleCount[e] < needed)
      problems.push({ kind: "entry_short", entryId: entry.id, eligible: possible, k });
    else if (cap !== null && needed > 0 && available < k)
      capped.push({ kind: "entry_capped", entryId: entry.id, eligible: possible, full: possible - available, cap, k });
    if (needed > 0 || movableOn[e] > 0)
      for (let j = 0; j < judges.length; j++) if (!blocked[e][j] && !lockedOn[e].has(judges[j])) reach[j]++;
  });
  if (problems.length) return { ok: false, problems };

  // Balanced loads are q or q + 1 for everyone (q = slots ÷ judges): a judge held above that by sheets that cannot
  // move, or kept below it by conflicts, or a cap under it, makes balance impossible whatever is moved.
  for (let j = 0; j < judges.length; j++) slots += load[j];
  const most = judges.length ? Math.ceil(slots / judges.length) : 0;
  const least = judges.length ? Math.floor(slots / judges.length) : 0;
  const impossible: AssignmentProblem[] = [...capped];
  if (cap !== null && most > cap) impossible.push({ kind: "over_cap", slots, judges: judges.length, most, cap });
  for (let j = 0; j < judges.length; j++) {
    const limit = cap === null ? most : Math.min(most, cap);
    if (locked[j] > limit)
      impossible.push({ kind: "judge_locked", judgeId: judges[j], locked: locked[j], most: limit });
    else if (reach[j] < least)
      impossible.push({ kind: "judge_starved", judgeId: judges[j], possible: reach[j], least });
  }
  if (impossible.length) return { ok: false, problems: impossible };

  // Most constrained entries first; then least-loaded eligible judges, ties in a seeded but fixed order.
  // Each entry's count and hash computed once, not inside the comparator (same comparison, same order).
  const queueHash = entries.map((e) => order(seed, e.id));
  const queue = entries
    .map((_, e) => e)
    .sort((a, b) => eligibleCount[a] - eligibleCount[b] || compareText(queueHash[a], queueHash[b]));
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
        if (judge === -1 || compareText(hashOf(j), hashOf(judge)) < 0) judge = j;
      }
      // The check above leaves at least one eligible judge for each slot still open.
      onEntry[e].add(judges[judge]);
      load[judge]++;
      added.push({ entryId, judgeId: judges[judge] });
      addedEntry.push(e);
      addedJudge.push(judge);
    }
  }
  // The movable assignments join the pairs the balance may move, after the new ones: a judge's new pairs are
  // tried first, so a sheet already announced to a judge moves only when nothing else balances the loads.
  const movableFrom = new Set<string>();
  for (const { entry, judge } of movable) {
    movableFrom.add(`${entry}|${judge}`);
    added.push({ entryId: entries[entry].id, judgeId: judges[judge] });
    addedEntry.push(entry);
    addedJudge.push(judge);
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
  if (maxLoad - minLoad > 1) {
    const heavy = judges.filter((_, j) => load[j] === maxLoad).sort();
    const light = judges.filter((_, j) => load[j] <= maxLoad - 2).sort();
    return { ok: false, problems: [{ kind: "unbalanced", minLoad, maxLoad, heavy, light }] };
  }
  // What changes: the pairs that stand at the end and did not before, and the movable ones that no longer stand.
  const standing = new Set(addedEntry.map((entry, index) => `${entry}|${addedJudge[index]}`));
  const pairs = added.filter((_, index) => !movableFrom.has(`${addedEntry[index]}|${addedJudge[index]}`));
  const removed = [
    ...removedAtOnce,
    ...movable
      .filter(({ entry, judge }) => !standing.has(`${entry}|${judge}`))
      .map(({ entry, judge }) => ({ entryId: entries[entry].id, judgeId: judges[judge] })),
  ];
  const byEntryThenJudge = (a: { entryId: string; judgeId: string }, b: { entryId: string; judgeId: string }) =>
    compareText(a.entryId, b.entryId) || compareText(a.judgeId, b.judgeId);
  return { ok: true, pairs: pairs.sort(byEntryThenJudge), removed: removed.sort(byEntryThenJudge) };
}
