import type { LoaderFunctionArgs } from "@remix-run/node";
import { campaignListState, campaignsForExport } from "../modules/technology/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const rows = await campaignsForExport(getDb(), campaignListState(search), MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("technology.fields.heldOn"), value: (r) => r.held_on },
      { header: t("technology.fields.title"), value: (r) => r.title },
      { header: t("technology.fields.channel"), value: (r) => t(`technology.channels.${r.channel}`) },
      { header: t("technology.fields.reached"), value: (r) => r.reached },
      { header: t("technology.fields.campaignNote"), value: (r) => r.note },
    ],
    readExportFormat(search),
    "dot-tuyen-truyen",
  );
}
