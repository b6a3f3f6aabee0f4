import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAuditEvents } from "../modules/admin/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { DataTable, type ColumnDef } from "../ui/data-table";
import { useAuditActionLabel } from "../ui/history";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Nhật ký thay đổi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return { page: await listAuditEvents(getDb(), new URL(request.url).searchParams) };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const label = useAuditActionLabel();
  const { page } = useLoaderData<typeof loader>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "created_at",
      header: t("audit.createdAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.created_at, i18n.language),
    },
    { id: "actor", header: t("audit.actor"), cell: ({ row }) => row.original.actor_name ?? t("audit.system") },
    { id: "action", header: t("audit.action"), cell: ({ row }) => label(row.original.action) },
    {
      id: "entity",
      header: t("audit.entity"),
      cell: ({ row }) => <code>{`${row.original.entity_type}/${row.original.entity_id.slice(0, 8)}`}</code>,
    },
    { id: "reason", header: t("audit.reason"), cell: ({ row }) => row.original.reason ?? "—" },
    {
      id: "changes",
      header: t("audit.changes"),
      cell: ({ row }) =>
        row.original.after_json ? <small className="changes">{row.original.after_json.slice(0, 160)}</small> : "—",
    },
  ];
  return (
    <>
      <PageHeader title={t("audit.title")} />
      <DataTable caption={t("audit.title")} page={page} columns={columns} searchLabel={t("audit.action")} />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
