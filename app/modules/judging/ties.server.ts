/**
 * Ties at a cut-off are the organising committee's (Thể lệ: "trường hợp đồng điểm do Ban Tổ chức quyết định"):
 * the reads behind the notices on the ranking and prize pages, and the committee's recorded orders.
 */
import type { Aggregation } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import type { CommitteeOrder } from "./scoring";

export type CommitteeDecision = CommitteeOrder & {
  id: string;
  cutOff: "prize" | "advancement";
  reason: string;
  decidedBy: string;
  decidedAt: string;
};

/** The committee's decisions on a round under one method, newest first (the newest wins for the same tie). */
export async function committeeDecisions(db: DB, roundId: string, method: Aggregation): Promise<CommitteeDecision[]> {
  const rows = await db
    .selectFrom("tie_resolutions")
    .innerJoin("users", "users.id", "tie_resolutions.decided_by")
    .select([
      "tie_resolutions.id",
      "tie_resolutions.cut_off",
      "tie_resolutions.score",
      "tie_resolutions.entry_ids_json",
      "tie_resolutions.reason",
      "tie_resolutions.decided_at",
      "users.full_name",
    ])
    .where("tie_resolutions.round_id", "=", roundId)
    .where("tie_resolutions.method", "=", method)
    .orderBy("tie_resolutions.decided_at", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    cutOff: row.cut_off,
    score: row.score,
    entryIds: JSON.parse(row.entry_ids_json) as string[],
    reason: row.reason,
    decidedBy: row.full_name,
    decidedAt: row.decided_at,
  }));
}

/** The round prizes are given from: the edition's last round. */
export async function prizeRoundOf(db: DB, editionId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .orderBy("position", "desc")
    .executeTakeFirst();
}

/** The edition's prizes in order, each with its count. */
export function editionPrizes(db: DB, editionId: string) {
  return db
    .selectFrom("competition_prizes")
    .select(["id", "count", "rank_label"])
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .execute();
}
