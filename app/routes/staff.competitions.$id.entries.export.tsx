import type { LoaderFunctionArgs } from "@remix-run/node";
import { entriesForExport, entryListState, getEdition } from "../modules/competition/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const locale = await getLocale(request);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const search = new URL(request.url).searchParams;
  const rows = await entriesForExport(db, edition.id, entryListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("entries.receipt"), value: (r) => r.receipt_number },
      { header: t("entries.projectName"), value: (r) => r.project_name },
      { header: t("screening.team"), value: (r) => r.organisation_name },
      { header: t("organisations.taxCode"), value: (r) => r.tax_code },
      { header: t("entries.category"), value: (r) => r.category_name },
      { header: t("entries.sector"), value: (r) => r.sector },
      { header: t("competition.status"), value: (r) => t(`entries.statuses.${r.status}`) },
      // Read by people: the province's time, as the entries page shows it (not the stored UTC instant).
      {
        header: t("screening.submittedAt"),
        value: (r) => (r.submitted_at ? formatDateTime(r.submitted_at, locale) : null),
      },
      { header: t("entries.decisionReason"), value: (r) => r.decision_reason },
      { header: t("entries.summary"), value: (r) => r.summary },
    ],
    readExportFormat(search),
    `ho-so-du-thi-${edition.year}`,
  );
}
