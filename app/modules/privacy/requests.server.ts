/**
 * Data-subject requests (Decree 13/2023/NĐ-CP, art. 9–16): a person files one from the account page, it is due by
 * the law's period (`requestDueAt`), staff move it through `nextRequestStatus`, every step is audited and the
 * person is told in the portal and by e-mail (the outbox), inside the transaction that makes the change.
 */
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { formatDateTime } from "../../lib/format";
import { newId } from "../../lib/ids.server";
import { offsetOf, readListState, toPage, type ListState } from "../../lib/list";
import { enqueueMail } from "../../lib/mail.server";
import { notify } from "../../lib/notify.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { publicUrl } from "../../lib/public-url.server";
import { containsText } from "../../lib/search-sql";
import { nowIso } from "../../lib/time.server";
import { loadWorkCalendar } from "../calendar/queries.server";
import {
  nextRequestStatus,
  OPEN_REQUEST_STATUSES,
  REQUEST_RULES,
  REQUEST_STATUSES,
  requestActor,
  requestDueAt,
  type DataSubjectRequestStatus,
  type RequestEvent,
} from "./rules";
import type { FileRequestInput, HandleRequestInput } from "./schemas";

type Options = { t: TFunction; ip: string | null };

/** Files a request for the signed-in person; a consent withdrawal takes effect at this instant. */
export async function fileRequest(
  db: DB,
  actor: CurrentUser,
  input: FileRequestInput,
  options: Options,
): Promise<Outcome<{ id: string }>> {
  const calendar = await loadWorkCalendar(db);
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("data_subject_requests")
      .select("id")
      .where("requester_id", "=", actor.id)
      .where("kind", "=", input.kind)
      .where("status", "in", OPEN_REQUEST_STATUSES)
      .executeTakeFirst();
    // One open request of a kind at a time: a second press of the button files nothing more.
    if (open) return refuse("privacy.requests.alreadyOpen", { field: "kind", kind: "conflict" });
    const now = nowIso();
    const id = newId();
    const row = {
      id,
      requester_id: actor.id,
      kind: input.kind,
      status: "received" as const,
      details: input.details,
      received_at: now,
      due_at: requestDueAt(input.kind, now, calendar),
      legal_source: REQUEST_RULES[input.kind].source,
      handled_by: null,
      started_at: null,
      closed_at: null,
      reply: null,
      updated_at: now,
    };
    await trx.insertInto("data_subject_requests").values(row).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "privacy.request_filed",
      entityType: "data_subject_request",
      entityId: id,
      after: { kind: row.kind, status: row.status, due_at: row.due_at },
      ip: options.ip,
    });
    const kind = options.t(`privacy.requests.kinds.${row.kind}`);
    const subject = options.t("privacy.requests.filedSubject", { kind });
    await enqueueMail(trx, {
      to: actor.email,
      subject,
      text: options.t("privacy.requests.filedBody", {
        name: actor.fullName,
        kind,
        due: formatDateTime(row.due_at),
        source: row.legal_source,
        link: publicUrl("/account#privacy"),
      }),
    });
    await notify(trx, {
      userId: actor.id,
      title: subject,
      body: options.t("privacy.requests.dueNote", { due: formatDateTime(row.due_at) }),
      link: "/account#privacy",
    });
    return { ok: true, id };
  });
}

/** A handler's step on a request: the state machine decides, the person is told, the step is audited. */
export async function handleRequest(
  db: DB,
  actor: CurrentUser,
  requestId: string,
  input: HandleRequestInput,
  options: Options,
): Promise<Outcome<{ status: DataSubjectRequestStatus }>> {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("data_subject_requests")
      .innerJoin("users", "users.id", "data_subject_requests.requester_id")
      .select([
        "data_subject_requests.id",
        "data_subject_requests.kind",
        "data_subject_requests.status",
        "users.id as requester_id",
        "users.email as requester_email",
        "users.full_name as requester_name",
      ])
      .where("data_subject_requests.id", "=", requestId)
      .executeTakeFirst();
    if (!request) return refuse("privacy.requests.missing", { kind: "missing" });
    const event: RequestEvent = input.event;
    const reply = input.reply?.trim() || null;
    const result = nextRequestStatus(request.status, event, requestActor(actor.role), { reply, reason: reply });
    if (!result.ok) {
      if (result.problem === "forbidden") return refuse("errors.forbidden", { kind: "forbidden" });
      if (result.problem === "missing")
        return refuse(event === "refuse" ? "privacy.requests.reasonRequired" : "privacy.requests.replyRequired", {
          field: "reply",
        });
      return refuse("privacy.requests.notAllowed");
    }
    const now = nowIso();
    const closes = result.status === "done" || result.status === "refused";
    await trx
      .updateTable("data_subject_requests")
      .set({
        status: result.status,
        handled_by: actor.id,
        updated_at: now,
        ...(event === "start" ? { started_at: now } : {}),
        ...(closes ? { closed_at: now, reply } : {}),
      })
      .where("id", "=", request.id)
      .where("status", "=", request.status)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: `privacy.request_${event}`,
      entityType: "data_subject_request",
      entityId: request.id,
      before: { status: request.status },
      after: { status: result.status },
      reason: reply,
      ip: options.ip,
    });
    const kind = options.t(`privacy.requests.kinds.${request.kind}`);
    const status = options.t(`privacy.requests.statuses.${result.status}`);
    const subject = options.t("privacy.requests.changedSubject", { kind, status });
    await enqueueMail(trx, {
      to: request.requester_email,
      subject,
      text: options.t("privacy.requests.changedBody", {
        name: request.requester_name,
        kind,
        status,
        reply: reply ?? "—",
        link: publicUrl("/account#privacy"),
      }),
    });
    await notify(trx, {
      userId: request.requester_id,
      title: subject,
      body: reply ?? status,
      link: "/account#privacy",
    });
    return { ok: true, status: result.status };
  });
}

/** The person's own requests, newest first (a handful: no paging). */
export function requestsOf(db: DB, userId: string) {
  return db
    .selectFrom("data_subject_requests")
    .select(["id", "kind", "status", "details", "received_at", "due_at", "legal_source", "closed_at", "reply"])
    .where("requester_id", "=", userId)
    .orderBy("received_at", "desc")
    .limit(50)
    .execute();
}

export const REQUEST_LIST = {
  sortable: ["due_at", "received_at"],
  defaultSort: "due_at",
  defaultDir: "asc",
  filters: ["status", "kind", "overdue"],
} as const;

export function requestListState(search: URLSearchParams) {
  return readListState(search, REQUEST_LIST);
}

/** Requests for handlers: open ones first by due date unless filtered; `overdue=1` keeps the open ones past due. */
export async function listRequests(db: DB, state: ListState & { sort: "due_at" | "received_at" }, now: string) {
  let base = db
    .selectFrom("data_subject_requests")
    .innerJoin("users", "users.id", "data_subject_requests.requester_id");
  if (state.q)
    base = base.where((eb) => eb.or([containsText("users.full_name", state.q), containsText("users.email", state.q)]));
  const { status, kind, overdue } = state.filters;
  if (status && (REQUEST_STATUSES as readonly string[]).includes(status))
    base = base.where("data_subject_requests.status", "=", status as DataSubjectRequestStatus);
  if (kind && kind in REQUEST_RULES)
    base = base.where("data_subject_requests.kind", "=", kind as keyof typeof REQUEST_RULES);
  if (overdue === "1")
    base = base
      .where("data_subject_requests.status", "in", OPEN_REQUEST_STATUSES)
      .where("data_subject_requests.due_at", "<=", now);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    base
      .select([
        "data_subject_requests.id",
        "data_subject_requests.kind",
        "data_subject_requests.status",
        "data_subject_requests.received_at",
        "data_subject_requests.due_at",
        "users.full_name as requester_name",
      ])
      .orderBy(`data_subject_requests.${state.sort}`, state.dir)
      .orderBy("data_subject_requests.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

/** One request for a handler or reader, with the requester's contacts (the page logs that view). */
export function getRequest(db: DB, id: string) {
  return db
    .selectFrom("data_subject_requests")
    .innerJoin("users", "users.id", "data_subject_requests.requester_id")
    .leftJoin("users as handlers", "handlers.id", "data_subject_requests.handled_by")
    .selectAll("data_subject_requests")
    .select([
      "users.full_name as requester_name",
      "users.email as requester_email",
      "users.phone as requester_phone",
      "handlers.full_name as handler_name",
    ])
    .where("data_subject_requests.id", "=", id)
    .executeTakeFirst();
}

/**
 * Everything the portal keeps about the person, for an access request (art. 14): the account, the memberships, the
 * competition entries' team members they filed, their event attendances recorded under their e-mail, and their
 * own requests. Read for the requester themself or for a handler of a completed access request.
 */
export async function personalDataOf(db: DB, userId: string) {
  const account = await db
    .selectFrom("users")
    .select(["id", "full_name", "email", "phone", "role", "status", "created_at", "last_login_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  const [memberships, entryMembers, attendances, requests] = await Promise.all([
    db
      .selectFrom("memberships")
      .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
      .select(["organisations.name as organisation", "memberships.role", "memberships.created_at"])
      .where("memberships.user_id", "=", userId)
      .orderBy("organisations.name")
      .execute(),
    db
      .selectFrom("entry_members")
      .innerJoin("competition_entries", "competition_entries.id", "entry_members.entry_id")
      .select([
        "competition_entries.project_name as entry",
        "entry_members.full_name",
        "entry_members.role",
        "entry_members.email",
        "entry_members.phone",
        "entry_members.birth_date",
      ])
      .where((eb) =>
        eb.or([
          eb("competition_entries.created_by", "=", userId),
          eb(eb.fn("lower", ["entry_members.email"]), "=", account.email.toLowerCase()),
        ]),
      )
      .orderBy("competition_entries.project_name")
      .orderBy("entry_members.position")
      .execute(),
    db
      .selectFrom("event_participants")
      .innerJoin("connection_events", "connection_events.id", "event_participants.event_id")
      .select([
        "connection_events.title as event",
        "connection_events.starts_on",
        "event_participants.person_name",
        "event_participants.position",
        "event_participants.phone",
        "event_participants.email",
      ])
      .where((eb) => eb(eb.fn("lower", ["event_participants.email"]), "=", account.email.toLowerCase()))
      .orderBy("connection_events.starts_on")
      .execute(),
    requestsOf(db, userId),
  ]);
  return { account, memberships, entryMembers, attendances, requests };
}

/** Whether the person has withdrawn their consent (a withdrawal not refused). */
export async function consentWithdrawnAt(db: DB, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom("data_subject_requests")
    .select("received_at")
    .where("requester_id", "=", userId)
    .where("kind", "=", "consent_withdrawal")
    .where("status", "!=", "refused")
    .orderBy("received_at")
    .limit(1)
    .executeTakeFirst();
  return row?.received_at ?? null;
}
