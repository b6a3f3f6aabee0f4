/** A judge's organisations, recorded by staff: where conflicts of interest are proposed from (conflict-proposals). */
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { notFound } from "../../lib/http.server";
import { type Outcome, refuse } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { requireStaff } from "./shared.server";

/** A judge account (any status: a past judge's links stay readable), 404 for any other account. */
export async function getJudge(db: DB, judgeId: string) {
  const judge = await db
    .selectFrom("users")
    .select(["id", "full_name", "email", "status"])
    .where("id", "=", judgeId)
    .where("role", "=", "judge")
    .executeTakeFirst();
  if (!judge) notFound();
  return judge;
}

/** The judge's organisations: those staff linked, and those their own account is a member of. */
export async function organisationsOfJudge(db: DB, judgeId: string) {
  const [linked, memberOf] = await Promise.all([
    db
      .selectFrom("judge_organisations")
      .innerJoin("organisations", "organisations.id", "judge_organisations.organisation_id")
      .leftJoin("users", "users.id", "judge_organisations.added_by")
      .select([
        "organisations.id",
        "organisations.name",
        "organisations.kind",
        "organisations.tax_code",
        "judge_organisations.added_at",
        "users.full_name as added_by_name",
      ])
      .where("judge_organisations.judge_id", "=", judgeId)
      .orderBy("organisations.name_search")
      .execute(),
    db
      .selectFrom("memberships")
      .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
      .select(["organisations.id", "organisations.name", "organisations.kind", "organisations.tax_code"])
      .where("memberships.user_id", "=", judgeId)
      .orderBy("organisations.name_search")
      .execute(),
  ]);
  return { linked, memberOf };
}

export async function linkJudgeOrganisation(
  db: DB,
  actor: CurrentUser,
  judgeId: string,
  organisationId: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    await getJudge(trx, judgeId);
    const organisation = await trx
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!organisation)
      return refuse("judgeOrganisations.problems.noSuchOrganisation", { field: "organisationId", kind: "invalid" });
    const existing = await trx
      .selectFrom("judge_organisations")
      .select("judge_id")
      .where("judge_id", "=", judgeId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (existing)
      return refuse("judgeOrganisations.problems.alreadyLinked", { field: "organisationId", kind: "conflict" });
    await trx
      .insertInto("judge_organisations")
      .values({ judge_id: judgeId, organisation_id: organisationId, added_by: actor.id, added_at: nowIso() })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "judge.organisation_linked",
      entityType: "user",
      entityId: judgeId,
      after: { organisationId, organisation: organisation.name },
      ip,
    });
    return { ok: true as const };
  });
}

export async function unlinkJudgeOrganisation(
  db: DB,
  actor: CurrentUser,
  judgeId: string,
  organisationId: string,
  reason: string,
  ip: string,
): Promise<Outcome> {
  requireStaff(actor);
  return db.transaction().execute(async (trx) => {
    await getJudge(trx, judgeId);
    const link = await trx
      .selectFrom("judge_organisations")
      .innerJoin("organisations", "organisations.id", "judge_organisations.organisation_id")
      .select(["organisations.name"])
      .where("judge_organisations.judge_id", "=", judgeId)
      .where("judge_organisations.organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!link) notFound();
    await trx
      .deleteFrom("judge_organisations")
      .where("judge_id", "=", judgeId)
      .where("organisation_id", "=", organisationId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "judge.organisation_unlinked",
      entityType: "user",
      entityId: judgeId,
      before: { organisationId, organisation: link.name },
      after: null,
      reason,
      ip,
    });
    return { ok: true as const };
  });
}
