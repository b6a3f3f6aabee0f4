import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { createMou } from "../modules/connections/commands.server";
import { eventChoices, eventOrganisations, partyChoices } from "../modules/connections/queries.server";
import { MOU_FIELDS } from "../modules/connections/rules";
import { MouSchema } from "../modules/connections/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { checkUpload, MAX_DOCUMENT_BYTES, uploadRefusal, type DocumentMediaType } from "../lib/files.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate } from "../lib/format";
import { parseForm, readMultipartForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Ghi nhận biên bản ghi nhớ – Cổng ĐMST Quảng Ngãi" }];

const WRITERS = ["staff", "admin"] as const;
const SCAN_TYPES: DocumentMediaType[] = ["application/pdf", "image/jpeg", "image/png"];
/** Party choices beside those of the event: enough for an MOU between more than two. */
const EXTRA_PARTIES = 3;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, WRITERS);
  const db = getDb();
  const events = await eventChoices(db);
  const requested = new URL(request.url).searchParams.get("event");
  const event = events.find((e) => e.id === requested) ?? null;
  const [atEvent, organisations] = await Promise.all([
    event ? eventOrganisations(db, event.id) : Promise.resolve([]),
    partyChoices(db),
  ]);
  return { events, event, atEvent, organisations, today: provinceDate(nowIso()) };
}

type Values = Record<string, string | string[]>;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const t = await getTranslator(request);
  // The scan is optional: the upload reader reads the form whichever encoding it came in.
  const form = await readMultipartForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES });
  const values: Values = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (all.length) values[key] = key === "partyIds" || key === "fields" ? all : all[0];
  }
  const result = parseForm(form, MouSchema, t);
  const file = form.get("scan");
  const hasFile = file instanceof File && file.size > 0;
  const upload = hasFile ? await checkUpload(file, SCAN_TYPES) : null;
  const errors = { ...(result.ok ? {} : result.errors) };
  if (upload && !upload.ok)
    errors.scan =
      upload.problem === "type"
        ? t("errors.fileType", { allowed: "PDF, JPG, PNG" })
        : uploadRefusal(upload.problem, t).message;
  if (!result.ok || (upload && !upload.ok))
    return data({ errors, values }, { status: upload && !upload.ok && upload.problem === "too-large" ? 413 : 400 });
  const outcome = await createMou(getDb(), user, result.value, upload?.ok ? upload : null, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values });
  return redirectWithFlash(`/staff/mous/${outcome.id}`, t("connections.mouCreated"));
}

export default function NewMouPage() {
  const { t, i18n } = useTranslation();
  const { events, event, atEvent, organisations, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values: Values = failed?.values ?? { eventId: event?.id ?? "", signedOn: event ? "" : today };
  const chosen = new Set(Array.isArray(values.partyIds) ? values.partyIds : values.partyIds ? [values.partyIds] : []);
  const fields = new Set(Array.isArray(values.fields) ? values.fields : values.fields ? [values.fields] : []);
  const atEventIds = new Set(atEvent.map((o) => o.id));
  const others = [...chosen].filter((id) => !atEventIds.has(id));
  const one = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : "");
  return (
    <>
      <PageHeader
        title={t("connections.newMou")}
        lead={t("connections.newMouLead")}
        actions={
          <Link to={event ? `/staff/events/${event.id}` : "/staff/mous"}>
            {event ? t("connections.backToEvent") : t("connections.backToMous")}
          </Link>
        }
      />
      <Card>
        <AppForm method="post" encType="multipart/form-data" errors={failed?.errors}>
          <Field
            name="eventId"
            as="select"
            label={t("connections.event")}
            defaultValue={one("eventId")}
            error={failed?.errors.eventId}
            options={[
              { value: "", label: t("connections.noEvent") },
              ...events.map((e) => ({ value: e.id, label: `${formatDate(e.starts_on, i18n.language)} – ${e.title}` })),
            ]}
          />
          <Field
            name="title"
            label={t("connections.mouTitle")}
            required
            defaultValue={one("title")}
            error={failed?.errors.title}
          />
          <div className="form-grid">
            <Field
              name="signedOn"
              type="date"
              label={t("connections.signedOn")}
              required
              defaultValue={one("signedOn")}
              error={failed?.errors.signedOn}
            />
            <Field
              name="reference"
              label={t("connections.reference")}
              defaultValue={one("reference")}
              error={failed?.errors.reference}
            />
          </div>
          <fieldset className="plain-fieldset">
            <legend className="legend">
              {t("connections.parties")}
              <span className="required-mark" aria-hidden="true">
                {" "}
                *
              </span>
            </legend>
            <p className="field-hint">{t("connections.partiesHint")}</p>
            {atEvent.length ? (
              <fieldset className="plain-fieldset checkbox-group">
                <legend>{t("connections.partiesAtEvent")}</legend>
                {atEvent.map((o) => (
                  <CheckboxField
                    key={o.id}
                    name="partyIds"
                    value={o.id}
                    label={`${o.name} (${t(`orgKinds.${o.kind}`)})`}
                    defaultChecked={chosen.has(o.id)}
                  />
                ))}
              </fieldset>
            ) : null}
            <div className="form-grid">
              {Array.from({ length: EXTRA_PARTIES }, (_, index) => (
                <Field
                  key={index}
                  name="partyIds"
                  as="select"
                  label={`${t("connections.otherParty")} ${index + 1}`}
                  defaultValue={others[index] ?? ""}
                  options={[
                    { value: "", label: t("connections.chooseParty") },
                    ...organisations.map((o) => ({ value: o.id, label: `${o.name} (${t(`orgKinds.${o.kind}`)})` })),
                  ]}
                />
              ))}
            </div>
            {failed?.errors.partyIds ? (
              <p className="field-error" role="alert">
                {failed.errors.partyIds}
              </p>
            ) : null}
          </fieldset>
          <fieldset className="plain-fieldset checkbox-group">
            <legend>{t("connections.fields")} *</legend>
            {MOU_FIELDS.map((f) => (
              <CheckboxField
                key={f}
                name="fields"
                value={f}
                label={t(`connections.mouFields.${f}`)}
                defaultChecked={fields.has(f)}
              />
            ))}
            {failed?.errors.fields ? <p className="field-error">{failed.errors.fields}</p> : null}
          </fieldset>
          <Field
            name="summary"
            as="textarea"
            rows={3}
            label={t("connections.mouSummary")}
            defaultValue={one("summary")}
            error={failed?.errors.summary}
          />
          <div className="form-grid">
            <Field
              name="nextCheckOn"
              type="date"
              label={t("connections.nextCheckOn")}
              hint={t("connections.nextCheckHint")}
              defaultValue={one("nextCheckOn")}
              error={failed?.errors.nextCheckOn}
            />
            <Field
              name="scan"
              type="file"
              label={t("connections.scan")}
              accept=".pdf,.jpg,.jpeg,.png"
              error={failed?.errors.scan}
            />
          </div>
          <Button>{t("connections.newMou")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
