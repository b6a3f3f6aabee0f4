import { Form, Link } from "@remix-run/react";
import { createContext, useContext, type ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";
import type { CategoryKind, Edition, EligibilityRule, RoundKind } from "../../db/types";
import { formatDate, formatMoney, formatNumber } from "../lib/format";
import { isoToProvinceLocal } from "../lib/province-time";
import { ELIGIBILITY_RULES, type EditionPhase } from "../modules/competition/rules";
import { AppForm, Button, CheckboxField, Field, VersionField, type FormErrors } from "./form";
import { Badge, Card, ConfirmAction, Notice } from "./layout";
import { SimpleTable } from "./simple-table";

/** How each phase of an edition looks as a badge. */
export const PHASE_TONES: Record<EditionPhase, "neutral" | "info" | "success" | "warning"> = {
  draft: "neutral",
  upcoming: "info",
  open: "success",
  screening: "warning",
  judging: "info",
  results: "neutral",
};

type Values = Record<string, string | null | undefined>;

/** What an edition's set-up action answers when a form is refused: the form it came from, its errors and values. */
export type SetupActionData =
  | { intent: string; ok: false; errors: Record<string, string>; values: Record<string, string> }
  | undefined;

/** A stored edition as the values of its form: instants on the province's clock for the datetime-local fields. */
export function editionFormValues(edition: Edition): Values {
  return {
    name: edition.name,
    number: String(edition.number),
    year: String(edition.year),
    description: edition.description,
    rules: edition.rules,
    registrationOpensAt: isoToProvinceLocal(edition.registration_opens_at),
    submissionDeadline: isoToProvinceLocal(edition.submission_deadline),
    awardCeremonyOn: edition.award_ceremony_on,
    residencyProvince: edition.residency_province,
    maxEnterpriseAgeYears: String(edition.max_enterprise_age_years),
    minRepresentativeAge: String(edition.min_representative_age),
    receiptPrefix: edition.receipt_prefix,
    feedbackToApplicants: edition.feedback_to_applicants ? "on" : null,
  };
}

export const NEW_EDITION_DEFAULTS: Values = { maxEnterpriseAgeYears: "5", minRepresentativeAge: "18" };

/** The fields of EditionSchema, for creating and editing an edition. */
export function EditionFields({ values, errors }: { values: Values; errors?: FormErrors }) {
  const { t } = useTranslation();
  const field = (name: string) => ({ name, defaultValue: values[name], error: errors?.[name] });
  return (
    <>
      <Field {...field("name")} label={t("competition.editionName")} required />
      <div className="form-grid form-grid-bottom">
        <Field {...field("number")} type="number" label={t("competition.number")} required />
        <Field {...field("year")} type="number" label={t("competition.year")} required />
        <Field
          {...field("receiptPrefix")}
          label={t("competition.receiptPrefix")}
          hint={t("competition.receiptPrefixHint")}
          required
        />
      </div>
      <div className="form-grid form-grid-bottom">
        <Field
          {...field("registrationOpensAt")}
          type="datetime-local"
          label={t("competition.registrationOpensAt")}
          required
        />
        <Field
          {...field("submissionDeadline")}
          type="datetime-local"
          label={t("competition.submissionDeadline")}
          hint={t("competition.deadlineHint")}
          required
        />
        <Field {...field("awardCeremonyOn")} type="date" label={t("competition.awardCeremonyOn")} />
      </div>
      <div className="form-grid form-grid-bottom">
        <Field {...field("maxEnterpriseAgeYears")} type="number" label={t("competition.maxEnterpriseAge")} required />
        <Field
          {...field("minRepresentativeAge")}
          type="number"
          label={t("competition.minRepresentativeAge")}
          required
        />
      </div>
      <Field {...field("residencyProvince")} label={t("competition.residencyProvince")} />
      <CheckboxField
        name="feedbackToApplicants"
        label={t("deliberation.feedbackSetting")}
        defaultChecked={Boolean(values.feedbackToApplicants)}
        error={errors?.feedbackToApplicants}
      />
      <Field {...field("description")} as="textarea" label={t("competition.description")} />
      <Field
        {...field("rules")}
        as="textarea"
        rows={10}
        label={t("competition.rules")}
        hint={t("competition.rulesHint")}
      />
    </>
  );
}

type Category = { id: string; name: string; kind: CategoryKind; description: string | null };
type Requirement = {
  id: string;
  label: string;
  required: number;
  category_id: string | null;
  proves_rule: EligibilityRule | null;
};
type Prize = { id: string; rank_label: string; count: number; amount_vnd: number };
type Criterion = {
  id: string;
  name: string;
  description: string | null;
  weight: number;
  max_score: number;
  counts_in_total: number;
};
type Round = {
  id: string;
  edition_id: string;
  name: string;
  kind: RoundKind;
  starts_on: string | null;
  ends_on: string | null;
  weightsTotal: number;
  criteria: Criterion[];
};

/** The edition's version, carried by every set-up form (they change the one edition). */
const EditionVersion = createContext(0);

export type EditionSetupProps = {
  version: number;
  categories: Category[];
  requirements: Requirement[];
  prizes: Prize[];
  rounds: Round[];
  canManage: boolean;
  actionData: SetupActionData;
};

/** The answer to one form of the page, so that errors show next to that form only. */
function answerTo(
  actionData: SetupActionData,
  intent: string,
  match: (values: Record<string, string>) => boolean = () => true,
) {
  return actionData && actionData.intent === intent && match(actionData.values) ? actionData : undefined;
}

/** Categories, documents, prizes, rounds with their criteria: each a list with remove buttons and an add form. */
export function EditionSetup({
  categories,
  requirements,
  prizes,
  rounds,
  canManage,
  actionData,
  version,
}: EditionSetupProps) {
  const { t, i18n } = useTranslation();
  const ruleOptions = useRuleOptions();
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  return (
    <EditionVersion.Provider value={version}>
      <Card title={t("competition.categories")}>
        <RemoveRefusal actionData={actionData} intent="remove-category" />
        <SetupTable
          headers={[
            t("competition.categoryName"),
            t("competition.categoryKind"),
            t("competition.criterionDescription"),
          ]}
          rows={categories.map((c) => ({
            id: c.id,
            name: c.name,
            cells: [c.name, t(`competition.categoryKinds.${c.kind}`), c.description ?? "—"],
          }))}
          removeIntent={canManage ? "remove-category" : undefined}
        />
        {canManage ? (
          <AddForm
            intent="add-category"
            title={t("competition.addCategory")}
            resetKey={categories.length}
            answer={answerTo(actionData, "add-category")}
          >
            {(field) => (
              <div className="form-grid">
                <Field {...field("name")} label={t("competition.categoryName")} required />
                <Field
                  {...field("kind")}
                  as="select"
                  label={t("competition.categoryKind")}
                  options={(["project", "idea", "track"] as const).map((kind) => ({
                    value: kind,
                    label: t(`competition.categoryKinds.${kind}`),
                  }))}
                />
                <Field {...field("description")} label={t("competition.criterionDescription")} />
              </div>
            )}
          </AddForm>
        ) : null}
      </Card>

      <Card title={t("competition.documents")}>
        <RemoveRefusal actionData={actionData} intent="remove-requirement" />
        <SetupTable
          headers={[
            t("competition.documentLabel"),
            t("competition.documentRequired"),
            t("competition.documentCategory"),
            t("entryExtras.eligibility.provesRule"),
          ]}
          rows={requirements.map((r) => ({
            id: r.id,
            name: r.label,
            cells: [
              r.label,
              r.required ? t("competition.documentRequired") : t("competition.documentOptional"),
              r.category_id ? (categoryName.get(r.category_id) ?? "—") : t("competition.allCategories"),
              canManage ? (
                <ProofForm
                  requirement={r}
                  answer={answerTo(actionData, "set-requirement-proof", (values) => values.itemId === r.id)}
                />
              ) : r.proves_rule ? (
                t(`entryExtras.eligibility.rules.${r.proves_rule}`)
              ) : (
                t("entryExtras.eligibility.provesNothing")
              ),
            ],
          }))}
          removeIntent={canManage ? "remove-requirement" : undefined}
        />
        {canManage ? (
          <AddForm
            intent="add-requirement"
            title={t("competition.addDocument")}
            resetKey={requirements.length}
            answer={answerTo(actionData, "add-requirement")}
          >
            {(field) => (
              <div className="form-grid">
                <Field {...field("label")} label={t("competition.documentLabel")} required />
                <Field
                  {...field("required", "1")}
                  as="select"
                  label={t("competition.documentRequired")}
                  options={[
                    { value: "1", label: t("competition.documentRequired") },
                    { value: "0", label: t("competition.documentOptional") },
                  ]}
                />
                <Field
                  {...field("categoryId", "")}
                  as="select"
                  label={t("competition.documentCategory")}
                  options={[
                    { value: "", label: t("competition.allCategories") },
                    ...categories.map((c) => ({ value: c.id, label: c.name })),
                  ]}
                />
                <Field
                  {...field("provesRule", "")}
                  as="select"
                  label={t("entryExtras.eligibility.provesRule")}
                  hint={t("entryExtras.eligibility.provesRuleHint")}
                  options={ruleOptions}
                />
              </div>
            )}
          </AddForm>
        ) : null}
      </Card>

      <Card title={t("competition.prizes")}>
        <RemoveRefusal actionData={actionData} intent="remove-prize" />
        <SetupTable
          headers={[t("competition.rankLabel"), t("competition.prizeCount"), t("competition.prizeAmount")]}
          numeric={[1, 2]}
          rows={prizes.map((p) => ({
            id: p.id,
            name: p.rank_label,
            cells: [p.rank_label, formatNumber(p.count, i18n.language), formatMoney(p.amount_vnd, i18n.language)],
          }))}
          removeIntent={canManage ? "remove-prize" : undefined}
        />
        {canManage ? (
          <AddForm
            intent="add-prize"
            title={t("competition.addPrize")}
            resetKey={prizes.length}
            answer={answerTo(actionData, "add-prize")}
          >
            {(field) => (
              <div className="form-grid">
                <Field {...field("rankLabel")} label={t("competition.rankLabel")} required />
                <Field {...field("count", "1")} type="number" label={t("competition.prizeCount")} required />
                <Field {...field("amountVnd")} type="number" label={t("competition.prizeAmount")} required />
              </div>
            )}
          </AddForm>
        ) : null}
      </Card>

      <Card title={t("competition.rounds")}>
        <RemoveRefusal actionData={actionData} intent="remove-round" />
        <RemoveRefusal actionData={actionData} intent="remove-criterion" />
        {rounds.length === 0 ? <p>{t("competition.noItems")}</p> : null}
        {rounds.map((round) => (
          <section key={round.id} className="setup-round" aria-labelledby={`round-${round.id}`}>
            <div className="setup-round-header">
              <h3 id={`round-${round.id}`}>
                {round.name} <Badge tone="info">{t(`competition.roundKinds.${round.kind}`)}</Badge>
              </h3>
              {canManage ? <RemoveButton intent="remove-round" itemId={round.id} name={round.name} /> : null}
            </div>
            <p>
              <Link to={`/staff/competitions/${round.edition_id}/rounds/${round.id}`}>{t("rounds.open")}</Link>
            </p>
            {round.starts_on || round.ends_on ? (
              <p className="field-hint">
                {t("competition.startsOn")}: {formatDate(round.starts_on, i18n.language)} · {t("competition.endsOn")}:{" "}
                {formatDate(round.ends_on, i18n.language)}
              </p>
            ) : null}
            <SetupTable
              headers={[
                t("competition.criterionName"),
                t("competition.criterionDescription"),
                t("competition.weight"),
                t("competition.maxScore"),
                t("results.countsInTotal"),
              ]}
              numeric={[2, 3]}
              rows={round.criteria.map((c) => ({
                id: c.id,
                name: c.name,
                cells: [
                  c.name,
                  c.description ?? "—",
                  formatNumber(c.weight, i18n.language),
                  formatNumber(c.max_score, i18n.language),
                  c.counts_in_total === 1 ? (
                    t("common.yes")
                  ) : (
                    <Badge tone="neutral">{t("results.notCountedBadge")}</Badge>
                  ),
                ],
              }))}
              removeIntent={canManage ? "remove-criterion" : undefined}
            />
            <p className="setup-total">
              <Badge tone={round.weightsTotal === 100 ? "success" : "warning"}>
                {t("competition.weightsTotal", { total: String(round.weightsTotal) })}
              </Badge>
            </p>
            {round.criteria.some((c) => c.counts_in_total !== 1) ? (
              <p className="field-hint">{t("results.weightsCountedOnly")}</p>
            ) : null}
            {round.weightsTotal !== 100 ? <Notice tone="danger">{t("competition.weightsNot100")}</Notice> : null}
            {canManage ? (
              <AddForm
                intent="add-criterion"
                title={t("competition.addCriterion")}
                resetKey={round.criteria.length}
                answer={answerTo(actionData, "add-criterion", (values) => values.roundId === round.id)}
                hidden={{ roundId: round.id }}
              >
                {(field) => (
                  <div className="form-grid">
                    <Field {...field("name")} label={t("competition.criterionName")} required />
                    <Field {...field("description")} label={t("competition.criterionDescription")} />
                    <Field {...field("weight")} type="number" label={t("competition.weight")} required />
                    <Field {...field("maxScore", "100")} type="number" label={t("competition.maxScore")} required />
                    <CheckboxField
                      name="notCounted"
                      label={t("results.criterionNotCounted")}
                      defaultChecked={field("notCounted").defaultValue !== undefined}
                      error={field("notCounted").error}
                    />
                  </div>
                )}
              </AddForm>
            ) : null}
          </section>
        ))}
        {canManage ? (
          <AddForm
            intent="add-round"
            title={t("competition.addRound")}
            resetKey={rounds.length}
            answer={answerTo(actionData, "add-round")}
          >
            {(field) => (
              <div className="form-grid">
                <Field {...field("name")} label={t("competition.roundName")} required />
                <Field
                  {...field("kind")}
                  as="select"
                  label={t("competition.roundKind")}
                  options={(["preliminary", "semi_final", "final"] as const).map((kind) => ({
                    value: kind,
                    label: t(`competition.roundKinds.${kind}`),
                  }))}
                />
                <Field {...field("startsOn")} type="date" label={t("competition.startsOn")} />
                <Field {...field("endsOn")} type="date" label={t("competition.endsOn")} />
              </div>
            )}
          </AddForm>
        ) : null}
      </Card>
    </EditionVersion.Provider>
  );
}

type SetupRow = { id: string; name: string; cells: ReactNode[] };

/** A short list of set-up rows (never paged: an edition has a handful of each). */
function SetupTable({
  headers,
  rows,
  removeIntent,
  numeric = [],
}: {
  headers: string[];
  rows: SetupRow[];
  removeIntent?: string;
  numeric?: number[];
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p>{t("competition.noItems")}</p>;
  return (
    <SimpleTable
      rows={rows}
      rowKey={(row) => row.id}
      columns={[
        ...headers.map((header, index) => ({
          key: header,
          header,
          align: numeric.includes(index) ? ("end" as const) : undefined,
          cell: (row: SetupRow) => row.cells[index],
        })),
        removeIntent
          ? {
              key: "actions",
              header: t("table.actions"),
              hideHeader: true,
              className: "setup-actions",
              cell: (row: SetupRow) => <RemoveButton intent={removeIntent} itemId={row.id} name={row.name} />,
            }
          : null,
      ]}
    />
  );
}

function useRuleOptions(): { value: string; label: string }[] {
  const { t } = useTranslation();
  return [
    { value: "", label: t("entryExtras.eligibility.provesNothing") },
    ...ELIGIBILITY_RULES.map((rule) => ({ value: rule, label: t(`entryExtras.eligibility.rules.${rule}`) })),
  ];
}

/** The rule one listed document proves, changed in place (one requirement per rule: a second is refused here). */
function ProofForm({ requirement, answer }: { requirement: Requirement; answer: SetupActionData }) {
  const { t } = useTranslation();
  const ruleOptions = useRuleOptions();
  return (
    <AppForm method="post" errors={answer?.errors} className="setup-proof">
      <input type="hidden" name="intent" value="set-requirement-proof" />
      <input type="hidden" name="itemId" value={requirement.id} />
      <VersionField version={useContext(EditionVersion)} />
      <Field
        name="provesRule"
        as="select"
        label={t("entryExtras.eligibility.provesRuleOf", { label: requirement.label })}
        defaultValue={answer ? answer.values.provesRule : (requirement.proves_rule ?? "")}
        error={answer?.errors.provesRule ?? answer?.errors._form}
        options={ruleOptions}
      />
      <Button variant="secondary">{t("common.save")}</Button>
    </AppForm>
  );
}

function RemoveButton({ intent, itemId, name }: { intent: string; itemId: string; name: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <VersionField version={useContext(EditionVersion)} />
      <ConfirmAction
        label={t("competition.remove")}
        confirmLabel={t("competition.remove")}
        message={t("competition.confirmRemove", { name })}
      >
        <input type="hidden" name="itemId" value={itemId} />
      </ConfirmAction>
    </Form>
  );
}

/** Why a removal was refused (an entry already uses the row), shown above the list it came from. */
function RemoveRefusal({ actionData, intent }: { actionData: SetupActionData; intent: string }) {
  const answer = answerTo(actionData, intent);
  if (!answer) return null;
  return <Notice tone="danger">{answer.errors._form ?? Object.values(answer.errors)[0]}</Notice>;
}

type FieldBinding = (
  name: string,
  fallback?: string,
) => { name: string; defaultValue: string | undefined; error: string | undefined };

/**
 * An add form under a list. After a successful add the page reloads the list; resetKey (the row count)
 * remounts the form so that its fields are empty again.
 */
function AddForm({
  intent,
  title,
  resetKey,
  answer,
  hidden = {},
  children,
}: {
  intent: string;
  title: string;
  resetKey: number;
  answer: SetupActionData;
  hidden?: Record<string, string>;
  children: (field: FieldBinding) => ReactNode;
}) {
  const { t } = useTranslation();
  const field: FieldBinding = (name, fallback) => ({
    name,
    defaultValue: answer ? answer.values[name] : fallback,
    error: answer?.errors[name],
  });
  return (
    <AppForm key={`${intent}-${resetKey}`} method="post" errors={answer?.errors} className="setup-add">
      <h3 className="setup-add-title">{title}</h3>
      <input type="hidden" name="intent" value={intent} />
      <VersionField version={useContext(EditionVersion)} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children(field)}
      <Button variant="secondary">{t("competition.add")}</Button>
    </AppForm>
  );
}
