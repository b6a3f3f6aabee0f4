import { useTranslation } from "react-i18next";
import type { DossierStatus } from "../../db/types";
import { formatDate } from "../lib/format";
import { dueState } from "../lib/working-days";
import { clockRuns } from "../modules/sme/workflow";
import { Badge } from "./layout";

const TONE: Record<DossierStatus, "neutral" | "success" | "warning" | "danger" | "info"> = {
  draft: "neutral",
  submitted: "info",
  received: "info",
  supplement_requested: "warning",
  complete: "info",
  under_appraisal: "info",
  proposed: "info",
  approved: "success",
  rejected: "danger",
  paid: "success",
  closed: "neutral",
  withdrawn: "neutral",
};

export function DossierStatusBadge({ status }: { status: DossierStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[status]}>{t(`sme.statuses.${status}`)}</Badge>;
}

/**
 * Where a dossier stands against its deadline: overdue, due today, due on a date, or the clock stopped (a paused
 * programme, a dossier waiting for the enterprise's supplement). `today` is the province's date, from the loader.
 */
export function DueMark({ status, dueOn, today }: { status: DossierStatus; dueOn: string | null; today: string }) {
  const { t, i18n } = useTranslation();
  const waiting = status === "submitted" || status === "received" || status === "supplement_requested" || clockRuns(status);
  if (!waiting) return <>{t("sme.due.none")}</>;
  if (!dueOn) return <Badge tone="neutral">{t("sme.due.stopped")}</Badge>;
  const state = dueState(dueOn, today);
  const date = formatDate(dueOn, i18n.language);
  // The supplement's deadline is the enterprise's, not the department's: shown, never marked as the desk's overdue.
  if (status === "supplement_requested") return <Badge tone={state === "overdue" ? "warning" : "neutral"}>{t("sme.due.supplement", { date })}</Badge>;
  if (state === "overdue") return <Badge tone="danger">{t("sme.due.overdue", { date })}</Badge>;
  if (state === "due_today") return <Badge tone="warning">{t("sme.due.due_today")}</Badge>;
  return <>{t("sme.due.upcoming", { date })}</>;
}
