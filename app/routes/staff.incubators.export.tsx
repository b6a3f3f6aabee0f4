import type { LoaderFunctionArgs } from "@remix-run/node";
import { BOARD_ROLES, listIncubators } from "../modules/incubation/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, readExportFormat } from "../lib/export.server";
import { getTranslator } from "../lib/locale.server";

/** The incubators the page lists (a manager gets theirs), in the page's order and words. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOARD_ROLES);
  const t = await getTranslator(request);
  const rows = await listIncubators(getDb(), user);
  return exportResponse(
    rows,
    [
      { header: t("incubation.incubator"), value: (r) => r.name },
      {
        header: t("incubation.capacity"),
        value: (r) => (r.capacity === null ? t("incubation.noProfile") : r.capacity),
      },
      { header: t("incubation.hosting"), value: (r) => Number(r.hosting) },
      {
        header: t("incubation.freePlaces"),
        value: (r) => (r.capacity === null ? "—" : Math.max(0, r.capacity - Number(r.hosting))),
      },
      { header: t("incubation.allTime"), value: (r) => Number(r.all_time) },
      {
        header: t("incubation.servicesOffered"),
        value: (r) =>
          r.services_offered
            ? r.services_offered
                .split(",")
                .map((kind) => t(`incubation.serviceKinds.${kind as "workspace"}`))
                .join(", ")
            : "—",
      },
    ],
    readExportFormat(new URL(request.url).searchParams),
    "to-chuc-uom-tao",
  );
}
