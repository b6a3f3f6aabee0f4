import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { Problem } from "../lib/outcome";
import {
  addJudge,
  assignManually,
  autoAssign,
  closedRoundRefusal,
  decideConflict,
  dropJudge,
  proposeConflicts,
  reopenSheet,
  startRound,
  unassignManually,
  updateRoundSettings,
} from "../modules/judging/commands.server";
import type { AssignmentProblem } from "../modules/judging/assignment";
import { panelOf, roundAssignments, roundCriteria, roundEntries } from "../modules/judging/queries.server";
import {
  canManageRounds,
  describeAssignmentProblems,
  requirePanelJudge,
  requireRoundManager,
  roundConflicts,
  roundDesk,
  roundOfEdition,
  submittedSheetOfRound,
  withOutstandingSheets,
} from "../modules/judging/rounds.queries.server";
import {
  AutoAssignSchema,
  ConflictDecisionSchema,
  JudgeChoiceSchema,
  ManualAssignSchema,
  ManualUnassignSchema,
  ReopenSheetSchema,
  RoundSettingsSchema,
} from "../modules/judging/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { notFound, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { Notice, PageHeader } from "../ui/layout";
import { RoundAssignmentCard } from "../ui/round/round-assignment";
import { RoundConflictsCard } from "../ui/round/round-conflicts";
import { RoundManualAssignmentCard } from "../ui/round/round-manual-assignment";
import { RoundPanelCard } from "../ui/round/round-panel";
import { RoundProgressCard } from "../ui/round/round-progress";
import { RoundReopenCard } from "../ui/round/round-reopen";
import { RoundSettingsCard } from "../ui/round/round-settings";
import { RoundStatusCard } from "../ui/round/round-status";
import { compareText, compareVietnamese } from "../lib/collation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.round.name ?? "Vòng chấm"} – ${data?.edition.name ?? ""} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { edition, round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
  const [desk, criteria, assignments] = await Promise.all([
    roundDesk(db, round.id),
    roundCriteria(db, round.id),
    roundAssignments(db, round.id),
  ]);
  const outstandingOnly = new URL(request.url).searchParams.get("sheets") === "outstanding";
  const receiptOf = new Map(desk.progress.map((row) => [row.entryId, row.receipt ?? row.entryId]));
  const judgeNameOf = new Map(desk.panel.map((judge) => [judge.id, judge.name]));
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
      deliberation: round.deliberation === 1,
      aggregation: round.aggregation,
      minScoresToNormalise: String(round.min_scores_to_normalise),
      disagreementThreshold: String(round.disagreement_threshold),
      noZeroCriterion: round.no_zero_criterion === 1,
      minAverage: String(round.min_average),
      advancePerCategory: String(round.advance_per_category),
      tieBreakCriterionId: round.tie_break_criterion_id ?? "",
      pitchMinutes: round.pitch_minutes === null ? "" : String(round.pitch_minutes),
      questionsMinutes: round.questions_minutes === null ? "" : String(round.questions_minutes),
      endsOn: round.ends_on ?? "",
      maxEntriesPerJudge: round.max_entries_per_judge === null ? "" : String(round.max_entries_per_judge),
    },
    criteria: criteria.map((c) => ({ id: c.id, name: c.name })),
    ...desk,
    // What the form for assignment by hand offers: the live assignments that may still be withdrawn.
    withdrawable: assignments
      .filter((a) => a.sheet_status !== "submitted")
      .map((a) => ({
        id: a.id,
        receipt: receiptOf.get(a.entry_id) ?? a.entry_id,
        judge: judgeNameOf.get(a.judge_id) ?? a.judge_id,
        draft: a.sheet_status === "draft",
      }))
      .sort((a, b) => compareText(a.receipt, b.receipt) || compareVietnamese(a.judge, b.judge)),
    canManage: canManageRounds(user),
    // The grid alone is filtered: assignment by hand still offers every entry of the round.
    outstandingOnly,
    shownProgress: outstandingOnly ? withOutstandingSheets(desk.progress) : desk.progress,
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
  "assign-judge": MANAGERS,
  "unassign-judge": MANAGERS,
  reopen: MANAGERS,
} satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  requireRoundManager(user);
  const t = await getTranslator(request);
  const db = getDb();
  const { round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
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

  const closed = closedRoundRefusal(round);
  if (closed) return refused(closed.problems);
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
      if (!outcome.ok)
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
      const outcome = await decideConflict(
        db,
        user,
        result.value.conflictId,
        { confirm: result.value.decision === "confirm", reason: result.value.reason },
        ip,
      );
      return outcome.ok ? redirectWithFlash(here, t("rounds.conflictDecided")) : refused(outcome.problems);
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
      return redirectWithFlash(
        here,
        outcome.moved
          ? t("reassign.moved", { count: outcome.added, moved: String(outcome.moved) })
          : t("rounds.assignDone", { count: outcome.added }),
      );
    }
    case "assign-judge": {
      const result = parseForm(form, ManualAssignSchema, t);
      if (!result.ok) return invalid(result);
      const outcome = await assignManually(db, user, { roundId: round.id, ...result.value }, ip);
      return outcome.ok ? redirectWithFlash(here, t("reassign.assigned")) : refused(outcome.problems);
    }
    case "unassign-judge": {
      const result = parseForm(form, ManualUnassignSchema, t);
      if (!result.ok) return invalid(result);
      const outcome = await unassignManually(db, user, { roundId: round.id, ...result.value }, ip);
      if (!outcome.ok) return refused(outcome.problems);
      return redirectWithFlash(here, t(outcome.draft ? "reassign.unassignedDraft" : "reassign.unassigned"));
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
  const { t } = useTranslation();
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
    withdrawable,
    canManage,
    outstandingOnly,
    shownProgress,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answer = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const open = canManage && round.status !== "closed";
  const base = `/staff/competitions/${edition.id}/rounds/${round.id}`;
  const roundRefusal =
    answer("start") ??
    answer("propose-conflicts") ??
    answer("decide-conflict") ??
    (actionData &&
    !["settings", "add-judge", "drop-judge", "assign", "assign-judge", "unassign-judge", "reopen"].includes(
      actionData.intent,
    )
      ? actionData
      : undefined);
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
      <RoundStatusCard round={round} open={open} refusal={roundRefusal} />
      <RoundSettingsCard settings={settings} criteria={criteria} open={open} answer={answer("settings")} />
      <RoundPanelCard
        panel={panel}
        candidates={candidates}
        open={open}
        drop={answer("drop-judge")}
        addJudge={answer("add-judge")}
      />
      <RoundConflictsCard
        conflicts={conflicts}
        open={open}
        judging={round.status === "judging"}
        decide={answer("decide-conflict")}
      />
      {open && round.status === "judging" ? (
        <RoundAssignmentCard judgesPerEntry={round.judgesPerEntry} answer={answer("assign")} />
      ) : null}
      {open && round.status === "judging" ? (
        <RoundManualAssignmentCard
          entries={progress.map((row) => ({
            id: row.entryId,
            receipt: row.receipt ?? row.entryId,
            project: row.project,
          }))}
          judges={panel.filter((judge) => !judge.dropped).map((judge) => ({ id: judge.id, name: judge.name }))}
          withdrawable={withdrawable}
          assign={answer("assign-judge")}
          unassign={answer("unassign-judge")}
        />
      ) : null}
      {outstandingOnly ? (
        <Notice>
          {t("todos.outstandingOnly")} <Link to={base}>{t("todos.showAll")}</Link>
        </Notice>
      ) : null}
      <RoundProgressCard panel={panel} progress={shownProgress} totals={totals} />
      {open && round.status === "judging" ? (
        <RoundReopenCard submittedSheets={submittedSheets} totals={totals} answer={answer("reopen")} />
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
