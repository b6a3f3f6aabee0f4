import type { UserRole } from "../../db/types";

export type NavItem = {
  to: string;
  labelKey:
    | `nav.${"home" | "myHome" | "judging" | "competitions" | "myEntries" | "organisations" | "manageCompetitions" | "users" | "sessions" | "outbox" | "audit" | "account"}`
    | "incubation.nav"
    | "incubation.myNav"
    | "sme.nav"
    | "sme.myNav"
    | "technology.nav"
    | "technology.myNav"
    | "connections.nav"
    | "reports.nav"
    | "reports.publicNav"
    | "privacy.nav"
    | "privacy.staffNav"
    | "settings.nav";
};

/** The menu each role sees; the routes check the same roles on the server. */
export function navigationFor(role: UserRole | null): NavItem[] {
  if (!role)
    return [
      { to: "/", labelKey: "nav.home" },
      { to: "/competitions", labelKey: "nav.competitions" },
      { to: "/statistics", labelKey: "reports.publicNav" },
    ];
  const items: NavItem[] = [{ to: "/home", labelKey: "nav.myHome" }];
  if (role === "applicant")
    items.push(
      { to: "/competitions", labelKey: "nav.competitions" },
      { to: "/my/entries", labelKey: "nav.myEntries" },
      { to: "/my/incubation", labelKey: "incubation.myNav" },
      { to: "/sme", labelKey: "sme.myNav" },
      { to: "/technology", labelKey: "technology.myNav" },
    );
  if (role === "judge") items.push({ to: "/judging", labelKey: "nav.judging" });
  if (role === "staff" || role === "leader" || role === "admin") {
    items.push(
      { to: "/organisations", labelKey: "nav.organisations" },
      { to: "/staff/competitions", labelKey: "nav.manageCompetitions" },
    );
  }
  if (role === "staff" || role === "leader" || role === "admin" || role === "incubator_manager")
    items.push({ to: "/staff/incubation", labelKey: "incubation.nav" });
  if (role === "staff" || role === "leader" || role === "admin")
    items.push(
      { to: "/staff/sme", labelKey: "sme.nav" },
      { to: "/staff/technology", labelKey: "technology.nav" },
      { to: "/staff/events", labelKey: "connections.nav" },
      { to: "/staff/reports", labelKey: "reports.nav" },
      { to: "/staff/privacy/requests", labelKey: "privacy.staffNav" },
      { to: "/staff/settings-proposals", labelKey: "settings.nav" },
    );
  if (role === "admin") {
    items.push(
      { to: "/admin/users", labelKey: "nav.users" },
      { to: "/admin/sessions", labelKey: "nav.sessions" },
      { to: "/admin/outbox", labelKey: "nav.outbox" },
      { to: "/admin/audit", labelKey: "nav.audit" },
      { to: "/admin/privacy/access", labelKey: "privacy.nav" },
    );
  }
  items.push({ to: "/account", labelKey: "nav.account" });
  return items;
}
