import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { listRequests, requestListState } from "../modules/privacy/requests.server";
import { isOverdue, REQUEST_KINDS, REQUEST_STATUSES } from "../modules/privacy/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { nowIso } from "../lib/time.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { Badge, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Yêu cầu về dữ liệu cá nhân – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const now = nowIso();
  return { page: await listRequests(getDb(), requestListState(new URL(request.url).searchParams), now), now };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function RequestsPage() {
  const { t, i18n } = useTranslation();
  const { page, now } = useLoaderData<typeof loader>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "requester",
      header: t("privacy.requests.requester"),
      cell: ({ row }) => <Link to={`/staff/privacy/requests/${row.original.id}`}>{row.original.requester_name}</Link>,
    },
    {
      id: "kind",
      header: t("privacy.requests.kind"),
      cell: ({ row }) => t(`privacy.requests.kinds.${row.original.kind}`),
    },
    {
      id: "status",
      header: t("privacy.requests.status"),
      cell: ({ row }) => (
        <>
          <Badge tone={row.original.status === "done" ? "success" : "neutral"}>
            {t(`privacy.requests.statuses.${row.original.status}`)}
          </Badge>{" "}
          {isOverdue(row.original, now) ? <Badge tone="danger">{t("privacy.requests.overdue")}</Badge> : null}
        </>
      ),
    },
    {
      id: "received_at",
      header: t("privacy.requests.receivedAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.received_at, i18n.language),
    },
    {
      id: "due_at",
      header: t("privacy.requests.dueAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.due_at, i18n.language),
    },
  ];
  return (
    <>
      <PageHeader title={t("privacy.requests.title")} lead={t("privacy.requests.lead")} />
      <DataTable
        caption={t("privacy.requests.title")}
        page={page}
        columns={columns}
        searchLabel={t("privacy.requests.searchLabel")}
        filters={
          <>
            <FilterSelect
              name="status"
              label={t("privacy.requests.status")}
              value={page.filters.status}
              allLabel={t("privacy.requests.all")}
              options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`privacy.requests.statuses.${s}`) }))}
            />
            <FilterSelect
              name="kind"
              label={t("privacy.requests.kind")}
              value={page.filters.kind}
              allLabel={t("privacy.requests.all")}
              options={REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.requests.kinds.${k}`) }))}
            />
            <FilterSelect
              name="overdue"
              label={t("privacy.requests.overdueOnly")}
              value={page.filters.overdue}
              allLabel={t("privacy.requests.all")}
              options={[{ value: "1", label: t("privacy.requests.yes") }]}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
