import { useTranslation } from "../../i18n/use-translation";
import type { Aggregation } from "../../../db/types";
import { SCORING_REMINDER_DAYS_BEFORE } from "../../modules/judging/reminders";
import { AGGREGATIONS } from "../../modules/judging/schemas";
import { AppForm, Button, CheckboxField, Field } from "../form";
import { Card } from "../layout";
import type { RoundAnswer } from "./types";

export type RoundSettingsValues = {
  blind: boolean;
  deliberation: boolean;
  aggregation: Aggregation;
  minScoresToNormalise: string;
  disagreementThreshold: string;
  noZeroCriterion: boolean;
  minAverage: string;
  advancePerCategory: string;
  tieBreakCriterionId: string;
  pitchMinutes: string;
  questionsMinutes: string;
  endsOn: string;
  maxEntriesPerJudge: string;
};

/** The round's rules (aggregation, thresholds, tie-break, timings); what was sent is shown again when refused. */
export function RoundSettingsCard({
  settings,
  criteria,
  open,
  answer: settingsAnswer,
}: {
  settings: RoundSettingsValues;
  criteria: ReadonlyArray<{ id: string; name: string }>;
  open: boolean;
  answer?: RoundAnswer;
}) {
  const { t } = useTranslation();
  const value = (name: keyof RoundSettingsValues) => settingsAnswer?.values[name] ?? String(settings[name]);
  const flag = (name: "blind" | "noZeroCriterion" | "deliberation") =>
    settingsAnswer ? settingsAnswer.values[name] !== undefined : settings[name];
  return (
    <Card title={t("rounds.settings")}>
      <AppForm method="post" errors={settingsAnswer?.errors}>
        <input type="hidden" name="intent" value="settings" />
        <fieldset className="plain-fieldset" disabled={!open}>
          <fieldset
            className="checkbox-group"
            aria-describedby={settingsAnswer?.errors.aggregation ? "aggregation-error" : undefined}
          >
            <legend>{t("rounds.aggregation")}</legend>
            {AGGREGATIONS.map((method) => (
              <label key={method} className="radio">
                <input
                  type="radio"
                  name="aggregation"
                  value={method}
                  defaultChecked={value("aggregation") === method}
                />{" "}
                <strong>{t(`rounds.methods.${method}`)}</strong> – {t(`rounds.methodHints.${method}`)}
              </label>
            ))}
            {settingsAnswer?.errors.aggregation ? (
              <p className="field-error" id="aggregation-error">
                {settingsAnswer.errors.aggregation}
              </p>
            ) : null}
          </fieldset>
          <div className="form-grid form-grid-bottom">
            <Field
              name="minScoresToNormalise"
              type="number"
              label={t("rounds.minScoresToNormalise")}
              hint={t("rounds.minScoresToNormaliseHint")}
              defaultValue={value("minScoresToNormalise")}
              error={settingsAnswer?.errors.minScoresToNormalise}
              required
            />
            <Field
              name="disagreementThreshold"
              label={t("rounds.disagreementThreshold")}
              hint={t("rounds.disagreementThresholdHint")}
              defaultValue={value("disagreementThreshold")}
              error={settingsAnswer?.errors.disagreementThreshold}
              required
            />
            <Field
              name="minAverage"
              label={t("rounds.minAverage")}
              defaultValue={value("minAverage")}
              error={settingsAnswer?.errors.minAverage}
              required
            />
            <Field
              name="advancePerCategory"
              type="number"
              label={t("rounds.advancePerCategory")}
              defaultValue={value("advancePerCategory")}
              error={settingsAnswer?.errors.advancePerCategory}
              required
            />
          </div>
          <div className="form-grid form-grid-bottom">
            <Field
              name="tieBreakCriterionId"
              as="select"
              label={t("rounds.tieBreak")}
              hint={t("rounds.tieBreakHint")}
              defaultValue={value("tieBreakCriterionId")}
              error={settingsAnswer?.errors.tieBreakCriterionId}
              options={[
                { value: "", label: t("rounds.noTieBreak") },
                ...criteria.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <Field
              name="pitchMinutes"
              type="number"
              label={t("rounds.pitchMinutes")}
              defaultValue={value("pitchMinutes")}
              error={settingsAnswer?.errors.pitchMinutes}
            />
            <Field
              name="questionsMinutes"
              type="number"
              label={t("rounds.questionsMinutes")}
              defaultValue={value("questionsMinutes")}
              error={settingsAnswer?.errors.questionsMinutes}
            />
            <Field
              name="endsOn"
              type="date"
              label={t("judgeHome.rounds.deadline")}
              hint={t("judgeHome.rounds.deadlineHint", { days: String(SCORING_REMINDER_DAYS_BEFORE) })}
              defaultValue={value("endsOn")}
              error={settingsAnswer?.errors.endsOn}
            />
          </div>
          <div className="form-grid form-grid-bottom">
            <Field
              name="maxEntriesPerJudge"
              type="number"
              label={t("reassign.maxEntriesPerJudge")}
              hint={t("reassign.maxEntriesPerJudgeHint")}
              defaultValue={value("maxEntriesPerJudge")}
              error={settingsAnswer?.errors.maxEntriesPerJudge}
            />
          </div>
          <CheckboxField
            name="noZeroCriterion"
            label={t("rounds.noZeroCriterion")}
            defaultChecked={flag("noZeroCriterion")}
            error={settingsAnswer?.errors.noZeroCriterion}
          />
          <CheckboxField
            name="blind"
            label={t("rounds.blind")}
            defaultChecked={flag("blind")}
            error={settingsAnswer?.errors.blind}
          />
          <CheckboxField
            name="deliberation"
            label={t("deliberation.setting")}
            defaultChecked={flag("deliberation")}
            error={settingsAnswer?.errors.deliberation}
          />
        </fieldset>
        {open ? <Button>{t("common.save")}</Button> : null}
      </AppForm>
    </Card>
  );
}
