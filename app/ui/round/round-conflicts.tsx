import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { describeEvidence } from "../../modules/judging/conflict-evidence";
import { Button, Field } from "../form";
import { Badge, Card, ConfirmAction } from "../layout";
import type { RoundAnswer, RoundDesk } from "./types";

/** Conflicts between the panel and the entries' organisations: staff confirm or dismiss the proposed ones. */
export function RoundConflictsCard({
  conflicts,
  open,
  judging,
  decide,
}: {
  conflicts: RoundDesk["conflicts"];
  open: boolean;
  judging: boolean;
  decide?: RoundAnswer;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, options?: Record<string, string>) => string;
  return (
    <Card title={t("rounds.conflicts")}>
      <p className="field-hint">{t("rounds.conflictsHint")}</p>
      {decide?.errors.reason ? (
        <p className="field-error" role="alert">
          {decide.errors.reason}
        </p>
      ) : null}
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
                  <td data-label={t("rounds.judge")}>
                    <Link to={`/staff/judges/${conflict.judge_id}`}>{conflict.judge_name}</Link>
                  </td>
                  <td data-label={t("rounds.organisation")}>
                    {conflict.organisation_name}{" "}
                    {conflict.receipts.length ? <small>({conflict.receipts.join(", ")})</small> : null}
                  </td>
                  <td data-label={t("rounds.reason")}>
                    {conflict.evidence.length ? (
                      <ul className="plain-list">
                        {conflict.evidence.map((evidence, index) => (
                          <li key={index}>{describeEvidence(evidence, tr)}</li>
                        ))}
                      </ul>
                    ) : conflict.reason === "member" || conflict.reason === "email_domain" ? (
                      t(`rounds.conflictReasons.${conflict.reason}`)
                    ) : (
                      conflict.reason
                    )}
                    {conflict.decision_reason ? (
                      <small> {t("conflictProposals.dismissedBecause", { reason: conflict.decision_reason })}</small>
                    ) : null}
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
                          <Form method="post">
                            <input type="hidden" name="intent" value="decide-conflict" />
                            <input type="hidden" name="conflictId" value={conflict.id} />
                            <input type="hidden" name="decision" value="confirm" />
                            <Button variant="primary">{t("rounds.confirmConflict")}</Button>
                          </Form>
                          <Form method="post">
                            <input type="hidden" name="intent" value="decide-conflict" />
                            <input type="hidden" name="conflictId" value={conflict.id} />
                            <input type="hidden" name="decision" value="dismiss" />
                            <ConfirmAction
                              label={t("rounds.dismissConflict")}
                              confirmLabel={t("rounds.dismissConflict")}
                              message={t("conflictProposals.dismissMessage", {
                                judge: conflict.judge_name,
                                organisation: conflict.organisation_name,
                              })}
                            >
                              <Field
                                name="reason"
                                as="textarea"
                                rows={2}
                                label={t("conflictProposals.dismissReason")}
                                required
                              />
                            </ConfirmAction>
                          </Form>
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
