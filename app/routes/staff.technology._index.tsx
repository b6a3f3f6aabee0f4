import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { TechPipelineStage } from "../../db/types";
import {
  enterprisesAtStage,
  findEnterprises,
  pipelineCounts,
  stalledProjects,
} from "../modules/technology/queries.server";
import { PIPELINE_STAGES } from "../modules/technology/rules";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatNumber } from "../lib/format";
import { Button, Field } from "../ui/form";
import { ExportLinks } from "../ui/export-links";
import { Card, PageHeader } from "../ui/layout";
import { SimpleTable } from "../ui/simple-table";
import { ImplementationBadge, StageBadge } from "../ui/technology";

export const meta: MetaFunction = () => [{ title: "Chương trình đổi mới công nghệ – Cổng ĐMST Quảng Ngãi" }];

/** The programme's pipeline for staff and leaders: enterprises per stage (one grouped query), the stalled projects, a lookup. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const stageParam = search.get("stage");
  const stage = (PIPELINE_STAGES as readonly string[]).includes(stageParam ?? "")
    ? (stageParam as TechPipelineStage)
    : null;
  const q = (search.get("q") ?? "").trim().slice(0, 100);
  const [counts, stalled, atStage, found] = await Promise.all([
    pipelineCounts(db),
    stalledProjects(db),
    stage ? enterprisesAtStage(db, stage) : [],
    findEnterprises(db, q),
  ]);
  return { counts, stalled, stage, atStage, q, found };
}

export default function TechnologyBoard() {
  const { t, i18n } = useTranslation();
  const { counts, stalled, stage, atStage, q, found } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("technology.board.title")}
        lead={t("technology.board.lead")}
        actions={
          <>
            <Link to="/staff/technology/applications">{t("technology.applications.title")}</Link>
            <Link to="/staff/technology/outreach">{t("technology.outreach.title")}</Link>
            <Link to="/staff/technology/assessments">{t("technology.assessments.title")}</Link>
            <Link to="/staff/technology/settings">{t("records.certificateNumbers.nav")}</Link>
          </>
        }
      />
      <ol className="pipeline" aria-label={t("technology.board.title")}>
        {PIPELINE_STAGES.map((s) => (
          <li key={s} className={s === stage ? "pipeline-stage pipeline-current" : "pipeline-stage"}>
            <Link to={`?stage=${s}`}>
              <span className="figure">{formatNumber(counts[s], i18n.language)}</span>
              <span>{t(`technology.stages.${s}`)}</span>
            </Link>
          </li>
        ))}
      </ol>
      <ExportLinks path="/staff/technology/export" />

      {stage ? (
        <Card title={`${t("technology.board.atStage")}: ${t(`technology.stages.${stage}`)}`}>
          {atStage.length === 0 ? (
            <p>{t("technology.enterprise.none")}</p>
          ) : (
            <ul>
              {atStage.map((enterprise) => (
                <li key={enterprise.id}>
                  <Link to={`/staff/technology/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
                  {enterprise.tax_code ? ` (${enterprise.tax_code})` : ""}
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}

      <Card title={t("technology.board.stalled")}>
        {stalled.length === 0 ? (
          <p>{t("technology.board.noStalled")}</p>
        ) : (
          <SimpleTable
            rows={stalled}
            rowKey={(project) => project.id}
            columns={[
              {
                key: "enterprise",
                header: t("technology.fields.enterprise"),
                cell: (project) => (
                  <Link to={`/staff/technology/enterprises/${project.organisation_id}`}>{project.enterprise_name}</Link>
                ),
              },
              {
                key: "technology",
                header: t("technology.fields.technology"),
                cell: (project) => (
                  <Link to={`/staff/technology/applications/${project.id}`}>{project.technology}</Link>
                ),
              },
              {
                key: "certificate",
                header: t("technology.fields.certificate"),
                cell: (project) => project.certificate_number ?? "—",
              },
              {
                key: "implementationStatus",
                header: t("technology.fields.implementationStatus"),
                cell: (project) =>
                  project.revoked_at ? (
                    t("technology.certificate.revoked", {
                      date: formatDate(project.revoked_at, i18n.language),
                      reason: project.revoke_reason ?? "",
                    })
                  ) : (
                    <ImplementationBadge status={project.implementation_status} />
                  ),
              },
              {
                key: "reason",
                header: t("technology.fields.reason"),
                cell: (project) => project.implementation_reason ?? "—",
              },
            ]}
          />
        )}
      </Card>

      <Card title={t("technology.board.lookup")}>
        <Form method="get" className="inline-fields">
          <Field name="q" type="search" label={t("technology.board.lookupLabel")} defaultValue={q} />
          <Button variant="secondary">{t("technology.board.lookupButton")}</Button>
        </Form>
        {q ? (
          found.length === 0 ? (
            <p>{t("technology.board.noMatch")}</p>
          ) : (
            <ul>
              {found.map((enterprise) => (
                <li key={enterprise.id}>
                  <Link to={`/staff/technology/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
                  {enterprise.tax_code ? ` (${enterprise.tax_code}) ` : " "}
                  <StageBadge stage={enterprise.stage} />
                </li>
              ))}
            </ul>
          )
        ) : null}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
