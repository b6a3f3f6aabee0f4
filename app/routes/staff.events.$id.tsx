import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { addEventFile, addParticipant, removeParticipant, updateEvent } from "../modules/connections/commands.server";
import { eventDetails, getEvent, organiserChoices } from "../modules/connections/queries.server";
import { canWriteConnections } from "../modules/connections/rules";
import {
  EventFileSchema,
  EventSchema,
  ParticipantSchema,
  RemoveParticipantSchema,
} from "../modules/connections/schemas";
import { findOrganisations } from "../modules/organisations/registry.server";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { checkUpload, MAX_DOCUMENT_BYTES, uploadRefusal } from "../lib/files.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatNumber } from "../lib/format";
import { echoedValues, isMultipartForm, parseForm, readForm, readMultipartForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";
import { dateRange, EventFields } from "../ui/connections";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Badge, Card, ConfirmAction, Facts, PageHeader } from "../ui/layout";
import { ExportLinks } from "../ui/export-links";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.event.title ?? "Sự kiện"} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const event = await getEvent(db, param(params, "id"));
  const find = (new URL(request.url).searchParams.get("find") ?? "").trim().slice(0, 100);
  const [details, organiserOptions, found, history] = await Promise.all([
    eventDetails(db, event.id),
    organiserChoices(db),
    findOrganisations(db, find),
    historyOf(db, "connection_event", event.id),
  ]);
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "view",
    subject: { type: "event_participants", id: event.id },
    route: routeOf(request),
    count: details.participants.filter((p) => p.person_name || p.phone || p.email).length,
    ip: context.clientIp,
  });
  return {
    event,
    ...details,
    organiserOptions,
    find,
    found,
    history,
    canWrite: canWriteConnections(user.role),
    maxMb: String(MAX_DOCUMENT_BYTES / 1024 / 1024),
  };
}

type ActionResult = { intent: string; errors: Record<string, string>; values: Record<string, string | string[]> };

/** Staff and admins keep events (the multipart form is the "file" intent); leaders read. */
const WRITERS = ["staff", "admin"] as const;
export const intents = { participant: WRITERS, remove: WRITERS, update: WRITERS, file: WRITERS } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const eventId = param(params, "id");
  const here = `/staff/events/${eventId}`;
  const ip = context.clientIp;
  const invalid = (intent: string, errors: Record<string, string>, values: ActionResult["values"] = {}, status = 400) =>
    data<ActionResult>({ intent, errors, values }, { status });

  if (isMultipartForm(request)) {
    requireIntent(user, "file", intents);
    const form = await readMultipartForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES });
    const purpose = parseForm(form, EventFileSchema, t);
    if (!purpose.ok) return invalid("file", purpose.errors);
    const upload = await checkUpload(form.get("document"));
    if (!upload.ok) {
      const refusal = uploadRefusal(upload.problem, t);
      return invalid("file", { document: refusal.message }, {}, refusal.status);
    }
    const outcome = await addEventFile(db, user, eventId, purpose.value.purpose, upload, ip);
    return outcome.ok
      ? redirectWithFlash(`${here}#materials`, t("connections.fileAdded"))
      : refusal(outcome.problems, t, { intent: "file", values: {} });
  }

  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const values = echoedValues(Object.fromEntries(form));
  switch (intent) {
    case "participant": {
      const result = parseForm(form, ParticipantSchema, t);
      if (!result.ok) return invalid(intent, result.errors, result.values);
      const outcome = await addParticipant(db, user, eventId, result.value, ip);
      return outcome.ok
        ? redirectWithFlash(`${here}#participants`, t("connections.participantAdded"))
        : refusal(outcome.problems, t, { intent, values });
    }
    case "remove": {
      const result = parseForm(form, RemoveParticipantSchema, t);
      if (!result.ok) return invalid(intent, result.errors);
      await removeParticipant(db, user, eventId, result.value.participantId, ip);
      return redirectWithFlash(`${here}#participants`, t("connections.participantRemoved"));
    }
    case "update": {
      const coOrganiserIds = form.getAll("coOrganiserIds").map(String);
      const result = parseForm(form, EventSchema, t);
      if (!result.ok) return invalid(intent, result.errors, { ...result.values, coOrganiserIds });
      const outcome = await updateEvent(db, user, eventId, result.value, ip);
      return outcome.ok
        ? redirectWithFlash(here, t("connections.eventSaved"))
        : refusal(outcome.problems, t, { intent, values: { ...values, coOrganiserIds } });
    }
    default:
      return invalid(intent, { _form: t("errors.invalid") });
  }
}

export default function EventPage() {
  const { t, i18n } = useTranslation();
  const {
    event,
    organisers,
    participants,
    participantCount,
    files,
    mous,
    organiserOptions,
    find,
    found,
    history,
    canWrite,
    maxMb,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const participant = failed("participant");
  const file = failed("file");
  const update = failed("update");
  const n = (value: number) => formatNumber(value, i18n.language);
  const photos = files.filter((f) => f.purpose === "photo");
  const documents = files.filter((f) => f.purpose !== "photo");
  const organiser = organisers.find((o) => o.role === "organiser");
  const reported = [
    event.reported_organisations !== null
      ? `${n(event.reported_organisations)} ${t("connections.organisation").toLowerCase()}`
      : null,
    event.reported_people !== null ? `${n(event.reported_people)} ${t("connections.person").toLowerCase()}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const editValues = update?.values ?? {
    kind: event.kind,
    title: event.title,
    startsOn: event.starts_on,
    endsOn: event.ends_on,
    place: event.place ?? "",
    topic: event.topic ?? "",
    summary: event.summary ?? "",
    organiserId: organiser?.id ?? "",
    coOrganiserIds: organisers.filter((o) => o.role === "co_organiser").map((o) => o.id),
    reportedOrganisations: event.reported_organisations === null ? "" : String(event.reported_organisations),
    reportedPeople: event.reported_people === null ? "" : String(event.reported_people),
    countNote: event.count_note ?? "",
  };
  return (
    <>
      <PageHeader
        title={event.title}
        lead={t(`connections.kinds.${event.kind}`)}
        actions={
          <>
            {canWrite ? (
              <>
                <Link className="button button-secondary" to={`/staff/events/${event.id}/import`}>
                  {t("connections.importAttendees")}
                </Link>
                <Link className="button button-secondary" to={`/staff/mous/new?event=${event.id}`}>
                  {t("connections.recordMouHere")}
                </Link>
              </>
            ) : null}
            <Link to="/staff/events">{t("connections.backToEvents")}</Link>
          </>
        }
      />
      <Card>
        <Facts
          items={[
            [t("connections.dates"), dateRange(event.starts_on, event.ends_on, i18n.language)],
            [t("connections.place"), event.place],
            [t("connections.topic"), event.topic],
            [
              t("connections.organisers"),
              organisers.length
                ? organisers.map((o) => `${o.name} (${t(`connections.organiserRoles.${o.role}`)})`).join("; ")
                : null,
            ],
            [
              t("connections.participantsCount"),
              t("connections.participantsFigure", {
                people: n(participantCount),
                organisations: n(
                  new Set(participants.filter((p) => p.organisation_id).map((p) => p.organisation_id)).size,
                ),
              }),
            ],
            [t("connections.reportedLabel"), event.count_note ?? (reported || null)],
          ]}
        />
        {event.summary ? <p className="pre-line">{event.summary}</p> : null}
      </Card>

      <section className="card" id="participants" aria-labelledby="participants-title">
        <h2 id="participants-title">{t("connections.participants")}</h2>
        {participants.length === 0 ? (
          <p>{t("connections.noParticipants")}</p>
        ) : (
          <>
            <ExportLinks path={`/staff/events/${event.id}/export`} />
            <SimpleTable
              rows={participants}
              rowKey={(p) => p.id}
              columns={[
                {
                  key: "organisation",
                  header: t("connections.organisation"),
                  cell: (p) =>
                    p.organisation_id ? (
                      <Link to={`/organisations/${p.organisation_id}`}>{p.organisation_name}</Link>
                    ) : (
                      "—"
                    ),
                },
                { key: "person", header: t("connections.person"), cell: (p) => p.person_name ?? "—" },
                { key: "position", header: t("connections.position"), cell: (p) => p.position ?? "—" },
                { key: "source", header: t("connections.source"), cell: (p) => t(`connections.sources.${p.source}`) },
                canWrite && {
                  key: "remove",
                  header: t("connections.remove"),
                  hideHeader: true,
                  cell: (p) => (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="participantId" value={p.id} />
                      <ConfirmAction
                        label={t("connections.remove")}
                        confirmLabel={t("connections.remove")}
                        message={t("connections.removeConfirm")}
                      >
                        {null}
                      </ConfirmAction>
                    </Form>
                  ),
                },
              ]}
            />
          </>
        )}
        {participantCount > participants.length ? (
          <p className="field-hint">
            {t("connections.participantsTruncated", { shown: n(participants.length), total: n(participantCount) })}
          </p>
        ) : null}
        {canWrite ? (
          <>
            <h3>{t("connections.addParticipant")}</h3>
            <Form method="get" className="inline-search" role="search">
              <Field name="find" type="search" label={t("connections.findOrganisation")} defaultValue={find} />
              <Button variant="secondary">{t("connections.find")}</Button>
            </Form>
            {find && found.length === 0 ? <p className="field-hint">{t("connections.noMatches")}</p> : null}
            <AppForm key={participantCount} method="post" errors={participant?.errors}>
              <input type="hidden" name="intent" value="participant" />
              <Field
                name="organisationId"
                as="select"
                label={t("connections.participantOrganisation")}
                defaultValue={String(participant?.values.organisationId ?? found[0]?.id ?? "")}
                error={participant?.errors.organisationId}
                options={[
                  { value: "", label: t("connections.chooseOrganisation") },
                  ...found.map((o) => ({ value: o.id, label: o.tax_code ? `${o.name} (${o.tax_code})` : o.name })),
                ]}
              />
              <div className="form-grid">
                <Field
                  name="personName"
                  label={t("connections.person")}
                  defaultValue={String(participant?.values.personName ?? "")}
                  error={participant?.errors.personName}
                />
                <Field
                  name="position"
                  label={t("connections.position")}
                  defaultValue={String(participant?.values.position ?? "")}
                  error={participant?.errors.position}
                />
                <Field
                  name="phone"
                  type="tel"
                  label={t("connections.phone")}
                  defaultValue={String(participant?.values.phone ?? "")}
                  error={participant?.errors.phone}
                />
                <Field
                  name="email"
                  type="email"
                  label={t("connections.email")}
                  defaultValue={String(participant?.values.email ?? "")}
                  error={participant?.errors.email}
                />
              </div>
              <Button variant="secondary">{t("connections.addParticipant")}</Button>
            </AppForm>
          </>
        ) : null}
      </section>

      <section className="card" id="materials" aria-labelledby="materials-title">
        <h2 id="materials-title">{t("connections.materials")}</h2>
        {files.length === 0 ? <p>{t("connections.noMaterials")}</p> : null}
        {photos.length ? (
          <>
            <h3>{t("connections.photos")}</h3>
            <ul className="photo-grid">
              {photos.map((photo) => (
                <li key={photo.id}>
                  <a href={`/files/${photo.id}`}>
                    <img
                      src={`/files/${photo.id}`}
                      alt={t("connections.photoAlt", { name: photo.original_name })}
                      loading="lazy"
                    />
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {documents.length ? (
          <>
            <h3>{t("connections.documents")}</h3>
            <ul>
              {documents.map((document) => (
                <li key={document.id}>
                  <a href={`/files/${document.id}`}>{document.original_name}</a>{" "}
                  <small>({n(Math.ceil(document.size_bytes / 1024))} KB)</small>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {canWrite ? (
          <AppForm
            key={files.length}
            method="post"
            encType="multipart/form-data"
            errors={file?.errors}
            className="upload-form"
          >
            <div className="form-grid">
              <Field
                name="purpose"
                as="select"
                label={t("connections.filePurpose")}
                required
                defaultValue="material"
                error={file?.errors.purpose}
                options={(["material", "photo"] as const).map((p) => ({
                  value: p,
                  label: t(`connections.purposes.${p}`),
                }))}
              />
              <Field
                name="document"
                type="file"
                label={t("connections.fileLabel", { maxMb })}
                accept=".pdf,.docx,.pptx,.jpg,.jpeg,.png"
                required
                error={file?.errors.document}
              />
            </div>
            <Button variant="secondary">{t("connections.upload")}</Button>
          </AppForm>
        ) : null}
      </section>

      <Card title={t("connections.mousAtEvent")}>
        {mous.length === 0 ? (
          <p>{t("connections.noMousAtEvent")}</p>
        ) : (
          <ul>
            {mous.map((mou) => (
              <li key={mou.id}>
                <Link to={`/staff/mous/${mou.id}`}>{mou.title}</Link>{" "}
                <Badge>{t(`connections.mouStatuses.${mou.status}`)}</Badge>{" "}
                <small>{t(`connections.pairings.${mou.pairing}`)}</small>
              </li>
            ))}
          </ul>
        )}
      </Card>

      {canWrite ? (
        <details className="card edit-details" open={!!update}>
          <summary>{t("connections.editEvent")}</summary>
          <AppForm method="post" errors={update?.errors}>
            <input type="hidden" name="intent" value="update" />
            <EventFields
              values={editValues as Record<string, string> & { coOrganiserIds?: string[] }}
              errors={update?.errors}
              organisers={organiserOptions}
            />
            <Button>{t("connections.editEvent")}</Button>
          </AppForm>
        </details>
      ) : null}

      {history.length ? (
        <Card title={t("connections.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
