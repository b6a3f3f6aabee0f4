import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { eventListState, listEvents } from "../modules/connections/queries.server";
import { canWriteConnections, EVENT_KINDS } from "../modules/connections/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatNumber } from "../lib/format";
import { dateRange } from "../ui/connections";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { Badge, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Sự kiện kết nối – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const page = await listEvents(getDb(), eventListState(new URL(request.url).searchParams));
  const thisYear = new Date().getUTCFullYear();
  return {
    page,
    years: Array.from({ length: thisYear - 2017 }, (_, i) => String(thisYear - i)),
    canWrite: canWriteConnections(user.role),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function EventsPage() {
  const { t, i18n } = useTranslation();
  const { page, years, canWrite } = useLoaderData<typeof loader>();
  const number = (value: number) => formatNumber(value, i18n.language);
  const columns: ColumnDef<Row>[] = [
    {
      id: "starts_on",
      header: t("connections.dates"),
      enableSorting: true,
      cell: ({ row }) => dateRange(row.original.starts_on, row.original.ends_on, i18n.language),
    },
    {
      id: "title",
      header: t("connections.title"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/staff/events/${row.original.id}`}>{row.original.title}</Link>,
    },
    {
      id: "kind",
      header: t("connections.kind"),
      enableSorting: true,
      cell: ({ row }) => <Badge tone="info">{t(`connections.kinds.${row.original.kind}`)}</Badge>,
    },
    { id: "place", header: t("connections.place"), cell: ({ row }) => row.original.place ?? "—" },
    {
      id: "participants",
      header: t("connections.participantsCount"),
      cell: ({ row }) => {
        const r = row.original;
        const listed =
          r.participants > 0
            ? t("connections.participantsFigure", {
                people: number(r.participants),
                organisations: number(r.organisations),
              })
            : null;
        const reported =
          r.count_note ??
          [r.reported_organisations, r.reported_people]
            .filter((n) => n !== null)
            .map((n) => number(n!))
            .join(" / ");
        return (
          <>
            {listed ?? "—"}
            {reported ? (
              <small className="cell-note">{t("connections.reportedFigure", { text: reported })}</small>
            ) : null}
          </>
        );
      },
    },
    {
      id: "mous",
      header: t("connections.mouCount"),
      cell: ({ row }) =>
        row.original.mous ? <Link to={`/staff/mous?event=${row.original.id}`}>{number(row.original.mous)}</Link> : "—",
    },
  ];
  return (
    <>
      <PageHeader
        title={t("connections.eventsTitle")}
        lead={t("connections.eventsLead")}
        actions={
          <>
            {canWrite ? (
              <Link className="button button-primary" to="/staff/events/new">
                {t("connections.newEvent")}
              </Link>
            ) : null}
            <Link to="/staff/mous">{t("connections.mousTitle")}</Link>
          </>
        }
      />
      <DataTable
        caption={t("connections.eventsTitle")}
        page={page}
        columns={columns}
        searchLabel={t("connections.searchEvents")}
        exportPath="/staff/events/export"
        filters={
          <>
            <FilterSelect
              name="kind"
              label={t("connections.kind")}
              value={page.filters.kind}
              allLabel={t("connections.allKinds")}
              options={EVENT_KINDS.map((k) => ({ value: k, label: t(`connections.kinds.${k}`) }))}
            />
            <FilterSelect
              name="year"
              label={t("connections.year")}
              value={page.filters.year}
              allLabel={t("connections.allYears")}
              options={years.map((y) => ({ value: y, label: y }))}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
