import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { formatNumber } from "../../lib/format";
import { AppForm, Button, Field } from "../form";
import { Badge, Card, ConfirmAction } from "../layout";
import { ProblemList } from "./problem-list";
import type { RoundAnswer, RoundDesk } from "./types";

/** The round's judges with their load, dropping one (and why the reassignment failed), and adding one. */
export function RoundPanelCard({
  panel,
  candidates,
  open,
  drop,
  addJudge: addJudgeAnswer,
}: {
  panel: RoundDesk["panel"];
  candidates: RoundDesk["candidates"];
  open: boolean;
  drop?: RoundAnswer;
  addJudge?: RoundAnswer;
}) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.language);
  return (
    <Card title={t("rounds.panel")}>
      {drop ? <ProblemList message={drop.errors._form} problems={drop.problems} /> : null}
      {panel.length === 0 ? (
        <p>{t("rounds.noJudges")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("rounds.judge")}</th>
                <th scope="col">{t("rounds.email")}</th>
                <th scope="col" className="numeric">
                  {t("rounds.assigned")}
                </th>
                <th scope="col" className="numeric">
                  {t("rounds.submitted")}
                </th>
                {open ? (
                  <th scope="col">
                    <span className="visually-hidden">{t("table.actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {panel.map((judge) => (
                <tr key={judge.id}>
                  <td data-label={t("rounds.judge")}>
                    <Link to={`/staff/judges/${judge.id}`}>{judge.name}</Link>{" "}
                    {judge.dropped ? <Badge>{t("rounds.dropped")}</Badge> : null}
                  </td>
                  <td data-label={t("rounds.email")}>{judge.email}</td>
                  <td data-label={t("rounds.assigned")} className="numeric">
                    {number(judge.assigned)}
                  </td>
                  <td data-label={t("rounds.submitted")} className="numeric">
                    {number(judge.submitted)}
                  </td>
                  {open ? (
                    <td className="setup-actions">
                      {judge.dropped ? null : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="drop-judge" />
                          <ConfirmAction
                            label={t("rounds.dropJudge")}
                            confirmLabel={t("rounds.dropJudge")}
                            message={t("rounds.confirmDrop", { name: judge.name })}
                          >
                            <input type="hidden" name="judgeId" value={judge.id} />
                          </ConfirmAction>
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open ? (
        candidates.length ? (
          <AppForm
            key={`add-judge-${panel.length}`}
            method="post"
            errors={addJudgeAnswer?.errors}
            className="setup-add"
          >
            <input type="hidden" name="intent" value="add-judge" />
            <Field
              name="judgeId"
              as="select"
              label={t("rounds.addJudge")}
              defaultValue={addJudgeAnswer?.values.judgeId ?? ""}
              error={addJudgeAnswer?.errors.judgeId}
              options={[
                { value: "", label: t("rounds.chooseJudge") },
                ...candidates.map((c) => ({ value: c.id, label: `${c.full_name} (${c.email})` })),
              ]}
            />
            <Button variant="secondary">{t("rounds.addJudge")}</Button>
          </AppForm>
        ) : (
          <p className="field-hint">{t("rounds.noCandidates")}</p>
        )
      ) : null}
    </Card>
  );
}
