import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { createEdition, requireEditionManager } from "../modules/competition/editions.server";
import { EditionSchema } from "../modules/competition/schemas";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { EditionFields, NEW_EDITION_DEFAULTS } from "../ui/edition-setup";
import { AppForm, Button } from "../ui/form";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tạo kỳ thi mới – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  requireEditionManager(user);
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), EditionSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const id = await createEdition(getDb(), user, result.value, context.clientIp);
  return redirectWithFlash(`/staff/competitions/${id}`, t("competition.created"));
}

export default function NewEditionPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  return (
    <div className="card">
      <PageHeader title={t("competition.newEdition")} lead={t("competition.newLead")} />
      <AppForm method="post" errors={actionData?.errors}>
        <EditionFields values={actionData?.values ?? NEW_EDITION_DEFAULTS} errors={actionData?.errors} />
        <Button>{t("competition.newEdition")}</Button>
      </AppForm>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
