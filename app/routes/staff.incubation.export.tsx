import type { LoaderFunctionArgs } from "@remix-run/node";
import { BOARD_ROLES, incubationListState, recordsForExport } from "../modules/incubation/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOARD_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await recordsForExport(getDb(), user, incubationListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("incubation.startup"), value: (r) => r.startup_name },
      { header: t("incubation.incubator"), value: (r) => r.incubator_name },
      { header: t("incubation.status"), value: (r) => t(`incubation.statuses.${r.status}`) },
      { header: t("incubation.startedOn"), value: (r) => r.started_on },
      { header: t("incubation.plannedEndOn"), value: (r) => r.planned_end_on },
      { header: t("incubation.enterpriseTaxCode"), value: (r) => r.enterprise_tax_code },
      { header: t("incubation.overdueMilestones"), value: (r) => r.overdue_milestones },
      { header: t("incubation.missingReports"), value: (r) => r.missing_reports },
      { header: t("incubation.employees"), value: (r) => r.latest_employees },
      { header: t("incubation.revenueVnd"), value: (r) => r.revenue_vnd },
    ],
    readExportFormat(search),
    "uom-tao",
  );
}
