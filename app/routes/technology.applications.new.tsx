import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { myEnterprises } from "../modules/sme/queries.server";
import { createApplication } from "../modules/technology/commands.server";
import { NewApplicationSchema } from "../modules/technology/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Notice, PageHeader } from "../ui/layout";
import { ApplicationFields } from "../ui/technology";

export const meta: MetaFunction = () => [
  { title: "Đăng ký tham gia Chương trình đổi mới công nghệ – Cổng ĐMST Quảng Ngãi" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const enterprises = await myEnterprises(getDb(), user);
  return { enterprises: enterprises.map((e) => ({ id: e.id, name: e.name })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const t = await getTranslator(request);
  const parsed = parseForm(await readForm(request), NewApplicationSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { organisationId, ...input } = parsed.value;
  // Someone else's enterprise is refused with 403 by the command.
  const { id } = await createApplication(getDb(), user, organisationId, input, context.clientIp);
  return redirectWithFlash(`/technology/applications/${id}`, t("technology.my.saved"));
}

export default function NewTechnologyApplication() {
  const { t } = useTranslation();
  const { enterprises } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={t("technology.my.newTitle")}
        lead={t("technology.my.newLead")}
        actions={<Link to="/technology">{t("technology.my.title")}</Link>}
      />
      {enterprises.length === 0 ? (
        <Notice>{t("technology.my.noEnterprise")}</Notice>
      ) : (
        <Card>
          <AppForm method="post" errors={failed?.errors}>
            <Field
              name="organisationId"
              as="select"
              label={t("technology.fields.enterprise")}
              required
              defaultValue={failed?.values.organisationId ?? (enterprises.length === 1 ? enterprises[0].id : "")}
              options={[
                { value: "", label: t("technology.fields.chooseEnterprise") },
                ...enterprises.map((e) => ({ value: e.id, label: e.name })),
              ]}
              error={failed?.errors.organisationId}
            />
            <ApplicationFields values={failed?.values} errors={failed?.errors} />
            <Button>{t("technology.my.saveDraft")}</Button>
          </AppForm>
        </Card>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
