import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createCampaign } from "../modules/technology/commands.server";
import { listCampaigns } from "../modules/technology/queries.server";
import { CampaignSchema, OUTREACH_CHANNELS } from "../modules/technology/schemas";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatNumber } from "../lib/format";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tuyên truyền, tiếp cận doanh nghiệp – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  return { campaigns: await listCampaigns(getDb()), today: provinceDate(nowIso()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const parsed = parseForm(await readForm(request), CampaignSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { id } = await createCampaign(getDb(), user, parsed.value, context.clientIp);
  return redirectWithFlash(`/staff/technology/outreach/${id}`, t("technology.outreach.created"));
}

export default function OutreachCampaigns() {
  const { t, i18n } = useTranslation();
  const { campaigns, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values ?? {};
  return (
    <>
      <PageHeader title={t("technology.outreach.title")} lead={t("technology.outreach.lead")} actions={<Link to="/staff/technology">{t("technology.board.title")}</Link>} />
      <Card>
        {campaigns.length === 0 ? (
          <p>{t("technology.outreach.none")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t("technology.fields.heldOn")}</th>
                  <th>{t("technology.fields.title")}</th>
                  <th>{t("technology.fields.channel")}</th>
                  <th className="numeric">{t("technology.fields.reached")}</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((campaign) => (
                  <tr key={campaign.id}>
                    <td>{formatDate(campaign.held_on, i18n.language)}</td>
                    <td>
                      <Link to={`/staff/technology/outreach/${campaign.id}`}>{campaign.title}</Link>
                    </td>
                    <td>{t(`technology.channels.${campaign.channel}`)}</td>
                    <td className="numeric">{formatNumber(Number(campaign.reached), i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t("technology.outreach.new")}>
        <AppForm method="post" errors={failed?.errors}>
          <Field name="title" label={t("technology.fields.title")} required defaultValue={values.title} error={failed?.errors.title} />
          <div className="form-grid">
            <Field name="channel" as="select" label={t("technology.fields.channel")} required defaultValue={values.channel ?? "leaflet"} options={OUTREACH_CHANNELS.map((c) => ({ value: c, label: t(`technology.channels.${c}`) }))} error={failed?.errors.channel} />
            <Field name="heldOn" type="date" label={t("technology.fields.heldOn")} required defaultValue={values.heldOn ?? today} error={failed?.errors.heldOn} />
          </div>
          <Field name="note" as="textarea" rows={2} label={t("technology.fields.campaignNote")} defaultValue={values.note} error={failed?.errors.note} />
          <Button>{t("technology.outreach.new")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
