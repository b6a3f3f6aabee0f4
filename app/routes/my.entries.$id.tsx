import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import {
  addEntryDocument,
  removeEntryDocument,
  saveEntry,
  submissionProblems,
  submitEntryWithRetry,
  withdrawEntry,
} from "../modules/competition/entries.server";
import { parseMembers } from "../modules/competition/members.server";
import {
  editionSetup,
  entryDocuments,
  entryMembers,
  getEdition,
  getEntryForApplicant,
} from "../modules/competition/queries.server";
import {
  allowedEntryEvents,
  applicantEditability,
  clarificationFieldsOf,
  editionPhase,
  ENTRY_FIELDS,
  entryVerdicts,
  type Problem,
  readOnlyReason,
} from "../modules/competition/rules";
import type { TFunction } from "../i18n";
import { EntryDraftSchema } from "../modules/competition/schemas";
import { feedbackForApplicant } from "../modules/judging/deliberation.server";
import { publishedAwardOfEntry } from "../modules/judging/results.server";
import { requireIntent, requireRole, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { checkUpload, MAX_DOCUMENT_BYTES, uploadRefusal } from "../lib/files.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import {
  type FieldErrors,
  isMultipartForm,
  parseForm,
  problemsToErrors,
  readForm,
  readMultipartForm,
  refusal,
} from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { nowIso } from "../lib/time.server";
import { EntryStatusBadge } from "../ui/entry-status";
import { EligibilityTable } from "../ui/eligibility";
import { EntryForm } from "../ui/entry-form";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Card, ConfirmAction, Notice, PageHeader } from "../ui/layout";
import { param } from "../lib/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.project_name ?? "Hồ sơ"} – Cổng ĐMST Quảng Ngãi` },
];

// The judging's lines appear as the applicant may know them: eliminations are written at publication.
const STATUS_ACTIONS = [
  "entry.created",
  "entry.submitted",
  "entry.mark_valid",
  "entry.mark_invalid",
  "entry.request_clarification",
  "entry.withdrawn",
  "entry.advanced",
  "entry.eliminated",
  "entry.awarded",
  "entry.not_awarded",
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  const entry = await getEntryForApplicant(db, user, param(params, "id"));
  const [edition, setup, members, documents, history, problems] = await Promise.all([
    getEdition(db, entry.edition_id),
    editionSetup(db, entry.edition_id),
    entryMembers(db, entry.id),
    entryDocuments(db, entry.id),
    historyOf(db, "entry", entry.id, { actions: STATUS_ACTIONS }),
    submissionProblems(db, entry, true),
  ]);
  const phase = editionPhase(edition, setup.rounds, nowIso());
  const editability = applicantEditability(entry, phase, nowIso());
  const t = await getTranslator(request);
  return {
    entry,
    edition: { id: edition.id, name: edition.name, submission_deadline: edition.submission_deadline },
    categories: setup.categories,
    requirements: setup.requirements,
    members,
    documents: documents.map(({ sha256: _sha, ...document }) => document),
    history,
    readOnlyReason: editability.editable ? null : readOnlyReason(entry.status, phase),
    editableFields: editability.editable
      ? editability.fields === "all"
        ? [...ENTRY_FIELDS]
        : [...editability.fields]
      : [],
    checklist: checklistOf(problems, t),
    verdicts: entryVerdicts({ edition, entry, members, requirements: setup.requirements, uploads: documents }),
    canWithdraw: allowedEntryEvents(entry.status, user.role).includes("withdraw"),
    maxMb: String(MAX_DOCUMENT_BYTES / 1024 / 1024),
    awardId: (await publishedAwardOfEntry(db, entry.id))?.id ?? null,
    // Empty until the edition releases feedback and publishes its results; judges are numbers, never names.
    feedback: await feedbackForApplicant(db, entry.id),
  };
}

/** What stands between the entry and its submission, in the user's words (consent is ticked on the form itself). */
function checklistOf(problems: readonly Problem[], t: TFunction) {
  return problems
    .filter((problem) => problem.field !== "consent")
    .map((problem) => ({ field: problem.field, message: problemsToErrors([problem], t)[problem.field] }));
}

/** The label of each checklist field, so that "missing" says what is missing. */
const FIELD_LABEL_KEYS = {
  projectName: "entries.projectName",
  categoryId: "entries.categoryId",
  summary: "entries.summary",
  problem: "entries.problem",
  solution: "entries.solution",
  market: "entries.market",
  businessModel: "entries.businessModel",
  teamDescription: "entries.teamDescription",
  stage: "entries.stage",
  members: "entries.members",
  enterpriseRegisteredOn: "entries.enterpriseRegisteredOn",
  residenceProvince: "entries.residenceProvince",
} as const;

type ActionResult = {
  intent: string;
  errors: FieldErrors;
  values?: Record<string, string>;
  checklist?: ReturnType<typeof checklistOf>;
};

/** The entrant's own entry (ownership is checked by each command); the multipart form is "upload". */
export const intents = {
  save: ["applicant"],
  submit: ["applicant"],
  withdraw: ["applicant"],
  "remove-document": ["applicant"],
  upload: ["applicant"],
} satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const t = await getTranslator(request);
  const db = getDb();
  const entryId = param(params, "id");
  const ip = context.clientIp;

  if (isMultipartForm(request)) {
    requireIntent(user, "upload", intents);
    const form = await readMultipartForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES });
    const upload = await checkUpload(form.get("document"));
    if (!upload.ok) {
      const refusal = uploadRefusal(upload.problem, t);
      return data<ActionResult>(
        { intent: "upload", errors: { document: refusal.message } },
        { status: refusal.status },
      );
    }
    const purpose = String(form.get("purpose") ?? "other").slice(0, 100);
    const outcome = await addEntryDocument(db, user, entryId, purpose, upload, ip);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent: "upload" });
    return redirectWithFlash(`/my/entries/${entryId}#documents`, t("entries.uploaded"));
  }

  const form = await readForm(request, 256 * 1024);
  const intent = requireIntent(user, String(form.get("intent") ?? "save"), intents);
  if (intent === "withdraw") {
    const outcome = await withdrawEntry(db, user, entryId, ip);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(`/my/entries/${entryId}`, t("entries.withdrawn"));
  }
  if (intent === "remove-document") {
    const outcome = await removeEntryDocument(db, user, entryId, String(form.get("attachmentId") ?? ""), ip);
    if (!outcome.ok) return refusal(outcome.problems, t, { intent });
    return redirectWithFlash(`/my/entries/${entryId}#documents`, t("competition.saved"));
  }

  // "save" and "submit" both keep what was written first; submit then runs every check.
  const parsed = parseForm(form, EntryDraftSchema, t);
  const members = parseMembers(form, t);
  if (!parsed.ok || !members.ok) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...(members.ok ? {} : members.errors) };
    return data<ActionResult>({ intent, errors, values: parsed.ok ? undefined : parsed.values }, { status: 400 });
  }
  const saved = await saveEntry(db, user, entryId, parsed.value, members.members, ip);
  if (!saved.ok) return refusal(saved.problems, t, { intent });
  if (intent !== "submit") return redirectWithFlash(`/my/entries/${entryId}`, t("entries.draftSaved"));

  const submitted = await submitEntryWithRetry(db, user, entryId, form.get("consent") === "on", { t, ip });
  // The draft was saved before the checks: the checklist is the one of what was just saved, not the page's older one.
  if (!submitted.ok) return refusal(submitted.problems, t, { intent, checklist: checklistOf(submitted.problems, t) });
  return redirectWithFlash(`/my/entries/${entryId}`, t("entries.submitted", { receipt: submitted.receiptNumber }));
}

/** A refused save or submit still wrote the draft: read the entry again (a 4xx action does not revalidate by default). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === "POST" || defaultShouldRevalidate;

export default function EntryPage() {
  const { t, i18n } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const { entry, edition, requirements, documents, history, editableFields, canWithdraw, maxMb, awardId } = loaderData;
  const actionData = useActionData<typeof action>();
  const checklist: Array<{ field: string; message: string }> = actionData?.checklist ?? loaderData.checklist;
  const errors = actionData?.errors;
  const editable = editableFields.length > 0;
  const clarificationFields = clarificationFieldsOf(entry.clarification_fields);
  return (
    <>
      <PageHeader title={entry.project_name} lead={edition.name} />
      <Card title={t("entries.statusTitle")}>
        <p>
          <EntryStatusBadge status={entry.status} />{" "}
          {entry.receipt_number ? <strong>{`${t("entries.receipt")}: ${entry.receipt_number}`}</strong> : null}
        </p>
        <p>
          {t("competition.submissionDeadline")}: {formatDateTime(edition.submission_deadline, i18n.language)}
        </p>
        {entry.decision_reason ? (
          <Notice
            tone={entry.status === "invalid" ? "danger" : "info"}
          >{`${t("entries.decisionReason")}: ${entry.decision_reason}`}</Notice>
        ) : null}
        {entry.status === "clarification_requested" ? (
          <Notice tone="danger">
            {`${t("entries.clarificationRequest")}: ${entry.clarification_note ?? ""} — ${t("entries.clarificationUntil")}: ${formatDateTime(entry.clarification_until, i18n.language)}. ${t("entries.clarificationFieldsLabel")}: ${clarificationFields.map((f) => t(`entries.${f}`)).join(", ")}`}
          </Notice>
        ) : null}
        {loaderData.readOnlyReason ? <p>{t(`entries.readOnly.${loaderData.readOnlyReason}`)}</p> : null}
        {awardId ? (
          <p>
            <a className="button button-primary" href={`/certificates/${awardId}.pdf`}>
              {t("prizes.downloadCertificate")}
            </a>
          </p>
        ) : null}
        {errors?._form ? <Notice tone="danger">{errors._form}</Notice> : null}
      </Card>

      {editable ? (
        <Card title={t("entries.checklist")}>
          {checklist.length === 0 ? (
            <p>{t("entries.checklistOk")}</p>
          ) : (
            <ul className="checklist">
              {checklist.map((item) => (
                <li key={`${item.field}-${item.message}`}>
                  {item.field in FIELD_LABEL_KEYS ? (
                    <strong>{t(FIELD_LABEL_KEYS[item.field as keyof typeof FIELD_LABEL_KEYS])}: </strong>
                  ) : null}
                  {item.message}
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}

      <EligibilityTable verdicts={loaderData.verdicts} />

      <EntryForm data={loaderData} errors={errors} values={actionData?.values} editable={editable} />

      <Card title={t("entries.documents")}>
        <div id="documents">
          {errors?.documents ? <Notice tone="danger">{errors.documents}</Notice> : null}
          <ul>
            {requirements.map((requirement) => (
              <li key={requirement.id}>
                <strong>{requirement.label}</strong> (
                {requirement.required ? t("competition.documentRequired") : t("competition.documentOptional")}):{" "}
                {documents.filter((d) => d.purpose === requirement.id).length === 0 ? "—" : null}
                <DocumentList
                  documents={documents.filter((d) => d.purpose === requirement.id)}
                  removable={editableFields.includes("documents")}
                />
              </li>
            ))}
            {documents.some((d) => d.purpose === "other") ? (
              <li>
                <strong>{t("entries.otherDocument")}</strong>
                <DocumentList
                  documents={documents.filter((d) => d.purpose === "other")}
                  removable={editableFields.includes("documents")}
                />
              </li>
            ) : null}
          </ul>
          {editableFields.includes("documents") ? (
            <AppForm
              method="post"
              encType="multipart/form-data"
              errors={actionData?.intent === "upload" ? errors : undefined}
            >
              <div className="form-grid">
                <Field
                  name="purpose"
                  as="select"
                  label={t("entries.documentFor")}
                  options={[
                    ...requirements.map((r) => ({ value: r.id, label: r.label })),
                    { value: "other", label: t("entries.otherDocument") },
                  ]}
                />
                <Field
                  name="document"
                  type="file"
                  label={t("entries.upload")}
                  hint={t("entries.uploadHint", { maxMb })}
                  accept=".pdf,.docx,.pptx,.jpg,.jpeg,.png"
                  required
                  error={actionData?.intent === "upload" ? errors?.document : undefined}
                />
              </div>
              <Button variant="secondary">{t("entries.upload")}</Button>
            </AppForm>
          ) : null}
        </div>
      </Card>

      {canWithdraw ? (
        <Card>
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <ConfirmAction
              label={t("entries.withdraw")}
              confirmLabel={t("entries.withdraw")}
              message={t("entries.withdrawConfirm")}
            >
              {null}
            </ConfirmAction>
          </Form>
        </Card>
      ) : null}

      {loaderData.feedback.length ? <JudgesFeedback rounds={loaderData.feedback} /> : null}

      {history.length ? (
        <Card title={t("entries.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

/** The judges' comments released with the results: per round, "Giám khảo 1, 2…", no names, no scores. */
function JudgesFeedback({ rounds }: { rounds: Awaited<ReturnType<typeof feedbackForApplicant>> }) {
  const { t } = useTranslation();
  return (
    <Card title={t("deliberation.feedbackTitle")}>
      <p className="field-hint">{t("deliberation.feedbackLead")}</p>
      {rounds.map((round) => (
        <section key={round.roundId}>
          <h3>{round.roundName}</h3>
          {round.sheets.map((sheet) => (
            <article key={sheet.judgeNumber}>
              <h4>{t("deliberation.judgeNumber", { number: String(sheet.judgeNumber) })}</h4>
              <ul>
                {sheet.comments.map((comment) => (
                  <li key={comment.criterion} className="pre-line">
                    <strong>{comment.criterion}:</strong> {comment.comment}
                  </li>
                ))}
                {sheet.overallComment ? (
                  <li className="pre-line">
                    <strong>{t("deliberation.overallComment")}:</strong> {sheet.overallComment}
                  </li>
                ) : null}
              </ul>
            </article>
          ))}
        </section>
      ))}
    </Card>
  );
}

function DocumentList({
  documents,
  removable,
}: {
  documents: Array<{ id: string; original_name: string }>;
  removable: boolean;
}) {
  const { t } = useTranslation();
  if (documents.length === 0) return null;
  return (
    <ul>
      {documents.map((document) => (
        <li key={document.id}>
          <a href={`/files/${document.id}`}>{document.original_name}</a>{" "}
          {removable ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="remove-document" />
              <input type="hidden" name="attachmentId" value={document.id} />
              <button type="submit" className="link-button">
                {t("competition.remove")}
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
