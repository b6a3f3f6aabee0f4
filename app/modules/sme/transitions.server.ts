/** The dossier's workflow: the state machine's events with their amounts, due dates, audit and notices. */

import type { DossierStatus, SupportProgramme } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { formatMoney } from "../../lib/format";
import { forbidden } from "../../lib/http.server";
import { publicUrl } from "../../lib/public-url.server";
import { notifyMembers } from "../../lib/notify.server";
import { provinceDate } from "../../lib/province-time";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { withUniqueRetry } from "../../lib/unique-retry.server";
import { loadWorkCalendar } from "../calendar/queries.server";
import { getDossier, OPEN_STATUSES, programmePauses } from "./queries.server";
import {
  decisionClockStartsOn,
  dossierDueOn,
  isInternalEvent,
  nextDossierStatus,
  programmeRefusal,
  type DossierEvent,
} from "./workflow";
import { limitFor, amountProblem, isPriority } from "./limits.server";
import { openProgrammeFor } from "./queries.server";

export type TransitionInput = { reason?: string; amountVnd?: number; dueOn?: string };
export type TransitionContext = { t: TFunction; ip: string | null };

async function durationsAndCalendar(trx: DB, programme: SupportProgramme) {
  const [calendar, pauses] = await Promise.all([loadWorkCalendar(trx), programmePauses(trx, programme.id)]);
  return {
    calendar,
    pauses,
    durations: {
      receiveWorkingDays: programme.receive_working_days,
      checkWorkingDays: programme.check_working_days,
      decisionWorkingDays: programme.decision_working_days,
    },
  };
}

async function allocateReceipt(
  trx: DB,
  programme: SupportProgramme,
  year: number,
): Promise<{ seq: number; number: string }> {
  const row = await trx
    .selectFrom("support_dossiers")
    .select((eb) => eb.fn.max<number>("receipt_seq").as("max"))
    .where("programme_id", "=", programme.id)
    .where("support_year", "=", year)
    .executeTakeFirst();
  const seq = Number(row?.max ?? 0) + 1;
  return { seq, number: `${programme.receipt_prefix}${year}-${String(seq).padStart(4, "0")}` };
}

/**
 * Moves a dossier by one event of the state machine, whatever the form says: the machine decides what is legal and
 * for whom; this adds the programme's state, the amounts, the due date of the next step, the audit and the notices.
 */
export async function transitionDossier(
  db: DB,
  actor: CurrentUser,
  dossierId: string,
  event: DossierEvent,
  input: TransitionInput,
  context: TransitionContext,
): Promise<Outcome<{ status: DossierStatus }>> {
  const result = await db.transaction().execute(async (trx) => {
    const { dossier, actor: part } = await getDossier(trx, actor, dossierId);
    const next = nextDossierStatus(dossier.status, event, part, {
      reason: input.reason,
      amountVnd: input.amountVnd,
      dueOn: input.dueOn,
    });
    if (!next.ok) {
      if (next.problem === "forbidden") forbidden();
      const field = {
        notAllowed: "_form",
        reasonRequired: "reason",
        amountRequired: "amountVnd",
        dueDateRequired: "dueOn",
      }[next.problem];
      // A step the dossier's status does not allow is answered as a form to correct (400), like a missing input.
      return refuse(`sme.problems.${next.problem}`, { field, kind: "invalid" });
    }
    const programme = (await openProgrammeFor(trx, dossier.programme_id))!;
    const now = nowIso();
    const today = provinceDate(now);
    const changes: Record<string, unknown> = { status: next.status, updated_at: now };

    const refusal = programmeRefusal(event, programme);
    if (refusal)
      return refuse(`sme.problems.${refusal}`, {
        kind: "invalid",
        params: refusal === "programmePaused" ? { reason: programme.status_reason ?? "" } : undefined,
      });
    if (event === "submit") {
      const found = await limitFor(trx, {
        organisationId: dossier.organisation_id,
        supportTypeId: dossier.support_type_id,
        totalCostVnd: dossier.total_cost_vnd,
        months: dossier.months,
        year: dossier.support_year,
        dossierId,
      });
      if ("problem" in found) return found.problem!;
      const refused = amountProblem(dossier.requested_vnd, found.limit, "_form");
      if (refused) return refused;
      const receipt = dossier.receipt_number
        ? { seq: dossier.receipt_seq!, number: dossier.receipt_number }
        : await allocateReceipt(trx, programme, dossier.support_year);
      Object.assign(changes, {
        receipt_seq: receipt.seq,
        receipt_number: receipt.number,
        submitted_at: now,
        enterprise_size: found.profile.size,
        is_priority: isPriority(found.profile) ? 1 : 0,
      });
    }
    if (event === "request_supplement") {
      if (input.dueOn! <= today) return refuse("sme.problems.dueInPast", { field: "dueOn" });
      Object.assign(changes, { supplement_request: input.reason, due_on: input.dueOn });
    }
    if (event === "mark_complete")
      Object.assign(changes, {
        complete_on: today,
        received_complete_on: decisionClockStartsOn(dossier.step_started_on, today),
      });
    if (event === "propose" || event === "approve") {
      const found = await limitFor(trx, {
        organisationId: dossier.organisation_id,
        supportTypeId: dossier.support_type_id,
        totalCostVnd: dossier.total_cost_vnd,
        months: dossier.months,
        year: dossier.support_year,
        dossierId,
      });
      if ("problem" in found) return found.problem!;
      const refused = amountProblem(input.amountVnd!, found.limit, "amountVnd");
      if (refused) return refused;
      if (event === "propose")
        Object.assign(changes, {
          proposed_vnd: input.amountVnd,
          appraisal_note: input.reason ?? dossier.appraisal_note,
        });
      else Object.assign(changes, { approved_vnd: input.amountVnd, decision_reason: input.reason ?? null });
    }
    if (event === "reject") changes.decision_reason = input.reason;
    if (event === "record_payment") {
      if (input.amountVnd! > (dossier.approved_vnd ?? 0))
        return refuse("sme.problems.paidAboveApproved", {
          field: "amountVnd",
          params: { approved: formatMoney(dossier.approved_vnd ?? 0, "vi") },
        });
      changes.paid_vnd = input.amountVnd;
    }
    if (event === "submit" || event === "receive" || event === "supplement") changes.step_started_on = today;
    if (event !== "request_supplement") {
      const { calendar, pauses, durations } = await durationsAndCalendar(trx, programme);
      changes.due_on = dossierDueOn(
        {
          status: next.status,
          stepStartedOn: (changes.step_started_on as string | undefined) ?? dossier.step_started_on,
          receivedCompleteOn: (changes.received_complete_on as string | undefined) ?? dossier.received_complete_on,
          currentDueOn: dossier.due_on,
        },
        durations,
        calendar,
        pauses,
      );
    }

    await trx.updateTable("support_dossiers").set(changes).where("id", "=", dossierId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: `sme.dossier_${event}`,
      entityType: "support_dossier",
      entityId: dossierId,
      before: { status: dossier.status },
      after: {
        status: next.status,
        ...(input.amountVnd !== undefined ? { amountVnd: input.amountVnd } : {}),
        ...(input.dueOn ? { dueOn: input.dueOn } : {}),
        ...(changes.receipt_number ? { receiptNumber: changes.receipt_number } : {}),
      },
      reason: input.reason ?? null,
      ip: context.ip,
    });
    if (!isInternalEvent(event))
      await tellDossierStep(
        trx,
        { ...dossier, receipt_number: (changes.receipt_number as string | undefined) ?? dossier.receipt_number },
        next.status,
        input,
        context,
      );
    return { ok: true as const, status: next.status };
  });
  return result;
}

/** Concurrent filings can race for a receipt number; the unique index refuses the loser, which tries again. */
export const transitionDossierWithRetry = withUniqueRetry(transitionDossier);

/** Every step is told to the enterprise's members by e-mail and in the portal, in the same transaction. */
async function tellDossierStep(
  trx: DB,
  dossier: {
    id: string;
    organisation_id: string;
    receipt_number: string | null;
    enterprise_name: string;
    support_type_name: string;
  },
  status: DossierStatus,
  input: TransitionInput,
  { t }: TransitionContext,
): Promise<void> {
  const statusLabel = t(`sme.statuses.${status}`);
  const receipt = dossier.receipt_number ?? "—";
  const details = [
    input.reason ? t("sme.mail.reason", { reason: input.reason }) : "",
    input.amountVnd !== undefined ? t("sme.mail.amount", { amount: formatMoney(input.amountVnd, "vi") }) : "",
    input.dueOn ? t("sme.mail.dueOn", { dueOn: input.dueOn.split("-").reverse().join("/") }) : "",
  ]
    .filter(Boolean)
    .join("\n");
  await notifyMembers(trx, dossier.organisation_id, {
    subject: t("sme.mail.subject", { receipt, status: statusLabel }),
    body: (name) =>
      t("sme.mail.body", {
        name,
        enterprise: dossier.enterprise_name,
        type: dossier.support_type_name,
        receipt,
        status: statusLabel,
        details,
        link: publicUrl(`/sme/dossiers/${dossier.id}`),
      }),
    note: input.reason ?? dossier.support_type_name,
    link: `/sme/dossiers/${dossier.id}`,
  });
}

/** Recomputes the due date of every dossier of the programme still waiting on the department (after a pause, a holiday change, and after seeding). */
export async function recomputeDueDates(trx: DB, programmeId: string): Promise<void> {
  const programme = (await openProgrammeFor(trx, programmeId))!;
  const { calendar, pauses, durations } = await durationsAndCalendar(trx, programme);
  const dossiers = await trx
    .selectFrom("support_dossiers")
    .select(["id", "status", "step_started_on", "received_complete_on", "due_on"])
    .where("programme_id", "=", programmeId)
    .where("status", "in", OPEN_STATUSES)
    .execute();
  for (const dossier of dossiers) {
    const due = dossierDueOn(
      {
        status: dossier.status,
        stepStartedOn: dossier.step_started_on,
        receivedCompleteOn: dossier.received_complete_on,
        currentDueOn: dossier.due_on,
      },
      durations,
      calendar,
      pauses,
    );
    if (due !== dossier.due_on)
      await trx.updateTable("support_dossiers").set({ due_on: due }).where("id", "=", dossier.id).execute();
  }
}
