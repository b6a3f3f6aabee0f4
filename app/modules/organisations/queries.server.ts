import type { OrganisationKind } from "../../../db/types";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { canReadOrganisation, ORGANISATION_KINDS } from "./rules";
import { containsKey, startsWithText, taxCodePrefix } from "../../lib/search-sql";

export const ORGANISATION_LIST = {
  sortable: ["name", "kind", "tax_code", "created_at"],
  defaultSort: "name",
  defaultDir: "asc",
  filters: ["kind"],
} as const;

export function organisationListState(search: URLSearchParams) {
  return readListState(search, ORGANISATION_LIST);
}

function organisationsQuery(db: DB, state: ReturnType<typeof organisationListState>) {
  let query = db.selectFrom("organisations");
  if (state.q) {
    const key = searchKey(state.q);
    const taxCode = taxCodePrefix(state.q);
    query = query.where((eb) =>
      eb.or([containsKey("name_search", key), ...(taxCode ? [startsWithText("tax_code", taxCode)] : [])]),
    );
  }
  const kind = state.filters.kind as OrganisationKind | undefined;
  if (kind && (ORGANISATION_KINDS as readonly string[]).includes(kind)) query = query.where("kind", "=", kind);
  return query;
}

const listColumns = [
  "id",
  "name",
  "kind",
  "tax_code",
  "province",
  "commune",
  "sector",
  "email",
  "phone",
  "created_at",
] as const;
const sortColumn = { name: "name_search", kind: "kind", tax_code: "tax_code", created_at: "created_at" } as const;

export async function listOrganisations(db: DB, state: ReturnType<typeof organisationListState>) {
  const base = organisationsQuery(db, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    base
      .select(listColumns)
      .orderBy(sortColumn[state.sort], state.dir)
      .orderBy("id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

export function organisationsForExport(db: DB, state: ReturnType<typeof organisationListState>, limit: number) {
  return organisationsQuery(db, state)
    .select(listColumns)
    .orderBy(sortColumn[state.sort], state.dir)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function isMember(db: DB, userId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return !!row;
}

/** The organisation if the actor may read it: 404 when it does not exist, 403 when it is someone else's. */
export async function getReadableOrganisation(db: DB, actor: CurrentUser, id: string) {
  const organisation = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!organisation) notFound();
  const member = await isMember(db, actor.id, id);
  if (!canReadOrganisation(actor, member)) forbidden();
  return { organisation, member };
}

export function membersOf(db: DB, organisationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.full_name", "users.email", "memberships.role"])
    .where("memberships.organisation_id", "=", organisationId)
    .orderBy("users.full_name")
    .limit(200)
    .execute();
}

export function documentsOf(db: DB, organisationId: string) {
  return db
    .selectFrom("attachments")
    .select(["id", "original_name", "media_type", "size_bytes", "created_at"])
    .where("owner_type", "=", "organisation")
    .where("owner_id", "=", organisationId)
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
}
