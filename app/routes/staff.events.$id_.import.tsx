import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import {
  commitAttendeeImport,
  prepareAttendeeImport,
  problemMessages,
  readImportFile,
  type AttendeePlanRow,
  type ImportSummary,
} from "../modules/connections/imports.server";
import { getEvent } from "../modules/connections/queries.server";
import { ImportCommitSchema } from "../modules/connections/schemas";
import { MAX_IMPORT_BYTES } from "../modules/connections/sheet";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { isMultipartForm, parseForm, readForm, readMultipartForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";
import { ImportPreview, ImportProblems, ImportUpload, ResolutionText, type ImportProblem } from "../ui/connections";
import { Badge, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Nhập danh sách tham dự – Cổng ĐMST Quảng Ngãi" }];

const WRITERS = ["staff", "admin"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, WRITERS);
  const event = await getEvent(getDb(), param(params, "id"));
  return { event: { id: event.id, title: event.title } };
}

type ActionResult =
  | { stage: "problems"; problems: ImportProblem[]; fileError?: string }
  | { stage: "preview"; batchId: string; preview: AttendeePlanRow[]; summary: ImportSummary };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const t = await getTranslator(request);
  const db = getDb();
  const eventId = param(params, "id");
  if (isMultipartForm(request)) {
    const form = await readMultipartForm(request, { maxFileBytes: MAX_IMPORT_BYTES });
    const upload = await readImportFile(form, t);
    if (!upload.ok)
      return data<ActionResult>(
        { stage: "problems", problems: [], fileError: upload.fileError },
        { status: upload.status },
      );
    const prepared = await prepareAttendeeImport(db, user, eventId, upload.sheet, upload.fileName);
    if (!prepared.ok)
      return data<ActionResult>(
        { stage: "problems", problems: problemMessages(prepared.problems, t) },
        { status: 400 },
      );
    return data<ActionResult>({
      stage: "preview",
      batchId: prepared.batchId,
      preview: prepared.preview,
      summary: prepared.summary,
    });
  }
  const result = parseForm(await readForm(request), ImportCommitSchema, t);
  if (!result.ok)
    return data<ActionResult>({ stage: "problems", problems: [], fileError: t("errors.invalid") }, { status: 400 });
  const committed = await commitAttendeeImport(db, user, eventId, result.value.batchId, context.clientIp);
  if (!committed.ok)
    return data<ActionResult>({ stage: "problems", problems: problemMessages(committed.problems, t) }, { status: 409 });
  const s = committed.summary;
  return redirectWithFlash(
    `/staff/events/${eventId}#participants`,
    t("connections.import.imported", { add: String(s.add), skip: String(s.skip), created: String(s.newOrganisations) }),
  );
}

export default function ImportAttendeesPage() {
  const { t } = useTranslation();
  const { event } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={t("connections.import.attendeesTitle")}
        lead={event.title}
        actions={<Link to={`/staff/events/${event.id}`}>{t("connections.backToEvent")}</Link>}
      />
      <ImportUpload
        lead={t("connections.import.attendeesLead")}
        fileError={result?.stage === "problems" ? result.fileError : undefined}
      />
      {result?.stage === "problems" && result.problems.length ? <ImportProblems problems={result.problems} /> : null}
      {result?.stage === "preview" ? (
        <ImportPreview batchId={result.batchId} summary={result.summary} shown={result.preview.length}>
          <SimpleTable
            scroll={false}
            rows={result.preview}
            rowKey={(row: AttendeePlanRow) => row.row}
            columns={[
              { key: "row", header: t("connections.import.row"), cell: (row) => row.row },
              { key: "person", header: t("connections.person"), cell: (row) => row.personName ?? "—" },
              { key: "position", header: t("connections.position"), cell: (row) => row.position ?? "—" },
              {
                key: "organisation",
                header: t("connections.organisation"),
                cell: (row) => <ResolutionText resolution={row.organisation} />,
              },
              {
                key: "message",
                header: t("connections.import.message"),
                cell: (row) => (
                  <Badge tone={row.action === "add" ? "success" : "neutral"}>
                    {t(`connections.import.actions.${row.action}`)}
                  </Badge>
                ),
              },
            ]}
          />
        </ImportPreview>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
