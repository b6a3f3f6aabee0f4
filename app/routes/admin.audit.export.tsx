import type { LoaderFunctionArgs } from "@remix-run/node";
import { describeAuditRows } from "../modules/admin/audit-names.server";
import { changeLine, looseTranslate } from "../modules/admin/audit-view";
import { auditEventsForExport, auditListState } from "../modules/admin/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { publicUrl } from "../lib/public-url.server";
import { getTranslator } from "../lib/locale.server";

/** The filtered audit log as CSV or XLSX, in words, with times on the province's clock as the page shows them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const t = looseTranslate(await getTranslator(request));
  const search = new URL(request.url).searchParams;
  const db = getDb();
  const rows = await describeAuditRows(db, await auditEventsForExport(db, auditListState(search), MAX_EXPORT_ROWS), t);
  return exportResponse(
    rows,
    [
      { header: t("audit.createdAt"), value: (r) => r.time },
      { header: t("audit.actor"), value: (r) => r.actor },
      { header: t("audit.action"), value: (r) => r.action },
      { header: t("auditView.filterEntityType"), value: (r) => r.entityType },
      { header: t("auditView.record"), value: (r) => r.record.name },
      { header: t("audit.changes"), value: (r) => r.changes.map(changeLine).join("; ") },
      { header: t("audit.reason"), value: (r) => r.reason },
      { header: "URL", value: (r) => (r.record.href ? publicUrl(r.record.href) : null) },
    ],
    readExportFormat(search),
    t("auditView.exportName"),
  );
}
