/** What the judging commands share: the staff check, entry status changes with their history, the closed-round refusal. */
import type { Kysely } from "kysely";
import type { Database, EntryStatus, RoundStatus } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import { forbidden } from "../../lib/http.server";
import { type Refusal, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";

export function requireStaff(actor: CurrentUser): void {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
}

export async function setEntryStatus(
  db: Kysely<Database>,
  entryIds: readonly string[],
  to: EntryStatus,
  actor: CurrentUser,
  action: string,
  ip: string,
  reasonOf?: (entryId: string) => string | undefined,
): Promise<void> {
  if (!entryIds.length) return;
  const before = await db
    .selectFrom("competition_entries")
    .select(["id", "status"])
    .where("id", "in", entryIds)
    .execute();
  await db
    .updateTable("competition_entries")
    .set({ status: to, updated_at: nowIso() })
    .where("id", "in", entryIds)
    .execute();
  for (const entry of before)
    await recordAudit(db, {
      actorId: actor.id,
      action,
      entityType: "entry",
      entityId: entry.id,
      before: { status: entry.status },
      after: { status: to },
      reason: reasonOf?.(entry.id),
      ip,
    });
}

/** Nothing on a closed round's desk changes any more: its outcome was decided under that panel, rules and sheets. */
export function closedRoundRefusal(round: { status: RoundStatus }): Refusal | null {
  return round.status === "closed" ? refuse("rounds.problems.closed") : null;
}
