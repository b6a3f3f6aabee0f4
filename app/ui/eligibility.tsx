import { useTranslation } from "react-i18next";
import { eligibilityFactText, eligibilityReasonText } from "../modules/competition/eligibility-text";
import type { EligibilityFact, EligibilityVerdict, Verdict } from "../modules/competition/rules";
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

/** Each eligibility rule of the edition with its verdict (a badge with words), the fact checked and its proof. */
export function EligibilityTable({ verdicts }: { verdicts: readonly EligibilityVerdict[] }) {
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
        ]}
      />
    </Card>
  );
}
