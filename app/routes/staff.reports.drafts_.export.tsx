import type { LoaderFunctionArgs } from "@remix-run/node";
import { REPORT_MODULES } from "../modules/reports/catalogue";
import { draftListState, draftsForExport } from "../modules/reports/drafts.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDate, formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

/** The saved report drafts the list shows, with its search and order, every page. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const rows = await draftsForExport(getDb(), draftListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("reports.subtitle"), value: (r) => r.subtitle },
      {
        header: t("reports.period"),
        value: (r) => `${formatDate(r.period_from, locale)} – ${formatDate(r.period_to, locale)}`,
      },
      {
        header: t("reports.modulesLegend"),
        value: (r) =>
          REPORT_MODULES.filter((m) => r.modules.split(",").includes(m))
            .map((m) => t(`reports.modules.${m}`))
            .join("; "),
      },
      { header: t("reports.referenceNumber"), value: (r) => r.reference_number ?? "" },
      { header: t("reports.updatedAt"), value: (r) => formatDateTime(r.updated_at, locale) },
      { header: t("reports.updatedBy"), value: (r) => r.updated_by_name },
    ],
    readExportFormat(search),
    "du-thao-bao-cao",
  );
}
