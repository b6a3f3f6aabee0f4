import type { LoaderFunctionArgs } from "@remix-run/node";
import { editionsForStaffTable } from "../modules/competition/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

/** The editions the page lists, in its order, with the phase in words and the deadline in the province's time. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const rows = await editionsForStaffTable(getDb());
  return exportResponse(
    rows,
    [
      { header: t("competition.editionName"), value: (r) => r.name },
      { header: t("competition.year"), value: (r) => r.year },
      { header: t("competition.status"), value: (r) => t(`competition.phases.${r.phase}`) },
      { header: t("competition.submissionDeadline"), value: (r) => formatDateTime(r.submission_deadline, locale) },
      { header: t("competition.entriesCount"), value: (r) => r.entries },
    ],
    readExportFormat(new URL(request.url).searchParams),
    "cuoc-thi",
  );
}
