import { describe, expect, it } from "vitest";
import type { UserRole } from "../../db/types";
import { navigationFor } from "../../app/ui/navigation";

const links = (role: UserRole | null) => navigationFor(role).map((item) => item.to);

describe("navigationFor", () => {
  it("shows an anonymous visitor the home page, the competitions and the public statistics", () => {
    expect(navigationFor(null)).toEqual([
      { to: "/", labelKey: "nav.home" },
      { to: "/competitions", labelKey: "nav.competitions" },
      { to: "/statistics", labelKey: "reports.publicNav" },
    ]);
  });

  it("gives an applicant the competitions and their own entries, no staff pages", () => {
    expect(links("applicant")).toEqual([
      "/home",
      "/competitions",
      "/my/entries",
      "/my/incubation",
      "/sme",
      "/technology",
      "/account",
    ]);
  });

  it("gives a judge their judging page, no /organisations or /staff/competitions", () => {
    expect(navigationFor("judge")).toEqual([
      { to: "/home", labelKey: "nav.myHome" },
      { to: "/judging", labelKey: "nav.judging" },
      { to: "/account", labelKey: "nav.account" },
    ]);
  });

  it("gives an incubator manager the incubation board and no other staff page", () => {
    expect(links("incubator_manager")).toEqual(["/home", "/staff/incubation", "/account"]);
  });

  it.each(["judge", "applicant", null] as const)("never shows /staff/incubation to a %s", (role) => {
    expect(links(role)).not.toContain("/staff/incubation");
  });

  it.each(["applicant", "judge", "incubator_manager", null] as const)(
    "never shows the staff reports to a %s",
    (role) => {
      expect(links(role)).not.toContain("/staff/reports");
    },
  );

  it.each(["applicant", "staff", "leader", "admin", null] as const)("never shows /judging to a %s", (role) => {
    expect(links(role)).not.toContain("/judging");
  });

  it.each(["staff", "leader"] as const)(
    "gives a %s the organisation registry and the competitions but no admin pages",
    (role) => {
      expect(links(role)).toEqual([
        "/home",
        "/organisations",
        "/staff/competitions",
        "/staff/incubation",
        "/staff/sme",
        "/staff/technology",
        "/staff/events",
        "/staff/reports",
        "/staff/privacy/requests",
        "/staff/settings-proposals",
        "/account",
      ]);
    },
  );

  it("gives an admin the organisations, the competitions and every admin page, account last", () => {
    expect(links("admin")).toEqual([
      "/home",
      "/organisations",
      "/staff/competitions",
      "/staff/incubation",
      "/staff/sme",
      "/staff/technology",
      "/staff/events",
      "/staff/reports",
      "/staff/privacy/requests",
      "/staff/settings-proposals",
      "/admin/users",
      "/admin/sessions",
      "/admin/outbox",
      "/admin/audit",
      "/admin/privacy/access",
      "/account",
    ]);
  });

  it("labels each link with its nav key", () => {
    expect(navigationFor("admin").map((item) => item.labelKey)).toEqual([
      "nav.myHome",
      "nav.organisations",
      "nav.manageCompetitions",
      "incubation.nav",
      "sme.nav",
      "technology.nav",
      "connections.nav",
      "reports.nav",
      "privacy.staffNav",
      "settings.nav",
      "nav.users",
      "nav.sessions",
      "nav.outbox",
      "nav.audit",
      "privacy.nav",
      "nav.account",
    ]);
  });
});
