import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { saveCoefficientFormula, saveLevelBand } from "../modules/technology/commands.server";
import {
  assessmentListState,
  assessmentSummary,
  levelSettings,
  listAssessments,
} from "../modules/technology/queries.server";
import { BandSchema, FormulaSchema } from "../modules/technology/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDecimal, formatNumber } from "../lib/format";
import { type FieldErrors, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { Badge, Card, Notice, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Đánh giá trình độ công nghệ – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const state = assessmentListState(new URL(request.url).searchParams);
  const year = state.filters.year && /^\d{4}$/.test(state.filters.year) ? Number(state.filters.year) : null;
  const [page, summary, settings] = await Promise.all([
    listAssessments(db, state),
    assessmentSummary(db, year),
    levelSettings(db),
  ]);
  const thisYear = Number(provinceDate(nowIso()).slice(0, 4));
  return {
    page,
    summary,
    settings: {
      bands: settings.bands,
      formula: settings.formula,
      formulaVerified: settings.formulaVerified,
      verified: settings.verified,
      source: settings.source,
    },
    years: Array.from({ length: thisYear - 2019 }, (_, i) => String(thisYear - i)),
  };
}

type ActionResult = { target: string; errors: FieldErrors };

/** Staff correct the placeholder bands and formula once checked against the circular; each change is audited. */
/** The settings of the Circular 17/2019 survey: a level band (the default form) or the coefficient formula. */
/** The Department: staff, leaders and admins (a literal: this table is also read by the client bundle). */
const DEPARTMENT = ["staff", "leader", "admin"] as const;
export const intents = { band: DEPARTMENT, formula: DEPARTMENT } satisfies IntentRoles;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") || "band"), intents);
  const back = `/staff/technology/assessments${new URL(request.url).search}`;
  if (intent === "formula") {
    const parsed = parseForm(form, FormulaSchema, t);
    if (!parsed.ok) return data<ActionResult>({ target: "formula", errors: parsed.errors }, { status: 400 });
    const outcome = await saveCoefficientFormula(getDb(), user, parsed.value, context.clientIp);
    if (!outcome.ok) return refusal(outcome.problems, t, { target: "formula" });
    return redirectWithFlash(back, t("technology.assessments.saved"));
  }
  const parsed = parseForm(form, BandSchema, t);
  const target = String(form.get("code") ?? "");
  if (!parsed.ok) return data<ActionResult>({ target, errors: parsed.errors }, { status: 400 });
  const outcome = await saveLevelBand(getDb(), user, parsed.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { target });
  return redirectWithFlash(back, t("technology.assessments.saved"));
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function Assessments() {
  const { t, i18n } = useTranslation();
  const { page, summary, settings, years } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errorsOf = (target: string) => (failed?.target === target ? failed.errors : undefined);
  const number = (value: number) => formatDecimal(value, i18n.language);
  const columns: ColumnDef<Row>[] = [
    { id: "year", header: t("technology.fields.year"), enableSorting: true, cell: ({ row }) => row.original.year },
    {
      id: "enterprise",
      header: t("technology.fields.enterprise"),
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/staff/technology/enterprises/${row.original.organisation_id}`}>{row.original.enterprise_name}</Link>
      ),
    },
    { id: "sector", header: t("technology.fields.sector"), cell: ({ row }) => row.original.sector ?? "—" },
    {
      id: "groups",
      header: "T · E · O · R · I",
      cell: ({ row }) =>
        [row.original.t_score, row.original.e_score, row.original.o_score, row.original.r_score, row.original.i_score]
          .map(number)
          .join(" · "),
    },
    {
      id: "total",
      header: t("technology.fields.total"),
      enableSorting: true,
      cell: ({ row }) => <span className="numeric">{number(row.original.total)}</span>,
    },
    {
      id: "coefficient",
      header: t("technology.fields.coefficient"),
      enableSorting: true,
      cell: ({ row }) => <span className="numeric">{number(row.original.coefficient)}</span>,
    },
    {
      id: "level",
      header: t("technology.fields.level"),
      cell: ({ row }) => (
        <>
          {row.original.level_name}{" "}
          {row.original.settings_verified ? null : (
            <Badge tone="warning">{t("technology.assessments.unverifiedBadge")}</Badge>
          )}
        </>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("technology.assessments.title")}
        lead={t("technology.assessments.lead")}
        actions={<Link to="/staff/technology">{t("technology.board.title")}</Link>}
      />
      {settings.verified ? null : (
        <Notice tone="danger">{`${t("technology.assessments.unverified")} (${settings.source})`}</Notice>
      )}
      <DataTable
        caption={t("technology.assessments.title")}
        page={page}
        columns={columns}
        searchLabel={t("technology.fields.searchEnterprise")}
        exportPath="/staff/technology/assessments/export"
        filters={
          <>
            <FilterSelect
              name="year"
              label={t("technology.fields.year")}
              value={page.filters.year}
              allLabel={t("technology.fields.allYears")}
              options={years.map((y) => ({ value: y, label: y }))}
            />
            <FilterSelect
              name="level"
              label={t("technology.fields.level")}
              value={page.filters.level}
              allLabel={t("technology.fields.allLevels")}
              options={settings.bands.map((b) => ({ value: b.code, label: b.name }))}
            />
          </>
        }
      />
      <Card title={t("technology.assessments.summary")}>
        {summary.length === 0 ? (
          <p>{t("technology.assessments.none")}</p>
        ) : (
          <SimpleTable
            rows={summary}
            rowKey={(line) => `${line.sector}-${line.level_code}`}
            columns={[
              {
                key: "sector",
                header: t("technology.fields.sector"),
                cell: (line) => line.sector || t("technology.assessments.noSector"),
              },
              { key: "level", header: t("technology.fields.level"), cell: (line) => line.level_name },
              {
                key: "count",
                header: t("technology.assessments.count"),
                align: "end",
                cell: (line) => formatNumber(Number(line.count), i18n.language),
              },
              {
                key: "averageTotal",
                header: t("technology.assessments.averageTotal"),
                align: "end",
                cell: (line) => number(Number(line.average_total)),
              },
            ]}
          />
        )}
      </Card>
      <Card title={t("technology.assessments.bands")}>
        <p>
          {t("technology.assessments.formula")}: <code>{settings.formula}</code>{" "}
          {settings.formulaVerified ? null : (
            <Badge tone="warning">{t("technology.assessments.unverifiedBadge")}</Badge>
          )}
        </p>
        <SimpleTable
          scroll={false}
          rows={settings.bands}
          rowKey={(band) => band.code}
          columns={[
            {
              key: "level",
              header: t("technology.fields.level"),
              cell: (band) => (
                <>
                  {band.name}{" "}
                  {band.verified ? null : <Badge tone="warning">{t("technology.assessments.unverifiedBadge")}</Badge>}
                </>
              ),
            },
            {
              key: "minTotal",
              header: t("technology.assessments.minTotal"),
              align: "end",
              cell: (band) => number(band.min_total),
            },
            {
              key: "minCoefficient",
              header: t("technology.assessments.minCoefficient"),
              align: "end",
              cell: (band) => number(band.min_coefficient),
            },
            { key: "source", header: t("technology.assessments.sourceLabel"), cell: (band) => band.source },
          ]}
        />
      </Card>
      <Card title={t("technology.assessments.editSettings")}>
        <AppForm method="post" errors={errorsOf("formula")}>
          <input type="hidden" name="intent" value="formula" />
          <Field
            name="formula"
            label={t("technology.assessments.formula")}
            required
            defaultValue={settings.formula}
            error={errorsOf("formula")?.formula}
          />
          <Field
            name="source"
            label={t("technology.assessments.sourceLabel")}
            required
            defaultValue={settings.source}
            error={errorsOf("formula")?.source}
          />
          <CheckboxField
            name="verified"
            label={t("technology.assessments.verifiedLabel")}
            defaultChecked={settings.formulaVerified}
          />
          <Button variant="secondary">{t("technology.assessments.save")}</Button>
        </AppForm>
        {settings.bands.map((band) => (
          <AppForm key={band.code} method="post" errors={errorsOf(band.code)} className="band-form">
            <input type="hidden" name="intent" value="band" />
            <input type="hidden" name="code" value={band.code} />
            <h3>{band.name}</h3>
            <div className="form-grid">
              <Field
                name="minTotal"
                label={t("technology.assessments.minTotal")}
                required
                defaultValue={String(band.min_total)}
                error={errorsOf(band.code)?.minTotal}
              />
              <Field
                name="minCoefficient"
                label={t("technology.assessments.minCoefficient")}
                required
                defaultValue={String(band.min_coefficient)}
                error={errorsOf(band.code)?.minCoefficient}
              />
              <Field
                name="source"
                label={t("technology.assessments.sourceLabel")}
                required
                defaultValue={band.source}
                error={errorsOf(band.code)?.source}
              />
            </div>
            <CheckboxField
              name="verified"
              label={t("technology.assessments.verifiedLabel")}
              defaultChecked={!!band.verified}
            />
            <Button variant="secondary">{t("technology.assessments.save")}</Button>
          </AppForm>
        ))}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
