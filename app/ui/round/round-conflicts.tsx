import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "../form";
import { Badge, Card } from "../layout";
import type { RoundDesk } from "./types";

/** Conflicts between the panel and the entries' organisations: staff confirm or dismiss the proposed ones. */
export function RoundConflictsCard({
  conflicts,
  open,
  judging,
}: {
  conflicts: RoundDesk["conflicts"];
  open: boolean;
  judging: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t("rounds.conflicts")}>
      <p className="field-hint">{t("rounds.conflictsHint")}</p>
      {conflicts.length === 0 ? (
        <p>{t("rounds.noConflicts")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("rounds.judge")}</th>
                <th scope="col">{t("rounds.organisation")}</th>
                <th scope="col">{t("rounds.reason")}</th>
                <th scope="col">{t("rounds.source")}</th>
                <th scope="col">{t("rounds.status")}</th>
                {open ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("table.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {conflicts.map((conflict) => (
                <tr key={conflict.id}>
                  <td data-label={t("rounds.judge")}>{conflict.judge_name}</td>
                  <td data-label={t("rounds.organisation")}>
                    {conflict.organisation_name}{" "}
                    {conflict.receipts.length ? <small>({conflict.receipts.join(", ")})</small> : null}
                  </td>
                  <td data-label={t("rounds.reason")}>
                    {conflict.reason === "member" || conflict.reason === "email_domain"
                      ? t(`rounds.conflictReasons.${conflict.reason}`)
                      : conflict.reason}
                  </td>
                  <td data-label={t("rounds.source")}>{t(`rounds.sources.${conflict.source}`)}</td>
                  <td data-label={t("rounds.status")}>
                    <Badge
                      tone={
                        conflict.status === "confirmed"
                          ? "danger"
                          : conflict.status === "proposed"
                            ? "warning"
                            : "neutral"
                      }
                    >
                      {t(`rounds.conflictStatuses.${conflict.status}`)}
                    </Badge>
                  </td>
                  {open ? (
                    <td>
                      {conflict.status === "proposed" ? (
                        <div className="actions">
                          {(["confirm", "dismiss"] as const).map((decision) => (
                            <Form method="post" key={decision}>
                              <input type="hidden" name="intent" value="decide-conflict" />
                              <input type="hidden" name="conflictId" value={conflict.id} />
                              <input type="hidden" name="decision" value={decision} />
                              <Button variant={decision === "confirm" ? "primary" : "secondary"}>
                                {t(decision === "confirm" ? "rounds.confirmConflict" : "rounds.dismissConflict")}
                              </Button>
                            </Form>
                          ))}
                        </div>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && judging ? (
        <Form method="post">
          <input type="hidden" name="intent" value="propose-conflicts" />
          <Button variant="secondary">{t("rounds.proposeConflicts")}</Button>
        </Form>
      ) : null}
    </Card>
  );
}
