import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getReadableOrganisation } from "../modules/organisations/queries.server";
import { classifySme, SME_SOURCE } from "../modules/sme/classification";
import { enterpriseProfile } from "../modules/sme/queries.server";
import { isStaff, requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatMoney, formatNumber } from "../lib/format";
import { notFound } from "../lib/http.server";
import { provinceDate } from "../lib/province-time";
import { Notice } from "../ui/layout";
import { useSizeRule } from "../ui/sme-size-rule";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Tờ khai xác định DNNVV – ${data?.organisation.name ?? ""}` },
];

/** The enterprise's members print it to sign; staff open it from the desk. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant", "staff", "leader", "admin"]);
  const organisationId = new URL(request.url).searchParams.get("organisation");
  if (!organisationId) notFound();
  const db = getDb();
  const { organisation } = await getReadableOrganisation(db, user, organisationId);
  const profile = await enterpriseProfile(db, organisation.id);
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      tax_code: organisation.tax_code,
      address: [organisation.address_line, organisation.commune, organisation.province].filter(Boolean).join(", "),
    },
    profile: profile ? { ...profile, declared_by: undefined } : null,
    classification: profile
      ? classifySme({
          sectorGroup: profile.sector_group,
          employees: profile.employees,
          revenueVnd: profile.revenue_vnd,
          capitalVnd: profile.capital_vnd,
        })
      : null,
    declaredOn: profile ? provinceDate(profile.declared_at) : null,
    backTo: isStaff(user) ? null : `/sme/profile?organisation=${organisation.id}`,
  };
}

const PRIORITIES = [
  ["women_owned", "sme.applicant.profile.womenOwned"],
  ["many_women_workers", "sme.applicant.profile.manyWomenWorkers"],
  ["social_enterprise", "sme.applicant.profile.socialEnterprise"],
] as const;

/** The declaration is filed with a Vietnamese authority: it is printed in Vietnamese whatever the portal's language. */
export default function SmeDeclarationPrint() {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT("vi");
  const { organisation, profile, classification, declaredOn, backTo } = useLoaderData<typeof loader>();
  const sizeRule = useSizeRule("vi");
  const unknown = t("sme.applicant.print.unknown");
  if (!profile || !classification || !declaredOn) {
    return (
      <Notice tone="danger">
        {t("sme.applicant.print.notDeclared")}{" "}
        {backTo ? <Link to={backTo}>{t("sme.applicant.enterprises.declare")}</Link> : null}
      </Notice>
    );
  }
  const [year, month, day] = declaredOn.split("-");
  const rule = sizeRule(classification);
  return (
    <>
      <p className="no-print">
        {t("sme.applicant.print.printHint")} {backTo ? <Link to={backTo}>{t("sme.applicant.print.back")}</Link> : null}
      </p>
      <article className="admin-document">
        <div className="admin-heading">
          <div>
            <p>
              <strong>{organisation.name.toLocaleUpperCase("vi")}</strong>
            </p>
          </div>
          <div>
            <p>
              <strong>{t("sme.applicant.print.nation")}</strong>
            </p>
            <p>
              <strong>{t("sme.applicant.print.motto")}</strong>
            </p>
          </div>
        </div>
        <p className="admin-place">{t("sme.applicant.print.placeDate", { day, month, year })}</p>
        <h1 className="admin-title">
          {t("sme.applicant.print.title")}
          <small>{t("sme.applicant.print.basis")}</small>
        </h1>
        <p className="admin-recipient">{t("sme.applicant.print.to")}</p>
        <dl className="admin-fields">
          <dt>{t("sme.applicant.print.enterprise")}</dt>
          <dd>{organisation.name}</dd>
          <dt>{t("sme.applicant.print.taxCode")}</dt>
          <dd>{organisation.tax_code ?? unknown}</dd>
          <dt>{t("sme.applicant.print.address")}</dt>
          <dd>{organisation.address || unknown}</dd>
          <dt>{t("sme.applicant.print.sector")}</dt>
          <dd>{t(`sme.sectorGroups.${profile.sector_group}`)}</dd>
          <dt>{t("sme.applicant.print.mainBusinessLine")}</dt>
          <dd>{profile.main_business_line}</dd>
          <dt>{t("sme.applicant.print.figures", { year: String(profile.fiscal_year) })}</dt>
          <dd>
            <span className="admin-line">
              {t("sme.applicant.print.employees", { value: formatNumber(profile.employees, "vi") })}
            </span>
            <span className="admin-line">
              {t("sme.applicant.print.revenue", { value: formatMoney(profile.revenue_vnd, "vi") })}
            </span>
            <span className="admin-line">
              {t("sme.applicant.print.capital", { value: formatMoney(profile.capital_vnd, "vi") })}
            </span>
          </dd>
          <dt>{t("sme.applicant.print.priority")}</dt>
          <dd>
            {PRIORITIES.map(([column, label]) => (
              <span className="admin-line" key={column}>
                {profile[column] ? "☒" : "☐"} {t(label)}
              </span>
            ))}
          </dd>
          <dt>{t("sme.applicant.print.result")}</dt>
          <dd>
            {profile.size === "not_sme"
              ? t("sme.applicant.print.notSmeText", { rule, source: SME_SOURCE })
              : t("sme.applicant.print.resultText", {
                  size: t(`sme.applicant.rule.sizes.${profile.size}`),
                  rule,
                  source: SME_SOURCE,
                })}
          </dd>
        </dl>
        <p>{t("sme.applicant.print.commitment")}</p>
        <div className="admin-signature">
          <p>
            <strong>{t("sme.applicant.print.signer")}</strong>
          </p>
          <p>
            <em>{t("sme.applicant.print.signHint")}</em>
          </p>
        </div>
      </article>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
