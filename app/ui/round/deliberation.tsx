import { useTranslation } from "../../i18n/use-translation";
import type { ConsensusDecision } from "../../../db/types";
import { CONSENSUS_DECISIONS } from "../../modules/judging/deliberation";
import { formatDateTime, formatDecimal, formatNumber } from "../../lib/format";
import { AppForm, Button, Field } from "../form";
import { Card, Notice } from "../layout";
import { SimpleTable } from "../simple-table";

type JudgeLabel = { number: number | null; name: string | null; self: boolean };
type Sheet = {
  id: string;
  judge: JudgeLabel;
  overallComment: string | null;
  submittedAt: string | null;
  scores: Array<{ criterion: string; score: number; comment: string | null }>;
};
type Note = { id: string; body: string; createdAt: string; author: JudgeLabel & { staff: boolean } };
export type Decision = {
  id: string;
  decision: ConsensusDecision;
  adjustedScore: number | null;
  reason: string;
  decidedAt: string;
  decidedBy: string | null;
};
type Errors = Record<string, string> | undefined;

/** How a judge is named on a deliberation page: by name when the viewer may see it, else "Giám khảo 2". */
function useJudgeName() {
  const { t } = useTranslation();
  return (label: JudgeLabel & { staff?: boolean }) => {
    const base = label.staff
      ? `${label.name ?? ""} (${t("deliberation.committee")})`
      : (label.name ?? t("deliberation.judgeNumber", { number: String(label.number ?? "?") }));
    return label.self ? `${base} ${t("deliberation.you")}` : base;
  };
}

/** A decision in words: "Vào vòng sau", or "Điều chỉnh điểm thành 72,5". */
export function useDecisionText() {
  const { t, i18n } = useTranslation();
  return (decision: { decision: ConsensusDecision; adjustedScore: number | null }) =>
    decision.decision === "score_adjusted" && decision.adjustedScore !== null
      ? t("deliberation.adjustedTo", { score: formatDecimal(decision.adjustedScore, i18n.language) })
      : t(`deliberation.decisions.${decision.decision}`);
}

export function DeliberationSheets({ sheets }: { sheets: readonly Sheet[] }) {
  const { t, i18n } = useTranslation();
  const judgeName = useJudgeName();
  return (
    <Card title={t("deliberation.sheets")}>
      {sheets.length === 0 ? <p>{t("deliberation.noSheets")}</p> : null}
      {sheets.map((sheet) => (
        <section key={sheet.id}>
          <h3>{judgeName(sheet.judge)}</h3>
          <p className="field-hint">
            {t("deliberation.submittedAt", { time: formatDateTime(sheet.submittedAt, i18n.language) })}
          </p>
          <SimpleTable
            rows={sheet.scores}
            rowKey={(score) => score.criterion}
            columns={[
              { key: "criterion", header: t("judging.criterion"), cell: (score) => score.criterion },
              {
                key: "score",
                header: t("judging.score"),
                align: "end",
                cell: (score) => formatNumber(score.score, i18n.language),
              },
              {
                key: "comment",
                header: t("judging.comment"),
                className: "pre-line",
                cell: (score) => score.comment ?? "—",
              },
            ]}
          />
          <p className="pre-line">
            <strong>{t("deliberation.overallComment")}:</strong> {sheet.overallComment ?? "—"}
          </p>
        </section>
      ))}
    </Card>
  );
}

/** The discussion of the entry, oldest first, and (when the viewer may) the form to add a note. */
export function DeliberationNotes({
  notes,
  canAdd,
  errors,
}: {
  notes: readonly Note[];
  canAdd: boolean;
  errors: Errors;
}) {
  const { t, i18n } = useTranslation();
  const judgeName = useJudgeName();
  return (
    <Card title={t("deliberation.notes")}>
      {notes.length === 0 ? <p>{t("deliberation.noNotes")}</p> : null}
      <ol className="plain-list">
        {notes.map((note) => (
          <li key={note.id}>
            <p>
              <strong>{judgeName(note.author)}</strong> · {formatDateTime(note.createdAt, i18n.language)}
            </p>
            <p className="pre-line">{note.body}</p>
          </li>
        ))}
      </ol>
      {canAdd ? (
        <AppForm method="post" errors={errors}>
          <input type="hidden" name="intent" value="note" />
          <Field
            name="body"
            as="textarea"
            label={t("deliberation.noteLabel")}
            hint={t("deliberation.noteHint")}
            error={errors?.body}
            required
          />
          <Button>{t("deliberation.addNote")}</Button>
        </AppForm>
      ) : null}
    </Card>
  );
}

/** The committee's standing decision and its history; staff who may record one get the form. */
export function ConsensusCard({
  decisions,
  canRecord,
  errors,
  values,
}: {
  decisions: readonly Decision[];
  canRecord: boolean;
  errors: Errors;
  values?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const decisionText = useDecisionText();
  const [standing, ...earlier] = decisions;
  const line = (decision: Decision) => (
    <>
      <strong>{decisionText(decision)}</strong> – {decision.reason}
      <br />
      <small>
        {decision.decidedBy
          ? t("deliberation.decidedBy", {
              name: decision.decidedBy,
              time: formatDateTime(decision.decidedAt, i18n.language),
            })
          : formatDateTime(decision.decidedAt, i18n.language)}
      </small>
    </>
  );
  return (
    <Card title={t("deliberation.consensus")}>
      {standing ? (
        <Notice tone="success">
          {t("deliberation.standing")}: {line(standing)}
        </Notice>
      ) : (
        <p>{t("deliberation.noConsensus")}</p>
      )}
      {earlier.length ? (
        <>
          <h3>{t("deliberation.history")}</h3>
          <ul>
            {earlier.map((decision) => (
              <li key={decision.id}>{line(decision)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {canRecord ? (
        <AppForm method="post" errors={errors}>
          <input type="hidden" name="intent" value="consensus" />
          <Field
            name="decision"
            as="select"
            label={t("deliberation.decisionLabel")}
            defaultValue={values?.decision}
            error={errors?.decision}
            options={CONSENSUS_DECISIONS.map((decision) => ({
              value: decision,
              label: t(`deliberation.decisions.${decision}`),
            }))}
            required
          />
          <Field
            name="adjustedScore"
            label={t("deliberation.adjustedScoreLabel")}
            hint={t("deliberation.adjustedScoreHint")}
            inputMode="decimal"
            defaultValue={values?.adjustedScore}
            error={errors?.adjustedScore}
          />
          <Field
            name="reason"
            as="textarea"
            label={t("deliberation.reasonLabel")}
            hint={t("deliberation.reasonHint")}
            defaultValue={values?.reason}
            error={errors?.reason}
            required
          />
          <Button>{t("deliberation.record")}</Button>
        </AppForm>
      ) : null}
    </Card>
  );
}
