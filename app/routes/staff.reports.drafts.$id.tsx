import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { DATASET_KEYS } from "../modules/reports/catalogue";
import { datasetOf, type ReportFigures } from "../modules/reports/datasets.server";
import {
  deleteDraft,
  getDraft,
  modulesOf,
  periodOfDraft,
  redraftDraft,
  sectionsOf,
  updateDraft,
} from "../modules/reports/drafts.server";
import { periodLabel } from "../modules/reports/drafting";
import { periodSearch } from "../modules/reports/period";
import { draftEditSchema } from "../modules/reports/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { echoedValues, parseForm, readForm } from "../lib/forms.server";
import { getLocale, getTranslator } from "../lib/locale.server";
import { conflictFailure, loadedVersion } from "../lib/versions.server";
import { param } from "../lib/http.server";
import { AppForm, Button, Field, VersionField } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Card, ConfirmAction, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Dự thảo báo cáo – Cổng ĐMST Quảng Ngãi" }];

/** Report drafts are long: the form allows more than the default 64 KB. */
const MAX_DRAFT_FORM_BYTES = 512 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const draft = await getDraft(db, param(params, "id"));
  const modules = modulesOf(draft);
  const figures = JSON.parse(draft.figures_json) as ReportFigures;
  // The figures the text was drafted from, each a link to the records it counts (the same period).
  const used = DATASET_KEYS.filter((key) => modules.includes(datasetOf(key).module) && figures[key]).map((key) => ({
    key,
    value: figures[key].value,
  }));
  const history = await historyOf(db, "report_draft", draft.id);
  return { draft, sections: sectionsOf(draft), period: periodOfDraft(draft), used, history };
}

type ActionResult = { intent: "save"; errors: Record<string, string>; values: Record<string, string> };

/** Staff, leaders and admins all write reports. */
/** The Department: staff, leaders and admins (a literal: this table is also read by the client bundle). */
const DEPARTMENT = ["staff", "leader", "admin"] as const;
export const intents = { save: DEPARTMENT, redraft: DEPARTMENT, delete: DEPARTMENT } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const draft = await getDraft(db, param(params, "id"));
  const here = `/staff/reports/drafts/${draft.id}`;
  const form = await readForm(request, MAX_DRAFT_FORM_BYTES);
  const intent = requireIntent(user, String(form.get("intent") || "save"), intents);
  if (intent === "redraft") {
    await redraftDraft(db, user, draft.id, context.clientIp);
    return redirectWithFlash(here, t("reports.redrafted"));
  }
  if (intent === "delete") {
    await deleteDraft(db, user, draft.id, context.clientIp);
    return redirectWithFlash("/staff/reports/drafts", t("reports.draftDeleted"));
  }
  const result = parseForm(form, draftEditSchema(sectionsOf(draft).length), t);
  if (!result.ok)
    return data<ActionResult>({ intent: "save", errors: result.errors, values: result.values }, { status: 400 });
  const loaded = loadedVersion(form);
  if (loaded === null)
    return data<ActionResult>(
      {
        intent: "save",
        errors: { _form: t("errors.versionMissing") },
        values: echoedValues(Object.fromEntries(form)),
      },
      { status: 400 },
    );
  const outcome = await updateDraft(db, user, draft.id, result.value, loaded, context.clientIp);
  if (!outcome.ok)
    return data<ActionResult>(
      { intent: "save", ...conflictFailure(outcome.conflict, t, await getLocale(request), form) },
      { status: 409 },
    );
  return redirectWithFlash(here, t("reports.draftSaved"));
}

/** Enough rows to show a section without scrolling inside it (about 90 characters a row on a desktop). */
function textRows(text: string): number {
  const rows = text.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 90)), 0);
  return Math.min(24, Math.max(4, rows + 1));
}

export default function ReportDraftPage() {
  const { t, i18n } = useTranslation();
  const { draft, sections, period, used, history } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.errors;
  const value = (name: string, stored: string) => failed?.values[name] ?? stored;
  const base = `/staff/reports/drafts/${draft.id}`;
  return (
    <>
      <PageHeader
        title={t("reports.draftTitle")}
        lead={t("reports.draftLead", {
          period: periodLabel(period),
          date: formatDateTime(draft.drafted_at, i18n.language),
        })}
        actions={
          <>
            <a className="button button-primary" href={`${base}/bao-cao.docx`} download>
              {t("reports.downloadDocx")}
            </a>
            <a className="button button-secondary" href={`${base}/phu-luc.xlsx`} download>
              {t("reports.downloadAnnex")}
            </a>
            <Link to="/staff/reports/drafts">{t("reports.draftsTitle")}</Link>
          </>
        }
      />
      <div className="draft-layout">
        <Card title={t("reports.editText")}>
          <AppForm method="post" errors={errors} className="draft-form">
            <input type="hidden" name="intent" value="save" />
            <VersionField version={draft.version} />
            <div className="form-grid">
              <Field
                name="referenceNumber"
                label={t("reports.referenceNumber")}
                hint={t("reports.referenceHint")}
                defaultValue={value("referenceNumber", draft.reference_number)}
                error={errors?.referenceNumber}
              />
              <Field
                name="issuedOn"
                type="date"
                label={t("reports.issuedOn")}
                required
                defaultValue={value("issuedOn", draft.issued_on)}
                error={errors?.issuedOn}
              />
            </div>
            <Field
              name="subtitle"
              label={t("reports.subtitle")}
              required
              defaultValue={value("subtitle", draft.subtitle)}
              error={errors?.subtitle}
            />
            <Field
              name="addressee"
              label={t("reports.addressee")}
              hint={t("reports.addresseeHint")}
              defaultValue={value("addressee", draft.addressee)}
              error={errors?.addressee}
            />
            <Field
              name="introduction"
              as="textarea"
              rows={3}
              label={t("reports.introduction")}
              defaultValue={value("introduction", draft.introduction)}
              error={errors?.introduction}
            />
            {sections.map((section, index) => (
              <fieldset key={index} className="plain-fieldset draft-section">
                <legend>{t("reports.sectionLegend", { n: index + 1 })}</legend>
                <Field
                  name={`heading_${index}`}
                  label={t("reports.sectionHeading")}
                  required
                  defaultValue={value(`heading_${index}`, section.heading)}
                  error={errors?.[`heading_${index}`]}
                />
                <Field
                  name={`text_${index}`}
                  as="textarea"
                  rows={textRows(section.text)}
                  label={t("reports.sectionText")}
                  hint={index === 0 ? t("reports.sectionHint") : undefined}
                  defaultValue={value(`text_${index}`, section.text)}
                  error={errors?.[`text_${index}`]}
                />
              </fieldset>
            ))}
            <Field
              name="recipients"
              as="textarea"
              rows={4}
              label={t("reports.recipients")}
              hint={t("reports.recipientsHint")}
              required
              defaultValue={value("recipients", draft.recipients)}
              error={errors?.recipients}
            />
            <div className="form-grid">
              <Field
                name="signerTitle"
                as="textarea"
                rows={2}
                label={t("reports.signerTitle")}
                hint={t("reports.signerTitleHint")}
                required
                defaultValue={value("signerTitle", draft.signer_title)}
                error={errors?.signerTitle}
              />
              <Field
                name="signerName"
                label={t("reports.signerName")}
                defaultValue={value("signerName", draft.signer_name)}
                error={errors?.signerName}
              />
            </div>
            <Button>{t("reports.saveDraft")}</Button>
          </AppForm>
        </Card>
        <div className="draft-side">
          <Card title={t("reports.figuresUsed")}>
            <p className="field-hint">{t("reports.figuresUsedHint")}</p>
            <ul className="figure-list">
              {used.map((figure) => (
                <li key={figure.key}>
                  <Link to={`/staff/reports/figures/${figure.key}?${periodSearch(period)}`}>
                    <span>{t(`reports.datasets.${figure.key}`)}</span>{" "}
                    <strong>{formatNumber(figure.value, i18n.language)}</strong>
                  </Link>
                </li>
              ))}
            </ul>
            <ConfirmAction
              label={t("reports.redraft")}
              confirmLabel={t("reports.redraftConfirm")}
              message={t("reports.redraftMessage")}
            >
              <Form method="post">
                <input type="hidden" name="intent" value="redraft" />
                <Button variant="secondary">{t("reports.redraftConfirm")}</Button>
              </Form>
            </ConfirmAction>
          </Card>
          <Card title={t("reports.history")}>
            <AuditTimeline items={history} />
            <ConfirmAction
              label={t("reports.deleteDraft")}
              confirmLabel={t("reports.deleteConfirm")}
              message={t("reports.deleteMessage")}
            >
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <Button variant="danger">{t("reports.deleteConfirm")}</Button>
              </Form>
            </ConfirmAction>
          </Card>
        </div>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
