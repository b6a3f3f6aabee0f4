import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { addNoteAsJudge, deliberationForJudge } from "../modules/judging/deliberation.server";
import { DeliberationNoteSchema } from "../modules/judging/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { Notice, PageHeader } from "../ui/layout";
import { ConsensusCard, DeliberationNotes, DeliberationSheets } from "../ui/round/deliberation";

export const meta: MetaFunction = () => [{ title: "Thảo luận hồ sơ – Cổng ĐMST Quảng Ngãi" }];

/**
 * A judge's deliberation on an entry: only through their own assignment, in a round with deliberation on, once their
 * sheet is submitted, never with a conflict (deliberationForJudge answers 403 otherwise). Blind rounds name no one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  return deliberationForJudge(getDb(), user, param(params, "assignmentId"));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const t = await getTranslator(request);
  const db = getDb();
  const assignmentId = param(params, "assignmentId");
  // The same gate as the page (403) before the form is read.
  await deliberationForJudge(db, user, assignmentId);
  const parsed = parseForm(await readForm(request), DeliberationNoteSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const outcome = await addNoteAsJudge(db, user, assignmentId, parsed.value.body, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t);
  return redirectWithFlash(`/judging/${assignmentId}/deliberation`, t("deliberation.noteAdded"));
}

export default function JudgeDeliberationPage() {
  const { t } = useTranslation();
  const { assignment, entry, sheets, notes, decisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={`${t("deliberation.title")}: ${entry.projectName ?? t("judging.blindCode", { code: entry.receiptNumber ?? "" })}`}
        lead={assignment.roundName}
        actions={<Link to={`/judging/${assignment.id}`}>{t("deliberation.backToSheet")}</Link>}
      />
      {assignment.blind ? <Notice>{t("deliberation.blindNotice")}</Notice> : null}
      <DeliberationSheets sheets={sheets} />
      <DeliberationNotes notes={notes} canAdd={assignment.open} errors={actionData?.errors} />
      <ConsensusCard decisions={decisions} canRecord={false} errors={undefined} />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
