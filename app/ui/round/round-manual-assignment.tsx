import { useTranslation } from "../../i18n/use-translation";
import { AppForm, Button, Field } from "../form";
import { Card } from "../layout";
import type { RoundAnswer } from "./types";

/** Giving one entry to one judge, and taking one judge off one entry: plain forms, each with its reason. */
export function RoundManualAssignmentCard({
  entries,
  judges,
  withdrawable,
  assign,
  unassign,
}: {
  entries: ReadonlyArray<{ id: string; receipt: string; project: string }>;
  judges: ReadonlyArray<{ id: string; name: string }>;
  withdrawable: ReadonlyArray<{ id: string; receipt: string; judge: string; draft: boolean }>;
  assign?: RoundAnswer;
  unassign?: RoundAnswer;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t("reassign.title")}>
      <p className="field-hint">{t("reassign.hint")}</p>
      <AppForm method="post" errors={assign?.errors}>
        <input type="hidden" name="intent" value="assign-judge" />
        <div className="form-grid form-grid-bottom">
          <Field
            name="entryId"
            as="select"
            label={t("reassign.entry")}
            defaultValue={assign?.values.entryId ?? ""}
            error={assign?.errors.entryId}
            required
            options={[
              { value: "", label: t("reassign.chooseEntry") },
              ...entries.map((e) => ({ value: e.id, label: `${e.receipt} – ${e.project}` })),
            ]}
          />
          <Field
            name="judgeId"
            as="select"
            label={t("reassign.judge")}
            defaultValue={assign?.values.judgeId ?? ""}
            error={assign?.errors.judgeId}
            required
            options={[
              { value: "", label: t("reassign.chooseJudge") },
              ...judges.map((j) => ({ value: j.id, label: j.name })),
            ]}
          />
          <Field
            name="reason"
            label={t("reassign.reason")}
            defaultValue={assign?.values.reason ?? ""}
            error={assign?.errors.reason}
            required
          />
        </div>
        <Button variant="secondary">{t("reassign.assign")}</Button>
      </AppForm>
      {withdrawable.length ? (
        <AppForm method="post" errors={unassign?.errors}>
          <input type="hidden" name="intent" value="unassign-judge" />
          <div className="form-grid form-grid-bottom">
            <Field
              name="assignmentId"
              as="select"
              label={t("reassign.assignment")}
              defaultValue={unassign?.values.assignmentId ?? ""}
              error={unassign?.errors.assignmentId}
              required
              options={[
                { value: "", label: t("reassign.chooseAssignment") },
                ...withdrawable.map((a) => ({
                  value: a.id,
                  label: `${a.receipt} – ${a.judge}${a.draft ? ` (${t("reassign.draftMark")})` : ""}`,
                })),
              ]}
            />
            <Field
              name="reason"
              label={t("reassign.reason")}
              defaultValue={unassign?.values.reason ?? ""}
              error={unassign?.errors.reason}
              required
            />
          </div>
          <Button variant="secondary">{t("reassign.unassign")}</Button>
        </AppForm>
      ) : null}
    </Card>
  );
}
