import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { findUsableResetToken, resetPassword } from "../modules/accounts/commands.server";
import { ResetPasswordSchema } from "../modules/accounts/schemas";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Đặt lại mật khẩu – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const usable = token.length >= 10 && token.length <= 200 && !!(await findUsableResetToken(getDb(), token));
  return { token: usable ? token : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), ResetPasswordSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const done = await resetPassword(getDb(), result.value.token, result.value.password, context.clientIp);
  if (!done)
    return data({ ok: false as const, errors: { _form: t("auth.resetInvalid") }, values: {} }, { status: 400 });
  return redirectWithFlash("/login", t("auth.resetDone"));
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="narrow card">
      <PageHeader title={t("auth.resetTitle")} />
      {token ? (
        <AppForm method="post" errors={errors}>
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            type="password"
            label={t("auth.newPassword")}
            hint={t("auth.passwordHint")}
            autoComplete="new-password"
            required
            error={errors?.password}
          />
          <Field
            name="confirmPassword"
            type="password"
            label={t("auth.confirmPassword")}
            autoComplete="new-password"
            required
            error={errors?.confirmPassword}
          />
          <Button>{t("auth.resetButton")}</Button>
        </AppForm>
      ) : (
        <>
          <Notice tone="danger">{t("auth.resetInvalid")}</Notice>
          <p>
            <Link to="/forgot-password">{t("auth.forgotTitle")}</Link>
          </p>
        </>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
