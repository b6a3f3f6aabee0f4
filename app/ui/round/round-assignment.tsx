import { useTranslation } from "../../i18n/use-translation";
import { AppForm, Button, Field } from "../form";
import { Card } from "../layout";
import { ProblemList } from "./problem-list";
import type { RoundAnswer } from "./types";

/** Assigning k judges to every entry that lacks them; a failed assignment lists every reason. */
export function RoundAssignmentCard({
  judgesPerEntry,
  answer: assign,
}: {
  judgesPerEntry: number;
  answer?: RoundAnswer;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t("rounds.assignment")}>
      <p className="field-hint">{t("rounds.assignHint")}</p>
      {assign?.problems.length ? <ProblemList message={assign.errors._form} problems={assign.problems} /> : null}
      <AppForm method="post" errors={assign?.problems.length ? undefined : assign?.errors}>
        <input type="hidden" name="intent" value="assign" />
        <div className="form-grid form-grid-bottom">
          <Field
            name="k"
            type="number"
            label={t("rounds.judgesPerEntry")}
            defaultValue={assign?.values.k ?? String(judgesPerEntry)}
            error={assign?.errors.k}
            required
          />
          <div className="field">
            <div>
              <Button>{t("rounds.autoAssign")}</Button>
            </div>
          </div>
        </div>
      </AppForm>
    </Card>
  );
}
