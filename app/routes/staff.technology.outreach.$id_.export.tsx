import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCampaign, recipientListState, recipientsForExport } from "../modules/technology/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";

/** Every enterprise the campaign reached (narrowed by the page's search, if any), not only the page on screen. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const { campaign } = await getCampaign(db, param(params, "id"));
  const search = new URL(request.url).searchParams;
  const rows = await recipientsForExport(db, campaign.id, recipientListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("technology.fields.enterprise"), value: (r) => r.name },
      { header: t("technology.fields.taxCode"), value: (r) => r.tax_code },
      { header: t("technology.fields.sector"), value: (r) => r.sector },
    ],
    readExportFormat(search),
    "doanh-nghiep-duoc-tiep-can",
  );
}
