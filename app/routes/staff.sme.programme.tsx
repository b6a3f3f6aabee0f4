import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { ZodTypeAny } from "zod";
import { saveBudget } from "../modules/sme/commands.server";
import { proposeSettingChange } from "../modules/settings/proposals.server";
import { pendingProposals } from "../modules/settings/queries.server";
import { ProposeDurationsSchema, ProposeProgrammeStatusSchema, ProposeRuleSchema } from "../modules/settings/schemas";
import { looseTranslate } from "../modules/admin/audit-view";
import {
  getProgramme,
  listProgrammes,
  pauseHistory,
  programmeBudgetRows,
  programmeShown,
  supportTypesOf,
} from "../modules/sme/queries.server";
import { BudgetSchema } from "../modules/sme/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatMoney, formatNumber } from "../lib/format";
import { echoedValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { getLocale, getTranslator } from "../lib/locale.server";
import { conflictFailure, loadedVersion, type VersionConflict } from "../lib/versions.server";
import { AppForm, Button, CheckboxField, Field, VersionField } from "../ui/form";
import { PendingProposalsCard, SourceDocumentField } from "../ui/setting-proposals";
import { Badge, Card, Facts, Notice, PageHeader } from "../ui/layout";
import { ExportLinks } from "../ui/export-links";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Đề án hỗ trợ DNNVV – Cổng ĐMST Quảng Ngãi" }];

/** The Department: staff, leaders and admins (a literal: this table is also read by the client bundle). */
const DEPARTMENT = ["staff", "leader", "admin"] as const;
/**
 * The budget is saved at once. Status, durations and rates and caps are the law's settings: anyone of the Department
 * proposes a change with its legal source, and it takes effect when another leader approves it (/staff/settings-proposals).
 */
export const intents = {
  status: DEPARTMENT,
  durations: DEPARTMENT,
  budget: DEPARTMENT,
  rule: DEPARTMENT,
} satisfies IntentRoles;
const SIZES = ["micro", "small", "medium"] as const;
const CAP_PERIODS = ["year", "contract", "month", "none"] as const;
const FORM_INTENTS = ["status", "durations", "budget", "rule"];
const STATUS_TONES = { open: "success", paused: "warning", closed: "neutral" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const requested = new URL(request.url).searchParams.get("programme");
  const programmes = await listProgrammes(db);
  const programme = await programmeShown(db, requested);
  const canEditRules = (intents.rule as readonly string[]).includes(user.role);
  const choices = programmes.map((p) => ({ id: p.id, name: p.name, years: `${p.first_year}–${p.last_year}` }));
  if (!programme)
    return { programme: null, programmes: choices, pauses: [], budget: [], types: [], canEditRules, proposals: [] };
  const [budget, pauses, types, proposals] = await Promise.all([
    programmeBudgetRows(db, programme),
    pauseHistory(db, programme.id),
    supportTypesOf(db, programme.id),
    pendingProposals(db, { programmeId: programme.id }, looseTranslate(t), locale),
  ]);
  return { programme, programmes: choices, pauses, budget, types, canEditRules, proposals };
}

type ActionResult = { intent: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const db = getDb();
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const programme = await getProgramme(db, String(form.get("programmeId") ?? ""));
  const here = `/staff/sme/programme?programme=${encodeURIComponent(programme.id)}`;
  const ip = context.clientIp;
  const parse = <S extends ZodTypeAny>(schema: S) => parseForm(form, schema, t);
  const invalid = (errors: Record<string, string>, values: Record<string, string>) =>
    data<ActionResult>({ intent, errors, values }, { status: 400 });
  const values = echoedValues(Object.fromEntries(form));
  const loaded = loadedVersion(form);
  if (loaded === null) return invalid({ _form: t("errors.versionMissing") }, values);
  const conflicted = (conflict: VersionConflict["conflict"]) =>
    data<ActionResult>({ intent, ...conflictFailure(conflict, t, locale, form) }, { status: 409 });
  const proposed = (outcome: Awaited<ReturnType<typeof proposeSettingChange>>) => {
    if (!outcome.ok && "conflict" in outcome) return conflicted(outcome.conflict);
    return outcome.ok
      ? redirectWithFlash(here, t("settings.proposed"))
      : refusal(outcome.problems, t, { intent, values });
  };

  switch (intent) {
    case "status": {
      const result = parse(ProposeProgrammeStatusSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      const { sourceDocument, ...payload } = result.value;
      return proposed(
        await proposeSettingChange(
          db,
          user,
          { kind: "programme_status", targetId: programme.id, loaded, payload, sourceDocument },
          ip,
        ),
      );
    }
    case "durations": {
      const result = parse(ProposeDurationsSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      const { sourceDocument, ...payload } = result.value;
      return proposed(
        await proposeSettingChange(
          db,
          user,
          { kind: "step_durations", targetId: programme.id, loaded, payload, sourceDocument },
          ip,
        ),
      );
    }
    case "budget": {
      const result = parse(BudgetSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      const outcome = await saveBudget(db, user, programme.id, result.value, loaded, ip);
      if (!outcome.ok && "conflict" in outcome) return conflicted(outcome.conflict);
      return outcome.ok
        ? redirectWithFlash(here, t("sme.programme.budget.saved", { year: String(result.value.year) }))
        : refusal(outcome.problems, t, { intent, values });
    }
    case "rule": {
      const result = parse(ProposeRuleSchema);
      if (!result.ok) return invalid(result.errors, result.values);
      const { supportTypeId, sourceDocument, ...payload } = result.value;
      return proposed(
        await proposeSettingChange(
          db,
          user,
          { kind: "support_rule", targetId: supportTypeId, loaded, payload, sourceDocument },
          ip,
        ),
      );
    }
    default:
      return invalid({ _form: t("errors.invalid") }, values);
  }
}

export default function ProgrammePage() {
  const { t, i18n } = useTranslation();
  const { programme, programmes, pauses, budget, types, canEditRules, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const lang = i18n.language;
  const money = (value: number | null) => (value === null ? "—" : formatMoney(value, lang));
  const holidaysLink = <Link to="/staff/holidays">{t("sme.programme.holidaysLink")}</Link>;

  if (!programme) {
    return (
      <>
        <PageHeader title={t("sme.programme.title")} actions={holidaysLink} />
        <Notice>{t("sme.programme.none")}</Notice>
      </>
    );
  }

  const status = failed("status");
  const durations = failed("durations");
  const budgetForm = failed("budget");
  const rule = failed("rule");
  const unverified = types.reduce((n, type) => n + type.rules.filter((r) => !r.verified).length, 0);
  const sum = (pick: (row: (typeof budget)[number]) => number | null) =>
    budget.reduce((total, row) => total + (pick(row) ?? 0), 0);
  const anyBudget = budget.some((row) => row.budgetVnd !== null);
  const years = Array.from({ length: programme.last_year - programme.first_year + 1 }, (_, i) =>
    String(programme.first_year + i),
  );

  return (
    <>
      <PageHeader title={programme.name} lead={t("sme.programme.lead")} actions={holidaysLink} />
      {/* The forms show their own errors; this is for a post no form of the page sent. */}
      {actionData?.errors._form && !FORM_INTENTS.includes(actionData.intent) ? (
        <Notice tone="danger">{actionData.errors._form}</Notice>
      ) : null}

      <PendingProposalsCard proposals={proposals} />

      {programmes.length > 1 ? (
        <Form method="get" className="table-filters">
          <Field
            name="programme"
            as="select"
            label={t("sme.programme.otherProgramme")}
            defaultValue={programme.id}
            options={programmes.map((p) => ({ value: p.id, label: `${p.name} (${p.years})` }))}
          />
          <div className="table-filter-actions">
            <Button variant="secondary">{t("sme.programme.show")}</Button>
          </div>
        </Form>
      ) : null}

      <Card>
        <Facts
          items={[
            [t("sme.programme.facts.legalBasis"), programme.legal_basis],
            [t("sme.programme.facts.period"), `${programme.first_year}–${programme.last_year}`],
            [
              t("sme.programme.facts.status"),
              <Badge key="status" tone={STATUS_TONES[programme.status]}>
                {t(`sme.programmeStatuses.${programme.status}`)}
              </Badge>,
            ],
            [t("sme.programme.facts.statusReason"), programme.status_reason],
            [
              t("sme.programme.facts.statusSince"),
              programme.status_changed_on ? formatDate(programme.status_changed_on, lang) : null,
            ],
            ...(programme.status === "paused"
              ? ([[t("sme.programme.facts.pausedIntake"), t(`sme.pausedIntake.${programme.paused_intake}`)]] as Array<
                  [string, string]
                >)
              : []),
            [t("sme.programme.facts.receiptPrefix"), programme.receipt_prefix],
            [t("sme.programme.facts.receiveDays"), formatNumber(programme.receive_working_days, lang)],
            [t("sme.programme.facts.checkDays"), formatNumber(programme.check_working_days, lang)],
            [t("sme.programme.facts.decisionDays"), formatNumber(programme.decision_working_days, lang)],
          ]}
        />
        <p className="field-hint">{t("sme.programme.decisionSource")}</p>
        {programme.status === "closed" ? null : (
          <details className="rule-edit">
            <summary>{t("sme.programme.durations.title")}</summary>
            <AppForm method="post" errors={durations?.errors}>
              <input type="hidden" name="intent" value="durations" />
              <input type="hidden" name="programmeId" value={programme.id} />
              <VersionField version={programme.version} />
              <div className="form-grid">
                <Field
                  name="receiveWorkingDays"
                  type="number"
                  label={t("sme.programme.facts.receiveDays")}
                  required
                  defaultValue={String(durations?.values.receiveWorkingDays ?? programme.receive_working_days)}
                  error={durations?.errors.receiveWorkingDays}
                />
                <Field
                  name="checkWorkingDays"
                  type="number"
                  label={t("sme.programme.facts.checkDays")}
                  required
                  defaultValue={String(durations?.values.checkWorkingDays ?? programme.check_working_days)}
                  error={durations?.errors.checkWorkingDays}
                />
                <Field
                  name="decisionWorkingDays"
                  type="number"
                  label={t("sme.programme.facts.decisionDays")}
                  hint={t("sme.programme.durations.decisionNote")}
                  required
                  defaultValue={String(durations?.values.decisionWorkingDays ?? programme.decision_working_days)}
                  error={durations?.errors.decisionWorkingDays}
                />
              </div>
              <SourceDocumentField values={durations?.values} errors={durations?.errors} />
              <Button variant="secondary">{t("sme.programme.durations.submit")}</Button>
            </AppForm>
          </details>
        )}
      </Card>

      <Card title={t("sme.programme.status.title")}>
        {programme.status === "closed" ? (
          <p>{t("sme.programme.status.closed")}</p>
        ) : (
          <AppForm key={`${programme.status}-${programme.status_changed_on}`} method="post" errors={status?.errors}>
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="programmeId" value={programme.id} />
            <VersionField version={programme.version} />
            <p className="field-hint">{t("sme.programme.status.effect")}</p>
            <div className="form-grid">
              <Field
                name="status"
                as="select"
                label={t("sme.programme.status.status")}
                required
                defaultValue={status?.values.status ?? programme.status}
                error={status?.errors.status}
                options={(["open", "paused", "closed"] as const).map((s) => ({
                  value: s,
                  label: t(`sme.programmeStatuses.${s}`),
                }))}
              />
              <Field
                name="pausedIntake"
                as="select"
                label={t("sme.programme.status.pausedIntake")}
                defaultValue={status?.values.pausedIntake ?? programme.paused_intake}
                error={status?.errors.pausedIntake}
                options={(["queue", "refuse"] as const).map((p) => ({ value: p, label: t(`sme.pausedIntake.${p}`) }))}
              />
            </div>
            <Field
              name="reason"
              as="textarea"
              rows={2}
              label={t("sme.programme.status.reason")}
              hint={t("sme.programme.status.reasonHint")}
              defaultValue={status?.values.reason}
              error={status?.errors.reason}
            />
            <SourceDocumentField values={status?.values} errors={status?.errors} />
            <Button>{t("sme.programme.status.submit")}</Button>
          </AppForm>
        )}
      </Card>

      <Card title={t("sme.programme.pauses.title")}>
        {pauses.length === 0 ? (
          <p>{t("sme.programme.pauses.none")}</p>
        ) : (
          <SimpleTable
            rows={pauses}
            rowKey={(pause) => pause.id}
            columns={[
              {
                key: "from",
                header: t("sme.programme.pauses.from"),
                cell: (pause) => formatDate(pause.from_on, lang),
              },
              {
                key: "to",
                header: t("sme.programme.pauses.to"),
                cell: (pause) =>
                  pause.to_on ? (
                    formatDate(pause.to_on, lang)
                  ) : (
                    <Badge tone="warning">{t("sme.programme.pauses.ongoing")}</Badge>
                  ),
              },
              { key: "reason", header: t("sme.programme.pauses.reason"), cell: (pause) => pause.reason },
            ]}
          />
        )}
      </Card>

      <Card title={t("sme.programme.budget.title")}>
        <p className="field-hint">{t("sme.programme.budget.lead")}</p>
        <ExportLinks path="/staff/sme/programme/export" />
        <SimpleTable
          className="budget-table"
          rows={budget}
          rowKey={(row) => row.year}
          columns={[
            {
              key: "year",
              header: t("sme.programme.budget.year"),
              rowHeader: true,
              cell: (row) => row.year,
              footer: t("sme.programme.budget.total"),
            },
            {
              key: "budget",
              header: t("sme.programme.budget.budget"),
              align: "end",
              cell: (row) => (row.budgetVnd === null ? t("sme.programme.budget.notSet") : money(row.budgetVnd)),
              footer: anyBudget ? money(sum((r) => r.budgetVnd)) : "—",
            },
            {
              key: "filed",
              header: t("sme.programme.budget.filed"),
              align: "end",
              cell: (row) => formatNumber(row.filed, lang),
              footer: formatNumber(
                sum((r) => r.filed),
                lang,
              ),
            },
            {
              key: "requested",
              header: t("sme.programme.budget.requested"),
              align: "end",
              cell: (row) => money(row.requestedVnd),
              footer: money(sum((r) => r.requestedVnd)),
            },
            {
              key: "approved",
              header: t("sme.programme.budget.approved"),
              align: "end",
              cell: (row) => money(row.approvedVnd),
              footer: money(sum((r) => r.approvedVnd)),
            },
            {
              key: "paid",
              header: t("sme.programme.budget.paid"),
              align: "end",
              cell: (row) => money(row.paidVnd),
              footer: money(sum((r) => r.paidVnd)),
            },
            {
              key: "remaining",
              header: t("sme.programme.budget.remaining"),
              align: "end",
              className: (row) => (row.remainingVnd !== null && row.remainingVnd < 0 ? "negative" : undefined),
              cell: (row) => money(row.remainingVnd),
              footer: anyBudget ? money(sum((r) => r.remainingVnd)) : "—",
            },
          ]}
        />
        <AppForm
          key={budget.map((r) => r.budgetVnd).join()}
          method="post"
          errors={budgetForm?.errors}
          className="section"
        >
          <input type="hidden" name="intent" value="budget" />
          <input type="hidden" name="programmeId" value={programme.id} />
          <VersionField version={programme.version} />
          <h3>{t("sme.programme.budget.formTitle")}</h3>
          <div className="form-grid form-grid-bottom">
            <Field
              name="year"
              as="select"
              label={t("sme.programme.budget.year")}
              required
              defaultValue={budgetForm?.values.year ?? years[0]}
              error={budgetForm?.errors.year}
              options={years.map((y) => ({ value: y, label: y }))}
            />
            <Field
              name="amountVnd"
              label={t("sme.programme.budget.amount")}
              hint={t("sme.programme.budget.amountHint")}
              required
              defaultValue={budgetForm?.values.amountVnd}
              error={budgetForm?.errors.amountVnd}
            />
          </div>
          <Button variant="secondary">{t("sme.programme.budget.submit")}</Button>
        </AppForm>
      </Card>

      <Card title={t("sme.programme.rules.title")}>
        <p className="field-hint">{t("sme.programme.rules.lead")}</p>
        {unverified > 0 ? (
          <Notice tone="danger">{t("sme.programme.rules.unverifiedCount", { count: unverified })}</Notice>
        ) : null}
        {!canEditRules ? <p className="field-hint">{t("sme.programme.rules.readOnly")}</p> : null}
        {types.length === 0 ? <p>{t("sme.programme.rules.noTypes")}</p> : null}
        {types.map((type) => (
          <section key={type.id} className="support-type">
            <h3>{type.name}</h3>
            <p className="criterion-meta">
              {t("sme.programme.rules.article")}: {type.article}
              {type.startups_only ? (
                <>
                  {" "}
                  <Badge tone="info">{t("sme.programme.rules.startupsOnly")}</Badge>
                </>
              ) : null}
            </p>
            <div className="table-scroll">
              <table className="rules-table">
                <thead>
                  <tr>
                    <th scope="col">{t("sme.programme.rules.size")}</th>
                    <th scope="col" className="numeric">
                      {t("sme.programme.rules.rate")}
                    </th>
                    <th scope="col">{t("sme.programme.rules.cap")}</th>
                    <th scope="col">{t("sme.programme.rules.priority")}</th>
                    <th scope="col">{t("sme.programme.rules.source")}</th>
                  </tr>
                </thead>
                {SIZES.map((size) => {
                  const current = type.rules.find((r) => r.size === size);
                  const sizeLabel = t(`sme.sizes.${size}`);
                  const mine =
                    rule && rule.values.supportTypeId === type.id && rule.values.size === size ? rule : undefined;
                  const capText = (cap: number | null, period: (typeof CAP_PERIODS)[number]) =>
                    cap === null ? t("sme.programme.rules.noCap") : `${money(cap)}${t(`sme.capPeriods.${period}`)}`;
                  const priorityText =
                    current && (current.priority_rate_percent !== null || current.priority_cap_vnd !== null)
                      ? `${current.priority_rate_percent ?? current.rate_percent} %; ${capText(current.priority_cap_vnd ?? current.cap_vnd, current.cap_period)}`
                      : "—";
                  return (
                    <tbody key={size}>
                      <tr className={current && !current.verified ? "rule-row rule-unverified" : "rule-row"}>
                        <th scope="row">{sizeLabel}</th>
                        {current ? (
                          <>
                            <td data-label={t("sme.programme.rules.rate")} className="numeric">
                              {current.rate_percent} %
                            </td>
                            <td data-label={t("sme.programme.rules.cap")}>
                              {capText(current.cap_vnd, current.cap_period)}
                            </td>
                            <td data-label={t("sme.programme.rules.priority")}>{priorityText}</td>
                            <td data-label={t("sme.programme.rules.source")}>
                              {current.source}
                              {!current.verified ? (
                                <>
                                  {" "}
                                  <Badge tone="warning">{t("sme.programme.rules.unverified")}</Badge>
                                </>
                              ) : null}
                            </td>
                          </>
                        ) : (
                          <td colSpan={4}>{t("sme.programme.rules.notApplicable")}</td>
                        )}
                      </tr>
                      {canEditRules ? (
                        <tr className="rule-edit">
                          <td colSpan={5}>
                            <details open={!!mine}>
                              <summary>
                                {t(current ? "sme.programme.rules.edit" : "sme.programme.rules.add", {
                                  type: type.name,
                                  size: sizeLabel,
                                })}
                              </summary>
                              <AppForm method="post" errors={mine?.errors}>
                                <input type="hidden" name="intent" value="rule" />
                                <input type="hidden" name="programmeId" value={programme.id} />
                                <VersionField version={programme.version} />
                                <input type="hidden" name="supportTypeId" value={type.id} />
                                <input type="hidden" name="size" value={size} />
                                <div className="form-grid">
                                  <Field
                                    name="ratePercent"
                                    type="number"
                                    label={t("sme.programme.rules.ratePercent")}
                                    required
                                    defaultValue={
                                      mine?.values.ratePercent ?? (current ? String(current.rate_percent) : "")
                                    }
                                    error={mine?.errors.ratePercent}
                                  />
                                  <Field
                                    name="capVnd"
                                    label={t("sme.programme.rules.capVnd")}
                                    hint={t("sme.programme.rules.capVndHint")}
                                    defaultValue={
                                      mine?.values.capVnd ??
                                      (current?.cap_vnd != null ? formatNumber(current.cap_vnd, lang) : "")
                                    }
                                    error={mine?.errors.capVnd}
                                  />
                                  <Field
                                    name="capPeriod"
                                    as="select"
                                    label={t("sme.programme.rules.capPeriod")}
                                    required
                                    defaultValue={mine?.values.capPeriod ?? current?.cap_period ?? "year"}
                                    error={mine?.errors.capPeriod}
                                    options={CAP_PERIODS.map((p) => ({
                                      value: p,
                                      label: t(`sme.programme.rules.capPeriodOptions.${p}`),
                                    }))}
                                  />
                                  <Field
                                    name="priorityRatePercent"
                                    type="number"
                                    label={t("sme.programme.rules.priorityRatePercent")}
                                    hint={t("sme.programme.rules.priorityHint")}
                                    defaultValue={
                                      mine?.values.priorityRatePercent ??
                                      (current?.priority_rate_percent != null
                                        ? String(current.priority_rate_percent)
                                        : "")
                                    }
                                    error={mine?.errors.priorityRatePercent}
                                  />
                                  <Field
                                    name="priorityCapVnd"
                                    label={t("sme.programme.rules.priorityCapVnd")}
                                    defaultValue={
                                      mine?.values.priorityCapVnd ??
                                      (current?.priority_cap_vnd != null
                                        ? formatNumber(current.priority_cap_vnd, lang)
                                        : "")
                                    }
                                    error={mine?.errors.priorityCapVnd}
                                  />
                                  <Field
                                    name="source"
                                    label={t("sme.programme.rules.sourceLabel")}
                                    required
                                    defaultValue={mine?.values.source ?? current?.source ?? type.article}
                                    error={mine?.errors.source}
                                  />
                                </div>
                                <CheckboxField
                                  name="verified"
                                  label={t("sme.programme.rules.verified")}
                                  defaultChecked={mine ? mine.values.verified !== undefined : !!current?.verified}
                                  error={mine?.errors.verified}
                                />
                                <SourceDocumentField values={mine?.values} errors={mine?.errors} />
                                <Button variant="secondary">{t("sme.programme.rules.submit")}</Button>
                              </AppForm>
                            </details>
                          </td>
                        </tr>
                      ) : null}
                    </tbody>
                  );
                })}
              </table>
            </div>
            <h4>{t("sme.programme.rules.documents")}</h4>
            {type.documents.length === 0 ? (
              <p>{t("sme.programme.rules.noDocuments")}</p>
            ) : (
              <ol>
                {type.documents.map((document) => (
                  <li key={document.id}>
                    {document.title}
                    {document.required ? null : (
                      <span className="field-hint"> ({t("sme.programme.rules.optionalDocument")})</span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        ))}
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
