import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { editionsForStaffTable } from "../modules/competition/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { PHASE_TONES } from "../ui/edition-setup";
import { Badge, Card, PageHeader } from "../ui/layout";
import { ExportLinks } from "../ui/export-links";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Quản lý cuộc thi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  return {
    editions: await editionsForStaffTable(getDb()),
    canCreate: user.role === "staff" || user.role === "admin",
  };
}

export default function StaffCompetitionsPage() {
  const { t, i18n } = useTranslation();
  const { editions, canCreate } = useLoaderData<typeof loader>();
  const headers = [
    t("competition.editionName"),
    t("competition.year"),
    t("competition.status"),
    t("competition.submissionDeadline"),
    t("competition.entriesCount"),
  ];
  return (
    <>
      <PageHeader
        title={t("competition.manageTitle")}
        actions={
          canCreate ? (
            <Link className="button button-primary" to="/staff/competitions/new">
              {t("competition.newEdition")}
            </Link>
          ) : null
        }
      />
      <Card>
        {editions.length === 0 ? (
          <p>{t("competition.noEditionsYet")}</p>
        ) : (
          <>
            <ExportLinks path="/staff/competitions/export" />
            <SimpleTable
              caption={t("competition.manageTitle")}
              captionHidden
              rows={editions}
              rowKey={(edition) => edition.id}
              columns={[
                {
                  key: "name",
                  header: headers[0],
                  cell: (edition) => <Link to={`/staff/competitions/${edition.id}`}>{edition.name}</Link>,
                },
                { key: "year", header: headers[1], cell: (edition) => edition.year },
                {
                  key: "phase",
                  header: headers[2],
                  cell: (edition) => (
                    <Badge tone={PHASE_TONES[edition.phase]}>{t(`competition.phases.${edition.phase}`)}</Badge>
                  ),
                },
                {
                  key: "deadline",
                  header: headers[3],
                  cell: (edition) => formatDateTime(edition.submission_deadline, i18n.language),
                },
                {
                  key: "entries",
                  header: headers[4],
                  align: "end",
                  cell: (edition) => formatNumber(edition.entries, i18n.language),
                },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
