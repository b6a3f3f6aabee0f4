import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "../i18n/use-translation";
import { MergeSchema } from "../modules/connections/schemas";
import { mergeOrganisations } from "../modules/organisations/merge.server";
import { mergeParties, organisationLabel } from "../modules/organisations/rules";
import { DUPLICATE_LIST, duplicateGroups, similarOrganisations } from "../modules/organisations/registry.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatNumber } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { listHref, readListState } from "../lib/list";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Badge, Card, ConfirmAction, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tổ chức có thể trùng – Cổng ĐMST Quảng Ngãi" }];

/** Registry care is the work of those who keep the registry: staff and admins. */
const KEEPERS = ["staff", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, KEEPERS);
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const state = readListState(search, DUPLICATE_LIST);
  const name = (search.get("name") ?? "").trim().slice(0, 200);
  const of = search.get("of");
  const subject = of
    ? await db.selectFrom("organisations").select(["id", "name", "tax_code"]).where("id", "=", of).executeTakeFirst()
    : null;
  const [groups, similar] = await Promise.all([
    duplicateGroups(db, { page: state.page, pageSize: state.pageSize }),
    subject
      ? similarOrganisations(db, subject)
      : name
        ? similarOrganisations(db, { name, tax_code: null })
        : Promise.resolve([]),
  ]);
  return { groups, similar, name: subject?.name ?? name, subject };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, KEEPERS);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const group = String(form.get("group") ?? "");
  const result = parseForm(form, MergeSchema, t);
  if (!result.ok) return data({ group, errors: result.errors, values: result.values }, { status: 400 });
  const outcome = await mergeOrganisations(getDb(), user, result.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { group, values: result.value as Record<string, string> });
  return redirectWithFlash(`/organisations/${result.value.keepId}`, t("connections.merge.merged"));
}

type Member = { id: string; name: string; kind: string; tax_code: string | null };

function MergeForm({
  groupKey,
  members,
  failed,
}: {
  groupKey: string;
  members: Member[];
  failed?: { errors: Record<string, string>; values: Record<string, string> };
}) {
  const { t } = useTranslation();
  const options = members.map((m) => ({ value: m.id, label: organisationLabel(m) }));
  // The confirmation names the two organisations chosen, following the selects as they change.
  const [chosen, setChosen] = useState({
    keepId: failed?.values.keepId ?? members[0]?.id ?? "",
    mergeId: failed?.values.mergeId ?? members[1]?.id ?? "",
  });
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLSelectElement;
    if (target.name === "keepId" || target.name === "mergeId")
      setChosen((current) => ({ ...current, [target.name]: target.value }));
  };
  return (
    <AppForm method="post" errors={failed?.errors} className="merge-form" onChange={onChange}>
      <input type="hidden" name="group" value={groupKey} />
      <div className="form-grid">
        <Field
          name="keepId"
          as="select"
          label={t("connections.merge.keep")}
          required
          defaultValue={failed?.values.keepId ?? members[0]?.id}
          error={failed?.errors.keepId}
          options={options}
        />
        <Field
          name="mergeId"
          as="select"
          label={t("connections.merge.mergeInto")}
          required
          defaultValue={failed?.values.mergeId ?? members[1]?.id}
          error={failed?.errors.mergeId}
          options={options}
        />
      </div>
      <Field
        name="reason"
        label={t("connections.merge.reason")}
        required
        defaultValue={failed?.values.reason}
        error={failed?.errors.reason}
      />
      <ConfirmAction
        label={t("connections.merge.button")}
        confirmLabel={t("connections.merge.button")}
        message={t("connections.merge.confirm", mergeParties(members, chosen.keepId, chosen.mergeId))}
      >
        {null}
      </ConfirmAction>
    </AppForm>
  );
}

export default function DuplicatesPage() {
  const { t, i18n } = useTranslation();
  const { groups, similar, name, subject } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <>
      <PageHeader
        title={t("connections.duplicatesTitle")}
        lead={t("connections.merge.lead")}
        actions={<Link to="/organisations">{t("organisations.title")}</Link>}
      />
      <Card title={t("connections.merge.similarTitle")}>
        <p className="field-hint">{t("connections.merge.similarLead")}</p>
        <Form method="get" className="inline-search" role="search">
          <Field name="name" type="search" label={t("connections.merge.checkName")} defaultValue={name} />
          <Button variant="secondary">{t("connections.find")}</Button>
        </Form>
        {name && similar.length === 0 ? <p>{t("connections.noMatches")}</p> : null}
        {similar.length ? (
          <>
            <ul>
              {similar.map((s) => (
                <li key={s.id}>
                  <Link to={`/organisations/${s.id}`}>{s.name}</Link>{" "}
                  {s.tax_code ? <small>({s.tax_code})</small> : null}{" "}
                  <Badge tone="warning">
                    {t(`connections.merge.reasons.${s.reason === "tax_code" ? "tax_code" : "name"}`)}
                  </Badge>{" "}
                  <small>
                    {t("connections.merge.similarity")}: {Math.round(s.similarity * 100)}%
                  </small>
                </li>
              ))}
            </ul>
            {subject ? (
              <MergeForm
                groupKey={`of-${subject.id}`}
                members={[{ ...subject, kind: "" }, ...similar]}
                failed={failed?.group === `of-${subject.id}` ? failed : undefined}
              />
            ) : null}
          </>
        ) : null}
      </Card>
      {groups.rows.length === 0 ? (
        <Card>
          <p>{t("connections.merge.none")}</p>
        </Card>
      ) : (
        groups.rows.map((group, index) => {
          const key = `${group.reason}-${group.key}`;
          return (
            <section key={key} className="card" aria-labelledby={`group-${index}`}>
              <h2 id={`group-${index}`}>
                {t("connections.merge.groupTitle", { n: String((groups.page - 1) * groups.pageSize + index + 1) })}{" "}
                <Badge tone="warning">{t(`connections.merge.reasons.${group.reason}`)}</Badge>
              </h2>
              <ul>
                {group.members.map((m) => (
                  <li key={m.id}>
                    <Link to={`/organisations/${m.id}`}>{m.name}</Link>{" "}
                    <small>
                      ({t(`orgKinds.${m.kind}`)}
                      {m.tax_code ? `, ${m.tax_code}` : ""}
                      {m.province ? `, ${m.province}` : ""})
                    </small>
                    <small className="cell-note">
                      {t("connections.merge.counts", {
                        members: n(m.members),
                        attendances: n(m.attendances),
                        mous: n(m.mous),
                      })}
                    </small>
                  </li>
                ))}
              </ul>
              <MergeForm groupKey={key} members={group.members} failed={failed?.group === key ? failed : undefined} />
            </section>
          );
        })
      )}
      {groups.pageCount > 1 ? (
        <nav
          className="pagination"
          aria-label={t("table.page", { page: String(groups.page), pages: String(groups.pageCount) })}
        >
          {groups.page > 1 ? <Link to={listHref(search, { page: groups.page - 1 })}>{t("table.previous")}</Link> : null}
          <span>{t("table.page", { page: String(groups.page), pages: String(groups.pageCount) })}</span>
          {groups.page < groups.pageCount ? (
            <Link to={listHref(search, { page: groups.page + 1 })}>{t("table.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
