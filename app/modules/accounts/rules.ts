import type { MailRequestAction, NewUser, UserRole } from "../../../db/types";

export const USER_ROLES = [
  "applicant",
  "judge",
  "staff",
  "leader",
  "incubator_manager",
  "admin",
] as const satisfies readonly UserRole[];

export type UserFields = {
  id: string;
  email: string;
  fullName: string;
  phone?: string | null;
  passwordHash: string;
  role: UserRole;
};

/** The one shape of a new account (active, never logged in): registration, staff-created accounts and seeds insert it. */
export function userRow(fields: UserFields, now: string): NewUser {
  return {
    id: fields.id,
    email: fields.email,
    full_name: fields.fullName,
    phone: fields.phone ?? null,
    password_hash: fields.passwordHash,
    role: fields.role,
    status: "active",
    created_at: now,
    updated_at: now,
    last_login_at: null,
  };
}

/** Roles the Department creates; everyone else registers as an applicant. */
export const STAFF_CREATED_ROLES = [
  "judge",
  "staff",
  "leader",
  "incubator_manager",
  "admin",
] as const satisfies readonly UserRole[];

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

/**
 * Failed logins within the window, per account and per address, past which no password is checked. The counts are
 * of the other attempts, those still being checked included (see admitLoginAttempt).
 */
export function isLoginThrottled(failures: { account: number; ip: number }): boolean {
  return failures.account >= MAX_FAILURES_PER_ACCOUNT || failures.ip >= MAX_FAILURES_PER_IP;
}

/**
 * Forms that send an e-mail without a login, per target address and per client IP within the window. Registration
 * allows more per IP: a workshop's participants register from one network.
 */
export const MAIL_REQUEST_LIMITS = {
  password_reset: { perAddress: 3, perIp: 10 },
  registration: { perAddress: 3, perIp: 20 },
} as const satisfies Record<MailRequestAction, { perAddress: number; perIp: number }>;
export const MAIL_REQUEST_WINDOW_MINUTES = 60;

/** Whether a request may send its e-mail, given the other requests of the window (pending ones included). */
export function isMailRequestAllowed(action: MailRequestAction, others: { address: number; ip: number }): boolean {
  const limits = MAIL_REQUEST_LIMITS[action];
  return others.address < limits.perAddress && others.ip < limits.perIp;
}

export const RESET_TOKEN_MINUTES = 60;

export function isResetTokenUsable(token: { expires_at: string; used_at: string | null }, now: string): boolean {
  return token.used_at === null && token.expires_at > now;
}
