import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOpenEditions } from "../modules/competition/queries.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { nowIso } from "../lib/time.server";
import { useTranslation } from "react-i18next";
import { useRootData } from "../root";
import { Card } from "../ui/layout";

export const meta: MetaFunction = () => [
  { title: "Cổng Đổi mới sáng tạo Quảng Ngãi" },
  { name: "description", content: "Cổng thông tin hệ sinh thái khởi nghiệp đổi mới sáng tạo của Sở Khoa học và Công nghệ tỉnh Quảng Ngãi." },
];

export async function loader() {
  return { openEditions: await listOpenEditions(getDb(), nowIso()) };
}

const PROGRAMMES = ["competition", "incubation", "sme", "technology", "connection"] as const;

export default function PublicHome() {
  const { t, i18n } = useTranslation();
  const root = useRootData();
  const { openEditions } = useLoaderData<typeof loader>();
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
                <Link to={`/competitions/${edition.id}`}>{edition.name}</Link> — {t("competition.submissionDeadline")}: {formatDateTime(edition.submission_deadline, i18n.language)}
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
      <Card>
        <p>{t("public.noResults")}</p>
      </Card>
    </>
  );
}
