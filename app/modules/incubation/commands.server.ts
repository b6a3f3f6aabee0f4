import type { IncubationServiceKind } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import { isStaff, type CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { enqueueMail, enqueueMailOnce } from "../../lib/mail.server";
import { publicUrl } from "../../lib/public-url.server";
import { searchKey } from "../../lib/format";
import { provinceDate } from "../../lib/province-time";
import { nowIso } from "../../lib/time.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { awardedEntriesQuery } from "../judging/results.server";
import { ORGANISATION_RENAMED } from "../organisations/story.server";
import { getRecord } from "./queries.server";
import {
  duePeriods,
  expectsReports,
  keepsRecord,
  missingReports,
  nextIncubationStatus,
  nextReportPeriod,
  SERVICE_KINDS,
  type IncubationEvent,
} from "./rules";

/** Only staff who work on records (not leaders, who read) open records. */
function requireStaffWriter(actor: CurrentUser): void {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
}

async function managesIncubator(db: DB, actor: CurrentUser, incubatorId: string): Promise<boolean> {
  const membership = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("user_id", "=", actor.id)
    .where("organisation_id", "=", incubatorId)
    .executeTakeFirst();
  return !!membership;
}

/** Staff or the manager of the record's own incubator keep a record; 404 when out of scope, 403 for readers and other roles. */
async function requireKeeper(db: DB, actor: CurrentUser, recordId: string) {
  const found = await getRecord(db, actor, recordId);
  if (!keepsRecord(found.actor)) forbidden();
  return found;
}

export type OpenRecordInput = {
  awardId?: string;
  organisationId?: string;
  incubatorId: string;
  startedOn: string;
  plannedEndOn: string;
  reportPeriodMonths: number;
};

/** Staff, or the manager of that incubator, open a record there; an incubator with a profile takes no more than its capacity. */
export async function openRecord(
  db: DB,
  actor: CurrentUser,
  input: OpenRecordInput,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  if (actor.role === "incubator_manager") {
    if (!(await managesIncubator(db, actor, input.incubatorId)))
      return refuse("incubation.problems.notYourIncubator", { field: "incubatorId" });
  } else requireStaffWriter(actor);
  return db.transaction().execute(async (trx) => {
    const incubator = await trx
      .selectFrom("organisations")
      .leftJoin("incubator_profiles", "incubator_profiles.organisation_id", "organisations.id")
      .select(["organisations.id", "organisations.kind", "incubator_profiles.capacity"])
      .where("organisations.id", "=", input.incubatorId)
      .executeTakeFirst();
    if (!incubator || incubator.kind !== "support_organisation")
      return refuse("incubation.problems.notAnIncubator", { field: "incubatorId" });
    if (incubator.capacity !== null) {
      const { hosting } = await trx
        .selectFrom("incubation_records")
        .select((eb) => eb.fn.countAll<number>().as("hosting"))
        .where("incubator_id", "=", incubator.id)
        .where("status", "in", ["incubating", "paused"])
        .executeTakeFirstOrThrow();
      if (Number(hosting) >= incubator.capacity)
        return refuse("incubation.problems.incubatorFull", {
          field: "incubatorId",
          params: { capacity: String(incubator.capacity) },
        });
    }
    let organisationId = input.organisationId;
    if (input.awardId) {
      const award = await awardedEntriesQuery(trx)
        .select(["competition_entries.organisation_id", "competition_editions.results_status"])
        .where("prize_awards.id", "=", input.awardId)
        .executeTakeFirst();
      if (!award || award.results_status !== "published")
        return refuse("incubation.problems.notAWinner", { field: "awardId" });
      const taken = await trx
        .selectFrom("incubation_records")
        .select("id")
        .where("source_award_id", "=", input.awardId)
        .executeTakeFirst();
      if (taken) return refuse("incubation.problems.awardTaken", { field: "awardId" });
      organisationId = award.organisation_id;
    } else {
      const startup = await trx
        .selectFrom("organisations")
        .select(["id", "kind"])
        .where("id", "=", organisationId!)
        .executeTakeFirst();
      if (!startup || (startup.kind !== "startup_team" && startup.kind !== "enterprise"))
        return refuse("incubation.problems.notAStartup", { field: "organisationId" });
    }
    const id = newId();
    const now = nowIso();
    const values = {
      id,
      organisation_id: organisationId!,
      incubator_id: incubator.id,
      source_award_id: input.awardId ?? null,
      started_on: input.startedOn,
      planned_end_on: input.plannedEndOn,
      status: "incubating" as const,
      status_reason: null,
      report_period_months: input.reportPeriodMonths,
      enterprise_tax_code: null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("incubation_records").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.opened",
      entityType: "incubation_record",
      entityId: id,
      after: values,
      ip,
    });
    return { ok: true as const, id };
  });
}

/**
 * Moves a record through its states. Founding a business is final, so it is recorded only as registered: with the
 * enterprise's tax code (unique among organisations) and registered name. The startup's organisation becomes that
 * enterprise, renamed, its old name kept in its history, so that it carries its story into the SME and technology
 * programmes.
 */
export async function changeStatus(
  db: DB,
  actor: CurrentUser,
  recordId: string,
  input: { event: IncubationEvent; reason?: string; taxCode?: string; registeredName?: string },
  ip: string | null,
): Promise<Outcome> {
  const { record, actor: role } = await requireKeeper(db, actor, recordId);
  const next = nextIncubationStatus(record.status, input.event, role, input.reason);
  if (!next.ok)
    // A step the record's status does not offer is still the user's to correct: the page answers it as invalid (400).
    return refuse(`incubation.problems.${next.problem}`, {
      field: next.problem === "reasonRequired" ? "reason" : "_form",
      kind: "invalid",
    });
  const founding = input.event === "found_business";
  if (founding) {
    if (!input.taxCode) return refuse("incubation.problems.taxCodeRequired", { field: "taxCode" });
    if (!input.registeredName?.trim())
      return refuse("incubation.problems.registeredNameRequired", { field: "registeredName" });
    // Tax codes are unique among organisations: another one holding it is a different enterprise, not this startup.
    const holder = await db
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("tax_code", "=", input.taxCode)
      .where("id", "!=", record.organisation_id)
      .executeTakeFirst();
    if (holder) return refuse("incubation.problems.taxCodeTaken", { field: "taxCode", params: { name: holder.name } });
  }
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const taxCode = founding ? input.taxCode! : record.enterprise_tax_code;
    await trx
      .updateTable("incubation_records")
      .set({ status: next.status, status_reason: input.reason ?? null, enterprise_tax_code: taxCode, updated_at: now })
      .where("id", "=", recordId)
      .execute();
    if (founding) {
      const organisation = await trx
        .selectFrom("organisations")
        .select(["name", "tax_code", "kind"])
        .where("id", "=", record.organisation_id)
        .executeTakeFirstOrThrow();
      const name = input.registeredName!.trim();
      await trx
        .updateTable("organisations")
        .set({ name, name_search: searchKey(name), tax_code: taxCode, kind: "enterprise", updated_at: now })
        .where("id", "=", record.organisation_id)
        .execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: ORGANISATION_RENAMED,
        entityType: "organisation",
        entityId: record.organisation_id,
        before: { name: organisation.name, taxCode: organisation.tax_code, kind: organisation.kind },
        after: { name, taxCode, kind: "enterprise" },
        reason: null,
        ip,
      });
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.status_changed",
      entityType: "incubation_record",
      entityId: recordId,
      before: { status: record.status },
      after: { status: next.status, enterpriseTaxCode: taxCode },
      reason: input.reason ?? null,
      ip,
    });
    return { ok: true as const };
  });
}

export async function addMentor(
  db: DB,
  actor: CurrentUser,
  recordId: string,
  mentorId: string,
  ip: string | null,
): Promise<Outcome> {
  await requireKeeper(db, actor, recordId);
  return db.transaction().execute(async (trx) => {
    const expert = await trx
      .selectFrom("organisations")
      .select(["id", "kind"])
      .where("id", "=", mentorId)
      .executeTakeFirst();
    if (!expert || expert.kind !== "expert") return refuse("incubation.problems.notAnExpert", { field: "mentorId" });
    const existing = await trx
      .selectFrom("incubation_mentors")
      .select("record_id")
      .where("record_id", "=", recordId)
      .where("organisation_id", "=", mentorId)
      .executeTakeFirst();
    if (existing) return { ok: true as const };
    await trx
      .insertInto("incubation_mentors")
      .values({ record_id: recordId, organisation_id: mentorId, added_at: nowIso() })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.mentor_added",
      entityType: "incubation_record",
      entityId: recordId,
      after: { mentorId },
      ip,
    });
    return { ok: true as const };
  });
}

export async function addService(
  db: DB,
  actor: CurrentUser,
  recordId: string,
  input: { kind: IncubationServiceKind; providedOn: string; valueVnd: number; note?: string },
  ip: string | null,
): Promise<Outcome> {
  await requireKeeper(db, actor, recordId);
  return db.transaction().execute(async (trx) => {
    const values = {
      id: newId(),
      record_id: recordId,
      kind: input.kind,
      provided_on: input.providedOn,
      value_vnd: input.valueVnd,
      note: input.note ?? null,
    };
    await trx.insertInto("incubation_services").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.service_added",
      entityType: "incubation_record",
      entityId: recordId,
      after: values,
      ip,
    });
    return { ok: true as const };
  });
}

export async function addMilestone(
  db: DB,
  actor: CurrentUser,
  recordId: string,
  input: { title: string; dueOn: string },
  ip: string | null,
): Promise<Outcome> {
  await requireKeeper(db, actor, recordId);
  return db.transaction().execute(async (trx) => {
    const values = { id: newId(), record_id: recordId, title: input.title, due_on: input.dueOn, done_on: null };
    await trx.insertInto("milestones").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.milestone_added",
      entityType: "incubation_record",
      entityId: recordId,
      after: values,
      ip,
    });
    return { ok: true as const };
  });
}

export async function completeMilestone(
  db: DB,
  actor: CurrentUser,
  recordId: string,
  input: { milestoneId: string; doneOn: string },
  ip: string | null,
): Promise<Outcome> {
  await requireKeeper(db, actor, recordId);
  if (input.doneOn > provinceDate(nowIso())) return refuse("incubation.problems.doneInFuture", { field: "doneOn" });
  return db.transaction().execute(async (trx) => {
    const milestone = await trx
      .selectFrom("milestones")
      .selectAll()
      .where("id", "=", input.milestoneId)
      .where("record_id", "=", recordId)
      .executeTakeFirst();
    if (!milestone) notFound();
    if (milestone.done_on) return refuse("incubation.problems.alreadyDone", { field: "milestoneId" });
    await trx.updateTable("milestones").set({ done_on: input.doneOn }).where("id", "=", milestone.id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.milestone_done",
      entityType: "incubation_record",
      entityId: recordId,
      before: { milestoneId: milestone.id, doneOn: null },
      after: { milestoneId: milestone.id, doneOn: input.doneOn },
      ip,
    });
    return { ok: true as const };
  });
}

export async function commentReport(
  db: DB,
  actor: CurrentUser,
  recordId: string,
  input: { reportId: string; comment: string },
  ip: string | null,
): Promise<Outcome> {
  await requireKeeper(db, actor, recordId);
  return db.transaction().execute(async (trx) => {
    const report = await trx
      .selectFrom("progress_reports")
      .select(["id", "staff_comment"])
      .where("id", "=", input.reportId)
      .where("record_id", "=", recordId)
      .executeTakeFirst();
    if (!report) notFound();
    await trx
      .updateTable("progress_reports")
      .set({ staff_comment: input.comment })
      .where("id", "=", report.id)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.report_commented",
      entityType: "incubation_record",
      entityId: recordId,
      before: { reportId: report.id, comment: report.staff_comment },
      after: { reportId: report.id, comment: input.comment },
      ip,
    });
    return { ok: true as const };
  });
}

export type ReportInput = {
  periodStart: string;
  revenueVnd: number;
  employees: number;
  customers: number;
  capitalRaisedVnd: number;
  ipApplications: number;
  productsLaunched: number;
  narrative: string;
};

/** The startup files its report for one of the record's periods (one that has ended, or the one running now); once per period. */
export async function submitReport(
  db: DB,
  actor: CurrentUser,
  recordId: string,
  input: ReportInput,
  ip: string | null,
): Promise<Outcome> {
  if (actor.role !== "applicant") forbidden();
  const { record } = await getRecord(db, actor, recordId);
  if (!expectsReports(record.status)) return refuse("incubation.problems.closed", { kind: "invalid" });
  const now = nowIso();
  const periods = duePeriods(record.started_on, record.report_period_months, now);
  const current = nextReportPeriod(
    record.started_on,
    record.report_period_months,
    periods.map((p) => p.start),
    now,
  );
  const period = [...periods, current].find((p) => p.start === input.periodStart);
  if (!period) return refuse("incubation.problems.notAPeriod", { field: "periodStart" });
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("progress_reports")
      .select("id")
      .where("record_id", "=", recordId)
      .where("period_start", "=", period.start)
      .executeTakeFirst();
    if (existing) return refuse("incubation.problems.alreadyReported", { field: "periodStart" });
    const values = {
      id: newId(),
      record_id: recordId,
      period_start: period.start,
      period_end: period.end,
      revenue_vnd: input.revenueVnd,
      employees: input.employees,
      customers: input.customers,
      capital_raised_vnd: input.capitalRaisedVnd,
      ip_applications: input.ipApplications,
      products_launched: input.productsLaunched,
      narrative: input.narrative,
      submitted_by: actor.id,
      submitted_at: now,
      staff_comment: null,
    };
    await trx.insertInto("progress_reports").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.report_submitted",
      entityType: "incubation_record",
      entityId: recordId,
      after: values,
      ip,
    });
    return { ok: true as const };
  });
}

export type IncubatorProfileInput = {
  capacity: number;
  servicesOffered: IncubationServiceKind[];
  description?: string;
};

/** Staff, or the incubator's own manager, keep its profile: capacity and the services it offers. */
export async function saveIncubatorProfile(
  db: DB,
  actor: CurrentUser,
  incubatorId: string,
  input: IncubatorProfileInput,
  ip: string | null,
): Promise<Outcome> {
  if (actor.role === "incubator_manager") {
    if (!(await managesIncubator(db, actor, incubatorId))) forbidden();
  } else requireStaffWriter(actor);
  return db.transaction().execute(async (trx) => {
    const incubator = await trx
      .selectFrom("organisations")
      .select("kind")
      .where("id", "=", incubatorId)
      .executeTakeFirst();
    if (!incubator || incubator.kind !== "support_organisation") notFound();
    const before = await trx
      .selectFrom("incubator_profiles")
      .selectAll()
      .where("organisation_id", "=", incubatorId)
      .executeTakeFirst();
    const services = SERVICE_KINDS.filter((kind) => input.servicesOffered.includes(kind)).join(",");
    const values = {
      organisation_id: incubatorId,
      capacity: input.capacity,
      services_offered: services,
      description: input.description ?? null,
      updated_at: nowIso(),
    };
    await trx
      .insertInto("incubator_profiles")
      .values(values)
      .onConflict((oc) =>
        oc.column("organisation_id").doUpdateSet({
          capacity: values.capacity,
          services_offered: values.services_offered,
          description: values.description,
          updated_at: values.updated_at,
        }),
      )
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "incubation.profile_saved",
      entityType: "organisation",
      entityId: incubatorId,
      before: before ?? null,
      after: values,
      ip,
    });
    return { ok: true as const };
  });
}

/** How long the daily job waits before reminding a startup again of the same missing period. */
export const REMINDER_INTERVAL_DAYS = 7;
/** Within this window the same record's reminder is not sent to the same person again, however often staff press the button. */
export const REMINDER_RESEND_HOURS = 24;
/** The outbox key of a report reminder: one record, one recipient. */
export const REMINDER_KEY_PREFIX = "incubation.reminder:";

/**
 * E-mails the members of every open startup whose reports are missing; returns how many records were reminded.
 * Staff send now (every missing period); the daily job (actor null) skips periods reminded in the last
 * REMINDER_INTERVAL_DAYS (including those staff reminded). Staff sending is held to one reminder of a record per
 * recipient in REMINDER_RESEND_HOURS, so pressing the button twice sends once. Three queries whatever the number of records.
 */
export async function sendReportReminders(
  db: DB,
  actor: CurrentUser | null,
  options: { t: TFunction; ip: string | null },
): Promise<number> {
  if (actor) requireStaffWriter(actor);
  const now = nowIso();
  const quietSince = new Date(Date.parse(now) - REMINDER_INTERVAL_DAYS * 86_400_000).toISOString();
  return db.transaction().execute(async (trx) => {
    const open = trx.selectFrom("incubation_records").select("id").where("status", "in", ["incubating", "paused"]);
    const [records, reports, reminders, members] = await Promise.all([
      trx
        .selectFrom("incubation_records")
        .innerJoin("organisations", "organisations.id", "incubation_records.organisation_id")
        .select([
          "incubation_records.id",
          "incubation_records.organisation_id",
          "incubation_records.started_on",
          "incubation_records.planned_end_on",
          "incubation_records.report_period_months",
          "organisations.name",
        ])
        .where("incubation_records.id", "in", open)
        .execute(),
      trx.selectFrom("progress_reports").select(["record_id", "period_start"]).where("record_id", "in", open).execute(),
      trx
        .selectFrom("incubation_reminders")
        .select(["record_id", "period_start", "last_sent_at"])
        .where("record_id", "in", open)
        .execute(),
      trx
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .innerJoin("incubation_records", "incubation_records.organisation_id", "memberships.organisation_id")
        .select(["incubation_records.id as record_id", "users.email", "users.full_name"])
        .where("incubation_records.id", "in", open)
        .where("users.status", "=", "active")
        .execute(),
    ]);
    const reportedBy = groupBy(reports, (r) => r.record_id);
    const recentlyReminded = new Set(
      reminders.filter((r) => r.last_sent_at > quietSince).map((r) => `${r.record_id}|${r.period_start}`),
    );
    const membersBy = groupBy(members, (m) => m.record_id);
    let reminded = 0;
    for (const record of records) {
      const missing = missingReports(
        record.started_on,
        record.report_period_months,
        (reportedBy.get(record.id) ?? []).map((r) => r.period_start),
        now,
        record.planned_end_on,
      ).filter((period) => actor || !recentlyReminded.has(`${record.id}|${period.start}`));
      const recipients = membersBy.get(record.id) ?? [];
      if (!missing.length || !recipients.length) continue;
      const periods = missing.map((p) => `${p.start} – ${p.end}`).join("; ");
      let enqueued = 0;
      for (const member of recipients) {
        const message = {
          to: member.email,
          subject: options.t("incubation.reminderSubject"),
          text: options.t("incubation.reminderBody", {
            name: member.full_name,
            startup: record.name,
            periods,
            link: publicUrl(`/my/incubation/${record.id}`),
          }),
        };
        const key = `${REMINDER_KEY_PREFIX}${record.id}:${member.email.toLowerCase()}`;
        // The job's own weekly rule per period already covers what staff sent; a press of the button is held to the window.
        const id = actor
          ? await enqueueMailOnce(trx, message, { key, withinHours: REMINDER_RESEND_HOURS })
          : await enqueueMail(trx, message, key);
        if (id) enqueued++;
      }
      if (!enqueued) continue;
      for (const period of missing) {
        await trx
          .insertInto("incubation_reminders")
          .values({ record_id: record.id, period_start: period.start, last_sent_at: now, times_sent: 1 })
          .onConflict((oc) =>
            oc
              .columns(["record_id", "period_start"])
              .doUpdateSet((eb) => ({ last_sent_at: now, times_sent: eb("incubation_reminders.times_sent", "+", 1) })),
          )
          .execute();
      }
      await recordAudit(trx, {
        actorId: actor?.id ?? null,
        action: "incubation.reminded",
        entityType: "incubation_record",
        entityId: record.id,
        after: { missing: missing.map((p) => p.start), recipients: enqueued, scheduled: !actor },
        ip: options.ip,
      });
      reminded++;
    }
    return reminded;
  });
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export { isStaff };
