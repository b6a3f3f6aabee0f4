import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { updateUserAccess } from "../modules/accounts/commands.server";
import { getUserById, organisationsOfUser } from "../modules/accounts/queries.server";
import { USER_ROLES } from "../modules/accounts/rules";
import { ResetTwoFactorSchema, UpdateUserSchema } from "../modules/accounts/schemas";
import { resetTwoFactor, twoFactorStatusOf } from "../modules/accounts/two-factor.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { notFound, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Card, Facts, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tài khoản – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const db = getDb();
  const account = await getUserById(db, param(params, "id"));
  if (!account) notFound();
  if (account.id !== user.id)
    await logPersonalDataAccess(db, {
      actor: user,
      kind: "view",
      subject: { type: "users", id: account.id },
      route: routeOf(request),
      count: 1,
      ip: context.clientIp,
    });
  const [organisations, history, twoFactor] = await Promise.all([
    organisationsOfUser(db, account.id),
    historyOf(db, "user", account.id),
    twoFactorStatusOf(db, account.id),
  ]);
  return { account, organisations, history, twoFactor };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const id = param(params, "id");
  const t = await getTranslator(request);
  const form = await readForm(request);
  if (form.get("intent") === "reset-two-factor") {
    const reset = parseForm(form, ResetTwoFactorSchema, t);
    if (!reset.ok) return data({ ...reset, intent: "reset-two-factor" as const }, { status: 400 });
    const outcome = await resetTwoFactor(getDb(), user, id, reset.value.reason, context.clientIp);
    if (!outcome.ok)
      return refusal(outcome.problems, t, { ok: false as const, intent: "reset-two-factor" as const, values: {} });
    return redirectWithFlash(`/admin/users/${id}`, t("twoFactor.admin.done"));
  }
  const result = parseForm(form, UpdateUserSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const outcome = await updateUserAccess(getDb(), user, id, result.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { ok: false as const, values: {} });
  return redirectWithFlash(`/admin/users/${id}`, t("users.saved"));
}

export default function UserPage() {
  const { t, i18n } = useTranslation();
  const { account, organisations, history, twoFactor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const isReset = !!actionData && "intent" in actionData && actionData.intent === "reset-two-factor";
  const errors = isReset ? undefined : (actionData?.errors as Record<string, string> | undefined);
  const resetErrors = isReset ? (actionData?.errors as Record<string, string> | undefined) : undefined;
  return (
    <>
      <PageHeader title={t("users.editTitle", { name: account.full_name })} />
      <Card>
        <Facts
          items={[
            [t("auth.email"), account.email],
            [t("auth.phone"), account.phone],
            [t("users.role"), t(`roles.${account.role}`)],
            [t("users.status"), account.status === "active" ? t("users.active") : t("users.disabled")],
            [t("users.lastLogin"), formatDateTime(account.last_login_at, i18n.language)],
            [
              t("twoFactor.title"),
              t(`twoFactor.status${twoFactor === "on" ? "On" : twoFactor === "pending" ? "Pending" : "Off"}`),
            ],
            [t("account.organisations"), organisations.map((o) => o.name).join(", ")],
          ]}
        />
      </Card>
      <Card title={t("users.role")}>
        <AppForm method="post" errors={errors}>
          <div className="form-grid">
            <Field
              name="role"
              as="select"
              label={t("users.role")}
              defaultValue={account.role}
              options={USER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              error={errors?.role}
            />
            <Field
              name="status"
              as="select"
              label={t("users.status")}
              defaultValue={account.status}
              options={[
                { value: "active", label: t("users.active") },
                { value: "disabled", label: t("users.disabled") },
              ]}
              error={errors?.status}
            />
            <Field name="reason" label={t("users.reason")} error={errors?.reason} />
          </div>
          <Button>{t("common.save")}</Button>
        </AppForm>
      </Card>
      {twoFactor !== "off" ? (
        <Card title={t("twoFactor.admin.reset")}>
          <p>{t("twoFactor.admin.resetLead")}</p>
          <AppForm method="post" errors={resetErrors}>
            <input type="hidden" name="intent" value="reset-two-factor" />
            <Field name="reason" label={t("twoFactor.admin.reason")} required error={resetErrors?.reason} />
            <Button variant="danger">{t("twoFactor.admin.reset")}</Button>
          </AppForm>
        </Card>
      ) : null}
      {history.length ? (
        <Card title={t("organisations.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
