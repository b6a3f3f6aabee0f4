import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { editionPhasesNow, listPublishedEditions } from "../modules/competition/queries.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { Badge, Card, PageHeader } from "../ui/layout";
import { htmlOnly } from "../ui/hydration";

export const handle = htmlOnly;

export const meta: MetaFunction = () => [{ title: "Cuộc thi Khởi nghiệp đổi mới sáng tạo – Cổng ĐMST Quảng Ngãi" }];

export async function loader(_args: LoaderFunctionArgs) {
  const editions = await listPublishedEditions(getDb());
  const phases = await editionPhasesNow(getDb(), editions);
  return { editions: editions.map((edition) => ({ ...edition, phase: phases.get(edition.id)! })) };
}

export default function CompetitionsPage() {
  const { t, i18n } = useTranslation();
  const { editions } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("competition.publicTitle")} lead={t("competition.publicLead")} />
      {editions.length === 0 ? (
        <Card>
          <p>{t("competition.noEditions")}</p>
        </Card>
      ) : (
        <div className="grid">
          {editions.map((edition) => (
            <Card key={edition.id}>
              <h2>
                <Link to={`/competitions/${edition.id}`}>{edition.name}</Link>
              </h2>
              <p>
                <Badge tone={edition.phase === "open" ? "success" : "neutral"}>
                  {t(`competition.phases.${edition.phase}`)}
                </Badge>
              </p>
              <p>
                {t("competition.submissionDeadline")}: {formatDateTime(edition.submission_deadline, i18n.language)}
              </p>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
