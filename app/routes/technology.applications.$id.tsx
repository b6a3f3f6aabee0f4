import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import {
  addApplicationDocument,
  reportProgress,
  transitionApplicationWithRetry,
  updateApplication,
} from "../modules/technology/commands.server";
import { applicationDocuments, getApplication, progressNotes } from "../modules/technology/queries.server";
import {
  allowedApplicationEvents,
  IMPLEMENTATION_STATUSES,
  isEditableByOwner,
  isImplementationFinal,
} from "../modules/technology/rules";
import { ApplicationSchema, ProgressSchema, TransitionSchema } from "../modules/technology/schemas";
import { requireIntent, requireRole, type CurrentUser, type IntentRoles } from "../lib/auth.server";
import { getDb, type DB } from "../lib/db.server";
import { MAX_DOCUMENT_BYTES, readChecklistUpload } from "../lib/files.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatMoney } from "../lib/format";
import { type FieldErrors, isMultipartForm, parseForm, readForm, refusal } from "../lib/forms.server";
import { forbidden, param } from "../lib/http.server";
import { kindOf } from "../lib/outcome";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DecisionClockStart } from "../ui/dossier";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Badge, Card, ConfirmAction, Facts, Notice, PageHeader } from "../ui/layout";
import {
  ApplicationDue,
  ApplicationFields,
  applicationValues,
  ApplicationStatusBadge,
  ImplementationBadge,
  ProgressList,
} from "../ui/technology";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.application.technology ?? "Hồ sơ"} – Đổi mới công nghệ – Cổng ĐMST Quảng Ngãi` },
];

/** The enterprise's own page of an application: other applicants get 404 from the query's `where`; staff use /staff/technology. */
async function ownApplication(db: DB, user: CurrentUser, id: string) {
  const { application, actor } = await getApplication(db, user, id);
  if (actor !== "owner") forbidden();
  return application;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  // The review note is the department's working record, not the enterprise's.
  const { review_note: _note, created_by: _by, ...application } = await ownApplication(db, user, param(params, "id"));
  const [documents, history, notes] = await Promise.all([
    applicationDocuments(db, application.id),
    historyOf(db, "tech_application", application.id),
    progressNotes(db, application.id),
  ]);
  return {
    application,
    checklist: documents.checklist.map((item) => ({
      id: item.id,
      title: item.title,
      required: !!item.required,
      files: item.files.map((f) => ({ id: f.id, original_name: f.original_name })),
    })),
    missing: documents.missing.map((item) => item.title),
    history: history.map(({ after_json: _, ...item }) =>
      item.action === "technology.application_review" ? { ...item, reason: null } : item,
    ),
    notes,
    events: allowedApplicationEvents(application.status, "owner"),
    editable: isEditableByOwner(application.status),
    mayReport:
      application.status === "approved" &&
      !!application.certificate_id &&
      !application.revoked_at &&
      !isImplementationFinal(application.implementation_status),
    today: provinceDate(nowIso()),
    maxMb: String(MAX_DOCUMENT_BYTES / 1024 / 1024),
  };
}

type ActionResult = { intent: string; target?: string; errors: FieldErrors; values?: Record<string, string> };

/** The enterprise's own file (ownership is checked first); the multipart form is "upload". */
export const intents = {
  save: ["applicant"],
  transition: ["applicant"],
  progress: ["applicant"],
  upload: ["applicant"],
} satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  const id = param(params, "id");
  // Someone else's application is refused before its body is read.
  await ownApplication(db, user, id);
  const t = await getTranslator(request);
  const ip = context.clientIp;

  if (isMultipartForm(request)) {
    requireIntent(user, "upload", intents);
    const read = await readChecklistUpload(request, t);
    const target = read.target;
    if (!read.ok)
      return data<ActionResult>(
        { intent: "upload", target, errors: { document: read.message } },
        { status: read.status },
      );
    const outcome = await addApplicationDocument(db, user, id, target, read.upload, ip);
    // The upload form has one message, next to its file field, whatever the problem's field.
    if (!outcome.ok)
      return refusal(
        outcome.problems.map((problem) => ({ ...problem, field: "document", kind: kindOf(problem) })),
        t,
        { intent: "upload", target },
      );
    return redirectWithFlash(`/technology/applications/${id}#documents`, t("sme.applicant.dossier.uploaded"));
  }

  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  if (intent === "transition") {
    const parsed = parseForm(form, TransitionSchema, t);
    if (!parsed.ok) return data<ActionResult>({ intent, errors: parsed.errors }, { status: 400 });
    const outcome = await transitionApplicationWithRetry(
      db,
      user,
      id,
      parsed.value.event,
      { reason: parsed.value.reason },
      { t, ip },
    );
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(
      `/technology/applications/${id}`,
      t("technology.applications.done", { status: t(`technology.statuses.${outcome.status as "received"}`) }),
    );
  }
  if (intent === "save") {
    const parsed = parseForm(form, ApplicationSchema, t);
    if (!parsed.ok)
      return data<ActionResult>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const outcome = await updateApplication(db, user, id, parsed.value, ip);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(`/technology/applications/${id}`, t("technology.my.saved"));
  }
  if (intent === "progress") {
    const parsed = parseForm(form, ProgressSchema, t);
    if (!parsed.ok)
      return data<ActionResult>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const outcome = await reportProgress(db, user, id, parsed.value, ip);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(`/technology/applications/${id}`, t("technology.followUp.done"));
  }
  return data<ActionResult>({ intent, errors: { _form: t("errors.invalid") } }, { status: 400 });
}

export default function TechnologyApplicationPage() {
  const { t, i18n } = useTranslation();
  const { application, checklist, missing, history, notes, events, editable, mayReport, today, maxMb } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const money = (value: number) => formatMoney(value, i18n.language);
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  const filing = events.filter((event) => event !== "withdraw");
  return (
    <>
      <PageHeader
        title={application.technology}
        lead={`${application.enterprise_name} – ${t(`technology.kinds.${application.kind}`)}`}
        actions={<Link to="/technology">{t("technology.my.title")}</Link>}
      />

      {application.status === "supplement_requested" ? (
        <Notice tone="danger">{`${t("technology.applications.supplementRequest")}: ${application.supplement_request ?? "—"}${application.due_on ? ` (${t("sme.due.supplement", { date: formatDate(application.due_on, i18n.language) })})` : ""}`}</Notice>
      ) : null}
      {application.status === "rejected" && application.decision_reason ? (
        <Notice tone="danger">{`${t("technology.applications.decisionReason")}: ${application.decision_reason}`}</Notice>
      ) : null}

      {application.certificate_number ? (
        <Card title={t("technology.certificate.title")}>
          {application.revoked_at ? (
            <Notice tone="danger">
              {t("technology.certificate.revoked", {
                date: formatDate(application.revoked_at, i18n.language),
                reason: application.revoke_reason ?? "",
              })}
            </Notice>
          ) : (
            <>
              <Facts
                items={[
                  [t("technology.certificate.number"), application.certificate_number],
                  [t("technology.certificate.issuedAt"), formatDate(application.certificate_issued_at, i18n.language)],
                  [t("technology.certificate.signer"), application.signer_name],
                ]}
              />
              <p className="actions">
                <a
                  className="button button-primary"
                  href={`/technology/applications/${application.id}/certificate.pdf`}
                  download
                >
                  {t("technology.certificate.download")}
                </a>
                <Link to={`/verify/${application.verification_code}`}>{t("technology.certificate.verifyLink")}</Link>
              </p>
            </>
          )}
        </Card>
      ) : null}

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
              t("technology.fields.implementationStatus"),
              <ImplementationBadge key="impl" status={application.implementation_status} />,
            ],
          ]}
        />
        <h3>{t("technology.fields.equipment")}</h3>
        <p className="pre-line prose">{application.equipment}</p>
        <h3>{t("technology.fields.expectedGains")}</h3>
        <p className="pre-line prose">{application.expected_gains}</p>
      </Card>

      <Card title={t("technology.applications.documents")}>
        <div id="documents">
          {missing.length ? (
            <Notice tone="danger">{`${t("technology.applications.missingLead")} ${missing.join("; ")}`}</Notice>
          ) : (
            <Notice tone="success">{t("technology.applications.allPresent")}</Notice>
          )}
          <ul className="document-checklist">
            {checklist.map((item) => (
              <li key={item.id} className="document-item">
                <strong>{item.title}</strong>{" "}
                {item.files.length ? (
                  <Badge tone="success">{t("technology.applications.present")}</Badge>
                ) : item.required ? (
                  <Badge tone="danger">{t("technology.applications.missing")}</Badge>
                ) : (
                  <Badge>{t("common.optionalNotFiled")}</Badge>
                )}
                {item.files.length ? (
                  <ul>
                    {item.files.map((file) => (
                      <li key={file.id}>
                        <a href={`/files/${file.id}`}>{file.original_name}</a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {editable ? (
                  <UploadForm
                    target={item.id}
                    label={t("sme.applicant.dossier.uploadFor", { title: item.title })}
                    maxMb={maxMb}
                    result={result}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      </Card>

      {editable ? (
        <Card title={t("technology.my.edit")}>
          <AppForm method="post" errors={errorsFor("save")}>
            <input type="hidden" name="intent" value="save" />
            <ApplicationFields
              values={result?.intent === "save" && result.values ? result.values : applicationValues(application)}
              errors={errorsFor("save")}
            />
            <Button variant="secondary">{t("technology.my.saveDraft")}</Button>
          </AppForm>
        </Card>
      ) : null}

      {events.length ? (
        <Card title={t("technology.applications.actions")}>
          {errorsFor("transition")?._form ? <Notice tone="danger">{errorsFor("transition")?._form}</Notice> : null}
          <div className="actions">
            {filing.map((event) => (
              <Form method="post" key={event}>
                <input type="hidden" name="intent" value="transition" />
                <input type="hidden" name="event" value={event} />
                <Button>{t(`technology.events.${event}`)}</Button>
              </Form>
            ))}
            {events.includes("withdraw") ? (
              <Form method="post">
                <input type="hidden" name="intent" value="transition" />
                <input type="hidden" name="event" value="withdraw" />
                <ConfirmAction
                  label={t("technology.events.withdraw")}
                  confirmLabel={t("technology.events.withdraw")}
                  message={t("sme.applicant.dossier.withdrawConfirm")}
                >
                  <Field
                    name="reason"
                    as="textarea"
                    rows={3}
                    label={t("technology.fields.reason")}
                    required
                    error={errorsFor("transition")?.reason}
                  />
                </ConfirmAction>
              </Form>
            ) : null}
          </div>
        </Card>
      ) : null}

      {application.status === "approved" ? (
        <Card title={t("technology.followUp.title")}>
          <p>{t("technology.followUp.lead")}</p>
          {mayReport ? (
            <AppForm key={notes.length} method="post" errors={errorsFor("progress")}>
              <input type="hidden" name="intent" value="progress" />
              <div className="form-grid">
                <Field
                  name="status"
                  as="select"
                  label={t("technology.fields.implementationStatus")}
                  required
                  defaultValue={application.implementation_status ?? "implementing"}
                  options={IMPLEMENTATION_STATUSES.filter((s) => s !== "accepted").map((s) => ({
                    value: s,
                    label: t(`technology.implementation.${s}`),
                  }))}
                  error={errorsFor("progress")?.status}
                />
                <Field
                  name="reportedOn"
                  type="date"
                  label={t("technology.fields.reportedOn")}
                  required
                  defaultValue={today}
                  error={errorsFor("progress")?.reportedOn}
                />
              </div>
              <Field
                name="note"
                as="textarea"
                rows={3}
                label={t("technology.fields.progressNote")}
                required
                error={errorsFor("progress")?.note}
              />
              <Button>{t("technology.followUp.report")}</Button>
            </AppForm>
          ) : (
            <p>{t("technology.followUp.final")}</p>
          )}
          <ProgressList notes={notes} />
        </Card>
      ) : null}

      {history.length ? (
        <Card title={t("technology.applications.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

function UploadForm({
  target,
  label,
  maxMb,
  result,
}: {
  target: string;
  label: string;
  maxMb: string;
  result: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const errors = result?.intent === "upload" && result.target === target ? result.errors : undefined;
  return (
    <AppForm method="post" encType="multipart/form-data" errors={errors} className="upload-form">
      <input type="hidden" name="requirementId" value={target} />
      <Field
        name="document"
        type="file"
        label={label}
        hint={t("sme.applicant.dossier.uploadHint", { maxMb })}
        accept=".pdf,.docx,.pptx,.jpg,.jpeg,.png"
        error={errors?.document}
      />
      <Button variant="secondary">{t("technology.applications.upload")}</Button>
    </AppForm>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
