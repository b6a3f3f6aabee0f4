import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { partLabel } from "../modules/reports/labels";
import { publicStatistics } from "../modules/reports/public.server";
import { getDb } from "../lib/db.server";
import { formatNumber } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { BarChart } from "../ui/charts";
import { Card, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";
import { htmlOnly } from "../ui/hydration";

export const handle = htmlOnly;

export const meta: MetaFunction = () => [{ title: "Thống kê hệ sinh thái khởi nghiệp – Cổng ĐMST Quảng Ngãi" }];

/** Public: the figures the province publishes, counts only (published editions and results, no personal data). */
export async function loader(_args: LoaderFunctionArgs) {
  return publicStatistics(getDb(), provinceDate(nowIso()));
}

export default function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const { totals, mousByPairing, prizesByRank, years, editions } = useLoaderData<typeof loader>();
  const n = (value: number) => formatNumber(value, i18n.language);
  const tiles: [string, number][] = [
    [t("reports.public.editions"), totals.editions],
    [t("reports.public.entries"), totals.entries],
    [t("reports.public.winners"), totals.prizes],
    [t("reports.public.incubated"), totals.incubation],
    [t("reports.public.mous"), totals.mous],
  ];
  return (
    <>
      <PageHeader title={t("reports.public.title")} lead={t("reports.public.lead")} />
      <div className="figure-tiles">
        {tiles.map(([label, value]) => (
          <div key={label} className="figure-tile figure-tile-static">
            <span className="figure-tile-value">{n(value)}</span>
            <span className="figure-tile-label">{label}</span>
          </div>
        ))}
      </div>
      <div className="chart-grid">
        <BarChart
          title={t("reports.public.prizesByRank")}
          bars={prizesByRank.map((p) => ({ key: p.part, label: p.part, value: p.count }))}
          formatValue={n}
          emptyText={t("reports.noData")}
          orientation="horizontal"
          tone="accent"
        />
        <BarChart
          title={t("reports.public.mousByPairing")}
          bars={mousByPairing.map((p) => ({ key: p.part, label: partLabel(t, "mous", p.part), value: p.count }))}
          formatValue={n}
          emptyText={t("reports.noData")}
          orientation="horizontal"
        />
      </div>
      <Card title={t("reports.public.byYear")}>
        {years.length === 0 ? (
          <p>{t("reports.noData")}</p>
        ) : (
          <SimpleTable
            caption={t("reports.public.byYear")}
            captionHidden
            className="year-figures"
            rows={years}
            rowKey={(y) => y.year}
            columns={[
              { key: "year", header: t("reports.year"), rowHeader: true, cell: (y) => y.year },
              { key: "editions", header: t("reports.public.editions"), cell: (y) => n(y.editions) },
              { key: "entries", header: t("reports.public.entries"), cell: (y) => n(y.entries) },
              { key: "winners", header: t("reports.public.winners"), cell: (y) => n(y.prizes) },
              { key: "incubated", header: t("reports.public.incubated"), cell: (y) => n(y.incubation) },
              { key: "mous", header: t("reports.public.mous"), cell: (y) => n(y.mous) },
            ]}
          />
        )}
      </Card>
      <Card title={t("reports.public.editionsTitle")}>
        <ul className="plain-list">
          {editions.map((edition) => (
            <li key={edition.id}>
              <Link to={`/competitions/${edition.id}`}>{edition.name}</Link> —{" "}
              {t("reports.public.editionLine", { entries: n(edition.entries), prizes: n(edition.prizes) })}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
