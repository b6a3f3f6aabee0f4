import type { LoaderFunctionArgs } from "@remix-run/node";
import { programmeBudgetRows, programmeShown } from "../modules/sme/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, readExportFormat } from "../lib/export.server";
import { notFound } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";

/** The budget table of the programme the page shows (`?programme=`), a row per year, money in đồng. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const search = new URL(request.url).searchParams;
  const db = getDb();
  const programme = await programmeShown(db, search.get("programme"));
  if (!programme) notFound();
  const rows = await programmeBudgetRows(db, programme);
  return exportResponse(
    rows,
    [
      { header: t("sme.programme.budget.year"), value: (r) => r.year },
      {
        header: t("sme.programme.budget.budgetVnd"),
        value: (r) => (r.budgetVnd === null ? t("sme.programme.budget.notSet") : r.budgetVnd),
      },
      { header: t("sme.programme.budget.filed"), value: (r) => r.filed },
      { header: t("sme.programme.budget.requestedVnd"), value: (r) => r.requestedVnd },
      { header: t("sme.programme.budget.approvedVnd"), value: (r) => r.approvedVnd },
      { header: t("sme.programme.budget.paidVnd"), value: (r) => r.paidVnd },
      { header: t("sme.programme.budget.remainingVnd"), value: (r) => r.remainingVnd },
    ],
    readExportFormat(search),
    `kinh-phi-de-an-${programme.first_year}-${programme.last_year}`,
  );
}
