import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { recordAssessment } from "../modules/technology/commands.server";
import { levelSettings } from "../modules/technology/queries.server";
import { LEVEL_GROUPS } from "../modules/technology/rules";
import { AssessmentSchema } from "../modules/technology/schemas";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { parseVietnameseNumber } from "../lib/numbers";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { notFound } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Phiếu đánh giá trình độ công nghệ – Cổng ĐMST Quảng Ngãi" }];

/** The survey form of Circular 17/2019 for one enterprise (?organisation=), its criteria and maxima read from the settings. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const organisationId = new URL(request.url).searchParams.get("organisation") ?? "";
  const organisation = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!organisation) notFound();
  const settings = await levelSettings(db);
  return { organisation, criteria: settings.criteria, verified: settings.verified, today: provinceDate(nowIso()) };
}

/** "4,5" or "4.5": the survey forms are filled in by hand, with a decimal comma; a number that cannot be read is NaN (checkScores names it). */
function score(value: FormDataEntryValue | null): number | undefined {
  const reading = parseVietnameseNumber(value);
  if (reading.ok) return reading.value;
  return reading.problem === "empty" ? undefined : Number.NaN;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, AssessmentSchema, t);
  const criteria = (await levelSettings(getDb())).criteria;
  const scores = Object.fromEntries(criteria.map((c) => [c.code, score(form.get(`score_${c.code}`))]));
  const values = Object.fromEntries(
    [...form].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const outcome = await recordAssessment(getDb(), user, { ...parsed.value, scores }, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values });
  const row = await getDb()
    .selectFrom("tech_assessments")
    .innerJoin("tech_level_bands", "tech_level_bands.code", "tech_assessments.level_code")
    .select(["tech_level_bands.name", "tech_assessments.total"])
    .where("tech_assessments.id", "=", outcome.id)
    .executeTakeFirstOrThrow();
  return redirectWithFlash(
    `/staff/technology/enterprises/${parsed.value.organisationId}`,
    t("technology.assessments.recorded", { level: row.name, total: String(row.total) }),
  );
}

export default function NewAssessment() {
  const { t } = useTranslation();
  const { organisation, criteria, verified, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values ?? {};
  return (
    <>
      <PageHeader
        title={t("technology.assessments.new")}
        lead={organisation.name}
        actions={<Link to={`/staff/technology/enterprises/${organisation.id}`}>{t("technology.enterprise.open")}</Link>}
      />
      {verified ? null : <Notice tone="danger">{t("technology.assessments.unverified")}</Notice>}
      <Card>
        <AppForm method="post" errors={failed?.errors}>
          <input type="hidden" name="organisationId" value={organisation.id} />
          <div className="form-grid">
            <Field
              name="year"
              type="number"
              label={t("technology.fields.year")}
              required
              defaultValue={values.year ?? today.slice(0, 4)}
              error={failed?.errors.year}
            />
            <Field
              name="assessedOn"
              type="date"
              label={t("technology.fields.assessedOn")}
              required
              defaultValue={values.assessedOn ?? today}
              error={failed?.errors.assessedOn}
            />
          </div>
          {LEVEL_GROUPS.map((group) => (
            <fieldset key={group} className="criteria-group">
              <legend>{t(`technology.assessments.groups.${group}`)}</legend>
              <div className="form-grid">
                {criteria
                  .filter((c) => c.group_code === group)
                  .map((c) => (
                    <Field
                      key={c.code}
                      name={`score_${c.code}`}
                      label={`${c.code}. ${c.name}`}
                      hint={t("technology.assessments.max", { max: String(c.max_points) })}
                      required
                      defaultValue={values[`score_${c.code}`]}
                      error={failed?.errors[`score_${c.code}`]}
                    />
                  ))}
              </div>
            </fieldset>
          ))}
          <Field
            name="note"
            as="textarea"
            rows={2}
            label={t("technology.fields.note")}
            defaultValue={values.note}
            error={failed?.errors.note}
          />
          <Button>{t("technology.assessments.new")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
