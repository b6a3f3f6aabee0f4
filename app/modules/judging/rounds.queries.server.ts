/**
 * The staff's desk for one judging round: the reads behind the round page, the ranking page and the minutes (each a
 * few set queries, never one per entry or judge). The round's writes are commands (`commands.server.ts`).
 */
import type { Aggregation } from "../../../db/types";
import type { TFunction } from "../../i18n";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { nowIso } from "../../lib/time.server";
import { getEdition } from "../competition/queries.server";
import type { AssignmentProblem } from "./assignment";
import { parseEvidence } from "./conflict-evidence";
import { roundCutOffs, roundRanking } from "./commands.server";
import { getRound, panelOf, roundAssignments, roundEntries } from "./queries.server";
import { AGGREGATIONS } from "./schemas";
import type { CommitteeOrder, CutOffTie } from "./scoring";
import { type CommitteeDecision, prizeRoundOf } from "./ties.server";
import { compareText, compareVietnamese } from "../../lib/collation";

/** Who changes a round: DOST staff and the administrator; leaders read. */
export function canManageRounds(actor: Pick<CurrentUser, "role">): boolean {
  return actor.role === "staff" || actor.role === "admin";
}

export function requireRoundManager(actor: CurrentUser): void {
  if (!canManageRounds(actor)) forbidden();
}

/** A round of an edition, 404 when the round belongs to another edition. */
export async function roundOfEdition(db: DB, editionId: string, roundId: string) {
  const edition = await getEdition(db, editionId);
  const round = await getRound(db, roundId);
  if (round.edition_id !== edition.id) notFound();
  return { edition, round };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Active judge accounts not (or no longer) on the round's panel. */
export function judgeCandidates(db: DB, roundId: string) {
  return db
    .selectFrom("users")
    .select(["users.id", "users.full_name", "users.email"])
    .where("users.role", "=", "judge")
    .where("users.status", "=", "active")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("round_judges")
            .select("round_judges.judge_id")
            .whereRef("round_judges.judge_id", "=", "users.id")
            .where("round_judges.round_id", "=", roundId)
            .where("round_judges.dropped_at", "is", null),
        ),
      ),
    )
    .orderBy("users.full_name")
    .limit(500)
    .execute();
}

/** Conflicts between the round's panel and the organisations of its entries. */
export function roundConflicts(db: DB, roundId: string) {
  return db
    .selectFrom("judge_conflicts")
    .innerJoin("users", "users.id", "judge_conflicts.judge_id")
    .innerJoin("organisations", "organisations.id", "judge_conflicts.organisation_id")
    .select([
      "judge_conflicts.id",
      "judge_conflicts.judge_id",
      "judge_conflicts.organisation_id",
      "judge_conflicts.source",
      "judge_conflicts.status",
      "judge_conflicts.reason",
      "judge_conflicts.evidence_json",
      "judge_conflicts.decision_reason",
      "judge_conflicts.created_at",
      "users.full_name as judge_name",
      "organisations.name as organisation_name",
    ])
    .where(
      "judge_conflicts.organisation_id",
      "in",
      db
        .selectFrom("round_entries")
        .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
        .select("competition_entries.organisation_id")
        .where("round_entries.round_id", "=", roundId),
    )
    .where(
      "judge_conflicts.judge_id",
      "in",
      db.selectFrom("round_judges").select("round_judges.judge_id").where("round_judges.round_id", "=", roundId),
    )
    .orderBy("organisations.name")
    .orderBy("users.full_name")
    .execute();
}

export type CellState = "none" | "todo" | "draft" | "submitted";

/** The progress grid's entries with a sheet still to submit: what the staff home's count of a round links to. */
export function withOutstandingSheets<Row extends { assigned: number; submitted: number }>(rows: Row[]): Row[] {
  return rows.filter((row) => row.assigned > row.submitted);
}

/** Everything the round page shows: panel, candidates, conflicts and the entries × judges progress, in five queries. */
export async function roundDesk(db: DB, roundId: string) {
  const [panel, candidates, conflicts, entries, assignments] = await Promise.all([
    panelOf(db, roundId),
    judgeCandidates(db, roundId),
    roundConflicts(db, roundId),
    roundEntries(db, roundId),
    roundAssignments(db, roundId),
  ]);
  const byPair = new Map(assignments.map((a) => [`${a.entry_id}|${a.judge_id}`, a]));
  const judgeName = new Map(panel.map((j) => [j.id, j.full_name]));
  const receipts = new Map<string, string[]>();
  for (const entry of entries)
    receipts.set(entry.organisation_id, [
      ...(receipts.get(entry.organisation_id) ?? []),
      entry.receipt_number ?? entry.id,
    ]);
  const progress = entries.map((entry) => {
    const cells = panel.map((judge) => {
      const assignment = byPair.get(`${entry.id}|${judge.id}`);
      const state: CellState = !assignment
        ? "none"
        : assignment.sheet_status === "submitted"
          ? "submitted"
          : assignment.sheet_status === "draft"
            ? "draft"
            : "todo";
      return { judgeId: judge.id, state };
    });
    return {
      entryId: entry.id,
      receipt: entry.receipt_number,
      project: entry.project_name,
      assigned: cells.filter((c) => c.state !== "none").length,
      submitted: cells.filter((c) => c.state === "submitted").length,
      cells,
    };
  });
  const submittedSheets = assignments
    .filter((a) => a.sheet_status === "submitted" && a.sheet_id)
    .map((a) => ({
      id: a.sheet_id!,
      receipt: entries.find((e) => e.id === a.entry_id)?.receipt_number ?? a.entry_id,
      judge: judgeName.get(a.judge_id) ?? a.judge_id,
    }))
    .sort((a, b) => compareText(a.receipt, b.receipt) || compareText(a.judge, b.judge));
  return {
    panel: panel.map((j) => ({
      id: j.id,
      name: j.full_name,
      email: j.email,
      dropped: j.dropped_at !== null,
      assigned: Number(j.assigned),
      submitted: Number(j.submitted),
    })),
    candidates,
    conflicts: conflicts.map(({ evidence_json, ...c }) => ({
      ...c,
      evidence: parseEvidence(evidence_json),
      receipts: receipts.get(c.organisation_id) ?? [],
    })),
    progress,
    totals: {
      assigned: assignments.length,
      submitted: assignments.filter((a) => a.sheet_status === "submitted").length,
    },
    submittedSheets,
  };
}

/** A judge on the round's panel now (404 otherwise, so a drop cannot touch another round). */
export async function requirePanelJudge(db: DB, roundId: string, judgeId: string): Promise<void> {
  const member = await db
    .selectFrom("round_judges")
    .select("judge_id")
    .where("round_id", "=", roundId)
    .where("judge_id", "=", judgeId)
    .where("dropped_at", "is", null)
    .executeTakeFirst();
  if (!member) notFound();
}

/** A submitted sheet of this round (404 for a sheet of another round). */
export async function submittedSheetOfRound(db: DB, roundId: string, sheetId: string) {
  const sheet = await db
    .selectFrom("score_sheets")
    .innerJoin("assignments", "assignments.id", "score_sheets.assignment_id")
    .select(["score_sheets.id", "score_sheets.status"])
    .where("score_sheets.id", "=", sheetId)
    .where("assignments.round_id", "=", roundId)
    .executeTakeFirst();
  if (!sheet) notFound();
  return sheet;
}

/** The assignment problems in the user's words; an entry is named by its receipt number, a judge by their name. */
export function describeAssignmentProblems(
  problems: readonly AssignmentProblem[],
  receiptOf: (entryId: string) => string,
  t: TFunction,
  judgeNameOf: (judgeId: string) => string = (id) => id,
): string[] {
  return problems.map((problem) => {
    switch (problem.kind) {
      case "duplicate_judges":
        return t("rounds.assignmentProblems.duplicateJudges", { judges: problem.judgeIds.map(judgeNameOf).join(", ") });
      case "duplicate_entries":
        return t("rounds.assignmentProblems.duplicateEntries", { entries: problem.entryIds.map(receiptOf).join(", ") });
      case "too_few_judges":
        return t("rounds.assignmentProblems.tooFewJudges", { judges: String(problem.judges), k: String(problem.k) });
      case "entry_short":
        return t("rounds.assignmentProblems.entryShort", {
          entry: receiptOf(problem.entryId),
          eligible: String(problem.eligible),
          k: String(problem.k),
        });
      case "entry_capped":
        return t("rounds.assignmentProblems.entryCapped", {
          entry: receiptOf(problem.entryId),
          eligible: String(problem.eligible),
          full: String(problem.full),
          left: String(problem.eligible - problem.full),
          cap: String(problem.cap),
          k: String(problem.k),
        });
      case "over_cap":
        return t("rounds.assignmentProblems.overCap", {
          slots: String(problem.slots),
          judges: String(problem.judges),
          most: String(problem.most),
          cap: String(problem.cap),
        });
      case "judge_locked":
        return t("rounds.assignmentProblems.judgeLocked", {
          judge: judgeNameOf(problem.judgeId),
          locked: String(problem.locked),
          most: String(problem.most),
        });
      case "judge_starved":
        return t("rounds.assignmentProblems.judgeStarved", {
          judge: judgeNameOf(problem.judgeId),
          possible: String(problem.possible),
          least: String(problem.least),
        });
      case "unbalanced":
        return problem.heavy?.length && problem.light?.length
          ? t("rounds.assignmentProblems.unbalancedBetween", {
              heavy: problem.heavy.map(judgeNameOf).join(", "),
              light: problem.light.map(judgeNameOf).join(", "),
              min: String(problem.minLoad),
              max: String(problem.maxLoad),
            })
          : t("rounds.assignmentProblems.unbalanced", {
              min: String(problem.minLoad),
              max: String(problem.maxLoad),
            });
    }
  });
}

/**
 * The ranking of a round as the committee reads it: one row per scored entry in the order of the round's
 * method, with the four methods side by side, the flags, the ties, each judge's scores, the judges'
 * calibration and whether the entry advances (the outcome once closed, what closing would decide before).
 */
export async function roundReport(db: DB, editionId: string, roundId: string) {
  const ranking = await roundRanking(db, roundId);
  const [cutOffs, entries, panel] = await Promise.all([
    roundCutOffs(db, roundId, ranking),
    roundEntries(db, roundId),
    panelOf(db, roundId),
  ]);
  const { round, criteria, sheets, computation, byMethod } = ranking;
  const { places, warnings } = cutOffs;
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const receipt = (entryId: string) => entryById.get(entryId)?.receipt_number ?? entryId;
  const judgeName = new Map(panel.map((j) => [j.id, j.full_name]));
  const nameOf = (judgeId: string) => judgeName.get(judgeId) ?? judgeId;
  const chosen = byMethod[round.aggregation];
  const rankIn = Object.fromEntries(
    AGGREGATIONS.map((method) => [method, new Map(byMethod[method].map((r) => [r.entryId, r.rank]))]),
  ) as Record<Aggregation, Map<string, number>>;
  const criterionName = new Map(criteria.map((c) => [c.id, c.name]));

  let advancingIds: Set<string> | null = null;
  if (round.status === "closed")
    advancingIds = new Set(entries.filter((e) => e.outcome === "advanced").map((e) => e.id));
  else if (round.status === "judging" && cutOffs.advance) advancingIds = new Set(cutOffs.advance.chosen);

  // Entries of one exact score, grouped once (not a scan of the ranking per row).
  const byScore = new Map<number, string[]>();
  for (const ranked of chosen) {
    const same = byScore.get(ranked.exactScore);
    if (same) same.push(ranked.entryId);
    else byScore.set(ranked.exactScore, [ranked.entryId]);
  }
  const sheetOf = new Map(sheets.map((s) => [`${s.entryId}|${s.judgeId}`, s.scores]));
  const rows = chosen.map((ranked) => {
    const entry = entryById.get(ranked.entryId);
    const sameScore = (byScore.get(ranked.exactScore) ?? []).filter((id) => id !== ranked.entryId).map(receipt);
    return {
      entryId: ranked.entryId,
      receipt: receipt(ranked.entryId),
      project: entry?.project_name ?? "",
      organisation: entry?.organisation_name ?? "",
      category: entry?.category_name ?? null,
      judges: ranked.judges,
      scores: { mean: ranked.mean, trimmed: ranked.trimmed, median: ranked.median, zscore: ranked.zscore },
      ranks: {
        mean: rankIn.mean.get(ranked.entryId)!,
        trimmed: rankIn.trimmed.get(ranked.entryId)!,
        median: rankIn.median.get(ranked.entryId)!,
        zscore: rankIn.zscore.get(ranked.entryId)!,
      },
      spread: ranked.spread,
      disagreement: ranked.disagreement,
      zeroCriterion: ranked.hasZeroCriterion,
      tie: {
        tiedWith: ranked.tiedWith.map(receipt),
        sameScore,
        brokenBy: ranked.tieBrokenBy,
        criterion:
          ranked.tieBrokenBy === "criterion" && round.tie_break_criterion_id
            ? (criterionName.get(round.tie_break_criterion_id) ?? null)
            : null,
      },
      advances: advancingIds ? advancingIds.has(ranked.entryId) : null,
      judgeScores: ranked.totals.map((total) => ({
        judgeId: total.judgeId,
        judge: nameOf(total.judgeId),
        total: total.total,
        normalisedTotal: total.normalisedTotal,
        scores: sheetOf.get(`${ranked.entryId}|${total.judgeId}`) ?? {},
      })),
      criterionMeans: ranked.criterionMeans,
    };
  });
  const scored = new Set(chosen.map((r) => r.entryId));
  const prizeLabel = new Map(cutOffs.prizes.map((p) => [p.id, p.rank_label]));
  const categoryName = new Map(entries.map((e) => [e.category_id ?? "", e.category_name]));
  const describe = (tie: CutOffTie) =>
    describeTie(tie, (id) => ({ receipt: receipt(id), project: entryById.get(id)?.project_name ?? "" }));
  const cutOffTies = [
    ...(cutOffs.prize?.ties ?? []).map((tie) => ({
      ...describe(tie),
      cutOff: "prize" as const,
      prizes: tie.prizeIds.map((id) => (id ? (prizeLabel.get(id) ?? id) : null)),
      category: null,
      cutOffPlace: null,
    })),
    // Once a round is closed its outcome is stored: only the decisions taken before closing remain to show.
    ...(cutOffs.advance?.ties ?? [])
      .filter((tie) => round.status !== "closed" || tie.resolution)
      .map((tie) => ({
        ...describe(tie),
        cutOff: "advancement" as const,
        prizes: [],
        category: tie.category ? (categoryName.get(tie.category) ?? null) : null,
        cutOffPlace: tie.cutOff,
      })),
  ];
  return {
    round,
    places,
    cutOffKind: cutOffs.prize ? ("prize" as const) : ("advancement" as const),
    criteria: criteria.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      maxScore: c.max_score,
      counted: c.counts_in_total === 1,
    })),
    rows,
    unscored: entries.filter((e) => !scored.has(e.id)).map((e) => e.receipt_number ?? e.id),
    warnings: warnings.map((w) => ({
      method: w.method,
      entering: w.entering.map(receipt),
      leaving: w.leaving.map(receipt),
    })),
    cutOffTies,
    panelStats: computation.panel,
    calibration: computation.judges.map((j) => ({
      judgeId: j.judgeId,
      judge: nameOf(j.judgeId),
      sheets: j.sheets,
      mean: round2(j.mean),
      sd: round2(j.sd),
      normalised: j.normalised,
    })),
    notNormalised: computation.judges.filter((j) => !j.normalised).map((j) => nameOf(j.judgeId)),
    generatedAt: nowIso(),
  };
}

/**
 * A tie at a cut-off as the pages show it: the entries (receipt and project), the places, the score to
 * 2 decimals, and the committee's decision when there is one (its order, reason, who and when).
 */
export function describeTie(tie: CutOffTie, entryOf: (entryId: string) => { receipt: string; project: string }) {
  const decision = tie.resolution as (CommitteeOrder & Partial<CommitteeDecision>) | null;
  return {
    entryIds: tie.entryIds,
    entries: tie.entryIds.map((id) => ({ id, ...entryOf(id) })).sort((a, b) => compareText(a.receipt, b.receipt)),
    firstPlace: tie.firstPlace,
    lastPlace: tie.lastPlace,
    score: round2(tie.score),
    decision: decision
      ? {
          order: decision.entryIds.map((id) => entryOf(id).receipt),
          reason: decision.reason ?? "",
          decidedBy: decision.decidedBy ?? "",
          decidedAt: decision.decidedAt ?? "",
        }
      : null,
  };
}

/** The ties across a prize boundary of the edition's prize round (its last), as the prize page shows them. */
export async function editionPrizeTies(db: DB, editionId: string) {
  const prizeRound = await prizeRoundOf(db, editionId);
  if (!prizeRound) return { roundId: null, ties: [] };
  const [cutOffs, entries] = await Promise.all([roundCutOffs(db, prizeRound.id), roundEntries(db, prizeRound.id)]);
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const prizeLabel = new Map(cutOffs.prizes.map((p) => [p.id, p.rank_label]));
  const ties = (cutOffs.prize?.ties ?? []).map((tie) => ({
    ...describeTie(tie, (id) => ({
      receipt: entryById.get(id)?.receipt_number ?? id,
      project: entryById.get(id)?.project_name ?? "",
    })),
    cutOff: "prize" as const,
    prizes: tie.prizeIds.map((id) => (id ? (prizeLabel.get(id) ?? id) : null)),
    category: null,
    cutOffPlace: null,
  }));
  return { roundId: prizeRound.id, ties };
}

export type RoundReport = Awaited<ReturnType<typeof roundReport>>;

/** A sheet the minutes name as not counted yet: none started ("missing") or saved but not submitted ("draft"). */
export type OutstandingSheet = {
  entryId: string;
  receipt: string;
  project: string;
  judgeId: string;
  judge: string;
  state: "missing" | "draft";
};

/**
 * What the minutes add to the ranking for the committee that signs them: every assigned sheet not yet
 * submitted, entry by entry and judge by judge; the judges' comments on their submitted sheets (per criterion and
 * overall, the sheets with at least one); and the panel's judges, named on the signature lines. Four set queries, grouped here; the outstanding
 * sheets come in the entries' receipt order, judges by name.
 */
export async function roundMinutesSheets(db: DB, roundId: string) {
  const [assignments, panel, entries, commentRows] = await Promise.all([
    roundAssignments(db, roundId),
    panelOf(db, roundId),
    roundEntries(db, roundId),
    db
      .selectFrom("score_sheets")
      .innerJoin("assignments", "assignments.id", "score_sheets.assignment_id")
      .leftJoin("scores", (join) =>
        join.onRef("scores.sheet_id", "=", "score_sheets.id").on("scores.comment", "is not", null),
      )
      .select([
        "score_sheets.id",
        "assignments.entry_id",
        "assignments.judge_id",
        "score_sheets.overall_comment",
        "scores.criterion_id",
        "scores.comment",
      ])
      .where("assignments.round_id", "=", roundId)
      .where("assignments.removed_at", "is", null)
      .where("score_sheets.status", "=", "submitted")
      .execute(),
  ]);
  const judgeName = new Map(panel.map((j) => [j.id, j.full_name]));
  const nameOf = (judgeId: string) => judgeName.get(judgeId) ?? judgeId;
  const entryAt = new Map(entries.map((e, index) => [e.id, index]));
  const outstanding: OutstandingSheet[] = assignments
    .filter((a) => a.sheet_status !== "submitted")
    .map((a) => {
      const entry = entries[entryAt.get(a.entry_id) ?? -1];
      return {
        entryId: a.entry_id,
        receipt: entry?.receipt_number ?? a.entry_id,
        project: entry?.project_name ?? "",
        judgeId: a.judge_id,
        judge: nameOf(a.judge_id),
        state: a.sheet_status === "draft" ? ("draft" as const) : ("missing" as const),
      };
    })
    .sort(
      (a, b) => (entryAt.get(a.entryId) ?? 0) - (entryAt.get(b.entryId) ?? 0) || compareVietnamese(a.judge, b.judge),
    );
  const written = (text: string | null) => (text && text.trim() ? text.trim() : null);
  const bySheet = new Map<
    string,
    { entryId: string; judgeId: string; judge: string; overall: string | null; byCriterion: Record<string, string> }
  >();
  for (const row of commentRows) {
    let sheet = bySheet.get(row.id);
    if (!sheet) {
      sheet = {
        entryId: row.entry_id,
        judgeId: row.judge_id,
        judge: nameOf(row.judge_id),
        overall: written(row.overall_comment),
        byCriterion: {},
      };
      bySheet.set(row.id, sheet);
    }
    const comment = written(row.comment);
    if (row.criterion_id && comment) sheet.byCriterion[row.criterion_id] = comment;
  }
  return {
    outstanding,
    // Only the sheets that say something: a round of silent sheets gives an empty comments page, not rows of blanks.
    comments: [...bySheet.values()]
      .filter((sheet) => sheet.overall !== null || Object.keys(sheet.byCriterion).length > 0)
      .sort((a, b) => compareVietnamese(a.judge, b.judge)),
    members: panel.filter((j) => j.dropped_at === null).map((j) => j.full_name),
  };
}
