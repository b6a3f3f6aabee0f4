import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { changePassword, updateProfile } from "../modules/accounts/commands.server";
import { getUserById, organisationsOfUser } from "../modules/accounts/queries.server";
import { ChangePasswordSchema, ProfileSchema } from "../modules/accounts/schemas";
import { fileRequest, requestsOf } from "../modules/privacy/requests.server";
import { REQUEST_KINDS } from "../modules/privacy/rules";
import { FileRequestSchema } from "../modules/privacy/schemas";
import { requireIntent, requireUser, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Badge, Card, Facts, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Tài khoản của tôi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const [profile, organisations, requests] = await Promise.all([
    getUserById(db, user.id),
    organisationsOfUser(db, user.id),
    requestsOf(db, user.id),
  ]);
  return { profile: profile!, organisations, requests, twoFactorEnabled: !!user.twoFactorEnabled };
}

const EVERYONE = ["applicant", "judge", "staff", "leader", "incubator_manager", "admin"] as const;
/** Every signed-in person keeps their own profile, password and personal-data requests. */
export const intents = { profile: EVERYONE, password: EVERYONE, request: EVERYONE } satisfies IntentRoles;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const db = getDb();
  // A form without an intent is the profile form (as it was before intents were declared).
  const intent = requireIntent(user, String(form.get("intent") ?? "profile"), intents);
  if (intent === "request") {
    const result = parseForm(form, FileRequestSchema, t);
    if (!result.ok) return data({ ...result, intent: "request" as const }, { status: 400 });
    const outcome = await fileRequest(db, user, result.value, { t, ip: context.clientIp });
    if (!outcome.ok)
      return refusal(outcome.problems, t, { ok: false as const, intent: "request" as const, values: {} });
    return redirectWithFlash("/account#privacy", t("privacy.requests.filed"));
  }
  if (intent === "password") {
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
  const { profile, organisations, requests, twoFactorEnabled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const profileErrors = actionData?.intent === "profile" ? (actionData.errors as Record<string, string>) : undefined;
  const passwordErrors = actionData?.intent === "password" ? (actionData.errors as Record<string, string>) : undefined;
  const requestErrors = actionData?.intent === "request" ? (actionData.errors as Record<string, string>) : undefined;
  const requestValues =
    actionData?.intent === "request" && "values" in actionData ? (actionData.values as Record<string, string>) : {};
  const withdrawal = requests.find((r) => r.kind === "consent_withdrawal" && r.status !== "refused");
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
      <section className="card" id="privacy" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t("privacy.requests.accountTitle")}</h2>
        <p>{t("privacy.requests.accountLead")}</p>
        {withdrawal ? (
          <p>
            {t("privacy.requests.consentWithdrawnAt", { at: formatDateTime(withdrawal.received_at, i18n.language) })}{" "}
            {t("privacy.requests.consentRecordOnly")}
          </p>
        ) : null}
        <h3>{t("privacy.requests.mine")}</h3>
        {requests.length ? (
          <SimpleTable
            caption={t("privacy.requests.mine")}
            rows={requests}
            rowKey={(r) => r.id}
            columns={[
              { key: "kind", header: t("privacy.requests.kind"), cell: (r) => t(`privacy.requests.kinds.${r.kind}`) },
              {
                key: "status",
                header: t("privacy.requests.status"),
                cell: (r) => <Badge tone="neutral">{t(`privacy.requests.statuses.${r.status}`)}</Badge>,
              },
              {
                key: "received",
                header: t("privacy.requests.receivedAt"),
                cell: (r) => formatDateTime(r.received_at, i18n.language),
              },
              {
                key: "due",
                header: t("privacy.requests.dueAt"),
                cell: (r) => (
                  <>
                    {formatDateTime(r.due_at, i18n.language)}
                    <br />
                    <small>{r.legal_source}</small>
                  </>
                ),
              },
              {
                key: "reply",
                header: t("privacy.requests.reply"),
                cell: (r) => (
                  <>
                    {r.reply ?? "—"}
                    {r.kind === "access" && r.status === "done" ? (
                      <>
                        <br />
                        <a href={`/account/requests/${r.id}/export`} download>
                          {t("privacy.requests.download")}
                        </a>
                      </>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        ) : (
          <p>{t("privacy.requests.none")}</p>
        )}
        <AppForm method="post" errors={requestErrors}>
          <input type="hidden" name="intent" value="request" />
          <Field
            name="kind"
            as="select"
            label={t("privacy.requests.kind")}
            required
            defaultValue={requestValues.kind ?? ""}
            error={requestErrors?.kind}
            options={REQUEST_KINDS.map((kind) => ({ value: kind, label: t(`privacy.requests.kinds.${kind}`) }))}
          />
          <Field
            name="details"
            as="textarea"
            label={t("privacy.requests.details")}
            hint={t("privacy.requests.detailsHint")}
            required
            defaultValue={requestValues.details ?? ""}
            error={requestErrors?.details}
          />
          <Button>{t("privacy.requests.file")}</Button>
        </AppForm>
      </section>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
