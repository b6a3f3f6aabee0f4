import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { entryFigures, entryListState, getEdition, listEntries } from "../modules/competition/queries.server";
import { ENTRY_STATUSES } from "../modules/competition/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { EntryStatusBadge } from "../ui/entry-status";
import { Card, PageHeader } from "../ui/layout";
import { param } from "../lib/http.server";

export const meta: MetaFunction = () => [{ title: "Hồ sơ dự thi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const [page, figures] = await Promise.all([
    listEntries(db, edition.id, entryListState(new URL(request.url).searchParams)),
    entryFigures(db, edition.id),
  ]);
  const sectors = figures.bySector.map((row) => row.sector).filter((sector): sector is string => !!sector);
  return { edition: { id: edition.id, name: edition.name }, page, figures, categories: figures.categories, sectors };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function EntriesPage() {
  const { t, i18n } = useTranslation();
  const { edition, page, figures, categories, sectors } = useLoaderData<typeof loader>();
  const total = figures.byStatus.reduce((sum, row) => sum + row.count, 0);
  const columns: ColumnDef<Row>[] = [
    {
      id: "receipt_number",
      header: t("entries.receipt"),
      enableSorting: true,
      cell: ({ row }) => row.original.receipt_number ?? "—",
    },
    {
      id: "project_name",
      header: t("entries.projectName"),
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/staff/competitions/${edition.id}/entries/${row.original.id}`}>{row.original.project_name}</Link>
      ),
    },
    { id: "team", header: t("screening.team"), cell: ({ row }) => row.original.organisation_name },
    { id: "category", header: t("entries.category"), cell: ({ row }) => row.original.category_name ?? "—" },
    { id: "sector", header: t("entries.sector"), cell: ({ row }) => row.original.sector ?? "—" },
    {
      id: "status",
      header: t("competition.status"),
      enableSorting: true,
      cell: ({ row }) => <EntryStatusBadge status={row.original.status} />,
    },
    {
      id: "submitted_at",
      header: t("screening.submittedAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.submitted_at, i18n.language),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("screening.title")}
        lead={edition.name}
        actions={<Link to={`/staff/competitions/${edition.id}`}>{t("competition.settings")}</Link>}
      />
      <div className="grid">
        <Card title={t("competition.entriesCount")}>
          <p className="figure">{formatNumber(total, i18n.language)}</p>
        </Card>
        <Card title={t("screening.byCategory")}>
          <ul>
            {figures.byCategory.map((row) => (
              <li key={row.label ?? "none"}>
                {row.label ?? "—"}: <strong>{formatNumber(row.count, i18n.language)}</strong>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("screening.byStatus")}>
          <ul>
            {figures.byStatus.map((row) => (
              <li key={row.status}>
                <Link to={`?status=${row.status}`}>{t(`entries.statuses.${row.status}`)}</Link>:{" "}
                <strong>{formatNumber(row.count, i18n.language)}</strong>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <DataTable
        caption={t("screening.title")}
        page={page}
        columns={columns}
        searchLabel={t("screening.searchLabel")}
        exportPath={`/staff/competitions/${edition.id}/entries/export`}
        filters={
          <>
            <FilterSelect
              name="status"
              label={t("competition.status")}
              value={page.filters.status}
              allLabel={t("screening.allStatuses")}
              options={ENTRY_STATUSES.filter((s) => s !== "draft").map((s) => ({
                value: s,
                label: t(`entries.statuses.${s}`),
              }))}
            />
            <FilterSelect
              name="category"
              label={t("entries.category")}
              value={page.filters.category}
              allLabel={t("screening.allCategories")}
              options={categories.map((c) => ({ value: c.id, label: c.name }))}
            />
            <FilterSelect
              name="sector"
              label={t("entries.sector")}
              value={page.filters.sector}
              allLabel="—"
              options={sectors.map((s) => ({ value: s, label: s }))}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
