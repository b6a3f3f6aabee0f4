import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "../i18n";
import { annexWorkbook } from "../modules/reports/annex.server";
import type { ReportFigures } from "../modules/reports/datasets.server";
import { draftFileStem, getDraft, periodOfDraft } from "../modules/reports/drafts.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { xlsxResponse } from "../lib/export.server";
import { param } from "../lib/http.server";

/** The annex of a draft: the figures its text was drafted from (redrafting refreshes both together). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const draft = await getDraft(getDb(), param(params, "id"));
  const figures = JSON.parse(draft.figures_json) as ReportFigures;
  return xlsxResponse(
    await annexWorkbook(translator("vi"), periodOfDraft(draft), figures, draft.drafted_at),
    `phu-luc-${draftFileStem(draft)}`,
  );
}
