import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationListState, organisationsForExport } from "../modules/organisations/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDate } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const db = getDb();
  const rows = await organisationsForExport(db, organisationListState(search), MAX_EXPORT_ROWS);
  // An expert or a startup team registered as an organisation has a person's e-mail and phone.
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "export",
    subject: { type: "organisations" },
    route: routeOf(request),
    count: rows.filter((r) => r.email || r.phone).length,
    ip: context.clientIp,
  });
  return exportResponse(
    rows,
    [
      { header: t("organisations.name"), value: (r) => r.name },
      { header: t("organisations.kind"), value: (r) => t(`orgKinds.${r.kind}`) },
      { header: t("organisations.taxCode"), value: (r) => r.tax_code },
      { header: t("organisations.province"), value: (r) => r.province },
      { header: t("organisations.commune"), value: (r) => r.commune },
      { header: t("organisations.sector"), value: (r) => r.sector },
      { header: t("organisations.email"), value: (r) => r.email },
      { header: t("organisations.phone"), value: (r) => r.phone },
      // The province's calendar day, as the pages show it (slicing the UTC instant gave the day before after 17:00).
      { header: t("organisations.createdAt"), value: (r) => formatDate(r.created_at, locale) },
    ],
    readExportFormat(search),
    "to-chuc",
  );
}
