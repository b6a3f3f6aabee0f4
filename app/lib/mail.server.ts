import nodemailer from "nodemailer";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/types";
import { newId } from "./ids.server";
import { nowIso } from "./time.server";

export type MailMessage = { to: string; subject: string; text: string };

function smtpUrl(): string | undefined {
  return process.env.SMTP_URL || undefined;
}

/**
 * Every message goes into the outbox inside the caller's transaction. Without SMTP it stays there
 * ("kept") for admins to read; with SMTP it is "queued" and sent by deliverQueuedMail after commit.
 */
export async function enqueueMail(db: Kysely<Database> | Transaction<Database>, message: MailMessage): Promise<string> {
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
    })
    .execute();
  return id;
}

let transport: nodemailer.Transporter | undefined;

/** Sends queued messages through SMTP; called outside transactions, after the change has committed. */
export async function deliverQueuedMail(db: Kysely<Database>): Promise<void> {
  const url = smtpUrl();
  if (!url) return;
  transport ??= nodemailer.createTransport(url);
  const queued = await db.selectFrom("outbox_messages").selectAll().where("status", "=", "queued").orderBy("created_at").limit(50).execute();
  for (const message of queued) {
    try {
      await transport.sendMail({
        from: process.env.MAIL_FROM ?? "Cổng ĐMST Quảng Ngãi <no-reply@localhost>",
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
      });
      await db.updateTable("outbox_messages").set({ status: "sent", sent_at: nowIso() }).where("id", "=", message.id).execute();
    } catch (error) {
      await db
        .updateTable("outbox_messages")
        .set({ status: "failed", error: String(error).slice(0, 500) })
        .where("id", "=", message.id)
        .execute();
    }
  }
}
