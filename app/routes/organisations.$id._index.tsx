import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { addOrganisationDocument } from "../modules/organisations/commands.server";
import { documentsOf, getReadableOrganisation, membersOf } from "../modules/organisations/queries.server";
import { canEditOrganisation } from "../modules/organisations/rules";
import { mergedInto, similarOrganisations } from "../modules/organisations/registry.server";
import { organisationStory, STORY_LIMIT } from "../modules/organisations/story.server";
import { isStaff, requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { checkUpload, MAX_DOCUMENT_BYTES, uploadRefusal } from "../lib/files.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatDateTime, formatNumber } from "../lib/format";
import { readMultipartForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";
import { AppForm, Button, Field } from "../ui/form";
import { OrganisationStory } from "../ui/connections";
import { AuditTimeline } from "../ui/history";
import { Card, Facts, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Tổ chức"} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  // A merged organisation's old links lead to the one it was merged into.
  const keptId = await mergedInto(db, param(params, "id"));
  if (keptId) throw redirect(`/organisations/${keptId}`);
  const { organisation, member } = await getReadableOrganisation(db, user, param(params, "id"));
  const keepsRegistry = user.role === "staff" || user.role === "admin";
  const [members, documents, history, story, similar] = await Promise.all([
    membersOf(db, organisation.id),
    documentsOf(db, organisation.id),
    isStaff(user) ? historyOf(db, "organisation", organisation.id) : Promise.resolve([]),
    organisationStory(db, organisation.id, { role: user.role, member }),
    keepsRegistry ? similarOrganisations(db, organisation, 5) : Promise.resolve([]),
  ]);
  // The members' e-mails are other people's contacts (the viewer's own is not counted).
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "view",
    subject: { type: "organisation_members", id: organisation.id },
    route: routeOf(request),
    count: members.filter((m) => m.id !== user.id).length,
    ip: context.clientIp,
  });
  return {
    organisation,
    members,
    documents,
    history,
    story,
    storyLimit: STORY_LIMIT,
    similar,
    member: member && !isStaff(user),
    canEdit: canEditOrganisation(user, member),
    maxMb: String(MAX_DOCUMENT_BYTES / 1024 / 1024),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await getTranslator(request);
  const form = await readMultipartForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES });
  const upload = await checkUpload(form.get("document"));
  if (!upload.ok) {
    const refusal = uploadRefusal(upload.problem, t);
    return data({ errors: { document: refusal.message } }, { status: refusal.status });
  }
  await addOrganisationDocument(getDb(), user, param(params, "id"), upload, context.clientIp);
  return redirectWithFlash(`/organisations/${params.id}`, t("organisations.uploaded"));
}

export default function OrganisationPage() {
  const { t, i18n } = useTranslation();
  const { organisation, members, documents, history, story, storyLimit, similar, member, canEdit, maxMb } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={organisation.name}
        lead={t(`orgKinds.${organisation.kind}`)}
        actions={
          canEdit ? (
            <Link className="button button-secondary" to={`/organisations/${organisation.id}/edit`}>
              {t("organisations.editTitle")}
            </Link>
          ) : null
        }
      />
      <Card>
        <Facts
          items={[
            [t("organisations.taxCode"), organisation.tax_code],
            [t("organisations.sector"), organisation.sector],
            [
              t("organisations.address"),
              [organisation.address_line, organisation.commune, organisation.province].filter(Boolean).join(", "),
            ],
            [t("organisations.oldDistrict"), organisation.old_district],
            [
              t("organisations.foundedOn"),
              organisation.founded_on ? formatDate(organisation.founded_on, i18n.language) : null,
            ],
            [t("organisations.email"), organisation.email],
            [t("organisations.phone"), organisation.phone],
            [
              t("organisations.website"),
              organisation.website ? (
                <a href={organisation.website} rel="noreferrer noopener">
                  {organisation.website}
                </a>
              ) : null,
            ],
          ]}
        />
        {organisation.description ? <p>{organisation.description}</p> : null}
      </Card>
      {similar.length ? (
        <Notice>
          {t("connections.story.possibleDuplicates")}: {similar.map((s) => s.name).join("; ")}.{" "}
          <Link to={`/organisations/duplicates?of=${organisation.id}`}>{t("connections.story.reviewDuplicates")}</Link>
        </Notice>
      ) : null}
      <OrganisationStory items={story} member={member} limit={storyLimit} />
      <div className="grid">
        <Card title={t("organisations.members")}>
          {members.length === 0 ? (
            <p>{t("organisations.noMembers")}</p>
          ) : (
            <ul>
              {members.map((member) => (
                <li key={member.id}>
                  {member.full_name} <small>({member.email})</small>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("organisations.documents")}>
          {documents.length === 0 ? (
            <p>{t("organisations.noDocuments")}</p>
          ) : (
            <ul>
              {documents.map((document) => (
                <li key={document.id}>
                  <a href={`/files/${document.id}`}>{document.original_name}</a>{" "}
                  <small>
                    ({formatNumber(Math.ceil(document.size_bytes / 1024), i18n.language)} KB,{" "}
                    {formatDateTime(document.created_at, i18n.language)})
                  </small>
                </li>
              ))}
            </ul>
          )}
          {canEdit ? (
            <AppForm method="post" encType="multipart/form-data" errors={actionData?.errors}>
              <Field
                name="document"
                type="file"
                label={t("organisations.uploadLabel", { maxMb })}
                accept=".pdf,.docx,.pptx,.jpg,.jpeg,.png"
                required
                error={actionData?.errors.document}
              />
              <Button variant="secondary">{t("organisations.uploadButton")}</Button>
            </AppForm>
          ) : null}
        </Card>
      </div>
      {history.length ? (
        <Card title={t("organisations.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
