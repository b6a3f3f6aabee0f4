/**
 * Staff give one entry to one judge, or take one judge off one entry, by hand: each with a reason, audited, under the
 * same rules the automatic assignment keeps (no conflict of interest, the round's cap per judge, submitted sheets
 * stay).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { newId } from "../../lib/ids.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { tellAssignedJudges } from "./notices.server";
import { getRound } from "./queries.server";
import { requireStaff } from "./shared.server";

/** A conflict that bars a judge: declared by them, or confirmed by staff, and not dismissed. */
export async function conflictBars(db: Kysely<Database>, judgeId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("judge_conflicts")
    .select("id")
    .where("judge_id", "=", judgeId)
    .where("organisation_id", "=", organisationId)
    .where((eb) => eb.or([eb("source", "=", "declared"), eb("status", "=", "confirmed")]))
    .where("status", "!=", "dismissed")
    .executeTakeFirst();
  return row !== undefined;
}

export async function assignManually(
  db: DB,
  actor: CurrentUser,
  input: { roundId: string; entryId: string; judgeId: string; reason: string },
  ip: string,
): Promise<Outcome<{ assignmentId: string }>> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const round = await getRound(trx, input.roundId);
    if (round.status !== "judging") return refuse("reassign.problems.notJudging");
    const entry = await trx
      .selectFrom("round_entries")
      .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
      .select(["competition_entries.id", "competition_entries.organisation_id", "competition_entries.receipt_number"])
      .where("round_entries.round_id", "=", round.id)
      .where("round_entries.entry_id", "=", input.entryId)
      .executeTakeFirst();
    if (!entry) return refuse("reassign.problems.entryNotInRound", { field: "entryId", kind: "missing" });
    const judge = await trx
      .selectFrom("round_judges")
      .innerJoin("users", "users.id", "round_judges.judge_id")
      .select(["users.id", "users.full_name"])
      .where("round_judges.round_id", "=", round.id)
      .where("round_judges.judge_id", "=", input.judgeId)
      .where("round_judges.dropped_at", "is", null)
      .executeTakeFirst();
    if (!judge) return refuse("reassign.problems.notOnPanel", { field: "judgeId", kind: "conflict" });
    const receipt = entry.receipt_number ?? entry.id;
    if (await conflictBars(trx, judge.id, entry.organisation_id))
      return refuse("reassign.problems.conflict", {
        field: "judgeId",
        kind: "conflict",
        params: { judge: judge.full_name, entry: receipt },
      });
    const live = await trx
      .selectFrom("assignments")
      .select(["entry_id"])
      .where("round_id", "=", round.id)
      .where("judge_id", "=", judge.id)
      .where("removed_at", "is", null)
      .execute();
    if (live.some((a) => a.entry_id === entry.id))
      return refuse("reassign.problems.alreadyAssigned", {
        field: "judgeId",
        kind: "conflict",
        params: { judge: judge.full_name, entry: receipt },
      });
    const cap = round.max_entries_per_judge;
    if (cap !== null && live.length >= cap)
      return refuse("reassign.problems.capReached", {
        field: "judgeId",
        kind: "conflict",
        params: { judge: judge.full_name, cap: String(cap) },
      });
    const assignmentId = newId();
    await trx
      .insertInto("assignments")
      .values({
        id: assignmentId,
        round_id: round.id,
        entry_id: entry.id,
        judge_id: judge.id,
        created_at: nowIso(),
        removed_at: null,
      })
      .execute();
    await tellAssignedJudges(trx, round.id, [{ judgeId: judge.id }]);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "assignment.added_by_hand",
      entityType: "round",
      entityId: round.id,
      after: { assignmentId, entryId: entry.id, receipt, judgeId: judge.id, judge: judge.full_name },
      reason: input.reason,
      ip,
    });
    return { ok: true as const, assignmentId };
  });
}

/** Takes a judge off an entry; refused once their sheet is submitted. A draft goes with it, and the audit says so. */
export async function unassignManually(
  db: DB,
  actor: CurrentUser,
  input: { roundId: string; assignmentId: string; reason: string },
  ip: string,
): Promise<Outcome<{ draft: boolean }>> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const round = await getRound(trx, input.roundId);
    if (round.status !== "judging") return refuse("reassign.problems.notJudging");
    const assignment = await trx
      .selectFrom("assignments")
      .innerJoin("users", "users.id", "assignments.judge_id")
      .innerJoin("competition_entries", "competition_entries.id", "assignments.entry_id")
      .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
      .select([
        "assignments.id",
        "assignments.entry_id",
        "assignments.judge_id",
        "users.full_name",
        "competition_entries.receipt_number",
        "score_sheets.id as sheet_id",
        "score_sheets.status as sheet_status",
      ])
      .where("assignments.id", "=", input.assignmentId)
      .where("assignments.round_id", "=", round.id)
      .where("assignments.removed_at", "is", null)
      .executeTakeFirst();
    if (!assignment) return refuse("reassign.problems.noSuchAssignment", { field: "assignmentId", kind: "missing" });
    const receipt = assignment.receipt_number ?? assignment.entry_id;
    if (assignment.sheet_status === "submitted")
      return refuse("reassign.problems.submitted", {
        kind: "conflict",
        params: { judge: assignment.full_name, entry: receipt },
      });
    await trx
      .updateTable("assignments")
      .set({ removed_at: nowIso() })
      .where("id", "=", assignment.id)
      .where("removed_at", "is", null)
      .execute();
    const draft = assignment.sheet_status === "draft";
    await recordAudit(trx, {
      actorId: actor.id,
      action: "assignment.removed_by_hand",
      entityType: "round",
      entityId: round.id,
      before: {
        assignmentId: assignment.id,
        entryId: assignment.entry_id,
        receipt,
        judgeId: assignment.judge_id,
        judge: assignment.full_name,
        sheet: draft ? "draft" : "none",
        ...(draft ? { sheetId: assignment.sheet_id } : {}),
      },
      after: { removed: true },
      reason: input.reason,
      ip,
    });
    return { ok: true as const, draft };
  });
}
