import type { LoaderFunctionArgs } from "@remix-run/node";
import { mouListState, mousForExport } from "../modules/connections/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await mousForExport(getDb(), mouListState(search), provinceDate(nowIso()), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("connections.signedOn"), value: (r) => r.signed_on },
      { header: t("connections.reference"), value: (r) => r.reference },
      { header: t("connections.mouTitle"), value: (r) => r.title },
      { header: t("connections.parties"), value: (r) => r.parties.map((p) => p.name).join("; ") },
      { header: t("connections.pairing"), value: (r) => t(`connections.pairings.${r.pairing}`) },
      {
        header: t("connections.fields"),
        value: (r) => r.fields.map((f) => t(`connections.mouFields.${f}`)).join("; "),
      },
      { header: t("connections.event"), value: (r) => r.event_title },
      { header: t("connections.status"), value: (r) => t(`connections.mouStatuses.${r.status}`) },
      { header: t("connections.nextCheckOn"), value: (r) => r.next_check_on },
    ],
    readExportFormat(search),
    "bien-ban-ghi-nho",
  );
}
