import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RoundStatus } from "../../db/types";
import type { Problem } from "../lib/outcome";
import {
  addJudge,
  autoAssign,
  decideConflict,
  dropJudge,
  proposeConflicts,
  reopenSheet,
  startRound,
} from "../modules/judging/commands.server";
import type { AssignmentProblem } from "../modules/judging/assignment";
import { panelOf, roundCriteria, roundEntries } from "../modules/judging/queries.server";
import {
  canManageRounds,
  type CellState,
  describeAssignmentProblems,
  requirePanelJudge,
  requireRoundManager,
  roundConflicts,
  roundDesk,
  roundOfEdition,
  submittedSheetOfRound,
  updateRoundSettings,
} from "../modules/judging/rounds.server";
import {
  AGGREGATIONS,
  AutoAssignSchema,
  ConflictDecisionSchema,
  JudgeChoiceSchema,
  ReopenSheetSchema,
  RoundSettingsSchema,
} from "../modules/judging/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatNumber } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { notFound } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { Badge, Card, ConfirmAction, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.round.name ?? "Vòng chấm"} – ${data?.edition.name ?? ""} – Cổng ĐMST Quảng Ngãi` },
];

const STATUS_TONES: Record<RoundStatus, "neutral" | "info" | "success"> = {
  setup: "neutral",
  judging: "info",
  closed: "success",
};
const CELL_TONES: Record<CellState, "neutral" | "warning" | "success" | "info"> = {
  none: "neutral",
  todo: "neutral",
  draft: "warning",
  submitted: "success",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { edition, round } = await roundOfEdition(db, params.id!, params.roundId!);
  const [desk, criteria] = await Promise.all([roundDesk(db, round.id), roundCriteria(db, round.id)]);
  return {
    edition: { id: edition.id, name: edition.name },
    round: {
      id: round.id,
      name: round.name,
      kind: round.kind,
      status: round.status,
      judgesPerEntry: round.judges_per_entry,
    },
    settings: {
      blind: round.blind === 1,
      aggregation: round.aggregation,
      minScoresToNormalise: String(round.min_scores_to_normalise),
      disagreementThreshold: String(round.disagreement_threshold),
      noZeroCriterion: round.no_zero_criterion === 1,
      minAverage: String(round.min_average),
      advancePerCategory: String(round.advance_per_category),
      tieBreakCriterionId: round.tie_break_criterion_id ?? "",
      pitchMinutes: round.pitch_minutes === null ? "" : String(round.pitch_minutes),
      questionsMinutes: round.questions_minutes === null ? "" : String(round.questions_minutes),
    },
    criteria: criteria.map((c) => ({ id: c.id, name: c.name })),
    ...desk,
    canManage: canManageRounds(user),
  };
}

type ActionResult = {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  problems: string[];
};

function echoed(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form]
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([key, value]) => [key, value.slice(0, 2000)]),
  );
}

/** Staff and admins run a round; leaders follow it. */
const MANAGERS = ["staff", "admin"] as const;
export const intents = {
  settings: MANAGERS,
  "add-judge": MANAGERS,
  "drop-judge": MANAGERS,
  "propose-conflicts": MANAGERS,
  "decide-conflict": MANAGERS,
  start: MANAGERS,
  assign: MANAGERS,
  reopen: MANAGERS,
} satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  requireRoundManager(user);
  const t = await getTranslator(request);
  const db = getDb();
  const { round } = await roundOfEdition(db, params.id!, params.roundId!);
  const here = `/staff/competitions/${round.edition_id}/rounds/${round.id}`;
  const ip = context.clientIp;
  const answer = (
    status: number,
    errors: Record<string, string>,
    values: Record<string, string>,
    problems: string[] = [],
  ) => data<ActionResult>({ intent, errors, values, problems }, { status });
  const invalid = (result: { errors: Record<string, string>; values: Record<string, string> }) =>
    answer(400, result.errors, result.values);
  const refused = (problems: Problem[]) =>
    refusal(problems, t, { intent, values: echoed(form), problems: [] as string[] });
  const describe = async (problems: readonly AssignmentProblem[]) => {
    const [entries, panel] = await Promise.all([roundEntries(db, round.id), panelOf(db, round.id)]);
    const receiptOf = (entryId: string) => entries.find((e) => e.id === entryId)?.receipt_number ?? entryId;
    const judgeNameOf = (judgeId: string) => panel.find((j) => j.id === judgeId)?.full_name ?? judgeId;
    return describeAssignmentProblems(problems, receiptOf, t, judgeNameOf);
  };

  if (round.status === "closed") return refused([{ field: "_form", key: "rounds.problems.closed" }]);
  switch (intent) {
    case "settings": {
      const result = parseForm(form, RoundSettingsSchema, t);
      if (!result.ok) return invalid(result);
      const outcome = await updateRoundSettings(db, user, round.id, result.value, ip);
      return outcome.ok ? redirectWithFlash(here, t("rounds.settingsSaved")) : refused(outcome.problems);
    }
    case "add-judge": {
      const result = parseForm(form, JudgeChoiceSchema, t);
      if (!result.ok) return invalid(result);
      const outcome = await addJudge(db, user, round.id, result.value.judgeId, ip);
      return outcome.ok ? redirectWithFlash(here, t("rounds.judgeAdded")) : refused(outcome.problems);
    }
    case "drop-judge": {
      const result = parseForm(form, JudgeChoiceSchema, t);
      if (!result.ok) return invalid(result);
      await requirePanelJudge(db, round.id, result.value.judgeId);
      const outcome = await dropJudge(db, user, round.id, result.value.judgeId, ip);
      // Before the round starts there is nothing to reassign, whatever the panel's size.
      if (!outcome.ok && round.status === "judging")
        return answer(409, { _form: t("rounds.droppedNotReassigned") }, {}, await describe(outcome.assignmentProblems));
      return redirectWithFlash(here, t("rounds.judgeDropped"));
    }
    case "propose-conflicts": {
      const added = await proposeConflicts(db, user, round.id, ip);
      return redirectWithFlash(here, t("rounds.conflictsProposed", { count: added }));
    }
    case "decide-conflict": {
      const result = parseForm(form, ConflictDecisionSchema, t);
      if (!result.ok) return invalid(result);
      if (!(await roundConflicts(db, round.id)).some((c) => c.id === result.value.conflictId)) notFound();
      await decideConflict(db, user, result.value.conflictId, result.value.decision === "confirm", ip);
      return redirectWithFlash(here, t("rounds.conflictDecided"));
    }
    case "start": {
      const outcome = await startRound(db, user, round.id, ip);
      return outcome.ok
        ? redirectWithFlash(here, t("rounds.started", { count: outcome.entries }))
        : refused(outcome.problems);
    }
    case "assign": {
      const result = parseForm(form, AutoAssignSchema, t);
      if (!result.ok) return invalid(result);
      const outcome = await autoAssign(db, user, round.id, result.value.k, ip);
      if (!outcome.ok)
        return answer(
          409,
          { _form: t("rounds.assignFailed") },
          echoed(form),
          await describe(outcome.assignmentProblems),
        );
      return redirectWithFlash(here, t("rounds.assignDone", { count: outcome.added }));
    }
    case "reopen": {
      const result = parseForm(form, ReopenSheetSchema, t);
      if (!result.ok) return invalid(result);
      await submittedSheetOfRound(db, round.id, result.value.sheetId);
      const outcome = await reopenSheet(db, user, result.value.sheetId, result.value.reason, ip);
      return outcome.ok ? redirectWithFlash(here, t("rounds.reopened")) : refused(outcome.problems);
    }
    default:
      throw new Response(t("errors.invalid"), { status: 400 });
  }
}

export default function RoundPage() {
  const { t, i18n } = useTranslation();
  const {
    edition,
    round,
    settings,
    criteria,
    panel,
    candidates,
    conflicts,
    progress,
    totals,
    submittedSheets,
    canManage,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answer = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const number = (value: number) => formatNumber(value, i18n.language);
  const open = canManage && round.status !== "closed";
  const base = `/staff/competitions/${edition.id}/rounds/${round.id}`;
  const refusal =
    answer("start") ??
    answer("propose-conflicts") ??
    answer("decide-conflict") ??
    (actionData && !["settings", "add-judge", "drop-judge", "assign", "reopen"].includes(actionData.intent)
      ? actionData
      : undefined);
  const settingsAnswer = answer("settings");
  const value = (name: keyof typeof settings) => settingsAnswer?.values[name] ?? String(settings[name]);
  const flag = (name: "blind" | "noZeroCriterion") =>
    settingsAnswer ? settingsAnswer.values[name] !== undefined : settings[name];
  const drop = answer("drop-judge");
  const assign = answer("assign");
  const reopen = answer("reopen");
  const addJudgeAnswer = answer("add-judge");
  return (
    <>
      <PageHeader
        title={round.name}
        lead={t("rounds.lead", { edition: edition.name, kind: t(`rounds.kinds.${round.kind}`) })}
        actions={
          <>
            <Link to={`/staff/competitions/${edition.id}`}>{t("rounds.backToEdition")}</Link>
            <Link className="button button-secondary" to={`${base}/ranking`}>
              {t("rounds.viewRanking")}
            </Link>
            <a className="button button-secondary" href={`${base}/minutes.xlsx`} download>
              {t("rounds.downloadMinutes")}
            </a>
          </>
        }
      />
      {!canManage ? <Notice>{t("rounds.readOnly")}</Notice> : null}
      {round.status === "closed" ? <Notice>{t("rounds.closedNotice")}</Notice> : null}

      <Card title={t("rounds.status")}>
        {refusal ? <Notice tone="danger">{refusal.errors._form ?? Object.values(refusal.errors)[0]}</Notice> : null}
        <div className="actions">
          <Badge tone={STATUS_TONES[round.status]}>{t(`rounds.statuses.${round.status}`)}</Badge>
          {open && round.status === "setup" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <Button>{t("rounds.start")}</Button>
            </Form>
          ) : null}
        </div>
        {open && round.status === "setup" ? <p className="field-hint">{t("rounds.startHint")}</p> : null}
      </Card>

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
          </fieldset>
          {open ? <Button>{t("common.save")}</Button> : null}
        </AppForm>
      </Card>

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
                      {judge.name} {judge.dropped ? <Badge>{t("rounds.dropped")}</Badge> : null}
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
        {open && round.status === "judging" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="propose-conflicts" />
            <Button variant="secondary">{t("rounds.proposeConflicts")}</Button>
          </Form>
        ) : null}
      </Card>

      {open && round.status === "judging" ? (
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
                defaultValue={assign?.values.k ?? String(round.judgesPerEntry)}
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
      ) : null}

      <Card title={t("rounds.progress")}>
        {progress.length === 0 ? (
          <p>{t("rounds.noEntries")}</p>
        ) : (
          <>
            <p>
              {t("rounds.progressLead", { submitted: number(totals.submitted), assigned: number(totals.assigned) })}
            </p>
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

      {open && round.status === "judging" ? (
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
      ) : null}
    </>
  );
}

/** Why an assignment failed, every reason on its own line. */
function ProblemList({ message, problems }: { message?: string; problems: string[] }) {
  return (
    <div className="notice notice-danger" role="alert">
      <p>{message}</p>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
