import { Link } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { formatDate, formatNumber } from "../../lib/format";
import { Card } from "../layout";

type SheetState = "todo" | "draft" | "done";
type SheetItem = {
  id: string;
  code: string | null;
  projectName: string | null;
  round: string;
  edition: string;
  deadline: string | null;
};

const STATES = ["todo", "draft", "done"] as const satisfies readonly SheetState[];

/** The judge's sheets on their home, to do first; a blind round's entries by receipt code only (the query saw to it). */
export function JudgeSheetsCard({
  counts,
  lists,
}: {
  counts: Record<SheetState, number>;
  lists: Record<SheetState, SheetItem[]>;
}) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.language);
  const label = (item: SheetItem) =>
    item.projectName ? `${item.code ?? ""} · ${item.projectName}` : t("judging.blindCode", { code: item.code ?? "" });
  return (
    <Card title={t("judgeHome.judge.title")}>
      {STATES.map((state) => (
        <section key={state} aria-labelledby={`sheets-${state}`}>
          <h3 id={`sheets-${state}`}>
            {t(`judgeHome.judge.${state}`)}: {number(counts[state])}
          </h3>
          {lists[state].length === 0 ? (
            <p>{t("judgeHome.judge.none")}</p>
          ) : (
            <ul>
              {lists[state].map((item) => (
                <li key={item.id}>
                  <Link to={`/judging/${item.id}`}>{label(item)}</Link>{" "}
                  <small>
                    {item.round} – {item.edition} ·{" "}
                    {item.deadline
                      ? t("judgeHome.judge.deadline", { date: formatDate(item.deadline, i18n.language) })
                      : t("judgeHome.judge.noDeadline")}
                  </small>
                </li>
              ))}
              {counts[state] > lists[state].length ? (
                <li>{t("judgeHome.judge.more", { count: counts[state] - lists[state].length })}</li>
              ) : null}
            </ul>
          )}
        </section>
      ))}
      <p>
        <Link to="/judging">{t("judgeHome.judge.seeAll")}</Link>
      </p>
    </Card>
  );
}
