import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { createCampaign } from "../modules/technology/commands.server";
import { campaignListState, listCampaigns } from "../modules/technology/queries.server";
import { CampaignSchema, OUTREACH_CHANNELS } from "../modules/technology/schemas";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatNumber } from "../lib/format";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { AppForm, Button, Field } from "../ui/form";
import { Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tuyên truyền, tiếp cận doanh nghiệp – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const page = await listCampaigns(getDb(), campaignListState(new URL(request.url).searchParams));
  const today = provinceDate(nowIso());
  const thisYear = Number(today.slice(0, 4));
  return { page, today, years: Array.from({ length: thisYear - 2019 }, (_, i) => String(thisYear - i)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const parsed = parseForm(await readForm(request), CampaignSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { id } = await createCampaign(getDb(), user, parsed.value, context.clientIp);
  return redirectWithFlash(`/staff/technology/outreach/${id}`, t("technology.outreach.created"));
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function OutreachCampaigns() {
  const { t, i18n } = useTranslation();
  const { page, today, years } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values ?? {};
  const columns: ColumnDef<Row>[] = [
    {
      id: "held_on",
      header: t("technology.fields.heldOn"),
      enableSorting: true,
      cell: ({ row }) => formatDate(row.original.held_on, i18n.language),
    },
    {
      id: "title",
      header: t("technology.fields.title"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/staff/technology/outreach/${row.original.id}`}>{row.original.title}</Link>,
    },
    {
      id: "channel",
      header: t("technology.fields.channel"),
      cell: ({ row }) => t(`technology.channels.${row.original.channel}`),
    },
    {
      id: "reached",
      header: t("technology.fields.reached"),
      enableSorting: true,
      cell: ({ row }) => <span className="numeric">{formatNumber(row.original.reached, i18n.language)}</span>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t("technology.outreach.title")}
        lead={t("technology.outreach.lead")}
        actions={<Link to="/staff/technology">{t("technology.board.title")}</Link>}
      />
      <DataTable
        caption={t("technology.outreach.title")}
        page={page}
        columns={columns}
        searchLabel={t("technology.fields.title")}
        exportPath="/staff/technology/outreach/export"
        filters={
          <>
            <FilterSelect
              name="channel"
              label={t("technology.fields.channel")}
              value={page.filters.channel}
              allLabel={t("technology.outreach.allChannels")}
              options={OUTREACH_CHANNELS.map((c) => ({ value: c, label: t(`technology.channels.${c}`) }))}
            />
            <FilterSelect
              name="year"
              label={t("technology.outreach.year")}
              value={page.filters.year}
              allLabel={t("technology.fields.allYears")}
              options={years.map((y) => ({ value: y, label: y }))}
            />
          </>
        }
      />
      <Card title={t("technology.outreach.new")}>
        <AppForm method="post" errors={failed?.errors}>
          <Field
            name="title"
            label={t("technology.fields.title")}
            required
            defaultValue={values.title}
            error={failed?.errors.title}
          />
          <div className="form-grid">
            <Field
              name="channel"
              as="select"
              label={t("technology.fields.channel")}
              required
              defaultValue={values.channel ?? "leaflet"}
              options={OUTREACH_CHANNELS.map((c) => ({ value: c, label: t(`technology.channels.${c}`) }))}
              error={failed?.errors.channel}
            />
            <Field
              name="heldOn"
              type="date"
              label={t("technology.fields.heldOn")}
              required
              defaultValue={values.heldOn ?? today}
              error={failed?.errors.heldOn}
            />
          </div>
          <Field
            name="note"
            as="textarea"
            rows={2}
            label={t("technology.fields.campaignNote")}
            defaultValue={values.note}
            error={failed?.errors.note}
          />
          <Button>{t("technology.outreach.new")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
