import type { LoaderFunctionArgs } from "@remix-run/node";
import { assessmentListState, assessmentsForExport } from "../modules/technology/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await assessmentsForExport(getDb(), assessmentListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("technology.fields.year"), value: (r) => r.year },
      { header: t("technology.fields.assessedOn"), value: (r) => r.assessed_on },
      { header: t("technology.fields.enterprise"), value: (r) => r.enterprise_name },
      { header: t("technology.fields.taxCode"), value: (r) => r.tax_code },
      { header: t("technology.fields.sector"), value: (r) => r.sector },
      { header: "T", value: (r) => r.t_score },
      { header: "E", value: (r) => r.e_score },
      { header: "O", value: (r) => r.o_score },
      { header: "R", value: (r) => r.r_score },
      { header: "I", value: (r) => r.i_score },
      { header: t("technology.fields.total"), value: (r) => r.total },
      { header: t("technology.fields.coefficient"), value: (r) => r.coefficient },
      { header: t("technology.fields.level"), value: (r) => r.level_name },
      { header: t("technology.assessments.unverifiedBadge"), value: (r) => (r.settings_verified ? "" : "x") },
    ],
    readExportFormat(search),
    "danh-gia-trinh-do-cong-nghe",
  );
}
