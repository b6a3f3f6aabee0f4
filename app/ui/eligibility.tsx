import { useTranslation } from "../i18n/use-translation";
import { formatDateTime } from "../lib/format";
import { eligibilityFactText, eligibilityReasonText } from "../modules/competition/eligibility-text";
import type {
  EligibilityCheck,
  EligibilityFact,
  EligibilityRule,
  EligibilityVerdict,
  Verdict,
} from "../modules/competition/rules";
import { AppForm, Button, Field } from "./form";
import { Badge, Card } from "./layout";
import { SimpleTable } from "./simple-table";

const VERDICT_TONES: Record<Verdict, "success" | "danger" | "warning"> = {
  met: "success",
  not_met: "danger",
  unknown: "warning",
};

function FactText({ fact }: { fact: EligibilityFact }) {
  const { t, i18n } = useTranslation();
  return <>{eligibilityFactText(fact, t as (key: string, params?: object) => string, i18n.language)}</>;
}

function ProofCell({ proof }: { proof: EligibilityVerdict["proof"] }) {
  const { t } = useTranslation();
  if (!proof) return <>{t("entryExtras.eligibility.noProof")}</>;
  if (proof.attachmentId)
    return (
      <a href={`/files/${proof.attachmentId}`} target="_blank" rel="noreferrer">
        {proof.label}
      </a>
    );
  return (
    <>
      {proof.label}:{" "}
      {proof.required ? (
        <Badge tone="danger">{t("entryExtras.eligibility.proofMissing")}</Badge>
      ) : (
        t("entryExtras.eligibility.proofOptionalMissing")
      )}
    </>
  );
}

/** The staff page's proof checks: each rule's check of its current file, whether the reader may record one, errors. */
export type EligibilityChecks = {
  current: Partial<Record<EligibilityRule, EligibilityCheck>>;
  canCheck: boolean;
  /** The refused check's rule and its errors (next to that row's note, or its form's alert). */
  errors?: { rule: string; errors: Record<string, string> };
};

function CheckCell({ verdict, checks }: { verdict: EligibilityVerdict; checks: EligibilityChecks }) {
  const { t, i18n } = useTranslation();
  const file = verdict.proof?.attachmentId;
  if (!file) return <>—</>;
  const check = checks.current[verdict.rule];
  if (check)
    return (
      <>
        {t("entryExtras.eligibility.check.checkedBy", {
          name: check.checkedByName,
          time: formatDateTime(check.checkedAt, i18n.language),
        })}
        {check.note ? <p className="field-hint">{check.note}</p> : null}
      </>
    );
  if (!checks.canCheck) return <>{t("entryExtras.eligibility.check.notYet")}</>;
  const errors = checks.errors?.rule === verdict.rule ? checks.errors.errors : undefined;
  return (
    <AppForm method="post" errors={errors}>
      <input type="hidden" name="intent" value="check-proof" />
      <input type="hidden" name="rule" value={verdict.rule} />
      <input type="hidden" name="attachmentId" value={file} />
      <Field name="note" label={t("entryExtras.eligibility.check.note")} error={errors?.note} />
      <Button variant="secondary">{t("entryExtras.eligibility.check.submit")}</Button>
    </AppForm>
  );
}

/** Each eligibility rule of the edition with its verdict (a badge with words), the fact checked and its proof. */
export function EligibilityTable({
  verdicts,
  checks,
}: {
  verdicts: readonly EligibilityVerdict[];
  /** On the staff page only: who checked each proof file, and the "Đã đối chiếu" forms. */
  checks?: EligibilityChecks;
}) {
  const { t } = useTranslation();
  return (
    <Card title={t("entryExtras.eligibility.title")}>
      <p className="field-hint">{t("entryExtras.eligibility.lead")}</p>
      <SimpleTable
        rows={verdicts}
        rowKey={(v) => v.rule}
        caption={t("entryExtras.eligibility.title")}
        captionHidden
        columns={[
          {
            key: "rule",
            header: t("entryExtras.eligibility.rule"),
            rowHeader: true,
            cell: (v) => t(`entryExtras.eligibility.rules.${v.rule}`),
          },
          {
            key: "verdict",
            header: t("entryExtras.eligibility.verdict"),
            cell: (v) => (
              <>
                <Badge tone={VERDICT_TONES[v.verdict]}>{t(`entryExtras.eligibility.verdicts.${v.verdict}`)}</Badge>
                {v.reason ? (
                  <p className="field-hint">
                    {eligibilityReasonText(v, t as (key: string, params?: object) => string)}
                  </p>
                ) : null}
              </>
            ),
          },
          { key: "fact", header: t("entryExtras.eligibility.fact"), cell: (v) => <FactText fact={v.fact} /> },
          { key: "proof", header: t("entryExtras.eligibility.proof"), cell: (v) => <ProofCell proof={v.proof} /> },
          ...(checks
            ? [
                {
                  key: "check",
                  header: t("entryExtras.eligibility.check.column"),
                  cell: (v: EligibilityVerdict) => <CheckCell verdict={v} checks={checks} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
