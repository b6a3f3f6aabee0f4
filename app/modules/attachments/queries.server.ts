import type { CurrentUser } from "../../lib/auth.server";
import { isStaff } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { barringConflicts } from "../judging/queries.server";
import { isMember } from "../organisations/queries.server";

/** "anonymous": readable, but under a neutral file name (a judge in a blind round). */
type Access = "denied" | "named" | "anonymous";
type ReadPolicy = (db: DB, actor: CurrentUser, ownerId: string) => Promise<Access>;

const allow = (allowed: boolean): Access => (allowed ? "named" : "denied");

/** Who may read a file is decided by what it is attached to; each module adds its owner type here. */
const readPolicies: Record<string, ReadPolicy> = {
  organisation: async (db, actor, organisationId) =>
    allow(isStaff(actor) || (await isMember(db, actor.id, organisationId))),
  // An entry's documents: staff, the members of the team that entered (drafts included), and a judge
  // assigned to it in a round being judged, unless conflicted (anonymously in a blind round).
  entry: async (db, actor, entryId) => {
    const entry = await db
      .selectFrom("competition_entries")
      .select(["organisation_id", "status"])
      .where("id", "=", entryId)
      .executeTakeFirst();
    if (!entry) return "denied";
    if (isStaff(actor)) return allow(entry.status !== "draft");
    if (actor.role === "judge") {
      const judging = await judgeRoundOfEntry(db, actor.id, entryId, entry.organisation_id);
      return judging ? (judging.blind ? "anonymous" : "named") : "denied";
    }
    return allow(await isMember(db, actor.id, entry.organisation_id));
  },
  // An SME support dossier's documents: the enterprise's members always (drafts included); staff, leaders and
  // admins once it is filed; nobody else.
  support_dossier: async (db, actor, dossierId) => {
    const dossier = await db
      .selectFrom("support_dossiers")
      .select(["organisation_id", "status"])
      .where("id", "=", dossierId)
      .executeTakeFirst();
    if (!dossier) return "denied";
    if (await isMember(db, actor.id, dossier.organisation_id)) return "named";
    return allow(isStaff(actor) && dossier.status !== "draft");
  },
  // A technology application's documents: the enterprise's members always; staff, leaders and admins once it is filed.
  tech_application: async (db, actor, applicationId) => {
    const application = await db
      .selectFrom("tech_applications")
      .select(["organisation_id", "status"])
      .where("id", "=", applicationId)
      .executeTakeFirst();
    if (!application) return "denied";
    if (await isMember(db, actor.id, application.organisation_id)) return "named";
    return allow(isStaff(actor) && application.status !== "draft");
  },
  // Connection events' materials and photos, and MOU scans: DOST's own records, for staff, leaders and admins.
  connection_event: async (_db, actor) => allow(isStaff(actor)),
  mou: async (_db, actor) => allow(isStaff(actor)),
};

async function judgeRoundOfEntry(db: DB, judgeId: string, entryId: string, organisationId: string) {
  const conflicted = await barringConflicts(db)
    .where("judge_id", "=", judgeId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (conflicted) return null;
  return db
    .selectFrom("assignments")
    .innerJoin("competition_rounds", "competition_rounds.id", "assignments.round_id")
    .select("competition_rounds.blind")
    .where("assignments.judge_id", "=", judgeId)
    .where("assignments.entry_id", "=", entryId)
    .where("assignments.removed_at", "is", null)
    .where("competition_rounds.status", "=", "judging")
    .orderBy("competition_rounds.blind", "desc")
    .executeTakeFirst();
}

export async function getReadableAttachment(db: DB, actor: CurrentUser, id: string) {
  const attachment = await db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!attachment) notFound();
  const policy = readPolicies[attachment.owner_type];
  const access = policy ? await policy(db, actor, attachment.owner_id) : "denied";
  if (access === "denied") forbidden();
  if (access === "anonymous")
    return {
      ...attachment,
      original_name: `tai-lieu-${attachment.id.slice(0, 8)}.${attachment.original_name.split(".").pop() ?? "bin"}`,
    };
  return attachment;
}

/**
 * The files of a record sorted against its checklist (a file's `purpose` is the requirement's id): each item with
 * its files, the files of no item, and the required items still missing. One way for every programme's dossiers.
 */
export async function checklistWithFiles<R extends { id: string; required: number }>(
  db: DB,
  ownerType: string,
  ownerId: string,
  requirements: readonly R[],
) {
  const files = await db
    .selectFrom("attachments")
    .select(["id", "original_name", "size_bytes", "purpose", "created_at"])
    .where("owner_type", "=", ownerType)
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .execute();
  const checklist = requirements.map((requirement) => ({
    ...requirement,
    files: files.filter((f) => f.purpose === requirement.id),
  }));
  return {
    checklist,
    others: files.filter((f) => !requirements.some((r) => r.id === f.purpose)),
    missing: checklist.filter((item) => item.required && item.files.length === 0),
  };
}
