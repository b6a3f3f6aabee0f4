/** Staff's "Đã đối chiếu": the record that an entry's proof file was checked against the fact it proves. */
import type { CurrentUser } from "../../lib/auth.server";
import { recordAudit } from "../../lib/audit.server";
import type { DB } from "../../lib/db.server";
import { forbidden } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { editionSetup, entryDocuments, entryMembers, getEdition, getEntryForStaff } from "./queries.server";
import { type EligibilityCheck, entryVerdicts } from "./rules";
import type { EligibilityCheckInput } from "./schemas";

/** Every check recorded on the entry, oldest first, with the checker's name. */
export async function entryChecks(db: DB, entryId: string): Promise<EligibilityCheck[]> {
  const rows = await db
    .selectFrom("entry_eligibility_checks")
    .innerJoin("users", "users.id", "entry_eligibility_checks.checked_by")
    .select([
      "entry_eligibility_checks.rule",
      "entry_eligibility_checks.attachment_id",
      "entry_eligibility_checks.checked_at",
      "entry_eligibility_checks.note",
      "users.full_name",
    ])
    .where("entry_eligibility_checks.entry_id", "=", entryId)
    .orderBy("entry_eligibility_checks.checked_at")
    .orderBy("entry_eligibility_checks.id")
    .execute();
  return rows.map((row) => ({
    rule: row.rule,
    attachmentId: row.attachment_id,
    checkedByName: row.full_name,
    checkedAt: row.checked_at,
    note: row.note,
  }));
}

/**
 * Records that `actor` checked the rule's current proof file. Refused when the rule has no file to check, when a newer
 * file replaced the one on the page, or when that file is already checked. Screening staff and admins only.
 */
export async function checkEligibilityProof(
  db: DB,
  actor: CurrentUser,
  entryId: string,
  input: EligibilityCheckInput,
  context: { ip: string },
): Promise<Outcome> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  return db.transaction().execute(async (trx) => {
    const entry = await getEntryForStaff(trx, entryId);
    const [edition, setup, members, documents] = await Promise.all([
      getEdition(trx, entry.edition_id),
      editionSetup(trx, entry.edition_id),
      entryMembers(trx, entry.id),
      entryDocuments(trx, entry.id),
    ]);
    const verdict = entryVerdicts({
      edition,
      entry,
      members,
      requirements: setup.requirements,
      uploads: documents,
    }).find((v) => v.rule === input.rule);
    const file = verdict?.proof?.attachmentId;
    if (!file) return refuse("entryExtras.eligibility.check.noFile", { kind: "conflict" });
    if (file !== input.attachmentId) return refuse("entryExtras.eligibility.check.newerFile", { kind: "conflict" });
    const already = await trx
      .selectFrom("entry_eligibility_checks")
      .select("id")
      .where("entry_id", "=", entry.id)
      .where("rule", "=", input.rule)
      .where("attachment_id", "=", file)
      .executeTakeFirst();
    if (already) return refuse("entryExtras.eligibility.check.already", { kind: "conflict" });
    const checkedAt = nowIso();
    const note = input.note ?? null;
    await trx
      .insertInto("entry_eligibility_checks")
      .values({
        id: newId(),
        entry_id: entry.id,
        rule: input.rule,
        attachment_id: file,
        checked_by: actor.id,
        checked_at: checkedAt,
        note,
      })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "entry.eligibility_checked",
      entityType: "entry",
      entityId: entry.id,
      after: {
        rule: input.rule,
        attachmentId: file,
        fileName: documents.find((d) => d.id === file)?.original_name ?? null,
        checkedAt,
      },
      reason: note,
      ip: context.ip,
    });
    return { ok: true } as const;
  });
}
