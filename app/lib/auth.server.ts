import { createCookie, redirect } from "@remix-run/node";
import type { UserRole } from "../../db/types";
import { getDb, type DB } from "./db.server";
import { forbidden } from "./http.server";
import { newToken, sha256Hex } from "./ids.server";
import { noteRequestUser } from "./request-context.server";
import { sessionSecret } from "./secret.server";
import { addMinutes, nowIso } from "./time.server";

const SESSION_DAYS = 14;
const TOUCH_AFTER_MINUTES = 5;

let sessionCookieInstance: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  sessionCookieInstance ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_DAYS * 24 * 60 * 60,
    secrets: [sessionSecret()],
  });
  return sessionCookieInstance;
}

/**
 * Remix's Express adapter builds request.url from req.protocol, which reads X-Forwarded-Proto only from a proxy that
 * TRUST_PROXY trusts: behind nginx with TRUST_PROXY set, HTTPS clients get a Secure cookie; a client talking to the
 * server directly cannot claim HTTPS.
 */
function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export type CurrentUser = {
  id: string;
  email: string;
  fullName: string;
  role: UserRole;
  sessionId: string;
  /** A confirmed TOTP enrolment (not one still waiting for its first code); read by getUser. */
  twoFactorEnabled?: boolean;
};

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getUser(request: Request, db: DB = getDb()): Promise<CurrentUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const now = nowIso();
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("user_two_factor", "user_two_factor.user_id", "users.id")
    .select([
      "sessions.id as sessionId",
      "sessions.last_seen_at",
      "users.id",
      "users.email",
      "users.full_name",
      "users.role",
      "user_two_factor.enabled_at as twoFactorEnabledAt",
    ])
    .where("sessions.id", "=", sha256Hex(token))
    .where("sessions.revoked_at", "is", null)
    .where("sessions.expires_at", ">", now)
    .where("users.status", "=", "active")
    .executeTakeFirst();
  if (!row) return null;
  noteRequestUser(row.id);
  if (row.last_seen_at < addMinutes(now, -TOUCH_AFTER_MINUTES)) {
    await db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", row.sessionId).execute();
  }
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    sessionId: row.sessionId,
    twoFactorEnabled: !!row.twoFactorEnabledAt,
  };
}

/** Roles that approve money and publish results: they cannot work without a second factor. */
export const TWO_FACTOR_REQUIRED_ROLES = ["leader", "admin"] as const satisfies readonly UserRole[];

export function isTwoFactorRequired(role: UserRole): boolean {
  return (TWO_FACTOR_REQUIRED_ROLES as readonly UserRole[]).includes(role);
}

export function mustEnrolTwoFactor(user: Pick<CurrentUser, "role" | "twoFactorEnabled">): boolean {
  return !user.twoFactorEnabled && isTwoFactorRequired(user.role);
}

export const TWO_FACTOR_ENROLMENT_PATH = "/account/two-factor";

/**
 * A signed-in user, who may be one that still has to enrol in two-factor sign-in: only the enrolment
 * page (and logging out, which needs no user) use this; every other route goes through requireUser.
 */
export async function requireUserEnrolling(request: Request, db: DB = getDb()): Promise<CurrentUser> {
  const user = await getUser(request, db);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/**
 * A signed-in user who may work: a leader or admin without two-factor sign-in is sent to enrol
 * (pages) or refused (anything that changes state), whatever the route.
 */
export async function requireUser(request: Request, db: DB = getDb()): Promise<CurrentUser> {
  const user = await requireUserEnrolling(request, db);
  if (mustEnrolTwoFactor(user)) {
    const url = new URL(request.url);
    if (request.method === "GET" || request.method === "HEAD") {
      throw redirect(`${TWO_FACTOR_ENROLMENT_PATH}?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw new Response("403 – Tài khoản của bạn cần bật xác thực hai bước trước khi làm việc này.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return user;
}

/** Throws 403 unless the user has one of the roles. */
export async function requireRole(
  request: Request,
  roles: readonly UserRole[],
  db: DB = getDb(),
): Promise<CurrentUser> {
  const user = await requireUser(request, db);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/**
 * Who may fire each intent of a route's action. Every route whose action has several intents declares one and exports
 * it as `intents`, so that the permission of each change is read in one place and the authorization test can check
 * that every intent is in its matrix.
 */
export type IntentRoles<I extends string = string> = { readonly [K in I]: readonly UserRole[] };

/**
 * The intent the form asks for, once the user's role may fire it: 403 otherwise (and for any intent, known or not, when
 * the role may fire none of the action's), 400 for an intent the action does not have. Checked before the form is
 * validated, so that a role that may not make the change learns nothing from the answer.
 */
export function requireIntent<I extends string>(user: CurrentUser, intent: string, table: IntentRoles<I>): I {
  const known = Object.prototype.hasOwnProperty.call(table, intent);
  const roles: readonly (readonly UserRole[])[] = known ? [table[intent as I]] : Object.values(table);
  if (!roles.some((allowed) => allowed.includes(user.role))) forbidden();
  if (!known)
    throw new Response("400 – Yêu cầu không hợp lệ.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return intent as I;
}

/** Who may work on the Department's records. */
export const STAFF_ROLES = ["staff", "leader", "admin"] as const satisfies readonly UserRole[];

export function isStaff(user: Pick<CurrentUser, "role"> | null): boolean {
  return !!user && (STAFF_ROLES as readonly UserRole[]).includes(user.role);
}

/**
 * Starts a new session with a fresh id (the old one, if any, is revoked: ids rotate at login)
 * and returns the Set-Cookie header.
 */
export async function startSession(db: DB, request: Request, userId: string, ip: string): Promise<string> {
  const previous = await readToken(request);
  const now = nowIso();
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    if (previous) {
      await trx.updateTable("sessions").set({ revoked_at: now }).where("id", "=", sha256Hex(previous)).execute();
    }
    await trx
      .insertInto("sessions")
      .values({
        id: sha256Hex(token),
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        expires_at: addMinutes(now, SESSION_DAYS * 24 * 60),
        ip,
        user_agent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
        revoked_at: null,
      })
      .execute();
    await trx.updateTable("users").set({ last_login_at: now }).where("id", "=", userId).execute();
  });
  return sessionCookie().serialize(token, { secure: isHttps(request) });
}

export async function endSession(db: DB, request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) {
    await db.updateTable("sessions").set({ revoked_at: nowIso() }).where("id", "=", sha256Hex(token)).execute();
  }
  return sessionCookie().serialize("", { maxAge: 0, secure: isHttps(request) });
}

export async function revokeUserSessions(db: DB, userId: string, exceptSessionId?: string): Promise<void> {
  let query = db
    .updateTable("sessions")
    .set({ revoked_at: nowIso() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  await query.execute();
}

/** For tests and e2e fixtures: a cookie header for a session written straight into the database. */
export async function sessionCookieHeaderFor(db: DB, userId: string): Promise<string> {
  const token = newToken();
  const now = nowIso();
  await db
    .insertInto("sessions")
    .values({
      id: sha256Hex(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: addMinutes(now, 60),
      ip: "127.0.0.1",
      user_agent: "test",
      revoked_at: null,
    })
    .execute();
  const setCookie = await sessionCookie().serialize(token);
  return setCookie.split(";")[0];
}

// The second step of a login: between a right password and a right code, the browser holds only this
// short-lived token (its SHA-256 keys a `login_challenges` row), never a session.
const CHALLENGE_COOKIE_MINUTES = 10;
let challengeCookieInstance: ReturnType<typeof createCookie> | undefined;
function challengeCookie() {
  challengeCookieInstance ??= createCookie("__login_challenge", {
    httpOnly: true,
    sameSite: "lax",
    path: "/login",
    maxAge: CHALLENGE_COOKIE_MINUTES * 60,
    secrets: [sessionSecret()],
  });
  return challengeCookieInstance;
}

export function loginChallengeCookie(request: Request, token: string): Promise<string> {
  return challengeCookie().serialize(token, { secure: isHttps(request) });
}

export function clearLoginChallengeCookie(request: Request): Promise<string> {
  return challengeCookie().serialize("", { maxAge: 0, secure: isHttps(request) });
}

export async function readLoginChallengeToken(request: Request): Promise<string | null> {
  const value = await challengeCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value ? value : null;
}
