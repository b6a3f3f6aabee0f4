import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { UserRole } from "../../db/types";
import { countsForAdmin, organisationsOfUser } from "../modules/accounts/queries.server";
import { staffTodos } from "../modules/competition/todos.server";
import { judgeHomeSheets } from "../modules/judging/queries.server";
import { dossiersDue } from "../modules/sme/queries.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { isStaff, requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDateTime, formatNumber } from "../lib/format";
import { unreadNotifications } from "../lib/notify.server";
import { JudgeSheetsCard } from "../ui/home/judge-sheets";
import { StaffTodosCard } from "../ui/home/staff-todos";
import { Card, PageHeader } from "../ui/layout";
import { navigationFor } from "../ui/navigation";

export const meta: MetaFunction = () => [{ title: "Trang của tôi – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const [organisations, counts, notifications, due, sheets, todos] = await Promise.all([
    organisationsOfUser(db, user.id),
    isStaff(user) ? countsForAdmin(db) : null,
    unreadNotifications(db, user.id),
    isStaff(user) ? dossiersDue(db, provinceDate(nowIso())) : null,
    user.role === "judge" ? judgeHomeSheets(db, user) : null,
    staffTodos(db, user),
  ]);
  return {
    user: { fullName: user.fullName, role: user.role },
    organisations,
    counts,
    notifications,
    due,
    sheets,
    todos,
  };
}

const LEAD_KEY = {
  applicant: "home.applicantLead",
  judge: "home.judgeLead",
  staff: "home.staffLead",
  leader: "home.leaderLead",
  incubator_manager: "home.incubatorLead",
  admin: "home.adminLead",
} as const satisfies Record<UserRole, string>;

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const { user, organisations, counts, notifications, due, sheets, todos } = useLoaderData<typeof loader>();
  const links = navigationFor(user.role).filter((item) => item.to !== "/home");
  return (
    <>
      <PageHeader
        title={t("home.title", { name: user.fullName })}
        lead={`${t("home.roleLine", { role: t(`roles.${user.role}`) })}. ${t(LEAD_KEY[user.role])}`}
      />
      {notifications.length ? (
        <Card title={t("notifications.title")}>
          <ul>
            {notifications.map((notice) => (
              <li key={notice.id}>
                <time dateTime={notice.created_at}>{formatDateTime(notice.created_at, i18n.language)}</time> —{" "}
                {notice.link ? <Link to={notice.link}>{notice.title}</Link> : notice.title}
                {notice.body ? <small> · {notice.body}</small> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {sheets ? <JudgeSheetsCard counts={sheets.counts} lists={sheets.lists} /> : null}
      {todos ? <StaffTodosCard todos={todos} /> : null}
      {counts ? (
        <section aria-labelledby="figures-title">
          <h2 id="figures-title">{t("home.figures")}</h2>
          <div className="grid">
            <Card title={t("home.organisationsCount")}>
              <p className="figure">{formatNumber(counts.organisations, i18n.language)}</p>
            </Card>
            <Card title={t("home.usersCount")}>
              <p className="figure">{formatNumber(counts.users, i18n.language)}</p>
            </Card>
            <Card title={t("home.outboxCount")}>
              <p className="figure">{formatNumber(counts.outbox, i18n.language)}</p>
            </Card>
            {due ? (
              <>
                <Card title={t("home.smeOverdue")}>
                  <p className="figure">
                    <Link to="/staff/sme?status=open&due=overdue">{formatNumber(due.overdue, i18n.language)}</Link>
                  </p>
                </Card>
                <Card title={t("home.smeDueToday")}>
                  <p className="figure">
                    <Link to="/staff/sme?status=open&due=today">{formatNumber(due.dueToday, i18n.language)}</Link>
                  </p>
                </Card>
              </>
            ) : null}
          </div>
        </section>
      ) : null}
      <div className="grid section">
        <Card title={t("home.quickLinks")}>
          <ul>
            {links.map((item) => (
              <li key={item.to}>
                <Link to={item.to}>{t(item.labelKey)}</Link>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("home.myOrganisations")}>
          {organisations.length === 0 ? (
            <p>{t("home.noOrganisations")}</p>
          ) : (
            <ul>
              {organisations.map((organisation) => (
                <li key={organisation.id}>
                  <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>{" "}
                  <small>({t(`orgKinds.${organisation.kind}`)})</small>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
