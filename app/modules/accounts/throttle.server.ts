/**
 * Throttles of the unauthenticated forms, kept in the database so that every server process counts the same rows.
 *
 * A login attempt is admitted in one transaction: its row is written and the failures counted together, and the
 * transaction holds the database's one writer lock (BEGIN IMMEDIATE on SQLite, the writer advisory lock on
 * PostgreSQL, see db-dialect.server.ts), so admissions are taken one at a time across every process and
 * instance. Of any number of concurrent attempts, exactly those within the limit are admitted, each counting
 * the ones admitted before it (still being checked included): a burst can neither pass more than the limit nor
 * waste the allowance by refusing itself whole. A refused attempt leaves no row, so refusals never prolong a lock.
 *
 * Mail requests are insert-then-count without a transaction: the row is committed before the others are
 * counted, so no more than the limit are sent; a burst may be refused whole, the safe side for e-mail.
 */
import type { MailRequestAction } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { addMinutes, nowIso } from "../../lib/time.server";
import { isLoginThrottled, isMailRequestAllowed, LOGIN_WINDOW_MINUTES, MAIL_REQUEST_WINDOW_MINUTES } from "./rules";

/** Records a login attempt as pending (it counts as a failure until settled); null when it is throttled. */
export async function admitLoginAttempt(db: DB, email: string, ip: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const since = addMinutes(now, -LOGIN_WINDOW_MINUTES);
    const unsucceeded = (column: "email" | "ip", value: string) =>
      trx
        .selectFrom("login_attempts")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where(column, "=", value)
        .where("succeeded", "=", 0)
        .where("created_at", ">", since)
        .executeTakeFirstOrThrow();
    const account = await unsucceeded("email", email);
    const byIp = await unsucceeded("ip", ip);
    if (isLoginThrottled({ account: Number(account.count), ip: Number(byIp.count) })) return null;
    const { id } = await trx
      .insertInto("login_attempts")
      .values({ email, ip, succeeded: 0, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  });
}

/** A pending attempt stays a failure unless the password was right. */
export async function settleLoginAttempt(db: DB, attemptId: number, succeeded: boolean): Promise<void> {
  if (succeeded) await db.updateTable("login_attempts").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
}

/** Records a request that would send an e-mail to `email`; false (and nothing kept) when it is over a limit. */
export async function admitMailRequest(db: DB, action: MailRequestAction, email: string, ip: string): Promise<boolean> {
  const now = nowIso();
  const { id } = await db
    .insertInto("mail_requests")
    .values({ action, email, ip, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const since = addMinutes(now, -MAIL_REQUEST_WINDOW_MINUTES);
  const others = (column: "email" | "ip", value: string) =>
    db
      .selectFrom("mail_requests")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("action", "=", action)
      .where(column, "=", value)
      .where("created_at", ">", since)
      .where("id", "!=", id)
      .executeTakeFirstOrThrow();
  const [byAddress, byIp] = await Promise.all([others("email", email), others("ip", ip)]);
  if (isMailRequestAllowed(action, { address: Number(byAddress.count), ip: Number(byIp.count) })) return true;
  await db.deleteFrom("mail_requests").where("id", "=", id).execute();
  return false;
}

/** How long throttle rows are kept: far beyond any window (an hour at most), long enough to look into yesterday's burst. */
export const THROTTLE_ROWS_KEPT_HOURS = 24;

/** Deletes the login attempts and mail requests older than THROTTLE_ROWS_KEPT_HOURS; returns how many went. */
export async function purgeThrottleRows(db: DB, now = nowIso()): Promise<number> {
  const before = addMinutes(now, -THROTTLE_ROWS_KEPT_HOURS * 60);
  const attempts = await db.deleteFrom("login_attempts").where("created_at", "<", before).executeTakeFirst();
  const requests = await db.deleteFrom("mail_requests").where("created_at", "<", before).executeTakeFirst();
  return Number(attempts.numDeletedRows) + Number(requests.numDeletedRows);
}
