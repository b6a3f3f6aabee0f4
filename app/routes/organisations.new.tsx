import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { createOrganisation } from "../modules/organisations/commands.server";
import { OrganisationSchema } from "../modules/organisations/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { echoedValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button } from "../ui/form";
import { PageHeader } from "../ui/layout";
import { OrganisationFields } from "../ui/organisation-fields";

export const meta: MetaFunction = () => [{ title: "Thêm tổ chức – Cổng ĐMST Quảng Ngãi" }];

const EDITORS = ["staff", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, EDITORS);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, EDITORS);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const result = parseForm(form, OrganisationSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const outcome = await createOrganisation(getDb(), user, result.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values: echoedValues(Object.fromEntries(form)) });
  return redirectWithFlash(`/organisations/${outcome.id}`, t("organisations.created"));
}

export default function NewOrganisationPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="card">
      <PageHeader title={t("organisations.newTitle")} />
      <AppForm method="post" errors={actionData?.errors}>
        <OrganisationFields values={actionData?.values ?? {}} errors={actionData?.errors} />
        <Button>{t("common.save")}</Button>
      </AppForm>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
