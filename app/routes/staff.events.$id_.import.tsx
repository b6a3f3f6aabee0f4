import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { commitAttendeeImport, prepareAttendeeImport, problemMessages, type AttendeePlanRow, type ImportSummary } from "../modules/connections/imports.server";
import { getEvent } from "../modules/connections/queries.server";
import { ImportCommitSchema } from "../modules/connections/schemas";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "../modules/connections/sheet";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { readSpreadsheet } from "../lib/spreadsheet-import.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatNumber } from "../lib/format";
import { parseForm, readForm, readMultipartForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { ImportProblems, ImportSummaryText, ResolutionText, type ImportProblem } from "../ui/connections";
import { AppForm, Button, Field } from "../ui/form";
import { Badge, Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Nhập danh sách tham dự – Cổng ĐMST Quảng Ngãi" }];

const WRITERS = ["staff", "admin"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, WRITERS);
  const event = await getEvent(getDb(), params.id!);
  return { event: { id: event.id, title: event.title } };
}

type ActionResult =
  | { stage: "problems"; problems: ImportProblem[]; fileError?: string }
  | { stage: "preview"; batchId: string; preview: AttendeePlanRow[]; summary: ImportSummary };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const t = await getTranslator(request);
  const db = getDb();
  const eventId = params.id!;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const form = await readMultipartForm(request, { maxFileBytes: MAX_IMPORT_BYTES });
    const file = form.get("file");
    const sheet = await readSpreadsheet(file, { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS });
    if (!sheet.ok) {
      const message = t(`connections.import.sheetProblems.${sheet.problem}`, { mb: String(MAX_IMPORT_BYTES / 1024 / 1024), max: String(MAX_IMPORT_ROWS) });
      return data<ActionResult>({ stage: "problems", problems: [], fileError: message }, { status: sheet.problem === "tooLarge" ? 413 : 400 });
    }
    const fileName = (file instanceof File && file.name ? file.name : "danh-sach").replace(/[\u0000-\u001f<>:"/\\|?*]/g, "_").slice(0, 200);
    const prepared = await prepareAttendeeImport(db, user, eventId, sheet, fileName);
    if (!prepared.ok) return data<ActionResult>({ stage: "problems", problems: problemMessages(prepared.problems, t) }, { status: 400 });
    return data<ActionResult>({ stage: "preview", batchId: prepared.batchId, preview: prepared.preview, summary: prepared.summary });
  }
  const result = parseForm(await readForm(request), ImportCommitSchema, t);
  if (!result.ok) return data<ActionResult>({ stage: "problems", problems: [], fileError: t("errors.invalid") }, { status: 400 });
  const committed = await commitAttendeeImport(db, user, eventId, result.value.batchId, context.clientIp);
  if (!committed.ok) return data<ActionResult>({ stage: "problems", problems: problemMessages(committed.problems, t) }, { status: 409 });
  const s = committed.summary;
  return redirectWithFlash(`/staff/events/${eventId}#participants`, t("connections.import.imported", { add: String(s.add), skip: String(s.skip), created: String(s.newOrganisations) }));
}

export default function ImportAttendeesPage() {
  const { t, i18n } = useTranslation();
  const { event } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("connections.import.attendeesTitle")} lead={event.title} actions={<Link to={`/staff/events/${event.id}`}>{t("connections.backToEvent")}</Link>} />
      <Card>
        <p>{t("connections.import.attendeesLead")}</p>
        <p className="field-hint">{t("connections.import.matching")}</p>
        <p className="field-hint">{t("connections.import.limits", { rows: formatNumber(MAX_IMPORT_ROWS, i18n.language), mb: String(MAX_IMPORT_BYTES / 1024 / 1024) })}</p>
        <AppForm method="post" encType="multipart/form-data" errors={result?.stage === "problems" && result.fileError ? { file: result.fileError } : undefined}>
          <Field name="file" type="file" label={t("connections.import.file")} accept=".xlsx,.csv" required error={result?.stage === "problems" ? result.fileError : undefined} />
          <Button variant="secondary">{t("connections.import.check")}</Button>
        </AppForm>
      </Card>
      {result?.stage === "problems" && result.problems.length ? <ImportProblems problems={result.problems} /> : null}
      {result?.stage === "preview" ? (
        <section className="card" aria-labelledby="preview-title">
          <h2 id="preview-title">{t("connections.import.previewTitle", { rows: formatNumber(result.summary.rows, i18n.language) })}</h2>
          <ImportSummaryText summary={result.summary} />
          <Form method="post">
            <input type="hidden" name="batchId" value={result.batchId} />
            <Button>{t("connections.import.confirm")}</Button>
          </Form>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("connections.import.row")}</th>
                  <th scope="col">{t("connections.person")}</th>
                  <th scope="col">{t("connections.position")}</th>
                  <th scope="col">{t("connections.organisation")}</th>
                  <th scope="col">{t("connections.import.message")}</th>
                </tr>
              </thead>
              <tbody>
                {result.preview.map((row: AttendeePlanRow) => (
                  <tr key={row.row}>
                    <td data-label={t("connections.import.row")}>{row.row}</td>
                    <td data-label={t("connections.person")}>{row.personName ?? "—"}</td>
                    <td data-label={t("connections.position")}>{row.position ?? "—"}</td>
                    <td data-label={t("connections.organisation")}>
                      <ResolutionText resolution={row.organisation} />
                    </td>
                    <td data-label={t("connections.import.message")}>
                      <Badge tone={row.action === "add" ? "success" : "neutral"}>{t(`connections.import.actions.${row.action}`)}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.summary.rows > result.preview.length ? <p className="field-hint">{t("connections.import.previewTruncated", { shown: String(result.preview.length) })}</p> : null}
        </section>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
