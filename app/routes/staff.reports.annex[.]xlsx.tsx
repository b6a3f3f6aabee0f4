import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "../i18n";
import { annexWorkbook } from "../modules/reports/annex.server";
import { reportFigures } from "../modules/reports/datasets.server";
import { periodFromSearch, periodParams } from "../modules/reports/period";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { xlsxResponse } from "../lib/export.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";

/** The dashboard's figures for its period as the annex workbook (in Vietnamese, like the report it accompanies). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const now = nowIso();
  const { period } = periodFromSearch(new URL(request.url).searchParams, provinceDate(now));
  const figures = await reportFigures(getDb(), period);
  const { from, to } = periodParams(period);
  return xlsxResponse(await annexWorkbook(translator("vi"), period, figures, now), `phu-luc-so-lieu-${from}-${to}`);
}
