import type { LoaderFunctionArgs } from "@remix-run/node";
import { accessLogForExport, accessLogState } from "../modules/privacy/access-log.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const rows = await accessLogForExport(getDb(), accessLogState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("privacy.access.createdAt"), value: (r) => formatDateTime(r.created_at, locale) },
      { header: t("privacy.access.actor"), value: (r) => r.actor_name },
      { header: "E-mail", value: (r) => r.actor_email },
      { header: t("privacy.access.kind"), value: (r) => t(`privacy.access.kinds.${r.kind}`) },
      { header: t("privacy.access.subject"), value: (r) => t(`privacy.access.subjects.${r.subject_type}`) },
      { header: t("privacy.access.record"), value: (r) => r.subject_id },
      { header: t("privacy.access.route"), value: (r) => r.route },
      { header: t("privacy.access.count"), value: (r) => r.row_count },
      { header: t("privacy.access.ip"), value: (r) => r.ip },
    ],
    readExportFormat(search),
    "nhat-ky-du-lieu-ca-nhan",
  );
}
