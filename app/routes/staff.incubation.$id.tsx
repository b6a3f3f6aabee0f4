import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { ZodTypeAny } from "zod";
import {
  addMentor,
  addMilestone,
  addService,
  changeStatus,
  commentReport,
  completeMilestone,
} from "../modules/incubation/commands.server";
import { BOARD_ROLES, getRecord, organisationsOfKind, recordDetails } from "../modules/incubation/queries.server";
import {
  allowedEvents,
  expectsReports,
  keepsRecord,
  milestoneState,
  missingReports,
  SERVICE_KINDS,
} from "../modules/incubation/rules";
import {
  MentorSchema,
  MilestoneDoneSchema,
  MilestoneSchema,
  ReportCommentSchema,
  ServiceSchema,
  StatusChangeSchema,
} from "../modules/incubation/schemas";
import { requireIntent, requireRole, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatDateTime, formatMoney } from "../lib/format";
import { echoedValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { forbidden, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { AppForm, Button, Field } from "../ui/form";
import { IncubationKpis } from "../ui/incubation-kpis";
import { Badge, Card, Facts, Notice, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.record.startup_name ?? "Hồ sơ ươm tạo"} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOARD_ROLES);
  const db = getDb();
  const { record, actor } = await getRecord(db, user, param(params, "id"));
  const [details, experts] = await Promise.all([recordDetails(db, record.id), organisationsOfKind(db, ["expert"])]);
  const now = nowIso();
  const missing = expectsReports(record.status)
    ? missingReports(
        record.started_on,
        record.report_period_months,
        details.reports.map((r) => r.period_start),
        now,
        record.planned_end_on,
      )
    : [];
  return {
    record,
    ...details,
    milestones: details.milestones.map((m) => ({ ...m, state: milestoneState(m, now, record.status) })),
    experts,
    missing,
    today: provinceDate(now),
    canKeep: keepsRecord(actor),
    events: allowedEvents(record.status, actor),
    // The registry's page of the startup is for the department (an incubator's manager is not a member of it).
    linksOrganisation: user.role !== "incubator_manager",
  };
}

/** Staff and admins keep every record, an incubator's manager their own incubator's (checked by the command); leaders read. */
const KEEPERS = ["staff", "admin", "incubator_manager"] as const;
export const intents = {
  status: KEEPERS,
  mentor: KEEPERS,
  service: KEEPERS,
  milestone: KEEPERS,
  milestoneDone: KEEPERS,
  comment: KEEPERS,
} satisfies IntentRoles;

type ActionResult = { intent: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, BOARD_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const { record, actor } = await getRecord(db, user, param(params, "id"));
  if (!keepsRecord(actor)) forbidden();
  const here = `/staff/incubation/${record.id}`;
  const ip = context.clientIp;
  const parse = <S extends ZodTypeAny>(schema: S) => parseForm(form, schema, t);
  const invalid = (errors: Record<string, string>, values: Record<string, string>) =>
    data<ActionResult>({ intent, errors, values }, { status: 400 });
  const values = echoedValues(Object.fromEntries(form));

  switch (intent) {
    case "status": {
      const result = parse(StatusChangeSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      const outcome = await changeStatus(db, user, record.id, result.value, ip);
      return outcome.ok
        ? redirectWithFlash(here, t("incubation.statusChanged"))
        : refusal(outcome.problems, t, { intent, values });
    }
    case "mentor": {
      const result = parse(MentorSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      const outcome = await addMentor(db, user, record.id, result.value.mentorId, ip);
      return outcome.ok
        ? redirectWithFlash(here, t("incubation.mentorAdded"))
        : refusal(outcome.problems, t, { intent, values });
    }
    case "service": {
      const result = parse(ServiceSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      await addService(db, user, record.id, result.value, ip);
      return redirectWithFlash(here, t("incubation.serviceAdded"));
    }
    case "milestone": {
      const result = parse(MilestoneSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      await addMilestone(db, user, record.id, result.value, ip);
      return redirectWithFlash(here, t("incubation.milestoneAdded"));
    }
    case "milestoneDone": {
      const result = parse(MilestoneDoneSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      const outcome = await completeMilestone(db, user, record.id, result.value, ip);
      return outcome.ok
        ? redirectWithFlash(here, t("incubation.milestoneDone"))
        : refusal(outcome.problems, t, { intent, values });
    }
    case "comment": {
      const result = parse(ReportCommentSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      await commentReport(db, user, record.id, result.value, ip);
      return redirectWithFlash(here, t("incubation.commented"));
    }
    default:
      return invalid({ _form: t("errors.invalid") }, values);
  }
}

const MILESTONE_TONES = {
  open: "neutral",
  overdue: "danger",
  done: "success",
  done_late: "warning",
  unfinished: "neutral",
} as const;

export default function IncubationRecordPage() {
  const { t, i18n } = useTranslation();
  const {
    record,
    mentors,
    services,
    milestones,
    reports,
    experts,
    missing,
    today,
    canKeep,
    events,
    linksOrganisation,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const status = failed("status");
  const mentor = failed("mentor");
  const service = failed("service");
  const milestone = failed("milestone");
  const done = failed("milestoneDone");
  const comment = failed("comment");
  return (
    <>
      <PageHeader
        title={record.startup_name}
        lead={`${t("incubation.record")} – ${record.incubator_name}`}
        actions={<Link to="/staff/incubation">{t("incubation.backToBoard")}</Link>}
      />
      {actionData?.errors._form ? <Notice tone="danger">{actionData.errors._form}</Notice> : null}
      <Card>
        <Facts
          items={[
            [t("incubation.status"), <Badge key="s">{t(`incubation.statuses.${record.status}`)}</Badge>],
            [t("incubation.statusReason"), record.status_reason ?? "—"],
            [
              t("incubation.startup"),
              linksOrganisation ? (
                <Link key="o" to={`/organisations/${record.organisation_id}`}>
                  {record.startup_name}
                </Link>
              ) : (
                record.startup_name
              ),
            ],
            [
              t("incubation.incubator"),
              <Link key="i" to={`/staff/incubators/${record.incubator_id}`}>
                {record.incubator_name}
              </Link>,
            ],
            [t("incubation.startedOn"), formatDate(record.started_on, i18n.language)],
            [t("incubation.plannedEndOn"), formatDate(record.planned_end_on, i18n.language)],
            [t("incubation.reportPeriodMonths"), String(record.report_period_months)],
            [t("incubation.enterpriseTaxCode"), record.enterprise_tax_code ?? "—"],
          ]}
        />
        {missing.length ? (
          <Notice tone="danger">
            {t("incubation.missingList", {
              periods: missing
                .map((p) => `${formatDate(p.start, i18n.language)} – ${formatDate(p.end, i18n.language)}`)
                .join("; "),
            })}
          </Notice>
        ) : null}
      </Card>

      {canKeep ? (
        <Card title={t("incubation.changeStatus")}>
          {events.length === 0 ? (
            <p>{t("incubation.noEvents")}</p>
          ) : (
            <AppForm key={record.status} method="post" errors={status?.errors}>
              <input type="hidden" name="intent" value="status" />
              <div className="form-grid">
                <Field
                  name="event"
                  as="select"
                  label={t("incubation.event")}
                  required
                  defaultValue={status?.values.event ?? ""}
                  error={status?.errors.event}
                  options={[
                    { value: "", label: t("incubation.chooseEvent") },
                    ...events.map((e) => ({ value: e, label: t(`incubation.events.${e}`) })),
                  ]}
                />
                <Field
                  name="taxCode"
                  label={t("incubation.enterpriseTaxCode")}
                  hint={t("incubation.taxCodeHint")}
                  defaultValue={status?.values.taxCode ?? record.startup_tax_code ?? undefined}
                  error={status?.errors.taxCode}
                />
                <Field
                  name="registeredName"
                  label={t("incubation.registeredName")}
                  hint={t("incubation.registeredNameHint")}
                  defaultValue={status?.values.registeredName ?? record.startup_name}
                  error={status?.errors.registeredName}
                />
              </div>
              <Field
                name="reason"
                as="textarea"
                rows={2}
                label={t("incubation.reason")}
                defaultValue={status?.values.reason}
                error={status?.errors.reason}
              />
              <Button>{t("incubation.changeStatus")}</Button>
            </AppForm>
          )}
        </Card>
      ) : null}

      <Card title={t("incubation.milestones")}>
        {milestones.length === 0 ? (
          <p>{t("incubation.noMilestones")}</p>
        ) : (
          <SimpleTable
            rows={milestones}
            rowKey={(m) => m.id}
            columns={[
              { key: "title", header: t("incubation.milestoneTitle"), cell: (m) => m.title },
              { key: "dueOn", header: t("incubation.dueOn"), cell: (m) => formatDate(m.due_on, i18n.language) },
              {
                key: "doneOn",
                header: t("incubation.doneOn"),
                cell: (m) =>
                  m.done_on ? (
                    formatDate(m.done_on, i18n.language)
                  ) : canKeep ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="milestoneDone" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <input
                        type="date"
                        name="doneOn"
                        defaultValue={today}
                        aria-label={`${t("incubation.doneOn")} – ${m.title}`}
                        required
                      />{" "}
                      <Button variant="secondary">{t("incubation.markDone")}</Button>
                    </Form>
                  ) : (
                    "—"
                  ),
              },
              {
                key: "status",
                header: t("incubation.status"),
                cell: (m) => (
                  <Badge tone={MILESTONE_TONES[m.state]}>{t(`incubation.milestoneStates.${m.state}`)}</Badge>
                ),
              },
            ]}
          />
        )}
        {done ? <Notice tone="danger">{String(Object.values(done.errors)[0] ?? "")}</Notice> : null}
        {canKeep ? (
          <AppForm key={milestones.length} method="post" errors={milestone?.errors}>
            <input type="hidden" name="intent" value="milestone" />
            <div className="form-grid">
              <Field
                name="title"
                label={t("incubation.milestoneTitle")}
                required
                defaultValue={milestone?.values.title}
                error={milestone?.errors.title}
              />
              <Field
                name="dueOn"
                type="date"
                label={t("incubation.dueOn")}
                required
                defaultValue={milestone?.values.dueOn}
                error={milestone?.errors.dueOn}
              />
            </div>
            <Button>{t("incubation.addMilestone")}</Button>
          </AppForm>
        ) : null}
      </Card>

      <Card title={t("incubation.reports")}>
        <IncubationKpis reports={reports} />
        {reports.map((r) => (
          <section key={r.id} id={`report-${r.id}`} className="report">
            <h3>
              {t("incubation.periodRange", {
                start: formatDate(r.period_start, i18n.language),
                end: formatDate(r.period_end, i18n.language),
              })}
            </h3>
            <p className="field-hint">
              {t("incubation.submittedBy")}: {r.submitted_by_name}, {formatDateTime(r.submitted_at, i18n.language)}
            </p>
            <p>{r.narrative}</p>
            {r.staff_comment ? (
              <p>
                <strong>{t("incubation.staffComment")}:</strong> {r.staff_comment}
              </p>
            ) : null}
            {canKeep ? (
              <AppForm method="post" errors={comment?.values.reportId === r.id ? comment.errors : undefined}>
                <input type="hidden" name="intent" value="comment" />
                <input type="hidden" name="reportId" value={r.id} />
                <Field
                  name="comment"
                  as="textarea"
                  rows={2}
                  label={t("incubation.comment")}
                  defaultValue={r.staff_comment ?? ""}
                  error={comment?.values.reportId === r.id ? comment.errors.comment : undefined}
                />
                <Button variant="secondary">{t("incubation.saveComment")}</Button>
              </AppForm>
            ) : null}
          </section>
        ))}
      </Card>

      <Card title={t("incubation.mentors")}>
        {mentors.length === 0 ? (
          <p>{t("incubation.noMentors")}</p>
        ) : (
          <ul>
            {mentors.map((m) => (
              <li key={m.id}>{m.name}</li>
            ))}
          </ul>
        )}
        {canKeep ? (
          <AppForm key={mentors.length} method="post" errors={mentor?.errors}>
            <input type="hidden" name="intent" value="mentor" />
            <Field
              name="mentorId"
              as="select"
              label={t("incubation.mentor")}
              required
              defaultValue={mentor?.values.mentorId ?? ""}
              error={mentor?.errors.mentorId}
              options={[
                { value: "", label: t("incubation.chooseMentor") },
                ...experts.map((e) => ({ value: e.id, label: e.name })),
              ]}
            />
            <Button variant="secondary">{t("incubation.addMentor")}</Button>
          </AppForm>
        ) : null}
      </Card>

      <Card title={t("incubation.services")}>
        {services.length === 0 ? (
          <p>{t("incubation.noServices")}</p>
        ) : (
          <SimpleTable
            rows={services}
            rowKey={(s) => s.id}
            columns={[
              {
                key: "kind",
                header: t("incubation.serviceKind"),
                cell: (s) => t(`incubation.serviceKinds.${s.kind}`),
              },
              {
                key: "providedOn",
                header: t("incubation.providedOn"),
                cell: (s) => formatDate(s.provided_on, i18n.language),
              },
              {
                key: "value",
                header: t("incubation.valueVnd"),
                align: "end",
                cell: (s) => formatMoney(s.value_vnd, i18n.language),
              },
              { key: "note", header: t("incubation.note"), cell: (s) => s.note ?? "—" },
            ]}
          />
        )}
        {canKeep ? (
          <AppForm key={services.length} method="post" errors={service?.errors}>
            <input type="hidden" name="intent" value="service" />
            <div className="form-grid">
              <Field
                name="kind"
                as="select"
                label={t("incubation.serviceKind")}
                required
                defaultValue={service?.values.kind ?? ""}
                error={service?.errors.kind}
                options={[
                  { value: "", label: t("incubation.chooseServiceKind") },
                  ...SERVICE_KINDS.map((k) => ({ value: k, label: t(`incubation.serviceKinds.${k}`) })),
                ]}
              />
              <Field
                name="providedOn"
                type="date"
                label={t("incubation.providedOn")}
                required
                defaultValue={service?.values.providedOn}
                error={service?.errors.providedOn}
              />
              <Field
                name="valueVnd"
                label={t("incubation.valueVnd")}
                required
                defaultValue={service?.values.valueVnd}
                error={service?.errors.valueVnd}
              />
            </div>
            <Field
              name="note"
              label={t("incubation.note")}
              defaultValue={service?.values.note}
              error={service?.errors.note}
            />
            <Button variant="secondary">{t("incubation.addService")}</Button>
          </AppForm>
        ) : null}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
