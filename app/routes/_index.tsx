import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { editionPhasesNow, listOpenEditions } from "../modules/competition/queries.server";
import { latestPublishedResults } from "../modules/judging/results.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { nowIso } from "../lib/time.server";
import { useTranslation } from "../i18n/use-translation";
import { useRootData } from "../root";
import { Card } from "../ui/layout";
import { htmlOnly } from "../ui/hydration";

export const handle = htmlOnly;

export const meta: MetaFunction = () => [
  { title: "Cổng Đổi mới sáng tạo Quảng Ngãi" },
  {
    name: "description",
    content: "Cổng thông tin hệ sinh thái khởi nghiệp đổi mới sáng tạo của Sở Khoa học và Công nghệ tỉnh Quảng Ngãi.",
  },
];

export async function loader() {
  const db = getDb();
  const now = nowIso();
  const [candidates, results] = await Promise.all([listOpenEditions(db, now), latestPublishedResults(db)]);
  // The call's dates are not enough: an edition already judging or with published results takes no entry.
  const phases = await editionPhasesNow(db, candidates, now);
  return { openEditions: candidates.filter((edition) => phases.get(edition.id) === "open"), results };
}

const PROGRAMMES = ["competition", "incubation", "sme", "technology", "connection"] as const;

export default function PublicHome() {
  const { t, i18n } = useTranslation();
  const root = useRootData();
  const { openEditions, results } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero">
        <h1>{t("public.heroTitle")}</h1>
        <p>{t("public.heroLead")}</p>
        {root?.user ? null : (
          <div className="actions">
            <Link className="button button-secondary" to="/register">
              {t("public.ctaRegister")}
            </Link>
            <Link className="button button-primary" to="/login">
              {t("public.ctaLogin")}
            </Link>
          </div>
        )}
      </section>
      <Card title={t("public.openCompetitions")}>
        {openEditions.length === 0 ? (
          <p>{t("public.noOpenCompetitions")}</p>
        ) : (
          <ul>
            {openEditions.map((edition) => (
              <li key={edition.id}>
                <Link to={`/competitions/${edition.id}`}>{edition.name}</Link> — {t("competition.submissionDeadline")}:{" "}
                {formatDateTime(edition.submission_deadline, i18n.language)}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/competitions">{t("nav.competitions")}</Link>
        </p>
      </Card>
      <h2>{t("public.programmes")}</h2>
      <div className="grid">
        {PROGRAMMES.map((key) => (
          <Card key={key} title={t(`public.programme.${key}.title`)}>
            <p>{t(`public.programme.${key}.body`)}</p>
          </Card>
        ))}
      </div>
      <h2 className="section-title">{t("public.results")}</h2>
      {results.length === 0 ? (
        <Card>
          <p>{t("public.noResults")}</p>
        </Card>
      ) : (
        <div className="grid">
          {results.map((edition) => (
            <Card key={edition.id} title={edition.name}>
              <ul>
                {edition.awards.map((award) => (
                  <li key={award.id}>
                    <strong>{award.rank_label}</strong>: {award.project_name} — {award.team_name}
                  </li>
                ))}
              </ul>
              <p>
                <Link to={`/competitions/${edition.id}`}>{t("public.resultsDetail")}</Link>
              </p>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
