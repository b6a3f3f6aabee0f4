import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { myApplications } from "../modules/technology/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatMoney } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { Card, PageHeader } from "../ui/layout";
import { ApplicationDue, ApplicationStatusBadge, ImplementationBadge } from "../ui/technology";
import { SimpleTable } from "../ui/simple-table";

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
          <SimpleTable
            scroll={false}
            rows={applications}
            rowKey={(application) => application.id}
            columns={[
              {
                key: "technology",
                header: t("technology.fields.technology"),
                cell: (application) => (
                  <Link to={`/technology/applications/${application.id}`}>{application.technology}</Link>
                ),
              },
              {
                key: "enterprise",
                header: t("technology.fields.enterprise"),
                cell: (application) => application.enterprise_name,
              },
              {
                key: "status",
                header: t("technology.fields.status"),
                cell: (application) => <ApplicationStatusBadge status={application.status} />,
              },
              {
                key: "due",
                header: t("technology.fields.due"),
                cell: (application) => (
                  <ApplicationDue status={application.status} dueOn={application.due_on} today={today} />
                ),
              },
              {
                key: "requestedSupport",
                header: t("technology.fields.requestedSupport"),
                cell: (application) => formatMoney(application.requested_support_vnd, i18n.language),
              },
              {
                key: "certificate",
                header: t("technology.fields.certificate"),
                cell: (application) =>
                  application.certificate_number
                    ? `${application.certificate_number}${application.revoked_at ? ` (${t("technology.certificate.revokeConfirm")})` : ""}`
                    : "—",
              },
              {
                key: "implementationStatus",
                header: t("technology.fields.implementationStatus"),
                cell: (application) => <ImplementationBadge status={application.implementation_status} />,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
