import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { startEntry } from "../modules/competition/entries.server";
import { editionPhase, enterpriseCutoffDate } from "../modules/competition/rules";
import { editionSetup, getPublishedEdition, liveEntryOfActor } from "../modules/competition/queries.server";
import { publishedResults } from "../modules/judging/results.server";
import { getUser, requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatDateTime, formatMoney } from "../lib/format";
import { problemsToErrors, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { renderMarkdown } from "../lib/markdown.server";
import { nowIso } from "../lib/time.server";
import { Badge, Card, Notice, PageHeader } from "../ui/layout";
import { RenderedMarkdown } from "../ui/markdown";
import { param } from "../lib/http.server";
import { htmlOnly } from "../ui/hydration";

export const handle = htmlOnly;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.edition.name ?? "Cuộc thi"} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const edition = await getPublishedEdition(db, param(params, "id"));
  const [setup, user] = await Promise.all([editionSetup(db, edition.id), getUser(request)]);
  const now = nowIso();
  const liveEntry = user?.role === "applicant" ? await liveEntryOfActor(db, user, edition.id) : null;
  const msLeft = new Date(edition.submission_deadline).getTime() - new Date(now).getTime();
  return {
    edition,
    setup,
    phase: editionPhase(edition, setup.rounds, now),
    enterpriseCutoff: enterpriseCutoffDate(edition.submission_deadline, edition.max_enterprise_age_years),
    left:
      msLeft > 0
        ? { days: Math.floor(msLeft / 86_400_000), hours: Math.floor((msLeft % 86_400_000) / 3_600_000) }
        : null,
    now,
    rulesHtml: renderMarkdown(edition.rules),
    descriptionHtml: renderMarkdown(edition.description),
    viewer: user ? { role: user.role } : null,
    liveEntryId: liveEntry?.id ?? null,
    results: await publishedResults(db, edition.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The button's form carries nothing, but like every action this one takes only a form (a JSON body is a 415).
  await readForm(request);
  const t = await getTranslator(request);
  const outcome = await startEntry(getDb(), user, param(params, "id"), t, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { error: problemsToErrors(outcome.problems, t)._form });
  return redirect(`/my/entries/${outcome.entryId}`);
}

export default function EditionPage() {
  const { t, i18n } = useTranslation();
  const {
    edition,
    setup,
    phase,
    left,
    now,
    rulesHtml,
    descriptionHtml,
    viewer,
    liveEntryId,
    results,
    enterpriseCutoff,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const milestones = [
    {
      label: t("competition.registrationOpensAt"),
      at: edition.registration_opens_at,
      text: formatDateTime(edition.registration_opens_at, i18n.language),
    },
    {
      label: t("competition.submissionDeadline"),
      at: edition.submission_deadline,
      text: formatDateTime(edition.submission_deadline, i18n.language),
    },
    ...setup.rounds.map((round) => ({
      label: round.name,
      at: round.starts_on ?? "",
      text: [
        formatDate(round.starts_on, i18n.language),
        round.ends_on ? formatDate(round.ends_on, i18n.language) : null,
      ]
        .filter(Boolean)
        .join(" – "),
    })),
    ...(edition.award_ceremony_on
      ? [
          {
            label: t("competition.awardCeremonyOn"),
            at: edition.award_ceremony_on,
            text: formatDate(edition.award_ceremony_on, i18n.language),
          },
        ]
      : []),
  ];
  const nextIndex = milestones.findIndex((m) => m.at && m.at > now);
  return (
    <>
      <PageHeader title={edition.name} lead={t("competition.publicLead")} />
      <Card>
        <p>
          <Badge tone={phase === "open" ? "success" : "neutral"}>{t(`competition.phases.${phase}`)}</Badge>
        </p>
        {phase === "open" && left ? (
          <p className="countdown">
            {t("competition.countdown", { days: String(left.days), hours: String(left.hours) })}
          </p>
        ) : null}
        {phase === "screening" ? <Notice>{t("competition.deadlinePassed")}</Notice> : null}
        {phase === "judging" ? <Notice>{t("competition.judgingNotice")}</Notice> : null}
        {phase === "results" ? <Notice>{t("competition.resultsNotice")}</Notice> : null}
        {phase === "upcoming" ? <Notice>{t("competition.notOpenYet")}</Notice> : null}
        {actionData?.error ? <Notice tone="danger">{actionData.error}</Notice> : null}
        {phase === "open" ? (
          liveEntryId ? (
            <Link className="button button-primary" to={`/my/entries/${liveEntryId}`}>
              {t("competition.continueEntry")}
            </Link>
          ) : viewer?.role === "applicant" ? (
            <Form method="post">
              <button type="submit" className="button button-primary">
                {t("competition.apply")}
              </button>
            </Form>
          ) : !viewer ? (
            <Link
              className="button button-primary"
              to={`/login?redirectTo=${encodeURIComponent(`/competitions/${edition.id}`)}`}
            >
              {t("competition.loginToApply")}
            </Link>
          ) : null
        ) : null}
      </Card>
      <div className="grid">
        <Card title={t("competition.timeline")}>
          <ol className="timeline">
            {milestones.map((milestone, index) => (
              <li key={milestone.label} className={index === nextIndex ? "timeline-next" : undefined}>
                <time>{milestone.text}</time>
                <strong>{milestone.label}</strong>
                {index === nextIndex ? <Badge tone="info">{t("competition.next")}</Badge> : null}
              </li>
            ))}
          </ol>
        </Card>
        <Card title={t("competition.eligibility")}>
          <p>
            {t("competition.eligibilityText", {
              years: String(edition.max_enterprise_age_years),
              age: String(edition.min_representative_age),
            })}
          </p>
          <p>
            {t("competition.enterpriseCutoff", {
              date: formatDate(enterpriseCutoff, i18n.language),
              years: String(edition.max_enterprise_age_years),
            })}
          </p>
          <p>
            {edition.residency_province
              ? t("competition.residencyOnly", { province: edition.residency_province })
              : t("competition.residencyAny")}
          </p>
          <h3>{t("competition.categories")}</h3>
          <ul>
            {setup.categories.map((category) => (
              <li key={category.id}>
                <strong>{category.name}</strong> ({t(`competition.categoryKinds.${category.kind}`)})
                {category.description ? ` – ${category.description}` : ""}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("competition.prizes")}>
          <ul>
            {setup.prizes.map((prize) => (
              <li key={prize.id}>
                {String(prize.count).padStart(2, "0")} {prize.rank_label}:{" "}
                {formatMoney(prize.amount_vnd, i18n.language)}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title={t("competition.howToApply")}>
        <p>{t("competition.howToApplySteps")}</p>
        <h3>{t("competition.documents")}</h3>
        <ul>
          {setup.requirements.map((requirement) => (
            <li key={requirement.id}>
              {requirement.label} (
              {requirement.required ? t("competition.documentRequired") : t("competition.documentOptional")})
            </li>
          ))}
        </ul>
      </Card>
      {edition.description ? (
        <Card title={t("competition.description")}>
          <RenderedMarkdown html={descriptionHtml} />
        </Card>
      ) : null}
      {edition.rules ? (
        <Card title={t("competition.rules")}>
          <RenderedMarkdown html={rulesHtml} />
        </Card>
      ) : null}
      <Card title={t("competition.results")}>
        {results.length === 0 ? (
          <p>{t("competition.noResultsYet")}</p>
        ) : (
          <ul>
            {results.map((winner) => (
              <li key={winner.id}>
                <strong>{winner.rank_label}</strong>: {winner.project_name} – {winner.team_name}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
