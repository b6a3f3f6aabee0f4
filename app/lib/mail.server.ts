import type nodemailer from "nodemailer";
import { loadNodemailer } from "./libraries.server";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, OutboxMessagesTable } from "../../db/types";
import { newId } from "./ids.server";
import { afterFailure, OUTBOX_POLICY, type OutboxPolicy } from "./outbox";
import { nowIso } from "./time.server";
import { startsWithText } from "./search-sql";

export type MailMessage = { to: string; subject: string; text: string };
export type OutgoingMail = MailMessage & { from: string };
/** Hands one message to the mail server; throws when it is refused. Tests pass their own. */
export type MailTransport = (mail: OutgoingMail) => Promise<void>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;

function smtpUrl(): string | undefined {
  return process.env.SMTP_URL || undefined;
}

/**
 * Every message goes into the outbox inside the caller's transaction. Without SMTP it stays there
 * ("kept") for admins to read; with SMTP it is "queued" and the scheduler's sender delivers it.
 */
export async function enqueueMail(
  db: Kysely<Database> | Transaction<Database>,
  message: MailMessage,
  dedupeKey: string | null = null,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("outbox_messages")
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      status: smtpUrl() ? "queued" : "kept",
      error: null,
      created_at: nowIso(),
      sent_at: null,
      dedupe_key: dedupeKey,
    })
    .execute();
  return id;
}

/**
 * Enqueues the message unless one with the same key was enqueued in the last `withinHours` (pressing a
 * reminder button twice sends once). Returns the message's id, or null when it was not enqueued.
 * Safe across processes because the caller's transaction began IMMEDIATE (writers are serialised); on
 * PostgreSQL the same needs a lock on the key (pg_advisory_xact_lock) or a unique window column.
 */
export async function enqueueMailOnce(
  trx: Transaction<Database>,
  message: MailMessage,
  options: { key: string; withinHours: number },
): Promise<string | null> {
  const since = new Date(Date.now() - options.withinHours * 3_600_000).toISOString();
  const recent = await trx
    .selectFrom("outbox_messages")
    .select("id")
    .where("dedupe_key", "=", options.key)
    .where("created_at", ">", since)
    .limit(1)
    .executeTakeFirst();
  if (recent) return null;
  return enqueueMail(trx, message, options.key);
}

/** The newest message enqueued under a key starting with `prefix` (no % or _ in it), for pages that say when a reminder went out. */
export async function lastMailWithKeyPrefix(db: Kysely<Database>, prefix: string): Promise<string | null> {
  const row = await db
    .selectFrom("outbox_messages")
    .select((eb) => eb.fn.max("created_at").as("last"))
    .where(startsWithText("dedupe_key", prefix))
    .executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

/**
 * Claims the messages due now for one sender, atomically: one UPDATE marks them "sending" under a fresh
 * token with a lease, guarded by the same condition it selected them with, so that of two senders racing
 * for a message only one UPDATE changes it (SQLite serialises writers; PostgreSQL re-checks the WHERE on
 * the locked row). A message whose lease has lapsed (its sender died) is due again. Only the rows carrying
 * this token are returned.
 */
export async function claimDueMail(
  db: Kysely<Database>,
  now: Date,
  policy: OutboxPolicy = OUTBOX_POLICY,
): Promise<{ token: string; messages: OutboxMessage[] }> {
  const at = now.toISOString();
  const token = newId();
  // A sender that died on a message's last allowed attempt: give up on it rather than try once more.
  await db
    .updateTable("outbox_messages")
    .set({
      status: "failed",
      claim_token: null,
      lease_expires_at: null,
      next_attempt_at: null,
      error: "Hết thời hạn gửi (tiến trình gửi đã dừng) ở lần thử cuối.",
    })
    .where("status", "=", "sending")
    .where("lease_expires_at", "<=", at)
    .where("attempts", ">=", policy.maxAttempts)
    .execute();
  const due = db
    .selectFrom("outbox_messages")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([
          eb("status", "=", "queued"),
          eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", at)]),
        ]),
        eb.and([eb("status", "=", "sending"), eb("lease_expires_at", "<=", at)]),
      ]),
    )
    .orderBy("created_at")
    .limit(policy.batchSize);
  await db
    .updateTable("outbox_messages")
    .set((eb) => ({
      status: "sending",
      claim_token: token,
      lease_expires_at: new Date(now.getTime() + policy.leaseMs).toISOString(),
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", due)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("status", "=", "queued"),
          eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", at)]),
        ]),
        eb.and([eb("status", "=", "sending"), eb("lease_expires_at", "<=", at)]),
      ]),
    )
    .execute();
  const messages = await db
    .selectFrom("outbox_messages")
    .selectAll()
    .where("claim_token", "=", token)
    .where("status", "=", "sending")
    .orderBy("created_at")
    .execute();
  return { token, messages };
}

export type DeliveryReport = { sent: number; retrying: number; failed: number };

let smtpTransport: MailTransport | undefined;

function defaultTransport(): MailTransport | undefined {
  const url = smtpUrl();
  if (!url) return undefined;
  if (!smtpTransport) {
    // Loaded with the first message (libraries.server.ts); timeouts well inside the lease, so a claim never lapses
    // while its message is still being handed over.
    const mailer = loadNodemailer().then((nodemailerModule) =>
      nodemailerModule.createTransport({
        url,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      } as nodemailer.TransportOptions),
    );
    smtpTransport = async (mail) => {
      await (await mailer).sendMail(mail);
    };
  }
  return smtpTransport;
}

/**
 * Sends what is due: claims a batch, hands each message to the transport, and records the outcome under
 * the claim (sent; or queued again after an exponential wait; or failed after the last attempt, the error
 * kept). Run by the scheduler in the primary process, never inside a user's request.
 */
export async function deliverQueuedMail(
  db: Kysely<Database>,
  options: { transport?: MailTransport; now?: () => Date; policy?: OutboxPolicy } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const transport = options.transport ?? defaultTransport();
  if (!transport) return report;
  const now = options.now ?? (() => new Date());
  const policy = options.policy ?? OUTBOX_POLICY;
  const { token, messages } = await claimDueMail(db, now(), policy);
  const from = process.env.MAIL_FROM ?? "Cổng ĐMST Quảng Ngãi <no-reply@localhost>";
  for (const message of messages) {
    const mine = db.updateTable("outbox_messages").where("id", "=", message.id).where("claim_token", "=", token);
    try {
      await transport({ from, to: message.to_address, subject: message.subject, text: message.text_body });
      await mine
        .set({
          status: "sent",
          sent_at: now().toISOString(),
          error: null,
          claim_token: null,
          lease_expires_at: null,
          next_attempt_at: null,
        })
        .execute();
      report.sent++;
    } catch (error) {
      const next = afterFailure(message.attempts, now(), policy);
      const kept = String(error instanceof Error ? error.message : error).slice(0, 500);
      await mine
        .set({
          status: next.status,
          error: kept,
          claim_token: null,
          lease_expires_at: null,
          next_attempt_at: next.status === "queued" ? next.nextAttemptAt : null,
        })
        .execute();
      report[next.status === "queued" ? "retrying" : "failed"]++;
    }
  }
  return report;
}
