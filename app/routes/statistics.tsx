import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { partLabel } from "../modules/reports/labels";
import { publicStatistics } from "../modules/reports/public.server";
import { getDb } from "../lib/db.server";
import { formatNumber } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { BarChart } from "../ui/charts";
import { Card, PageHeader } from "../ui/layout";

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
          <table>
            <caption className="visually-hidden">{t("reports.public.byYear")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reports.year")}</th>
                <th scope="col">{t("reports.public.editions")}</th>
                <th scope="col">{t("reports.public.entries")}</th>
                <th scope="col">{t("reports.public.winners")}</th>
                <th scope="col">{t("reports.public.incubated")}</th>
                <th scope="col">{t("reports.public.mous")}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <th scope="row" data-label={t("reports.year")}>
                    {y.year}
                  </th>
                  <td data-label={t("reports.public.editions")}>{n(y.editions)}</td>
                  <td data-label={t("reports.public.entries")}>{n(y.entries)}</td>
                  <td data-label={t("reports.public.winners")}>{n(y.prizes)}</td>
                  <td data-label={t("reports.public.incubated")}>{n(y.incubation)}</td>
                  <td data-label={t("reports.public.mous")}>{n(y.mous)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
