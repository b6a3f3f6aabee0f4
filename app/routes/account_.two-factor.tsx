import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import {
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startEnrolment,
  twoFactorStateOf,
} from "../modules/accounts/two-factor.server";
import { DisableTwoFactorSchema, TwoFactorCodeSchema } from "../modules/accounts/schemas";
import { loadQRCode } from "../lib/libraries.server";
import { isTwoFactorRequired, mustEnrolTwoFactor, requireUserEnrolling } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { fieldFailure, parseForm, readForm, refusal } from "../lib/forms.server";
import { safeRedirectPath } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { groupSecret } from "../lib/totp";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Facts, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Xác thực hai bước – Cổng ĐMST Quảng Ngãi" }];

// The one page a leader or admin without two-factor sign-in may open (requireUser sends them here).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserEnrolling(request);
  const state = await twoFactorStateOf(getDb(), user);
  const qrCode =
    state.status === "pending"
      ? await (await loadQRCode()).toDataURL(state.uri, { errorCorrectionLevel: "M", margin: 2, width: 240 })
      : null;
  return {
    state: state.status === "pending" ? { status: "pending" as const, secret: groupSecret(state.secret) } : state,
    qrCode,
    mustEnrol: mustEnrolTwoFactor(user),
    mayDisable: !isTwoFactorRequired(user.role),
    continueTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/account"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserEnrolling(request);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const db = getDb();
  const here = `/account/two-factor${new URL(request.url).search}`;
  const intent = form.get("intent");
  if (intent === "start") {
    const outcome = await startEnrolment(db, user);
    if (!outcome.ok) return refusal(outcome.problems, t, { ok: false as const, values: {}, intent });
    return redirect(here);
  }
  if (intent === "confirm" || intent === "regenerate") {
    const result = parseForm(form, TwoFactorCodeSchema, t);
    if (!result.ok) return data({ ...result, intent }, { status: 400 });
    const outcome =
      intent === "confirm"
        ? await confirmEnrolment(db, user, result.value.code, context.clientIp)
        : await regenerateRecoveryCodes(db, user, result.value.code, context.clientIp);
    if (outcome.ok) return { ok: true as const, intent, recoveryCodes: outcome.recoveryCodes };
    return refusal(outcome.problems, t, { ok: false as const, values: {}, intent });
  }
  if (intent === "disable") {
    const result = parseForm(form, DisableTwoFactorSchema, t);
    if (!result.ok) return data({ ...result, intent }, { status: 400 });
    const outcome = await disableTwoFactor(db, user, result.value, context.clientIp);
    if (outcome.ok) return redirectWithFlash("/account/two-factor", t("twoFactor.disabled"));
    return refusal(outcome.problems, t, { ok: false as const, values: {}, intent });
  }
  return data({ ...fieldFailure("_form", t("errors.invalid")), intent: null }, { status: 400 });
}

export default function TwoFactorPage() {
  const { t, i18n } = useTranslation();
  const { state, qrCode, mustEnrol, mayDisable, continueTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (intent: string) =>
    actionData && actionData.intent === intent && "errors" in actionData
      ? (actionData.errors as Record<string, string>)
      : undefined;

  const recoveryCodes: string[] | null = actionData && "recoveryCodes" in actionData ? actionData.recoveryCodes : null;
  if (actionData && recoveryCodes) {
    return (
      <>
        <PageHeader title={t("twoFactor.title")} />
        <Notice tone="success">
          {actionData.intent === "confirm" ? t("twoFactor.enabled") : t("twoFactor.regenerated")}
        </Notice>
        <Card title={t("twoFactor.recoveryTitle")}>
          <p>{t("twoFactor.recoveryLead")}</p>
          <ol className="recovery-codes">
            {recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
          <p className="actions">
            <Link className="button button-primary" to={continueTo}>
              {t("twoFactor.continue")}
            </Link>
          </p>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("twoFactor.title")} lead={t("twoFactor.lead")} />
      {mustEnrol ? <Notice tone="danger">{t("twoFactor.requiredNotice")}</Notice> : null}
      {state.status === "off" ? (
        <Card>
          <Facts items={[[t("twoFactor.status"), t("twoFactor.statusOff")]]} />
          <AppForm method="post" errors={errorsFor("start")}>
            <input type="hidden" name="intent" value="start" />
            <Button>{t("twoFactor.start")}</Button>
          </AppForm>
        </Card>
      ) : null}
      {state.status === "pending" ? (
        <div className="grid">
          <Card title={t("twoFactor.scanTitle")}>
            {qrCode ? (
              <img className="qr-code" src={qrCode} width={240} height={240} alt={t("twoFactor.qrAlt")} />
            ) : null}
            <p>{t("twoFactor.manualEntry")}</p>
            <p>
              {t("twoFactor.secret")}:{" "}
              <code className="secret-key" data-testid="totp-secret">
                {state.secret}
              </code>
            </p>
          </Card>
          <Card title={t("twoFactor.confirmTitle")}>
            <AppForm method="post" errors={errorsFor("confirm")}>
              <input type="hidden" name="intent" value="confirm" />
              <Field
                name="code"
                label={t("twoFactor.code")}
                hint={t("twoFactor.codeHint")}
                autoComplete="one-time-code"
                required
                error={errorsFor("confirm")?.code}
              />
              <Button>{t("twoFactor.confirm")}</Button>
            </AppForm>
          </Card>
        </div>
      ) : null}
      {state.status === "on" ? (
        <>
          <Card>
            <Facts
              items={[
                [t("twoFactor.status"), t("twoFactor.statusOn")],
                [t("twoFactor.enabledSince"), formatDateTime(state.enabledAt, i18n.language)],
                [t("twoFactor.recoveryTitle"), t("twoFactor.recoveryLeft", { count: state.recoveryCodesLeft })],
              ]}
            />
            <p>
              <Link to="/account">{t("twoFactor.backToAccount")}</Link>
            </p>
          </Card>
          <div className="grid">
            <Card title={t("twoFactor.regenerateTitle")}>
              <p>{t("twoFactor.regenerateLead")}</p>
              <AppForm method="post" errors={errorsFor("regenerate")}>
                <input type="hidden" name="intent" value="regenerate" />
                <Field
                  name="code"
                  label={t("twoFactor.code")}
                  autoComplete="one-time-code"
                  required
                  error={errorsFor("regenerate")?.code}
                />
                <Button variant="secondary">{t("twoFactor.regenerate")}</Button>
              </AppForm>
            </Card>
            <Card title={t("twoFactor.disableTitle")}>
              {mayDisable ? (
                <>
                  <p>{t("twoFactor.disableLead")}</p>
                  <AppForm method="post" errors={errorsFor("disable")}>
                    <input type="hidden" name="intent" value="disable" />
                    <Field
                      name="password"
                      type="password"
                      label={t("account.currentPassword")}
                      autoComplete="current-password"
                      required
                      error={errorsFor("disable")?.password}
                    />
                    <Field
                      name="code"
                      label={t("twoFactor.code")}
                      autoComplete="one-time-code"
                      required
                      error={errorsFor("disable")?.code}
                    />
                    <Button variant="danger">{t("twoFactor.disable")}</Button>
                  </AppForm>
                </>
              ) : (
                <p>{t("twoFactor.cannotDisable")}</p>
              )}
            </Card>
          </div>
        </>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
