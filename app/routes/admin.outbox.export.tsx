import type { LoaderFunctionArgs } from "@remix-run/node";
import { outboxForExport, outboxListState } from "../modules/admin/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

/** The messages the page's filters give, in its order; recipients' addresses are personal data: logged. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const db = getDb();
  const rows = await outboxForExport(db, outboxListState(search), MAX_EXPORT_ROWS);
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "export",
    subject: { type: "users" },
    route: routeOf(request),
    count: rows.length,
    ip: context.clientIp,
  });
  return exportResponse(
    rows,
    [
      { header: t("outbox.createdAt"), value: (r) => formatDateTime(r.created_at, locale) },
      { header: t("outbox.to"), value: (r) => r.to_address },
      { header: t("outbox.subject"), value: (r) => r.subject },
      { header: t("outbox.status"), value: (r) => t(`outbox.statuses.${r.status}`) },
      { header: t("outbox.attempts"), value: (r) => r.attempts },
      {
        header: t("outbox.nextAttempt"),
        value: (r) => (r.status === "queued" && r.next_attempt_at ? formatDateTime(r.next_attempt_at, locale) : "—"),
      },
      { header: t("outbox.lastError"), value: (r) => r.error ?? "—" },
    ],
    readExportFormat(search),
    "hop-thu-di",
  );
}
