/**
 * Who is told of a proposal of a legal setting, by e-mail (the outbox) and by a notice on their home: every active
 * leader but the proposer when it is made, the proposer when a leader approves or rejects it (with the reason). Written
 * in the caller's transaction, so nobody is told of a proposal or a decision that was rolled back. Mail goes out in
 * the portal's language, its links absolute from the configured address (publicUrl), never from the request.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { defaultLocale, translator } from "../../i18n";
import { looseTranslate } from "../admin/audit-view";
import { formatDateTime } from "../../lib/format";
import { enqueueMail } from "../../lib/mail.server";
import { notify } from "../../lib/notify.server";
import { publicUrl } from "../../lib/public-url.server";
import { describedChanges } from "./queries.server";
import type { SettingProposalKind } from "./rules";

const t = translator(defaultLocale);
const translate = looseTranslate(t);

/** Where leaders decide; the decided list is the page's "Đã quyết định" section. */
export const PROPOSALS_PATH = "/staff/settings-proposals";
export const DECIDED_PATH = `${PROPOSALS_PATH}#decided`;

type Notified = {
  kind: SettingProposalKind;
  target_id: string;
  payload: string;
  source_document: string;
  proposed_by: string;
};

/** Tells every active leader except the proposer what is proposed (each value from now to proposed) and on what basis. */
export async function tellLeadersOfProposal(trx: Kysely<Database>, proposal: Notified): Promise<void> {
  const leaders = await trx
    .selectFrom("users")
    .select(["id", "email", "full_name"])
    .where("role", "=", "leader")
    .where("status", "=", "active")
    .where("id", "!=", proposal.proposed_by)
    .orderBy("id")
    .execute();
  if (!leaders.length) return;
  const proposer = await trx
    .selectFrom("users")
    .select("full_name")
    .where("id", "=", proposal.proposed_by)
    .executeTakeFirstOrThrow();
  const [change] = await describedChanges(trx, [proposal], translate, defaultLocale);
  const changes = change!.lines.map((line) => translate("settings.mail.changeLine", { ...line })).join("");
  const subject = translate("settings.mail.proposedSubject", { setting: change!.setting });
  const facts = { proposer: proposer.full_name, setting: change!.setting, source: proposal.source_document };
  for (const leader of leaders) {
    await enqueueMail(trx, {
      to: leader.email,
      subject,
      text: translate("settings.mail.proposedBody", {
        ...facts,
        name: leader.full_name,
        changes,
        link: publicUrl(PROPOSALS_PATH),
      }),
    });
    await notify(trx, {
      userId: leader.id,
      title: subject,
      body: translate("settings.mail.proposedNote", facts),
      link: PROPOSALS_PATH,
    });
  }
}

/** Tells the proposer (if still active) that a leader approved or rejected their proposal, when, and why (a rejection). */
export async function tellProposerOfDecision(
  trx: Kysely<Database>,
  proposal: Notified,
  decision: { outcome: "approved" | "rejected"; deciderId: string; at: string; reason: string | null },
): Promise<void> {
  const proposer = await trx
    .selectFrom("users")
    .select(["id", "email", "full_name", "status"])
    .where("id", "=", proposal.proposed_by)
    .executeTakeFirstOrThrow();
  if (proposer.status !== "active") return;
  const decider = await trx
    .selectFrom("users")
    .select("full_name")
    .where("id", "=", decision.deciderId)
    .executeTakeFirstOrThrow();
  const [change] = await describedChanges(trx, [proposal], translate, defaultLocale);
  const facts = {
    setting: change!.setting,
    source: proposal.source_document,
    decider: decider.full_name,
    at: formatDateTime(decision.at, defaultLocale),
    reason: decision.reason ?? "—",
  };
  const subject = translate(`settings.mail.${decision.outcome}Subject`, facts);
  await enqueueMail(trx, {
    to: proposer.email,
    subject,
    text: translate(`settings.mail.${decision.outcome}Body`, {
      ...facts,
      name: proposer.full_name,
      link: publicUrl(DECIDED_PATH),
    }),
  });
  await notify(trx, {
    userId: proposer.id,
    title: subject,
    body: translate(`settings.mail.${decision.outcome}Note`, facts),
    link: DECIDED_PATH,
  });
}
