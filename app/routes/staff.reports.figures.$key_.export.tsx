import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  datasetOf,
  datasetRecordsForExport,
  hasOrganisation,
  isDatasetKey,
  recordListState,
} from "../modules/reports/datasets.server";
import { amountHeading, partLabel } from "../modules/reports/labels";
import { periodFromSearch } from "../modules/reports/period";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { notFound } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";

/** The records behind a figure as CSV or XLSX, with the page's period and filters. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const key = params.key ?? "";
  if (!isDatasetKey(key)) notFound();
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const { period } = periodFromSearch(search, provinceDate(nowIso()));
  const rows = await datasetRecordsForExport(getDb(), key, period, recordListState(search), MAX_EXPORT_ROWS);
  const amount = datasetOf(key).amount;
  return exportResponse(
    rows,
    [
      { header: t("reports.date"), value: (r) => r.happened_on.slice(0, 10) },
      { header: t("reports.record"), value: (r) => r.title },
      ...(hasOrganisation(key)
        ? [{ header: t("reports.organisation"), value: (r: (typeof rows)[number]) => r.organisation_name }]
        : []),
      { header: t("reports.category"), value: (r) => partLabel(t, key, r.part) },
      ...(amount ? [{ header: amountHeading(t, amount), value: (r: (typeof rows)[number]) => r.amount }] : []),
    ],
    readExportFormat(search),
    `so-lieu-${key}`,
  );
}
