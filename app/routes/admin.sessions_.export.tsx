import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionListState, sessionsForExport } from "../modules/accounts/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";
import { nowIso } from "../lib/time.server";

/** The sessions the page's filters give, in its order; names, e-mails and addresses are personal data: logged. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const db = getDb();
  const now = nowIso();
  const rows = await sessionsForExport(db, sessionListState(search), now, MAX_EXPORT_ROWS);
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
      { header: t("sessions.user"), value: (r) => `${r.full_name} (${r.email})` },
      { header: t("sessions.createdAt"), value: (r) => formatDateTime(r.created_at, locale) },
      { header: t("sessions.lastSeen"), value: (r) => formatDateTime(r.last_seen_at, locale) },
      { header: t("sessions.ip"), value: (r) => r.ip ?? "—" },
      { header: t("sessions.userAgent"), value: (r) => r.user_agent ?? "—" },
      {
        header: t("sessions.state"),
        value: (r) =>
          r.revoked_at
            ? t("sessions.revokedState")
            : r.expires_at <= now
              ? t("sessions.expiredState")
              : t("sessions.activeState"),
      },
    ],
    readExportFormat(search),
    "phien-dang-nhap",
  );
}
