import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { listUsers, userListState } from "../modules/accounts/queries.server";
import { USER_ROLES } from "../modules/accounts/rules";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime } from "../lib/format";
import { DataTable, FilterSelect, type ColumnDef } from "../ui/data-table";
import { Badge, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Tài khoản – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const db = getDb();
  const page = await listUsers(db, userListState(new URL(request.url).searchParams));
  await logPersonalDataAccess(db, {
    actor: user,
    kind: "view",
    subject: { type: "users" },
    route: routeOf(request),
    count: page.rows.length,
    ip: context.clientIp,
  });
  return { page };
}

type Row = Awaited<ReturnType<typeof loader>>["page"]["rows"][number];

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { page } = useLoaderData<typeof loader>();
  const columns: ColumnDef<Row>[] = [
    {
      id: "full_name",
      header: t("auth.fullName"),
      enableSorting: true,
      cell: ({ row }) => <Link to={`/admin/users/${row.original.id}`}>{row.original.full_name}</Link>,
    },
    { id: "email", header: t("auth.email"), enableSorting: true, cell: ({ row }) => row.original.email },
    { id: "role", header: t("users.role"), enableSorting: true, cell: ({ row }) => t(`roles.${row.original.role}`) },
    {
      id: "status",
      header: t("users.status"),
      cell: ({ row }) =>
        row.original.status === "active" ? (
          <Badge tone="success">{t("users.active")}</Badge>
        ) : (
          <Badge tone="danger">{t("users.disabled")}</Badge>
        ),
    },
    {
      id: "last_login_at",
      header: t("users.lastLogin"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.last_login_at, i18n.language),
    },
    {
      id: "created_at",
      header: t("organisations.createdAt"),
      enableSorting: true,
      cell: ({ row }) => formatDateTime(row.original.created_at, i18n.language),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("users.title")}
        actions={
          <Link className="button button-primary" to="/admin/users/new">
            {t("users.newTitle")}
          </Link>
        }
      />
      <DataTable
        caption={t("users.title")}
        page={page}
        columns={columns}
        exportPath="/admin/users/export"
        filters={
          <>
            <FilterSelect
              name="role"
              label={t("users.role")}
              value={page.filters.role}
              allLabel={t("users.allRoles")}
              options={USER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            />
            <FilterSelect
              name="status"
              label={t("users.status")}
              value={page.filters.status}
              allLabel={t("users.allStatuses")}
              options={[
                { value: "active", label: t("users.active") },
                { value: "disabled", label: t("users.disabled") },
              ]}
            />
          </>
        }
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
