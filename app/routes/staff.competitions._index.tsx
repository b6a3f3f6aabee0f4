import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { editionPhasesNow, listEditionsForStaff } from "../modules/competition/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { PHASE_TONES } from "../ui/edition-setup";
import { Badge, Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Quản lý cuộc thi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const editions = await listEditionsForStaff(getDb());
  const phases = await editionPhasesNow(getDb(), editions);
  return {
    editions: editions.map((edition) => ({
      ...edition,
      entries: Number(edition.entries),
      phase: phases.get(edition.id)!,
    })),
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
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("competition.manageTitle")}</caption>
              <thead>
                <tr>
                  {headers.map((header, index) => (
                    <th key={header} scope="col" className={index === 4 ? "numeric" : undefined}>
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {editions.map((edition) => (
                  <tr key={edition.id}>
                    <td data-label={headers[0]}>
                      <Link to={`/staff/competitions/${edition.id}`}>{edition.name}</Link>
                    </td>
                    <td data-label={headers[1]}>{edition.year}</td>
                    <td data-label={headers[2]}>
                      <Badge tone={PHASE_TONES[edition.phase]}>{t(`competition.phases.${edition.phase}`)}</Badge>
                    </td>
                    <td data-label={headers[3]}>{formatDateTime(edition.submission_deadline, i18n.language)}</td>
                    <td data-label={headers[4]} className="numeric">
                      {formatNumber(edition.entries, i18n.language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
