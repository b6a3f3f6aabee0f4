import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { listOutbox } from "../modules/admin/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { Badge, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Hộp thư đi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return { page: await listOutbox(getDb(), new URL(request.url).searchParams) };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];
const STATUSES = ["queued", "sending", "kept", "sent", "failed"] as const;

export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const { page } = useLoaderData<typeof loader>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "created_at",
      header: t("outbox.createdAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.created_at, i18n.language),
    },
    { id: "to_address", header: t("outbox.to"), enableSorting: true, cell: ({ row }) => row.original.to_address },
    {
      id: "subject",
      header: t("outbox.subject"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/admin/outbox/${row.original.id}`}>{row.original.subject}</Link>,
    },
    {
      id: "status",
      header: t("outbox.status"),
      cell: ({ row }) => (
        <Badge tone={row.original.status === "failed" ? "danger" : row.original.status === "sent" ? "success" : "info"}>
          {t(`outbox.statuses.${row.original.status}`)}
        </Badge>
      ),
    },
    {
      id: "attempts",
      header: t("outbox.attempts"),
      cell: ({ row }) => formatNumber(row.original.attempts, i18n.language),
    },
    {
      id: "next_attempt_at",
      header: t("outbox.nextAttempt"),
      cell: ({ row }) =>
        row.original.status === "queued" && row.original.next_attempt_at
          ? formatDateTime(row.original.next_attempt_at, i18n.language)
          : "—",
    },
    { id: "error", header: t("outbox.lastError"), cell: ({ row }) => row.original.error ?? "—" },
  ];
  return (
    <>
      <PageHeader title={t("outbox.title")} lead={t("outbox.lead")} />
      <DataTable
        caption={t("outbox.title")}
        page={page}
        columns={columns}
        exportPath="/admin/outbox/export"
        filters={
          <FilterSelect
            name="status"
            label={t("outbox.status")}
            value={page.filters.status}
            allLabel="—"
            options={STATUSES.map((s) => ({ value: s, label: t(`outbox.statuses.${s}`) }))}
          />
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
