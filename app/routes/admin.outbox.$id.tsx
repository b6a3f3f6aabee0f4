import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getOutboxMessage } from "../modules/admin/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { notFound, param } from "../lib/http.server";
import { Card, Facts, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Thư – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const message = await getOutboxMessage(getDb(), param(params, "id"));
  if (!message) notFound();
  return { message };
}

export default function OutboxMessagePage() {
  const { t, i18n } = useTranslation();
  const { message } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={message.subject} actions={<Link to="/admin/outbox">{t("common.back")}</Link>} />
      <Card>
        <Facts
          items={[
            [t("outbox.to"), message.to_address],
            [t("outbox.createdAt"), formatDateTime(message.created_at, i18n.language)],
            [t("outbox.status"), t(`outbox.statuses.${message.status}`)],
            [t("outbox.attempts"), String(message.attempts)],
            [
              t("outbox.nextAttempt"),
              message.status === "queued" && message.next_attempt_at
                ? formatDateTime(message.next_attempt_at, i18n.language)
                : "—",
            ],
            [t("outbox.sentAt"), message.sent_at ? formatDateTime(message.sent_at, i18n.language) : "—"],
            [t("outbox.lastError"), message.error ?? "—"],
          ]}
        />
        <h2>{t("outbox.body")}</h2>
        <pre className="mail">{message.text_body}</pre>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
