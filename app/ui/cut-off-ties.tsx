import { useTranslation } from "../i18n/use-translation";
import { formatDateTime, formatNumber } from "../lib/format";
import { AppForm, Button, Field } from "./form";
import { Badge } from "./layout";

/** A tie at a prize or advancement cut-off, as `describeTie` (app/modules/judging/rounds.queries.server.ts) gives it. */
export type CutOffTieView = {
  cutOff: "prize" | "advancement";
  entryIds: string[];
  entries: Array<{ id: string; receipt: string; project: string }>;
  firstPlace: number;
  lastPlace: number;
  score: number;
  prizes: Array<string | null>;
  category: string | null;
  cutOffPlace: number | null;
  decision: { order: string[]; reason: string; decidedBy: string; decidedAt: string } | null;
};

export type TieFormState = { tie: string; errors: Record<string, string>; values: Record<string, string> };

/**
 * The ties the committee must decide (Thể lệ: "trường hợp đồng điểm do Ban Tổ chức quyết định"): who is tied,
 * on which places, what those places carry, the rule's source, and either the recorded decision or the form
 * that records it (one select per place, best first, and a reason).
 */
export function CutOffTies({
  ties,
  canResolve,
  form,
}: {
  ties: readonly CutOffTieView[];
  canResolve: boolean;
  form?: TieFormState;
}) {
  const { t, i18n } = useTranslation();
  if (!ties.length) return null;
  return (
    <section className="card cut-off-ties" aria-labelledby="cut-off-ties-title">
      <h2 id="cut-off-ties-title">{t("rounds.ties.title")}</h2>
      <p className="field-hint">{t("rounds.ties.rule")}</p>
      {ties.map((tie) => {
        const key = tie.entryIds.join(",");
        const own = form?.tie === key ? form : undefined;
        const places = Array.from({ length: tie.lastPlace - tie.firstPlace + 1 }, (_, i) => tie.firstPlace + i);
        const heading =
          tie.cutOff === "prize"
            ? t("rounds.ties.prizeHeading", { first: tie.firstPlace, last: tie.lastPlace })
            : t("rounds.ties.advancementHeading", {
                first: tie.firstPlace,
                last: tie.lastPlace,
                category: tie.category ?? t("rounds.noCategory"),
                cutOff: tie.cutOffPlace ?? 0,
              });
        return (
          <article key={key} className="cut-off-tie">
            <h3>
              {heading}{" "}
              <Badge tone={tie.decision ? "success" : "warning"}>
                {t(tie.decision ? "rounds.ties.decided" : "rounds.ties.open")}
              </Badge>
            </h3>
            <p>
              {t("rounds.ties.entries", {
                entries: tie.entries.map((e) => `${e.receipt} (${e.project})`).join(", "),
                score: formatNumber(tie.score, i18n.language),
              })}
            </p>
            {tie.cutOff === "prize" ? (
              <p>
                {t("rounds.ties.prizesConcerned", {
                  prizes: tie.prizes
                    .map((p, i) => `${t("rounds.ties.place", { place: places[i] })}: ${p ?? t("rounds.ties.noPrize")}`)
                    .join("; "),
                })}
              </p>
            ) : null}
            {tie.decision ? (
              <p>
                {t("rounds.ties.decision", {
                  order: tie.decision.order.join(", "),
                  reason: tie.decision.reason,
                  who: tie.decision.decidedBy,
                  when: formatDateTime(tie.decision.decidedAt, i18n.language),
                })}
              </p>
            ) : canResolve ? (
              <AppForm method="post" errors={own?.errors}>
                <input type="hidden" name="intent" value="resolve-tie" />
                <input type="hidden" name="tie" value={key} />
                {own?.errors._form ? <p className="field-error">{own.errors._form}</p> : null}
                <div className="form-grid">
                  {places.map((place, i) => (
                    <Field
                      key={place}
                      name="order"
                      as="select"
                      required
                      label={t(tie.cutOff === "prize" ? "rounds.ties.place" : "rounds.ties.position", { place })}
                      defaultValue=""
                      error={i === 0 ? own?.errors.order : undefined}
                      options={[
                        { value: "", label: t("rounds.ties.choose") },
                        ...tie.entries.map((e) => ({ value: e.id, label: `${e.receipt} – ${e.project}` })),
                      ]}
                    />
                  ))}
                </div>
                <Field
                  name="reason"
                  as="textarea"
                  rows={3}
                  required
                  label={t("rounds.ties.reason")}
                  defaultValue={own?.values.reason}
                  error={own?.errors.reason}
                />
                <Button>{t("rounds.ties.save")}</Button>
              </AppForm>
            ) : (
              <p className="field-hint">{t("rounds.ties.whoRecords")}</p>
            )}
          </article>
        );
      })}
    </section>
  );
}
