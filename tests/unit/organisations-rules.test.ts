import { describe, expect, it } from "vitest";
import type { UserRole } from "../../db/types";
import { canEditOrganisation, canReadOrganisation, mergeParties } from "../../app/modules/organisations/rules";

// [role, reads as non-member, edits as non-member]; every member may read and edit their own organisation.
const table: [UserRole, boolean, boolean][] = [
  ["applicant", false, false],
  ["judge", false, false],
  ["staff", true, true],
  ["leader", true, false],
  ["incubator_manager", false, false],
  ["admin", true, true],
];

describe("organisation access", () => {
  it.each(table)("a %s who is not a member: read %s, edit %s", (role, read, edit) => {
    expect(canReadOrganisation({ role }, false)).toBe(read);
    expect(canEditOrganisation({ role }, false)).toBe(edit);
  });

  it.each(table.map(([role]) => role))("a %s who is a member may read and edit the organisation", (role) => {
    expect(canReadOrganisation({ role }, true)).toBe(true);
    expect(canEditOrganisation({ role }, true)).toBe(true);
  });

  it("lets a leader read but not edit an organisation they do not belong to", () => {
    expect(canReadOrganisation({ role: "leader" }, false)).toBe(true);
    expect(canEditOrganisation({ role: "leader" }, false)).toBe(false);
  });
});

describe("the merge confirmation", () => {
  const members = [
    { id: "a", name: "Công ty CP Nông sản sạch Sơn Tịnh", tax_code: "4300823456" },
    { id: "b", name: "Cty Nông Sản Sạch Sơn Tịnh", tax_code: null },
  ];

  it("names the organisation merged and the one kept, as the form's choices say", async () => {
    const { translator } = await import("../../app/i18n");
    const t = translator("vi") as unknown as (key: string, options: object) => string;
    expect(t("connections.merge.confirm", mergeParties(members, "a", "b"))).toMatch(
      /^Gộp “Cty Nông Sản Sạch Sơn Tịnh” vào “Công ty CP Nông sản sạch Sơn Tịnh \(4300823456\)”\?/,
    );
    expect(mergeParties(members, "b", "a")).toEqual({
      merged: "Công ty CP Nông sản sạch Sơn Tịnh (4300823456)",
      kept: "Cty Nông Sản Sạch Sơn Tịnh",
    });
  });
});
