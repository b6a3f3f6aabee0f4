import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { linkJudgeOrganisation, unlinkJudgeOrganisation } from "../modules/judging/commands.server";
import { getJudge, organisationsOfJudge } from "../modules/judging/judge-organisations.server";
import { JudgeOrganisationSchema, JudgeOrganisationUnlinkSchema } from "../modules/judging/schemas";
import { findOrganisations } from "../modules/organisations/registry.server";
import { Button, Field } from "../ui/form";
import { Card, ConfirmAction, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.judge.full_name ?? "Giám khảo"} – Tổ chức – Cổng ĐMST Quảng Ngãi` },
];

/** Staff record a judge's organisations; leaders read them. */
const MANAGERS = ["staff", "admin"] as const;
export const intents = { link: MANAGERS, unlink: MANAGERS } satisfies IntentRoles;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const judge = await getJudge(db, param(params, "judgeId"));
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const [organisations, found] = await Promise.all([organisationsOfJudge(db, judge.id), findOrganisations(db, q)]);
  return { judge, ...organisations, q, found, canManage: user.role === "staff" || user.role === "admin" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const t = await getTranslator(request);
  const db = getDb();
  const judge = await getJudge(db, param(params, "judgeId"));
  const here = `/staff/judges/${judge.id}`;
  if (intent === "link") {
    const result = parseForm(form, JudgeOrganisationSchema, t);
    if (!result.ok) return data({ intent, ...result }, { status: 400 });
    const outcome = await linkJudgeOrganisation(db, user, judge.id, result.value.organisationId, context.clientIp);
    return outcome.ok
      ? redirectWithFlash(here, t("judgeOrganisations.linkedDone"))
      : refusal(outcome.problems, t, { intent, ok: false as const, values: {} });
  }
  const result = parseForm(form, JudgeOrganisationUnlinkSchema, t);
  if (!result.ok) return data({ intent, ...result }, { status: 400 });
  const outcome = await unlinkJudgeOrganisation(
    db,
    user,
    judge.id,
    result.value.organisationId,
    result.value.reason,
    context.clientIp,
  );
  return outcome.ok
    ? redirectWithFlash(here, t("judgeOrganisations.unlinkedDone"))
    : refusal(outcome.problems, t, { intent, ok: false as const, values: {} });
}

export default function JudgeOrganisationsPage() {
  const { t, i18n } = useTranslation();
  const { judge, linked, memberOf, q, found, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? (actionData.errors as Record<string, string>) : {};
  const linkedIds = new Set(linked.map((o) => o.id));
  const formError = errors._form ?? errors.organisationId ?? errors.reason;
  return (
    <>
      <PageHeader
        title={t("judgeOrganisations.title", { name: judge.full_name })}
        lead={t("judgeOrganisations.lead")}
        actions={<Link to="/staff/competitions">{t("nav.manageCompetitions")}</Link>}
      />
      {formError ? <Notice tone="danger">{formError}</Notice> : null}
      <Card title={t("judgeOrganisations.linked")}>
        {linked.length === 0 ? (
          <p>{t("judgeOrganisations.none")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("judgeOrganisations.organisation")}</th>
                  <th scope="col">{t("judgeOrganisations.taxCode")}</th>
                  <th scope="col">{t("judgeOrganisations.addedBy")}</th>
                  <th scope="col">{t("judgeOrganisations.addedAt")}</th>
                  {canManage ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("table.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {linked.map((organisation) => (
                  <tr key={organisation.id}>
                    <td data-label={t("judgeOrganisations.organisation")}>
                      <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                    </td>
                    <td data-label={t("judgeOrganisations.taxCode")}>{organisation.tax_code ?? "–"}</td>
                    <td data-label={t("judgeOrganisations.addedBy")}>{organisation.added_by_name ?? "–"}</td>
                    <td data-label={t("judgeOrganisations.addedAt")}>
                      {formatDate(organisation.added_at, i18n.language)}
                    </td>
                    {canManage ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="unlink" />
                          <input type="hidden" name="organisationId" value={organisation.id} />
                          <ConfirmAction
                            label={t("judgeOrganisations.unlink")}
                            confirmLabel={t("judgeOrganisations.unlink")}
                            message={t("judgeOrganisations.unlinkMessage", { name: organisation.name })}
                          >
                            <Field name="reason" label={t("judgeOrganisations.unlinkReason")} required />
                          </ConfirmAction>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {memberOf.length ? (
          <>
            <h3>{t("judgeOrganisations.memberOf")}</h3>
            <ul>
              {memberOf.map((organisation) => (
                <li key={organisation.id}>
                  <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
      {canManage ? (
        <Card title={t("judgeOrganisations.addTitle")}>
          <Form method="get" className="inline-search" role="search">
            <Field name="q" type="search" label={t("judgeOrganisations.search")} defaultValue={q} />
            <Button variant="secondary">{t("judgeOrganisations.searchButton")}</Button>
          </Form>
          {q && found.length === 0 ? <p>{t("judgeOrganisations.noResults")}</p> : null}
          {found.length ? (
            <ul className="plain-list">
              {found.map((organisation) => (
                <li key={organisation.id}>
                  <Form method="post" className="inline-fields">
                    <input type="hidden" name="intent" value="link" />
                    <input type="hidden" name="organisationId" value={organisation.id} />
                    <span>
                      {organisation.name} {organisation.tax_code ? <small>({organisation.tax_code})</small> : null}
                    </span>{" "}
                    {linkedIds.has(organisation.id) ? null : (
                      <Button
                        variant="secondary"
                        aria-label={t("judgeOrganisations.linkLabel", { name: organisation.name })}
                      >
                        {t("judgeOrganisations.link")}
                      </Button>
                    )}
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
