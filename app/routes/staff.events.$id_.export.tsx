import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventParticipants, getEvent } from "../modules/connections/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";

/** An event's participants in the page's order and columns; the people named are personal data: logged, as the page is. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const event = await getEvent(db, param(params, "id"));
  const rows = await eventParticipants(db, event.id, MAX_EXPORT_ROWS);
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "export",
    subject: { type: "event_participants", id: event.id },
    route: routeOf(request),
    count: rows.filter((p) => p.person_name || p.phone || p.email).length,
    ip: context.clientIp,
  });
  return exportResponse(
    rows,
    [
      { header: t("connections.organisation"), value: (r) => r.organisation_name ?? "—" },
      { header: t("connections.person"), value: (r) => r.person_name ?? "—" },
      { header: t("connections.position"), value: (r) => r.position ?? "—" },
      { header: t("connections.source"), value: (r) => t(`connections.sources.${r.source}`) },
    ],
    readExportFormat(new URL(request.url).searchParams),
    `nguoi-tham-du-${event.starts_on}`,
  );
}
