import type { OrganisationKind, UserRole } from "../../../db/types";

export const ORGANISATION_KINDS = ["startup_team", "enterprise", "expert", "support_organisation", "university", "agency"] as const satisfies readonly OrganisationKind[];

const STAFF: readonly UserRole[] = ["staff", "leader", "admin"];

/** Staff see every organisation; anybody else only those they belong to. */
export function canReadOrganisation(actor: { role: UserRole }, isMember: boolean): boolean {
  return STAFF.includes(actor.role) || isMember;
}

/** Staff keep the registry; a member may keep their own organisation's profile. */
export function canEditOrganisation(actor: { role: UserRole }, isMember: boolean): boolean {
  return actor.role === "staff" || actor.role === "admin" || isMember;
}
