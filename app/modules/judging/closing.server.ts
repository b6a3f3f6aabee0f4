/** The end of a round: its ranking and cut-offs, the sheets still outstanding, closing, and the committee's order of ties. */
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden } from "../../lib/http.server";
import { newId, newReadableCode } from "../../lib/ids.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { getRound, roundCriteria, submittedSheets, toCriteria } from "./queries.server";
import type { Aggregation } from "../../../db/types";
import {
  AGGREGATIONS,
  advancement,
  advancementChanges,
  computeRound,
  cutOffChanges,
  type CutOffTie,
  prizeAllocation,
  rankEntries,
  type Ranked,
} from "./scoring";
import { committeeDecisions, editionPrizes, prizeRoundOf } from "./ties.server";
import { requireStaff, setEntryStatus } from "./shared.server";

/** Every figure of a round's ranking, computed from the submitted sheets (nothing is stored). */
export async function roundRanking(db: DB, roundId: string) {
  const round = await getRound(db, roundId);
  const [criteriaRows, sheets] = await Promise.all([roundCriteria(db, roundId), submittedSheets(db, roundId)]);
  const criteria = toCriteria(criteriaRows);
  const computation = computeRound(sheets, criteria, {
    minSheetsToNormalise: round.min_scores_to_normalise,
    disagreementThreshold: round.disagreement_threshold,
  });
  const byMethod = Object.fromEntries(
    AGGREGATIONS.map((method) => [
      method,
      rankEntries(computation.entries, sheets, criteria, method, round.tie_break_criterion_id),
    ]),
  ) as Record<Aggregation, Ranked[]>;
  return { round, criteria: criteriaRows, sheets, computation, byMethod };
}

/**
 * The cut-offs of a round under its method, with the committee's decisions applied: who advances and the
 * ties across the last advancing place of each board (a round that advances), and the prize list and the
 * ties across a prize boundary (the edition's last round, the one prizes are given from).
 */
export async function roundCutOffs(db: DB, roundId: string, ranking?: Awaited<ReturnType<typeof roundRanking>>) {
  const { round, byMethod } = ranking ?? (await roundRanking(db, roundId));
  const ranked = byMethod[round.aggregation];
  const [decisions, prizeRound, entries] = await Promise.all([
    committeeDecisions(db, roundId, round.aggregation),
    prizeRoundOf(db, round.edition_id),
    db
      .selectFrom("round_entries")
      .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
      .select(["competition_entries.id", "competition_entries.category_id"])
      .where("round_entries.round_id", "=", roundId)
      .execute(),
  ]);
  const isPrizeRound = prizeRound?.id === round.id;
  const prizes = isPrizeRound ? await editionPrizes(db, round.edition_id) : [];
  const prize = isPrizeRound
    ? prizeAllocation(
        ranked,
        prizes,
        decisions.filter((d) => d.cutOff === "prize"),
      )
    : null;
  const category = new Map(entries.map((e) => [e.id, e.category_id]));
  const advance =
    round.kind === "final"
      ? null
      : advancement(
          ranked,
          (id) => category.get(id) ?? null,
          {
            perCategory: round.advance_per_category,
            minAverage: round.min_average,
            noZeroCriterion: round.no_zero_criterion === 1,
          },
          decisions.filter((d) => d.cutOff === "advancement"),
        );
  // The stability warning follows the round's own cut-off: the places awarded, or the entries that advance.
  const places = prize ? prizes.reduce((sum, p) => sum + p.count, 0) : (advance?.chosen.length ?? 0);
  const warnings = prize
    ? cutOffChanges(byMethod, places, round.aggregation)
    : round.kind === "final"
      ? []
      : advancementChanges(byMethod, round.aggregation, (id) => category.get(id) ?? null, {
          perCategory: round.advance_per_category,
          minAverage: round.min_average,
          noZeroCriterion: round.no_zero_criterion === 1,
        });
  return { round, ranked, entries, decisions, prizes, prize, advance, places, warnings };
}

/** The receipt numbers of the tied entries, for a refusal's message. */
async function receiptsOf(db: DB, entryIds: readonly string[]): Promise<string> {
  const rows = await db
    .selectFrom("competition_entries")
    .select(["id", "receipt_number"])
    .where("id", "in", entryIds.length ? entryIds : [""])
    .execute();
  const receipt = new Map(rows.map((r) => [r.id, r.receipt_number ?? r.id]));
  return entryIds.map((id) => receipt.get(id) ?? id).join(", ");
}

export async function tieParams(db: DB, tie: CutOffTie): Promise<Record<string, string>> {
  return { entries: await receiptsOf(db, tie.entryIds), first: String(tie.firstPlace), last: String(tie.lastPlace) };
}

/** The round's sheets not submitted yet: live assignments whose sheet is missing or a draft. */
export async function outstandingSheets(db: DB, roundId: string): Promise<number> {
  const row = await db
    .selectFrom("assignments")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("assignments.round_id", "=", roundId)
    .where("assignments.removed_at", "is", null)
    .where((eb) => eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "!=", "submitted")]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Closes a round: the best of each category (by the round's rules) advance, the others are eliminated (an
 * outcome kept on the round, which the entry's status and history show only once the results are published).
 * Refused while a tie across the last advancing place of a board waits for the committee's decision, and
 * while sheets are unsubmitted unless the committee's override is given with its reason (kept in the audit).
 */
export async function closeRound(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  ip: string,
  options: { overrideReason?: string } = {},
): Promise<Outcome<{ advanced: number }>> {
  requireStaff(actor);
  const { round, ranked, entries, advance } = await roundCutOffs(db, roundId);
  if (round.status !== "judging") return refuse("judging.problems.roundClosed");
  const outstanding = await outstandingSheets(db, roundId);
  if (outstanding > 0 && !options.overrideReason)
    return refuse("judging.problems.sheetsOutstanding", { params: { count: String(outstanding) } });
  const open = advance?.ties.find((tie) => !tie.resolution);
  if (open) {
    const categoryName = open.category
      ? (
          await db
            .selectFrom("competition_categories")
            .select("name")
            .where("id", "=", open.category)
            .executeTakeFirst()
        )?.name
      : null;
    return refuse("judging.problems.advancementTie", {
      params: {
        ...(await tieParams(db, open)),
        cutOff: String(open.cutOff),
        category: categoryName ?? "—",
      },
    });
  }
  const chosen = advance ? advance.chosen : ranked.map((r) => r.entryId);
  return db.transaction().execute(async (trx) => {
    const advanced = new Set(chosen);
    for (const entry of entries)
      await trx
        .updateTable("round_entries")
        .set({ outcome: advanced.has(entry.id) ? "advanced" : "eliminated" })
        .where("round_id", "=", roundId)
        .where("entry_id", "=", entry.id)
        .execute();
    await trx.updateTable("competition_rounds").set({ status: "closed" }).where("id", "=", roundId).execute();
    // Eliminations stay staged in the round's outcomes: applicants learn them when the results are published.
    if (round.kind !== "final") await setEntryStatus(trx, chosen, "finalist", actor, "entry.advanced", ip);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.closed",
      entityType: "round",
      entityId: roundId,
      before: { status: "judging" },
      after: { status: "closed", advanced: chosen.length, outstandingSheets: outstanding },
      reason: outstanding > 0 ? options.overrideReason : undefined,
      ip,
    });
    return { ok: true as const, advanced: chosen.length };
  });
}

/** Who records the committee's decision on a tie: DOST staff as its secretariat, or a leader (Ban Tổ chức). */
export function canResolveTies(actor: Pick<CurrentUser, "role">): boolean {
  return actor.role === "staff" || actor.role === "leader";
}

/**
 * Records the organising committee's order of entries tied across a cut-off, with its reason (who, when and
 * why are kept, and audited). The tie must be one the round has now, unresolved; on the prize round, the
 * places it left open in a proposed list are given at once in that order.
 */
export async function resolveTie(
  db: DB,
  actor: CurrentUser,
  roundId: string,
  input: { order: readonly string[]; reason: string },
  ip: string,
): Promise<Outcome<{ cutOff: "prize" | "advancement" }>> {
  if (!canResolveTies(actor)) forbidden();
  const cutOffs = await roundCutOffs(db, roundId);
  const { round } = cutOffs;
  if (new Set(input.order).size !== input.order.length)
    return refuse("judging.problems.tieOrderInvalid", { field: "order", kind: "conflict" });
  const key = [...input.order].sort().join("|");
  const open = [
    ...(cutOffs.prize?.ties ?? []).map((tie) => ({ cutOff: "prize" as const, tie })),
    ...(cutOffs.advance?.ties ?? []).map((tie) => ({ cutOff: "advancement" as const, tie })),
  ].filter((item) => !item.tie.resolution);
  const match = open.find((item) => [...item.tie.entryIds].sort().join("|") === key);
  if (!match) return refuse("judging.problems.noSuchTie");
  if (match.cutOff === "advancement" && round.status !== "judging") return refuse("judging.problems.roundClosed");
  const edition = await db
    .selectFrom("competition_editions")
    .select(["id", "results_status"])
    .where("id", "=", round.edition_id)
    .executeTakeFirstOrThrow();
  if (match.cutOff === "prize" && (edition.results_status === "approved" || edition.results_status === "published"))
    return refuse("judging.problems.resultsDecided");
  const decision = { entryIds: [...input.order], score: match.tie.score };
  return db.transaction().execute(async (trx) => {
    const decidedAt = nowIso();
    await trx
      .insertInto("tie_resolutions")
      .values({
        id: newId(),
        round_id: roundId,
        cut_off: match.cutOff,
        method: round.aggregation,
        score: decision.score,
        entry_ids_json: JSON.stringify(decision.entryIds),
        reason: input.reason,
        decided_by: actor.id,
        decided_at: decidedAt,
      })
      .execute();
    const awardsAdded: Array<{ prizeId: string; entryId: string; rank: number }> = [];
    if (match.cutOff === "prize" && edition.results_status === "proposed") {
      const { awards } = prizeAllocation(cutOffs.ranked, cutOffs.prizes, [
        decision,
        ...cutOffs.decisions.filter((d) => d.cutOff === "prize"),
      ]);
      const listed = new Set(
        (await trx.selectFrom("prize_awards").select("entry_id").where("edition_id", "=", edition.id).execute()).map(
          (a) => a.entry_id,
        ),
      );
      for (const award of awards)
        if (match.tie.entryIds.includes(award.entryId) && !listed.has(award.entryId)) awardsAdded.push(award);
      if (awardsAdded.length)
        await trx
          .insertInto("prize_awards")
          .values(
            awardsAdded.map((a) => ({
              id: newId(),
              edition_id: edition.id,
              prize_id: a.prizeId,
              entry_id: a.entryId,
              rank: a.rank,
              change_reason: null,
              verification_code: newReadableCode(),
              created_at: decidedAt,
            })),
          )
          .execute();
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "round.tie_resolved",
      entityType: "round",
      entityId: roundId,
      before: { tied: match.tie.entryIds, places: [match.tie.firstPlace, match.tie.lastPlace] },
      after: {
        cutOff: match.cutOff,
        method: round.aggregation,
        score: decision.score,
        order: decision.entryIds,
        awardsAdded,
      },
      reason: input.reason,
      ip,
    });
    return { ok: true as const, cutOff: match.cutOff };
  });
}
