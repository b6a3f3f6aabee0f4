import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEdition } from "../modules/competition/queries.server";
import { prizeTableRows } from "../modules/judging/prize-list";
import { prizeList } from "../modules/judging/results.server";
import { editionPrizeTies } from "../modules/judging/rounds.queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, readExportFormat } from "../lib/export.server";
import { param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";

/** The prize list as the page shows it: the awards and the places an undecided tie keeps open, by place. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const [awards, prizeTies] = await Promise.all([prizeList(db, edition.id), editionPrizeTies(db, edition.id)]);
  const rows = prizeTableRows(awards, edition.results_status === "published" ? [] : prizeTies.ties);
  return exportResponse(
    rows,
    [
      { header: t("prizes.rank"), value: (r) => r.rank },
      { header: t("prizes.prize"), value: (r) => (r.kind === "award" ? r.award.rank_label : r.open.prize) },
      { header: t("prizes.amountVnd"), value: (r) => (r.kind === "award" ? r.award.amount_vnd : null) },
      {
        header: t("prizes.receipt"),
        value: (r) =>
          r.kind === "award"
            ? (r.award.receipt_number ?? "—")
            : t("rounds.ties.openPlace", { entries: r.open.entries }),
      },
      { header: t("prizes.project"), value: (r) => (r.kind === "award" ? r.award.project_name : null) },
      { header: t("prizes.team"), value: (r) => (r.kind === "award" ? r.award.team_name : null) },
      { header: t("prizes.changeReason"), value: (r) => (r.kind === "award" ? (r.award.change_reason ?? "—") : null) },
    ],
    readExportFormat(new URL(request.url).searchParams),
    `danh-sach-giai-${edition.year}`,
  );
}
