import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { dossierLimit, transitionDossierWithRetry } from "../modules/sme/commands.server";
import { dossierDocuments, getDossier, getProgramme } from "../modules/sme/queries.server";
import { TransitionSchema } from "../modules/sme/schemas";
import { offeredDossierEvents, type DossierEvent } from "../modules/sme/workflow";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatMoney } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { param } from "../lib/http.server";
import {
  DecisionClockStart,
  DocumentChecklist,
  DossierStatusBadge,
  DueMark,
  WorkflowActions,
  type WorkflowNeed,
} from "../ui/dossier";
import { AuditTimeline } from "../ui/history";
import { Badge, Card, Facts, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.dossier.receipt_number ?? "Hồ sơ"} – Hỗ trợ DNNVV – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { dossier, actor } = await getDossier(db, user, param(params, "id"));
  const [documents, history, limit, programme] = await Promise.all([
    dossierDocuments(db, dossier.id, dossier.support_type_id),
    historyOf(db, "support_dossier", dossier.id),
    dossierLimit(db, dossier),
    getProgramme(db, dossier.programme_id),
  ]);
  return {
    dossier,
    documents,
    history,
    limit,
    events: offeredDossierEvents(dossier.status, actor, programme),
    today: provinceDate(nowIso()),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), TransitionSchema, t);
  if (!result.ok) return data({ event: String(result.values.event ?? ""), errors: result.errors }, { status: 400 });
  const db = getDb();
  const { event, ...input } = result.value;
  const id = param(params, "id");
  const outcome = await transitionDossierWithRetry(db, user, id, event, input, { t, ip: context.clientIp });
  if (!outcome.ok) return refusal(outcome.problems, t, { event });
  return redirectWithFlash(`/staff/sme/${id}`, t("sme.dossier.done", { status: t(`sme.statuses.${outcome.status}`) }));
}

/** Which fields each event asks for (the state machine refuses the event without them). */
const NEEDS: Partial<Record<DossierEvent, WorkflowNeed[]>> = {
  request_supplement: ["reason", "dueOn"],
  propose: ["amountVnd", "reason"],
  return_for_appraisal: ["reason"],
  approve: ["amountVnd", "reason"],
  reject: ["reason"],
  record_payment: ["amountVnd"],
};

export default function StaffDossier() {
  const { t, i18n } = useTranslation();
  const { dossier, documents, history, limit, events, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const money = (value: number | null) => (value === null ? "—" : formatMoney(value, i18n.language));
  const defaultAmount = (event: DossierEvent) =>
    String(
      (event === "approve"
        ? dossier.proposed_vnd
        : event === "record_payment"
          ? dossier.approved_vnd
          : dossier.requested_vnd) ?? "",
    );
  return (
    <>
      <PageHeader
        title={`${dossier.receipt_number} – ${dossier.enterprise_name}`}
        lead={dossier.support_type_name}
        actions={
          <>
            <Link to={`/staff/sme/${dossier.id}/print`}>{t("sme.dossier.print")}</Link>
            <Link to="/staff/sme">{t("sme.dossier.back")}</Link>
          </>
        }
      />
      {dossier.programme_status === "paused" ? (
        <Notice tone="danger">
          {t("sme.problems.programmePaused", { reason: dossier.programme_status_reason ?? "" })}
        </Notice>
      ) : null}
      <Card title={t("sme.dossier.facts")}>
        <Facts
          items={[
            [t("sme.desk.status"), <DossierStatusBadge key="status" status={dossier.status} />],
            [t("sme.dossier.due"), <DueMark key="due" status={dossier.status} dueOn={dossier.due_on} today={today} />],
            [
              t("sme.due.clockFromLabel"),
              <DecisionClockStart
                key="clock"
                receivedCompleteOn={dossier.received_complete_on}
                source={t("sme.due.clockSource")}
              />,
            ],
            [
              t("sme.due.foundCompleteLabel"),
              dossier.complete_on ? formatDate(dossier.complete_on, i18n.language) : "—",
            ],
            [t("sme.dossier.programme"), dossier.programme_name],
            [t("sme.dossier.article"), dossier.article],
            [t("sme.dossier.size"), dossier.enterprise_size ? t(`sme.sizes.${dossier.enterprise_size}`) : "—"],
            [
              t("sme.desk.priority"),
              dossier.is_priority ? (
                <Badge key="p" tone="info">
                  {t("sme.desk.priority")}
                </Badge>
              ) : (
                "—"
              ),
            ],
            [
              t("sme.dossier.provider"),
              dossier.provider_tax_code
                ? `${dossier.provider_name} (${dossier.provider_tax_code})`
                : dossier.provider_name,
            ],
            [t("sme.dossier.totalCost"), money(dossier.total_cost_vnd)],
            [t("sme.dossier.requested"), money(dossier.requested_vnd)],
            [
              t("sme.dossier.limit"),
              limit
                ? t("sme.dossier.limitDetail", {
                    max: money(limit.limit.maxVnd),
                    byRate: money(limit.limit.byRateVnd),
                    remaining: money(limit.limit.remainingCapVnd),
                  })
                : "—",
            ],
            [t("sme.dossier.received"), limit ? money(limit.receivedVnd) : "—"],
            [t("sme.dossier.proposed"), money(dossier.proposed_vnd)],
            [t("sme.dossier.approved"), money(dossier.approved_vnd)],
            [t("sme.dossier.paid"), money(dossier.paid_vnd)],
            [t("sme.desk.submittedAt"), dossier.submitted_at ? formatDate(dossier.submitted_at, i18n.language) : "—"],
          ]}
        />
        <h3>{t("sme.dossier.content")}</h3>
        <p className="prose">{dossier.content}</p>
        {dossier.supplement_request ? (
          <>
            <h3>{t("sme.dossier.supplementRequest")}</h3>
            <p className="prose">{dossier.supplement_request}</p>
          </>
        ) : null}
        {dossier.appraisal_note ? (
          <>
            <h3>{t("sme.dossier.appraisalNote")}</h3>
            <p className="prose">{dossier.appraisal_note}</p>
          </>
        ) : null}
        {dossier.decision_reason ? (
          <>
            <h3>{t("sme.dossier.decisionReason")}</h3>
            <p className="prose">{dossier.decision_reason}</p>
          </>
        ) : null}
      </Card>

      <Card title={t("sme.dossier.documents")}>
        <DocumentChecklist
          items={documents.checklist}
          presentLabel={t("sme.dossier.present")}
          missingLabel={t("sme.dossier.missing")}
        />
        {documents.others.length ? (
          <>
            <h3>{t("sme.dossier.otherFiles")}</h3>
            <ul>
              {documents.others.map((file) => (
                <li key={file.id}>
                  <a href={`/files/${file.id}`}>{file.original_name}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>

      <Card title={t("sme.dossier.actions")}>
        {events.length === 0 ? <p>{t("sme.dossier.noActions")}</p> : null}
        <WorkflowActions
          events={events}
          needs={NEEDS}
          errorsFor={(event) => (failed?.event === event ? failed.errors : undefined)}
          eventLabel={(event) => t(`sme.events.${event}`)}
          fieldLabel={(field, event) =>
            field === "amountVnd"
              ? t("sme.dossier.amount")
              : field === "dueOn"
                ? t("sme.dossier.dueOn")
                : event === "propose"
                  ? t("sme.dossier.appraisalNote")
                  : t("sme.dossier.reason")
          }
          defaultAmount={defaultAmount}
          optionalReason={["approve"]}
        />
      </Card>

      <Card title={t("sme.dossier.history")}>
        <AuditTimeline items={history} />
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
