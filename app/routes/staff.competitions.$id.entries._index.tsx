import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { screenEntries } from "../modules/competition/entries.server";
import { entryFigures, entryListState, getEdition, listEntries } from "../modules/competition/queries.server";
import { allowedStaffEvents, ENTRY_STATUSES } from "../modules/competition/rules";
import { BulkScreenSchema } from "../modules/competition/schemas";
import { type IntentRoles, requireIntent, requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { EntryStatusBadge } from "../ui/entry-status";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Notice, PageHeader } from "../ui/layout";
import { param } from "../lib/http.server";

/** Screening decides (staff, and admins who process like staff); leaders read. */
export const intents = { "bulk-screen": ["staff", "admin"] } satisfies IntentRoles;
const BULK_FORM = "bulk-screen";

export const meta: MetaFunction = () => [{ title: "Hồ sơ dự thi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const [page, figures] = await Promise.all([
    listEntries(db, edition.id, entryListState(new URL(request.url).searchParams)),
    entryFigures(db, edition.id),
  ]);
  const sectors = figures.bySector.map((row) => row.sector).filter((sector): sector is string => !!sector);
  const canScreen = intents["bulk-screen"].some((role) => role === user.role);
  const rows = page.rows.map((row) => ({
    ...row,
    // A row is ticked only when the state machine lets one of the bulk decisions leave from its status.
    screenable:
      canScreen && allowedStaffEvents(row.status, user.role).some((e) => e === "mark_valid" || e === "mark_invalid"),
  }));
  return {
    edition: { id: edition.id, name: edition.name },
    page: { ...page, rows },
    figures,
    categories: figures.categories,
    sectors,
    canScreen,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const form = await readForm(request);
  requireIntent(user, String(form.get("intent") ?? ""), intents);
  const selected = form.getAll("entryIds").filter((id): id is string => typeof id === "string");
  const echo = { selected, event: String(form.get("event") ?? ""), reason: String(form.get("reason") ?? "") };
  const result = parseForm(form, BulkScreenSchema, t);
  if (!result.ok) return data({ ...echo, errors: result.errors }, { status: 400 });
  const outcome = await screenEntries(db, user, edition.id, result.value, { t, ip: context.clientIp });
  if (!outcome.ok) return refusal(outcome.problems, t, echo);
  const search = new URL(request.url).searchParams;
  search.delete("index");
  const query = search.toString();
  return redirectWithFlash(
    `/staff/competitions/${edition.id}/entries${query ? `?${query}` : ""}`,
    t("entryExtras.bulk.done", { count: String(outcome.count) }),
  );
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function EntriesPage() {
  const { t, i18n } = useTranslation();
  const { edition, page, figures, categories, sectors, canScreen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const total = figures.byStatus.reduce((sum, row) => sum + row.count, 0);
  const selection: ColumnDef<Row>[] = [
    {
      id: "select",
      header: t("entryExtras.bulk.select"),
      cell: ({ row }) =>
        row.original.screenable ? (
          <input
            type="checkbox"
            name="entryIds"
            value={row.original.id}
            form={BULK_FORM}
            defaultChecked={actionData?.selected.includes(row.original.id)}
            aria-label={t("entryExtras.bulk.selectEntry", { project: row.original.project_name })}
          />
        ) : null,
    },
  ];
  const columns: ColumnDef<Row>[] = [
    ...(canScreen ? selection : []),
    {
      id: "receipt_number",
      header: t("entries.receipt"),
      enableSorting: true,
      cell: ({ row }) => row.original.receipt_number ?? "—",
    },
    {
      id: "project_name",
      header: t("entries.projectName"),
      enableSorting: true,
      cell: ({ row }) => (
        <Link to={`/staff/competitions/${edition.id}/entries/${row.original.id}`}>{row.original.project_name}</Link>
      ),
    },
    { id: "team", header: t("screening.team"), cell: ({ row }) => row.original.organisation_name },
    { id: "category", header: t("entries.category"), cell: ({ row }) => row.original.category_name ?? "—" },
    { id: "sector", header: t("entries.sector"), cell: ({ row }) => row.original.sector ?? "—" },
    {
      id: "status",
      header: t("competition.status"),
      enableSorting: true,
      cell: ({ row }) => <EntryStatusBadge status={row.original.status} />,
    },
    {
      id: "submitted_at",
      header: t("screening.submittedAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.submitted_at, i18n.language),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("screening.title")}
        lead={edition.name}
        actions={<Link to={`/staff/competitions/${edition.id}`}>{t("competition.settings")}</Link>}
      />
      <div className="grid">
        <Card title={t("competition.entriesCount")}>
          <p className="figure">{formatNumber(total, i18n.language)}</p>
        </Card>
        <Card title={t("screening.byCategory")}>
          <ul>
            {figures.byCategory.map((row) => (
              <li key={row.label ?? "none"}>
                {row.label ?? "—"}: <strong>{formatNumber(row.count, i18n.language)}</strong>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("screening.byStatus")}>
          <ul>
            {figures.byStatus.map((row) => (
              <li key={row.status}>
                <Link to={`?status=${row.status}`}>{t(`entries.statuses.${row.status}`)}</Link>:{" "}
                <strong>{formatNumber(row.count, i18n.language)}</strong>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <DataTable
        caption={t("screening.title")}
        page={page}
        columns={columns}
        searchLabel={t("screening.searchLabel")}
        exportPath={`/staff/competitions/${edition.id}/entries/export`}
        filters={
          <>
            <FilterSelect
              name="status"
              label={t("competition.status")}
              value={page.filters.status}
              allLabel={t("screening.allStatuses")}
              options={ENTRY_STATUSES.filter((s) => s !== "draft").map((s) => ({
                value: s,
                label: t(`entries.statuses.${s}`),
              }))}
            />
            <FilterSelect
              name="category"
              label={t("entries.category")}
              value={page.filters.category}
              allLabel={t("screening.allCategories")}
              options={categories.map((c) => ({ value: c.id, label: c.name }))}
            />
            <FilterSelect
              name="sector"
              label={t("entries.sector")}
              value={page.filters.sector}
              allLabel="—"
              options={sectors.map((s) => ({ value: s, label: s }))}
            />
            <FilterSelect
              name="due"
              label={t("todos.dueFilter")}
              value={page.filters.due}
              allLabel={t("todos.dueAll")}
              options={[{ value: "overdue", label: t("todos.dueOverdue") }]}
            />
          </>
        }
      />
      {canScreen ? <BulkScreenForm /> : null}
    </>
  );
}

/** The form the table's checkboxes belong to (by their `form` attribute: a form cannot hold the table's own). */
function BulkScreenForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> | undefined = actionData?.errors;
  const refused = Object.entries(errors ?? {}).filter(([field]) => field.startsWith("entry:"));
  return (
    <Card title={t("entryExtras.bulk.title")}>
      <p>{t("entryExtras.bulk.lead")}</p>
      {refused.length ? (
        <div className="notice notice-danger" role="alert">
          <p>{t("entryExtras.bulk.refused")}</p>
          <ul>
            {refused.map(([field, message]) => (
              <li key={field}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <AppForm method="post" id={BULK_FORM} errors={refused.length ? undefined : errors}>
        <input type="hidden" name="intent" value="bulk-screen" />
        {errors?.entryIds ? <Notice tone="danger">{errors.entryIds}</Notice> : null}
        <Field
          name="event"
          as="select"
          label={t("entryExtras.bulk.decision")}
          required
          defaultValue={actionData?.event}
          error={errors?.event}
          options={[
            { value: "", label: "—" },
            { value: "mark_valid", label: t("screening.markValid") },
            { value: "mark_invalid", label: t("screening.markInvalid") },
          ]}
        />
        <Field
          name="reason"
          as="textarea"
          rows={2}
          label={t("entryExtras.bulk.reason")}
          defaultValue={actionData?.reason}
          error={errors?.reason}
        />
        <Button>{t("entryExtras.bulk.apply")}</Button>
      </AppForm>
    </Card>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
