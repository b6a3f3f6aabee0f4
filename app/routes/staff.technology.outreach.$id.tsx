import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { addCampaignRecipient, importRecipients } from "../modules/technology/commands.server";
import { getCampaign, listRecipients, recipientListState } from "../modules/technology/queries.server";
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  RECIPIENT_COLUMNS,
  RecipientRowSchema,
} from "../modules/technology/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { storedFileName } from "../lib/file-name";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatNumber } from "../lib/format";
import { isMultipartForm, readForm, readMultipartForm, refusal } from "../lib/forms.server";
import { kindOf } from "../lib/outcome";
import { getTranslator } from "../lib/locale.server";
import { readSpreadsheet, validateRows, type RowError } from "../lib/spreadsheet-import.server";
import { normaliseTaxCode, TAX_CODE_PATTERN } from "../lib/validation";
import { param } from "../lib/http.server";
import { DataTable, type ColumnDef } from "../ui/data-table";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Facts, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.campaign.title ?? "Đợt tuyên truyền"} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { campaign, total } = await getCampaign(db, param(params, "id"));
  const page = await listRecipients(db, campaign.id, recipientListState(new URL(request.url).searchParams));
  return { campaign, total, page, maxMb: String(MAX_IMPORT_BYTES / 1024 / 1024), maxRows: MAX_IMPORT_ROWS };
}

type ActionResult = {
  intent: "add" | "import";
  errors: Record<string, string>;
  rowErrors?: RowError[];
  moreErrors?: number;
};

/** Adding one enterprise reached, or importing the list (the multipart form). */
/** The Department: staff, leaders and admins (a literal: this table is also read by the client bundle). */
const DEPARTMENT = ["staff", "leader", "admin"] as const;
export const intents = { add: DEPARTMENT, import: DEPARTMENT } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const id = param(params, "id");
  const multipart = isMultipartForm(request);
  requireIntent(user, multipart ? "import" : "add", intents);
  await getCampaign(db, id);
  if (multipart) {
    const form = await readMultipartForm(request, { maxFileBytes: MAX_IMPORT_BYTES });
    const file = form.get("file");
    const sheet = await readSpreadsheet(file, { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS });
    if (!sheet.ok) {
      const message = {
        missing: t("technology.import.fileMissing"),
        tooLarge: t("technology.import.fileTooLarge", { max: String(MAX_IMPORT_BYTES / 1024 / 1024) }),
        type: t("technology.import.fileType"),
        unreadable: t("technology.import.unreadable"),
        empty: t("technology.import.empty"),
        tooManyRows: t("technology.import.tooManyRows", {
          rows: formatNumber(sheet.rows ?? 0, "vi"),
          max: formatNumber(MAX_IMPORT_ROWS, "vi"),
        }),
      }[sheet.problem];
      return data<ActionResult>(
        { intent: "import", errors: { file: message } },
        { status: sheet.problem === "tooLarge" ? 413 : 400 },
      );
    }
    const checked = validateRows(sheet, RECIPIENT_COLUMNS, RecipientRowSchema, t, {
      missingColumnMessage: (column) => t("technology.import.missingColumn", { column }),
    });
    if (!checked.ok)
      return data<ActionResult>(
        {
          intent: "import",
          errors: { file: t("technology.outreach.importErrors") },
          rowErrors: checked.errors,
          moreErrors: checked.total - checked.errors.length,
        },
        { status: 400 },
      );
    const fileName = storedFileName(file instanceof File ? file.name : null, "danh-sach");
    const outcome = await importRecipients(db, user, id, checked.rows, fileName, context.clientIp);
    if (!outcome.ok) {
      const rowErrors = outcome.errors.slice(0, 200).map((e) => ({
        row: e.row,
        column: e.column,
        message: (t as (key: string, params?: object) => string)(e.key, e.params ?? {}),
      }));
      return data<ActionResult>(
        {
          intent: "import",
          errors: { file: t("technology.outreach.importErrors") },
          rowErrors,
          moreErrors: outcome.errors.length - rowErrors.length,
        },
        { status: 400 },
      );
    }
    return redirectWithFlash(
      `/staff/technology/outreach/${id}`,
      t("technology.outreach.imported", {
        rows: formatNumber(outcome.rows, "vi"),
        created: formatNumber(outcome.created, "vi"),
        added: formatNumber(outcome.added, "vi"),
      }),
    );
  }
  const form = await readForm(request);
  const code = normaliseTaxCode(String(form.get("taxCode") ?? "").trim());
  if (!TAX_CODE_PATTERN.test(code))
    return data<ActionResult>({ intent: "add", errors: { taxCode: t("errors.taxCode") } }, { status: 400 });
  const organisation = await db
    .selectFrom("organisations")
    .select("id")
    .where("tax_code", "=", code)
    .executeTakeFirst();
  if (!organisation)
    return data<ActionResult>(
      { intent: "add", errors: { taxCode: t("technology.problems.unknownOrganisation") } },
      { status: 400 },
    );
  const outcome = await addCampaignRecipient(db, user, id, organisation.id, context.clientIp);
  // The form has one field: the enterprise was found by it, so whatever is refused is said next to it.
  if (!outcome.ok)
    return refusal(
      outcome.problems.map((problem) => ({ ...problem, field: "taxCode", kind: kindOf(problem) })),
      t,
      { intent: "add" },
    );
  return redirectWithFlash(`/staff/technology/outreach/${id}`, t("technology.outreach.recipientAdded"));
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function OutreachCampaign() {
  const { t, i18n } = useTranslation();
  const { campaign, page, total, maxMb, maxRows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "name",
      header: t("technology.fields.enterprise"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/staff/technology/enterprises/${row.original.id}`}>{row.original.name}</Link>,
    },
    { id: "tax_code", header: t("technology.fields.taxCode"), cell: ({ row }) => row.original.tax_code ?? "—" },
    { id: "sector", header: t("technology.fields.sector"), cell: ({ row }) => row.original.sector ?? "—" },
  ];
  return (
    <>
      <PageHeader
        title={campaign.title}
        lead={t(`technology.channels.${campaign.channel}`)}
        actions={<Link to="/staff/technology/outreach">{t("technology.outreach.back")}</Link>}
      />
      <Card>
        <Facts
          items={[
            [t("technology.fields.heldOn"), formatDate(campaign.held_on, i18n.language)],
            [t("technology.fields.channel"), t(`technology.channels.${campaign.channel}`)],
            [t("technology.fields.reached"), formatNumber(total, i18n.language)],
          ]}
        />
        {campaign.note ? <p className="pre-line">{campaign.note}</p> : null}
      </Card>

      <Card title={t("technology.outreach.import")}>
        <p>{t("technology.outreach.importLead")}</p>
        <AppForm
          method="post"
          encType="multipart/form-data"
          errors={result?.intent === "import" ? result.errors : undefined}
        >
          <Field
            name="file"
            type="file"
            label={t("technology.outreach.importFile")}
            hint={`XLSX, CSV – ≤ ${maxMb} MB, ≤ ${formatNumber(maxRows, i18n.language)}`}
            accept=".xlsx,.csv"
            required
            error={result?.intent === "import" ? result.errors.file : undefined}
          />
          <Button>{t("technology.outreach.importButton")}</Button>
        </AppForm>
        {result?.intent === "import" && result.rowErrors?.length ? (
          <div className="table-scroll">
            <SimpleTable
              className="import-errors"
              scroll={false}
              rows={result.rowErrors}
              rowKey={(error: RowError, index) => `${error.row}-${error.column}-${index}`}
              columns={[
                { key: "row", header: t("technology.outreach.row"), cell: (error) => error.row },
                { key: "column", header: t("technology.outreach.column"), cell: (error) => error.column },
                { key: "message", header: t("technology.outreach.message"), cell: (error) => error.message },
              ]}
            />
            {result.moreErrors ? (
              <p>{t("technology.outreach.moreErrors", { count: formatNumber(result.moreErrors, i18n.language) })}</p>
            ) : null}
          </div>
        ) : null}
      </Card>

      <Card title={t("technology.outreach.recipients")}>
        <AppForm
          key={total}
          method="post"
          errors={result?.intent === "add" ? result.errors : undefined}
          className="inline-fields"
        >
          <Field
            name="taxCode"
            label={`${t("technology.outreach.addRecipient")} – ${t("technology.fields.taxCode")}`}
            required
            error={result?.intent === "add" ? result.errors.taxCode : undefined}
          />
          <Button variant="secondary">{t("technology.outreach.addRecipient")}</Button>
        </AppForm>
        <DataTable
          caption={t("technology.outreach.recipients")}
          page={page}
          columns={columns}
          searchLabel={t("technology.outreach.searchRecipient")}
          exportPath={`/staff/technology/outreach/${campaign.id}/export`}
        />
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
