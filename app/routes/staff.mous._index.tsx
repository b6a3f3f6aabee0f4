import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { dueMous, listMous, mouFigures, mouListState } from "../modules/connections/queries.server";
import { canWriteConnections, checkState, MOU_FIELDS, MOU_STATUSES, PAIRINGS } from "../modules/connections/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatNumber } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { CheckBadge } from "../ui/connections";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { Badge, Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Biên bản ghi nhớ – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const state = mouListState(new URL(request.url).searchParams);
  const today = provinceDate(nowIso());
  const [page, figures, due] = await Promise.all([
    listMous(db, state, today),
    mouFigures(db, state, today),
    dueMous(db, today, 5),
  ]);
  const thisYear = new Date().getUTCFullYear();
  return {
    page: { ...page, rows: page.rows.map((row) => ({ ...row, check: checkState(row, today) })) },
    figures,
    due: due.map((row) => ({ ...row, check: checkState(row, today) })),
    years: Array.from({ length: thisYear - 2017 }, (_, i) => String(thisYear - i)),
    canWrite: canWriteConnections(user.role),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function MousPage() {
  const { t, i18n } = useTranslation();
  const { page, figures, due, years, canWrite } = useLoaderData<typeof loader>();
  const n = (value: number) => formatNumber(value, i18n.language);
  const total = figures.byStatus.reduce((sum, s) => sum + s.count, 0);
  const columns: ColumnDef<Row>[] = [
    {
      id: "signed_on",
      header: t("connections.signedOn"),
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.signed_on, i18n.language),
    },
    {
      id: "title",
      header: t("connections.mouTitle"),
      enableSorting: true,
      cell: ({ row }) => (
        <>
          <Link to={`/staff/mous/${row.original.id}`}>{row.original.title}</Link>
          {row.original.event_title ? <small className="cell-note">{row.original.event_title}</small> : null}
        </>
      ),
    },
    {
      id: "parties",
      header: t("connections.parties"),
      cell: ({ row }) => (
        <ul className="plain-list">
          {row.original.parties.map((party) => (
            <li key={party.id}>
              <Link to={`/organisations/${party.id}`}>{party.name}</Link>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "pairing",
      header: t("connections.pairing"),
      cell: ({ row }) => t(`connections.pairings.${row.original.pairing}`),
    },
    {
      id: "fields",
      header: t("connections.fields"),
      cell: ({ row }) => row.original.fields.map((f) => t(`connections.mouFields.${f}`)).join("; ") || "—",
    },
    {
      id: "status",
      header: t("connections.status"),
      enableSorting: true,
      cell: ({ row }) => (
        <Badge
          tone={
            row.original.status === "contract" ? "success" : row.original.status === "no_follow_up" ? "neutral" : "info"
          }
        >
          {t(`connections.mouStatuses.${row.original.status}`)}
        </Badge>
      ),
    },
    {
      id: "next_check_on",
      header: t("connections.nextCheckOn"),
      enableSorting: true,
      cell: ({ row }) => <CheckBadge state={row.original.check} on={row.original.next_check_on} />,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("connections.mousTitle")}
        lead={t("connections.mousLead")}
        actions={
          <>
            {canWrite ? (
              <>
                <Link className="button button-primary" to="/staff/mous/new">
                  {t("connections.newMou")}
                </Link>
                <Link className="button button-secondary" to="/staff/mous/import">
                  {t("connections.importMous")}
                </Link>
              </>
            ) : null}
            <Link to="/staff/events">{t("connections.eventsTitle")}</Link>
          </>
        }
      />
      <div className="grid">
        <Card title={t("connections.dueTitle")}>
          {due.length === 0 ? (
            <p>{t("connections.noneDue")}</p>
          ) : (
            <>
              <p>{t("connections.dueLead", { n: n(figures.due) })}</p>
              <ul className="due-list">
                {due.map((mou) => (
                  <li key={mou.id}>
                    <Link to={`/staff/mous/${mou.id}`}>{mou.parties.map((p) => p.name).join(" – ")}</Link>{" "}
                    <CheckBadge state={mou.check} on={mou.next_check_on} />
                  </li>
                ))}
              </ul>
              {figures.due > due.length ? (
                <Link to="/staff/mous?due=1&sort=next_check_on&dir=asc">{t("connections.seeAllDue")}</Link>
              ) : null}
            </>
          )}
        </Card>
        <Card title={t("connections.figures")}>
          <p className="figure">{n(total)}</p>
          <p className="field-hint">{t("connections.totalMous")}</p>
          <dl className="facts facts-compact">
            {figures.byPairing.map((f) => (
              <div key={f.key}>
                <dt>{t(`connections.pairings.${f.key}`)}</dt>
                <dd>{n(f.count)}</dd>
              </div>
            ))}
            {figures.byStatus.map((f) => (
              <div key={f.key}>
                <dt>{t(`connections.mouStatuses.${f.key}`)}</dt>
                <dd>{n(f.count)}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
      <DataTable
        caption={t("connections.mousTitle")}
        page={page}
        columns={columns}
        searchLabel={t("connections.searchMous")}
        exportPath="/staff/mous/export"
        filters={
          <>
            <FilterSelect
              name="due"
              label={t("connections.dueOnly")}
              value={page.filters.due}
              allLabel={t("connections.allMous")}
              options={[{ value: "1", label: t("connections.dueFilter") }]}
            />
            <FilterSelect
              name="status"
              label={t("connections.status")}
              value={page.filters.status}
              allLabel={t("connections.allStatuses")}
              options={MOU_STATUSES.map((s) => ({ value: s, label: t(`connections.mouStatuses.${s}`) }))}
            />
            <FilterSelect
              name="pairing"
              label={t("connections.pairing")}
              value={page.filters.pairing}
              allLabel={t("connections.allPairings")}
              options={PAIRINGS.map((p) => ({ value: p, label: t(`connections.pairings.${p}`) }))}
            />
            <FilterSelect
              name="field"
              label={t("connections.fields")}
              value={page.filters.field}
              allLabel={t("connections.allFields")}
              options={MOU_FIELDS.map((f) => ({ value: f, label: t(`connections.mouFields.${f}`) }))}
            />
            <FilterSelect
              name="year"
              label={t("connections.year")}
              value={page.filters.year}
              allLabel={t("connections.allYears")}
              options={years.map((y) => ({ value: y, label: y }))}
            />
            {page.filters.event ? <input type="hidden" name="event" value={page.filters.event} /> : null}
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
