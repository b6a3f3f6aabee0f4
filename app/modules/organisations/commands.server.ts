import { changesSince, claimVersion, type VersionConflict } from "../../lib/versions.server";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { attachDocument, type UploadCheck, writeBlob } from "../../lib/files.server";
import { searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { isMember } from "./queries.server";
import { canEditOrganisation } from "./rules";
import type { OrganisationInput } from "./schemas";

/** Another organisation holds the tax code: shown beside the field, answered as a conflict (409). */
const taxCodeConflict = () => refuse("auth.taxCodeTaken", { field: "taxCode", kind: "conflict" });

function columnsOf(input: OrganisationInput) {
  return {
    name: input.name,
    name_search: searchKey(input.name),
    kind: input.kind,
    tax_code: input.taxCode ?? null,
    province: input.province ?? null,
    commune: input.commune ?? null,
    old_district: input.oldDistrict ?? null,
    address_line: input.addressLine ?? null,
    sector: input.sector ?? null,
    founded_on: input.foundedOn ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    website: input.website ?? null,
    description: input.description ?? null,
  };
}

async function taxCodeTaken(db: DB, taxCode: string | undefined, exceptId?: string): Promise<boolean> {
  if (!taxCode) return false;
  let query = db.selectFrom("organisations").select("id").where("tax_code", "=", taxCode);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return !!(await query.executeTakeFirst());
}

export async function createOrganisation(
  db: DB,
  actor: CurrentUser,
  input: OrganisationInput,
  ip: string,
): Promise<Outcome<{ id: string }>> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  return db.transaction().execute(async (trx) => {
    if (await taxCodeTaken(trx, input.taxCode)) return taxCodeConflict();
    const id = newId();
    const now = nowIso();
    const values = columnsOf(input);
    await trx
      .insertInto("organisations")
      .values({ id, ...values, created_at: now, updated_at: now })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "organisation.created",
      entityType: "organisation",
      entityId: id,
      after: values,
      ip,
    });
    return { ok: true, id } as const;
  });
}

/** The organisation's columns as the edit form names them: what a version conflict reports. */
const FORM_FIELDS = {
  name: "name",
  kind: "kind",
  tax_code: "taxCode",
  province: "province",
  commune: "commune",
  old_district: "oldDistrict",
  address_line: "addressLine",
  sector: "sector",
  founded_on: "foundedOn",
  email: "email",
  phone: "phone",
  website: "website",
  description: "description",
} as const;

/** Saves the edit form, only if the organisation is still at the version the form was loaded at. */
export async function updateOrganisation(
  db: DB,
  actor: CurrentUser,
  id: string,
  input: OrganisationInput,
  loaded: number,
  ip: string,
): Promise<Outcome | VersionConflict> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) notFound();
    if (!canEditOrganisation(actor, await isMember(trx, actor.id, id))) forbidden();
    if (await taxCodeTaken(trx, input.taxCode, id)) return taxCodeConflict();
    if (!(await claimVersion(trx, "organisations", id, loaded)))
      return changesSince(trx, "organisations", "organisation", id, loaded, FORM_FIELDS);
    const after = columnsOf(input);
    await trx
      .updateTable("organisations")
      .set({ ...after, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    const { created_at: _created, updated_at: _updated, id: _id, ...beforeValues } = before;
    await recordAudit(trx, {
      actorId: actor.id,
      action: "organisation.updated",
      entityType: "organisation",
      entityId: id,
      before: beforeValues,
      after: { ...after, version: loaded + 1 },
      ip,
    });
    return { ok: true } as const;
  });
}

export async function addOrganisationDocument(
  db: DB,
  actor: CurrentUser,
  id: string,
  upload: Extract<UploadCheck, { ok: true }>,
  ip: string,
): Promise<string> {
  const organisation = await db.selectFrom("organisations").select("id").where("id", "=", id).executeTakeFirst();
  if (!organisation) notFound();
  if (!canEditOrganisation(actor, await isMember(db, actor.id, id))) forbidden();
  await writeBlob(upload);
  return db.transaction().execute((trx) =>
    attachDocument(trx, {
      upload,
      owner: { type: "organisation", id },
      actorId: actor.id,
      action: "organisation.document_added",
      details: { mediaType: upload.mediaType, size: upload.bytes.byteLength },
      ip,
    }),
  );
}
