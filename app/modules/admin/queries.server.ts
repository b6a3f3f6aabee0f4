import type { DB } from "../../lib/db.server";
import { type ListState, offsetOf, readListState, toPage } from "../../lib/list";
import { containsText } from "../../lib/search-sql";

export const OUTBOX_LIST = {
  sortable: ["created_at", "to_address", "subject"],
  defaultSort: "created_at",
  defaultDir: "desc",
  filters: ["status"],
} as const;

export function outboxListState(search: URLSearchParams) {
  return readListState(search, OUTBOX_LIST);
}
type OutboxListState = ReturnType<typeof outboxListState>;

function outboxQuery(db: DB, state: OutboxListState) {
  let base = db.selectFrom("outbox_messages");
  if (state.q) {
    const q = state.q;
    base = base.where((eb) => eb.or([containsText("to_address", q), containsText("subject", q)]));
  }
  const status = state.filters.status;
  if (status === "queued" || status === "sending" || status === "kept" || status === "sent" || status === "failed")
    base = base.where("status", "=", status);
  return base;
}

function outboxRows(db: DB, state: OutboxListState) {
  return outboxQuery(db, state)
    .select(["id", "to_address", "subject", "status", "created_at", "sent_at", "attempts", "next_attempt_at", "error"])
    .orderBy(state.sort, state.dir)
    .orderBy("id");
}

export async function listOutbox(db: DB, search: URLSearchParams) {
  const state = outboxListState(search);
  const [{ count }, rows] = await Promise.all([
    outboxQuery(db, state)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
    outboxRows(db, state).limit(state.pageSize).offset(offsetOf(state)).execute(),
  ]);
  return toPage(rows, Number(count), state);
}

/** Every message the list's filters give, in the list's order (the export). */
export function outboxForExport(db: DB, state: OutboxListState, limit: number) {
  return outboxRows(db, state).limit(limit).execute();
}

export function getOutboxMessage(db: DB, id: string) {
  return db.selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirst();
}

export const AUDIT_LIST = {
  sortable: ["created_at"],
  defaultSort: "created_at",
  defaultDir: "desc",
  filters: ["entity_type", "entity_id", "actor", "action"],
} as const;

const AUDIT_COLUMNS = [
  "audit_events.id",
  "audit_events.action",
  "audit_events.entity_type",
  "audit_events.entity_id",
  "audit_events.before_json",
  "audit_events.after_json",
  "audit_events.reason",
  "audit_events.created_at",
  "users.full_name as actor_name",
] as const;

export function auditListState(search: URLSearchParams) {
  return readListState(search, AUDIT_LIST);
}

/** The audit rows a list state selects, filtered in SQL (each filter has an index ending in created_at). */
function filteredAudit(db: DB, state: ListState) {
  let base = db.selectFrom("audit_events").leftJoin("users", "users.id", "audit_events.actor_id");
  // The search box finds words of the reason or of the person who acted (the action is the select beside it).
  if (state.q) {
    const q = state.q;
    base = base.where((eb) => eb.or([containsText("audit_events.reason", q), containsText("users.full_name", q)]));
  }
  if (state.filters.action) base = base.where("audit_events.action", "=", state.filters.action);
  if (state.filters.entity_type) base = base.where("audit_events.entity_type", "=", state.filters.entity_type);
  if (state.filters.entity_id) base = base.where("audit_events.entity_id", "=", state.filters.entity_id);
  if (state.filters.actor) base = base.where("audit_events.actor_id", "=", state.filters.actor);
  return base;
}

export async function listAuditEvents(db: DB, search: URLSearchParams) {
  const state = auditListState(search);
  const base = filteredAudit(db, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    base
      .select(AUDIT_COLUMNS)
      .orderBy("audit_events.created_at", state.dir)
      .orderBy("audit_events.id", state.dir)
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

/** The same filtered audit, every row up to `limit`, for the CSV/XLSX export. */
export function auditEventsForExport(db: DB, state: ListState, limit: number) {
  return filteredAudit(db, state)
    .select(AUDIT_COLUMNS)
    .orderBy("audit_events.created_at", state.dir)
    .orderBy("audit_events.id", state.dir)
    .limit(limit)
    .execute();
}

/** The actions the log holds, for the filter's choices (read from the action index). */
export async function auditActionsInLog(db: DB): Promise<string[]> {
  const rows = await db.selectFrom("audit_events").select("action").distinct().orderBy("action").execute();
  return rows.map((r) => r.action);
}

/** The history of one record, newest first, for the timeline on its page. */
export function historyOf(
  db: DB,
  entityType: string,
  entityId: string,
  options: { limit?: number; actions?: readonly string[] } = {},
) {
  let query = db
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.actor_id")
    .select([
      "audit_events.id",
      "audit_events.action",
      "audit_events.reason",
      "audit_events.created_at",
      "audit_events.after_json",
      "users.full_name as actor_name",
    ])
    .where("audit_events.entity_type", "=", entityType)
    .where("audit_events.entity_id", "=", entityId);
  if (options.actions) query = query.where("audit_events.action", "in", options.actions);
  return query
    .orderBy("audit_events.created_at", "desc")
    .orderBy("audit_events.id", "desc")
    .limit(options.limit ?? 50)
    .execute();
}
