import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { saveIncubatorProfile } from "../modules/incubation/commands.server";
import { BOARD_ROLES, getIncubator } from "../modules/incubation/queries.server";
import { SERVICE_KINDS } from "../modules/incubation/rules";
import { IncubatorProfileSchema } from "../modules/incubation/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatNumber } from "../lib/format";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { Card, Facts, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.incubator.name ?? "Tổ chức ươm tạo"} – Cổng ĐMST Quảng Ngãi` },
];

const KEEPERS = ["staff", "admin", "incubator_manager"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOARD_ROLES);
  const incubator = await getIncubator(getDb(), user, param(params, "id"));
  return { incubator, canEdit: (KEEPERS as readonly string[]).includes(user.role) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, KEEPERS);
  const t = await getTranslator(request);
  const db = getDb();
  const incubator = await getIncubator(db, user, param(params, "id"));
  const result = parseForm(await readForm(request), IncubatorProfileSchema, t);
  if (!result.ok) return data({ errors: result.errors, values: result.values }, { status: 400 });
  await saveIncubatorProfile(db, user, incubator.id, result.value, context.clientIp);
  return redirectWithFlash(`/staff/incubators/${incubator.id}`, t("incubation.profileSaved"));
}

export default function Incubator() {
  const { t, i18n } = useTranslation();
  const { incubator, canEdit } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const offered = new Set(incubator.services_offered ? incubator.services_offered.split(",") : []);
  const number = (value: number) => formatNumber(value, i18n.language);
  return (
    <>
      <PageHeader
        title={incubator.name}
        lead={incubator.description ?? undefined}
        actions={<Link to="/staff/incubators">{t("incubation.incubatorsTitle")}</Link>}
      />
      <Card>
        <Facts
          items={[
            [
              t("incubation.capacity"),
              incubator.capacity === null ? t("incubation.noProfile") : number(incubator.capacity),
            ],
            [
              t("incubation.hosting"),
              <Link key="hosting" to={`/staff/incubation?incubator=${incubator.id}`}>
                {number(Number(incubator.hosting))}
              </Link>,
            ],
            [t("incubation.allTime"), number(Number(incubator.all_time))],
            [
              t("incubation.servicesOffered"),
              offered.size
                ? [...offered].map((kind) => t(`incubation.serviceKinds.${kind as "workspace"}`)).join(", ")
                : "—",
            ],
          ]}
        />
      </Card>
      {canEdit ? (
        <Card title={t("incubation.editProfile")}>
          <AppForm method="post" errors={failed?.errors}>
            <Field
              name="capacity"
              type="number"
              label={t("incubation.capacity")}
              required
              defaultValue={String(failed?.values.capacity ?? incubator.capacity ?? "")}
              error={failed?.errors.capacity}
            />
            <fieldset className="checkbox-group">
              <legend>{t("incubation.servicesOffered")}</legend>
              {SERVICE_KINDS.map((kind) => (
                <CheckboxField
                  key={kind}
                  name="servicesOffered"
                  value={kind}
                  label={t(`incubation.serviceKinds.${kind}`)}
                  defaultChecked={offered.has(kind)}
                />
              ))}
              {failed?.errors.servicesOffered ? <p className="field-error">{failed.errors.servicesOffered}</p> : null}
            </fieldset>
            <Field
              name="description"
              as="textarea"
              label={t("incubation.description")}
              defaultValue={String(failed?.values.description ?? incubator.description ?? "")}
              error={failed?.errors.description}
            />
            <Button>{t("incubation.saveProfile")}</Button>
          </AppForm>
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
