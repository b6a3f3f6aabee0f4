import { NavLink } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";

/** The personal-data pages of the administration, one link each (plain links: no script needed). */
export function PrivacyTabs() {
  const { t } = useTranslation();
  const links = [
    { to: "/admin/privacy/access", label: t("privacy.access.title") },
    { to: "/admin/privacy/retention", label: t("privacy.retention.title") },
  ];
  return (
    <nav aria-label={t("privacy.nav")} className="actions">
      {links.map((link) => (
        <NavLink key={link.to} to={link.to} className="button button-secondary" end>
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}
