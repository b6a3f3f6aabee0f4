import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { decideEntry } from "../modules/competition/entries.server";
import { checkEligibilityProof, entryChecks } from "../modules/competition/eligibility-checks.server";
import {
  editionSetup,
  entryDocuments,
  entryMembers,
  getEdition,
  getEntryForStaff,
} from "../modules/competition/queries.server";
import { allowedStaffEvents, currentChecks, ENTRY_FIELDS, entryVerdicts } from "../modules/competition/rules";
import { DecisionSchema, EligibilityCheckSchema } from "../modules/competition/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatDateTime, formatNumber } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { notFound, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { EligibilityTable } from "../ui/eligibility";
import { EntryForm } from "../ui/entry-form";
import { EntryStatusBadge } from "../ui/entry-status";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Card, Facts, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.receipt_number ?? ""} ${data?.entry.project_name ?? ""} – Cổng ĐMST Quảng Ngãi` },
];

/** Screening staff and admins decide and record proof checks; leaders read. */
const WRITERS = ["staff", "admin"] as const;
export const intents = { decide: WRITERS, "check-proof": WRITERS } satisfies IntentRoles;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const entry = await getEntryForStaff(db, param(params, "entryId"));
  if (entry.edition_id !== params.id) notFound();
  const [edition, setup, members, documents, history, checks] = await Promise.all([
    getEdition(db, entry.edition_id),
    editionSetup(db, entry.edition_id),
    entryMembers(db, entry.id),
    entryDocuments(db, entry.id),
    historyOf(db, "entry", entry.id),
    entryChecks(db, entry.id),
  ]);
  const verdicts = entryVerdicts({ edition, entry, members, requirements: setup.requirements, uploads: documents });
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "view",
    subject: { type: "entry_members", id: entry.id },
    route: routeOf(request),
    count: members.length,
    ip: context.clientIp,
  });
  return {
    entry,
    categories: setup.categories,
    requirements: setup.requirements,
    members,
    documents: documents.map(({ sha256: _sha, ...document }) => document),
    history,
    verdicts,
    checks: currentChecks(verdicts, checks),
    canCheck: (WRITERS as readonly string[]).includes(user.role),
    events: allowedStaffEvents(entry.status, user.role),
    editableFields: [] as string[],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const entry = await getEntryForStaff(db, param(params, "entryId"));
  if (entry.edition_id !== params.id) notFound();
  const form = await readForm(request);
  // The decision forms came without an intent before the proof checks: a form without one is still a decision.
  const intent = requireIntent(user, String(form.get("intent") ?? "decide"), intents);
  if (intent === "check-proof") {
    const rule = String(form.get("rule") ?? "");
    const checked = parseForm(form, EligibilityCheckSchema, t);
    if (!checked.ok) return data({ intent, rule, event: "", errors: checked.errors }, { status: 400 });
    const outcome = await checkEligibilityProof(db, user, entry.id, checked.value, { ip: context.clientIp });
    if (!outcome.ok) return refusal(outcome.problems, t, { intent, rule, event: "" });
    return redirectWithFlash(
      `/staff/competitions/${params.id}/entries/${entry.id}`,
      t("entryExtras.eligibility.check.done"),
    );
  }
  const result = parseForm(form, DecisionSchema, t);
  const event = String(form.get("event") ?? "");
  if (!result.ok) return data({ event, errors: result.errors }, { status: 400 });
  const outcome = await decideEntry(db, user, entry.id, result.value, { t, ip: context.clientIp });
  if (!outcome.ok) return refusal(outcome.problems, t, { event });
  return redirectWithFlash(`/staff/competitions/${params.id}/entries/${entry.id}`, t("screening.decided"));
}

export default function StaffEntryPage() {
  const { t, i18n } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const { entry, requirements, members, documents, history, events, verdicts, checks, canCheck } = loaderData;
  const actionData = useActionData<typeof action>();
  const checkIntent = actionData && "intent" in actionData && actionData.intent === "check-proof" ? actionData : null;
  const errorsFor = (event: string) => (!checkIntent && actionData?.event === event ? actionData.errors : undefined);
  return (
    <>
      <PageHeader
        title={entry.project_name}
        lead={`${entry.receipt_number ?? ""} · ${entry.organisation_name}`}
        actions={<Link to={`/staff/competitions/${entry.edition_id}/entries`}>{t("common.back")}</Link>}
      />
      <Card title={t("entries.statusTitle")}>
        <p>
          <EntryStatusBadge status={entry.status} />
        </p>
        <Facts
          items={[
            [t("entries.receipt"), entry.receipt_number],
            [t("screening.submittedAt"), formatDateTime(entry.submitted_at, i18n.language)],
            [t("screening.team"), entry.organisation_name],
            [t("organisations.taxCode"), entry.organisation_tax_code],
            [t("entries.decisionReason"), entry.decision_reason],
            [
              t("entries.clarificationUntil"),
              entry.status === "clarification_requested"
                ? formatDateTime(entry.clarification_until, i18n.language)
                : null,
            ],
          ]}
        />
        <p>
          <a href={`/staff/competitions/${entry.edition_id}/entries/${entry.id}/entry.pdf`}>
            {t("entryExtras.pdf.download")}
          </a>
        </p>
        {!checkIntent && actionData?.errors?._form ? <Notice tone="danger">{actionData.errors._form}</Notice> : null}
      </Card>

      <EligibilityTable
        verdicts={verdicts}
        checks={{
          current: checks,
          canCheck,
          errors: checkIntent ? { rule: checkIntent.rule, errors: checkIntent.errors } : undefined,
        }}
      />

      {events.length ? (
        <Card title={t("screening.decide")}>
          <div className="grid">
            {events.includes("mark_valid") ? (
              <AppForm method="post" errors={errorsFor("mark_valid")}>
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="event" value="mark_valid" />
                <Field name="reason" label={t("screening.reason")} error={errorsFor("mark_valid")?.reason} />
                <Button>{t("screening.markValid")}</Button>
              </AppForm>
            ) : null}
            {events.includes("mark_invalid") ? (
              <AppForm method="post" errors={errorsFor("mark_invalid")}>
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="event" value="mark_invalid" />
                <Field name="reason" label={t("screening.reason")} required error={errorsFor("mark_invalid")?.reason} />
                <Button variant="danger">{t("screening.markInvalid")}</Button>
              </AppForm>
            ) : null}
            {events.includes("request_clarification") ? (
              <AppForm method="post" errors={errorsFor("request_clarification")}>
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="event" value="request_clarification" />
                <Field
                  name="note"
                  as="textarea"
                  rows={3}
                  label={t("screening.note")}
                  required
                  error={errorsFor("request_clarification")?.note}
                />
                <Field
                  name="until"
                  type="datetime-local"
                  label={t("screening.until")}
                  required
                  error={errorsFor("request_clarification")?.until}
                />
                <fieldset
                  className="checkbox-group"
                  aria-describedby={errorsFor("request_clarification")?.fields ? "fields-error" : undefined}
                >
                  <legend>{t("screening.fields")}</legend>
                  {ENTRY_FIELDS.map((field) => (
                    <label key={field} className="radio">
                      <input type="checkbox" name="fields" value={field} /> {t(`entries.${field}`)}
                    </label>
                  ))}
                  {errorsFor("request_clarification")?.fields ? (
                    <p className="field-error" id="fields-error">
                      {errorsFor("request_clarification")?.fields}
                    </p>
                  ) : null}
                </fieldset>
                <Button variant="secondary">{t("screening.requestClarification")}</Button>
              </AppForm>
            ) : null}
          </div>
        </Card>
      ) : null}

      <EntryForm data={loaderData} editable={false} />

      <Card title={t("entries.members")}>
        <ul>
          {members.map((member) => (
            <li key={member.id}>
              <strong>{member.full_name}</strong>
              {member.role ? ` – ${member.role}` : ""}
              {member.is_representative ? ` (${t("entries.representative")})` : ""}
              {[
                member.email,
                member.phone,
                member.birth_date ? formatDate(member.birth_date, i18n.language) : null,
              ].filter(Boolean).length
                ? ` · ${[member.email, member.phone, member.birth_date ? formatDate(member.birth_date, i18n.language) : null].filter(Boolean).join(" · ")}`
                : ""}
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t("entries.documents")}>
        <ul>
          {documents.map((document) => (
            <li key={document.id}>
              <a href={`/files/${document.id}`} target="_blank" rel="noreferrer">
                {document.original_name}
              </a>{" "}
              <small>
                ({requirements.find((r) => r.id === document.purpose)?.label ?? t("entries.otherDocument")},{" "}
                {formatNumber(Math.ceil(document.size_bytes / 1024), i18n.language)} KB)
              </small>
            </li>
          ))}
        </ul>
        {documents.length ? (
          <p>
            <a href={`/staff/competitions/${entry.edition_id}/entries/${entry.id}/documents.zip`} download>
              {t("screening.downloadZip")}
            </a>
          </p>
        ) : null}
      </Card>

      {history.length ? (
        <Card title={t("entries.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
