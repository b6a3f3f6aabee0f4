import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getReadableOrganisation } from "../modules/organisations/queries.server";
import { classifySme, SECTOR_GROUPS, SME_SOURCE, SME_THRESHOLDS } from "../modules/sme/classification";
import { saveEnterpriseProfile } from "../modules/sme/commands.server";
import { enterpriseProfile } from "../modules/sme/queries.server";
import { ProfileSchema } from "../modules/sme/schemas";
import { requireRole, type CurrentUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { notFound } from "../lib/http.server";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { Badge, Card, Facts, Notice, PageHeader } from "../ui/layout";
import { useSizeRule } from "../ui/sme-size-rule";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Kê khai DNNVV – ${data?.organisation.name ?? ""} – Cổng ĐMST Quảng Ngãi` },
];

/** A member declares for their own organisation (403 otherwise, 404 when there is no such organisation). */
async function declaringFor(request: Request, user: CurrentUser) {
  const organisationId = new URL(request.url).searchParams.get("organisation");
  if (!organisationId) notFound();
  const { organisation } = await getReadableOrganisation(getDb(), user, organisationId);
  return organisation;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const organisation = await declaringFor(request, user);
  const profile = await enterpriseProfile(getDb(), organisation.id);
  const classification = profile
    ? classifySme({
        sectorGroup: profile.sector_group,
        employees: profile.employees,
        revenueVnd: profile.revenue_vnd,
        capitalVnd: profile.capital_vnd,
      })
    : null;
  return {
    organisation: { id: organisation.id, name: organisation.name, tax_code: organisation.tax_code },
    profile: profile ? { ...profile, declared_by: undefined } : null,
    classification,
    lastYear: Number(provinceDate(nowIso()).slice(0, 4)) - 1,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const organisation = await declaringFor(request, user);
  const t = await getTranslator(request);
  const parsed = parseForm(await readForm(request), ProfileSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const outcome = await saveEnterpriseProfile(getDb(), user, organisation.id, parsed.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values: {} as Record<string, string> });
  const { size } = classifySme(parsed.value);
  return redirectWithFlash(
    `/sme/profile?organisation=${organisation.id}`,
    t("sme.applicant.profile.saved", { size: t(`sme.sizes.${size}`) }),
  );
}

export default function SmeProfile() {
  const { t, i18n } = useTranslation();
  const { organisation, profile, classification, lastYear } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.errors;
  const values = failed?.values;
  const sizeRule = useSizeRule();
  const billion = (vnd: number) =>
    t("sme.applicant.rule.billion", { amount: formatNumber(vnd / 1_000_000_000, i18n.language) });
  // After a refused submission the form shows what was typed; otherwise the stored declaration.
  const initial = (name: string, stored: string | number | null | undefined) =>
    values ? values[name] : stored === null || stored === undefined ? undefined : String(stored);
  const ticked = (name: "womenOwned" | "manyWomenWorkers" | "socialEnterprise", stored: number | undefined) =>
    values ? values[name] === "on" : !!stored;
  const priorities = profile
    ? (["women_owned", "many_women_workers", "social_enterprise"] as const).filter((key) => profile[key])
    : [];
  const PRIORITY_LABEL = {
    women_owned: "womenOwned",
    many_women_workers: "manyWomenWorkers",
    social_enterprise: "socialEnterprise",
  } as const;
  return (
    <>
      <PageHeader
        title={t("sme.applicant.profile.title")}
        lead={`${organisation.name}${organisation.tax_code ? ` – ${organisation.tax_code}` : ""}`}
        actions={<Link to="/sme">{t("sme.applicant.backToList")}</Link>}
      />
      <p className="lead">{t("sme.applicant.profile.lead")}</p>

      <Card title={t("sme.applicant.profile.resultTitle")}>
        {profile && classification ? (
          <>
            <Facts
              items={[
                [
                  t("sme.applicant.profile.size"),
                  <Badge key="size" tone={profile.size === "not_sme" ? "warning" : "success"}>
                    {t(`sme.sizes.${profile.size}`)}
                  </Badge>,
                ],
                [t("sme.applicant.profile.rule"), sizeRule(classification)],
                [t("sme.applicant.profile.source"), SME_SOURCE],
                [t("sme.applicant.profile.fiscalYearFact"), String(profile.fiscal_year)],
                [
                  t("sme.applicant.profile.priority"),
                  priorities.length
                    ? priorities.map((key) => t(`sme.applicant.profile.${PRIORITY_LABEL[key]}`)).join("; ")
                    : t("common.no"),
                ],
                [t("sme.applicant.profile.declaredAt"), formatDateTime(profile.declared_at, i18n.language)],
              ]}
            />
            <p className="actions">
              <Link to={`/sme/profile/print?organisation=${organisation.id}`} className="button button-secondary">
                {t("sme.applicant.profile.print")}
              </Link>
            </p>
          </>
        ) : (
          <Notice>{t("sme.applicant.profile.notYet")}</Notice>
        )}
      </Card>

      <Card title={t("sme.applicant.profile.formTitle")}>
        <AppForm method="post" errors={errors}>
          <Field
            name="sectorGroup"
            as="select"
            label={t("sme.applicant.profile.sectorGroup")}
            hint={t("sme.applicant.profile.sectorHint")}
            required
            defaultValue={initial("sectorGroup", profile?.sector_group) ?? ""}
            error={errors?.sectorGroup}
            options={[
              { value: "", label: t("sme.applicant.profile.chooseSector") },
              ...SECTOR_GROUPS.map((group) => ({ value: group, label: t(`sme.sectorGroups.${group}`) })),
            ]}
          />
          <Field
            name="mainBusinessLine"
            label={t("sme.applicant.profile.mainBusinessLine")}
            required
            defaultValue={initial("mainBusinessLine", profile?.main_business_line)}
            error={errors?.mainBusinessLine}
          />
          <div className="form-grid">
            <Field
              name="fiscalYear"
              type="number"
              label={t("sme.applicant.profile.fiscalYear")}
              required
              defaultValue={initial("fiscalYear", profile?.fiscal_year ?? lastYear)}
              error={errors?.fiscalYear}
            />
            <Field
              name="employees"
              inputMode="decimal"
              label={t("sme.applicant.profile.employees")}
              hint={t("sme.applicant.profile.employeesHint")}
              required
              defaultValue={initial("employees", profile ? formatNumber(profile.employees, "vi") : undefined)}
              error={errors?.employees}
            />
            <Field
              name="revenueVnd"
              inputMode="numeric"
              label={t("sme.applicant.profile.revenueVnd")}
              hint={t("sme.applicant.profile.moneyHint")}
              required
              defaultValue={initial("revenueVnd", profile ? formatNumber(profile.revenue_vnd, "vi") : undefined)}
              error={errors?.revenueVnd}
            />
            <Field
              name="capitalVnd"
              inputMode="numeric"
              label={t("sme.applicant.profile.capitalVnd")}
              hint={t("sme.applicant.profile.moneyHint")}
              required
              defaultValue={initial("capitalVnd", profile ? formatNumber(profile.capital_vnd, "vi") : undefined)}
              error={errors?.capitalVnd}
            />
          </div>
          <fieldset className="checkbox-group">
            <legend>{t("sme.applicant.profile.priorityTitle")}</legend>
            <CheckboxField
              name="womenOwned"
              label={t("sme.applicant.profile.womenOwned")}
              defaultChecked={ticked("womenOwned", profile?.women_owned)}
            />
            <CheckboxField
              name="manyWomenWorkers"
              label={t("sme.applicant.profile.manyWomenWorkers")}
              defaultChecked={ticked("manyWomenWorkers", profile?.many_women_workers)}
            />
            <CheckboxField
              name="socialEnterprise"
              label={t("sme.applicant.profile.socialEnterprise")}
              defaultChecked={ticked("socialEnterprise", profile?.social_enterprise)}
            />
          </fieldset>
          <Button>{t("sme.applicant.profile.save")}</Button>
        </AppForm>
      </Card>

      <Card title={t("sme.applicant.profile.thresholdsTitle")}>
        {SECTOR_GROUPS.map((group) => (
          <SimpleTable
            key={group}
            head={false}
            caption={t("sme.applicant.profile.thresholdsCaption", { sector: t(`sme.sectorGroups.${group}`) })}
            rows={SME_THRESHOLDS[group]}
            rowKey={(row) => row.size}
            columns={[
              { key: "size", header: "", rowHeader: true, cell: (row) => t(`sme.sizes.${row.size}`) },
              {
                key: "threshold",
                header: "",
                cell: (row) =>
                  t("sme.applicant.rule.threshold", {
                    employees: formatNumber(row.maxEmployees, i18n.language),
                    revenue: billion(row.maxRevenueVnd),
                    capital: billion(row.maxCapitalVnd),
                  }),
              },
            ]}
          />
        ))}
        <p>{SME_SOURCE}</p>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
