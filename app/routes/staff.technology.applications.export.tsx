import type { LoaderFunctionArgs } from "@remix-run/node";
import { applicationListState, applicationsForExport } from "../modules/technology/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await applicationsForExport(getDb(), user, applicationListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("technology.fields.enterprise"), value: (r) => r.enterprise_name },
      { header: t("technology.fields.taxCode"), value: (r) => r.tax_code },
      { header: t("technology.fields.kind"), value: (r) => t(`technology.kinds.${r.kind}`) },
      { header: t("technology.fields.technology"), value: (r) => r.technology },
      { header: t("technology.fields.status"), value: (r) => t(`technology.statuses.${r.status}`) },
      {
        header: t("technology.fields.submittedAt"),
        value: (r) => (r.submitted_at ? provinceDate(r.submitted_at) : ""),
      },
      { header: t("technology.fields.due"), value: (r) => r.due_on },
      { header: t("technology.fields.totalInvestment"), value: (r) => r.total_investment_vnd },
      { header: t("technology.fields.ownFunds"), value: (r) => r.own_funds_vnd },
      { header: t("technology.fields.requestedSupport"), value: (r) => r.requested_support_vnd },
      {
        header: t("technology.fields.certificate"),
        value: (r) => (r.certificate_number ? `${r.certificate_number}${r.revoked_at ? " (thu hồi)" : ""}` : ""),
      },
      {
        header: t("technology.fields.implementationStatus"),
        value: (r) => (r.implementation_status ? t(`technology.implementation.${r.implementation_status}`) : ""),
      },
      { header: t("technology.fields.reason"), value: (r) => r.implementation_reason },
    ],
    readExportFormat(search),
    "ho-so-doi-moi-cong-nghe",
  );
}
