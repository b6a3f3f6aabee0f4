import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { addNoteAsStaff, deliberationForStaff, recordConsensus } from "../modules/judging/deliberation.server";
import { canManageRounds, roundOfEdition } from "../modules/judging/rounds.queries.server";
import { ConsensusSchema, DeliberationNoteSchema } from "../modules/judging/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { notFound, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { Notice, PageHeader } from "../ui/layout";
import { ConsensusCard, DeliberationNotes, DeliberationSheets } from "../ui/round/deliberation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.projectName ?? "Thảo luận"} – ${data?.round.name ?? ""} – Cổng ĐMST Quảng Ngãi` },
];

/** An entry in a round as the committee discusses it: every submitted sheet by name, the notes, the decisions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { edition, round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
  const entry = await db
    .selectFrom("competition_entries")
    .select(["id", "receipt_number", "project_name", "edition_id"])
    .where("id", "=", param(params, "entryId"))
    .executeTakeFirst();
  if (!entry || entry.edition_id !== edition.id) notFound();
  const deliberation = await deliberationForStaff(db, user, round.id, entry.id);
  return {
    edition: { id: edition.id, name: edition.name },
    round: { id: round.id, name: round.name, deliberation: round.deliberation === 1, open: round.status !== "closed" },
    entry: { id: entry.id, receiptNumber: entry.receipt_number, projectName: entry.project_name },
    canWrite: canManageRounds(user),
    ...deliberation,
  };
}

/** Staff and admins add notes and record the committee's consensus; leaders read. */
export const intents = { note: ["staff", "admin"], consensus: ["staff", "admin"] } satisfies IntentRoles;

type ActionResult = { intent: string; errors: Record<string, string>; values?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const t = await getTranslator(request);
  const db = getDb();
  const { round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
  const entryId = param(params, "entryId");
  const here = `/staff/competitions/${round.edition_id}/rounds/${round.id}/entries/${entryId}`;
  if (intent === "note") {
    const parsed = parseForm(form, DeliberationNoteSchema, t);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 400 });
    const outcome = await addNoteAsStaff(db, user, round.id, entryId, parsed.value.body, context.clientIp);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(here, t("deliberation.noteAdded"));
  }
  const values = formValues(form) as Record<string, string>;
  const parsed = parseForm(form, ConsensusSchema, t);
  if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors, values }, { status: 400 });
  const outcome = await recordConsensus(db, user, round.id, entryId, parsed.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { intent, values });
  return redirectWithFlash(here, t("deliberation.recorded"));
}

export default function StaffDeliberationPage() {
  const { t } = useTranslation();
  const { edition, round, entry, sheets, notes, decisions, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const writable = canWrite && round.deliberation && round.open;
  return (
    <>
      <PageHeader
        title={`${t("deliberation.title")}: ${entry.projectName} (${entry.receiptNumber ?? ""})`}
        lead={`${edition.name} · ${round.name}`}
        actions={
          <Link to={`/staff/competitions/${edition.id}/rounds/${round.id}/ranking`}>
            {t("deliberation.backToRanking")}
          </Link>
        }
      />
      {round.deliberation ? null : <Notice>{t("deliberation.off")}</Notice>}
      <ConsensusCard
        decisions={decisions}
        canRecord={writable}
        errors={actionData?.intent === "consensus" ? actionData.errors : undefined}
        values={actionData?.intent === "consensus" ? actionData.values : undefined}
      />
      <DeliberationSheets sheets={sheets} />
      <DeliberationNotes
        notes={notes}
        canAdd={writable}
        errors={actionData?.intent === "note" ? actionData.errors : undefined}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
