import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { openRecord } from "../modules/incubation/commands.server";
import { awardCandidates, incubatorsFor, organisationsOfKind } from "../modules/incubation/queries.server";
import { OpenRecordSchema } from "../modules/incubation/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { AppForm, Button, Field } from "../ui/form";
import { Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Mở hồ sơ ươm tạo – Cổng ĐMST Quảng Ngãi" }];

/** Staff open records anywhere; an incubator manager at their own incubator (the command checks which). */
const WRITERS = ["staff", "admin", "incubator_manager"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const db = getDb();
  const [awards, incubators, startups] = await Promise.all([
    awardCandidates(db),
    incubatorsFor(db, user),
    organisationsOfKind(db, ["startup_team", "enterprise"]),
  ]);
  return { awards, incubators, startups, today: provinceDate(new Date().toISOString()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), OpenRecordSchema, t);
  if (!result.ok) return data({ errors: result.errors, values: result.values }, { status: 400 });
  const outcome = await openRecord(getDb(), user, result.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values: result.value as unknown as Record<string, string> });
  return redirectWithFlash(`/staff/incubation/${outcome.id}`, t("incubation.opened"));
}

export default function NewIncubationRecord() {
  const { t } = useTranslation();
  const { awards, incubators, startups, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values ?? {};
  return (
    <>
      <PageHeader
        title={t("incubation.newRecord")}
        lead={t("incubation.newLead")}
        actions={<Link to="/staff/incubation">{t("incubation.backToBoard")}</Link>}
      />
      <Card>
        <AppForm method="post" errors={failed?.errors}>
          <Field
            name="awardId"
            as="select"
            label={t("incubation.fromAward")}
            defaultValue={String(values.awardId ?? "")}
            error={failed?.errors.awardId}
            options={[
              { value: "", label: t("incubation.chooseAward") },
              ...awards.map((a) => ({
                value: a.id,
                label: `${a.year} – ${a.rank_label}: ${a.project_name} (${a.team_name})`,
              })),
            ]}
          />
          <Field
            name="organisationId"
            as="select"
            label={t("incubation.fromOrganisation")}
            defaultValue={String(values.organisationId ?? "")}
            error={failed?.errors.organisationId}
            options={[
              { value: "", label: t("incubation.chooseOrganisation") },
              ...startups.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <Field
            name="incubatorId"
            as="select"
            label={t("incubation.incubator")}
            required
            defaultValue={String(values.incubatorId ?? "")}
            error={failed?.errors.incubatorId}
            options={[
              { value: "", label: t("incubation.chooseIncubator") },
              ...incubators.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
          <div className="form-grid">
            <Field
              name="startedOn"
              type="date"
              label={t("incubation.startedOn")}
              required
              defaultValue={String(values.startedOn ?? today)}
              error={failed?.errors.startedOn}
            />
            <Field
              name="plannedEndOn"
              type="date"
              label={t("incubation.plannedEndOn")}
              required
              defaultValue={String(values.plannedEndOn ?? "")}
              error={failed?.errors.plannedEndOn}
            />
            <Field
              name="reportPeriodMonths"
              type="number"
              label={t("incubation.reportPeriodMonths")}
              required
              defaultValue={String(values.reportPeriodMonths ?? "3")}
              error={failed?.errors.reportPeriodMonths}
            />
          </div>
          <Button>{t("incubation.newRecord")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
