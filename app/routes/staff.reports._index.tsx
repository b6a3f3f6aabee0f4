import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { COMPLETED_STATUSES } from "../modules/incubation/rules";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { DatasetKey } from "../modules/reports/catalogue";
import { dashboardFigures, type ReportFigures } from "../modules/reports/datasets.server";
import { partLabel } from "../modules/reports/labels";
import { periodFromSearch, periodParams, periodSearch, yearOf, type Period } from "../modules/reports/period";
import { dossiersDue } from "../modules/sme/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatMoney, formatNumber } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { BarChart, PairedBarChart } from "../ui/charts";
import { Card, PageHeader } from "../ui/layout";
import { FigureTile, FigureTiles, PeriodForm } from "../ui/reports";

export const meta: MetaFunction = () => [{ title: "Báo cáo, thống kê – Cổng ĐMST Quảng Ngãi" }];

/** The dashboard for staff and leaders: every figure of a period, each a link to the records it counts. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const today = provinceDate(nowIso());
  const { period, problem } = periodFromSearch(new URL(request.url).searchParams, today);
  const [{ figures, budget }, due] = await Promise.all([dashboardFigures(db, period), dossiersDue(db, today)]);
  const thisYear = yearOf(today);
  const presets = [
    { from: thisYear - 5, to: thisYear - 1 },
    { from: thisYear - 1, to: thisYear - 1 },
    { from: thisYear, to: thisYear },
  ].map((p) => ({
    label: p.from === p.to ? String(p.from) : `${p.from}–${p.to}`,
    search: new URLSearchParams({ from: String(p.from), to: String(p.to) }).toString(),
  }));
  return { period, params: periodParams(period), problem, figures, budget, overdue: due.overdue, presets };
}

export default function ReportsDashboard() {
  const { t, i18n } = useTranslation();
  const { period, params, problem, figures, budget, overdue, presets } = useLoaderData<typeof loader>();
  const n = (value: number) => formatNumber(value, i18n.language);
  const money = (value: number) => formatMoney(value, i18n.language);
  const drill = (key: DatasetKey, extra: Record<string, string> = {}) =>
    `/staff/reports/figures/${key}?${periodSearch(period as Period, extra)}`;
  const label = (key: DatasetKey) => t(`reports.datasets.${key}`);
  const byPart = (key: DatasetKey) =>
    (figures as ReportFigures)[key].byPart.map((p) => ({
      key: p.part,
      label: partLabel(t, key, p.part),
      value: p.organisations ?? p.records,
      href: drill(key, { part: p.part }),
    }));
  const byYear = (key: DatasetKey, measure: "records" | "amount" = "records") =>
    (figures as ReportFigures)[key].byYear.map((y) => ({
      key: String(y.year),
      label: String(y.year),
      value: (measure === "amount" ? y.amount : y.records) ?? 0,
      href: drill(key, { year: String(y.year) }),
    }));
  const partCount = (key: DatasetKey, part: string) => figures[key].byPart.find((p) => p.part === part)?.records ?? 0;
  const empty = t("reports.noData");

  return (
    <>
      <PageHeader
        title={t("reports.title")}
        lead={t("reports.lead")}
        actions={
          <>
            <Link
              className="button button-primary"
              to={`/staff/reports/drafts?${periodSearch(period as Period)}#new-draft`}
            >
              {t("reports.newDraft")}
            </Link>
            <a
              className="button button-secondary"
              href={`/staff/reports/annex.xlsx?${periodSearch(period as Period)}`}
              download
            >
              {t("reports.downloadAnnex")}
            </a>
            <Link to="/staff/reports/drafts">{t("reports.draftsTitle")}</Link>
          </>
        }
      />
      <PeriodForm from={params.from} to={params.to} problem={problem} presets={presets} />

      <Card title={t("reports.modules.competition")}>
        <FigureTiles>
          <FigureTile value={n(figures.editions.value)} label={label("editions")} href={drill("editions")} />
          <FigureTile value={n(figures.entries.value)} label={label("entries")} href={drill("entries")} />
          <FigureTile
            value={n(figures.prizes.value)}
            label={label("prizes")}
            href={drill("prizes")}
            note={money(figures.prizes.total.amount ?? 0)}
          />
        </FigureTiles>
        <div className="chart-grid">
          <BarChart
            title={t("reports.charts.entriesPerYear")}
            bars={byYear("entries")}
            formatValue={n}
            emptyText={empty}
          />
          <BarChart
            title={t("reports.charts.prizesByRank")}
            bars={byPart("prizes")}
            formatValue={n}
            emptyText={empty}
            orientation="horizontal"
            tone="accent"
          />
        </div>
      </Card>

      <Card title={t("reports.modules.incubation")}>
        <FigureTiles>
          <FigureTile value={n(figures.incubation.value)} label={label("incubation")} href={drill("incubation")} />
          <FigureTile
            value={n(figures.incubationAfterCompetition.value)}
            label={label("incubationAfterCompetition")}
            href={drill("incubationAfterCompetition")}
          />
          <FigureTile
            value={n(COMPLETED_STATUSES.reduce((sum, status) => sum + partCount("incubation", status), 0))}
            label={t("reports.graduated")}
            href={drill("incubation", { part: COMPLETED_STATUSES.join(",") })}
          />
          <FigureTile
            value={n(partCount("incubation", "business_founded"))}
            label={t("reports.businessesFounded")}
            href={drill("incubation", { part: "business_founded" })}
          />
        </FigureTiles>
        <div className="chart-grid">
          <BarChart
            title={t("reports.charts.incubationByStatus")}
            bars={byPart("incubation")}
            formatValue={n}
            emptyText={empty}
            orientation="horizontal"
            tone="success"
          />
          <BarChart
            title={t("reports.charts.incubationPerYear")}
            bars={byYear("incubation")}
            formatValue={n}
            emptyText={empty}
            tone="success"
          />
        </div>
      </Card>

      <Card title={t("reports.modules.sme")}>
        <FigureTiles>
          <FigureTile
            value={n(figures.smeDossiers.value)}
            label={label("smeDossiers")}
            href={drill("smeDossiers")}
            note={t("reports.requested", { amount: money(figures.smeDossiers.total.amount ?? 0) })}
          />
          <FigureTile
            value={n(figures.smeApproved.value)}
            label={label("smeApproved")}
            href={drill("smeApproved")}
            note={money(figures.smeApproved.total.amount ?? 0)}
          />
          <FigureTile
            value={money(figures.smePaid.total.amount ?? 0)}
            label={label("smePaid")}
            href={drill("smePaid")}
          />
          <FigureTile
            value={n(overdue)}
            label={t("reports.overdueNow")}
            href="/staff/sme?due=overdue"
            note={t("reports.now")}
          />
        </FigureTiles>
        <div className="chart-grid">
          <BarChart
            title={t("reports.charts.dossiersByStatus")}
            bars={byPart("smeDossiers")}
            formatValue={n}
            emptyText={empty}
            orientation="horizontal"
            tone="warning"
          />
          <PairedBarChart
            title={t("reports.charts.budgetAgainstApproved")}
            categories={budget.map((b) => ({
              key: String(b.year),
              label: String(b.year),
              first: b.budget,
              second: b.approved,
              href: `/staff/sme?year=${b.year}`,
            }))}
            firstLabel={t("reports.budget")}
            secondLabel={t("reports.approvedAmount")}
            formatValue={(value) => formatNumber(Math.round(value / 1_000_000), i18n.language)}
            emptyText={empty}
          />
        </div>
        <p className="field-hint">{t("reports.millionsNote")}</p>
      </Card>

      <Card title={t("reports.modules.technology")}>
        <FigureTiles>
          <FigureTile
            value={n(figures.techOutreach.value)}
            label={label("techOutreach")}
            href={drill("techOutreach")}
          />
          <FigureTile
            value={n(figures.techConsultations.value)}
            label={label("techConsultations")}
            href={drill("techConsultations")}
          />
          <FigureTile
            value={n(figures.techAssessments.value)}
            label={label("techAssessments")}
            href={drill("techAssessments")}
          />
          <FigureTile
            value={n(figures.techApplications.value)}
            label={label("techApplications")}
            href={drill("techApplications")}
          />
          <FigureTile
            value={n(figures.techCertificates.value)}
            label={label("techCertificates")}
            href={drill("techCertificates")}
          />
        </FigureTiles>
        <div className="chart-grid">
          <BarChart
            title={t("reports.charts.pipeline")}
            bars={byPart("techPipeline")}
            formatValue={n}
            emptyText={empty}
            orientation="horizontal"
          />
          <BarChart
            title={t("reports.charts.outreachByChannel")}
            bars={byPart("techOutreach")}
            formatValue={n}
            emptyText={empty}
            orientation="horizontal"
            tone="accent"
          />
        </div>
        <p className="field-hint">{t("reports.pipelineNote")}</p>
      </Card>

      <Card title={t("reports.modules.connections")}>
        <FigureTiles>
          <FigureTile value={n(figures.events.value)} label={label("events")} href={drill("events")} />
          <FigureTile
            value={n(figures.events.total.amount ?? 0)}
            label={t("reports.participants")}
            href={drill("events", { sort: "amount", dir: "desc" })}
          />
          <FigureTile value={n(figures.mous.value)} label={label("mous")} href={drill("mous")} />
        </FigureTiles>
        <div className="chart-grid">
          <BarChart
            title={t("reports.charts.eventsPerYear")}
            bars={byYear("events")}
            formatValue={n}
            emptyText={empty}
          />
          <BarChart
            title={t("reports.charts.participantsPerYear")}
            bars={byYear("events", "amount")}
            formatValue={n}
            emptyText={empty}
            tone="success"
          />
          <BarChart
            title={t("reports.charts.mousByPairing")}
            bars={byPart("mous")}
            formatValue={n}
            emptyText={empty}
            orientation="horizontal"
            tone="accent"
          />
          <BarChart
            title={t("reports.charts.mousByField")}
            bars={byPart("mouFields")}
            formatValue={n}
            emptyText={empty}
            orientation="horizontal"
            tone="warning"
          />
        </div>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
