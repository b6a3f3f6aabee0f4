import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { newId } from "./ids.server";
import { enqueueMail } from "./mail.server";
import { nowIso } from "./time.server";

/** An in-app notice (shown on the user's home), written in the same transaction as the change it reports. */
export async function notify(
  db: Kysely<Database>,
  notice: { userId: string; title: string; body: string; link?: string },
): Promise<void> {
  await db
    .insertInto("notifications")
    .values({
      id: newId(),
      user_id: notice.userId,
      title: notice.title,
      body: notice.body,
      link: notice.link ?? null,
      created_at: nowIso(),
      read_at: null,
    })
    .execute();
}

export function unreadNotifications(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("notifications")
    .select(["id", "title", "body", "link", "created_at"])
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .orderBy("created_at", "desc")
    .limit(10)
    .execute();
}

export type MembersMessage = {
  subject: string;
  /** The e-mail's text, addressed to each member by name. */
  body: (name: string) => string;
  /** The in-portal notice's line under the subject. */
  note: string;
  link: string;
};

/**
 * Tells every active member of an organisation by e-mail (the outbox) and in the portal, in the caller's transaction,
 * so that the notice is sent only if the change it reports is kept.
 */
export async function notifyMembers(
  trx: Kysely<Database>,
  organisationId: string,
  message: MembersMessage,
): Promise<void> {
  const members = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.full_name"])
    .where("memberships.organisation_id", "=", organisationId)
    .where("users.status", "=", "active")
    .execute();
  for (const member of members) {
    await enqueueMail(trx, { to: member.email, subject: message.subject, text: message.body(member.full_name) });
    await notify(trx, { userId: member.id, title: message.subject, body: message.note, link: message.link });
  }
}
