import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import {
  currentProgramme,
  dossierFigures,
  dossierListState,
  listDossiers,
  supportTypesOf,
} from "../modules/sme/queries.server";
import { DOSSIER_STATUSES } from "../modules/sme/workflow";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatMoney, formatNumber } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { DossierStatusBadge, DueMark } from "../ui/dossier";
import { Badge, Card, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Hồ sơ hỗ trợ DNNVV – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const state = dossierListState(search);
  const today = provinceDate(nowIso());
  const programme = await currentProgramme(db);
  const [page, figures, types] = await Promise.all([
    listDossiers(db, user, state, today),
    dossierFigures(db, user, state, today),
    programme ? supportTypesOf(db, programme.id) : [],
  ]);
  const thisYear = Number(today.slice(0, 4));
  return {
    page,
    figures,
    programme,
    types: types.map((t) => ({ id: t.id, name: t.name })),
    today,
    years: Array.from({ length: thisYear - 2021 }, (_, i) => String(thisYear - i)),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function SmeDesk() {
  const { t, i18n } = useTranslation();
  const { page, figures, programme, types, today, years } = useLoaderData<typeof loader>();
  const money = (value: number | null) => (value === null ? "—" : formatMoney(value, i18n.language));
  const columns: ColumnDef<Row>[] = [
    {
      id: "due_on",
      header: t("sme.desk.due"),
      enableSorting: true,
      cell: ({ row }) => <DueMark status={row.original.status} dueOn={row.original.due_on} today={today} />,
    },
    {
      id: "receipt_number",
      header: t("sme.desk.receipt"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/staff/sme/${row.original.id}`}>{row.original.receipt_number}</Link>,
    },
    {
      id: "enterprise",
      header: t("sme.desk.enterprise"),
      enableSorting: true,
      cell: ({ row }) => (
        <>
          {row.original.enterprise_name}{" "}
          {row.original.is_priority ? <Badge tone="info">{t("sme.desk.priority")}</Badge> : null}
        </>
      ),
    },
    { id: "type", header: t("sme.desk.type"), cell: ({ row }) => row.original.support_type_name },
    {
      id: "size",
      header: t("sme.desk.size"),
      cell: ({ row }) => (row.original.enterprise_size ? t(`sme.sizes.${row.original.enterprise_size}`) : "—"),
    },
    {
      id: "status",
      header: t("sme.desk.status"),
      enableSorting: true,
      cell: ({ row }) => <DossierStatusBadge status={row.original.status} />,
    },
    {
      id: "requested_vnd",
      header: t("sme.desk.requested"),
      enableSorting: true,
      cell: ({ row }) => <span className="numeric">{money(row.original.requested_vnd)}</span>,
    },
    {
      id: "approved",
      header: t("sme.desk.approved"),
      cell: ({ row }) => <span className="numeric">{money(row.original.approved_vnd)}</span>,
    },
    {
      id: "submitted_at",
      header: t("sme.desk.submittedAt"),
      enableSorting: true,
      cell: ({ row }) => (row.original.submitted_at ? formatDate(row.original.submitted_at, i18n.language) : "—"),
    },
  ];
  const figure = (label: string, value: string, to?: string) => (
    <Card title={label}>
      <p className="figure">{to ? <Link to={to}>{value}</Link> : value}</p>
    </Card>
  );
  return (
    <>
      <PageHeader
        title={t("sme.desk.title")}
        lead={t("sme.desk.lead")}
        actions={
          <>
            <Link to="/staff/sme/programme">{t("sme.desk.programmeLink")}</Link>
            <Link to="/staff/holidays">{t("sme.desk.holidaysLink")}</Link>
          </>
        }
      />
      {programme?.status === "paused" ? (
        <Notice tone="danger">
          {t("sme.desk.paused", {
            date: programme.status_changed_on ? formatDate(programme.status_changed_on, i18n.language) : "—",
            reason: programme.status_reason ?? "",
          })}
        </Notice>
      ) : null}
      <h2>
        {page.filters.year
          ? t("sme.desk.figures.scopeYear", { year: page.filters.year })
          : t("sme.desk.figures.scopeAll")}
      </h2>
      <div className="grid">
        {figure(t("sme.desk.figures.filed"), formatNumber(figures.filed, i18n.language))}
        {figure(t("sme.desk.figures.open"), formatNumber(figures.open, i18n.language), "/staff/sme?status=open")}
        {figure(
          t("sme.desk.figures.overdue"),
          formatNumber(figures.overdue, i18n.language),
          "/staff/sme?status=open&due=overdue",
        )}
        {figure(
          t("sme.desk.figures.dueToday"),
          formatNumber(figures.dueToday, i18n.language),
          "/staff/sme?status=open&due=today",
        )}
        {figure(t("sme.desk.figures.requested"), money(figures.requestedVnd))}
        {figure(t("sme.desk.figures.approved"), money(figures.approvedVnd))}
        {figure(t("sme.desk.figures.paid"), money(figures.paidVnd))}
      </div>
      <DataTable
        caption={t("sme.desk.title")}
        page={page}
        columns={columns}
        searchLabel={t("sme.desk.searchLabel")}
        exportPath="/staff/sme/export"
        filters={
          <>
            <FilterSelect
              name="status"
              label={t("sme.desk.status")}
              value={page.filters.status}
              allLabel={t("sme.desk.allStatuses")}
              options={[
                { value: "open", label: t("sme.openFilter") },
                ...DOSSIER_STATUSES.filter((s) => s !== "draft").map((s) => ({
                  value: s,
                  label: t(`sme.statuses.${s}`),
                })),
              ]}
            />
            <FilterSelect
              name="type"
              label={t("sme.desk.type")}
              value={page.filters.type}
              allLabel={t("sme.desk.allTypes")}
              options={types.map((type) => ({ value: type.id, label: type.name }))}
            />
            <FilterSelect
              name="scale"
              label={t("sme.desk.size")}
              value={page.filters.scale}
              allLabel={t("sme.desk.allSizes")}
              options={(["micro", "small", "medium"] as const).map((s) => ({ value: s, label: t(`sme.sizes.${s}`) }))}
            />
            <FilterSelect
              name="due"
              label={t("sme.desk.due")}
              value={page.filters.due}
              allLabel={t("sme.dueFilter.all")}
              options={(["overdue", "today"] as const).map((d) => ({ value: d, label: t(`sme.dueFilter.${d}`) }))}
            />
            <FilterSelect
              name="year"
              label={t("sme.desk.year")}
              value={page.filters.year}
              allLabel={t("sme.desk.allYears")}
              options={years.map((y) => ({ value: y, label: y }))}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
