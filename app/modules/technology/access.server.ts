/** Who may act in the technology programme, and on which enterprise: checks every command opens with. */

import { isStaff, type CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";

export function requireProcessor(actor: CurrentUser): void {
  if (!isStaff(actor)) forbidden();
}

export async function requireOrganisation(db: DB, organisationId: string) {
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!organisation) notFound();
  return organisation;
}
