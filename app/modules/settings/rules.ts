/**
 * Four eyes on the legal settings, pure: what may be proposed, the proposal's state machine (a leader other than the
 * proposer approves or rejects, the proposer withdraws) and a proposal's change in words. Decision: README (four eyes).
 */
import type { SettingProposalKind, SettingProposalStatus, UserRole } from "../../../db/types";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";
import { stateMachine, type Transition } from "../../lib/state-machine";

/** The outcomes of a decided proposal, as the decided list filters them (also read by the page's component). */
export const DECIDED_STATUSES = ["approved", "rejected", "withdrawn"] as const;
export type DecidedStatus = (typeof DECIDED_STATUSES)[number];

export type { SettingProposalKind, SettingProposalStatus };

export const PROPOSAL_KINDS = [
  "programme_status",
  "step_durations",
  "support_rule",
  "holiday_add",
  "holiday_remove",
] as const satisfies readonly SettingProposalKind[];
export const PROGRAMME_KINDS = ["programme_status", "step_durations", "support_rule"] as const;
export const CALENDAR_KINDS = ["holiday_add", "holiday_remove"] as const;

/** The Department proposes: staff, leaders and admins; a leader's proposal still needs another leader. */
export function mayPropose(role: UserRole): boolean {
  return role === "staff" || role === "leader" || role === "admin";
}

export const PROPOSAL_EVENTS = ["approve", "reject", "withdraw"] as const;
export type ProposalEvent = (typeof PROPOSAL_EVENTS)[number];

/** The proposer is never the approver, even when a leader: the second pair of eyes is someone else's. */
export type ProposalActor = "approver" | "proposer" | "other";

export function proposalActor(actor: { id: string; role: UserRole }, proposedBy: string): ProposalActor {
  if (actor.id === proposedBy) return "proposer";
  return actor.role === "leader" ? "approver" : "other";
}

type Requirement = "reason";
type Input = { reason?: string | null };

const TRANSITIONS: Record<ProposalEvent, Transition<SettingProposalStatus, ProposalActor, Requirement>> = {
  approve: { from: ["pending"], to: "approved", by: "approver" },
  // A refusal says why, to the proposer and in the audit log.
  reject: { from: ["pending"], to: "rejected", by: "approver", needs: ["reason"] },
  withdraw: { from: ["pending"], to: "withdrawn", by: "proposer" },
};

const machine = stateMachine(PROPOSAL_EVENTS, TRANSITIONS, {
  reason: (input: Input) => !input.reason?.trim(),
});

export const nextProposalStatus = machine.next;
export const allowedProposalEvents = machine.allowed;

export type ProgrammeStatusChange = {
  status: "open" | "paused" | "closed";
  reason?: string;
  pausedIntake?: "refuse" | "queue";
};
export type DurationsChange = { receiveWorkingDays: number; checkWorkingDays: number; decisionWorkingDays: number };
export type RuleChange = {
  size: "micro" | "small" | "medium";
  ratePercent: number;
  capVnd?: number;
  capPeriod: "year" | "contract" | "month" | "none";
  priorityRatePercent?: number;
  priorityCapVnd?: number;
  verified: boolean;
  source: string;
};
export type HolidayAddChange = { day: string; name: string; kind: "day_off" | "working_day"; source: string | null };
export type HolidayRemoveChange = { day: string };

/** What each kind of proposal carries: the validated form the apply function takes. */
export type ProposalPayloads = {
  programme_status: ProgrammeStatusChange;
  step_durations: DurationsChange;
  support_rule: RuleChange;
  holiday_add: HolidayAddChange;
  holiday_remove: HolidayRemoveChange;
};

/** The setting as it stands now, read for the description (null: none yet, or the record is gone). */
export type CurrentSetting =
  | {
      kind: "programme";
      name: string;
      status: "open" | "paused" | "closed";
      statusReason: string | null;
      pausedIntake: "refuse" | "queue";
      receiveWorkingDays: number;
      checkWorkingDays: number;
      decisionWorkingDays: number;
    }
  | {
      kind: "rule";
      typeName: string;
      rule: {
        rate_percent: number;
        cap_vnd: number | null;
        cap_period: "year" | "contract" | "month" | "none";
        priority_rate_percent: number | null;
        priority_cap_vnd: number | null;
        verified: number;
        source: string;
      } | null;
    }
  | {
      kind: "holiday";
      holiday: { day: string; name: string; kind: "day_off" | "working_day"; source: string | null } | null;
    };

export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type ChangeLine = { label: string; from: string; to: string };
export type DescribedChange = { setting: string; lines: ChangeLine[] };

type Proposal = { [K in SettingProposalKind]: { kind: K; payload: ProposalPayloads[K] } }[SettingProposalKind];

/** A proposal in words: which setting, and each value from what it is now to what it would be. */
export function describeProposal(
  proposal: Proposal,
  current: CurrentSetting | null,
  t: Translate,
  locale: string,
): DescribedChange {
  const none = "—";
  const money = (value: number | null | undefined) => (value == null ? none : formatMoney(value, locale));
  const days = (value: number | undefined) => (value === undefined ? none : formatNumber(value, locale));
  const lines: ChangeLine[] = [];
  const line = (label: string, from: string, to: string) => {
    if (from !== to) lines.push({ label, from, to });
  };
  switch (proposal.kind) {
    case "programme_status": {
      const now = current?.kind === "programme" ? current : null;
      const change = proposal.payload;
      const status = (s: string | undefined) => (s ? t(`sme.programmeStatuses.${s}`) : none);
      line(t("sme.programme.facts.status"), status(now?.status), status(change.status));
      line(
        t("sme.programme.status.reason"),
        now?.statusReason ?? none,
        change.status === "open" ? none : (change.reason ?? none),
      );
      if (change.status === "paused" && change.pausedIntake)
        line(
          t("sme.programme.facts.pausedIntake"),
          now ? t(`sme.pausedIntake.${now.pausedIntake}`) : none,
          t(`sme.pausedIntake.${change.pausedIntake}`),
        );
      return { setting: t("settings.kinds.programme_status", { name: now?.name ?? none }), lines };
    }
    case "step_durations": {
      const now = current?.kind === "programme" ? current : null;
      const change = proposal.payload;
      line(t("sme.programme.facts.receiveDays"), days(now?.receiveWorkingDays), days(change.receiveWorkingDays));
      line(t("sme.programme.facts.checkDays"), days(now?.checkWorkingDays), days(change.checkWorkingDays));
      line(t("sme.programme.facts.decisionDays"), days(now?.decisionWorkingDays), days(change.decisionWorkingDays));
      return { setting: t("settings.kinds.step_durations", { name: now?.name ?? none }), lines };
    }
    case "support_rule": {
      const now = current?.kind === "rule" ? current.rule : null;
      const change = proposal.payload;
      const period = (p: string) => t(`sme.programme.rules.capPeriodOptions.${p}`);
      const percent = (value: number | null | undefined) => (value == null ? none : `${value} %`);
      line(t("sme.programme.rules.ratePercent"), percent(now?.rate_percent), percent(change.ratePercent));
      line(t("sme.programme.rules.capVnd"), money(now?.cap_vnd), money(change.capVnd));
      line(t("sme.programme.rules.capPeriod"), now ? period(now.cap_period) : none, period(change.capPeriod));
      line(
        t("sme.programme.rules.priorityRatePercent"),
        percent(now?.priority_rate_percent),
        percent(change.priorityRatePercent),
      );
      line(t("sme.programme.rules.priorityCapVnd"), money(now?.priority_cap_vnd), money(change.priorityCapVnd));
      const yesNo = (value: boolean) => t(value ? "settings.yes" : "settings.no");
      line(t("sme.programme.rules.verified"), now ? yesNo(!!now.verified) : none, yesNo(change.verified));
      line(t("sme.programme.rules.sourceLabel"), now?.source ?? none, change.source);
      return {
        setting: t("settings.kinds.support_rule", {
          type: current?.kind === "rule" ? current.typeName : none,
          size: t(`sme.sizes.${change.size}`),
        }),
        lines,
      };
    }
    case "holiday_add":
    case "holiday_remove": {
      const now = current?.kind === "holiday" ? current.holiday : null;
      const entry = (h: { name: string; kind: string; source: string | null } | null) =>
        h
          ? `${t(`sme.programme.holidays.kinds.${h.kind}`)}: ${h.name}${h.source ? ` (${h.source})` : ""}`
          : t("settings.notInCalendar");
      const day = proposal.payload.day;
      line(
        formatDate(day, locale),
        entry(now),
        proposal.kind === "holiday_add" ? entry(proposal.payload) : t("settings.notInCalendar"),
      );
      return { setting: t(`settings.kinds.${proposal.kind}`, { day: formatDate(day, locale) }), lines };
    }
  }
}
