import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";
import type { CheckState } from "../modules/connections/rules";
import { EVENT_KINDS } from "../modules/connections/rules";
import { formatDate, formatNumber } from "../lib/format";
import { AppForm, Button, CheckboxField, Field, type FormErrors } from "./form";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "../modules/connections/sheet";
import { Badge, Card } from "./layout";
import { SimpleTable } from "./simple-table";

export function dateRange(start: string, end: string, locale: string): string {
  return start === end ? formatDate(start, locale) : `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
}

const CHECK_TONES = {
  closed: "neutral",
  unscheduled: "neutral",
  overdue: "danger",
  due: "warning",
  soon: "info",
  scheduled: "neutral",
} as const;

export function CheckBadge({ state, on }: { state: CheckState; on: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Badge tone={CHECK_TONES[state]}>
      {t(`connections.checkStates.${state}`)}
      {on && state !== "closed" ? ` · ${formatDate(on, i18n.language)}` : ""}
    </Badge>
  );
}

type EventValues = Partial<Record<string, string>> & { coOrganiserIds?: string[] };

/** The fields of an event, for recording one and for correcting it. */
export function EventFields({
  values,
  errors,
  organisers,
}: {
  values: EventValues;
  errors: FormErrors;
  organisers: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const co = new Set(values.coOrganiserIds ?? []);
  return (
    <>
      <div className="form-grid">
        <Field
          name="kind"
          as="select"
          label={t("connections.kind")}
          required
          defaultValue={values.kind ?? ""}
          error={errors?.kind}
          options={[
            { value: "", label: "—" },
            ...EVENT_KINDS.map((k) => ({ value: k, label: t(`connections.kinds.${k}`) })),
          ]}
        />
        <Field
          name="startsOn"
          type="date"
          label={t("connections.startsOn")}
          required
          defaultValue={values.startsOn}
          error={errors?.startsOn}
        />
        <Field
          name="endsOn"
          type="date"
          label={t("connections.endsOn")}
          required
          defaultValue={values.endsOn}
          error={errors?.endsOn}
        />
      </div>
      <Field name="title" label={t("connections.title")} required defaultValue={values.title} error={errors?.title} />
      <div className="form-grid">
        <Field name="place" label={t("connections.place")} defaultValue={values.place} error={errors?.place} />
        <Field name="topic" label={t("connections.topic")} defaultValue={values.topic} error={errors?.topic} />
      </div>
      <Field
        name="organiserId"
        as="select"
        label={t("connections.organiser")}
        required
        defaultValue={values.organiserId ?? ""}
        error={errors?.organiserId}
        options={[
          { value: "", label: t("connections.chooseOrganiser") },
          ...organisers.map((o) => ({ value: o.id, label: o.name })),
        ]}
      />
      <fieldset className="plain-fieldset checkbox-group">
        <legend>{t("connections.coOrganisers")}</legend>
        {organisers.map((o) => (
          <CheckboxField key={o.id} name="coOrganiserIds" value={o.id} label={o.name} defaultChecked={co.has(o.id)} />
        ))}
        {errors?.coOrganiserIds ? <p className="field-error">{errors.coOrganiserIds}</p> : null}
      </fieldset>
      <div className="form-grid">
        <Field
          name="reportedOrganisations"
          type="number"
          label={t("connections.reportedOrganisations")}
          defaultValue={values.reportedOrganisations}
          error={errors?.reportedOrganisations}
        />
        <Field
          name="reportedPeople"
          type="number"
          label={t("connections.reportedPeople")}
          defaultValue={values.reportedPeople}
          error={errors?.reportedPeople}
        />
      </div>
      <Field
        name="countNote"
        label={t("connections.countNote")}
        hint={t("connections.countNoteHint")}
        defaultValue={values.countNote}
        error={errors?.countNote}
      />
      <Field
        name="summary"
        as="textarea"
        rows={3}
        label={t("connections.summary")}
        defaultValue={values.summary}
        error={errors?.summary}
      />
    </>
  );
}

export type ImportProblem = { row: number; column: string; message: string };

/** The row-by-row report of a refused file. */
export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  return (
    <section className="card import-problems" aria-labelledby="import-problems-title">
      <h2 id="import-problems-title">{t("connections.import.problemsTitle", { n: String(problems.length) })}</h2>
      <p>{t("connections.import.problemsLead")}</p>
      <SimpleTable
        rows={problems}
        rowKey={(_, index) => index}
        columns={[
          { key: "row", header: t("connections.import.row"), cell: (p) => p.row || "—" },
          { key: "column", header: t("connections.import.column"), cell: (p) => p.column },
          { key: "message", header: t("connections.import.message"), cell: (p) => p.message },
        ]}
      />
    </section>
  );
}

type ResolutionView = {
  action: "match" | "create" | "ambiguous";
  by?: "tax_code" | "name";
  name: string;
  fillsTaxCode?: boolean;
};

/** What an import does with one organisation of the file: matched (how), created, or ambiguous. */
export function ResolutionText({ resolution }: { resolution: ResolutionView | null }) {
  const { t } = useTranslation();
  if (!resolution) return <>—</>;
  if (resolution.action === "match") {
    return (
      <>
        {t(
          resolution.by === "tax_code"
            ? "connections.import.resolution.match_tax_code"
            : "connections.import.resolution.match_name",
          { name: resolution.name },
        )}
        {resolution.fillsTaxCode ? ` ${t("connections.import.resolution.fills_tax_code")}` : ""}
      </>
    );
  }
  if (resolution.action === "create")
    return <Badge tone="info">{t("connections.import.resolution.create", { name: resolution.name })}</Badge>;
  return <Badge tone="danger">{t("connections.import.resolution.ambiguous", { name: resolution.name })}</Badge>;
}

export function ImportSummaryText({
  summary,
}: {
  summary: { rows: number; add: number; skip: number; newOrganisations: number; matched: number };
}) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <p>
      {t("connections.import.previewLead", {
        add: n(summary.add),
        skip: n(summary.skip),
        matched: n(summary.matched),
        created: n(summary.newOrganisations),
      })}
    </p>
  );
}

export type StoryItemView = {
  source: string;
  date: string;
  title: string;
  statusKey: string | null;
  detail: string | null;
  href: string | null;
};

/**
 * The organisation's story: every source's items on one timeline, newest first, each linking to its record.
 * `limit` is how many the server keeps; a full list says that older ones are left out.
 */
export function OrganisationStory({
  items,
  member,
  limit,
}: {
  items: StoryItemView[];
  member: boolean;
  limit: number;
}) {
  const { t, i18n } = useTranslation();
  const tx = t as unknown as (key: string) => string;
  return (
    <section className="card" aria-labelledby="story-title">
      <h2 id="story-title">{t("connections.story.title")}</h2>
      <p className="field-hint">{member ? t("connections.story.memberLead") : t("connections.story.lead")}</p>
      {items.length === 0 ? (
        <p>{t("connections.story.empty")}</p>
      ) : (
        <ol className="timeline story">
          {items.map((item, index) => (
            <li key={`${item.source}-${index}`} className={`story-${item.source}`}>
              <time dateTime={item.date}>{formatDate(item.date, i18n.language)}</time>{" "}
              <span className="story-source">{tx(`connections.story.sources.${item.source}`)}</span>
              <p>
                {item.href ? <Link to={item.href}>{item.title}</Link> : <strong>{item.title}</strong>}
                {item.statusKey ? (
                  <>
                    {" "}
                    <Badge>{tx(item.statusKey)}</Badge>
                  </>
                ) : null}
                {item.detail ? <small className="cell-note">{item.detail}</small> : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      {items.length >= limit ? (
        <p className="field-hint">{t("records.story.newestOnly", { n: formatNumber(limit, i18n.language) })}</p>
      ) : null}
    </section>
  );
}

/** The first step of every import: what the list holds, how rows are matched, the limits, and the file to check. */
export function ImportUpload({ lead, fileError }: { lead: string; fileError?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Card>
      <p>{lead}</p>
      <p className="field-hint">{t("connections.import.matching")}</p>
      <p className="field-hint">
        {t("connections.import.limits", {
          rows: formatNumber(MAX_IMPORT_ROWS, i18n.language),
          mb: String(MAX_IMPORT_BYTES / 1024 / 1024),
        })}
      </p>
      <AppForm method="post" encType="multipart/form-data" errors={fileError ? { file: fileError } : undefined}>
        <Field
          name="file"
          type="file"
          label={t("connections.import.file")}
          accept=".xlsx,.csv"
          required
          error={fileError}
        />
        <Button variant="secondary">{t("connections.import.check")}</Button>
      </AppForm>
    </Card>
  );
}

/** The second step: what the checked file will do, the button that writes it, and the rows (`children`, a table). */
export function ImportPreview({
  batchId,
  summary,
  shown,
  children,
}: {
  batchId: string;
  summary: { rows: number; add: number; skip: number; newOrganisations: number; matched: number };
  shown: number;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {t("connections.import.previewTitle", { rows: formatNumber(summary.rows, i18n.language) })}
      </h2>
      <ImportSummaryText summary={summary} />
      <Form method="post">
        <input type="hidden" name="batchId" value={batchId} />
        <Button>{t("connections.import.confirm")}</Button>
      </Form>
      <div className="table-scroll">{children}</div>
      {summary.rows > shown ? (
        <p className="field-hint">{t("connections.import.previewTruncated", { shown: String(shown) })}</p>
      ) : null}
    </section>
  );
}
