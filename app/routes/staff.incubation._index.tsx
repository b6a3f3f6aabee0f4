import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { REMINDER_KEY_PREFIX, REMINDER_RESEND_HOURS, sendReportReminders } from "../modules/incubation/commands.server";
import {
  BOARD_ROLES,
  incubationListState,
  incubationTotals,
  incubationTotalsByYear,
  incubatorsFor,
  listRecords,
} from "../modules/incubation/queries.server";
import { INCUBATION_STATUSES } from "../modules/incubation/rules";
import { requireIntent, requireRole, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../lib/format";
import { lastMailWithKeyPrefix } from "../lib/mail.server";
import { nextReminderAllowedAt } from "../lib/outbox";
import { readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { Button } from "../ui/form";
import { Badge, Card, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Theo dõi ươm tạo – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOARD_ROLES);
  const db = getDb();
  const state = incubationListState(new URL(request.url).searchParams);
  const canRemind = user.role === "staff" || user.role === "admin";
  const [page, totals, byYear, incubators, lastRemindedAt] = await Promise.all([
    listRecords(db, user, state),
    incubationTotals(db, user, state),
    incubationTotalsByYear(db, user, state),
    incubatorsFor(db, user),
    canRemind ? lastMailWithKeyPrefix(db, REMINDER_KEY_PREFIX) : null,
  ]);
  const thisYear = new Date().getUTCFullYear();
  return {
    page,
    totals,
    byYear,
    incubators,
    years: Array.from({ length: thisYear - 2019 }, (_, i) => String(thisYear - i)),
    canOpen: user.role === "staff" || user.role === "admin" || user.role === "incubator_manager",
    canRemind,
    lastReminder: lastRemindedAt
      ? { at: lastRemindedAt, next: nextReminderAllowedAt(lastRemindedAt, REMINDER_RESEND_HOURS) }
      : null,
  };
}

/** Staff and admins send the reminders of missing reports (the hourly job sends them too). */
export const intents = { remind: ["staff", "admin"] } satisfies IntentRoles;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["staff", "admin"]);
  const t = await getTranslator(request);
  const form = await readForm(request);
  requireIntent(user, String(form.get("intent") ?? ""), intents);
  const db = getDb();
  const count = await sendReportReminders(db, user, { t, ip: context.clientIp });
  return redirectWithFlash(
    "/staff/incubation",
    count ? t("incubation.remindersSent", { count: String(count) }) : t("incubation.remindersAlreadySent"),
  );
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

const STATUS_TONES = {
  incubating: "info",
  paused: "warning",
  graduated: "success",
  business_founded: "success",
  stopped: "neutral",
} as const;

export default function IncubationBoard() {
  const { t, i18n } = useTranslation();
  const { page, totals, byYear, incubators, years, canOpen, canRemind, lastReminder } = useLoaderData<typeof loader>();
  const number = (value: number) => formatNumber(value, i18n.language);
  const columns: ColumnDef<Row>[] = [
    {
      id: "startup",
      header: t("incubation.startup"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/staff/incubation/${row.original.id}`}>{row.original.startup_name}</Link>,
    },
    {
      id: "incubator",
      header: t("incubation.incubator"),
      enableSorting: true,
      cell: ({ row }) => row.original.incubator_name,
    },
    {
      id: "status",
      header: t("incubation.status"),
      enableSorting: true,
      cell: ({ row }) => (
        <Badge tone={STATUS_TONES[row.original.status]}>{t(`incubation.statuses.${row.original.status}`)}</Badge>
      ),
    },
    {
      id: "started_on",
      header: t("incubation.startedOn"),
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.started_on, i18n.language),
    },
    {
      id: "overdue",
      header: t("incubation.overdueMilestones"),
      cell: ({ row }) =>
        row.original.overdue_milestones > 0 ? (
          <Badge tone="danger">{t("incubation.overdueMark", { count: String(row.original.overdue_milestones) })}</Badge>
        ) : (
          "—"
        ),
    },
    {
      id: "missing",
      header: t("incubation.missingReports"),
      cell: ({ row }) =>
        row.original.missing_reports > 0 ? (
          <Badge tone="warning">{t("incubation.overdueMark", { count: String(row.original.missing_reports) })}</Badge>
        ) : (
          "—"
        ),
    },
    {
      id: "employees",
      header: t("incubation.employees"),
      cell: ({ row }) =>
        row.original.latest_employees === null ? "—" : formatNumber(row.original.latest_employees, i18n.language),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("incubation.boardTitle")}
        lead={t("incubation.boardLead")}
        actions={
          <>
            {canOpen ? (
              <Link className="button button-primary" to="/staff/incubation/new">
                {t("incubation.newRecord")}
              </Link>
            ) : null}
            {canRemind ? (
              <Form method="post">
                <input type="hidden" name="intent" value="remind" />
                <Button variant="secondary">{t("incubation.sendReminders")}</Button>
              </Form>
            ) : null}
            <Link to="/staff/incubators">{t("incubation.incubatorsTitle")}</Link>
          </>
        }
      />
      {lastReminder ? (
        <p className="lead" role="status">
          {t("incubation.lastReminded", {
            at: formatDateTime(lastReminder.at, i18n.language),
            next: formatDateTime(lastReminder.next, i18n.language),
          })}
        </p>
      ) : null}
      <div className="grid">
        <Card title={t("incubation.totals.incubated")}>
          <p className="figure">{formatNumber(totals.incubated, i18n.language)}</p>
        </Card>
        <Card title={t("incubation.totals.graduated")}>
          <p className="figure">{formatNumber(totals.graduated, i18n.language)}</p>
        </Card>
        <Card title={t("incubation.totals.businesses")}>
          <p className="figure">{formatNumber(totals.businesses, i18n.language)}</p>
        </Card>
        <Card title={t("incubation.totals.jobs")}>
          <p className="figure">{formatNumber(totals.jobs, i18n.language)}</p>
        </Card>
        <Card title={t("incubation.totals.revenue")}>
          <p className="figure">{formatMoney(totals.revenue_vnd, i18n.language)}</p>
        </Card>
      </div>
      {byYear.length > 1 ? (
        <Card title={t("incubation.byYear")}>
          <SimpleTable
            rows={byYear}
            rowKey={(row) => row.year}
            columns={[
              {
                key: "year",
                header: t("incubation.year"),
                rowHeader: true,
                cell: (row) => <Link to={`/staff/incubation?year=${row.year}`}>{row.year}</Link>,
              },
              { key: "incubated", header: t("incubation.totals.incubated"), cell: (row) => number(row.incubated) },
              { key: "graduated", header: t("incubation.totals.graduated"), cell: (row) => number(row.graduated) },
              { key: "businesses", header: t("incubation.totals.businesses"), cell: (row) => number(row.businesses) },
              { key: "jobs", header: t("incubation.totals.jobs"), cell: (row) => number(row.jobs) },
              {
                key: "revenue",
                header: t("incubation.totals.revenue"),
                cell: (row) => formatMoney(row.revenue_vnd, i18n.language),
              },
            ]}
          />
        </Card>
      ) : null}
      <DataTable
        caption={t("incubation.boardTitle")}
        page={page}
        columns={columns}
        searchLabel={t("incubation.searchLabel")}
        exportPath="/staff/incubation/export"
        filters={
          <>
            <FilterSelect
              name="status"
              label={t("incubation.status")}
              value={page.filters.status}
              allLabel={t("incubation.allStatuses")}
              options={INCUBATION_STATUSES.map((s) => ({ value: s, label: t(`incubation.statuses.${s}`) }))}
            />
            <FilterSelect
              name="incubator"
              label={t("incubation.incubator")}
              value={page.filters.incubator}
              allLabel={t("incubation.allIncubators")}
              options={incubators.map((o) => ({ value: o.id, label: o.name }))}
            />
            <FilterSelect
              name="year"
              label={t("incubation.year")}
              value={page.filters.year}
              allLabel={t("incubation.allYears")}
              options={years.map((y) => ({ value: y, label: y }))}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
