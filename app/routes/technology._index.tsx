import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { myApplications } from "../modules/technology/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatMoney } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { Card, PageHeader } from "../ui/layout";
import { ApplicationDue, ApplicationStatusBadge, ImplementationBadge } from "../ui/technology";

export const meta: MetaFunction = () => [{ title: "Chương trình đổi mới công nghệ – Cổng ĐMST Quảng Ngãi" }];

/** The enterprise's own applications to the programme (only those of its organisations: the query's `where`). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  return { applications: await myApplications(getDb(), user), today: provinceDate(nowIso()) };
}

export default function MyTechnologyPage() {
  const { t, i18n } = useTranslation();
  const { applications, today } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("technology.my.title")}
        lead={t("technology.my.lead")}
        actions={
          <Link to="/technology/applications/new" className="button button-primary">
            {t("technology.my.apply")}
          </Link>
        }
      />
      <Card>
        {applications.length === 0 ? (
          <p>{t("technology.applications.none")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("technology.fields.technology")}</th>
                <th>{t("technology.fields.enterprise")}</th>
                <th>{t("technology.fields.status")}</th>
                <th>{t("technology.fields.due")}</th>
                <th>{t("technology.fields.requestedSupport")}</th>
                <th>{t("technology.fields.certificate")}</th>
                <th>{t("technology.fields.implementationStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((application) => (
                <tr key={application.id}>
                  <td data-label={t("technology.fields.technology")}>
                    <Link to={`/technology/applications/${application.id}`}>{application.technology}</Link>
                  </td>
                  <td data-label={t("technology.fields.enterprise")}>{application.enterprise_name}</td>
                  <td data-label={t("technology.fields.status")}>
                    <ApplicationStatusBadge status={application.status} />
                  </td>
                  <td data-label={t("technology.fields.due")}>
                    <ApplicationDue status={application.status} dueOn={application.due_on} today={today} />
                  </td>
                  <td data-label={t("technology.fields.requestedSupport")}>
                    {formatMoney(application.requested_support_vnd, i18n.language)}
                  </td>
                  <td data-label={t("technology.fields.certificate")}>
                    {application.certificate_number
                      ? `${application.certificate_number}${application.revoked_at ? ` (${t("technology.certificate.revokeConfirm")})` : ""}`
                      : "—"}
                  </td>
                  <td data-label={t("technology.fields.implementationStatus")}>
                    <ImplementationBadge status={application.implementation_status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
