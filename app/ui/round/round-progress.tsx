import { useTranslation } from "../../i18n/use-translation";
import type { CellState } from "../../modules/judging/rounds.queries.server";
import { formatNumber } from "../../lib/format";
import { Badge, Card } from "../layout";
import type { RoundDesk } from "./types";

const CELL_TONES: Record<CellState, "neutral" | "warning" | "success" | "info"> = {
  none: "neutral",
  todo: "neutral",
  draft: "warning",
  submitted: "success",
};

/** The entries × judges grid: which sheet is missing, drafted or submitted. */
export function RoundProgressCard({
  panel,
  progress,
  totals,
}: {
  panel: RoundDesk["panel"];
  progress: RoundDesk["progress"];
  totals: RoundDesk["totals"];
}) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.language);
  return (
    <Card title={t("rounds.progress")}>
      {progress.length === 0 ? (
        <p>{t("rounds.noEntries")}</p>
      ) : (
        <>
          <p>{t("rounds.progressLead", { submitted: number(totals.submitted), assigned: number(totals.assigned) })}</p>
          <div className="table-scroll">
            <table className="round-progress">
              <thead>
                <tr>
                  <th scope="col">{t("rounds.entry")}</th>
                  {panel.map((judge) => (
                    <th scope="col" key={judge.id}>
                      {judge.name}
                    </th>
                  ))}
                  <th scope="col" className="numeric">
                    {t("rounds.sheetsOfEntry")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {progress.map((row) => (
                  <tr key={row.entryId}>
                    <th scope="row">
                      {row.receipt} <small>{row.project}</small>
                    </th>
                    {row.cells.map((cell, index) => (
                      <td key={cell.judgeId} data-label={panel[index].name}>
                        {cell.state === "none" ? (
                          t("rounds.cells.none")
                        ) : (
                          <Badge tone={CELL_TONES[cell.state]}>{t(`rounds.cells.${cell.state}`)}</Badge>
                        )}
                      </td>
                    ))}
                    <td data-label={t("rounds.sheetsOfEntry")} className="numeric">
                      {number(row.submitted)}/{number(row.assigned)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
