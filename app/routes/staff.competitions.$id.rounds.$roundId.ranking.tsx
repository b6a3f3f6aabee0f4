import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "../i18n/use-translation";
import { canResolveTies, closeRound, outstandingSheets, resolveTie } from "../modules/judging/commands.server";
import {
  canManageRounds,
  requireRoundManager,
  roundOfEdition,
  roundReport,
} from "../modules/judging/rounds.queries.server";
import { standingConsensusOfRound } from "../modules/judging/deliberation.server";
import { AGGREGATIONS, CloseOverrideSchema, TieResolutionSchema } from "../modules/judging/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDecimal, formatNumber } from "../lib/format";
import { parseForm, problemsToErrors, readForm, refusal } from "../lib/forms.server";
import { forbidden, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { CutOffTies, type TieFormState } from "../ui/cut-off-ties";
import { Field } from "../ui/form";
import { Badge, Card, ConfirmAction, Notice, PageHeader } from "../ui/layout";
import { useDecisionText } from "../ui/round/deliberation";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.round.name ?? "Xếp hạng"} – Xếp hạng – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { edition, round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
  const [report, outstanding, consensus] = await Promise.all([
    roundReport(db, edition.id, round.id),
    outstandingSheets(db, round.id),
    standingConsensusOfRound(db, round.id),
  ]);
  return {
    edition: { id: edition.id, name: edition.name },
    round: {
      id: round.id,
      name: round.name,
      kind: round.kind,
      status: report.round.status,
      aggregation: report.round.aggregation,
      disagreementThreshold: report.round.disagreement_threshold,
      minScoresToNormalise: report.round.min_scores_to_normalise,
      advancePerCategory: report.round.advance_per_category,
      minAverage: report.round.min_average,
      noZeroCriterion: report.round.no_zero_criterion === 1,
      deliberation: round.deliberation === 1,
    },
    consensus,
    places: report.places,
    cutOffKind: report.cutOffKind,
    criteria: report.criteria,
    rows: report.rows,
    unscored: report.unscored,
    warnings: report.warnings,
    panelStats: report.panelStats,
    calibration: report.calibration,
    notNormalised: report.notNormalised,
    ties: report.cutOffTies,
    outstandingSheets: outstanding,
    canManage: canManageRounds(user),
    canResolve: canResolveTies(user),
  };
}

type ActionResult = { intent: string; errors: Record<string, string>; tieForm?: TieFormState };

/** Staff and admins close a round; staff and leaders record the committee's decision on a tie; leaders read the ranking. */
export const intents = { close: ["staff", "admin"], "resolve-tie": ["staff", "leader"] } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const t = await getTranslator(request);
  const db = getDb();
  const { round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
  const here = `/staff/competitions/${round.edition_id}/rounds/${round.id}/ranking`;
  if (intent === "resolve-tie") {
    if (!canResolveTies(user)) forbidden();
    const tie = String(form.get("tie") ?? "");
    const parsed = parseForm(form, TieResolutionSchema, t);
    if (!parsed.ok)
      return data<ActionResult>(
        { intent, errors: parsed.errors, tieForm: { tie, errors: parsed.errors, values: parsed.values } },
        { status: 400 },
      );
    const outcome = await resolveTie(db, user, round.id, parsed.value, context.clientIp);
    if (!outcome.ok) {
      const errors = problemsToErrors(outcome.problems, t);
      return refusal(outcome.problems, t, {
        intent,
        tieForm: { tie, errors, values: { reason: parsed.value.reason } },
      });
    }
    return redirectWithFlash(here, t("rounds.ties.saved"));
  }
  requireRoundManager(user);
  let overrideReason: string | undefined;
  if (form.get("override")) {
    const parsed = parseForm(form, CloseOverrideSchema, t);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 400 });
    overrideReason = parsed.value.overrideReason;
  }
  const outcome = await closeRound(db, user, round.id, context.clientIp, { overrideReason });
  if (!outcome.ok) return refusal(outcome.problems, t, { intent });
  const message =
    round.kind === "final" ? t("rounds.closedFinal") : t("rounds.closedAdvanced", { count: outcome.advanced });
  return redirectWithFlash(here, message);
}

export default function RankingPage() {
  const { t, i18n } = useTranslation();
  const {
    edition,
    round,
    places,
    cutOffKind,
    criteria,
    rows,
    unscored,
    warnings,
    panelStats,
    calibration,
    notNormalised,
    ties,
    outstandingSheets,
    canManage,
    canResolve,
    consensus,
  } = useLoaderData<typeof loader>();
  const decisionText = useDecisionText();
  const actionData = useActionData<typeof action>();
  const tieForm = actionData?.tieForm;
  const openAdvancementTies = ties.filter((tie) => tie.cutOff === "advancement" && !tie.decision);
  const undecided = openAdvancementTies.flatMap((tie) => tie.entries.map((e) => e.receipt));
  const number = (value: number) => formatNumber(value, i18n.language);
  const signed = (value: number) => `${value > 0 ? "+" : ""}${formatDecimal(value, i18n.language)}`;
  const base = `/staff/competitions/${edition.id}/rounds/${round.id}`;
  const chosen = (method: string) => (method === round.aggregation ? "chosen-method" : undefined);
  const advancing = rows.filter((row) => row.advances).map((row) => row.receipt);
  const columns = 6 + AGGREGATIONS.length * 2;
  return (
    <>
      <PageHeader
        title={`${t("rounds.ranking")} – ${round.name}`}
        lead={edition.name}
        actions={
          <>
            <Link to={base}>{t("rounds.backToRound")}</Link>
            <a className="button button-secondary" href={`${base}/minutes.xlsx`} download>
              {t("rounds.downloadMinutes")}
            </a>
          </>
        }
      />
      {actionData?.errors && !tieForm ? (
        <Notice tone="danger">{actionData.errors._form ?? Object.values(actionData.errors)[0]}</Notice>
      ) : null}
      <p>
        <Badge tone={round.status === "closed" ? "success" : round.status === "judging" ? "info" : "neutral"}>
          {t(`rounds.statuses.${round.status}`)}
        </Badge>{" "}
        {t("rounds.chosenMethod", { method: t(`rounds.methodsInText.${round.aggregation}`) })}
      </p>
      {warnings.length ? (
        <div className="notice notice-info" role="status">
          <p>
            {t(cutOffKind === "prize" ? "rounds.warnings" : "rounds.warningsAdvancement", { places: number(places) })}
          </p>
          <ul>
            {warnings.map((warning) => (
              <li key={warning.method}>
                {t("rounds.warning", {
                  method: t(`rounds.methodsInText.${warning.method}`),
                  entering: warning.entering.join(", ") || t("rounds.nobody"),
                  leaving: warning.leaving.join(", ") || t("rounds.nobody"),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <CutOffTies ties={ties} canResolve={canResolve} form={tieForm} />
      {notNormalised.length ? (
        <Notice>
          {t("rounds.notNormalised", { min: number(round.minScoresToNormalise), judges: notNormalised.join(", ") })}
        </Notice>
      ) : null}
      {unscored.length ? <Notice>{t("rounds.notScored", { entries: unscored.join(", ") })}</Notice> : null}

      <Card title={t("rounds.ranking")}>
        {rows.length === 0 ? (
          <p>{t("rounds.noSheets")}</p>
        ) : (
          <>
            <p className="field-hint">{t("rounds.ties.exactNote")}</p>
            <p className="field-hint">
              {t("rounds.criteriaLegend")}:{" "}
              {criteria
                .map(
                  (criterion, index) =>
                    `${t("rounds.criterionShort", { n: index + 1 })} – ${criterion.counted ? t("rounds.criterionHeader", { name: criterion.name, weight: number(criterion.weight), max: number(criterion.maxScore) }) : t("rounds.notCounted", { name: criterion.name })}`,
                )
                .join("; ")}
            </p>
            <div className="table-scroll">
              <table className="ranking-table">
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>
                      {t("rounds.receipt")}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t("rounds.project")}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t("rounds.category")}
                    </th>
                    <th scope="col" rowSpan={2} className="numeric">
                      {t("rounds.judgesCount")}
                    </th>
                    {AGGREGATIONS.map((method) => (
                      <th scope="colgroup" colSpan={2} key={method} className={chosen(method)}>
                        {t(`rounds.methodsShort.${method}`)}{" "}
                        {method === round.aggregation ? <Badge tone="info">{t("rounds.chosen")}</Badge> : null}
                      </th>
                    ))}
                    <th scope="col" rowSpan={2} className="numeric">
                      {t("rounds.spread")}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t("rounds.flags")}
                    </th>
                  </tr>
                  <tr>
                    {AGGREGATIONS.map((method) => (
                      <Fragment key={method}>
                        <th scope="col" className={["numeric", chosen(method)].filter(Boolean).join(" ")}>
                          {t("rounds.score")}
                        </th>
                        <th scope="col" className={["numeric", chosen(method)].filter(Boolean).join(" ")}>
                          {t("rounds.rank")}
                        </th>
                      </Fragment>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <Fragment key={row.entryId}>
                      <tr className="ranking-row">
                        <th scope="row" data-label={t("rounds.receipt")}>
                          {row.receipt}
                        </th>
                        <td data-label={t("rounds.project")}>
                          {row.project}
                          <br />
                          <small>{row.organisation}</small>
                        </td>
                        <td data-label={t("rounds.category")}>{row.category ?? t("rounds.noCategory")}</td>
                        <td data-label={t("rounds.judgesCount")} className="numeric">
                          {number(row.judges)}
                        </td>
                        {AGGREGATIONS.map((method) => (
                          <Fragment key={method}>
                            <td
                              data-label={`${t(`rounds.methodsShort.${method}`)} – ${t("rounds.score")}`}
                              className={["numeric", chosen(method)].filter(Boolean).join(" ")}
                            >
                              {number(row.scores[method])}
                            </td>
                            <td
                              data-label={`${t(`rounds.methodsShort.${method}`)} – ${t("rounds.rank")}`}
                              className={["numeric", chosen(method)].filter(Boolean).join(" ")}
                            >
                              {number(row.ranks[method])}
                            </td>
                          </Fragment>
                        ))}
                        <td data-label={t("rounds.spread")} className="numeric">
                          {number(row.spread)}
                        </td>
                        <td data-label={t("rounds.flags")}>
                          <ul className="ranking-flags">
                            {row.disagreement ? (
                              <li
                                title={t("rounds.discussTitle", {
                                  spread: number(row.spread),
                                  threshold: number(round.disagreementThreshold),
                                })}
                              >
                                <Badge tone="danger">{t("rounds.discuss")}</Badge>
                              </li>
                            ) : null}
                            {row.zeroCriterion ? (
                              <li>
                                <Badge tone="warning">{t("rounds.zeroCriterion")}</Badge>
                              </li>
                            ) : null}
                            {row.tie.tiedWith.length ? (
                              <li>
                                <Badge tone="warning">
                                  {t("rounds.tied", { entries: row.tie.tiedWith.join(", ") })}
                                </Badge>
                              </li>
                            ) : null}
                            {row.tie.brokenBy && row.tie.sameScore.length ? (
                              <li>
                                <small>
                                  {row.tie.brokenBy === "criterion"
                                    ? t("rounds.tieBrokenByCriterion", {
                                        entries: row.tie.sameScore.join(", "),
                                        criterion: row.tie.criterion ?? "",
                                      })
                                    : t("rounds.tieBrokenByTopJudges", { entries: row.tie.sameScore.join(", ") })}
                                </small>
                              </li>
                            ) : null}
                            {row.advances !== null ? (
                              <li>
                                <Badge tone={row.advances ? "success" : "neutral"}>
                                  {t(row.advances ? "rounds.advances" : "rounds.eliminated")}
                                </Badge>
                              </li>
                            ) : null}
                            {consensus[row.entryId] ? (
                              <li title={consensus[row.entryId].reason}>
                                <Badge tone="info">
                                  {`${t("deliberation.column")}: ${decisionText(consensus[row.entryId])}`}
                                </Badge>
                              </li>
                            ) : null}
                            {round.deliberation || consensus[row.entryId] ? (
                              <li>
                                <Link
                                  to={`/staff/competitions/${edition.id}/rounds/${round.id}/entries/${row.entryId}`}
                                >
                                  {t("deliberation.openStaff")}
                                  <span className="visually-hidden"> – {row.receipt}</span>
                                </Link>
                              </li>
                            ) : null}
                          </ul>
                        </td>
                      </tr>
                      <tr className="ranking-details">
                        <td colSpan={columns}>
                          <details>
                            <summary>
                              {t("rounds.details")} – {row.receipt}
                            </summary>
                            <SimpleTable
                              rows={row.judgeScores}
                              rowKey={(judge) => judge.judgeId}
                              columns={[
                                {
                                  key: "judge",
                                  header: t("rounds.judge"),
                                  rowHeader: true,
                                  cell: (judge) => judge.judge,
                                },
                                ...criteria.map((criterion, index) => ({
                                  key: criterion.id,
                                  header: (
                                    <abbr title={criterion.name}>{t("rounds.criterionShort", { n: index + 1 })}</abbr>
                                  ),
                                  label: t("rounds.criterionShort", { n: index + 1 }),
                                  align: "end" as const,
                                  cell: (judge: (typeof row.judgeScores)[number]) =>
                                    judge.scores[criterion.id] === undefined ? "—" : number(judge.scores[criterion.id]),
                                })),
                                {
                                  key: "total",
                                  header: t("rounds.total"),
                                  align: "end",
                                  cell: (judge) => number(judge.total),
                                },
                                {
                                  key: "normalisedTotal",
                                  header: t("rounds.normalisedTotal"),
                                  align: "end",
                                  cell: (judge) => number(judge.normalisedTotal),
                                },
                              ]}
                            />
                          </details>
                        </td>
                      </tr>
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>

      {calibration.length ? (
        <Card title={t("rounds.calibration")}>
          <p>{t("rounds.calibrationLead", { mean: number(panelStats.mean), sd: number(panelStats.sd) })}</p>
          <SimpleTable
            rows={calibration}
            rowKey={(judge) => judge.judgeId}
            columns={[
              { key: "judge", header: t("rounds.judge"), rowHeader: true, cell: (judge) => judge.judge },
              { key: "sheets", header: t("rounds.sheets"), align: "end", cell: (judge) => number(judge.sheets) },
              { key: "mean", header: t("rounds.mean"), align: "end", cell: (judge) => number(judge.mean) },
              {
                key: "meanDelta",
                header: t("rounds.meanDelta"),
                align: "end",
                cell: (judge) => signed(judge.mean - panelStats.mean),
              },
              { key: "sd", header: t("rounds.sd"), align: "end", cell: (judge) => number(judge.sd) },
              {
                key: "sdRatio",
                header: t("rounds.sdRatio"),
                align: "end",
                cell: (judge) => (panelStats.sd ? number(Math.round((judge.sd / panelStats.sd) * 100) / 100) : "—"),
              },
              {
                key: "normalised",
                header: t("rounds.normalised"),
                cell: (judge) => (judge.normalised ? t("common.yes") : <Badge tone="warning">{t("common.no")}</Badge>),
              },
            ]}
          />
        </Card>
      ) : null}

      {canManage && round.status === "judging" ? (
        <Card title={t("rounds.close")}>
          {round.kind === "final" ? (
            <p>{t("rounds.closeHintFinal")}</p>
          ) : (
            <>
              <p>
                {t("rounds.closeHint", {
                  count: number(round.advancePerCategory),
                  method: t(`rounds.methodsInText.${round.aggregation}`),
                  min: number(round.minAverage),
                })}
                {round.noZeroCriterion ? ` ${t("rounds.closeHintNoZero")}` : null}
              </p>
              <p>
                <strong>
                  {t("rounds.willAdvance", {
                    count: number(advancing.length),
                    entries: advancing.join(", ") || t("rounds.nobody"),
                  })}
                </strong>
              </p>
              {undecided.length ? <p>{t("rounds.ties.undecided", { entries: undecided.join(", ") })}</p> : null}
            </>
          )}
          {openAdvancementTies.length ? (
            <Notice>{t("rounds.ties.closeBlocked")}</Notice>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <ConfirmAction
                label={t("rounds.close")}
                confirmLabel={t("rounds.close")}
                message={
                  outstandingSheets
                    ? t("rounds.confirmCloseOutstanding", { count: number(outstandingSheets) })
                    : t("rounds.confirmClose", { name: round.name })
                }
              >
                {outstandingSheets ? (
                  <>
                    <input type="hidden" name="override" value="1" />
                    <Field
                      label={t("rounds.overrideReason")}
                      name="overrideReason"
                      error={actionData?.errors?.overrideReason}
                      required
                      as="textarea"
                    />
                  </>
                ) : null}
              </ConfirmAction>
            </Form>
          )}
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
