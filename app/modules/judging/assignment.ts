/**
 * Automatic assignment of judges to entries: every entry gets k judges, no judge with a conflict,
 * judge loads differ by at most one, and the same inputs always give the same result.
 */
import { createHash } from "node:crypto";

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

function order(seed: string, ...parts: string[]): string {
  return createHash("sha256")
    .update([seed, ...parts].join("\u0000"))
    .digest("hex");
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

  const onEntry = new Map<string, Set<string>>(entries.map((e) => [e.id, new Set<string>()]));
  const load = new Map<string, number>(judges.map((j) => [j, 0]));
  for (const pair of fixed) {
    onEntry.get(pair.entryId)?.add(pair.judgeId);
    if (load.has(pair.judgeId)) load.set(pair.judgeId, load.get(pair.judgeId)! + 1);
  }
  const eligible = (entry: { id: string; organisationId: string }, judgeId: string) =>
    !conflicts.has(conflictKey(judgeId, entry.organisationId)) && !onEntry.get(entry.id)!.has(judgeId);

  const problems: AssignmentProblem[] = [];
  for (const entry of entries) {
    const possible = judges.filter((j) => !conflicts.has(conflictKey(j, entry.organisationId))).length;
    const needed = k - [...onEntry.get(entry.id)!].filter((j) => load.has(j)).length;
    if (needed > 0 && judges.filter((j) => eligible(entry, j)).length < needed)
      problems.push({ kind: "entry_short", entryId: entry.id, eligible: possible, k });
  }
  if (problems.length) return { ok: false, problems };

  // Most constrained entries first; then least-loaded eligible judges, ties in a seeded but fixed order.
  // Each entry's count and hash computed once, not inside the comparator (same comparison, same order).
  const queueKey = new Map(
    entries.map((e) => [e.id, { eligible: judges.filter((j) => eligible(e, j)).length, hash: order(seed, e.id) }]),
  );
  const queue = [...entries].sort((a, b) => {
    const [ka, kb] = [queueKey.get(a.id)!, queueKey.get(b.id)!];
    return ka.eligible - kb.eligible || ka.hash.localeCompare(kb.hash);
  });
  const added: Array<{ entryId: string; judgeId: string }> = [];
  const entryById = new Map(entries.map((e) => [e.id, e]));
  for (const entry of queue) {
    const current = [...onEntry.get(entry.id)!].filter((j) => load.has(j)).length;
    for (let slot = current; slot < k; slot++) {
      const hashes = new Map(judges.filter((j) => eligible(entry, j)).map((j) => [j, order(seed, entry.id, j)]));
      const judge = [...hashes.keys()].sort(
        (a, b) => load.get(a)! - load.get(b)! || hashes.get(a)!.localeCompare(hashes.get(b)!),
      )[0];
      onEntry.get(entry.id)!.add(judge);
      load.set(judge, load.get(judge)! + 1);
      added.push({ entryId: entry.id, judgeId: judge });
    }
  }

  // Balance: move one entry at a time along a chain of judges, from the heaviest to the lightest.
  const movable = (pair: { entryId: string; judgeId: string }, to: string) => {
    const entry = entryById.get(pair.entryId)!;
    return !conflicts.has(conflictKey(to, entry.organisationId)) && !onEntry.get(entry.id)!.has(to);
  };
  for (let guard = 0; guard < entries.length * k * judges.length + 10; guard++) {
    const loads = judges.map((j) => load.get(j)!);
    const max = Math.max(...loads);
    const min = Math.min(...loads);
    if (max - min <= 1) break;
    const heavy = judges.filter((j) => load.get(j) === max).sort();
    let moved = false;
    for (const start of heavy) {
      // Breadth-first search over judges: an edge a → b when some added pair of a could go to b.
      const previous = new Map<string, { from: string; pairIndex: number }>();
      const seen = new Set([start]);
      const frontier = [start];
      let target: string | null = null;
      while (frontier.length && !target) {
        const a = frontier.shift()!;
        for (let index = 0; index < added.length && !target; index++) {
          const pair = added[index];
          if (pair.judgeId !== a) continue;
          for (const b of judges) {
            if (seen.has(b) || !movable(pair, b)) continue;
            seen.add(b);
            previous.set(b, { from: a, pairIndex: index });
            if (load.get(b)! <= max - 2) {
              target = b;
              break;
            }
            frontier.push(b);
          }
        }
      }
      if (!target) continue;
      // Walk back from the light judge, moving each pair one step along the chain.
      let node = target;
      while (node !== start) {
        const step = previous.get(node)!;
        const pair = added[step.pairIndex];
        onEntry.get(pair.entryId)!.delete(step.from);
        onEntry.get(pair.entryId)!.add(node);
        pair.judgeId = node;
        node = step.from;
      }
      load.set(start, load.get(start)! - 1);
      load.set(target, load.get(target)! + 1);
      moved = true;
      break;
    }
    if (!moved) break;
  }
  const loads = judges.map((j) => load.get(j)!);
  const [minLoad, maxLoad] = [Math.min(...loads), Math.max(...loads)];
  if (maxLoad - minLoad > 1) return { ok: false, problems: [{ kind: "unbalanced", minLoad, maxLoad }] };
  return {
    ok: true,
    pairs: added.sort((a, b) => a.entryId.localeCompare(b.entryId) || a.judgeId.localeCompare(b.judgeId)),
  };
}
