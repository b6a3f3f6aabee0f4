/** The prize list: proposal, the committee's changes with reasons, approval and publication. */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId, newReadableCode } from "../../lib/ids.server";
import { enqueueMail } from "../../lib/mail.server";
import { publicUrl } from "../../lib/public-url.server";
import { notify } from "../../lib/notify.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { unfilledPlaces } from "./prize-list";
import { awardedEntriesQuery } from "./results.server";
import { editionPrizes, prizeRoundOf } from "./ties.server";
import { requireStaff, setEntryStatus } from "./shared.server";
import { roundCutOffs, tieParams } from "./closing.server";

/**
 * The prize list proposed from the final round's ranking (default 1 nhất, 1 nhì, 2 ba, 2 khuyến khích).
 * Places a tie spans across different prizes are left open until the committee orders the tied entries.
 */
export async function proposePrizeList(db: DB, actor: CurrentUser, editionId: string, ip: string): Promise<Outcome> {
  requireStaff(actor);
  const edition = await db
    .selectFrom("competition_editions")
    .selectAll()
    .where("id", "=", editionId)
    .executeTakeFirst();
  if (!edition) notFound();
  if (edition.results_status === "published") return refuse("judging.problems.alreadyPublished");
  const final = await prizeRoundOf(db, editionId);
  if (!final) return refuse("judging.problems.noEntries");
  const { prize } = await roundCutOffs(db, final.id);
  const proposal = prize?.awards ?? [];
  const open = (prize?.ties ?? []).filter((tie) => !tie.resolution);
  if (!proposal.length && !open.length) return refuse("judging.problems.noEntries");
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom("prize_awards").where("edition_id", "=", editionId).execute();
    if (proposal.length)
      await trx
        .insertInto("prize_awards")
        .values(
          proposal.map((p) => ({
            id: newId(),
            edition_id: editionId,
            prize_id: p.prizeId,
            entry_id: p.entryId,
            rank: p.rank,
            change_reason: null,
            verification_code: newReadableCode(),
            created_at: nowIso(),
          })),
        )
        .execute();
    await trx
      .updateTable("competition_editions")
      .set({ results_status: "proposed", updated_at: nowIso() })
      .where("id", "=", editionId)
      .execute();
    const openPlaces = open.map((tie) => ({ entryIds: tie.entryIds, places: [tie.firstPlace, tie.lastPlace] }));
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.proposed",
      entityType: "edition",
      entityId: editionId,
      before: { results: edition.results_status },
      after: { results: "proposed", awards: proposal, openPlaces },
      ip,
    });
    return { ok: true as const };
  });
}

/** Staff may change one line of the proposal, only with a reason; the committee then decides on the whole list. */
export async function changePrizeAward(
  db: DB,
  actor: CurrentUser,
  awardId: string,
  entryId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    const award = await trx.selectFrom("prize_awards").selectAll().where("id", "=", awardId).executeTakeFirst();
    if (!award) notFound();
    const edition = await trx
      .selectFrom("competition_editions")
      .select("results_status")
      .where("id", "=", award.edition_id)
      .executeTakeFirstOrThrow();
    if (edition.results_status !== "proposed") return refuse("judging.problems.notProposed");
    const entry = await trx
      .selectFrom("competition_entries")
      .select("id")
      .where("id", "=", entryId)
      .where("edition_id", "=", award.edition_id)
      .executeTakeFirst();
    if (!entry) return refuse("errors.invalidChoice", { field: "entryId", kind: "conflict" });
    const other = await trx
      .selectFrom("prize_awards")
      .select("id")
      .where("edition_id", "=", award.edition_id)
      .where("entry_id", "=", entryId)
      .where("id", "!=", awardId)
      .executeTakeFirst();
    if (other) return refuse("judging.problems.alreadyAwarded", { field: "entryId", kind: "conflict" });
    await trx
      .updateTable("prize_awards")
      .set({ entry_id: entryId, change_reason: reason })
      .where("id", "=", awardId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.changed",
      entityType: "edition",
      entityId: award.edition_id,
      before: { awardId, entryId: award.entry_id },
      after: { awardId, entryId },
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** A proposed list's award of this edition, and the edition's results state (404 for an award of another edition). */
async function proposedAward(db: Kysely<Database>, editionId: string, awardId: string) {
  const award = await db
    .selectFrom("prize_awards")
    .selectAll()
    .where("id", "=", awardId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  if (!award) notFound();
  return award;
}

async function resultsStatusOf(db: Kysely<Database>, editionId: string) {
  const edition = await db
    .selectFrom("competition_editions")
    .select("results_status")
    .where("id", "=", editionId)
    .executeTakeFirst();
  if (!edition) notFound();
  return edition.results_status;
}

/** Staff swap the prizes of two entries of the proposed list, with a reason (both lines keep it; audited). */
export async function swapPrizeAwards(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  firstId: string,
  secondId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  if (firstId === secondId) return refuse("prizes.problems.swapSame", { field: "secondAwardId", kind: "conflict" });
  return db.transaction().execute(async (trx) => {
    if ((await resultsStatusOf(trx, editionId)) !== "proposed") return refuse("judging.problems.notProposed");
    const first = await proposedAward(trx, editionId, firstId);
    const second = await proposedAward(trx, editionId, secondId);
    // The entries keep their award lines (and verification codes); the prizes and places move between them.
    await trx
      .updateTable("prize_awards")
      .set({ prize_id: second.prize_id, rank: second.rank, change_reason: reason })
      .where("id", "=", first.id)
      .execute();
    await trx
      .updateTable("prize_awards")
      .set({ prize_id: first.prize_id, rank: first.rank, change_reason: reason })
      .where("id", "=", second.id)
      .execute();
    const before = [
      { entryId: first.entry_id, prizeId: first.prize_id, rank: first.rank },
      { entryId: second.entry_id, prizeId: second.prize_id, rank: second.rank },
    ];
    const after = [
      { entryId: first.entry_id, prizeId: second.prize_id, rank: second.rank },
      { entryId: second.entry_id, prizeId: first.prize_id, rank: first.rank },
    ];
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.swapped",
      entityType: "edition",
      entityId: editionId,
      before,
      after,
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** Staff leave a place unawarded (the committee's decision), with a reason: the award goes, the place stays flagged. */
export async function leavePlaceUnawarded(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  awardId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    if ((await resultsStatusOf(trx, editionId)) !== "proposed") return refuse("judging.problems.notProposed");
    const award = await proposedAward(trx, editionId, awardId);
    await trx.deleteFrom("prize_awards").where("id", "=", award.id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.place_unawarded",
      entityType: "edition",
      entityId: editionId,
      before: { awardId: award.id, prizeId: award.prize_id, entryId: award.entry_id, rank: award.rank },
      after: { prizeId: award.prize_id },
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/** Staff give an unfilled place of a prize to an entry not yet listed, with a reason (audited). */
export async function fillPrizePlace(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  prizeId: string,
  entryId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    if ((await resultsStatusOf(trx, editionId)) !== "proposed") return refuse("judging.problems.notProposed");
    const [prizes, listed] = await Promise.all([
      editionPrizes(trx, editionId),
      trx.selectFrom("prize_awards").select(["prize_id", "entry_id"]).where("edition_id", "=", editionId).execute(),
    ]);
    if (!prizes.some((p) => p.id === prizeId))
      return refuse("errors.invalidChoice", { field: "prizeId", kind: "conflict" });
    const open = unfilledPlaces(prizes, listed).find((u) => u.prizeId === prizeId);
    if (!open) return refuse("prizes.problems.noUnfilledPlace", { field: "prizeId", kind: "conflict" });
    if (listed.some((a) => a.entry_id === entryId))
      return refuse("judging.problems.alreadyAwarded", { field: "entryId", kind: "conflict" });
    const id = newId();
    await trx
      .insertInto("prize_awards")
      .values({
        id,
        edition_id: editionId,
        prize_id: prizeId,
        entry_id: entryId,
        rank: open.firstPlace,
        change_reason: reason,
        verification_code: newReadableCode(),
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.place_filled",
      entityType: "edition",
      entityId: editionId,
      after: { awardId: id, prizeId, entryId, rank: open.firstPlace },
      reason,
      ip,
    });
    return { ok: true as const };
  });
}

/**
 * The organising committee (leaders) approves the list, then publishes it in one step. Refused while a tie
 * across a prize boundary of the final round waits for the committee's recorded decision.
 */
export async function approveResults(db: DB, actor: CurrentUser, editionId: string, ip: string): Promise<Outcome> {
  if (actor.role !== "leader") forbidden();
  const prizeRound = await prizeRoundOf(db, editionId);
  const open = prizeRound
    ? (await roundCutOffs(db, prizeRound.id)).prize?.ties.find((tie) => !tie.resolution)
    : undefined;
  if (open) return refuse("judging.problems.prizeTie", { params: await tieParams(db, open) });
  return db.transaction().execute(async (trx) => {
    const edition = await trx
      .selectFrom("competition_editions")
      .select(["results_status"])
      .where("id", "=", editionId)
      .executeTakeFirst();
    if (!edition) notFound();
    if (edition.results_status !== "proposed") return refuse("judging.problems.notProposed");
    await trx
      .updateTable("competition_editions")
      .set({ results_status: "approved", updated_at: nowIso() })
      .where("id", "=", editionId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.approved",
      entityType: "edition",
      entityId: editionId,
      before: { results: "proposed" },
      after: { results: "approved" },
      ip,
    });
    return { ok: true as const };
  });
}

export async function publishResults(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  context: { t: TFunction; ip: string },
): Promise<Outcome> {
  if (actor.role !== "leader") forbidden();
  return db.transaction().execute(async (trx) => {
    const edition = await trx
      .selectFrom("competition_editions")
      .select(["id", "name", "results_status"])
      .where("id", "=", editionId)
      .executeTakeFirst();
    if (!edition) notFound();
    if (edition.results_status !== "approved") return refuse("judging.problems.notApproved");
    const now = nowIso();
    const awards = await awardedEntriesQuery(trx)
      .select(["prize_awards.entry_id", "competition_prizes.rank_label"])
      .where("prize_awards.edition_id", "=", editionId)
      .execute();
    const prizeOf = new Map(awards.map((a) => [a.entry_id, a.rank_label]));
    const judged = await trx
      .selectFrom("competition_entries")
      .select(["id", "status", "project_name", "organisation_id", "receipt_number"])
      .where("edition_id", "=", editionId)
      .where("status", "in", ["finalist", "in_round", "not_awarded", "valid", "awarded"])
      .execute();
    // Where each entry not awarded stopped: the first round that eliminated it, named in its history line.
    const stopped = await trx
      .selectFrom("round_entries")
      .innerJoin("competition_rounds", "competition_rounds.id", "round_entries.round_id")
      .select(["round_entries.entry_id", "competition_rounds.name", "competition_rounds.position"])
      .where("competition_rounds.edition_id", "=", editionId)
      .where("round_entries.outcome", "=", "eliminated")
      .orderBy("competition_rounds.position")
      .execute();
    const stoppedIn = new Map<string, string>();
    for (const row of stopped) if (!stoppedIn.has(row.entry_id)) stoppedIn.set(row.entry_id, row.name);
    const { t: tr } = context;
    const notAwarded = judged.filter((e) => !prizeOf.has(e.id) && e.status !== "not_awarded").map((e) => e.id);
    await setEntryStatus(
      trx,
      judged.filter((e) => prizeOf.has(e.id)).map((e) => e.id),
      "awarded",
      actor,
      "entry.awarded",
      context.ip,
      (id) => tr("judging.historyAwarded", { prize: prizeOf.get(id) ?? "" }),
    );
    await setEntryStatus(
      trx,
      notAwarded.filter((id) => stoppedIn.has(id)),
      "not_awarded",
      actor,
      "entry.eliminated",
      context.ip,
      (id) => tr("judging.historyEliminated", { round: stoppedIn.get(id) ?? "" }),
    );
    await setEntryStatus(
      trx,
      notAwarded.filter((id) => !stoppedIn.has(id)),
      "not_awarded",
      actor,
      "entry.not_awarded",
      context.ip,
      () => tr("judging.historyNotAwarded"),
    );
    await trx
      .updateTable("competition_editions")
      .set({ results_status: "published", results_published_at: now, updated_at: now })
      .where("id", "=", editionId)
      .execute();
    const { t } = context;
    const recipients = await trx
      .selectFrom("competition_entries")
      .innerJoin("memberships", "memberships.organisation_id", "competition_entries.organisation_id")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select([
        "users.id as user_id",
        "users.email",
        "users.full_name",
        "competition_entries.id",
        "competition_entries.project_name",
      ])
      .where("competition_entries.edition_id", "=", editionId)
      .where("competition_entries.status", "not in", ["draft", "withdrawn"])
      .execute();
    for (const recipient of recipients) {
      const prize = prizeOf.get(recipient.id);
      const result = prize ? t("judging.resultAwarded", { prize }) : t("judging.resultNotAwarded");
      await enqueueMail(trx, {
        to: recipient.email,
        subject: t("judging.resultMailSubject", { edition: edition.name }),
        text: t("judging.resultMailBody", {
          name: recipient.full_name,
          project: recipient.project_name,
          result,
          link: publicUrl(`/competitions/${editionId}`),
        }),
      });
      await notify(trx, {
        userId: recipient.user_id,
        title: t("judging.resultMailSubject", { edition: edition.name }),
        body: result,
        link: `/my/entries/${recipient.id}`,
      });
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prizes.published",
      entityType: "edition",
      entityId: editionId,
      before: { results: "approved" },
      after: { results: "published", recipients: recipients.length },
      ip: context.ip,
    });
    return { ok: true as const };
  });
}
