import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { DatasetKey } from "../modules/reports/catalogue";
import {
  datasetOf,
  datasetParts,
  hasOrganisation,
  isDatasetKey,
  listDatasetRecords,
  recordListState,
} from "../modules/reports/datasets.server";
import { amountHeading, partLabel } from "../modules/reports/labels";
import { periodFromSearch, periodParams, periodSearch, yearsOf, type Period } from "../modules/reports/period";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatMoney, formatNumber } from "../lib/format";
import { notFound } from "../lib/http.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { PageHeader } from "../ui/layout";
import { PeriodForm } from "../ui/reports";

export const meta: MetaFunction = () => [{ title: "Số liệu chi tiết – Cổng ĐMST Quảng Ngãi" }];

/** The records behind one figure of the dashboard or the report, for the same period: the list a leader checks it with. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const key = params.key ?? "";
  if (!isDatasetKey(key)) notFound();
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const { period, problem } = periodFromSearch(search, provinceDate(nowIso()));
  const state = recordListState(search);
  const [{ page, measure }, parts] = await Promise.all([
    listDatasetRecords(db, key, period, state),
    datasetParts(db, key, period),
  ]);
  const definition = datasetOf(key);
  return {
    key,
    period,
    params: periodParams(period),
    problem,
    page,
    measure,
    parts,
    amount: definition.amount,
    withOrganisation: hasOrganisation(key),
    snapshot: definition.snapshot ?? false,
    countsOrganisations: definition.measure === "organisations",
  };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function FigureRecords() {
  const { t, i18n } = useTranslation();
  const {
    key,
    period,
    params,
    problem,
    page,
    measure,
    parts,
    amount,
    withOrganisation,
    snapshot,
    countsOrganisations,
  } = useLoaderData<typeof loader>();
  const datasetKey = key as DatasetKey;
  const n = (value: number) => formatNumber(value, i18n.language);
  const columns: ColumnDef<Row>[] = [
    {
      id: "happened_on",
      header: t("reports.date"),
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.happened_on, i18n.language),
    },
    {
      id: "title",
      header: t("reports.record"),
      enableSorting: true,
      cell: ({ row }) =>
        row.original.href ? <Link to={row.original.href}>{row.original.title}</Link> : row.original.title,
    },
    {
      id: "part",
      header: t("reports.category"),
      enableSorting: true,
      cell: ({ row }) => partLabel(t, datasetKey, row.original.part),
    },
  ];
  if (withOrganisation) {
    columns.splice(2, 0, {
      id: "organisation",
      header: t("reports.organisation"),
      enableSorting: true,
      cell: ({ row }) =>
        row.original.organisation_id ? (
          <Link to={`/organisations/${row.original.organisation_id}`}>{row.original.organisation_name}</Link>
        ) : (
          "—"
        ),
    });
  }
  if (amount) {
    columns.push({
      id: "amount",
      header: amountHeading(t, amount),
      enableSorting: true,
      cell: ({ row }) =>
        row.original.amount === null
          ? "—"
          : amount === "vnd"
            ? formatMoney(row.original.amount, i18n.language)
            : n(row.original.amount),
    });
  }
  const summary = [t("reports.recordCount", { n: n(measure.records) })];
  if (countsOrganisations && measure.organisations !== null)
    summary.push(t("reports.organisationCount", { n: n(measure.organisations) }));
  if (amount && measure.amount !== null)
    summary.push(
      amount === "vnd"
        ? formatMoney(measure.amount, i18n.language)
        : t("reports.peopleCount", { n: n(measure.amount) }),
    );
  return (
    <>
      <PageHeader
        title={t(`reports.datasets.${datasetKey}`)}
        lead={snapshot ? t("reports.snapshotLead") : t("reports.drillLead")}
        actions={<Link to={`/staff/reports?${periodSearch(period as Period)}`}>{t("reports.backToDashboard")}</Link>}
      />
      {snapshot ? null : (
        <PeriodForm from={params.from} to={params.to} problem={problem} presets={[]} extra={page.filters} />
      )}
      <p className="figure-summary" role="status">
        {summary.join(" · ")}
      </p>
      <DataTable
        caption={t(`reports.datasets.${datasetKey}`)}
        page={page}
        columns={columns}
        searchLabel={t("reports.searchRecords")}
        exportPath={`/staff/reports/figures/${datasetKey}/export`}
        filters={
          <>
            <FilterSelect
              name="part"
              label={t("reports.category")}
              value={page.filters.part}
              allLabel={t("reports.allCategories")}
              options={parts.map((p) => ({ value: p, label: partLabel(t, datasetKey, p) }))}
            />
            {snapshot ? null : (
              <FilterSelect
                name="year"
                label={t("reports.year")}
                value={page.filters.year}
                allLabel={t("reports.allYears")}
                options={yearsOf(period as Period).map((y) => ({ value: String(y), label: String(y) }))}
              />
            )}
            <input type="hidden" name="from" value={params.from} />
            <input type="hidden" name="to" value={params.to} />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
