import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { REPORT_MODULES } from "../modules/reports/catalogue";
import { createDraft, draftListState, listDrafts } from "../modules/reports/drafts.server";
import { periodFromSearch, periodParams, yearOf } from "../modules/reports/period";
import { NewDraftSchema } from "../modules/reports/schemas";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseForm, readForm } from "../lib/forms.server";
import { formatDate, formatDateTime } from "../lib/format";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DataTable, type ColumnDef } from "../ui/data-table";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Báo cáo định kỳ – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const search = new URL(request.url).searchParams;
  const today = provinceDate(nowIso());
  // The form proposes the dashboard's period when it came from there, else the last five full years.
  const fromDashboard = search.has("from") || search.has("to");
  const period = fromDashboard
    ? periodFromSearch(search, today).period
    : { from: `${yearOf(today) - 5}-01-01`, to: `${yearOf(today) - 1}-12-31` };
  const page = await listDrafts(getDb(), draftListState(search));
  return { page, defaults: { ...periodParams(period), issuedOn: today } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const result = parseForm(form, NewDraftSchema, t);
  if (!result.ok)
    return data(
      { errors: result.errors, values: { ...result.values, modules: form.getAll("modules").map(String) } },
      { status: 400 },
    );
  const { id } = await createDraft(getDb(), user, result.value, context.clientIp);
  return redirectWithFlash(`/staff/reports/drafts/${id}`, t("reports.draftCreated"));
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function ReportDrafts() {
  const { t, i18n } = useTranslation();
  const { page, defaults } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values: Record<string, string | string[] | undefined> = failed?.values ?? {
    ...defaults,
    signerTitle: t("reports.defaultSignerTitle"),
    modules: [...REPORT_MODULES],
  };
  const chosen = new Set(Array.isArray(values.modules) ? values.modules : []);
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const columns: ColumnDef<Row>[] = [
    {
      id: "subtitle",
      header: t("reports.subtitle"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/staff/reports/drafts/${row.original.id}`}>{row.original.subtitle}</Link>,
    },
    {
      id: "period_from",
      header: t("reports.period"),
      enableSorting: true,
      cell: ({ row }) =>
        `${formatDate(row.original.period_from, i18n.language)} – ${formatDate(row.original.period_to, i18n.language)}`,
    },
    { id: "reference", header: t("reports.referenceNumber"), cell: ({ row }) => row.original.reference_number || "—" },
    {
      id: "updated_at",
      header: t("reports.updatedAt"),
      enableSorting: true,
      cell: ({ row }) => `${formatDateTime(row.original.updated_at, i18n.language)} · ${row.original.updated_by_name}`,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("reports.draftsTitle")}
        lead={t("reports.draftsLead")}
        actions={<Link to="/staff/reports">{t("reports.backToDashboard")}</Link>}
      />
      <section className="card" id="new-draft" aria-labelledby="new-draft-title">
        <h2 id="new-draft-title">{t("reports.newDraft")}</h2>
        <AppForm method="post" errors={failed?.errors}>
          <div className="form-grid">
            <Field
              name="from"
              label={t("reports.from")}
              hint={t("reports.periodHint")}
              required
              defaultValue={text("from")}
              error={failed?.errors.from}
            />
            <Field name="to" label={t("reports.to")} required defaultValue={text("to")} error={failed?.errors.to} />
          </div>
          <fieldset className="plain-fieldset checkbox-group">
            <legend>{t("reports.modulesLegend")}</legend>
            {REPORT_MODULES.map((module) => (
              <CheckboxField
                key={module}
                name="modules"
                value={module}
                label={t(`reports.modules.${module}`)}
                defaultChecked={chosen.has(module)}
              />
            ))}
            {failed?.errors.modules ? <p className="field-error">{failed.errors.modules}</p> : null}
          </fieldset>
          <div className="form-grid">
            <Field
              name="referenceNumber"
              label={t("reports.referenceNumber")}
              hint={t("reports.referenceHint")}
              defaultValue={text("referenceNumber")}
              error={failed?.errors.referenceNumber}
            />
            <Field
              name="issuedOn"
              type="date"
              label={t("reports.issuedOn")}
              required
              defaultValue={text("issuedOn")}
              error={failed?.errors.issuedOn}
            />
            <Field
              name="signerTitle"
              as="textarea"
              rows={2}
              label={t("reports.signerTitle")}
              required
              defaultValue={text("signerTitle")}
              error={failed?.errors.signerTitle}
            />
            <Field
              name="signerName"
              label={t("reports.signerName")}
              defaultValue={text("signerName")}
              error={failed?.errors.signerName}
            />
          </div>
          <Button>{t("reports.draftButton")}</Button>
        </AppForm>
      </section>
      <Card title={t("reports.savedDrafts")}>
        <DataTable
          caption={t("reports.savedDrafts")}
          page={page}
          columns={columns}
          searchLabel={t("reports.searchDrafts")}
          exportPath="/staff/reports/drafts/export"
        />
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
