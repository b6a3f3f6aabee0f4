import { useTranslation } from "../i18n/use-translation";
import type { TechApplicationStatus, TechImplementationStatus, TechPipelineStage } from "../../db/types";
import { formatDate, formatNumber } from "../lib/format";
import { dueState } from "../lib/working-days";
import { Field, type FormErrors } from "./form";
import { Badge } from "./layout";

const TONE: Record<TechApplicationStatus, "neutral" | "success" | "warning" | "danger" | "info"> = {
  draft: "neutral",
  received: "info",
  supplement_requested: "warning",
  complete: "info",
  reviewed: "info",
  approved: "success",
  rejected: "danger",
  withdrawn: "neutral",
};

export function ApplicationStatusBadge({ status }: { status: TechApplicationStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[status]}>{t(`technology.statuses.${status}`)}</Badge>;
}

export function ImplementationBadge({ status }: { status: TechImplementationStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <>{t("technology.implementation.none")}</>;
  const tone = status === "stalled" || status === "cancelled" ? "danger" : status === "accepted" ? "success" : "info";
  return <Badge tone={tone}>{t(`technology.implementation.${status}`)}</Badge>;
}

export function StageBadge({ stage }: { stage: TechPipelineStage | null }) {
  const { t } = useTranslation();
  if (!stage) return <Badge>{t("technology.stages.none")}</Badge>;
  return (
    <Badge tone={stage === "stalled" ? "danger" : stage === "accepted" ? "success" : "info"}>
      {t(`technology.stages.${stage}`)}
    </Badge>
  );
}

/** The department's deadline (or the enterprise's, while a supplement is awaited), marked when overdue. */
export function ApplicationDue({
  status,
  dueOn,
  today,
}: {
  status: TechApplicationStatus;
  dueOn: string | null;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  if (!dueOn) return <>{t("sme.due.none")}</>;
  const state = dueState(dueOn, today);
  const date = formatDate(dueOn, i18n.language);
  if (status === "supplement_requested")
    return <Badge tone={state === "overdue" ? "warning" : "neutral"}>{t("sme.due.supplement", { date })}</Badge>;
  if (state === "overdue") return <Badge tone="danger">{t("sme.due.overdue", { date })}</Badge>;
  if (state === "due_today") return <Badge tone="warning">{t("sme.due.due_today")}</Badge>;
  return <>{t("sme.due.upcoming", { date })}</>;
}

type ApplicationValues = {
  kind?: string | null;
  technology?: string | null;
  origin?: string | null;
  supplier?: string | null;
  equipment?: string | null;
  totalInvestmentVnd?: string | null;
  ownFundsVnd?: string | null;
  requestedSupportVnd?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  expectedGains?: string | null;
};

/** The application's fields, shared by the new-application page and the edit form. */
export function ApplicationFields({ values, errors }: { values?: ApplicationValues; errors?: FormErrors }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="kind"
        as="select"
        label={t("technology.fields.kind")}
        required
        defaultValue={values?.kind ?? "renovation"}
        options={[
          { value: "renovation", label: t("technology.kinds.renovation") },
          { value: "transfer", label: t("technology.kinds.transfer") },
        ]}
        error={errors?.kind}
      />
      <Field
        name="technology"
        as="textarea"
        rows={2}
        label={t("technology.fields.technology")}
        required
        defaultValue={values?.technology}
        error={errors?.technology}
      />
      <div className="form-grid">
        <Field
          name="origin"
          label={t("technology.fields.origin")}
          required
          defaultValue={values?.origin}
          error={errors?.origin}
        />
        <Field
          name="supplier"
          label={t("technology.fields.supplier")}
          required
          defaultValue={values?.supplier}
          error={errors?.supplier}
        />
      </div>
      <Field
        name="equipment"
        as="textarea"
        rows={3}
        label={t("technology.fields.equipment")}
        required
        defaultValue={values?.equipment}
        error={errors?.equipment}
      />
      <div className="form-grid">
        <Field
          name="totalInvestmentVnd"
          label={t("technology.fields.totalInvestment")}
          required
          defaultValue={values?.totalInvestmentVnd}
          error={errors?.totalInvestmentVnd}
        />
        <Field
          name="ownFundsVnd"
          label={t("technology.fields.ownFunds")}
          required
          defaultValue={values?.ownFundsVnd}
          error={errors?.ownFundsVnd}
        />
        <Field
          name="requestedSupportVnd"
          label={t("technology.fields.requestedSupport")}
          required
          defaultValue={values?.requestedSupportVnd}
          error={errors?.requestedSupportVnd}
        />
        <Field
          name="startsOn"
          type="date"
          label={t("technology.fields.startsOn")}
          required
          defaultValue={values?.startsOn}
          error={errors?.startsOn}
        />
        <Field
          name="endsOn"
          type="date"
          label={t("technology.fields.endsOn")}
          required
          defaultValue={values?.endsOn}
          error={errors?.endsOn}
        />
      </div>
      <Field
        name="expectedGains"
        as="textarea"
        rows={3}
        label={t("technology.fields.expectedGains")}
        required
        defaultValue={values?.expectedGains}
        error={errors?.expectedGains}
      />
    </>
  );
}

/** A stored application as the form's values (money typed with thousands dots). */
export function applicationValues(application: {
  kind: string;
  technology: string;
  origin: string;
  supplier: string;
  equipment: string;
  total_investment_vnd: number;
  own_funds_vnd: number;
  requested_support_vnd: number;
  starts_on: string;
  ends_on: string;
  expected_gains: string;
}): ApplicationValues {
  return {
    kind: application.kind,
    technology: application.technology,
    origin: application.origin,
    supplier: application.supplier,
    equipment: application.equipment,
    totalInvestmentVnd: formatNumber(application.total_investment_vnd, "vi"),
    ownFundsVnd: formatNumber(application.own_funds_vnd, "vi"),
    requestedSupportVnd: formatNumber(application.requested_support_vnd, "vi"),
    startsOn: application.starts_on,
    endsOn: application.ends_on,
    expectedGains: application.expected_gains,
  };
}

/** The implementation reports of a certified project, newest first. */
export function ProgressList({
  notes,
}: {
  notes: Array<{
    id: string;
    status: "implementing" | "stalled" | "completed" | "accepted" | "cancelled";
    note: string;
    reported_on: string;
    reporter: string;
  }>;
}) {
  const { t, i18n } = useTranslation();
  if (notes.length === 0) return <p>{t("technology.followUp.none")}</p>;
  return (
    <ul className="progress-notes">
      {notes.map((note) => (
        <li key={note.id}>
          <ImplementationBadge status={note.status} /> {formatDate(note.reported_on, i18n.language)} – {note.reporter}:{" "}
          <span className="pre-line">{note.note}</span>
        </li>
      ))}
    </ul>
  );
}
