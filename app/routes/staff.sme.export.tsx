import type { LoaderFunctionArgs } from "@remix-run/node";
import { dossierListState, dossiersForExport } from "../modules/sme/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await dossiersForExport(
    getDb(),
    user,
    dossierListState(search),
    provinceDate(nowIso()),
    MAX_EXPORT_ROWS,
  );
  return exportResponse(
    rows,
    [
      { header: t("sme.desk.receipt"), value: (r) => r.receipt_number },
      { header: t("sme.desk.enterprise"), value: (r) => r.enterprise_name },
      { header: t("sme.desk.taxCode"), value: (r) => r.tax_code },
      { header: t("sme.desk.type"), value: (r) => r.support_type_name },
      { header: t("sme.desk.size"), value: (r) => (r.enterprise_size ? t(`sme.sizes.${r.enterprise_size}`) : "") },
      { header: t("sme.desk.priority"), value: (r) => (r.is_priority ? "x" : "") },
      { header: t("sme.desk.status"), value: (r) => t(`sme.statuses.${r.status}`) },
      { header: t("sme.desk.year"), value: (r) => r.support_year },
      { header: t("sme.desk.submittedAt"), value: (r) => (r.submitted_at ? provinceDate(r.submitted_at) : "") },
      { header: t("sme.desk.due"), value: (r) => r.due_on },
      { header: t("sme.desk.requestedVnd"), value: (r) => r.requested_vnd },
      { header: t("sme.desk.approvedVnd"), value: (r) => r.approved_vnd },
      { header: t("sme.desk.paidVnd"), value: (r) => r.paid_vnd },
    ],
    readExportFormat(search),
    "ho-so-ho-tro-dnnvv",
  );
}
