import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { listOrganisations, organisationListState } from "../modules/organisations/queries.server";
import { ORGANISATION_KINDS } from "../modules/organisations/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate } from "../lib/format";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tổ chức, doanh nghiệp – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const page = await listOrganisations(getDb(), organisationListState(new URL(request.url).searchParams));
  return { page, canCreate: user.role === "staff" || user.role === "admin" };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const { page, canCreate } = useLoaderData<typeof loader>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "name",
      header: t("organisations.name"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/organisations/${row.original.id}`}>{row.original.name}</Link>,
    },
    {
      id: "kind",
      header: t("organisations.kind"),
      enableSorting: true,
      cell: ({ row }) => t(`orgKinds.${row.original.kind}`),
    },
    {
      id: "tax_code",
      header: t("organisations.taxCode"),
      enableSorting: true,
      cell: ({ row }) => row.original.tax_code ?? "—",
    },
    {
      id: "place",
      header: t("organisations.address"),
      cell: ({ row }) => [row.original.commune, row.original.province].filter(Boolean).join(", ") || "—",
    },
    { id: "sector", header: t("organisations.sector"), cell: ({ row }) => row.original.sector ?? "—" },
    {
      id: "created_at",
      header: t("organisations.createdAt"),
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.created_at, i18n.language),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("organisations.title")}
        actions={
          canCreate ? (
            <>
              <Link className="button button-primary" to="/organisations/new">
                {t("organisations.newTitle")}
              </Link>
              <Link to="/organisations/duplicates">{t("connections.duplicatesTitle")}</Link>
            </>
          ) : null
        }
      />
      <DataTable
        caption={t("organisations.title")}
        page={page}
        columns={columns}
        exportPath="/organisations/export"
        filters={
          <FilterSelect
            name="kind"
            label={t("organisations.kind")}
            value={page.filters.kind}
            allLabel={t("organisations.allKinds")}
            options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`orgKinds.${kind}`) }))}
          />
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
