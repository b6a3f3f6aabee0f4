import { useTranslation } from "../i18n/use-translation";
import type { DossierStatus } from "../../db/types";
import { formatDate } from "../lib/format";
import { dueState } from "../lib/working-days";
import { clockRuns } from "../modules/sme/workflow";
import { AppForm, Button, Field } from "./form";
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
 * The day the decision clock starts — the receipt of the complete dossier or of its last supplement — with the rule
 * that says so (`source`), on the staff's and the enterprise's pages alike.
 */
export function DecisionClockStart({
  receivedCompleteOn,
  source,
}: {
  receivedCompleteOn: string | null;
  source: string;
}) {
  const { t, i18n } = useTranslation();
  if (!receivedCompleteOn) return <>{t("sme.due.none")}</>;
  return <>{t("sme.due.clockFrom", { date: formatDate(receivedCompleteOn, i18n.language), source })}</>;
}

/**
 * Where a dossier stands against its deadline: overdue, due today, due on a date, or the clock stopped (a paused
 * programme, a dossier waiting for the enterprise's supplement). `today` is the province's date, from the loader.
 */
export function DueMark({ status, dueOn, today }: { status: DossierStatus; dueOn: string | null; today: string }) {
  const { t, i18n } = useTranslation();
  const waiting =
    status === "submitted" || status === "received" || status === "supplement_requested" || clockRuns(status);
  if (!waiting) return <>{t("sme.due.none")}</>;
  if (!dueOn) return <Badge tone="neutral">{t("sme.due.stopped")}</Badge>;
  const state = dueState(dueOn, today);
  const date = formatDate(dueOn, i18n.language);
  // The supplement's deadline is the enterprise's, not the department's: shown, never marked as the desk's overdue.
  if (status === "supplement_requested")
    return <Badge tone={state === "overdue" ? "warning" : "neutral"}>{t("sme.due.supplement", { date })}</Badge>;
  if (state === "overdue") return <Badge tone="danger">{t("sme.due.overdue", { date })}</Badge>;
  if (state === "due_today") return <Badge tone="warning">{t("sme.due.due_today")}</Badge>;
  return <>{t("sme.due.upcoming", { date })}</>;
}

type ChecklistItem = {
  id: string;
  title: string;
  required: number | boolean;
  files: Array<{ id: string; original_name: string }>;
};

/**
 * A dossier's documents against its checklist, for the staff pages of every programme: provided, missing (a required
 * document) or not filed (an optional one, which nothing waits for), with links.
 */
export function DocumentChecklist({
  items,
  presentLabel,
  missingLabel,
}: {
  items: ChecklistItem[];
  presentLabel: string;
  missingLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <ul className="document-checklist">
      {items.map((item) => (
        <li key={item.id}>
          {item.files.length ? (
            <Badge tone="success">{presentLabel}</Badge>
          ) : item.required ? (
            <Badge tone="danger">{missingLabel}</Badge>
          ) : (
            <Badge>{t("common.optionalNotFiled")}</Badge>
          )}{" "}
          {item.title}
          {item.files.map((file) => (
            <span key={file.id}>
              {" "}
              · <a href={`/files/${file.id}`}>{file.original_name}</a>
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

export type WorkflowNeed = "reason" | "amountVnd" | "dueOn";

/**
 * One small form per event the state machine offers this user, with the fields that event needs, for the staff
 * pages of every dossier workflow (SME support, technology applications). `intent` is sent when the page has others.
 */
export function WorkflowActions<E extends string>(props: {
  events: readonly E[];
  needs: Partial<Record<E, readonly WorkflowNeed[]>>;
  errorsFor: (event: E) => Record<string, string> | undefined;
  eventLabel: (event: E) => string;
  fieldLabel: (field: WorkflowNeed, event: E) => string;
  defaultAmount?: (event: E) => string;
  optionalReason?: readonly E[];
  intent?: string;
}) {
  return (
    <div className="action-forms">
      {props.events.map((event) => {
        const needs = props.needs[event] ?? [];
        const errors = props.errorsFor(event);
        return (
          <AppForm key={event} method="post" errors={errors} className="action-form">
            {props.intent ? <input type="hidden" name="intent" value={props.intent} /> : null}
            <input type="hidden" name="event" value={event} />
            {needs.includes("amountVnd") ? (
              <Field
                name="amountVnd"
                label={props.fieldLabel("amountVnd", event)}
                required
                defaultValue={props.defaultAmount?.(event)}
                error={errors?.amountVnd}
              />
            ) : null}
            {needs.includes("dueOn") ? (
              <Field name="dueOn" type="date" label={props.fieldLabel("dueOn", event)} required error={errors?.dueOn} />
            ) : null}
            {needs.includes("reason") ? (
              <Field
                name="reason"
                as="textarea"
                rows={3}
                label={props.fieldLabel("reason", event)}
                required={!props.optionalReason?.includes(event)}
                error={errors?.reason}
              />
            ) : null}
            <Button variant={event === "reject" ? "danger" : needs.length ? "primary" : "secondary"}>
              {props.eventLabel(event)}
            </Button>
          </AppForm>
        );
      })}
    </div>
  );
}
