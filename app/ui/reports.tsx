import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { PeriodProblem } from "../modules/reports/period";

/** One figure of the dashboard: the number, what it counts, and the link to the records behind it. */
export function FigureTile({
  value,
  label,
  href,
  note,
}: {
  value: string;
  label: string;
  href: string;
  note?: string;
}) {
  return (
    <Link className="figure-tile" to={href}>
      <span className="figure-tile-value">{value}</span>
      <span className="figure-tile-label">{label}</span>
      {note ? <span className="figure-tile-note">{note}</span> : null}
    </Link>
  );
}

export function FigureTiles({ children }: { children: React.ReactNode }) {
  return <div className="figure-tiles">{children}</div>;
}

/** The period chooser of the dashboard and the drill-down: years ("2021") or dates, sent as a GET form. */
export function PeriodForm({
  from,
  to,
  problem,
  presets,
  extra = {},
}: {
  from: string;
  to: string;
  problem: PeriodProblem | null;
  presets: { label: string; search: string }[];
  extra?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const problemText = problem ? t(`reports.problems.${problem}`) : null;
  return (
    <Form method="get" className="period-form" aria-label={t("reports.period")}>
      <div className={`field${problem === "from" ? " field-invalid" : ""}`}>
        <label htmlFor="period-from">{t("reports.from")}</label>
        <input
          id="period-from"
          name="from"
          defaultValue={from}
          inputMode="numeric"
          aria-describedby="period-hint"
          aria-invalid={problem === "from" || undefined}
        />
      </div>
      <div className={`field${problem && problem !== "from" ? " field-invalid" : ""}`}>
        <label htmlFor="period-to">{t("reports.to")}</label>
        <input
          id="period-to"
          name="to"
          defaultValue={to}
          inputMode="numeric"
          aria-describedby="period-hint"
          aria-invalid={(problem !== null && problem !== "from") || undefined}
        />
      </div>
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button button-secondary">
        {t("reports.show")}
      </button>
      <p className="field-hint" id="period-hint">
        {t("reports.periodHint")}
      </p>
      {problemText ? (
        <p className="field-error" role="alert">
          {problemText}
        </p>
      ) : null}
      <p className="period-presets">
        {presets.map((preset) => (
          <Link key={preset.search} to={`?${preset.search}`}>
            {preset.label}
          </Link>
        ))}
      </p>
    </Form>
  );
}
