/**
 * Talking to a running portal from a test as a signed-in user, without the login form: a session row written into
 * the server's database and a cookie signed with the server's secret (the suites start their server with a known
 * SESSION_SECRET). Plain fetch: the requests are real HTTP, through Express and every middleware.
 */
import { createCookie } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { newToken, sha256Hex } from "../../app/lib/ids.server";

export const TEST_SESSION_SECRET = "concurrency-and-durability-suites";

export async function signedInCookie(
  db: Kysely<Database>,
  userId: string,
  secret = TEST_SESSION_SECRET,
): Promise<string> {
  const token = newToken();
  const now = new Date();
  await db
    .insertInto("sessions")
    .values({
      id: sha256Hex(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      ip: "127.0.0.1",
      user_agent: "test",
      revoked_at: null,
    })
    .execute();
  const cookie = await createCookie("__session", { secrets: [secret] }).serialize(token);
  return cookie.split(";")[0];
}

/** A form POST as a browser sends it (no redirects followed: the answer is what the user's browser gets first). */
export function postForm(
  baseURL: string,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL };
  if (cookie) headers.Cookie = cookie;
  return fetch(`${baseURL}${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}
