import type { NewOrganisation, OrganisationKind, UserRole } from "../../../db/types";
import { searchKey } from "../../lib/format";

export const ORGANISATION_KINDS = [
  "startup_team",
  "enterprise",
  "expert",
  "support_organisation",
  "university",
  "agency",
] as const satisfies readonly OrganisationKind[];

const STAFF: readonly UserRole[] = ["staff", "leader", "admin"];

/** Staff see every organisation; anybody else only those they belong to. */
export function canReadOrganisation(actor: { role: UserRole }, isMember: boolean): boolean {
  return STAFF.includes(actor.role) || isMember;
}

/** Staff keep the registry; a member may keep their own organisation's profile. */
export function canEditOrganisation(actor: { role: UserRole }, isMember: boolean): boolean {
  return actor.role === "staff" || actor.role === "admin" || isMember;
}

export type OrganisationFields = {
  id: string;
  name: string;
  kind: OrganisationKind;
  taxCode?: string | null;
  province?: string | null;
  addressLine?: string | null;
  sector?: string | null;
  email?: string | null;
  phone?: string | null;
};

/** The one shape of a new registry row (its search key made from the name): registration, imports and seeds all insert it. */
export function organisationRow(fields: OrganisationFields, now: string): NewOrganisation {
  return {
    id: fields.id,
    name: fields.name,
    name_search: searchKey(fields.name),
    kind: fields.kind,
    tax_code: fields.taxCode ?? null,
    province: fields.province ?? null,
    commune: null,
    old_district: null,
    address_line: fields.addressLine ?? null,
    sector: fields.sector ?? null,
    founded_on: null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    website: null,
    description: null,
    created_at: now,
    updated_at: now,
  };
}

type NamedOrganisation = { id: string; name: string; tax_code: string | null };

/** An organisation as the merge form names it: its name, and its tax code when it has one. */
export function organisationLabel(organisation: NamedOrganisation): string {
  return organisation.tax_code ? `${organisation.name} (${organisation.tax_code})` : organisation.name;
}

/** The two organisations a merge confirmation names: the one merged (and deleted) and the one kept. */
export function mergeParties(
  members: readonly NamedOrganisation[],
  keepId: string,
  mergeId: string,
): { merged: string; kept: string } {
  const named = (id: string) => {
    const found = members.find((member) => member.id === id);
    return found ? organisationLabel(found) : "—";
  };
  return { merged: named(mergeId), kept: named(keepId) };
}
