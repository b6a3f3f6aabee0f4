import type { LoaderFunctionArgs } from "@remix-run/node";
import { looseTranslate } from "../modules/admin/audit-view";
import { decidedListState, decidedProposalsForExport } from "../modules/settings/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

/** The decided proposals the page lists, with its filter, search and order, every page; times in the province's. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const rows = await decidedProposalsForExport(
    getDb(),
    decidedListState(search),
    MAX_EXPORT_ROWS,
    looseTranslate(t),
    locale,
  );
  return exportResponse(
    rows,
    [
      { header: t("settings.setting"), value: (r) => r.setting },
      { header: t("settings.decided.status"), value: (r) => t(`settings.decided.statuses.${r.status}`) },
      { header: t("settings.decided.decidedBy"), value: (r) => r.deciderName },
      { header: t("settings.decided.decidedAt"), value: (r) => formatDateTime(r.decidedAt, locale) },
      { header: t("settings.decided.reason"), value: (r) => r.reason ?? "" },
      { header: t("settings.sourceDocument"), value: (r) => r.sourceDocument },
      { header: t("settings.proposedBy"), value: (r) => r.proposerName },
      { header: t("settings.proposedAt"), value: (r) => formatDateTime(r.proposedAt, locale) },
    ],
    readExportFormat(search),
    "de-xuat-thiet-lap-da-quyet-dinh",
  );
}
