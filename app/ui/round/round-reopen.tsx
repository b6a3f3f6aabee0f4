import { useTranslation } from "../../i18n/use-translation";
import { AppForm, Button, Field } from "../form";
import { Card } from "../layout";
import type { RoundAnswer, RoundDesk } from "./types";

/** Reopening a submitted sheet, with the reason the history keeps. */
export function RoundReopenCard({
  submittedSheets,
  totals,
  answer: reopen,
}: {
  submittedSheets: RoundDesk["submittedSheets"];
  totals: RoundDesk["totals"];
  answer?: RoundAnswer;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t("rounds.reopen")}>
      <p className="field-hint">{t("rounds.reopenHint")}</p>
      {submittedSheets.length === 0 ? (
        <p>{t("rounds.noSubmittedSheets")}</p>
      ) : (
        <AppForm key={`reopen-${totals.submitted}`} method="post" errors={reopen?.errors}>
          <input type="hidden" name="intent" value="reopen" />
          <Field
            name="sheetId"
            as="select"
            label={t("rounds.sheet")}
            defaultValue={reopen?.values.sheetId ?? ""}
            error={reopen?.errors.sheetId}
            required
            options={[
              { value: "", label: t("rounds.chooseSheet") },
              ...submittedSheets.map((s) => ({
                value: s.id,
                label: t("rounds.sheetOption", { entry: s.receipt, judge: s.judge }),
              })),
            ]}
          />
          <Field
            name="reason"
            as="textarea"
            rows={2}
            label={t("rounds.reopenReason")}
            defaultValue={reopen?.values.reason}
            error={reopen?.errors.reason}
            required
          />
          <Button variant="secondary">{t("rounds.reopenButton")}</Button>
        </AppForm>
      )}
    </Card>
  );
}
