import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePassword, updateProfile } from "../modules/accounts/commands.server";
import { getUserById, organisationsOfUser } from "../modules/accounts/queries.server";
import { ChangePasswordSchema, ProfileSchema } from "../modules/accounts/schemas";
import { requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Facts, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tài khoản của tôi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const [profile, organisations] = await Promise.all([getUserById(db, user.id), organisationsOfUser(db, user.id)]);
  return { profile: profile!, organisations, twoFactorEnabled: !!user.twoFactorEnabled };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const db = getDb();
  if (form.get("intent") === "password") {
    const result = parseForm(form, ChangePasswordSchema, t);
    if (!result.ok) return data({ ...result, intent: "password" as const }, { status: 400 });
    if (!(await changePassword(db, user, result.value, context.clientIp))) {
      return data(
        {
          ok: false as const,
          intent: "password" as const,
          errors: { currentPassword: t("account.wrongPassword") },
          values: {},
        },
        { status: 400 },
      );
    }
    return redirectWithFlash("/account", t("account.passwordChanged"));
  }
  const result = parseForm(form, ProfileSchema, t);
  if (!result.ok) return data({ ...result, intent: "profile" as const }, { status: 400 });
  await updateProfile(db, user, result.value, context.clientIp);
  return redirectWithFlash("/account", t("account.profileSaved"));
}

export default function AccountPage() {
  const { t, i18n } = useTranslation();
  const { profile, organisations, twoFactorEnabled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const profileErrors = actionData?.intent === "profile" ? (actionData.errors as Record<string, string>) : undefined;
  const passwordErrors = actionData?.intent === "password" ? (actionData.errors as Record<string, string>) : undefined;
  return (
    <>
      <PageHeader title={t("account.title")} />
      <Card title={t("account.myData")}>
        <p className="lead">{t("account.myDataLead")}</p>
        <Facts
          items={[
            [t("auth.fullName"), profile.full_name],
            [t("auth.email"), profile.email],
            [t("auth.phone"), profile.phone],
            [t("users.role"), t(`roles.${profile.role}`)],
            [t("users.lastLogin"), formatDateTime(profile.last_login_at, i18n.language)],
          ]}
        />
        {organisations.length ? (
          <>
            <h3>{t("account.organisations")}</h3>
            <ul>
              {organisations.map((organisation) => (
                <li key={organisation.id}>
                  <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
      <div className="grid">
        <Card title={t("account.profile")}>
          <AppForm method="post" errors={profileErrors}>
            <input type="hidden" name="intent" value="profile" />
            <Field
              name="fullName"
              label={t("auth.fullName")}
              required
              defaultValue={profile.full_name}
              error={profileErrors?.fullName}
            />
            <Field
              name="phone"
              type="tel"
              label={t("auth.phone")}
              defaultValue={profile.phone}
              error={profileErrors?.phone}
            />
            <Button>{t("account.save")}</Button>
          </AppForm>
        </Card>
        <Card title={t("twoFactor.title")}>
          <p>{t("twoFactor.lead")}</p>
          <Facts
            items={[[t("twoFactor.status"), twoFactorEnabled ? t("twoFactor.statusOn") : t("twoFactor.statusOff")]]}
          />
          <Link to="/account/two-factor">{twoFactorEnabled ? t("twoFactor.manage") : t("twoFactor.start")}</Link>
        </Card>
        <Card title={t("account.changePassword")}>
          <AppForm method="post" errors={passwordErrors}>
            <input type="hidden" name="intent" value="password" />
            <Field
              name="currentPassword"
              type="password"
              label={t("account.currentPassword")}
              autoComplete="current-password"
              required
              error={passwordErrors?.currentPassword}
            />
            <Field
              name="password"
              type="password"
              label={t("auth.newPassword")}
              hint={t("auth.passwordHint")}
              autoComplete="new-password"
              required
              error={passwordErrors?.password}
            />
            <Field
              name="confirmPassword"
              type="password"
              label={t("auth.confirmPassword")}
              autoComplete="new-password"
              required
              error={passwordErrors?.confirmPassword}
            />
            <Button>{t("account.changePassword")}</Button>
          </AppForm>
        </Card>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
