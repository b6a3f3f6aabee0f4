import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { formatDateTime } from "../lib/format";
import { Field } from "./form";
import { Facts } from "./layout";
import { SimpleTable } from "./simple-table";

/** A pending proposal as its loader described it (app/modules/settings/queries.server.ts). */
export type ProposalView = {
  id: string;
  sourceDocument: string;
  proposedAt: string;
  proposerName: string;
  change: { setting: string; lines: Array<{ label: string; from: string; to: string }> };
};

/**
 * Pending proposals of legal settings: each the setting, its values from now to proposed, who proposed it and when,
 * and its source document; `actions` adds the forms a page offers for one (the leaders' page: approve, reject).
 */
export function PendingProposals({
  proposals,
  actions,
  headingLevel = 3,
}: {
  proposals: readonly ProposalView[];
  actions?: (proposal: ProposalView) => ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ol className="setting-proposals">
      {proposals.map((proposal) => (
        <li key={proposal.id} id={`proposal-${proposal.id}`}>
          <Heading>{proposal.change.setting}</Heading>
          {proposal.change.lines.length ? (
            <SimpleTable
              rows={proposal.change.lines}
              rowKey={(line) => line.label}
              caption={t("settings.change")}
              captionHidden
              columns={[
                { key: "label", header: t("settings.setting"), rowHeader: true, cell: (line) => line.label },
                { key: "from", header: t("settings.from"), cell: (line) => line.from },
                { key: "to", header: t("settings.to"), cell: (line) => <strong>{line.to}</strong> },
              ]}
            />
          ) : (
            <p>{t("settings.noChange")}</p>
          )}
          <Facts
            items={[
              [t("settings.sourceDocument"), proposal.sourceDocument],
              [t("settings.proposedBy"), proposal.proposerName],
              [t("settings.proposedAt"), formatDateTime(proposal.proposedAt, i18n.language)],
            ]}
          />
          {actions ? actions(proposal) : null}
        </li>
      ))}
    </ol>
  );
}

/** The pending proposals of one page's settings, with the way to the leaders' page where they are decided. */
export function PendingProposalsCard({ proposals }: { proposals: readonly ProposalView[] }) {
  const { t } = useTranslation();
  if (!proposals.length) return null;
  return (
    <section className="card" aria-labelledby="pending-proposals">
      <h2 id="pending-proposals">{t("settings.pendingTitle")}</h2>
      <PendingProposals proposals={proposals} />
      <p>
        <Link to="/staff/settings-proposals">{t("settings.title")}</Link>
      </p>
    </section>
  );
}

/** "Căn cứ (văn bản)": the legal document a proposed change rests on, required on every form that proposes one. */
export function SourceDocumentField({
  values,
  errors,
}: {
  values?: Record<string, string | undefined>;
  errors?: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <Field
      name="sourceDocument"
      label={t("settings.sourceDocument")}
      hint={t("settings.sourceDocumentHint")}
      required
      defaultValue={values?.sourceDocument}
      error={errors?.sourceDocument}
    />
  );
}
