import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { applicationListState, listApplications } from "../modules/technology/queries.server";
import { APPLICATION_STATUSES, IMPLEMENTATION_STATUSES } from "../modules/technology/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatMoney } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { PageHeader } from "../ui/layout";
import { ApplicationDue, ApplicationStatusBadge, ImplementationBadge } from "../ui/technology";

export const meta: MetaFunction = () => [{ title: "Hồ sơ đổi mới công nghệ – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const state = applicationListState(new URL(request.url).searchParams);
  const today = provinceDate(nowIso());
  const thisYear = Number(today.slice(0, 4));
  return {
    page: await listApplications(getDb(), user, state),
    today,
    years: Array.from({ length: thisYear - 2019 }, (_, i) => String(thisYear - i)),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function TechnologyApplications() {
  const { t, i18n } = useTranslation();
  const { page, today, years } = useLoaderData<typeof loader>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "due_on",
      header: t("technology.fields.due"),
      enableSorting: true,
      cell: ({ row }) => <ApplicationDue status={row.original.status} dueOn={row.original.due_on} today={today} />,
    },
    {
      id: "enterprise",
      header: t("technology.fields.enterprise"),
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/staff/technology/applications/${row.original.id}`}>{row.original.enterprise_name}</Link>
      ),
    },
    { id: "technology", header: t("technology.fields.technology"), cell: ({ row }) => row.original.technology },
    {
      id: "status",
      header: t("technology.fields.status"),
      enableSorting: true,
      cell: ({ row }) => <ApplicationStatusBadge status={row.original.status} />,
    },
    {
      id: "requested",
      header: t("technology.fields.requestedSupport"),
      enableSorting: true,
      cell: ({ row }) => (
        <span className="numeric">{formatMoney(row.original.requested_support_vnd, i18n.language)}</span>
      ),
    },
    {
      id: "certificate",
      header: t("technology.fields.certificate"),
      cell: ({ row }) => row.original.certificate_number ?? "—",
    },
    {
      id: "implementation",
      header: t("technology.fields.implementationStatus"),
      cell: ({ row }) => <ImplementationBadge status={row.original.implementation_status} />,
    },
    {
      id: "submitted_at",
      header: t("technology.fields.submittedAt"),
      enableSorting: true,
      cell: ({ row }) => (row.original.submitted_at ? formatDate(row.original.submitted_at, i18n.language) : "—"),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("technology.applications.title")}
        lead={t("technology.applications.lead")}
        actions={<Link to="/staff/technology">{t("technology.board.title")}</Link>}
      />
      <DataTable
        caption={t("technology.applications.title")}
        page={page}
        columns={columns}
        searchLabel={t("technology.fields.searchEnterprise")}
        exportPath="/staff/technology/applications/export"
        filters={
          <>
            <FilterSelect
              name="status"
              label={t("technology.fields.status")}
              value={page.filters.status}
              allLabel={t("technology.fields.allStatuses")}
              options={APPLICATION_STATUSES.filter((s) => s !== "draft").map((s) => ({
                value: s,
                label: t(`technology.statuses.${s}`),
              }))}
            />
            <FilterSelect
              name="implementation"
              label={t("technology.fields.implementationStatus")}
              value={page.filters.implementation}
              allLabel={t("technology.fields.allImplementation")}
              options={[
                ...IMPLEMENTATION_STATUSES.map((s) => ({ value: s, label: t(`technology.implementation.${s}`) })),
                { value: "none", label: t("technology.implementation.none") },
              ]}
            />
            <FilterSelect
              name="year"
              label={t("technology.fields.submittedYear")}
              value={page.filters.year}
              allLabel={t("technology.fields.allYears")}
              options={years.map((y) => ({ value: y, label: y }))}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
