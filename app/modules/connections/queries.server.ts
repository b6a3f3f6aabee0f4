import type { EventKind, MouField, MouPairing, MouStatus } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { notFound } from "../../lib/http.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { EVENT_KINDS, MOU_FIELDS, MOU_STATUSES, OPEN_MOU_STATUSES, PAIRINGS } from "./rules";
import { containsKey } from "../../lib/search-sql";

/*
 * Events and MOUs are DOST's own records: staff, leaders and admins read all of them (routes check the role with
 * requireRole(STAFF_ROLES)); nothing here is owned by an applicant, so these reads take no actor.
 */

const year = (value: string | undefined) => (value && /^\d{4}$/.test(value) ? value : null);
const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | null =>
  value && (values as readonly string[]).includes(value) ? (value as T) : null;

export const EVENT_LIST = {
  sortable: ["starts_on", "title", "kind"],
  defaultSort: "starts_on",
  defaultDir: "desc",
  filters: ["kind", "year"],
} as const;

export function eventListState(search: URLSearchParams) {
  return readListState(search, EVENT_LIST);
}
type EventListState = ReturnType<typeof eventListState>;

function eventsQuery(db: DB, state: EventListState) {
  let query = db.selectFrom("connection_events");
  if (state.q) query = query.where(containsKey("connection_events.title_search", searchKey(state.q)));
  const kind = oneOf<EventKind>(EVENT_KINDS, state.filters.kind);
  if (kind) query = query.where("connection_events.kind", "=", kind);
  const y = year(state.filters.year);
  if (y)
    query = query
      .where("connection_events.starts_on", ">=", `${y}-01-01`)
      .where("connection_events.starts_on", "<=", `${y}-12-31`);
  return query;
}

const eventSort = {
  starts_on: "connection_events.starts_on",
  title: "connection_events.title_search",
  kind: "connection_events.kind",
} as const;

function eventRows(query: ReturnType<typeof eventsQuery>) {
  return query.select((eb) => [
    "connection_events.id",
    "connection_events.kind",
    "connection_events.title",
    "connection_events.starts_on",
    "connection_events.ends_on",
    "connection_events.place",
    "connection_events.reported_organisations",
    "connection_events.reported_people",
    "connection_events.count_note",
    eb
      .selectFrom("event_participants")
      .select(eb.fn.countAll<number>().as("n"))
      .whereRef("event_participants.event_id", "=", "connection_events.id")
      .as("participants"),
    eb
      .selectFrom("event_participants")
      .select((sub) => sub.fn.count<number>("event_participants.organisation_id").distinct().as("n"))
      .whereRef("event_participants.event_id", "=", "connection_events.id")
      .as("organisations"),
    eb
      .selectFrom("mous")
      .select(eb.fn.countAll<number>().as("n"))
      .whereRef("mous.event_id", "=", "connection_events.id")
      .as("mous"),
  ]);
}

const numbers = <T extends { participants: number | null; organisations: number | null; mous: number | null }>(
  row: T,
) => ({
  ...row,
  participants: Number(row.participants ?? 0),
  organisations: Number(row.organisations ?? 0),
  mous: Number(row.mous ?? 0),
});

export async function listEvents(db: DB, state: EventListState) {
  const base = eventsQuery(db, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    eventRows(base)
      .orderBy(eventSort[state.sort], state.dir)
      .orderBy("connection_events.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows.map(numbers), Number(count), state);
}

export async function eventsForExport(db: DB, state: EventListState, limit: number) {
  const rows = await eventRows(eventsQuery(db, state))
    .orderBy(eventSort[state.sort], state.dir)
    .orderBy("connection_events.id")
    .limit(limit)
    .execute();
  return rows.map(numbers);
}

export async function getEvent(db: DB, id: string) {
  const event = await db.selectFrom("connection_events").selectAll().where("id", "=", id).executeTakeFirst();
  if (!event) notFound();
  return event;
}

export const MAX_LISTED_PARTICIPANTS = 2000;

/** An event's participants, by organisation then person: the page lists the first ones, the export up to its cap. */
export function eventParticipants(db: DB, eventId: string, limit: number) {
  return db
    .selectFrom("event_participants")
    .leftJoin("organisations", "organisations.id", "event_participants.organisation_id")
    .select([
      "event_participants.id",
      "event_participants.person_name",
      "event_participants.position",
      "event_participants.phone",
      "event_participants.email",
      "event_participants.source",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
      "organisations.kind as organisation_kind",
    ])
    .where("event_participants.event_id", "=", eventId)
    .orderBy("organisations.name_search")
    .orderBy("event_participants.person_name")
    .orderBy("event_participants.id")
    .limit(limit)
    .execute();
}

export async function eventDetails(db: DB, eventId: string) {
  const [organisers, participants, participantCount, files, mous] = await Promise.all([
    db
      .selectFrom("event_organisers")
      .innerJoin("organisations", "organisations.id", "event_organisers.organisation_id")
      .select(["organisations.id", "organisations.name", "event_organisers.role"])
      .where("event_organisers.event_id", "=", eventId)
      .orderBy("event_organisers.role", "desc")
      .orderBy("organisations.name_search")
      .execute(),
    eventParticipants(db, eventId, MAX_LISTED_PARTICIPANTS),
    db
      .selectFrom("event_participants")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("event_id", "=", eventId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("attachments")
      .select(["id", "original_name", "media_type", "size_bytes", "purpose", "created_at"])
      .where("owner_type", "=", "connection_event")
      .where("owner_id", "=", eventId)
      .orderBy("created_at")
      .limit(500)
      .execute(),
    db
      .selectFrom("mous")
      .select(["id", "title", "signed_on", "status", "pairing"])
      .where("event_id", "=", eventId)
      .orderBy("signed_on")
      .limit(500)
      .execute(),
  ]);
  return { organisers, participants, participantCount: Number(participantCount.n), files, mous };
}

/** The organisations that may organise an event: agencies, support organisations and universities. */
export function organiserChoices(db: DB) {
  return db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("kind", "in", ["agency", "support_organisation", "university"])
    .orderBy("name_search")
    .limit(500)
    .execute();
}

/** The agency or support organisation the staff member belongs to (DOST for its officers): the usual organiser. */
export async function ownOrganiser(db: DB, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom("memberships")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select("organisations.id")
    .where("memberships.user_id", "=", userId)
    .where("organisations.kind", "in", ["agency", "support_organisation", "university"])
    .orderBy("organisations.name_search")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Recent events, for the MOU form's "signed at" choice. */
export function eventChoices(db: DB) {
  return db
    .selectFrom("connection_events")
    .select(["id", "title", "starts_on"])
    .orderBy("starts_on", "desc")
    .limit(500)
    .execute();
}

/** The organisations that may sign an MOU, for the party choices (the same bounded list the incubation form uses). */
export function partyChoices(db: DB) {
  return db.selectFrom("organisations").select(["id", "name", "kind"]).orderBy("name_search").limit(2000).execute();
}

/** The organisations at an event (participants and organisers), each once: the likely parties of an MOU signed there. */
export async function eventOrganisations(db: DB, eventId: string) {
  const [participants, organisers] = await Promise.all([
    db
      .selectFrom("event_participants")
      .innerJoin("organisations", "organisations.id", "event_participants.organisation_id")
      .select(["organisations.id", "organisations.name", "organisations.kind"])
      .where("event_participants.event_id", "=", eventId)
      .distinct()
      .orderBy("organisations.name")
      .limit(MAX_LISTED_PARTICIPANTS)
      .execute(),
    db
      .selectFrom("event_organisers")
      .innerJoin("organisations", "organisations.id", "event_organisers.organisation_id")
      .select(["organisations.id", "organisations.name", "organisations.kind"])
      .where("event_organisers.event_id", "=", eventId)
      .execute(),
  ]);
  const seen = new Set<string>();
  return [...participants, ...organisers].filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true)));
}

export const MOU_LIST = {
  sortable: ["signed_on", "title", "status", "next_check_on"],
  defaultSort: "signed_on",
  defaultDir: "desc",
  filters: ["status", "pairing", "field", "year", "due", "event"],
} as const;

export function mouListState(search: URLSearchParams) {
  return readListState(search, MOU_LIST);
}
type MouListState = ReturnType<typeof mouListState>;

/** Open MOUs whose check date has come: the reminder condition (rules.isCheckDue) as a SQL `where`. */
// Any query over `mous` (list, count, figures): Kysely has no one type for "a builder that can `where` on mous".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function whereDue<Q extends { where: (...args: any[]) => any }>(query: Q, today: string): Q {
  return query
    .where("mous.status", "in", OPEN_MOU_STATUSES)
    .where("mous.next_check_on", "is not", null)
    .where("mous.next_check_on", "<=", today) as Q;
}

function mousQuery(db: DB, state: MouListState, today: string) {
  let query = db.selectFrom("mous");
  if (state.q) {
    const key = searchKey(state.q);
    query = query.where((eb) =>
      eb.or([
        containsKey("mous.title_search", key),
        eb(
          "mous.id",
          "in",
          eb
            .selectFrom("mou_parties")
            .innerJoin("organisations", "organisations.id", "mou_parties.organisation_id")
            .select("mou_parties.mou_id")
            .where(containsKey("organisations.name_search", key)),
        ),
      ]),
    );
  }
  const status = oneOf<MouStatus>(MOU_STATUSES, state.filters.status);
  if (status) query = query.where("mous.status", "=", status);
  const pairing = oneOf<MouPairing>(PAIRINGS, state.filters.pairing);
  if (pairing) query = query.where("mous.pairing", "=", pairing);
  const field = oneOf<MouField>(MOU_FIELDS, state.filters.field);
  if (field)
    query = query.where(
      "mous.id",
      "in",
      db.selectFrom("mou_fields").select("mou_fields.mou_id").where("mou_fields.field", "=", field),
    );
  const y = year(state.filters.year);
  if (y) query = query.where("mous.signed_on", ">=", `${y}-01-01`).where("mous.signed_on", "<=", `${y}-12-31`);
  if (state.filters.event) query = query.where("mous.event_id", "=", state.filters.event);
  if (state.filters.due === "1") query = whereDue(query, today);
  return query;
}

const mouSort = {
  signed_on: "mous.signed_on",
  title: "mous.title_search",
  status: "mous.status",
  next_check_on: "mous.next_check_on",
} as const;

function mouRows(query: ReturnType<typeof mousQuery>) {
  return query
    .leftJoin("connection_events", "connection_events.id", "mous.event_id")
    .select([
      "mous.id",
      "mous.reference",
      "mous.title",
      "mous.signed_on",
      "mous.pairing",
      "mous.status",
      "mous.next_check_on",
      "mous.event_id",
      "connection_events.title as event_title",
    ]);
}

/** The parties and fields of a page of MOUs, in two queries, attached to each row. */
async function withPartiesAndFields<T extends { id: string }>(db: DB, rows: T[]) {
  if (!rows.length)
    return rows.map((row) => ({
      ...row,
      parties: [] as Array<{ id: string; name: string; kind: string }>,
      fields: [] as MouField[],
    }));
  const ids = rows.map((row) => row.id);
  const [parties, fields] = await Promise.all([
    db
      .selectFrom("mou_parties")
      .innerJoin("organisations", "organisations.id", "mou_parties.organisation_id")
      .select(["mou_parties.mou_id", "organisations.id", "organisations.name", "organisations.kind"])
      .where("mou_parties.mou_id", "in", ids)
      .orderBy("mou_parties.position")
      .execute(),
    db.selectFrom("mou_fields").select(["mou_id", "field"]).where("mou_id", "in", ids).execute(),
  ]);
  return rows.map((row) => ({
    ...row,
    parties: parties.filter((p) => p.mou_id === row.id).map(({ id, name, kind }) => ({ id, name, kind })),
    fields: MOU_FIELDS.filter((f) => fields.some((x) => x.mou_id === row.id && x.field === f)),
  }));
}

export async function listMous(db: DB, state: MouListState, today: string) {
  const base = mousQuery(db, state, today);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    mouRows(base)
      .orderBy(mouSort[state.sort], state.dir)
      .orderBy("mous.id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(await withPartiesAndFields(db, rows), Number(count), state);
}

export async function mousForExport(db: DB, state: MouListState, today: string, limit: number) {
  const rows = await mouRows(mousQuery(db, state, today))
    .orderBy(mouSort[state.sort], state.dir)
    .orderBy("mous.id")
    .limit(limit)
    .execute();
  // The parties of every exported MOU, in chunks of 500 ids (a query per chunk, never per row).
  const out = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await withPartiesAndFields(db, rows.slice(i, i + 500))));
  return out;
}

/** The MOU figures the DOST report counts: how many, by pairing and by status, over the filtered list. */
export async function mouFigures(db: DB, state: MouListState, today: string) {
  const [byPairing, byStatus, due] = await Promise.all([
    mousQuery(db, state, today)
      .select(["mous.pairing as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("mous.pairing")
      .execute(),
    mousQuery(db, state, today)
      .select(["mous.status as key", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("mous.status")
      .execute(),
    whereDue(db.selectFrom("mous"), today)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const pick = <K extends string>(keys: readonly K[], rows: Array<{ key: string; n: number }>) =>
    keys.map((key) => ({ key, count: Number(rows.find((r) => r.key === key)?.n ?? 0) }));
  return { byPairing: pick(PAIRINGS, byPairing), byStatus: pick(MOU_STATUSES, byStatus), due: Number(due.n) };
}

/** The reminder list: open MOUs due for a check, the longest overdue first. */
export async function dueMous(db: DB, today: string, limit = 10) {
  const rows = await whereDue(db.selectFrom("mous"), today)
    .select(["mous.id", "mous.title", "mous.signed_on", "mous.status", "mous.next_check_on"])
    .orderBy("mous.next_check_on")
    .orderBy("mous.id")
    .limit(limit)
    .execute();
  return withPartiesAndFields(db, rows);
}

export async function getMou(db: DB, id: string) {
  const mou = await db
    .selectFrom("mous")
    .leftJoin("connection_events", "connection_events.id", "mous.event_id")
    .selectAll("mous")
    .select(["connection_events.title as event_title", "connection_events.starts_on as event_starts_on"])
    .where("mous.id", "=", id)
    .executeTakeFirst();
  if (!mou) notFound();
  return mou;
}

export async function mouDetails(db: DB, mouId: string) {
  const [[withParties], followUps, scans] = await Promise.all([
    withPartiesAndFields(db, [{ id: mouId }]),
    db
      .selectFrom("mou_follow_ups")
      .innerJoin("users", "users.id", "mou_follow_ups.created_by")
      .select([
        "mou_follow_ups.id",
        "mou_follow_ups.noted_on",
        "mou_follow_ups.status_before",
        "mou_follow_ups.status_after",
        "mou_follow_ups.note",
        "mou_follow_ups.next_check_on",
        "users.full_name as author",
      ])
      .where("mou_follow_ups.mou_id", "=", mouId)
      .orderBy("mou_follow_ups.noted_on", "desc")
      .orderBy("mou_follow_ups.created_at", "desc")
      .limit(500)
      .execute(),
    db
      .selectFrom("attachments")
      .select(["id", "original_name", "media_type", "size_bytes", "created_at"])
      .where("owner_type", "=", "mou")
      .where("owner_id", "=", mouId)
      .orderBy("created_at")
      .limit(100)
      .execute(),
  ]);
  return { parties: withParties.parties, fields: withParties.fields, followUps, scans };
}

/** A validated import waiting for its uploader, and only theirs; 404 otherwise. */
export async function getImportBatch(db: DB, actorId: string, batchId: string, kind: "attendees" | "mous") {
  const batch = await db
    .selectFrom("connection_imports")
    .selectAll()
    .where("id", "=", batchId)
    .where("uploaded_by", "=", actorId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!batch) notFound();
  return batch;
}
