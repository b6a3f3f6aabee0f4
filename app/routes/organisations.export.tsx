import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationListState, organisationsForExport } from "../modules/organisations/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await organisationsForExport(getDb(), organisationListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("organisations.name"), value: (r) => r.name },
      { header: t("organisations.kind"), value: (r) => t(`orgKinds.${r.kind}`) },
      { header: t("organisations.taxCode"), value: (r) => r.tax_code },
      { header: t("organisations.province"), value: (r) => r.province },
      { header: t("organisations.commune"), value: (r) => r.commune },
      { header: t("organisations.sector"), value: (r) => r.sector },
      { header: t("organisations.email"), value: (r) => r.email },
      { header: t("organisations.phone"), value: (r) => r.phone },
      { header: t("organisations.createdAt"), value: (r) => r.created_at.slice(0, 10) },
    ],
    readExportFormat(search),
    "to-chuc",
  );
}
