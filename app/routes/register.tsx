import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { registerApplicant } from "../modules/accounts/commands.server";
import { RegisterSchema, SELF_REGISTERED_KINDS } from "../modules/accounts/schemas";
import { getUser, startSession } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { echoedValues, fieldFailure, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Đăng ký – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getTranslator(request);
  const form = await readForm(request);
  const result = parseForm(form, RegisterSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const db = getDb();
  const outcome = await registerApplicant(db, result.value, { ip: context.clientIp, t });
  if (!outcome.ok && "reason" in outcome)
    return data(fieldFailure("_form", t("auth.tooManyMailRequests"), Object.fromEntries(form)), { status: 429 });
  if (!outcome.ok)
    return refusal(outcome.problems, t, { ok: false as const, values: echoedValues(Object.fromEntries(form)) });
  const cookie = await startSession(db, request, outcome.userId, context.clientIp);
  return redirect("/home", { headers: { "Set-Cookie": cookie } });
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="narrow card">
      <PageHeader title={t("auth.registerTitle")} lead={t("auth.registerLead")} />
      <AppForm method="post" errors={errors}>
        <Field
          name="fullName"
          label={t("auth.fullName")}
          autoComplete="name"
          required
          defaultValue={values.fullName}
          error={errors?.fullName}
        />
        <Field
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="email"
          required
          defaultValue={values.email}
          error={errors?.email}
        />
        <Field
          name="phone"
          type="tel"
          label={t("auth.phone")}
          autoComplete="tel"
          defaultValue={values.phone}
          error={errors?.phone}
        />
        <Field
          name="organisationKind"
          as="select"
          label={t("auth.organisationKind")}
          required
          defaultValue={values.organisationKind ?? "startup_team"}
          options={SELF_REGISTERED_KINDS.map((kind) => ({ value: kind, label: t(`orgKinds.${kind}`) }))}
          error={errors?.organisationKind}
        />
        <Field
          name="organisationName"
          label={t("auth.organisationName")}
          autoComplete="organization"
          required
          defaultValue={values.organisationName}
          error={errors?.organisationName}
        />
        <Field
          name="taxCode"
          label={t("auth.taxCode")}
          hint={t("auth.taxCodeHint")}
          defaultValue={values.taxCode}
          error={errors?.taxCode}
        />
        <Field
          name="password"
          type="password"
          label={t("auth.password")}
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
        <CheckboxField
          name="consent"
          label={t("auth.consent")}
          error={errors?.consent}
          defaultChecked={values.consent === "on"}
        />
        <div className="actions">
          <Button>{t("auth.registerButton")}</Button>
        </div>
      </AppForm>
      <p>
        {t("auth.haveAccount")} <Link to="/login">{t("nav.login")}</Link>
      </p>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
