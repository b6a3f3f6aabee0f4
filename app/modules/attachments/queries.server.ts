import type { CurrentUser } from "../../lib/auth.server";
import { isStaff } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { isMember } from "../organisations/queries.server";

type ReadPolicy = (db: DB, actor: CurrentUser, ownerId: string) => Promise<boolean>;

/** Who may read a file is decided by what it is attached to; each module adds its owner type here. */
const readPolicies: Record<string, ReadPolicy> = {
  organisation: async (db, actor, organisationId) => isStaff(actor) || (await isMember(db, actor.id, organisationId)),
  // An entry's documents: staff, and the members of the team that entered (drafts included).
  entry: async (db, actor, entryId) => {
    const entry = await db.selectFrom("competition_entries").select(["organisation_id", "status"]).where("id", "=", entryId).executeTakeFirst();
    if (!entry) return false;
    if (isStaff(actor)) return entry.status !== "draft";
    return isMember(db, actor.id, entry.organisation_id);
  },
};

export async function getReadableAttachment(db: DB, actor: CurrentUser, id: string) {
  const attachment = await db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!attachment) notFound();
  const policy = readPolicies[attachment.owner_type];
  if (!policy || !(await policy(db, actor, attachment.owner_id))) forbidden();
  return attachment;
}
