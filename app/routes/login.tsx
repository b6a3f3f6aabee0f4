import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { attemptLogin } from "../modules/accounts/commands.server";
import { startLoginChallenge } from "../modules/accounts/two-factor.server";
import { LoginSchema } from "../modules/accounts/schemas";
import { getUser, startSession } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { parseForm, readForm } from "../lib/forms.server";
import { safeRedirectPath } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Đăng nhập – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), LoginSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const db = getDb();
  const outcome = await attemptLogin(db, result.value, context.clientIp);
  if (!outcome.ok) {
    const message = outcome.reason === "throttled" ? t("auth.tooManyAttempts") : t("auth.loginFailed");
    return data(
      { ok: false as const, errors: { _form: message }, values: { email: result.value.email } },
      { status: outcome.reason === "throttled" ? 429 : 401 },
    );
  }
  const challenge = await startLoginChallenge(db, request, {
    userId: outcome.userId,
    redirectTo: result.value.redirectTo,
    ip: context.clientIp,
  });
  if (challenge) return redirect("/login/two-factor", { headers: { "Set-Cookie": challenge } });
  const cookie = await startSession(db, request, outcome.userId, context.clientIp);
  return redirect(safeRedirectPath(result.value.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="narrow card">
      <PageHeader title={t("auth.loginTitle")} lead={t("auth.loginLead")} />
      <AppForm method="post" errors={errors}>
        <input type="hidden" name="redirectTo" value={search.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="username"
          required
          defaultValue={actionData?.values?.email}
          error={errors?.email}
          // A page that exists only to sign in: the e-mail field is where everyone starts (or what went wrong).
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus={!errors || !!errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("auth.password")}
          autoComplete="current-password"
          required
          error={errors?.password}
        />
        <div className="actions">
          <Button>{t("auth.loginButton")}</Button>
          <Link to="/forgot-password">{t("auth.forgotLink")}</Link>
        </div>
      </AppForm>
      <p>
        {t("auth.noAccount")} <Link to="/register">{t("nav.register")}</Link>
      </p>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
