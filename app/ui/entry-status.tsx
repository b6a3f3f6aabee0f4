import { useTranslation } from "../i18n/use-translation";
import type { EntryStatus } from "../../db/types";
import { Badge } from "./layout";

const TONE: Record<EntryStatus, "neutral" | "success" | "warning" | "danger" | "info"> = {
  draft: "neutral",
  submitted: "info",
  clarification_requested: "warning",
  valid: "success",
  invalid: "danger",
  withdrawn: "neutral",
  in_round: "info",
  finalist: "info",
  awarded: "success",
  not_awarded: "neutral",
};

export function EntryStatusBadge({ status }: { status: EntryStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[status]}>{t(`entries.statuses.${status}`)}</Badge>;
}
