import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "../i18n/use-translation";
import { saveSheet } from "../modules/judging/commands.server";
import { judgeMayDeliberate } from "../modules/judging/deliberation.server";
import {
  documentsForJudge,
  getAssignmentForJudge,
  getRound,
  roundCriteria,
  sheetOfAssignment,
} from "../modules/judging/queries.server";
import { scoreSheetSchema } from "../modules/judging/schemas";
import { type Criterion, sheetTally } from "../modules/judging/scoring";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime, formatDecimal, formatNumber } from "../lib/format";
import { type FieldErrors, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Facts, Notice, PageHeader } from "../ui/layout";
import { param } from "../lib/http.server";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data ? (data.entry.project_name ?? `Hồ sơ ${data.entry.receipt_number ?? ""}`) : "Phiếu chấm"} – Cổng ĐMST Quảng Ngãi`,
  },
];

/** What the judge reads: the entry (names already left out by the query in a blind round), the rubric and their own sheet. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const db = getDb();
  const { assignment, entry } = await getAssignmentForJudge(db, user, param(params, "assignmentId"));
  const [criteria, own, documents, round] = await Promise.all([
    roundCriteria(db, assignment.round_id),
    sheetOfAssignment(db, assignment.id),
    documentsForJudge(db, entry.id, assignment.blind === 1),
    getRound(db, assignment.round_id),
  ]);
  const scores = Object.fromEntries(own.scores.map((s) => [s.criterion_id, { score: s.score, comment: s.comment }]));
  return {
    documents,
    assignment: {
      id: assignment.id,
      roundName: assignment.round_name,
      blind: assignment.blind === 1,
      pitchMinutes: assignment.pitch_minutes,
      questionsMinutes: assignment.questions_minutes,
      open: assignment.round_status === "judging",
      // The deliberation page applies the same rule (403 otherwise): this only decides whether to offer the link.
      deliberation: judgeMayDeliberate(round, own.sheet?.status ?? null),
    },
    entry,
    criteria: criteria.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      guidance: c.guidance,
      weight: c.weight,
      maxScore: c.max_score,
      counted: c.counts_in_total === 1,
    })),
    sheet: own.sheet
      ? {
          status: own.sheet.status,
          overallComment: own.sheet.overall_comment,
          submittedAt: own.sheet.submitted_at,
          updatedAt: own.sheet.updated_at,
        }
      : null,
    scores,
    // The total of the saved scores, rendered by the server so that it reads without JavaScript.
    tally: sheetTally(
      Object.fromEntries(own.scores.map((s) => [s.criterion_id, s.score])),
      criteria.map(rubricCriterion),
    ),
  };
}

const rubricCriterion = (c: { id: string; weight: number; max_score: number; counts_in_total: number }): Criterion => ({
  id: c.id,
  weight: c.weight,
  maxScore: c.max_score,
  countsInTotal: c.counts_in_total === 1,
});

type ActionResult = { errors: FieldErrors; values?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const t = await getTranslator(request);
  const db = getDb();
  // Ownership and conflicts are checked before the form is read (403 for anyone else's sheet).
  const { assignment } = await getAssignmentForJudge(db, user, param(params, "assignmentId"));
  const criteria = await roundCriteria(db, assignment.round_id);
  const form = await readForm(request, 256 * 1024);
  const submit = form.get("intent") === "submit";
  const parsed = parseForm(form, scoreSheetSchema(criteria, { submit }), t);
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const outcome = await saveSheet(db, user, assignment.id, parsed.value, submit, context.clientIp);
  if (!outcome.ok) {
    const values: Record<string, string> = {};
    for (const [key, value] of form) if (typeof value === "string") values[key] = value.slice(0, 2000);
    // A missing score is the judge's to fix (400); a locked sheet or a closed round is a state conflict (409).
    return refusal(outcome.problems, t, { values });
  }
  if (submit) return redirectWithFlash("/judging", t("judging.submitted"));
  return redirectWithFlash(`/judging/${assignment.id}`, t("judging.saved"));
}

const ENTRY_TEXTS = [
  ["summary", "entries.summary"],
  ["problem", "entries.problem"],
  ["solution", "entries.solution"],
  ["market", "entries.market"],
  ["business_model", "entries.businessModel"],
  ["team_description", "entries.teamDescription"],
] as const;

const STAGES = ["idea", "prototype", "market", "growth"] as const;

export default function ScoreSheetPage() {
  const { t, i18n } = useTranslation();
  const { assignment, entry, criteria, sheet, scores, documents, tally } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const values = actionData?.values;
  const locked = sheet?.status === "submitted" || !assignment.open;
  const title = entry.project_name ?? t("judging.blindCode", { code: entry.receipt_number ?? "" });
  const stage = STAGES.find((s) => s === entry.stage);
  const number = (value: number) => formatNumber(value, i18n.language);
  const firstError = errors ? (Object.keys(errors).find((key) => key !== "_form") ?? null) : null;
  const totalRef = useRef<HTMLDivElement>(null);
  // Null until the judge types (or a refused save refills the fields): then the total of what the fields hold.
  const [typed, setTyped] = useState<Record<string, number | null> | null>(null);
  const rubric = criteria.map((c) => ({ id: c.id, weight: c.weight, maxScore: c.maxScore, countsInTotal: c.counted }));
  const readFields = (form: HTMLFormElement | null | undefined) => {
    if (!form) return;
    const read: Record<string, number | null> = {};
    for (const c of criteria) {
      const input = form.elements.namedItem(`score-${c.id}`);
      read[c.id] = input instanceof HTMLInputElement && input.value.trim() !== "" ? input.valueAsNumber : null;
    }
    setTyped(read);
  };
  // After a refused save the fields hold what was typed, not what was saved.
  useEffect(() => {
    if (values) readFields(totalRef.current?.closest("form"));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values]);
  const shown = typed ? sheetTally(typed, rubric) : tally;
  const names = new Map(criteria.map((c, index) => [c.id, `${index + 1}. ${c.name}`]));
  const runningTotal = (
    <div className="sheet-total" ref={totalRef}>
      {/* A live region, so that a screen reader hears the total change as the judge types. */}
      <div role="status" aria-atomic="true">
        <p className="sheet-total-figure">
          {t("judgeSheet.total", { total: formatDecimal(shown.total, i18n.language) })}
        </p>
        <p>
          {shown.blank.length
            ? t("judgeSheet.blank", { list: shown.blank.map((id) => names.get(id)).join("; ") })
            : t("judgeSheet.complete")}
        </p>
      </div>
      <p className="field-hint">{t("judgeSheet.hint")}</p>
    </div>
  );
  return (
    <>
      <PageHeader
        title={title}
        lead={[entry.organisation_name, assignment.roundName].filter(Boolean).join(" · ")}
        actions={<Link to="/judging">{t("judging.backToList")}</Link>}
      />
      {assignment.blind ? <Notice>{t("judging.blindNotice")}</Notice> : null}

      <Card title={t("judging.entryDetails")}>
        <Facts
          items={[
            [t("entries.receipt"), entry.receipt_number],
            [t("entries.category"), entry.category_name],
            [t("entries.sector"), entry.sector],
            [t("entries.stage"), stage ? t(`entries.stages.${stage}`) : entry.stage],
            ...(assignment.pitchMinutes !== null
              ? [[t("judging.pitch"), t("judging.minutes", { count: assignment.pitchMinutes })] as [string, string]]
              : []),
            ...(assignment.questionsMinutes !== null
              ? [
                  [t("judging.questions"), t("judging.minutes", { count: assignment.questionsMinutes })] as [
                    string,
                    string,
                  ],
                ]
              : []),
          ]}
        />
        {documents.length ? (
          <section>
            <h3>{t("entries.documents")}</h3>
            <ul>
              {documents.map((document) => (
                <li key={document.id}>
                  <a href={`/files/${document.id}`} target="_blank" rel="noreferrer">
                    {[document.label, document.name].filter(Boolean).join(" – ")}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {ENTRY_TEXTS.map(([column, labelKey]) =>
          entry[column] ? (
            <section key={column}>
              <h3>{t(labelKey)}</h3>
              <p className="pre-line prose">{entry[column]}</p>
            </section>
          ) : null,
        )}
      </Card>

      <Card title={t("judging.sheetTitle")}>
        {sheet?.status === "submitted" ? (
          <Notice tone="success">{`${t("judging.locked")} ${t("judging.submittedAt", { time: formatDateTime(sheet.submittedAt, i18n.language) })}`}</Notice>
        ) : null}
        {assignment.deliberation ? (
          <p>
            <Link to={`/judging/${assignment.id}/deliberation`}>{t("deliberation.open")}</Link>
          </p>
        ) : null}
        {sheet?.status === "submitted" ? null : !assignment.open ? (
          <Notice>{t("judging.roundClosedNotice")}</Notice>
        ) : sheet ? (
          <p className="field-hint">
            {t("judging.lastSaved", { time: formatDateTime(sheet.updatedAt, i18n.language) })}
          </p>
        ) : null}

        {locked ? (
          <>
            <SimpleTable
              rows={criteria}
              rowKey={(criterion) => criterion.id}
              columns={[
                {
                  key: "criterion",
                  header: t("judging.criterion"),
                  cell: (criterion) => (
                    <>
                      {criterion.name}{" "}
                      <small>
                        (
                        {[
                          t("judging.weight", { weight: number(criterion.weight) }),
                          t("judging.maxScore", { max: number(criterion.maxScore) }),
                          criterion.counted ? null : t("judging.notCounted"),
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                        )
                      </small>
                    </>
                  ),
                },
                {
                  key: "score",
                  header: t("judging.score"),
                  align: "end",
                  cell: (criterion) => (scores[criterion.id] ? number(scores[criterion.id].score) : "—"),
                },
                {
                  key: "comment",
                  header: t("judging.comment"),
                  className: "pre-line",
                  cell: (criterion) => scores[criterion.id]?.comment ?? "—",
                },
              ]}
            />
            {runningTotal}
            <h3>{t("judging.overallComment")}</h3>
            <p className="pre-line">{sheet?.overallComment ?? "—"}</p>
          </>
        ) : (
          <AppForm
            method="post"
            errors={errors}
            onInput={(event: FormEvent<HTMLFormElement>) => {
              if (event.target instanceof HTMLInputElement && event.target.name.startsWith("score-"))
                readFields(event.currentTarget);
            }}
          >
            {criteria.map((criterion, index) => (
              <fieldset key={criterion.id} className="criterion">
                <legend>{`${index + 1}. ${criterion.name}`}</legend>
                <p className="criterion-meta">
                  {[
                    t("judging.weight", { weight: number(criterion.weight) }),
                    t("judging.maxScore", { max: number(criterion.maxScore) }),
                  ].join(" · ")}
                  {criterion.counted ? null : <strong>{` · ${t("judging.notCounted")}`}</strong>}
                </p>
                {criterion.description ? <p className="criterion-guidance">{criterion.description}</p> : null}
                {criterion.guidance ? <p className="criterion-guidance pre-line">{criterion.guidance}</p> : null}
                <div className="criterion-inputs">
                  <ScoreField
                    name={`score-${criterion.id}`}
                    label={t("judging.scoreLabel", { max: number(criterion.maxScore) })}
                    hint={t("judging.scoreHint")}
                    max={criterion.maxScore}
                    defaultValue={
                      values
                        ? values[`score-${criterion.id}`]
                        : scores[criterion.id]
                          ? String(scores[criterion.id].score)
                          : undefined
                    }
                    error={errors?.[`score-${criterion.id}`]}
                    // After a refused save the first field in error takes the focus (as ui/form.tsx does).
                    // eslint-disable-next-line jsx-a11y/no-autofocus
                    autoFocus={firstError === `score-${criterion.id}`}
                  />
                  <Field
                    name={`comment-${criterion.id}`}
                    as="textarea"
                    rows={3}
                    label={t("judging.commentLabel")}
                    defaultValue={values ? values[`comment-${criterion.id}`] : scores[criterion.id]?.comment}
                    error={errors?.[`comment-${criterion.id}`]}
                  />
                </div>
              </fieldset>
            ))}
            {runningTotal}
            <Field
              name="overallComment"
              as="textarea"
              rows={4}
              label={t("judging.overallComment")}
              defaultValue={values ? values.overallComment : sheet?.overallComment}
              error={errors?.overallComment}
            />
            <p className="field-hint">{t("judging.submitHint")}</p>
            <div className="actions">
              {/* Save comes first so that Enter in a score field saves a draft and never submits. */}
              <Button name="intent" value="save" variant="secondary">
                {t("judging.saveDraft")}
              </Button>
              <Button name="intent" value="submit">
                {t("judging.submit")}
              </Button>
            </div>
          </AppForm>
        )}
      </Card>
    </>
  );
}

/**
 * A score input: the form's Field markup (label, hint, error wired by aria-describedby) with what a number
 * needs — min, max, a 0.5 step and the decimal keypad on phones.
 */
function ScoreField({
  name,
  label,
  hint,
  max,
  defaultValue,
  error,
  autoFocus,
}: {
  name: string;
  label: string;
  hint: string;
  max: number;
  defaultValue?: string;
  error?: string;
  autoFocus: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={hintId}>
        {hint}
      </p>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="decimal"
        min={0}
        max={max}
        step={0.5}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        // The first field in error after a refused save (see above).
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={autoFocus || undefined}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
