import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { myEntries } from "../modules/competition/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { Card, PageHeader } from "../ui/layout";
import { EntryStatusBadge } from "../ui/entry-status";

export const meta: MetaFunction = () => [{ title: "Hồ sơ dự thi của tôi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  return { entries: await myEntries(getDb(), user) };
}

export default function MyEntriesPage() {
  const { t, i18n } = useTranslation();
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("entries.myTitle")} actions={<Link to="/competitions">{t("nav.competitions")}</Link>} />
      {entries.length === 0 ? (
        <Card>
          <p>{t("entries.none")}</p>
        </Card>
      ) : (
        <div className="grid">
          {entries.map((entry) => (
            <Card key={entry.id}>
              <h2>
                <Link to={`/my/entries/${entry.id}`}>{entry.project_name}</Link>
              </h2>
              <p>{entry.edition_name}</p>
              <p>
                <EntryStatusBadge status={entry.status} />{" "}
                {entry.receipt_number ? <strong>{entry.receipt_number}</strong> : null}
              </p>
              <p>
                {t("competition.submissionDeadline")}: {formatDateTime(entry.submission_deadline, i18n.language)}
              </p>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
