import type { LoaderFunctionArgs } from "@remix-run/node";
import type { TechPipelineStage } from "../../db/types";
import { pipelineForExport } from "../modules/technology/queries.server";
import { PIPELINE_STAGES } from "../modules/technology/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, MAX_EXPORT_ROWS, readExportFormat } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";

/** The pipeline's enterprises, every stage in the board's order or the one stage the board shows (`?stage=`). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const asked = search.get("stage") ?? "";
  const stage = (PIPELINE_STAGES as readonly string[]).includes(asked) ? (asked as TechPipelineStage) : null;
  const rows = await pipelineForExport(getDb(), stage, MAX_EXPORT_ROWS);
  return exportResponse(
    rows,
    [
      { header: t("technology.fields.enterprise"), value: (r) => r.name },
      { header: t("technology.fields.taxCode"), value: (r) => r.tax_code ?? "" },
      { header: t("technology.board.stage"), value: (r) => t(`technology.stages.${r.stage}`) },
      { header: t("technology.board.stageUpdatedAt"), value: (r) => formatDateTime(r.updated_at, locale) },
    ],
    readExportFormat(search),
    stage ? `doi-moi-cong-nghe-${stage}` : "doi-moi-cong-nghe",
  );
}
