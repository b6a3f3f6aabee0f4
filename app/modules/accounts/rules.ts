import type { UserRole } from "../../../db/types";

export const USER_ROLES = ["applicant", "judge", "staff", "leader", "incubator_manager", "admin"] as const satisfies readonly UserRole[];

/** Roles the Department creates; everyone else registers as an applicant. */
export const STAFF_CREATED_ROLES = ["judge", "staff", "leader", "incubator_manager", "admin"] as const satisfies readonly UserRole[];

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

/** Failed logins within the window, per account and per address, past which no password is checked. */
export function isLoginThrottled(failures: { account: number; ip: number }): boolean {
  return failures.account >= MAX_FAILURES_PER_ACCOUNT || failures.ip >= MAX_FAILURES_PER_IP;
}

export const RESET_TOKEN_MINUTES = 60;

export function isResetTokenUsable(token: { expires_at: string; used_at: string | null }, now: string): boolean {
  return token.used_at === null && token.expires_at > now;
}
