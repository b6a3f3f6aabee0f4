import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requestPasswordReset } from "../modules/accounts/commands.server";
import { ForgotPasswordSchema } from "../modules/accounts/schemas";
import { getDb } from "../lib/db.server";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Quên mật khẩu – Cổng ĐMST Quảng Ngãi" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), ForgotPasswordSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const db = getDb();
  const outcome = await requestPasswordReset(db, result.value.email, { ip: context.clientIp, t });
  if (!outcome.ok)
    return data(
      { ok: false as const, errors: { _form: t("auth.tooManyMailRequests") }, values: { email: result.value.email } },
      { status: 429 },
    );
  return { ok: true as const, errors: undefined, values: undefined };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="narrow card">
      <PageHeader title={t("auth.forgotTitle")} lead={t("auth.forgotLead")} />
      {actionData?.ok ? (
        <Notice tone="success">{t("auth.forgotSent")}</Notice>
      ) : (
        <AppForm method="post" errors={errors}>
          <Field
            name="email"
            type="email"
            label={t("auth.email")}
            autoComplete="email"
            required
            defaultValue={actionData?.values?.email}
            error={errors?.email}
          />
          <Button>{t("auth.forgotButton")}</Button>
        </AppForm>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
