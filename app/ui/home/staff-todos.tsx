import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import type { StaffTodos } from "../../modules/competition/todos.server";
import { formatDate, formatNumber } from "../../lib/format";
import { Badge, Card } from "../layout";

/** The staff's and leaders' to-dos on their home: each line a count linking to the page filtered to those records. */
export function StaffTodosCard({ todos }: { todos: NonNullable<StaffTodos> }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.language);
  const entries = (editionId: string, query: string) => `/staff/competitions/${editionId}/entries?${query}`;
  const empty =
    !todos.toScreen.length &&
    !todos.clarifications.length &&
    !todos.sheets.length &&
    !todos.prizes.length &&
    !todos.sme.length &&
    !todos.settings.length;
  return (
    <Card title={t("todos.title")}>
      {empty ? (
        <p>{t("todos.empty")}</p>
      ) : (
        <>
          {todos.toScreen.length ? (
            <section aria-labelledby="todo-screen">
              <h3 id="todo-screen">{t("todos.toScreen")}</h3>
              <ul>
                {todos.toScreen.map((row) => (
                  <li key={row.editionId}>
                    <Link to={entries(row.editionId, "status=submitted")}>
                      {t("todos.toScreenLine", { edition: row.edition, number: number(row.count) })}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {todos.clarifications.length ? (
            <section aria-labelledby="todo-clarifications">
              <h3 id="todo-clarifications">{t("todos.clarifications")}</h3>
              <ul>
                {todos.clarifications.map((row) => (
                  <li key={row.editionId}>
                    <Link to={entries(row.editionId, "status=clarification_requested")}>
                      {t("todos.clarificationsLine", { edition: row.edition, number: number(row.count) })}
                    </Link>
                    {row.overdue ? (
                      <>
                        {" "}
                        <Link to={entries(row.editionId, "status=clarification_requested&due=overdue")}>
                          <Badge tone="danger">{t("todos.overdueLine", { number: number(row.overdue) })}</Badge>
                        </Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {todos.sheets.length ? (
            <section aria-labelledby="todo-sheets">
              <h3 id="todo-sheets">{t("todos.sheets")}</h3>
              <ul>
                {todos.sheets.map((row) => (
                  <li key={row.roundId}>
                    <Link to={`/staff/competitions/${row.editionId}/rounds/${row.roundId}?sheets=outstanding`}>
                      {t("todos.sheetsLine", { round: row.round, edition: row.edition, number: number(row.count) })}
                    </Link>
                    {row.endsOn ? (
                      <small> · {t("todos.sheetsDeadline", { date: formatDate(row.endsOn, i18n.language) })}</small>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {todos.prizes.length ? (
            <section aria-labelledby="todo-prizes">
              <h3 id="todo-prizes">{t("todos.prizes")}</h3>
              <ul>
                {todos.prizes.map((row) => (
                  <li key={row.editionId}>
                    <Link to={`/staff/competitions/${row.editionId}/prizes`}>
                      {t(`todos.prizeStates.${row.state}`, { edition: row.edition })}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {todos.sme.length ? (
            <section aria-labelledby="todo-sme">
              <h3 id="todo-sme">{t("todos.sme")}</h3>
              <ul>
                {todos.sme.map((row) => (
                  <li key={row.status}>
                    <Link to={`/staff/sme?status=${row.status}`}>
                      {t(`todos.smeStates.${row.status}`, { number: number(row.count) })}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {todos.settings.length ? (
            <section aria-labelledby="todo-settings">
              <h3 id="todo-settings">{t("settings.todo")}</h3>
              <ul>
                {todos.settings.map((row) => (
                  <li key="settings">
                    <Link to="/staff/settings-proposals">{t("settings.todoLine", { number: number(row.count) })}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </Card>
  );
}
