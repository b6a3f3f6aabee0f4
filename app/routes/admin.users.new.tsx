import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { createStaffAccount } from "../modules/accounts/commands.server";
import { STAFF_CREATED_ROLES } from "../modules/accounts/rules";
import { CreateUserSchema } from "../modules/accounts/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { echoedValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tạo tài khoản – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const result = parseForm(form, CreateUserSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const db = getDb();
  const outcome = await createStaffAccount(db, user, result.value, { ip: context.clientIp, t });
  if (!outcome.ok)
    return refusal(outcome.problems, t, { ok: false as const, values: echoedValues(Object.fromEntries(form)) });
  return redirectWithFlash(`/admin/users/${outcome.userId}`, t("users.created"));
}

export default function NewUserPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  return (
    <div className="narrow card">
      <PageHeader title={t("users.newTitle")} lead={t("users.newLead")} />
      <AppForm method="post" errors={errors}>
        <Field
          name="fullName"
          label={t("auth.fullName")}
          required
          defaultValue={values.fullName}
          error={errors?.fullName}
        />
        <Field
          name="email"
          type="email"
          label={t("auth.email")}
          required
          defaultValue={values.email}
          error={errors?.email}
        />
        <Field name="phone" type="tel" label={t("auth.phone")} defaultValue={values.phone} error={errors?.phone} />
        <Field
          name="role"
          as="select"
          label={t("users.role")}
          required
          defaultValue={values.role ?? "judge"}
          options={STAFF_CREATED_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          error={errors?.role}
        />
        <Button>{t("users.newTitle")}</Button>
      </AppForm>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
