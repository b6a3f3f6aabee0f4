import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import {
  listRetentionRuns,
  retentionConfirmed,
  retentionPeriods,
  runRetention,
  saveRetentionPeriods,
} from "../modules/privacy/retention-job.server";
import { RETENTION_KINDS, RetentionPeriodsSchema } from "../modules/privacy/retention";
import { requireIntent, requireRole, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { parseForm, readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, ConfirmAction, Notice, PageHeader } from "../ui/layout";
import { PrivacyTabs } from "../ui/privacy";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Thời hạn lưu trữ dữ liệu cá nhân – Cổng ĐMST Quảng Ngãi" }];

const ADMIN = ["admin"] as const;
export const intents = { save: ADMIN, run: ADMIN } satisfies IntentRoles;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ADMIN);
  const db = getDb();
  const [periods, runs, confirmed] = await Promise.all([
    retentionPeriods(db),
    listRetentionRuns(db),
    retentionConfirmed(db),
  ]);
  return { periods, runs, confirmed };
}

type ActionResult = { errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ADMIN);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const db = getDb();
  if (intent === "run") {
    const run = await runRetention(db, { trigger: "manual", actorId: user.id, ip: context.clientIp });
    if (!run)
      return data<ActionResult>(
        { errors: { _form: t("privacy.retention.notConfirmed") }, values: {} },
        { status: 409 },
      );
    const count = Object.values(run.counts).reduce((sum, kind) => sum + kind.anonymised, 0);
    return redirectWithFlash("/admin/privacy/retention", t("privacy.retention.ran", { count }));
  }
  const result = parseForm(form, RetentionPeriodsSchema, t);
  if (!result.ok) return data<ActionResult>({ errors: result.errors, values: result.values }, { status: 400 });
  await saveRetentionPeriods(db, user, result.value, context.clientIp);
  return redirectWithFlash("/admin/privacy/retention", t("privacy.retention.saved"));
}

export default function RetentionPage() {
  const { t, i18n } = useTranslation();
  const { periods, runs, confirmed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = i18n.language;
  return (
    <>
      <PageHeader title={t("privacy.retention.title")} lead={t("privacy.retention.lead")} />
      <PrivacyTabs />
      {confirmed ? null : <Notice tone="info">{t("privacy.retention.unconfirmedNotice")}</Notice>}

      <Card title={t("privacy.retention.periodsTitle")}>
        <AppForm method="post" errors={actionData?.errors}>
          <input type="hidden" name="intent" value="save" />
          <div className="form-grid">
            {RETENTION_KINDS.map((kind) => (
              <Field
                key={kind}
                name={kind}
                type="number"
                inputMode="numeric"
                label={`${t(`privacy.retention.kinds.${kind}`)} (${t("privacy.retention.monthsUnit")})`}
                hint={t(`privacy.retention.startsAt.${kind}`)}
                required
                defaultValue={actionData?.values[kind] ?? String(periods[kind])}
                error={actionData?.errors[kind]}
              />
            ))}
          </div>
          <Button>{t("privacy.retention.save")}</Button>
        </AppForm>
      </Card>

      <Card title={t("privacy.retention.runTitle")}>
        <p>{t("privacy.retention.runLead")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="run" />
          <ConfirmAction
            label={t("privacy.retention.run")}
            confirmLabel={t("privacy.retention.run")}
            message={t("privacy.retention.confirmRun")}
          >
            {null}
          </ConfirmAction>
        </Form>
      </Card>

      <Card title={t("privacy.retention.runsTitle")}>
        <SimpleTable
          caption={t("privacy.retention.runsTitle")}
          captionHidden
          rows={runs}
          rowKey={(run) => run.id}
          empty={t("privacy.retention.noRuns")}
          columns={[
            {
              key: "startedAt",
              header: t("privacy.retention.startedAt"),
              cell: (run) => <time dateTime={run.startedAt}>{formatDateTime(run.startedAt, lang)}</time>,
            },
            {
              key: "trigger",
              header: t("privacy.retention.trigger"),
              cell: (run) => t(`privacy.retention.triggers.${run.trigger}`),
            },
            { key: "actor", header: t("privacy.retention.actor"), cell: (run) => run.actorName ?? "—" },
            ...RETENTION_KINDS.map((kind) => ({
              key: kind,
              header: t(`privacy.retention.kinds.${kind}`),
              align: "end" as const,
              cell: (run: (typeof runs)[number]) => formatNumber(run.counts[kind]?.anonymised ?? 0, lang),
            })),
            {
              key: "total",
              header: t("privacy.retention.total"),
              align: "end",
              cell: (run) =>
                formatNumber(
                  Object.values(run.counts).reduce((sum, kind) => sum + kind.anonymised, 0),
                  lang,
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
