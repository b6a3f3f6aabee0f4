import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { submitReport } from "../modules/incubation/commands.server";
import { getRecord, recordDetails } from "../modules/incubation/queries.server";
import {
  duePeriods,
  expectsReports,
  milestoneState,
  missingReports,
  nextReportPeriod,
} from "../modules/incubation/rules";
import { ProgressReportSchema } from "../modules/incubation/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { nowIso } from "../lib/time.server";
import { param } from "../lib/http.server";
import { AppForm, Button, Field } from "../ui/form";
import { IncubationKpis } from "../ui/incubation-kpis";
import { Badge, Card, Facts, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.record.startup_name ?? "Ươm tạo"} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  const { record } = await getRecord(db, user, param(params, "id"));
  const details = await recordDetails(db, record.id);
  const now = nowIso();
  const reported = details.reports.map((r) => r.period_start);
  const open = expectsReports(record.status);
  // The periods a report may be filed for: the ended ones without a report, then the one running now.
  const choices = open
    ? [
        ...missingReports(record.started_on, record.report_period_months, reported, now),
        nextReportPeriod(
          record.started_on,
          record.report_period_months,
          duePeriods(record.started_on, record.report_period_months, now).map((p) => p.start),
          now,
        ),
      ]
    : [];
  const periods = choices.filter(
    (p, i) => !reported.includes(p.start) && choices.findIndex((q) => q.start === p.start) === i,
  );
  return {
    record: {
      id: record.id,
      startup_name: record.startup_name,
      incubator_name: record.incubator_name,
      status: record.status,
      started_on: record.started_on,
      planned_end_on: record.planned_end_on,
    },
    reports: details.reports.map(({ submitted_by_name: _, ...r }) => r),
    milestones: details.milestones.map((m) => ({ ...m, state: milestoneState(m, now, record.status) })),
    periods,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), ProgressReportSchema, t);
  if (!result.ok) return data({ errors: result.errors, values: result.values }, { status: 400 });
  const outcome = await submitReport(getDb(), user, param(params, "id"), result.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values: {} as Record<string, string> });
  return redirectWithFlash(`/my/incubation/${params.id}`, t("incubation.reported"));
}

export default function MyIncubationRecord() {
  const { t, i18n } = useTranslation();
  const { record, reports, milestones, periods } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values ?? {};
  const range = (p: { start: string; end: string }) =>
    t("incubation.periodRange", { start: formatDate(p.start, i18n.language), end: formatDate(p.end, i18n.language) });
  return (
    <>
      <PageHeader
        title={record.startup_name}
        lead={`${t("incubation.record")} – ${record.incubator_name}`}
        actions={<Link to="/my/incubation">{t("incubation.myTitle")}</Link>}
      />
      <Card>
        <Facts
          items={[
            [t("incubation.status"), <Badge key="s">{t(`incubation.statuses.${record.status}`)}</Badge>],
            [t("incubation.startedOn"), formatDate(record.started_on, i18n.language)],
            [t("incubation.plannedEndOn"), formatDate(record.planned_end_on, i18n.language)],
          ]}
        />
      </Card>
      {periods.length ? (
        <Card title={t("incubation.fileReport")}>
          {failed?.errors._form ? <Notice tone="danger">{failed.errors._form}</Notice> : null}
          <AppForm method="post" errors={failed?.errors}>
            <Field
              name="periodStart"
              as="select"
              label={t("incubation.period")}
              required
              defaultValue={values.periodStart ?? periods[0].start}
              error={failed?.errors.periodStart}
              options={periods.map((p) => ({ value: p.start, label: range(p) }))}
            />
            <div className="form-grid">
              <Field
                name="revenueVnd"
                label={t("incubation.revenueVnd")}
                required
                defaultValue={values.revenueVnd}
                error={failed?.errors.revenueVnd}
              />
              <Field
                name="employees"
                type="number"
                label={t("incubation.employees")}
                required
                defaultValue={values.employees}
                error={failed?.errors.employees}
              />
              <Field
                name="customers"
                type="number"
                label={t("incubation.customers")}
                required
                defaultValue={values.customers}
                error={failed?.errors.customers}
              />
              <Field
                name="capitalRaisedVnd"
                label={t("incubation.capitalRaisedVnd")}
                required
                defaultValue={values.capitalRaisedVnd}
                error={failed?.errors.capitalRaisedVnd}
              />
              <Field
                name="ipApplications"
                type="number"
                label={t("incubation.ipApplications")}
                required
                defaultValue={values.ipApplications}
                error={failed?.errors.ipApplications}
              />
              <Field
                name="productsLaunched"
                type="number"
                label={t("incubation.productsLaunched")}
                required
                defaultValue={values.productsLaunched}
                error={failed?.errors.productsLaunched}
              />
            </div>
            <Field
              name="narrative"
              as="textarea"
              rows={5}
              label={t("incubation.narrative")}
              required
              defaultValue={values.narrative}
              error={failed?.errors.narrative}
            />
            <Button>{t("incubation.submit")}</Button>
          </AppForm>
        </Card>
      ) : null}
      <Card title={t("incubation.reports")}>
        <IncubationKpis reports={reports} />
        {reports.map((r) => (
          <section key={r.id} id={`report-${r.id}`} className="report">
            <h3>{range({ start: r.period_start, end: r.period_end })}</h3>
            <p>{r.narrative}</p>
            {r.staff_comment ? (
              <p>
                <strong>{t("incubation.staffComment")}:</strong> {r.staff_comment}
              </p>
            ) : null}
          </section>
        ))}
      </Card>
      <Card title={t("incubation.milestones")}>
        {milestones.length === 0 ? (
          <p>{t("incubation.noMilestones")}</p>
        ) : (
          <ul>
            {milestones.map((m) => (
              <li key={m.id}>
                {m.title} – {formatDate(m.due_on, i18n.language)}{" "}
                <Badge
                  tone={
                    m.state === "overdue"
                      ? "danger"
                      : m.state === "open" || m.state === "unfinished"
                        ? "neutral"
                        : "success"
                  }
                >
                  {t(`incubation.milestoneStates.${m.state}`)}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
