import type { UserRole } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { USER_ROLES } from "./rules";
import { containsText } from "../../lib/search-sql";

export const USER_LIST = {
  sortable: ["full_name", "email", "role", "created_at", "last_login_at"],
  defaultSort: "created_at",
  defaultDir: "desc",
  filters: ["role", "status"],
} as const;

export function userListState(search: URLSearchParams) {
  return readListState(search, USER_LIST);
}

function usersQuery(db: DB, state: ReturnType<typeof userListState>) {
  let query = db.selectFrom("users");
  if (state.q) {
    const q = state.q;
    query = query.where((eb) => eb.or([containsText("full_name", q), containsText("email", q)]));
  }
  const role = state.filters.role as UserRole | undefined;
  if (role && (USER_ROLES as readonly string[]).includes(role)) query = query.where("role", "=", role);
  if (state.filters.status === "active" || state.filters.status === "disabled")
    query = query.where("status", "=", state.filters.status);
  return query;
}

const userColumns = ["id", "full_name", "email", "phone", "role", "status", "created_at", "last_login_at"] as const;

export async function listUsers(db: DB, state: ReturnType<typeof userListState>) {
  const base = usersQuery(db, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    base
      .select(userColumns)
      .orderBy(state.sort, state.dir)
      .orderBy("id")
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

export function allUsersForExport(db: DB, state: ReturnType<typeof userListState>, limit: number) {
  return usersQuery(db, state).select(userColumns).orderBy(state.sort, state.dir).orderBy("id").limit(limit).execute();
}

export function getUserById(db: DB, id: string) {
  return db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
}

export function organisationsOfUser(db: DB, userId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.kind",
      "organisations.tax_code",
      "memberships.role as membershipRole",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("organisations.name")
    .execute();
}

export const SESSION_LIST = {
  sortable: ["created_at", "last_seen_at"],
  defaultSort: "last_seen_at",
  defaultDir: "desc",
  filters: ["state"],
} as const;

export function sessionListState(search: URLSearchParams) {
  return readListState(search, SESSION_LIST);
}
type SessionListState = ReturnType<typeof sessionListState>;

function sessionsQuery(db: DB, state: SessionListState, now: string) {
  let base = db.selectFrom("sessions").innerJoin("users", "users.id", "sessions.user_id");
  if (state.q) {
    const q = state.q;
    base = base.where((eb) => eb.or([containsText("users.full_name", q), containsText("users.email", q)]));
  }
  if (state.filters.state === "active")
    base = base.where("sessions.revoked_at", "is", null).where("sessions.expires_at", ">", now);
  return base;
}

function sessionRows(db: DB, state: SessionListState, now: string) {
  return sessionsQuery(db, state, now)
    .select([
      "sessions.id",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.revoked_at",
      "sessions.ip",
      "sessions.user_agent",
      "users.full_name",
      "users.email",
    ])
    .orderBy(`sessions.${state.sort}`, state.dir)
    .orderBy("sessions.id");
}

export async function listSessions(db: DB, search: URLSearchParams, now: string) {
  const state = sessionListState(search);
  const [{ count }, rows] = await Promise.all([
    sessionsQuery(db, state, now)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
    sessionRows(db, state, now).limit(state.pageSize).offset(offsetOf(state)).execute(),
  ]);
  return toPage(rows, Number(count), state);
}

/** Every session the list's filters give, in the list's order (the export). */
export function sessionsForExport(db: DB, state: SessionListState, now: string, limit: number) {
  return sessionRows(db, state, now).limit(limit).execute();
}

export async function countsForAdmin(db: DB) {
  const [users, organisations, outbox] = await Promise.all([
    db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("organisations")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("outbox_messages")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  return { users: Number(users.count), organisations: Number(organisations.count), outbox: Number(outbox.count) };
}
