import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { answerLoginChallenge, findOpenChallenge } from "../modules/accounts/two-factor.server";
import { TwoFactorCodeSchema } from "../modules/accounts/schemas";
import { clearLoginChallengeCookie, readLoginChallengeToken, startSession } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { fieldFailure, parseForm, readForm } from "../lib/forms.server";
import { safeRedirectPath } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Xác thực hai bước – Cổng ĐMST Quảng Ngãi" }];

/** The second step of a login: only with an open challenge (a right password less than ten minutes ago). */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = await readLoginChallengeToken(request);
  if (!token || !(await findOpenChallenge(getDb(), token))) throw redirect("/login");
  return null;
}

async function backToLogin(request: Request, message: string): Promise<Response> {
  return redirectWithFlash("/login", message, { "Set-Cookie": await clearLoginChallengeCookie(request) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const token = await readLoginChallengeToken(request);
  if (!token) return backToLogin(request, t("twoFactor.login.closed"));
  const result = parseForm(await readForm(request), TwoFactorCodeSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const db = getDb();
  const answer = await answerLoginChallenge(db, token, result.value.code, context.clientIp);
  if (!answer.ok) {
    if (answer.reason === "closed") return backToLogin(request, t("twoFactor.login.closed"));
    if (answer.reason === "throttled")
      return data(fieldFailure("_form", t("twoFactor.login.throttled")), { status: 429 });
    return data(fieldFailure("code", t("twoFactor.login.attemptsLeft", { count: answer.attemptsLeft })), {
      status: 401,
    });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(db, request, answer.userId, context.clientIp));
  headers.append("Set-Cookie", await clearLoginChallengeCookie(request));
  const to = safeRedirectPath(answer.redirectTo);
  if (answer.recoveryCodesLeft !== null)
    return redirectWithFlash(to, t("twoFactor.login.recoveryCodeUsed", { count: answer.recoveryCodesLeft }), headers);
  return redirect(to, { headers });
}

export default function LoginTwoFactorPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="narrow card">
      <PageHeader title={t("twoFactor.login.title")} lead={t("twoFactor.login.lead")} />
      <AppForm method="post" errors={errors}>
        <Field
          name="code"
          label={t("twoFactor.login.code")}
          hint={t("twoFactor.codeHint")}
          autoComplete="one-time-code"
          required
          error={errors?.code}
          // The page asks for this one code and nothing else, so the focus belongs in its only field.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
        />
        <div className="actions">
          <Button>{t("twoFactor.login.button")}</Button>
          <Link to="/login">{t("twoFactor.login.restart")}</Link>
        </div>
      </AppForm>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
