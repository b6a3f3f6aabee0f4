import type { LoaderFunctionArgs } from "@remix-run/node";
import { allUsersForExport, userListState } from "../modules/accounts/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const db = getDb();
  const rows = await allUsersForExport(db, userListState(search), MAX_EXPORT_ROWS);
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "export",
    subject: { type: "users" },
    route: routeOf(request),
    count: rows.length,
    ip: context.clientIp,
  });
  return exportResponse(
    rows,
    [
      { header: t("auth.fullName"), value: (r) => r.full_name },
      { header: t("auth.email"), value: (r) => r.email },
      { header: t("auth.phone"), value: (r) => r.phone },
      { header: t("users.role"), value: (r) => t(`roles.${r.role}`) },
      { header: t("users.status"), value: (r) => (r.status === "active" ? t("users.active") : t("users.disabled")) },
      // Times as the pages show them, in the province's time zone.
      {
        header: t("users.lastLogin"),
        value: (r) => (r.last_login_at ? formatDateTime(r.last_login_at, locale) : null),
      },
      { header: t("organisations.createdAt"), value: (r) => formatDateTime(r.created_at, locale) },
    ],
    readExportFormat(search),
    "tai-khoan",
  );
}
