import type { Kysely } from "kysely";
import type { Updateable } from "kysely";
import type { CompetitionEntriesTable, Database, Entry, EntryStatus } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { attachDocument, type UploadCheck, writeBlob } from "../../lib/files.server";
import { formatDateTime, searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { type Outcome, type Problem, refuse, refuseAll } from "../../lib/outcome";
import { enqueueMail } from "../../lib/mail.server";
import { publicUrl } from "../../lib/public-url.server";
import { notify } from "../../lib/notify.server";
import { nowIso } from "../../lib/time.server";
import { withUniqueRetry } from "../../lib/unique-retry.server";
import { editionPhaseNow, editionSetup, getEdition, getEntryForApplicant } from "./queries.server";
import {
  applicantEditability,
  canEditField,
  completenessProblems,
  eligibilityProblems,
  type EntryEvent,
  type EntryField,
  formatReceiptNumber,
  isSubmissionOpen,
  nextEntryStatus,
  phaseAllows,
  phaseRefusal,
} from "./rules";
import type { BulkScreenInput, DecisionInput, EntryDraftInput, MemberInput } from "./schemas";

/** The team an applicant enters with: their startup team or enterprise. */
async function applicantTeam(db: Kysely<Database>, actor: CurrentUser) {
  return db
    .selectFrom("memberships")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select(["organisations.id", "organisations.name"])
    .where("memberships.user_id", "=", actor.id)
    .where("organisations.kind", "in", ["startup_team", "enterprise"])
    .orderBy("memberships.created_at")
    .executeTakeFirst();
}

async function otherLiveEntry(
  db: Kysely<Database>,
  entry: Pick<Entry, "id" | "edition_id" | "organisation_id">,
): Promise<boolean> {
  const other = await db
    .selectFrom("competition_entries")
    .select("id")
    .where("edition_id", "=", entry.edition_id)
    .where("organisation_id", "=", entry.organisation_id)
    .where("status", "!=", "withdrawn")
    .where("id", "!=", entry.id)
    .executeTakeFirst();
  return !!other;
}

/** Starts a draft for the applicant's team, with the applicant as representative; one live entry per team. */
export async function startEntry(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  t: TFunction,
  ip: string,
): Promise<Outcome<{ entryId: string }>> {
  if (actor.role !== "applicant") forbidden();
  return db.transaction().execute(async (trx) => {
    const edition = await getEdition(trx, editionId);
    if (edition.status !== "published") notFound();
    const phase = await editionPhaseNow(trx, edition);
    if (!phaseAllows(phase, "start_entry")) return refuse(phaseRefusal(phase));
    const team = await applicantTeam(trx, actor);
    if (!team) forbidden();
    const existing = await trx
      .selectFrom("competition_entries")
      .select("id")
      .where("edition_id", "=", editionId)
      .where("organisation_id", "=", team.id)
      .where("status", "!=", "withdrawn")
      .executeTakeFirst();
    if (existing) return { ok: true, entryId: existing.id } as const;
    const user = await trx
      .selectFrom("users")
      .select(["full_name", "email", "phone"])
      .where("id", "=", actor.id)
      .executeTakeFirstOrThrow();
    const id = newId();
    const now = nowIso();
    const name = t("entries.newEntryName");
    await trx
      .insertInto("competition_entries")
      .values({
        id,
        edition_id: editionId,
        organisation_id: team.id,
        created_by: actor.id,
        category_id: null,
        status: "draft",
        receipt_seq: null,
        receipt_number: null,
        project_name: name,
        name_search: searchKey(name),
        sector: null,
        summary: null,
        problem: null,
        solution: null,
        market: null,
        business_model: null,
        team_description: null,
        stage: null,
        funding_to_date_vnd: null,
        video_url: null,
        enterprise_registered_on: null,
        residence_province: null,
        consent_at: null,
        submitted_at: null,
        decision_reason: null,
        clarification_fields: null,
        clarification_note: null,
        clarification_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto("entry_members")
      .values({
        id: newId(),
        entry_id: id,
        full_name: user.full_name,
        role: null,
        email: user.email,
        phone: user.phone,
        birth_date: null,
        is_representative: 1,
        position: 1,
      })
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "entry.created",
      entityType: "entry",
      entityId: id,
      after: { status: "draft", editionId, organisationId: team.id },
      ip,
    });
    return { ok: true, entryId: id } as const;
  });
}

const FIELD_COLUMNS: Record<Exclude<EntryField, "members" | "documents">, keyof Entry> = {
  projectName: "project_name",
  categoryId: "category_id",
  sector: "sector",
  summary: "summary",
  problem: "problem",
  solution: "solution",
  market: "market",
  businessModel: "business_model",
  teamDescription: "team_description",
  stage: "stage",
  fundingToDate: "funding_to_date_vnd",
  videoUrl: "video_url",
  enterpriseRegisteredOn: "enterprise_registered_on",
  residenceProvince: "residence_province",
};

/**
 * Saves what the applicant wrote. Only fields the entry's state opens are written (all of a draft during the
 * call; the named ones during a clarification); anything else in the form is ignored, whatever it says.
 */
export async function saveEntry(
  db: DB,
  actor: CurrentUser,
  entryId: string,
  input: EntryDraftInput,
  members: MemberInput[] | null,
  ip: string,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const entry = await getEntryForApplicant(trx, actor, entryId);
    const edition = await getEdition(trx, entry.edition_id);
    const phase = await editionPhaseNow(trx, edition);
    const editability = applicantEditability(entry, phase, nowIso());
    if (!editability.editable)
      return refuse(isSubmissionOpen(phase) ? "competition.problems.notEditable" : phaseRefusal(phase));
    if (input.categoryId && canEditField(editability, "categoryId")) {
      const category = await trx
        .selectFrom("competition_categories")
        .select("id")
        .where("id", "=", input.categoryId)
        .where("edition_id", "=", entry.edition_id)
        .executeTakeFirst();
      if (!category) return refuse("errors.invalidChoice", { field: "categoryId", kind: "conflict" });
    }
    const changes: Partial<Record<keyof Entry, string | number | null>> = {};
    for (const [field, column] of Object.entries(FIELD_COLUMNS) as Array<[keyof typeof FIELD_COLUMNS, keyof Entry]>) {
      if (!canEditField(editability, field)) continue;
      const value = input[field];
      if (field === "projectName" && value === undefined) continue;
      changes[column] = value ?? null;
    }
    if (typeof changes.project_name === "string") changes.name_search = searchKey(changes.project_name);
    const before = Object.fromEntries(Object.keys(changes).map((column) => [column, entry[column as keyof Entry]]));
    // Every column in `changes` comes from FIELD_COLUMNS with a value its schema validated.
    await trx
      .updateTable("competition_entries")
      .set({ ...(changes as Updateable<CompetitionEntriesTable>), updated_at: nowIso() })
      .where("id", "=", entryId)
      .execute();
    if (members && canEditField(editability, "members")) {
      await trx.deleteFrom("entry_members").where("entry_id", "=", entryId).execute();
      if (members.length) {
        await trx
          .insertInto("entry_members")
          .values(
            members.map((member, index) => ({
              id: newId(),
              entry_id: entryId,
              full_name: member.fullName,
              role: member.role ?? null,
              email: member.email ?? null,
              phone: member.phone ?? null,
              birth_date: member.birthDate ?? null,
              is_representative: member.isRepresentative ? 1 : 0,
              position: index + 1,
            })),
          )
          .execute();
      }
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "entry.saved",
      entityType: "entry",
      entityId: entryId,
      before,
      after: changes,
      ip,
    });
    return { ok: true } as const;
  });
}

export async function addEntryDocument(
  db: DB,
  actor: CurrentUser,
  entryId: string,
  purpose: string,
  upload: Extract<UploadCheck, { ok: true }>,
  ip: string,
): Promise<Outcome> {
  const entry = await getEntryForApplicant(db, actor, entryId);
  const edition = await getEdition(db, entry.edition_id);
  if (!canEditField(applicantEditability(entry, await editionPhaseNow(db, edition), nowIso()), "documents"))
    return refuse("competition.problems.notEditable", { field: "documents", kind: "conflict" });
  if (purpose !== "other") {
    const requirement = await db
      .selectFrom("competition_document_requirements")
      .select("id")
      .where("id", "=", purpose)
      .where("edition_id", "=", entry.edition_id)
      .executeTakeFirst();
    if (!requirement) return refuse("errors.invalidChoice", { field: "purpose", kind: "conflict" });
  }
  await writeBlob(upload);
  await db.transaction().execute((trx) =>
    attachDocument(trx, {
      upload,
      owner: { type: "entry", id: entryId, purpose },
      actorId: actor.id,
      action: "entry.document_added",
      details: { purpose },
      ip,
    }),
  );
  return { ok: true };
}

export async function removeEntryDocument(
  db: DB,
  actor: CurrentUser,
  entryId: string,
  attachmentId: string,
  ip: string,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const entry = await getEntryForApplicant(trx, actor, entryId);
    const edition = await getEdition(trx, entry.edition_id);
    if (!canEditField(applicantEditability(entry, await editionPhaseNow(trx, edition), nowIso()), "documents"))
      return refuse("competition.problems.notEditable", { field: "documents", kind: "conflict" });
    const attachment = await trx
      .selectFrom("attachments")
      .select(["id", "original_name", "purpose"])
      .where("id", "=", attachmentId)
      .where("owner_type", "=", "entry")
      .where("owner_id", "=", entryId)
      .executeTakeFirst();
    if (!attachment) notFound();
    // The row goes; the bytes stay (another owner may share the same content hash).
    await trx.deleteFrom("attachments").where("id", "=", attachmentId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "entry.document_removed",
      entityType: "entry",
      entityId: entryId,
      before: attachment,
      ip,
    });
    return { ok: true } as const;
  });
}

/** Everything that stands between an entry and its submission, for the checklist and for submit itself. */
export async function submissionProblems(db: Kysely<Database>, entry: Entry, consent: boolean): Promise<Problem[]> {
  const edition = await getEdition(db, entry.edition_id);
  const [members, setup, uploads] = await Promise.all([
    db
      .selectFrom("entry_members")
      .select(["is_representative", "email", "phone", "birth_date"])
      .where("entry_id", "=", entry.id)
      .execute(),
    editionSetup(db, entry.edition_id),
    db
      .selectFrom("attachments")
      .select("purpose")
      .where("owner_type", "=", "entry")
      .where("owner_id", "=", entry.id)
      .execute(),
  ]);
  const representative = members.find((m) => m.is_representative === 1);
  return [
    ...completenessProblems({
      entry,
      members,
      requiredDocuments: setup.requirements.filter((r) => r.required === 1),
      uploadedPurposes: new Set(uploads.map((u) => u.purpose ?? "")),
      consent,
    }),
    ...eligibilityProblems({
      edition,
      enterpriseRegisteredOn: entry.enterprise_registered_on,
      residenceProvince: entry.residence_province,
      representativeBirthDate: representative?.birth_date ?? null,
      otherLiveEntryOfTeam: await otherLiveEntry(db, entry),
    }),
  ];
}

async function allocateReceipt(
  db: Kysely<Database>,
  editionId: string,
  prefix: string,
): Promise<{ seq: number; number: string }> {
  const row = await db
    .selectFrom("competition_entries")
    .select((eb) => eb.fn.max<number>("receipt_seq").as("max"))
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  const seq = Number(row?.max ?? 0) + 1;
  return { seq, number: formatReceiptNumber(prefix, seq) };
}

/**
 * Submits an entry: every check runs on the server at the moment of submission (in the province's time);
 * the first submission gets the next receipt number of the edition, which a resubmission keeps.
 */
export async function submitEntry(
  db: DB,
  actor: CurrentUser,
  entryId: string,
  consent: boolean,
  context: { t: TFunction; ip: string },
): Promise<Outcome<{ receiptNumber: string }>> {
  const result = await db.transaction().execute(async (trx) => {
    const entry = await getEntryForApplicant(trx, actor, entryId);
    const edition = await getEdition(trx, entry.edition_id);
    const now = nowIso();
    const next = nextEntryStatus(entry.status, "submit", actor.role);
    // A refused submission is answered as invalid input whatever the reason: the page shows it as the checklist.
    if (!next) return refuse("competition.problems.illegalTransition", { kind: "invalid" });
    const phase = await editionPhaseNow(trx, edition, now);
    if (!applicantEditability(entry, phase, now).editable) return refuse(phaseRefusal(phase), { kind: "invalid" });
    const problems = await submissionProblems(trx, entry, consent);
    if (problems.length) return refuseAll(problems.map((problem) => ({ ...problem, kind: problem.kind ?? "invalid" })));
    const receipt = entry.receipt_number
      ? { seq: entry.receipt_seq!, number: entry.receipt_number }
      : await allocateReceipt(trx, entry.edition_id, edition.receipt_prefix);
    await trx
      .updateTable("competition_entries")
      .set({
        status: next,
        receipt_seq: receipt.seq,
        receipt_number: receipt.number,
        submitted_at: now,
        consent_at: now,
        clarification_fields: null,
        clarification_until: null,
        updated_at: now,
      })
      .where("id", "=", entryId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "entry.submitted",
      entityType: "entry",
      entityId: entryId,
      before: { status: entry.status },
      after: { status: next, receiptNumber: receipt.number },
      ip: context.ip,
    });
    const link = publicUrl(`/my/entries/${entryId}`);
    const { t } = context;
    await enqueueMail(trx, {
      to: actor.email,
      subject: t("entries.submittedMailSubject", { receipt: receipt.number }),
      text: t("entries.submittedMailBody", {
        name: actor.fullName,
        edition: edition.name,
        project: entry.project_name,
        time: formatDateTime(now),
        receipt: receipt.number,
        link,
      }),
    });
    await notify(trx, {
      userId: actor.id,
      title: t("entries.submittedMailSubject", { receipt: receipt.number }),
      body: entry.project_name,
      link: `/my/entries/${entryId}`,
    });
    return { ok: true as const, receiptNumber: receipt.number };
  });
  return result;
}

/** Concurrent submissions can race for the same receipt number; the unique index refuses the loser, which tries again. */
export const submitEntryWithRetry = withUniqueRetry(submitEntry);

export async function withdrawEntry(db: DB, actor: CurrentUser, entryId: string, ip: string): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    const entry = await getEntryForApplicant(trx, actor, entryId);
    const edition = await getEdition(trx, entry.edition_id);
    const next = nextEntryStatus(entry.status, "withdraw", actor.role);
    if (!next) return refuse("competition.problems.illegalTransition");
    const phase = await editionPhaseNow(trx, edition);
    if (!phaseAllows(phase, entry.status === "clarification_requested" ? "answer_clarification" : "submit"))
      return refuse(phaseRefusal(phase));
    await trx
      .updateTable("competition_entries")
      .set({ status: next, updated_at: nowIso() })
      .where("id", "=", entryId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "entry.withdrawn",
      entityType: "entry",
      entityId: entryId,
      before: { status: entry.status },
      after: { status: next },
      ip,
    });
    return { ok: true } as const;
  });
}

const EVENT_FOR: Record<DecisionInput["event"], EntryEvent> = {
  mark_valid: "mark_valid",
  mark_invalid: "mark_invalid",
  request_clarification: "request_clarification",
};

/** Staff screening: valid / invalid with a reason / a clarification that reopens named fields until a date. */
export async function decideEntry(
  db: DB,
  actor: CurrentUser,
  entryId: string,
  input: DecisionInput,
  context: { t: TFunction; ip: string },
): Promise<Outcome> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  return db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom("competition_entries").selectAll().where("id", "=", entryId).executeTakeFirst();
    if (!entry || entry.status === "draft") notFound();
    const next = nextEntryStatus(entry.status, EVENT_FOR[input.event], actor.role);
    if (!next) return refuse("competition.problems.illegalTransition");
    const now = nowIso();
    if (input.event === "request_clarification" && input.until <= now)
      return refuse("competition.problems.clarificationDate", { field: "until", kind: "conflict" });
    await recordDecision(trx, actor, entry, next, input, { ...context, now });
    return { ok: true } as const;
  });
}

/**
 * One screening decision the state machine has allowed, written: the entry's new status, its audit line, and the
 * e-mail and notice to the team's members. Inside the caller's transaction, after every check.
 */
async function recordDecision(
  trx: Kysely<Database>,
  actor: CurrentUser,
  entry: Entry,
  next: EntryStatus,
  input: DecisionInput,
  context: { t: TFunction; ip: string; now: string; bulk?: boolean },
): Promise<void> {
  const changes: Partial<Entry> & { status: EntryStatus } = { status: next, updated_at: context.now };
  let reason: string | null = null;
  if (input.event === "request_clarification") {
    changes.clarification_fields = JSON.stringify(input.fields);
    changes.clarification_note = input.note;
    changes.clarification_until = input.until;
    reason = input.note;
  } else {
    reason = input.reason ?? null;
    changes.decision_reason = reason;
  }
  await trx.updateTable("competition_entries").set(changes).where("id", "=", entry.id).execute();
  await recordAudit(trx, {
    actorId: actor.id,
    action: `entry.${input.event}`,
    entityType: "entry",
    entityId: entry.id,
    before: { status: entry.status },
    after: context.bulk ? { status: next, bulk: true } : { status: next },
    reason,
    ip: context.ip,
  });
  const { t } = context;
  const status = t(`entries.statuses.${next}`);
  const recipients = await trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.full_name"])
    .where("memberships.organisation_id", "=", entry.organisation_id)
    .where("users.status", "=", "active")
    .execute();
  for (const recipient of recipients) {
    await enqueueMail(trx, {
      to: recipient.email,
      subject: t("entries.statusMailSubject", { receipt: entry.receipt_number ?? "", status }),
      text: t("entries.statusMailBody", {
        name: recipient.full_name,
        project: entry.project_name,
        receipt: entry.receipt_number ?? "",
        status,
        reason: reason ?? "",
        link: publicUrl(`/my/entries/${entry.id}`),
      }),
    });
    await notify(trx, {
      userId: recipient.id,
      title: t("entries.statusMailSubject", { receipt: entry.receipt_number ?? "", status }),
      body: reason ?? entry.project_name,
      link: `/my/entries/${entry.id}`,
    });
  }
}

/**
 * One decision (valid, or invalid with one reason) for the entries staff ticked on the edition's table, all or
 * nothing: every entry goes through the state machine first, and if any of them cannot take the decision (not of
 * this edition, a draft, or in a status the decision does not leave from) nothing is written and each refused entry
 * is named with why (one problem per entry, under the field `entry:<id>`). Otherwise every entry is decided in the
 * one transaction, each audited and its team told, as one decision on its page would.
 */
export async function screenEntries(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  input: BulkScreenInput,
  context: { t: TFunction; ip: string },
): Promise<Outcome<{ count: number }>> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom("competition_entries")
      .selectAll()
      .where("edition_id", "=", editionId)
      .where("id", "in", input.entryIds)
      .where("status", "!=", "draft")
      .execute();
    const byId = new Map(found.map((entry) => [entry.id, entry]));
    const decided: Array<{ entry: Entry; next: EntryStatus }> = [];
    const problems: Problem[] = [];
    for (const entryId of input.entryIds) {
      const entry = byId.get(entryId);
      if (!entry) {
        problems.push({ field: `entry:${entryId}`, key: "entryExtras.bulk.notInEdition", kind: "conflict" });
        continue;
      }
      const next = nextEntryStatus(entry.status, input.event, actor.role);
      if (next) decided.push({ entry, next });
      else
        problems.push({
          field: `entry:${entryId}`,
          key: "entryExtras.bulk.cannotTake",
          kind: "conflict",
          params: {
            receipt: entry.receipt_number ?? "",
            project: entry.project_name,
            status: context.t(`entries.statuses.${entry.status}`),
          },
        });
    }
    if (problems.length) return refuseAll(problems);
    const now = nowIso();
    for (const { entry, next } of decided)
      await recordDecision(trx, actor, entry, next, input, { ...context, now, bulk: true });
    return { ok: true as const, count: decided.length };
  });
}
