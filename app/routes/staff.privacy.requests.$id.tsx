import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { getRequest, handleRequest } from "../modules/privacy/requests.server";
import { allowedRequestEvents, isOverdue, requestActor } from "../modules/privacy/rules";
import { HandleRequestSchema } from "../modules/privacy/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { notFound, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { nowIso } from "../lib/time.server";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Badge, Card, Facts, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Yêu cầu về dữ liệu cá nhân – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const found = await getRequest(db, param(params, "id"));
  if (!found) notFound();
  const history = await historyOf(db, "data_subject_request", found.id);
  // The page shows the requester's e-mail and phone.
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "view",
    subject: { type: "users", id: found.requester_id },
    route: routeOf(request),
    count: found.requester_id === user.id ? 0 : 1,
    ip: context.clientIp,
  });
  const now = nowIso();
  return {
    request: found,
    history,
    overdue: isOverdue(found, now),
    events: allowedRequestEvents(found.status, requestActor(user.role)),
  };
}

/** Staff and admins handle requests (the event field says which step); leaders read them. */
export const intents = { handle: ["staff", "admin"] } satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  requireIntent(user, "handle", intents);
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), HandleRequestSchema, t);
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  const id = param(params, "id");
  const outcome = await handleRequest(getDb(), user, id, result.value, { t, ip: context.clientIp });
  if (!outcome.ok) return refusal(outcome.problems, t);
  return redirectWithFlash(`/staff/privacy/requests/${id}`, t("privacy.requests.handled"));
}

export default function RequestPage() {
  const { t, i18n } = useTranslation();
  const { request, history, overdue, events } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <PageHeader title={t(`privacy.requests.kinds.${request.kind}`)} lead={request.requester_name} />
      <Card>
        <Facts
          items={[
            [t("privacy.requests.requester"), `${request.requester_name} · ${request.requester_email}`],
            [t("auth.phone"), request.requester_phone ?? "—"],
            [
              t("privacy.requests.status"),
              <>
                <Badge>{t(`privacy.requests.statuses.${request.status}`)}</Badge>{" "}
                {overdue ? <Badge tone="danger">{t("privacy.requests.overdue")}</Badge> : null}
              </>,
            ],
            [t("privacy.requests.receivedAt"), formatDateTime(request.received_at, i18n.language)],
            [t("privacy.requests.dueAt"), formatDateTime(request.due_at, i18n.language)],
            [t("privacy.requests.legalSource"), request.legal_source],
            [t("privacy.requests.details"), request.details],
            [t("privacy.requests.handler"), request.handler_name ?? "—"],
            [t("privacy.requests.reply"), request.reply ?? "—"],
            [t("privacy.requests.closedAt"), formatDateTime(request.closed_at, i18n.language)],
          ]}
        />
        {request.kind === "access" && request.status === "done" ? (
          <p>
            <a href={`/account/requests/${request.id}/export`} download>
              {t("privacy.requests.downloadFor")}
            </a>
          </p>
        ) : null}
      </Card>
      {events.length ? (
        <Card title={t("privacy.requests.status")}>
          <AppForm method="post" errors={errors}>
            <input type="hidden" name="intent" value="handle" />
            <Field name="reply" as="textarea" label={t("privacy.requests.replyLabel")} error={errors?.reply} />
            <div className="actions">
              {events.map((event) => (
                <Button key={event} name="event" value={event}>
                  {t(`privacy.requests.events.${event}`)}
                </Button>
              ))}
            </div>
          </AppForm>
        </Card>
      ) : null}
      <Card title={t("audit.title")}>
        <AuditTimeline items={history} />
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
