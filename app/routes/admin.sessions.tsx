import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { revokeSession } from "../modules/accounts/commands.server";
import { listSessions } from "../modules/accounts/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { parseForm, readForm } from "../lib/forms.server";
import { safeRedirectPath } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { nowIso } from "../lib/time.server";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { Badge, ConfirmAction, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Phiên đăng nhập – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const now = nowIso();
  return { page: await listSessions(getDb(), new URL(request.url).searchParams, now), now };
}

const RevokeSchema = z.object({ sessionId: z.string().min(1).max(100), redirectTo: z.string().max(500).optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const t = await getTranslator(request);
  const result = parseForm(await readForm(request), RevokeSchema, t);
  if (!result.ok) throw new Response(t("errors.invalid"), { status: 400 });
  await revokeSession(getDb(), user, result.value.sessionId, context.clientIp);
  return redirectWithFlash(safeRedirectPath(result.value.redirectTo, "/admin/sessions"), t("sessions.revoked"));
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function SessionsPage() {
  const { t, i18n } = useTranslation();
  const { page, now } = useLoaderData<typeof loader>();
  const location = useLocation();
  const columns: ColumnDef<Row>[] = [
    { id: "user", header: t("sessions.user"), cell: ({ row }) => `${row.original.full_name} (${row.original.email})` },
    {
      id: "created_at",
      header: t("sessions.createdAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.created_at, i18n.language),
    },
    {
      id: "last_seen_at",
      header: t("sessions.lastSeen"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.last_seen_at, i18n.language),
    },
    { id: "ip", header: t("sessions.ip"), cell: ({ row }) => row.original.ip ?? "—" },
    {
      id: "user_agent",
      header: t("sessions.userAgent"),
      cell: ({ row }) => <small>{row.original.user_agent?.slice(0, 60) ?? "—"}</small>,
    },
    {
      id: "state",
      header: t("sessions.state"),
      cell: ({ row }) =>
        row.original.revoked_at ? (
          <Badge tone="neutral">{t("sessions.revokedState")}</Badge>
        ) : row.original.expires_at <= now ? (
          <Badge tone="warning">{t("sessions.expiredState")}</Badge>
        ) : (
          <Badge tone="success">{t("sessions.activeState")}</Badge>
        ),
    },
    {
      id: "actions",
      header: t("table.actions"),
      cell: ({ row }) =>
        row.original.revoked_at || row.original.expires_at <= now ? null : (
          <Form method="post">
            <ConfirmAction
              label={t("sessions.revoke")}
              confirmLabel={t("sessions.revoke")}
              message={t("sessions.confirmRevoke", { name: row.original.full_name })}
            >
              <input type="hidden" name="sessionId" value={row.original.id} />
              <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            </ConfirmAction>
          </Form>
        ),
    },
  ];
  return (
    <>
      <PageHeader title={t("sessions.title")} />
      <DataTable
        caption={t("sessions.title")}
        page={page}
        columns={columns}
        exportPath="/admin/sessions/export"
        filters={
          <FilterSelect
            name="state"
            label={t("sessions.state")}
            value={page.filters.state}
            allLabel="—"
            options={[{ value: "active", label: t("sessions.activeState") }]}
          />
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
