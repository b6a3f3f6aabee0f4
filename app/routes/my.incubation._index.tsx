import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { incubationListState, listRecords } from "../modules/incubation/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate } from "../lib/format";
import { Badge, Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Ươm tạo của tôi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  // The same list as the board, filtered in its SQL to the organisations the applicant belongs to.
  const page = await listRecords(getDb(), user, { ...incubationListState(new URLSearchParams()), pageSize: 100 });
  return { records: page.rows };
}

export default function MyIncubation() {
  const { t, i18n } = useTranslation();
  const { records } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("incubation.myTitle")} lead={t("incubation.myLead")} />
      <Card>
        {records.length === 0 ? (
          <p>{t("incubation.myEmpty")}</p>
        ) : (
          <ul className="list">
            {records.map((r) => (
              <li key={r.id}>
                <Link to={`/my/incubation/${r.id}`}>{r.startup_name}</Link> – {r.incubator_name} (
                {formatDate(r.started_on, i18n.language)}) <Badge>{t(`incubation.statuses.${r.status}`)}</Badge>{" "}
                {r.missing_reports > 0 ? (
                  <Badge tone="warning">{`${t("incubation.missingReports")}: ${r.missing_reports}`}</Badge>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
