import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { addDossierDocument, transitionDossierWithRetry, updateDossier } from "../modules/sme/commands.server";
import { dossierDocuments, getDossier, getProgramme } from "../modules/sme/queries.server";
import { DossierSchema, TransitionSchema } from "../modules/sme/schemas";
import { isEditableByOwner, isInternalEvent, offeredDossierEvents } from "../modules/sme/workflow";
import { requireIntent, requireRole, type CurrentUser, type IntentRoles } from "../lib/auth.server";
import { getDb, type DB } from "../lib/db.server";
import { MAX_DOCUMENT_BYTES, readChecklistUpload } from "../lib/files.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../lib/format";
import { type FieldErrors, isMultipartForm, parseForm, readForm, refusal } from "../lib/forms.server";
import { forbidden, param } from "../lib/http.server";
import { kindOf } from "../lib/outcome";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DecisionClockStart, DossierStatusBadge, DueMark } from "../ui/dossier";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Badge, Card, ConfirmAction, Facts, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.dossier.receipt_number ?? "Hồ sơ đề nghị hỗ trợ"} – Cổng ĐMST Quảng Ngãi` },
];

/**
 * The enterprise's own page of a dossier: other applicants get 404 from the query's `where`; staff have their desk
 * (/staff/sme/:id) and are refused here by role.
 */
async function ownDossier(db: DB, user: CurrentUser, id: string) {
  const { dossier, actor } = await getDossier(db, user, id);
  if (actor !== "owner") forbidden();
  return dossier;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  // The appraisal note is the department's working record, not the enterprise's.
  const {
    appraisal_note: _note,
    created_by: _by,
    receipt_seq: _seq,
    ...dossier
  } = await ownDossier(db, user, param(params, "id"));
  const [documents, history, programme] = await Promise.all([
    dossierDocuments(db, dossier.id, dossier.support_type_id),
    historyOf(db, "support_dossier", dossier.id),
    getProgramme(db, dossier.programme_id),
  ]);
  const file = (f: { id: string; original_name: string }) => ({ id: f.id, original_name: f.original_name });
  return {
    dossier,
    checklist: documents.checklist.map((item) => ({
      id: item.id,
      title: item.title,
      required: !!item.required,
      files: item.files.map(file),
    })),
    others: documents.others.map(file),
    missing: documents.missing.map((item) => item.title),
    // The department's internal steps keep their notes to themselves.
    history: history.map(({ after_json: _, ...item }) =>
      isInternalEvent(item.action.replace(/^sme\.dossier_/, "")) ? { ...item, reason: null } : item,
    ),
    events: offeredDossierEvents(dossier.status, "owner", programme),
    editable: isEditableByOwner(dossier.status),
    today: provinceDate(nowIso()),
    maxMb: String(MAX_DOCUMENT_BYTES / 1024 / 1024),
  };
}

type ActionResult = {
  intent: string;
  target?: string;
  event?: string;
  errors: FieldErrors;
  values?: Record<string, string>;
};

/** The enterprise's own file (ownership is checked first); the multipart form is "upload". */
export const intents = { save: ["applicant"], transition: ["applicant"], upload: ["applicant"] } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  const id = param(params, "id");
  // Someone else's dossier is refused before its body is read.
  await ownDossier(db, user, id);
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
    const outcome = await addDossierDocument(db, user, id, target || null, read.upload, ip);
    // The upload form has one message, next to its file field, whatever the problem's field.
    if (!outcome.ok)
      return refusal(
        outcome.problems.map((problem) => ({ ...problem, field: "document", kind: kindOf(problem) })),
        t,
        { intent: "upload", target },
      );
    return redirectWithFlash(`/sme/dossiers/${id}#documents`, t("sme.applicant.dossier.uploaded"));
  }

  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  if (intent === "transition") {
    const parsed = parseForm(form, TransitionSchema, t);
    if (!parsed.ok)
      return data<ActionResult>(
        { intent, event: String(form.get("event") ?? ""), errors: parsed.errors },
        { status: 400 },
      );
    const { event, reason } = parsed.value;
    // The enterprise's events take a reason at most; amounts and deadlines are the department's.
    const outcome = await transitionDossierWithRetry(db, user, id, event, { reason }, { t, ip });
    if (!outcome.ok) return refusal(outcome.problems, t, { intent, event });
    return redirectWithFlash(
      `/sme/dossiers/${id}`,
      t("sme.applicant.dossier.done", { event: t(`sme.events.${event}`), status: t(`sme.statuses.${outcome.status}`) }),
    );
  }
  if (intent === "save") {
    const parsed = parseForm(form, DossierSchema, t);
    if (!parsed.ok)
      return data<ActionResult>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const outcome = await updateDossier(db, user, id, parsed.value, ip);
    if (!outcome.ok) {
      const values = Object.fromEntries(
        [...form].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      return refusal(outcome.problems, t, { intent, values });
    }
    return redirectWithFlash(`/sme/dossiers/${id}`, t("sme.applicant.dossier.saved"));
  }
  return data<ActionResult>({ intent, errors: { _form: t("errors.invalid") } }, { status: 400 });
}

export default function SmeDossierPage() {
  const { t, i18n } = useTranslation();
  const { dossier, checklist, others, missing, history, events, editable, today, maxMb } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const money = (value: number | null) => (value === null ? null : formatMoney(value, i18n.language));
  const typed = (value: number) => formatNumber(value, "vi");
  const saveErrors = result?.intent === "save" ? result.errors : undefined;
  const saved = result?.intent === "save" ? result.values : undefined;
  const transitionErrors = result?.intent === "transition" ? result.errors : undefined;
  const filing = events.filter((event) => event !== "withdraw");
  return (
    <>
      <PageHeader
        title={
          dossier.receipt_number
            ? t("sme.applicant.dossier.title", { receipt: dossier.receipt_number })
            : t("sme.applicant.dossier.titleDraft")
        }
        lead={`${dossier.enterprise_name} – ${dossier.support_type_name}`}
        actions={<Link to="/sme">{t("sme.applicant.backToList")}</Link>}
      />

      {dossier.status === "supplement_requested" ? (
        <Notice tone="danger">
          {`${t("sme.applicant.dossier.supplementTitle", { request: dossier.supplement_request ?? "—" })} ${dossier.due_on ? t("sme.applicant.dossier.supplementDue", { date: formatDate(dossier.due_on, i18n.language) }) : ""} ${t("sme.applicant.dossier.supplementHint")}`}
        </Notice>
      ) : null}
      {dossier.programme_status === "paused" && events.some((event) => event === "submit" || event === "supplement") ? (
        <Notice>{`${t("sme.applicant.dossier.programmePaused")} ${t(dossier.paused_intake === "refuse" ? "sme.applicant.programme.pausedRefuse" : "sme.applicant.programme.pausedQueue")}`}</Notice>
      ) : null}
      {dossier.status === "rejected" && dossier.decision_reason ? (
        <Notice tone="danger">{t("sme.applicant.dossier.rejected", { reason: dossier.decision_reason })}</Notice>
      ) : null}
      {(dossier.status === "approved" || dossier.status === "paid") && dossier.decision_reason ? (
        <Notice tone="success">{t("sme.applicant.dossier.approvedNote", { reason: dossier.decision_reason })}</Notice>
      ) : null}

      <Card title={t("sme.applicant.dossier.facts")}>
        <Facts
          items={[
            [t("sme.applicant.dossier.receipt"), dossier.receipt_number ?? t("sme.applicant.dossier.notFiled")],
            [t("sme.applicant.dossier.status"), <DossierStatusBadge key="status" status={dossier.status} />],
            [
              t("sme.applicant.dossier.due"),
              <DueMark key="due" status={dossier.status} dueOn={dossier.due_on} today={today} />,
            ],
            [
              t("sme.due.clockFromLabel"),
              <DecisionClockStart
                key="clock"
                receivedCompleteOn={dossier.received_complete_on}
                source={t("sme.due.clockSource")}
              />,
            ],
            [t("sme.applicant.dossier.programme"), dossier.programme_name],
            [t("sme.applicant.dossier.enterprise"), dossier.enterprise_name],
            [t("sme.applicant.dossier.supportType"), `${dossier.support_type_name} (${dossier.article})`],
            [t("sme.applicant.dossier.supportYear"), String(dossier.support_year)],
            [
              t("sme.applicant.dossier.size"),
              dossier.enterprise_size ? t(`sme.sizes.${dossier.enterprise_size}`) : null,
            ],
            [t("sme.applicant.dossier.priority"), dossier.is_priority ? t("common.yes") : t("common.no")],
            [
              t("sme.applicant.dossier.submittedAt"),
              dossier.submitted_at ? formatDateTime(dossier.submitted_at, i18n.language) : null,
            ],
            [
              t("sme.applicant.dossier.provider"),
              dossier.provider_tax_code
                ? `${dossier.provider_name} (${dossier.provider_tax_code})`
                : dossier.provider_name,
            ],
            [t("sme.applicant.dossier.totalCost"), money(dossier.total_cost_vnd)],
            ...(dossier.months
              ? [[t("sme.applicant.dossier.months"), String(dossier.months)] as [string, string]]
              : []),
            [t("sme.applicant.dossier.requested"), money(dossier.requested_vnd)],
            [t("sme.applicant.dossier.proposed"), money(dossier.proposed_vnd)],
            [t("sme.applicant.dossier.approved"), money(dossier.approved_vnd)],
            [t("sme.applicant.dossier.paid"), money(dossier.paid_vnd)],
          ]}
        />
        <h3>{t("sme.applicant.dossier.content")}</h3>
        <p className="pre-line prose">{dossier.content}</p>
      </Card>

      <Card title={t("sme.applicant.dossier.documents")}>
        <div id="documents">
          <ul className="document-checklist">
            {checklist.map((item) => (
              <li key={item.id} className="document-item">
                <strong>{item.title}</strong>{" "}
                <Badge>
                  {item.required ? t("sme.applicant.dossier.required") : t("sme.applicant.dossier.optional")}
                </Badge>{" "}
                {item.files.length ? (
                  <Badge tone="success">{t("sme.applicant.dossier.present")}</Badge>
                ) : item.required ? (
                  <Badge tone="danger">{t("sme.applicant.dossier.missing")}</Badge>
                ) : (
                  <Badge>{t("sme.applicant.dossier.none")}</Badge>
                )}
                <FileList files={item.files} />
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
            <li className="document-item">
              <strong>{t("sme.applicant.dossier.others")}</strong>
              <FileList files={others} />
              {editable ? (
                <UploadForm target="" label={t("sme.applicant.dossier.uploadOther")} maxMb={maxMb} result={result} />
              ) : null}
            </li>
          </ul>
        </div>
      </Card>

      {editable ? (
        <Card title={t("sme.applicant.dossier.edit")}>
          <AppForm method="post" errors={saveErrors}>
            <input type="hidden" name="intent" value="save" />
            <Field
              name="content"
              as="textarea"
              rows={4}
              label={t("sme.applicant.newDossier.content")}
              required
              defaultValue={saved?.content ?? dossier.content}
              error={saveErrors?.content}
            />
            <div className="form-grid">
              <Field
                name="providerName"
                label={t("sme.applicant.newDossier.providerName")}
                required
                defaultValue={saved?.providerName ?? dossier.provider_name}
                error={saveErrors?.providerName}
              />
              <Field
                name="providerTaxCode"
                label={t("sme.applicant.newDossier.providerTaxCode")}
                defaultValue={saved ? saved.providerTaxCode : dossier.provider_tax_code}
                error={saveErrors?.providerTaxCode}
              />
              <Field
                name="totalCostVnd"
                label={t("sme.applicant.newDossier.totalCostVnd")}
                hint={t("sme.applicant.profile.moneyHint")}
                required
                defaultValue={saved?.totalCostVnd ?? typed(dossier.total_cost_vnd)}
                error={saveErrors?.totalCostVnd}
              />
              <Field
                name="requestedVnd"
                label={t("sme.applicant.newDossier.requestedVnd")}
                hint={t("sme.applicant.newDossier.requestedHint")}
                required
                defaultValue={saved?.requestedVnd ?? typed(dossier.requested_vnd)}
                error={saveErrors?.requestedVnd}
              />
              <Field
                name="months"
                type="number"
                label={t("sme.applicant.newDossier.months")}
                hint={t("sme.applicant.newDossier.monthsHint")}
                defaultValue={saved ? saved.months : dossier.months === null ? null : String(dossier.months)}
                error={saveErrors?.months}
              />
            </div>
            <Button variant="secondary">{t("sme.applicant.dossier.save")}</Button>
          </AppForm>
        </Card>
      ) : dossier.status !== "withdrawn" && dossier.status !== "closed" ? (
        <p>{t("sme.applicant.dossier.readOnly")}</p>
      ) : null}

      {events.length ? (
        <Card title={t("sme.applicant.dossier.actions")}>
          {transitionErrors?._form ? <Notice tone="danger">{transitionErrors._form}</Notice> : null}
          {transitionErrors?.reason ? (
            <Notice tone="danger">{`${t("sme.applicant.dossier.withdrawReason")}: ${transitionErrors.reason}`}</Notice>
          ) : null}
          {filing.length ? (
            <>
              {missing.length ? (
                <Notice tone="danger">
                  {t("sme.applicant.dossier.missingWarning", { items: missing.join("; ") })}
                </Notice>
              ) : (
                <Notice tone="success">{t("sme.applicant.dossier.complete")}</Notice>
              )}
              {filing.includes("submit") ? <p>{t("sme.applicant.dossier.submitHint")}</p> : null}
            </>
          ) : null}
          <div className="actions">
            {filing.map((event) => (
              <Form method="post" key={event}>
                <input type="hidden" name="intent" value="transition" />
                <input type="hidden" name="event" value={event} />
                <Button>{t(`sme.events.${event}`)}</Button>
              </Form>
            ))}
            {events.includes("withdraw") ? (
              <Form method="post">
                <input type="hidden" name="intent" value="transition" />
                <input type="hidden" name="event" value="withdraw" />
                <ConfirmAction
                  label={t("sme.events.withdraw")}
                  confirmLabel={t("sme.events.withdraw")}
                  message={t("sme.applicant.dossier.withdrawConfirm")}
                >
                  <Field
                    name="reason"
                    as="textarea"
                    rows={3}
                    label={t("sme.applicant.dossier.withdrawReason")}
                    required
                    error={transitionErrors?.reason}
                  />
                </ConfirmAction>
              </Form>
            ) : null}
          </div>
        </Card>
      ) : null}

      {history.length ? (
        <Card title={t("sme.applicant.dossier.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

function FileList({ files }: { files: Array<{ id: string; original_name: string }> }) {
  if (files.length === 0) return null;
  return (
    <ul>
      {files.map((file) => (
        <li key={file.id}>
          <a href={`/files/${file.id}`}>{file.original_name}</a>
        </li>
      ))}
    </ul>
  );
}

/** One upload per checklist item (target: its id; "" for an extra document), so that an error shows next to its item. */
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
      <Button variant="secondary">{t("sme.applicant.dossier.upload")}</Button>
    </AppForm>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
