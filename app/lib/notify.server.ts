import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { newId } from "./ids.server";
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
