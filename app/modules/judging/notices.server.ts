/**
 * What judges are told, by e-mail (the outbox) and by a notice on their home: new assignments, a sheet reopened
 * (with staff's reason), and a reminder before the round's scoring deadline. Written in the caller's transaction,
 * so a judge is told only of a change that is kept. Mail names entries by receipt code only, so a blind round
 * stays blind in the judge's inbox. Mail goes out in the portal's language (the sender's is not the judge's).
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/types";
import { defaultLocale, translator } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { DB } from "../../lib/db.server";
import { formatDate } from "../../lib/format";
import { enqueueMail, enqueueMailOnce } from "../../lib/mail.server";
import { notify } from "../../lib/notify.server";
import { provinceDate } from "../../lib/province-time";
import { publicUrl } from "../../lib/public-url.server";
import { nowIso } from "../../lib/time.server";
import { liveAssignments } from "./queries.server";
import { SCORING_REMINDER_DAYS_BEFORE, scoringReminderDue } from "./reminders";

const t = translator(defaultLocale);

/** Dedupe key of the deadline reminder: one per judge per round. */
export const scoringReminderKey = (roundId: string, judgeId: string) => `judging.reminder:${roundId}:${judgeId}`;
/** A round's judging never lasts a year: within this window the reminder's key is sent once. */
const ONCE_PER_ROUND_HOURS = 366 * 24;

async function roundOf(db: Kysely<Database>, roundId: string) {
  return db
    .selectFrom("competition_rounds")
    .innerJoin("competition_editions", "competition_editions.id", "competition_rounds.edition_id")
    .select(["competition_rounds.name", "competition_rounds.ends_on", "competition_editions.name as edition_name"])
    .where("competition_rounds.id", "=", roundId)
    .executeTakeFirstOrThrow();
}

/** Tells each judge given new assignments how many, in one message per judge, with the round's deadline. */
export async function tellAssignedJudges(
  trx: Kysely<Database>,
  roundId: string,
  pairs: ReadonlyArray<{ judgeId: string }>,
): Promise<void> {
  const counts = new Map<string, number>();
  for (const pair of pairs) counts.set(pair.judgeId, (counts.get(pair.judgeId) ?? 0) + 1);
  if (!counts.size) return;
  const round = await roundOf(trx, roundId);
  const judges = await trx
    .selectFrom("users")
    .select(["id", "email", "full_name"])
    .where("id", "in", [...counts.keys()])
    .where("status", "=", "active")
    .execute();
  const deadline = round.ends_on ? t("judgeHome.mail.deadlineLine", { date: formatDate(round.ends_on) }) : "";
  for (const judge of judges) {
    const count = counts.get(judge.id) ?? 0;
    const subject = t("judgeHome.mail.assignedSubject", { round: round.name, edition: round.edition_name });
    await enqueueMail(trx, {
      to: judge.email,
      subject,
      text: t("judgeHome.mail.assignedBody", {
        name: judge.full_name,
        count,
        round: round.name,
        edition: round.edition_name,
        deadline,
        link: publicUrl("/judging"),
      }),
    });
    await notify(trx, {
      userId: judge.id,
      title: subject,
      body: t("judgeHome.mail.assignedNote", { count }) + deadline,
      link: "/judging",
    });
  }
}

/** Tells the judge whose sheet staff reopened, with staff's reason and a link straight to the sheet. */
export async function tellJudgeOfReopenedSheet(trx: Kysely<Database>, sheetId: string, reason: string): Promise<void> {
  const row = await trx
    .selectFrom("score_sheets")
    .innerJoin("assignments", "assignments.id", "score_sheets.assignment_id")
    .innerJoin("users", "users.id", "assignments.judge_id")
    .innerJoin("competition_entries", "competition_entries.id", "assignments.entry_id")
    .innerJoin("competition_rounds", "competition_rounds.id", "assignments.round_id")
    .select([
      "assignments.id as assignment_id",
      "users.id as judge_id",
      "users.email",
      "users.full_name",
      "users.status",
      "competition_entries.receipt_number",
      "competition_rounds.name as round_name",
    ])
    .where("score_sheets.id", "=", sheetId)
    .executeTakeFirstOrThrow();
  if (row.status !== "active") return;
  const code = row.receipt_number ?? "";
  const subject = t("judgeHome.mail.reopenedSubject", { code, round: row.round_name });
  await enqueueMail(trx, {
    to: row.email,
    subject,
    text: t("judgeHome.mail.reopenedBody", {
      name: row.full_name,
      code,
      round: row.round_name,
      reason,
      link: publicUrl(`/judging/${row.assignment_id}`),
    }),
  });
  await notify(trx, {
    userId: row.judge_id,
    title: subject,
    body: t("judgeHome.mail.reopenedNote", { reason }),
    link: `/judging/${row.assignment_id}`,
  });
}

/**
 * The hourly job's reminder: in every round being judged whose deadline is near (scoringReminderDue), each judge
 * with sheets not yet submitted is e-mailed and notified once for the round (a dedupe key per judge and round), with
 * how many are left. Returns how many judges were reminded. Three queries plus one look-up per judge to remind.
 */
export async function sendScoringReminders(db: DB, now: string = nowIso()): Promise<number> {
  const today = provinceDate(now);
  return db.transaction().execute(async (trx) => {
    const rounds = (
      await trx
        .selectFrom("competition_rounds")
        .innerJoin("competition_editions", "competition_editions.id", "competition_rounds.edition_id")
        .select([
          "competition_rounds.id",
          "competition_rounds.name",
          "competition_rounds.ends_on",
          "competition_editions.name as edition_name",
        ])
        .where("competition_rounds.status", "=", "judging")
        .where("competition_rounds.ends_on", ">=", today)
        .execute()
    ).filter((round) => scoringReminderDue(round.ends_on, today, SCORING_REMINDER_DAYS_BEFORE));
    if (!rounds.length) return 0;
    const outstanding = await outstandingSheetsByJudge(
      trx,
      rounds.map((r) => r.id),
    );
    let reminded = 0;
    for (const round of rounds) {
      const judges = outstanding.filter((o) => o.round_id === round.id);
      let sent = 0;
      for (const judge of judges) {
        const date = formatDate(round.ends_on);
        const count = Number(judge.outstanding);
        const subject = t("judgeHome.mail.reminderSubject", { round: round.name, date });
        const id = await enqueueMailOnce(
          trx,
          {
            to: judge.email,
            subject,
            text: t("judgeHome.mail.reminderBody", {
              name: judge.full_name,
              count,
              round: round.name,
              edition: round.edition_name,
              date,
              link: publicUrl("/judging"),
            }),
          },
          { key: scoringReminderKey(round.id, judge.judge_id), withinHours: ONCE_PER_ROUND_HOURS },
        );
        if (!id) continue;
        await notify(trx, {
          userId: judge.judge_id,
          title: subject,
          body: t("judgeHome.mail.reminderNote", { count, date }),
          link: "/judging",
        });
        sent++;
      }
      if (!sent) continue;
      reminded += sent;
      await recordAudit(trx, {
        actorId: null,
        action: "round.judges_reminded",
        entityType: "round",
        entityId: round.id,
        after: { judges: sent, deadline: round.ends_on },
        ip: null,
      });
    }
    return reminded;
  });
}

/** Per round and active judge, how many of their live assignments have no submitted sheet (counted in SQL). */
function outstandingSheetsByJudge(trx: Transaction<Database>, roundIds: string[]) {
  return liveAssignments(trx)
    .innerJoin("users", "users.id", "assignments.judge_id")
    .select((eb) => [
      "assignments.round_id",
      "users.id as judge_id",
      "users.email",
      "users.full_name",
      eb.fn.count<number>("assignments.id").as("outstanding"),
    ])
    .where("assignments.round_id", "in", roundIds)
    .where("users.status", "=", "active")
    .where((eb) => eb.or([eb("score_sheets.status", "is", null), eb("score_sheets.status", "!=", "submitted")]))
    .groupBy(["assignments.round_id", "users.id", "users.email", "users.full_name"])
    .orderBy("users.id")
    .execute();
}
