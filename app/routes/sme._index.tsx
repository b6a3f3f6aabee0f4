import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { currentProgramme, myDossiers, myEnterprises, supportTypesOf } from "../modules/sme/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatMoney } from "../lib/format";
import { DossierStatusBadge } from "../ui/dossier";
import { Badge, Card, Facts, Notice, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Hỗ trợ doanh nghiệp nhỏ và vừa – Cổng ĐMST Quảng Ngãi" }];

const SIZES = ["micro", "small", "medium"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  const programme = await currentProgramme(db);
  const [enterprises, dossiers, types] = await Promise.all([
    myEnterprises(db, user),
    myDossiers(db, user),
    programme ? supportTypesOf(db, programme.id) : [],
  ]);
  return {
    programme: programme
      ? {
          name: programme.name,
          legal_basis: programme.legal_basis,
          first_year: programme.first_year,
          last_year: programme.last_year,
          status: programme.status,
          status_reason: programme.status_reason,
          status_changed_on: programme.status_changed_on,
          paused_intake: programme.paused_intake,
        }
      : null,
    enterprises,
    dossiers,
    types: types.map((type) => ({
      id: type.id,
      name: type.name,
      article: type.article,
      startups_only: type.startups_only,
      rules: type.rules.map(({ support_type_id: _, ...rule }) => rule),
      documents: type.documents.map((d) => d.title),
    })),
  };
}

type Rule = Awaited<ReturnType<typeof loader>>["types"][number]["rules"][number];

export default function SmeHome() {
  const { t, i18n } = useTranslation();
  const { programme, enterprises, dossiers, types } = useLoaderData<typeof loader>();
  const money = (value: number) => formatMoney(value, i18n.language);
  const limitOf = (rate: number, cap: number | null, period: Rule["cap_period"]) =>
    `${t("sme.applicant.rates.rate", { rate: String(rate) })}, ${cap === null ? t("sme.applicant.rates.noCap") : t("sme.applicant.rates.cap", { cap: money(cap), period: t(`sme.capPeriods.${period}`) })}`;
  const refusesIntake = !programme || (programme.status === "paused" && programme.paused_intake === "refuse");
  return (
    <>
      <PageHeader
        title={t("sme.applicant.title")}
        lead={t("sme.applicant.lead")}
        actions={
          programme && enterprises.length > 0 ? (
            <Link to="/sme/dossiers/new" className={`button ${refusesIntake ? "button-secondary" : "button-primary"}`}>
              {t("sme.applicant.newDossierLink")}
            </Link>
          ) : null
        }
      />

      <Card title={t("sme.applicant.programme.title")}>
        {programme ? (
          <>
            <Facts
              items={[
                [t("sme.applicant.programme.title"), programme.name],
                [t("sme.applicant.programme.legalBasis"), programme.legal_basis],
                [t("sme.applicant.programme.years"), `${programme.first_year}–${programme.last_year}`],
                [
                  t("sme.applicant.programme.status"),
                  <Badge key="s" tone={programme.status === "open" ? "success" : "warning"}>
                    {t(`sme.programmeStatuses.${programme.status}`)}
                  </Badge>,
                ],
              ]}
            />
            {programme.status === "paused" ? (
              <Notice tone="danger">
                {`${t("sme.applicant.programme.paused", { date: formatDate(programme.status_changed_on, i18n.language), reason: programme.status_reason ?? "—" })} ${t(programme.paused_intake === "refuse" ? "sme.applicant.programme.pausedRefuse" : "sme.applicant.programme.pausedQueue")}`}
              </Notice>
            ) : null}
          </>
        ) : (
          <p>{t("sme.applicant.programme.none")}</p>
        )}
      </Card>

      <Card title={t("sme.applicant.enterprises.title")}>
        {enterprises.length === 0 ? (
          <p>
            {t("sme.applicant.enterprises.empty")}{" "}
            <Link to="/organisations/new">{t("sme.applicant.enterprises.register")}</Link>
          </p>
        ) : (
          <SimpleTable
            caption={t("sme.applicant.enterprises.title")}
            captionHidden
            rows={enterprises}
            rowKey={(enterprise) => enterprise.id}
            columns={[
              { key: "name", header: t("sme.applicant.enterprises.name"), cell: (enterprise) => enterprise.name },
              {
                key: "taxCode",
                header: t("sme.applicant.enterprises.taxCode"),
                cell: (enterprise) => enterprise.tax_code ?? "—",
              },
              {
                key: "size",
                header: t("sme.applicant.enterprises.size"),
                cell: (enterprise) =>
                  enterprise.size ? (
                    <Badge tone={enterprise.size === "not_sme" ? "warning" : "info"}>
                      {t(`sme.sizes.${enterprise.size}`)}
                    </Badge>
                  ) : (
                    <Badge tone="warning">{t("sme.applicant.enterprises.notDeclared")}</Badge>
                  ),
              },
              {
                key: "declaredAt",
                header: t("sme.applicant.enterprises.declaredAt"),
                cell: (enterprise) => formatDate(enterprise.declared_at, i18n.language),
              },
              {
                key: "update",
                header: t("sme.applicant.enterprises.update"),
                hideHeader: true,
                cell: (enterprise) => (
                  <>
                    <Link to={`/sme/profile?organisation=${enterprise.id}`}>
                      {t(enterprise.size ? "sme.applicant.enterprises.update" : "sme.applicant.enterprises.declare")}
                    </Link>
                    {enterprise.size ? (
                      <>
                        {" · "}
                        <Link to={`/sme/profile/print?organisation=${enterprise.id}`}>
                          {t("sme.applicant.enterprises.print")}
                        </Link>
                      </>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        )}
      </Card>

      <Card title={t("sme.applicant.dossiers.title")}>
        {dossiers.length === 0 ? (
          <p>{t("sme.applicant.dossiers.empty")}</p>
        ) : (
          <SimpleTable
            caption={t("sme.applicant.dossiers.caption")}
            captionHidden
            rows={dossiers}
            rowKey={(dossier) => dossier.id}
            columns={[
              {
                key: "receipt",
                header: t("sme.applicant.dossiers.receipt"),
                cell: (dossier) => (
                  <Link to={`/sme/dossiers/${dossier.id}`}>
                    {dossier.receipt_number ?? t("sme.applicant.dossiers.notFiled")}
                  </Link>
                ),
              },
              {
                key: "enterprise",
                header: t("sme.applicant.dossiers.enterprise"),
                cell: (dossier) => dossier.enterprise_name,
              },
              {
                key: "supportType",
                header: t("sme.applicant.dossiers.supportType"),
                cell: (dossier) => dossier.support_type_name,
              },
              {
                key: "status",
                header: t("sme.applicant.dossiers.status"),
                cell: (dossier) => <DossierStatusBadge status={dossier.status} />,
              },
              {
                key: "requested",
                header: t("sme.applicant.dossiers.requested"),
                align: "end",
                cell: (dossier) => money(dossier.requested_vnd),
              },
              {
                key: "updated",
                header: t("sme.applicant.dossiers.updated"),
                cell: (dossier) => formatDate(dossier.updated_at, i18n.language),
              },
            ]}
          />
        )}
      </Card>

      {types.length ? (
        <Card title={t("sme.applicant.rates.title")}>
          <p>{t("sme.applicant.rates.lead")}</p>
          <SimpleTable
            className="rates-table"
            caption={t("sme.applicant.rates.caption")}
            captionHidden
            rows={types}
            rowKey={(type) => type.id}
            columns={[
              {
                key: "type",
                header: t("sme.applicant.rates.supportType"),
                rowHeader: true,
                cell: (type) => (
                  <>
                    {type.name}
                    <small>{type.article}</small>
                    {type.startups_only ? <small>{t("sme.applicant.rates.startupsOnly")}</small> : null}
                    {type.documents.length ? (
                      <small>{t("sme.applicant.rates.documents", { items: type.documents.join("; ") })}</small>
                    ) : null}
                  </>
                ),
              },
              ...SIZES.map((size) => ({
                key: size,
                header: t(`sme.sizes.${size}`),
                cell: (type: (typeof types)[number]) => {
                  const rule = type.rules.find((r) => r.size === size);
                  return rule ? (
                    <>
                      {limitOf(rule.rate_percent, rule.cap_vnd, rule.cap_period)}
                      {rule.priority_rate_percent !== null || rule.priority_cap_vnd !== null ? (
                        <small>
                          {t("sme.applicant.rates.priority", {
                            value: limitOf(
                              rule.priority_rate_percent ?? rule.rate_percent,
                              rule.priority_cap_vnd ?? rule.cap_vnd,
                              rule.cap_period,
                            ),
                          })}
                        </small>
                      ) : null}
                      {rule.verified ? null : (
                        <>
                          {" "}
                          <Badge tone="warning">{t("sme.applicant.rates.unverified")}</Badge>
                        </>
                      )}
                      <small>{rule.source}</small>
                    </>
                  ) : (
                    t("sme.applicant.rates.notApplicable")
                  );
                },
              })),
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
