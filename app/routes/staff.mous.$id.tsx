import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { addMouScan, recordFollowUp } from "../modules/connections/commands.server";
import { getMou, mouDetails } from "../modules/connections/queries.server";
import { canWriteConnections, checkState, followUpStatuses } from "../modules/connections/rules";
import { FollowUpSchema } from "../modules/connections/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { checkUpload, MAX_DOCUMENT_BYTES, uploadRefusal, type DocumentMediaType } from "../lib/files.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatNumber } from "../lib/format";
import { isMultipartForm, parseForm, readForm, readMultipartForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { param } from "../lib/http.server";
import { CheckBadge } from "../ui/connections";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Badge, Card, Facts, PageHeader } from "../ui/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mou.title ?? "Biên bản ghi nhớ"} – Cổng ĐMST Quảng Ngãi` },
];

const SCAN_TYPES: DocumentMediaType[] = ["application/pdf", "image/jpeg", "image/png"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const mou = await getMou(db, param(params, "id"));
  const [details, history] = await Promise.all([mouDetails(db, mou.id), historyOf(db, "mou", mou.id)]);
  const today = provinceDate(nowIso());
  return {
    mou,
    ...details,
    history,
    today,
    check: checkState(mou, today),
    statuses: followUpStatuses(mou.status),
    canWrite: canWriteConnections(user.role),
    maxMb: String(MAX_DOCUMENT_BYTES / 1024 / 1024),
  };
}

type ActionResult = { intent: string; errors: Record<string, string>; values: Record<string, string> };

/** Staff and admins note follow-ups and add scans (the multipart form); leaders read. */
export const intents = { followUp: ["staff", "admin"], scan: ["staff", "admin"] } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const mouId = param(params, "id");
  const here = `/staff/mous/${mouId}`;
  const multipart = isMultipartForm(request);
  requireIntent(user, multipart ? "scan" : "followUp", intents);
  if (multipart) {
    const form = await readMultipartForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES });
    const upload = await checkUpload(form.get("scan"), SCAN_TYPES);
    if (!upload.ok) {
      const refusal = uploadRefusal(upload.problem, t);
      const message = upload.problem === "type" ? t("errors.fileType", { allowed: "PDF, JPG, PNG" }) : refusal.message;
      return data<ActionResult>({ intent: "scan", errors: { scan: message }, values: {} }, { status: refusal.status });
    }
    await addMouScan(db, user, mouId, upload, context.clientIp);
    return redirectWithFlash(here, t("connections.scanAdded"));
  }
  const form = await readForm(request);
  const result = parseForm(form, FollowUpSchema, t);
  if (!result.ok)
    return data<ActionResult>({ intent: "followUp", errors: result.errors, values: result.values }, { status: 400 });
  const outcome = await recordFollowUp(db, user, mouId, result.value, context.clientIp);
  if (!outcome.ok)
    return refusal(outcome.problems, t, {
      intent: "followUp",
      values: result.value as unknown as Record<string, string>,
    });
  return redirectWithFlash(here, t("connections.followUpSaved"));
}

export default function MouPage() {
  const { t, i18n } = useTranslation();
  const { mou, parties, fields, followUps, scans, history, today, check, statuses, canWrite, maxMb } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const followUp = actionData?.intent === "followUp" ? actionData : undefined;
  const scan = actionData?.intent === "scan" ? actionData : undefined;
  return (
    <>
      <PageHeader
        title={mou.title}
        lead={t(`connections.pairings.${mou.pairing}`)}
        actions={<Link to="/staff/mous">{t("connections.backToMous")}</Link>}
      />
      <Card>
        <Facts
          items={[
            [t("connections.signedOn"), formatDate(mou.signed_on, i18n.language)],
            [t("connections.reference"), mou.reference],
            [
              t("connections.event"),
              mou.event_id ? <Link to={`/staff/events/${mou.event_id}`}>{mou.event_title}</Link> : null,
            ],
            [
              t("connections.parties"),
              <ul key="parties" className="plain-list">
                {parties.map((party) => (
                  <li key={party.id}>
                    <Link to={`/organisations/${party.id}`}>{party.name}</Link>{" "}
                    <small>({t(`orgKinds.${party.kind as "enterprise"}`)})</small>
                  </li>
                ))}
              </ul>,
            ],
            [t("connections.fields"), fields.map((f) => t(`connections.mouFields.${f}`)).join("; ")],
            [
              t("connections.status"),
              <Badge key="s" tone="info">
                {t(`connections.mouStatuses.${mou.status}`)}
              </Badge>,
            ],
            [t("connections.nextCheckOn"), <CheckBadge key="c" state={check} on={mou.next_check_on} />],
          ]}
        />
        {mou.summary ? <p className="pre-line">{mou.summary}</p> : null}
      </Card>

      <Card title={t("connections.followUps")}>
        {followUps.length === 0 ? (
          <p>{t("connections.noFollowUps")}</p>
        ) : (
          <ol className="timeline">
            {followUps.map((f) => (
              <li key={f.id}>
                <time dateTime={f.noted_on}>{formatDate(f.noted_on, i18n.language)}</time>
                <strong>
                  {f.status_before === f.status_after
                    ? t(`connections.mouStatuses.${f.status_after}`)
                    : t("connections.statusChange", {
                        from: t(`connections.mouStatuses.${f.status_before}`),
                        to: t(`connections.mouStatuses.${f.status_after}`),
                      })}
                </strong>{" "}
                — {f.author}
                <p className="pre-line">{f.note}</p>
                {f.next_check_on ? (
                  <small>
                    {t("connections.nextCheckOn")}: {formatDate(f.next_check_on, i18n.language)}
                  </small>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {canWrite ? (
          <AppForm key={followUps.length} method="post" errors={followUp?.errors}>
            <h3>{t("connections.addFollowUp")}</h3>
            {statuses.length === 1 && mou.status === "contract" ? (
              <p className="field-hint">{t("connections.noFurtherSteps")}</p>
            ) : null}
            <div className="form-grid">
              <Field
                name="notedOn"
                type="date"
                label={t("connections.notedOn")}
                required
                defaultValue={followUp?.values.notedOn ?? today}
                error={followUp?.errors.notedOn}
              />
              <Field
                name="status"
                as="select"
                label={t("connections.statusAfter")}
                required
                defaultValue={followUp?.values.status ?? mou.status}
                error={followUp?.errors.status}
                options={statuses.map((s) => ({ value: s, label: t(`connections.mouStatuses.${s}`) }))}
              />
              <Field
                name="nextCheckOn"
                type="date"
                label={t("connections.nextCheckOn")}
                hint={t("connections.followUpNextHint")}
                defaultValue={followUp?.values.nextCheckOn}
                error={followUp?.errors.nextCheckOn}
              />
            </div>
            <Field
              name="note"
              as="textarea"
              rows={3}
              label={t("connections.note")}
              required
              defaultValue={followUp?.values.note}
              error={followUp?.errors.note}
            />
            <Button>{t("connections.addFollowUp")}</Button>
          </AppForm>
        ) : null}
      </Card>

      <Card title={t("connections.scans")}>
        {scans.length === 0 ? (
          <p>{t("connections.noScans")}</p>
        ) : (
          <ul>
            {scans.map((s) => (
              <li key={s.id}>
                <a href={`/files/${s.id}`}>{s.original_name}</a>{" "}
                <small>({formatNumber(Math.ceil(s.size_bytes / 1024), i18n.language)} KB)</small>
              </li>
            ))}
          </ul>
        )}
        {canWrite ? (
          <AppForm
            key={scans.length}
            method="post"
            encType="multipart/form-data"
            errors={scan?.errors}
            className="upload-form"
          >
            <Field
              name="scan"
              type="file"
              label={`${t("connections.scan")} – ${maxMb} MB`}
              accept=".pdf,.jpg,.jpeg,.png"
              required
              error={scan?.errors.scan}
            />
            <Button variant="secondary">{t("connections.addScan")}</Button>
          </AppForm>
        ) : null}
      </Card>

      {history.length ? (
        <Card title={t("connections.history")}>
          <AuditTimeline items={history} />
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
