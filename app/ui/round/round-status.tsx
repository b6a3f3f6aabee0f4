import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import type { RoundStatus } from "../../../db/types";
import { Button } from "../form";
import { Badge, Card, Notice } from "../layout";

const STATUS_TONES: Record<RoundStatus, "neutral" | "info" | "success"> = {
  setup: "neutral",
  judging: "info",
  closed: "success",
};

/** Where the round stands, the refusal of a round-wide action, and the start button while it is being set up. */
export function RoundStatusCard({
  round,
  open,
  refusal,
}: {
  round: { status: RoundStatus };
  open: boolean;
  refusal?: { errors: Record<string, string> };
}) {
  const { t } = useTranslation();
  return (
    <Card title={t("rounds.status")}>
      {refusal ? <Notice tone="danger">{refusal.errors._form ?? Object.values(refusal.errors)[0]}</Notice> : null}
      <div className="actions">
        <Badge tone={STATUS_TONES[round.status]}>{t(`rounds.statuses.${round.status}`)}</Badge>
        {open && round.status === "setup" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <Button>{t("rounds.start")}</Button>
          </Form>
        ) : null}
      </div>
      {open && round.status === "setup" ? <p className="field-hint">{t("rounds.startHint")}</p> : null}
    </Card>
  );
}
