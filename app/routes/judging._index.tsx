import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { declareConflict } from "../modules/judging/commands.server";
import { assignmentsOfJudge } from "../modules/judging/queries.server";
import { DeclareConflictSchema } from "../modules/judging/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatNumber } from "../lib/format";
import { type FieldErrors, parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Badge, Card, Notice, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Chấm thi – Cổng ĐMST Quảng Ngãi" }];

type AssignmentRow = Awaited<ReturnType<typeof assignmentsOfJudge>>[number];
type SheetState = "done" | "draft" | "todo";

const stateOf = (row: AssignmentRow): SheetState =>
  row.sheet_status === "submitted" ? "done" : row.sheet_status === "draft" ? "draft" : "todo";

/**
 * The judge's rounds with their entries. The counts are taken from the rows shown (the query already leaves
 * out conflicted and withdrawn assignments), so the figures cannot disagree with the list under them.
 */
function byRound(rows: readonly AssignmentRow[]) {
  const rounds = new Map<
    string,
    {
      id: string;
      name: string;
      edition: string;
      blind: boolean;
      counts: Record<SheetState, number>;
      entries: Array<{
        id: string;
        code: string | null;
        projectName: string | null;
        organisationName: string | null;
        state: SheetState;
      }>;
    }
  >();
  for (const row of rows) {
    const round = rounds.get(row.round_id) ?? {
      id: row.round_id,
      name: row.round_name,
      edition: row.edition_name,
      blind: row.blind === 1,
      counts: { done: 0, draft: 0, todo: 0 },
      entries: [],
    };
    const state = stateOf(row);
    round.counts[state]++;
    round.entries.push({
      id: row.id,
      code: row.receipt_number,
      projectName: row.project_name,
      organisationName: row.organisation_name,
      state,
    });
    rounds.set(row.round_id, round);
  }
  return [...rounds.values()];
}

/**
 * The organisations a judge may declare a conflict with: those of their own assignments. An organisation seen
 * only in blind rounds keeps its name hidden and is shown by its entries' receipt codes.
 */
function conflictChoices(rows: readonly AssignmentRow[]) {
  const choices = new Map<string, { id: string; name: string | null; codes: string[] }>();
  for (const row of rows) {
    const choice = choices.get(row.organisation_id) ?? { id: row.organisation_id, name: null, codes: [] };
    choice.name ??= row.organisation_name;
    if (row.receipt_number && !choice.codes.includes(row.receipt_number)) choice.codes.push(row.receipt_number);
    choices.set(row.organisation_id, choice);
  }
  return [...choices.values()].map((choice) =>
    choice.name ? { id: choice.id, name: choice.name, codes: [] } : choice,
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const rows = await assignmentsOfJudge(getDb(), user);
  return { rounds: byRound(rows), organisations: conflictChoices(rows) };
}

type ActionResult = { errors: FieldErrors; values?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const t = await getTranslator(request);
  const db = getDb();
  const parsed = parseForm(await readForm(request), DeclareConflictSchema, t);
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  // Only an organisation met through the judge's own assignments: the form offers no other.
  const rows = await assignmentsOfJudge(db, user);
  if (!rows.some((row) => row.organisation_id === parsed.value.organisationId)) {
    return data<ActionResult>(
      { errors: { organisationId: t("errors.invalidChoice") }, values: { reason: parsed.value.reason } },
      { status: 400 },
    );
  }
  await declareConflict(db, user, parsed.value.organisationId, parsed.value.reason, context.clientIp);
  return redirectWithFlash("/judging", t("judging.conflictDeclared"));
}

const STATE_TONE = { done: "success", draft: "warning", todo: "neutral" } as const;
const STATE_LABEL = { done: "judging.done", draft: "judging.draft", todo: "judging.todo" } as const;
const LINK_LABEL = { done: "judging.viewSheet", draft: "judging.continueSheet", todo: "judging.startSheet" } as const;

export default function JudgingHomePage() {
  const { t, i18n } = useTranslation();
  const { rounds, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const entryLabel = (entry: { code: string | null; projectName: string | null }) =>
    entry.projectName
      ? `${entry.code ?? ""} · ${entry.projectName}`
      : t("judging.blindCode", { code: entry.code ?? "" });
  return (
    <>
      <PageHeader title={t("judging.myAssignments")} lead={t("judging.homeLead")} />
      {rounds.length === 0 ? (
        <Card>
          <p>{t("judging.noAssignments")}</p>
        </Card>
      ) : null}
      {rounds.map((round) => (
        <Card key={round.id} title={t("judging.roundOf", { round: round.name, edition: round.edition })}>
          <p className="figures-row">
            {(["done", "draft", "todo"] as const).map((state) => (
              <span key={state}>
                {t(STATE_LABEL[state])}: <strong>{formatNumber(round.counts[state], i18n.language)}</strong>
              </span>
            ))}
          </p>
          {round.blind ? (
            <>
              <Notice>{t("judging.blindNotice")}</Notice>
              <p>
                <Link to={`/judging/rounds/${round.id}/conflicts`}>{t("blindConflicts.open")}</Link>
              </p>
            </>
          ) : null}
          <SimpleTable
            rows={round.entries}
            rowKey={(entry) => entry.id}
            columns={[
              {
                key: "entry",
                header: t("judging.entry"),
                cell: (entry) => (
                  <>
                    <Link
                      to={`/judging/${entry.id}`}
                      aria-label={`${t(LINK_LABEL[entry.state])}: ${entryLabel(entry)}`}
                    >
                      {entryLabel(entry)}
                    </Link>
                    {entry.organisationName ? <small> – {entry.organisationName}</small> : null}
                  </>
                ),
              },
              {
                key: "sheetStatus",
                header: t("judging.sheetStatus"),
                cell: (entry) => <Badge tone={STATE_TONE[entry.state]}>{t(STATE_LABEL[entry.state])}</Badge>,
              },
            ]}
          />
        </Card>
      ))}

      {organisations.length ? (
        <Card title={t("judging.declareConflict")}>
          <p>{t("judging.conflictHint")}</p>
          <AppForm method="post" errors={actionData?.errors}>
            <Field
              name="organisationId"
              as="select"
              label={t("judging.conflictOrganisation")}
              required
              defaultValue={actionData?.values?.organisationId}
              error={actionData?.errors.organisationId}
              options={[
                { value: "", label: t("judging.chooseOrganisation") },
                ...organisations.map((organisation) => ({
                  value: organisation.id,
                  label:
                    organisation.name ??
                    t("judging.blindOrganisation", {
                      entries: organisation.codes.map((code) => t("judging.blindCode", { code })).join(", "),
                    }),
                })),
              ]}
            />
            <Field
              name="reason"
              as="textarea"
              rows={3}
              label={t("judging.conflictReason")}
              required
              defaultValue={actionData?.values?.reason}
              error={actionData?.errors.reason}
            />
            <Button variant="secondary">{t("judging.declare")}</Button>
          </AppForm>
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
