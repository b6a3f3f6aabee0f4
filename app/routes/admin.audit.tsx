import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { describeAuditRows } from "../modules/admin/audit-names.server";
import { auditActionLabel, type AuditView, looseTranslate } from "../modules/admin/audit-view";
import { auditActionsInLog, listAuditEvents } from "../modules/admin/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { getTranslator } from "../lib/locale.server";
import { resources } from "../i18n";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Nhật ký thay đổi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const db = getDb();
  const t = looseTranslate(await getTranslator(request));
  const [page, actions] = await Promise.all([
    listAuditEvents(db, new URL(request.url).searchParams),
    auditActionsInLog(db),
  ]);
  return {
    page: { ...page, rows: await describeAuditRows(db, page.rows, t) },
    actionOptions: actions.map((value) => ({ value, label: auditActionLabel(value, t) ?? value })),
    entityTypeOptions: Object.keys(resources.vi.translation.auditView.entityTypes).map((value) => ({
      value,
      label: t(`auditView.entityTypes.${value}`),
    })),
  };
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { page, actionOptions, entityTypeOptions } = useLoaderData<typeof loader>();
  const columns: ColumnDef<AuditView>[] = [
    {
      id: "created_at",
      header: t("audit.createdAt"),
      enableSorting: true,
      cell: ({ row }) => <time dateTime={row.original.timeIso}>{row.original.time}</time>,
    },
    { id: "actor", header: t("audit.actor"), cell: ({ row }) => row.original.actor },
    { id: "action", header: t("audit.action"), cell: ({ row }) => row.original.action },
    {
      id: "record",
      header: t("auditView.record"),
      cell: ({ row }) => {
        const { record, entityType } = row.original;
        return (
          <>
            <small className="muted">{entityType}</small>
            <br />
            {record.href ? <Link to={record.href}>{record.name}</Link> : record.name}
          </>
        );
      },
    },
    {
      id: "changes",
      header: t("audit.changes"),
      cell: ({ row }) =>
        row.original.changes.length ? (
          <ul className="audit-changes">
            {row.original.changes.map((change) => (
              <li key={change.field}>
                {change.field}:{" "}
                {change.from === null ? (
                  change.to
                ) : (
                  <>
                    <del>{change.from}</del> → <ins>{change.to}</ins>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          "—"
        ),
    },
    { id: "reason", header: t("audit.reason"), cell: ({ row }) => row.original.reason ?? "—" },
  ];
  return (
    <>
      <PageHeader title={t("audit.title")} />
      <DataTable
        caption={t("audit.title")}
        page={page}
        columns={columns}
        searchLabel={t("auditView.search")}
        exportPath="/admin/audit/export"
        filters={
          <>
            <FilterSelect
              name="action"
              label={t("auditView.filterAction")}
              value={page.filters.action}
              options={actionOptions}
              allLabel={t("auditView.all")}
            />
            <FilterSelect
              name="entity_type"
              label={t("auditView.filterEntityType")}
              value={page.filters.entity_type}
              options={entityTypeOptions}
              allLabel={t("auditView.all")}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
