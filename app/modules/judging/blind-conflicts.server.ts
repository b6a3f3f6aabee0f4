/**
 * Declaring a conflict in a blind round: the judge sees the organisations and team members present in the round, as
 * sorted, deduplicated names with nothing tying a name to an entry, and ticks those they are conflicted with. The
 * server finds the entries behind the names and records the conflicts on their organisations; the judge is never
 * told which entries (or how many) were matched.
 */
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { writeDeclaredConflict } from "./panel.server";
import { closedRoundRefusal } from "./shared.server";
import { compareVietnamese } from "../../lib/collation";

/** How names are compared and deduplicated: spacing and case do not make two people. */
const nameKey = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi");

/** A blind round the judge sits on (not dropped): 403 for anyone else, 404 for a round that is not blind. */
export async function blindRoundOfJudge(db: DB, judge: CurrentUser, roundId: string) {
  if (judge.role !== "judge") forbidden();
  const round = await db
    .selectFrom("competition_rounds")
    .innerJoin("competition_editions", "competition_editions.id", "competition_rounds.edition_id")
    .leftJoin("round_judges", (join) =>
      join
        .onRef("round_judges.round_id", "=", "competition_rounds.id")
        .on("round_judges.judge_id", "=", judge.id)
        .on("round_judges.dropped_at", "is", null),
    )
    .select([
      "competition_rounds.id",
      "competition_rounds.name",
      "competition_rounds.blind",
      "competition_rounds.status",
      "competition_editions.name as edition_name",
      "round_judges.judge_id as on_panel",
    ])
    .where("competition_rounds.id", "=", roundId)
    .executeTakeFirst();
  if (!round) notFound();
  if (!round.on_panel) forbidden();
  if (round.blind !== 1) notFound();
  return round;
}

/** Who is in the round, by name: each organisation and team member behind each entry (read by the server only). */
async function namesInRound(db: DB, roundId: string) {
  const [organisations, people] = await Promise.all([
    db
      .selectFrom("round_entries")
      .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
      .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
      .select(["organisations.id as organisation_id", "organisations.name"])
      .where("round_entries.round_id", "=", roundId)
      .execute(),
    db
      .selectFrom("entry_members")
      .innerJoin("round_entries", "round_entries.entry_id", "entry_members.entry_id")
      .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
      .select(["competition_entries.organisation_id", "entry_members.full_name as name"])
      .where("round_entries.round_id", "=", roundId)
      .execute(),
  ]);
  return { organisations, people };
}

function distinctSorted(rows: ReadonlyArray<{ name: string }>): string[] {
  const byKey = new Map<string, string>();
  for (const row of rows) {
    const key = nameKey(row.name);
    if (key && !byKey.has(key)) byKey.set(key, row.name.replace(/\s+/g, " ").trim());
  }
  return [...byKey.values()].sort((a, b) => compareVietnamese(a, b));
}

/** The page's list: names only, sorted and deduplicated; nothing in it says which entry a name belongs to. */
export async function blindConflictChoices(db: DB, judge: CurrentUser, roundId: string) {
  const round = await blindRoundOfJudge(db, judge, roundId);
  const { organisations, people } = await namesInRound(db, round.id);
  return {
    round: { id: round.id, name: round.name, edition: round.edition_name, closed: round.status === "closed" },
    organisations: distinctSorted(organisations),
    people: distinctSorted(people),
  };
}

export type BlindPicks = { organisations: string[]; people: string[] };

/**
 * Records the judge's conflicts against the organisations behind the ticked names (declared, so they bar at once and
 * auto-assignment avoids them), withdrawing unfinished assignments to them. A name not in the round is refused.
 */
export async function declareBlindConflicts(
  db: DB,
  judge: CurrentUser,
  roundId: string,
  picks: BlindPicks,
  reason: string,
  ip: string,
): Promise<Outcome> {
  const round = await blindRoundOfJudge(db, judge, roundId);
  const closed = closedRoundRefusal(round);
  if (closed) return closed;
  if (!picks.organisations.length && !picks.people.length)
    return refuse("blindConflicts.problems.nothingTicked", { field: "organisations", kind: "invalid" });
  return db.transaction().execute(async (trx) => {
    const { organisations, people } = await namesInRound(trx, round.id);
    const matched = new Set<string>();
    for (const [ticked, rows, field] of [
      [picks.organisations, organisations, "organisations"],
      [picks.people, people, "people"],
    ] as const)
      for (const name of ticked) {
        const hits = rows.filter((row) => nameKey(row.name) === nameKey(name));
        if (!hits.length) return refuse("errors.invalidChoice", { field, kind: "invalid" });
        for (const hit of hits) matched.add(hit.organisation_id);
      }
    const existing = await trx
      .selectFrom("judge_conflicts")
      .select(["id", "organisation_id", "source", "status"])
      .where("judge_id", "=", judge.id)
      .where("organisation_id", "in", [...matched])
      .execute();
    for (const organisationId of matched) {
      const before = existing.find((c) => c.organisation_id === organisationId);
      if (before?.source === "declared" || before?.status === "confirmed") continue;
      await writeDeclaredConflict(trx, judge.id, organisationId, reason, before?.id ?? null);
      await recordAudit(trx, {
        actorId: judge.id,
        action: "conflict.declared",
        entityType: "organisation",
        entityId: organisationId,
        before: before ? { status: before.status, source: before.source } : undefined,
        after: { judgeId: judge.id, roundId: round.id, via: "blind_list", ticked: picks },
        reason,
        ip,
      });
    }
    return { ok: true as const };
  });
}
