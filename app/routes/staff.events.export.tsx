import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventListState, eventsForExport } from "../modules/connections/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await eventsForExport(getDb(), eventListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("connections.startsOn"), value: (r) => r.starts_on },
      { header: t("connections.endsOn"), value: (r) => r.ends_on },
      { header: t("connections.title"), value: (r) => r.title },
      { header: t("connections.kind"), value: (r) => t(`connections.kinds.${r.kind}`) },
      { header: t("connections.place"), value: (r) => r.place },
      { header: t("connections.listedPeople"), value: (r) => r.participants },
      { header: t("connections.listedOrganisations"), value: (r) => r.organisations },
      { header: t("connections.reportedOrganisations"), value: (r) => r.reported_organisations },
      { header: t("connections.reportedPeople"), value: (r) => r.reported_people },
      { header: t("connections.countNote"), value: (r) => r.count_note },
      { header: t("connections.mousSigned"), value: (r) => r.mous },
    ],
    readExportFormat(search),
    "su-kien-ket-noi",
  );
}
