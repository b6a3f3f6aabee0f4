import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "../i18n/use-translation";
import { looseTranslate } from "../modules/admin/audit-view";
import { decideProposal } from "../modules/settings/proposals.server";
import {
  decidedListState,
  listDecidedProposals,
  pendingProposals,
  type DecidedProposal,
} from "../modules/settings/queries.server";
import { allowedProposalEvents, DECIDED_STATUSES, proposalActor } from "../modules/settings/rules";
import { DecideProposalSchema } from "../modules/settings/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { parseForm, problemsToErrors, readForm, refusal } from "../lib/forms.server";
import { getLocale, getTranslator } from "../lib/locale.server";
import { problemStatus } from "../lib/outcome";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { AppForm, Button, Field } from "../ui/form";
import { Notice, PageHeader } from "../ui/layout";
import { PendingProposals } from "../ui/setting-proposals";

export const meta: MetaFunction = () => [{ title: "Duyệt thay đổi thiết lập – Cổng ĐMST Quảng Ngãi" }];

/** Leaders decide (the state machine adds: never on their own proposal); the proposer, of any Department role, withdraws. */
export const intents = {
  approve: ["leader"],
  reject: ["leader"],
  withdraw: ["staff", "leader", "admin"],
} satisfies IntentRoles;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const [proposals, decided] = await Promise.all([
    pendingProposals(getDb(), "all", looseTranslate(t), locale),
    listDecidedProposals(getDb(), decidedListState(search), looseTranslate(t), locale),
  ]);
  return {
    decided,
    proposals: proposals.map(({ proposedBy, ...proposal }) => ({
      ...proposal,
      own: proposedBy === user.id,
      events: allowedProposalEvents("pending", proposalActor(user, proposedBy)),
    })),
  };
}

type ActionResult = { intent: string; proposalId: string; errors: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const result = parseForm(form, DecideProposalSchema, t);
  const proposalId = String(form.get("proposalId") ?? "");
  if (!result.ok) return data<ActionResult>({ intent, proposalId, errors: result.errors }, { status: 400 });
  const outcome = await decideProposal(
    getDb(),
    user,
    result.value.proposalId,
    intent,
    { reason: result.value.reason },
    context.clientIp,
  );
  if (outcome.ok)
    return redirectWithFlash(
      "/staff/settings-proposals",
      t(intent === "approve" ? "settings.approved" : intent === "reject" ? "settings.rejected" : "settings.withdrawn"),
    );
  // The approval's apply was refused: the leader reads why above the proposal, which stays pending.
  if ("conflict" in outcome) {
    const latest = outcome.conflict.saves[0];
    const message = t("settings.problems.stale", {
      by: latest?.by ?? "—",
      at: latest ? formatDateTime(latest.at, locale) : "—",
    });
    return data<ActionResult>({ intent, proposalId, errors: { _form: message } }, { status: 409 });
  }
  if (intent === "approve" && !outcome.problems.some((p) => p.kind === "forbidden")) {
    const message = t("settings.problems.refused", {
      message: Object.values(problemsToErrors(outcome.problems, t)).join(" "),
    });
    return data<ActionResult>(
      { intent, proposalId, errors: { _form: message } },
      { status: problemStatus(outcome.problems) },
    );
  }
  return refusal(outcome.problems, t, { intent, proposalId });
}

/** The decided proposals' columns: the setting, the outcome, who decided and when (province time), why, on what basis. */
function decidedColumns(t: TFunction, locale: string): ColumnDef<DecidedProposal>[] {
  return [
    { id: "setting", header: t("settings.setting"), cell: ({ row }) => row.original.setting },
    {
      id: "status",
      header: t("settings.decided.status"),
      cell: ({ row }) => t(`settings.decided.statuses.${row.original.status}`),
    },
    { id: "decider", header: t("settings.decided.decidedBy"), cell: ({ row }) => row.original.deciderName },
    {
      id: "decided_at",
      header: t("settings.decided.decidedAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.decidedAt, locale),
    },
    { id: "reason", header: t("settings.decided.reason"), cell: ({ row }) => row.original.reason ?? "—" },
    { id: "source", header: t("settings.sourceDocument"), cell: ({ row }) => row.original.sourceDocument },
    {
      id: "proposer",
      header: t("settings.proposedBy"),
      cell: ({ row }) => `${row.original.proposerName} · ${formatDateTime(row.original.proposedAt, locale)}`,
    },
  ];
}

export default function SettingProposalsPage() {
  const { t, i18n } = useTranslation();
  const { proposals, decided } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = (id: string) => (actionData?.proposalId === id ? actionData : undefined);
  const known = new Set(proposals.map((p) => p.id));
  return (
    <>
      <PageHeader title={t("settings.title")} lead={t("settings.lead")} />
      {actionData?.errors._form && !known.has(actionData.proposalId) ? (
        <Notice tone="danger">{actionData.errors._form}</Notice>
      ) : null}
      {proposals.length === 0 ? (
        <Notice>{t("settings.none")}</Notice>
      ) : (
        <section className="card">
          <PendingProposals
            headingLevel={2}
            proposals={proposals}
            actions={(view) => {
              const proposal = proposals.find((p) => p.id === view.id)!;
              const mine = failed(proposal.id);
              return (
                <>
                  {mine?.errors._form ? <Notice tone="danger">{mine.errors._form}</Notice> : null}
                  {proposal.own ? <p className="field-hint">{t("settings.ownProposalNote")}</p> : null}
                  <div className="proposal-actions">
                    {proposal.events.includes("approve") ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="approve" />
                        <input type="hidden" name="proposalId" value={proposal.id} />
                        <Button>{t("settings.approve")}</Button>
                      </Form>
                    ) : null}
                    {proposal.events.includes("reject") ? (
                      <AppForm method="post" errors={mine?.intent === "reject" ? mine.errors : undefined}>
                        <input type="hidden" name="intent" value="reject" />
                        <input type="hidden" name="proposalId" value={proposal.id} />
                        <Field
                          name="reason"
                          as="textarea"
                          rows={2}
                          label={t("settings.rejectReason")}
                          required
                          error={mine?.intent === "reject" ? mine.errors.reason : undefined}
                        />
                        <Button variant="danger">{t("settings.reject")}</Button>
                      </AppForm>
                    ) : null}
                    {proposal.events.includes("withdraw") ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="withdraw" />
                        <input type="hidden" name="proposalId" value={proposal.id} />
                        <Button variant="secondary">{t("settings.withdraw")}</Button>
                      </Form>
                    ) : null}
                  </div>
                </>
              );
            }}
          />
        </section>
      )}
      <section className="card" id="decided" aria-labelledby="decided-title">
        <h2 id="decided-title">{t("settings.decided.title")}</h2>
        <DataTable
          caption={t("settings.decided.caption")}
          page={decided}
          columns={decidedColumns(t, i18n.language)}
          searchLabel={t("settings.decided.search")}
          exportPath="/staff/settings-proposals/export"
          filters={
            <FilterSelect
              name="status"
              label={t("settings.decided.status")}
              value={decided.filters.status}
              allLabel={t("settings.decided.allStatuses")}
              options={DECIDED_STATUSES.map((status) => ({
                value: status,
                label: t(`settings.decided.statuses.${status}`),
              }))}
            />
          }
        />
      </section>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
