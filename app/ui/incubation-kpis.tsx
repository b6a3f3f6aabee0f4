import { useTranslation } from "../i18n/use-translation";
import { formatDate, formatMoney, formatNumber, formatPeriodShort } from "../lib/format";
import { SimpleTable } from "./simple-table";

export type KpiReport = {
  id: string;
  period_start: string;
  period_end: string;
  revenue_vnd: number;
  employees: number;
  customers: number;
  capital_raised_vnd: number;
  ip_applications: number;
  products_launched: number;
};

/** The KPI table of a record's reports over time, with a small inline SVG chart (revenue bars, employees line). */
export function IncubationKpis({ reports }: { reports: KpiReport[] }) {
  const { t, i18n } = useTranslation();
  if (!reports.length) return <p>{t("incubation.noReports")}</p>;
  // A narrow viewBox, drawn about 1:1 on a phone, so that its 13-unit labels stay 13 px there (app.css .kpi-chart).
  const width = 360;
  const height = 160;
  const pad = 24;
  const step = (width - 2 * pad) / reports.length;
  // One period label every `labelEvery` columns, so that labels about 60 units wide never overlap.
  const labelEvery = Math.ceil(60 / step);
  const maxRevenue = Math.max(1, ...reports.map((r) => r.revenue_vnd));
  const maxEmployees = Math.max(1, ...reports.map((r) => r.employees));
  const y = (value: number, max: number) => height - pad - (value / max) * (height - 2 * pad);
  const points = reports.map((r, i) => `${pad + step * i + step / 2},${y(r.employees, maxEmployees)}`).join(" ");
  return (
    <>
      <figure className="kpi-chart">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t("incubation.chartTitle")} width="100%">
          <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="currentColor" strokeWidth="1" />
          {reports.map((r, i) => (
            <g key={r.id}>
              <rect
                x={pad + step * i + step * 0.2}
                y={y(r.revenue_vnd, maxRevenue)}
                width={step * 0.6}
                height={height - pad - y(r.revenue_vnd, maxRevenue)}
                fill="#9cc3e6"
              >
                <title>{`${formatDate(r.period_start, i18n.language)}: ${formatMoney(r.revenue_vnd, i18n.language)}`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text x={pad + step * i + step / 2} y={height - 6} textAnchor="middle">
                  {formatPeriodShort(r.period_start, r.period_end, i18n.language)}
                </text>
              )}
            </g>
          ))}
          <polyline points={points} fill="none" stroke="#c0392b" strokeWidth="2" />
          {reports.map((r, i) => (
            <circle key={r.id} cx={pad + step * i + step / 2} cy={y(r.employees, maxEmployees)} r="3" fill="#c0392b">
              <title>{`${t("incubation.employees")}: ${r.employees}`}</title>
            </circle>
          ))}
        </svg>
        <figcaption className="field-hint">
          {t("incubation.chartTitle")}: ▮ {t("incubation.revenueVnd")} · ● {t("incubation.employees")}
        </figcaption>
      </figure>
      <SimpleTable
        caption={t("incubation.kpiTitle")}
        rows={reports}
        rowKey={(r) => r.id}
        columns={[
          {
            key: "period",
            header: t("incubation.period"),
            cell: (r) =>
              t("incubation.periodRange", {
                start: formatDate(r.period_start, i18n.language),
                end: formatDate(r.period_end, i18n.language),
              }),
          },
          {
            key: "revenue",
            header: t("incubation.revenueVnd"),
            align: "end",
            cell: (r) => formatMoney(r.revenue_vnd, i18n.language),
          },
          {
            key: "employees",
            header: t("incubation.employees"),
            align: "end",
            cell: (r) => formatNumber(r.employees, i18n.language),
          },
          {
            key: "customers",
            header: t("incubation.customers"),
            align: "end",
            cell: (r) => formatNumber(r.customers, i18n.language),
          },
          {
            key: "capital",
            header: t("incubation.capitalRaisedVnd"),
            align: "end",
            cell: (r) => formatMoney(r.capital_raised_vnd, i18n.language),
          },
          {
            key: "ip",
            header: t("incubation.ipApplications"),
            align: "end",
            cell: (r) => formatNumber(r.ip_applications, i18n.language),
          },
          {
            key: "products",
            header: t("incubation.productsLaunched"),
            align: "end",
            cell: (r) => formatNumber(r.products_launched, i18n.language),
          },
        ]}
      />
    </>
  );
}
