import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { accessLogActors, accessLogState, listAccessLog } from "../modules/privacy/access-log.server";
import { ACCESS_KINDS, PERSONAL_DATA_SUBJECTS } from "../modules/privacy/rules";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { PageHeader } from "../ui/layout";
import { PrivacyTabs } from "../ui/privacy";

export const meta: MetaFunction = () => [{ title: "Nhật ký truy cập dữ liệu cá nhân – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const db = getDb();
  const [page, actors] = await Promise.all([
    listAccessLog(db, accessLogState(new URL(request.url).searchParams)),
    accessLogActors(db),
  ]);
  return { page, actors };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const { page, actors } = useLoaderData<typeof loader>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "created_at",
      header: t("privacy.access.createdAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.created_at, i18n.language),
    },
    {
      id: "actor",
      header: t("privacy.access.actor"),
      cell: ({ row }) => `${row.original.actor_name} (${row.original.actor_email})`,
    },
    { id: "kind", header: t("privacy.access.kind"), cell: ({ row }) => t(`privacy.access.kinds.${row.original.kind}`) },
    {
      id: "subject",
      header: t("privacy.access.subject"),
      cell: ({ row }) => t(`privacy.access.subjects.${row.original.subject_type}`),
    },
    {
      id: "route",
      header: t("privacy.access.route"),
      cell: ({ row }) =>
        row.original.kind === "view" ? (
          <Link to={row.original.route}>{row.original.route}</Link>
        ) : (
          <small>{row.original.route}</small>
        ),
    },
    {
      id: "count",
      header: t("privacy.access.count"),
      cell: ({ row }) => formatNumber(row.original.row_count, i18n.language),
    },
    { id: "ip", header: t("privacy.access.ip"), cell: ({ row }) => row.original.ip ?? "—" },
  ];
  return (
    <>
      <PageHeader title={t("privacy.access.title")} lead={t("privacy.access.lead")} />
      <PrivacyTabs />
      <DataTable
        caption={t("privacy.access.title")}
        page={page}
        columns={columns}
        exportPath="/admin/privacy/access/export"
        searchLabel={t("privacy.access.searchLabel")}
        filters={
          <>
            <FilterSelect
              name="actor"
              label={t("privacy.access.actor")}
              value={page.filters.actor}
              allLabel={t("privacy.access.all")}
              options={actors.map((a) => ({ value: a.id, label: `${a.full_name} (${a.email})` }))}
            />
            <FilterSelect
              name="kind"
              label={t("privacy.access.kind")}
              value={page.filters.kind}
              allLabel={t("privacy.access.all")}
              options={ACCESS_KINDS.map((k) => ({ value: k, label: t(`privacy.access.kinds.${k}`) }))}
            />
            <FilterSelect
              name="subject"
              label={t("privacy.access.subject")}
              value={page.filters.subject}
              allLabel={t("privacy.access.all")}
              options={PERSONAL_DATA_SUBJECTS.map((s) => ({ value: s, label: t(`privacy.access.subjects.${s}`) }))}
            />
            <div className="field">
              <label htmlFor="filter-from">{t("privacy.access.from")}</label>
              <input id="filter-from" type="date" name="from" defaultValue={page.filters.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="filter-to">{t("privacy.access.to")}</label>
              <input id="filter-to" type="date" name="to" defaultValue={page.filters.to ?? ""} />
            </div>
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
