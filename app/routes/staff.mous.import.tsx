import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import {
  commitMouImport,
  prepareMouImport,
  problemMessages,
  readImportFile,
  type ImportSummary,
  type MouPlanRow,
} from "../modules/connections/imports.server";
import { ImportCommitSchema } from "../modules/connections/schemas";
import { MAX_IMPORT_BYTES } from "../modules/connections/sheet";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate } from "../lib/format";
import { isMultipartForm, parseForm, readForm, readMultipartForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { ImportPreview, ImportProblems, ImportUpload, ResolutionText, type ImportProblem } from "../ui/connections";
import { Badge, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Nhập danh sách MOU – Cổng ĐMST Quảng Ngãi" }];

const WRITERS = ["staff", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, WRITERS);
  return null;
}

type ActionResult =
  | { stage: "problems"; problems: ImportProblem[]; fileError?: string }
  | { stage: "preview"; batchId: string; preview: MouPlanRow[]; summary: ImportSummary };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const t = await getTranslator(request);
  const db = getDb();
  if (isMultipartForm(request)) {
    const form = await readMultipartForm(request, { maxFileBytes: MAX_IMPORT_BYTES });
    const upload = await readImportFile(form, t);
    if (!upload.ok)
      return data<ActionResult>(
        { stage: "problems", problems: [], fileError: upload.fileError },
        { status: upload.status },
      );
    const prepared = await prepareMouImport(db, user, upload.sheet, upload.fileName);
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
  const committed = await commitMouImport(db, user, result.value.batchId, context.clientIp);
  if (!committed.ok)
    return data<ActionResult>({ stage: "problems", problems: problemMessages(committed.problems, t) }, { status: 409 });
  const s = committed.summary;
  return redirectWithFlash(
    "/staff/mous",
    t("connections.import.imported", { add: String(s.add), skip: String(s.skip), created: String(s.newOrganisations) }),
  );
}

export default function ImportMousPage() {
  const { t, i18n } = useTranslation();
  const result = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={t("connections.import.mousTitle")}
        actions={<Link to="/staff/mous">{t("connections.backToMous")}</Link>}
      />
      <ImportUpload
        lead={t("connections.import.mousLead")}
        fileError={result?.stage === "problems" ? result.fileError : undefined}
      />
      {result?.stage === "problems" && result.problems.length ? <ImportProblems problems={result.problems} /> : null}
      {result?.stage === "preview" ? (
        <ImportPreview batchId={result.batchId} summary={result.summary} shown={result.preview.length}>
          <SimpleTable
            scroll={false}
            rows={result.preview}
            rowKey={(row: MouPlanRow) => row.row}
            columns={[
              { key: "row", header: t("connections.import.row"), cell: (row) => row.row },
              {
                key: "signedOn",
                header: t("connections.signedOn"),
                cell: (row) => formatDate(row.signedOn, i18n.language),
              },
              {
                key: "parties",
                header: t("connections.parties"),
                cell: (row) => (
                  <ul className="plain-list">
                    {row.parties.map((party, index) => (
                      <li key={index}>
                        <ResolutionText resolution={party} />
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                key: "pairing",
                header: t("connections.pairing"),
                cell: (row) => t(`connections.pairings.${row.pairing}`),
              },
              {
                key: "fields",
                header: t("connections.fields"),
                cell: (row) => row.fields.map((f) => t(`connections.mouFields.${f}`)).join("; "),
              },
              { key: "event", header: t("connections.event"), cell: (row) => row.eventTitle ?? "—" },
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
