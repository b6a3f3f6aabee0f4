import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import {
  reportProgress,
  revokeCertificate,
  transitionApplicationWithRetry,
} from "../modules/technology/commands.server";
import { applicationDocuments, getApplication, progressNotes } from "../modules/technology/queries.server";
import {
  allowedApplicationEvents,
  IMPLEMENTATION_STATUSES,
  isImplementationFinal,
  type ApplicationEvent,
} from "../modules/technology/rules";
import { ProgressSchema, RevokeSchema, TransitionSchema } from "../modules/technology/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatMoney } from "../lib/format";
import { type FieldErrors, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { param } from "../lib/http.server";
import { DecisionClockStart, DocumentChecklist, WorkflowActions, type WorkflowNeed } from "../ui/dossier";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Card, ConfirmAction, Facts, Notice, PageHeader } from "../ui/layout";
import { ApplicationDue, ApplicationStatusBadge, ImplementationBadge, ProgressList } from "../ui/technology";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.application.enterprise_name ?? "Hồ sơ"} – Đổi mới công nghệ – Cổng ĐMST Quảng Ngãi` },
];

/** Staff receive and review, leaders decide and revoke; an admin processes like staff (the state machine says who does what). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { application, actor } = await getApplication(db, user, param(params, "id"));
  const [documents, history, notes] = await Promise.all([
    applicationDocuments(db, application.id),
    historyOf(db, "tech_application", application.id),
    progressNotes(db, application.id),
  ]);
  return {
    application,
    documents,
    history,
    notes,
    events: allowedApplicationEvents(application.status, actor),
    mayRevoke: user.role === "leader" && !!application.certificate_id && !application.revoked_at,
    mayFollow:
      actor !== "other" &&
      application.status === "approved" &&
      !!application.certificate_id &&
      !application.revoked_at &&
      !isImplementationFinal(application.implementation_status),
    today: provinceDate(nowIso()),
  };
}

type ActionResult = { intent: string; event?: string; errors: FieldErrors };

/** Each transition's actor is the workflow's table (staff process, leaders decide); only leaders revoke. */
/** The Department: staff, leaders and admins (a literal: this table is also read by the client bundle). */
const DEPARTMENT = ["staff", "leader", "admin"] as const;
export const intents = { transition: DEPARTMENT, revoke: ["leader"], progress: DEPARTMENT } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const id = param(params, "id");
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? "transition"), intents);
  const transitionContext = { t, ip: context.clientIp };
  if (intent === "revoke") {
    const parsed = parseForm(form, RevokeSchema, t);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 400 });
    const outcome = await revokeCertificate(db, user, id, parsed.value.reason, transitionContext);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(`/staff/technology/applications/${id}`, t("technology.certificate.revokedDone"));
  }
  if (intent === "progress") {
    const parsed = parseForm(form, ProgressSchema, t);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 400 });
    const outcome = await reportProgress(db, user, id, parsed.value, context.clientIp);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(`/staff/technology/applications/${id}`, t("technology.followUp.done"));
  }
  const parsed = parseForm(form, TransitionSchema, t);
  if (!parsed.ok)
    return data<ActionResult>(
      { intent: "transition", event: String(form.get("event") ?? ""), errors: parsed.errors },
      { status: 400 },
    );
  const { event, ...input } = parsed.value;
  const outcome = await transitionApplicationWithRetry(db, user, id, event, input, transitionContext);
  if (!outcome.ok) return refusal(outcome.problems, t, { intent: "transition", event });
  const message = outcome.certificateNumber
    ? t("technology.applications.certificateIssued", { number: outcome.certificateNumber })
    : t("technology.applications.done", { status: t(`technology.statuses.${outcome.status as "received"}`) });
  return redirectWithFlash(`/staff/technology/applications/${id}`, message);
}

/** What each event asks for (the state machine refuses it without). */
const NEEDS: Partial<Record<ApplicationEvent, WorkflowNeed[]>> = {
  request_supplement: ["reason", "dueOn"],
  review: ["reason"],
  return_for_review: ["reason"],
  approve: ["reason"],
  reject: ["reason"],
};

export default function StaffTechnologyApplication() {
  const { t, i18n } = useTranslation();
  const { application, documents, history, notes, events, mayRevoke, mayFollow, today } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const money = (value: number) => formatMoney(value, i18n.language);
  return (
    <>
      <PageHeader
        title={application.enterprise_name}
        lead={application.technology}
        actions={
          <>
            <Link to={`/staff/technology/enterprises/${application.organisation_id}`}>
              {t("technology.enterprise.open")}
            </Link>
            <Link to="/staff/technology/applications">{t("technology.applications.back")}</Link>
          </>
        }
      />
      <Card title={t("technology.applications.facts")}>
        <Facts
          items={[
            [t("technology.fields.status"), <ApplicationStatusBadge key="status" status={application.status} />],
            [
              t("technology.fields.due"),
              <ApplicationDue key="due" status={application.status} dueOn={application.due_on} today={today} />,
            ],
            [
              t("sme.due.clockFromLabel"),
              <DecisionClockStart
                key="clock"
                receivedCompleteOn={application.received_complete_on}
                source={t("technology.applications.clockSource")}
              />,
            ],
            [
              t("sme.due.foundCompleteLabel"),
              application.complete_on ? formatDate(application.complete_on, i18n.language) : "—",
            ],
            [t("technology.fields.kind"), t(`technology.kinds.${application.kind}`)],
            [t("technology.fields.taxCode"), application.tax_code ?? "—"],
            [t("technology.fields.origin"), application.origin],
            [t("technology.fields.supplier"), application.supplier],
            [t("technology.fields.totalInvestment"), money(application.total_investment_vnd)],
            [t("technology.fields.ownFunds"), money(application.own_funds_vnd)],
            [t("technology.fields.requestedSupport"), money(application.requested_support_vnd)],
            [
              t("technology.fields.schedule"),
              `${formatDate(application.starts_on, i18n.language)} – ${formatDate(application.ends_on, i18n.language)}`,
            ],
            [
              t("technology.fields.submittedAt"),
              application.submitted_at ? formatDate(application.submitted_at, i18n.language) : "—",
            ],
            [
              t("technology.fields.implementationStatus"),
              <ImplementationBadge key="impl" status={application.implementation_status} />,
            ],
          ]}
        />
        <h3>{t("technology.fields.equipment")}</h3>
        <p className="pre-line prose">{application.equipment}</p>
        <h3>{t("technology.fields.expectedGains")}</h3>
        <p className="pre-line prose">{application.expected_gains}</p>
        {application.supplement_request ? (
          <>
            <h3>{t("technology.applications.supplementRequest")}</h3>
            <p className="pre-line prose">{application.supplement_request}</p>
          </>
        ) : null}
        {application.review_note ? (
          <>
            <h3>{t("technology.applications.reviewNote")}</h3>
            <p className="pre-line prose">{application.review_note}</p>
          </>
        ) : null}
        {application.decision_reason ? (
          <>
            <h3>{t("technology.applications.decisionReason")}</h3>
            <p className="pre-line prose">{application.decision_reason}</p>
          </>
        ) : null}
      </Card>

      <Card title={t("technology.applications.documents")}>
        {documents.missing.length ? (
          <Notice tone="danger">{`${t("technology.applications.missingLead")} ${documents.missing.map((m) => m.title).join("; ")}`}</Notice>
        ) : null}
        <DocumentChecklist
          items={documents.checklist}
          presentLabel={t("technology.applications.present")}
          missingLabel={t("technology.applications.missing")}
        />
      </Card>

      <Card title={t("technology.applications.actions")}>
        {events.length === 0 ? <p>{t("technology.applications.noActions")}</p> : null}
        <WorkflowActions
          events={events}
          needs={NEEDS}
          intent="transition"
          errorsFor={(event) => (result?.intent === "transition" && result.event === event ? result.errors : undefined)}
          eventLabel={(event) => t(`technology.events.${event}`)}
          fieldLabel={(field, event) =>
            field === "dueOn"
              ? t("technology.fields.dueOn")
              : event === "review"
                ? t("technology.applications.reviewNote")
                : t("technology.fields.reason")
          }
          optionalReason={["approve"]}
        />
      </Card>

      <Card title={t("technology.certificate.title")}>
        {!application.certificate_number ? (
          <p>{t("technology.certificate.none")}</p>
        ) : (
          <>
            {application.revoked_at ? (
              <Notice tone="danger">
                {t("technology.certificate.revoked", {
                  date: formatDate(application.revoked_at, i18n.language),
                  reason: application.revoke_reason ?? "",
                })}
              </Notice>
            ) : null}
            <Facts
              items={[
                [t("technology.certificate.number"), application.certificate_number],
                [t("technology.certificate.issuedAt"), formatDate(application.certificate_issued_at, i18n.language)],
                [t("technology.certificate.signer"), application.signer_name],
              ]}
            />
            <p className="actions">
              {!application.revoked_at ? (
                <a href={`/technology/applications/${application.id}/certificate.pdf`} download>
                  {t("technology.certificate.download")}
                </a>
              ) : null}
              <Link to={`/verify/${application.verification_code}`}>{t("technology.certificate.verifyLink")}</Link>
            </p>
            {mayRevoke ? (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                {result?.intent === "revoke" && result.errors._form ? (
                  <Notice tone="danger">{result.errors._form}</Notice>
                ) : null}
                <ConfirmAction
                  label={t("technology.certificate.revoke")}
                  confirmLabel={t("technology.certificate.revokeConfirm")}
                  message={t("technology.certificate.revokeMessage")}
                >
                  <Field
                    name="reason"
                    as="textarea"
                    rows={3}
                    label={t("technology.fields.reason")}
                    required
                    error={result?.intent === "revoke" ? result.errors.reason : undefined}
                  />
                </ConfirmAction>
              </Form>
            ) : null}
          </>
        )}
      </Card>

      {application.status === "approved" ? (
        <Card title={t("technology.followUp.title")}>
          {mayFollow ? (
            <AppForm
              key={notes.length}
              method="post"
              errors={result?.intent === "progress" ? result.errors : undefined}
            >
              <input type="hidden" name="intent" value="progress" />
              <div className="form-grid">
                <Field
                  name="status"
                  as="select"
                  label={t("technology.fields.implementationStatus")}
                  required
                  defaultValue={application.implementation_status ?? "implementing"}
                  options={IMPLEMENTATION_STATUSES.map((s) => ({
                    value: s,
                    label: t(`technology.implementation.${s}`),
                  }))}
                  error={result?.intent === "progress" ? result.errors.status : undefined}
                />
                <Field
                  name="reportedOn"
                  type="date"
                  label={t("technology.fields.reportedOn")}
                  required
                  defaultValue={today}
                  error={result?.intent === "progress" ? result.errors.reportedOn : undefined}
                />
              </div>
              <Field
                name="note"
                as="textarea"
                rows={3}
                label={t("technology.fields.progressNote")}
                required
                error={result?.intent === "progress" ? result.errors.note : undefined}
              />
              <Button variant="secondary">{t("technology.followUp.report")}</Button>
            </AppForm>
          ) : null}
          <ProgressList notes={notes} />
        </Card>
      ) : null}

      <Card title={t("technology.applications.history")}>
        <AuditTimeline items={history} />
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
