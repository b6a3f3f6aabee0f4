/**
 * Throttles of the unauthenticated forms, kept in the database so that every server process counts the same rows.
 *
 * Insert-then-count: an attempt's row is written, and committed, before the attempts are counted, and the count
 * includes the attempts still pending. Of any number of concurrent attempts, in one process or several, on SQLite or
 * on PostgreSQL at read committed, the last of them to count sees every one admitted before it, so no more than the
 * limit are admitted. (Counting inside one transaction with the insert would rely on SQLite's serialised writers;
 * two PostgreSQL transactions would not see each other's insert.) A burst may be refused whole, each attempt seeing
 * the others: the safe side. A refused attempt's row is deleted, so that refusals never prolong a lock.
 */
import type { MailRequestAction } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { addMinutes, nowIso } from "../../lib/time.server";
import { isLoginThrottled, isMailRequestAllowed, LOGIN_WINDOW_MINUTES, MAIL_REQUEST_WINDOW_MINUTES } from "./rules";

/** Records a login attempt as pending (it counts as a failure until settled); null when it is throttled. */
export async function admitLoginAttempt(db: DB, email: string, ip: string): Promise<number | null> {
  const now = nowIso();
  const { id } = await db.insertInto("login_attempts").values({ email, ip, succeeded: 0, created_at: now }).returning("id").executeTakeFirstOrThrow();
  const since = addMinutes(now, -LOGIN_WINDOW_MINUTES);
  const othersUnsucceeded = (column: "email" | "ip", value: string) =>
    db
      .selectFrom("login_attempts")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where(column, "=", value)
      .where("succeeded", "=", 0)
      .where("created_at", ">", since)
      .where("id", "!=", id)
      .executeTakeFirstOrThrow();
  const [account, byIp] = await Promise.all([othersUnsucceeded("email", email), othersUnsucceeded("ip", ip)]);
  if (!isLoginThrottled({ account: Number(account.count), ip: Number(byIp.count) })) return id;
  await db.deleteFrom("login_attempts").where("id", "=", id).execute();
  return null;
}

/** A pending attempt stays a failure unless the password was right. */
export async function settleLoginAttempt(db: DB, attemptId: number, succeeded: boolean): Promise<void> {
  if (succeeded) await db.updateTable("login_attempts").set({ succeeded: 1 }).where("id", "=", attemptId).execute();
}

/** Records a request that would send an e-mail to `email`; false (and nothing kept) when it is over a limit. */
export async function admitMailRequest(db: DB, action: MailRequestAction, email: string, ip: string): Promise<boolean> {
  const now = nowIso();
  const { id } = await db.insertInto("mail_requests").values({ action, email, ip, created_at: now }).returning("id").executeTakeFirstOrThrow();
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
