import type { z } from "zod";
import type { UserRole } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import { revokeUserSessions } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId, newToken, sha256Hex } from "../../lib/ids.server";
import { enqueueMail } from "../../lib/mail.server";
import { refuse, type Refusal } from "../../lib/outcome";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../../lib/password.server";
import { publicUrl } from "../../lib/public-url.server";
import { addMinutes, nowIso } from "../../lib/time.server";
import { isResetTokenUsable, RESET_TOKEN_MINUTES } from "./rules";
import type { CreateUserSchema, RegisterInput, UpdateUserSchema } from "./schemas";
import { organisationRow } from "../organisations/rules";
import { admitLoginAttempt, admitMailRequest, settleLoginAttempt } from "./throttle.server";

/** An e-mail or tax code already used: a field the user can change, but a clash with existing data (409). */
function takenBy(field: "email" | "taxCode", key: "auth.emailTaken" | "auth.taxCodeTaken"): Refusal {
  return refuse(key, { field, kind: "conflict" });
}

/** Too many e-mails asked for the address or from the IP (MAIL_REQUEST_LIMITS): nothing was written or sent. */
type Throttled = { ok: false; reason: "throttled" };

type MailContext = { ip: string; t: TFunction };

/** A startup or enterprise registers itself: the account, its organisation and the membership, in one transaction. */
export async function registerApplicant(
  db: DB,
  input: RegisterInput,
  context: MailContext,
): Promise<{ ok: true; userId: string } | Refusal | Throttled> {
  if (!(await admitMailRequest(db, "registration", input.email, context.ip))) return { ok: false, reason: "throttled" };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
    if (existing) return takenBy("email", "auth.emailTaken");
    if (input.taxCode) {
      const owner = await trx
        .selectFrom("organisations")
        .select("id")
        .where("tax_code", "=", input.taxCode)
        .executeTakeFirst();
      if (owner) return takenBy("taxCode", "auth.taxCodeTaken");
    }
    const now = nowIso();
    const userId = newId();
    const organisationId = newId();
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email: input.email,
        full_name: input.fullName,
        phone: input.phone ?? null,
        password_hash: passwordHash,
        role: "applicant",
        status: "active",
        created_at: now,
        updated_at: now,
        last_login_at: null,
      })
      .execute();
    await trx
      .insertInto("organisations")
      .values(
        organisationRow(
          {
            id: organisationId,
            name: input.organisationName,
            kind: input.organisationKind,
            taxCode: input.taxCode,
            email: input.email,
            phone: input.phone,
          },
          now,
        ),
      )
      .execute();
    await trx
      .insertInto("memberships")
      .values({ user_id: userId, organisation_id: organisationId, role: "owner", created_at: now })
      .execute();
    await recordAudit(trx, {
      actorId: userId,
      action: "user.registered",
      entityType: "user",
      entityId: userId,
      after: { email: input.email, role: "applicant", organisationId, consentToDataProcessing: now },
      ip: context.ip,
    });
    await recordAudit(trx, {
      actorId: userId,
      action: "organisation.created",
      entityType: "organisation",
      entityId: organisationId,
      after: { name: input.organisationName, kind: input.organisationKind, taxCode: input.taxCode ?? null },
      ip: context.ip,
    });
    await enqueueMail(trx, {
      to: input.email,
      subject: context.t("auth.welcomeMailSubject"),
      text: context.t("auth.welcomeMailBody", { name: input.fullName, email: input.email, link: publicUrl("/login") }),
    });
    return { ok: true, userId } as const;
  });
}

export type LoginOutcome = { ok: true; userId: string } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks the password, counting failures per account and per address; the answer never says which part was wrong.
 * The attempt is recorded as pending before the (slow) hash is checked, so that concurrent attempts count each other.
 */
export async function attemptLogin(
  db: DB,
  input: { email: string; password: string },
  ip: string,
): Promise<LoginOutcome> {
  const attemptId = await admitLoginAttempt(db, input.email, ip);
  if (attemptId === null) return { ok: false, reason: "throttled" };
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "status"])
    .where("email", "=", input.email)
    .executeTakeFirst();
  const matches = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  const succeeded = !!user && matches && user.status === "active";
  await settleLoginAttempt(db, attemptId, succeeded);
  return succeeded ? { ok: true, userId: user.id } : { ok: false, reason: "invalid" };
}

async function createResetToken(db: DB, userId: string): Promise<string> {
  const token = newToken();
  const now = nowIso();
  await db
    .insertInto("password_reset_tokens")
    .values({
      token_hash: sha256Hex(token),
      user_id: userId,
      created_at: now,
      expires_at: addMinutes(now, RESET_TOKEN_MINUTES),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * Mails a reset link when the account exists; the caller answers the same either way. The throttle counts the address
 * asked for, whether or not it has an account, so that a throttled answer tells nothing either.
 */
export async function requestPasswordReset(
  db: DB,
  emailAddress: string,
  context: MailContext,
): Promise<{ ok: true } | Throttled> {
  if (!(await admitMailRequest(db, "password_reset", emailAddress, context.ip)))
    return { ok: false, reason: "throttled" };
  const user = await db
    .selectFrom("users")
    .select(["id", "full_name", "email"])
    .where("email", "=", emailAddress)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!user) return { ok: true };
  await db.transaction().execute(async (trx) => {
    const token = await createResetToken(trx, user.id);
    await enqueueMail(trx, {
      to: user.email,
      subject: context.t("auth.resetMailSubject"),
      text: context.t("auth.resetMailBody", {
        name: user.full_name,
        link: publicUrl(`/reset-password?token=${token}`),
      }),
    });
    await recordAudit(trx, {
      actorId: null,
      action: "user.password_reset_requested",
      entityType: "user",
      entityId: user.id,
      ip: context.ip,
    });
  });
  return { ok: true };
}

/** Every outstanding reset link of the user stops working (one used, a new password set, the account disabled). */
async function invalidateResetTokens(trx: DB, userId: string, now: string): Promise<void> {
  await trx
    .updateTable("password_reset_tokens")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}

/** The one way a password is set: the new hash, and no older reset link left to override it. */
async function setPassword(trx: DB, userId: string, passwordHash: string, now: string): Promise<void> {
  await trx
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: now })
    .where("id", "=", userId)
    .execute();
  await invalidateResetTokens(trx, userId, now);
}

export async function findUsableResetToken(db: DB, token: string) {
  const row = await db
    .selectFrom("password_reset_tokens")
    .selectAll()
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  return row && isResetTokenUsable(row, nowIso()) ? row : null;
}

export async function resetPassword(db: DB, token: string, newPassword: string, ip: string): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    // isResetTokenUsable as the update's condition: of two links used at once, the second finds its token spent (PostgreSQL too).
    const row = await trx
      .updateTable("password_reset_tokens")
      .set({ used_at: now })
      .where("token_hash", "=", sha256Hex(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("user_id")
      .executeTakeFirst();
    if (!row) return false;
    await setPassword(trx, row.user_id, passwordHash, now);
    await trx
      .updateTable("sessions")
      .set({ revoked_at: now })
      .where("user_id", "=", row.user_id)
      .where("revoked_at", "is", null)
      .execute();
    await recordAudit(trx, {
      actorId: row.user_id,
      action: "user.password_reset",
      entityType: "user",
      entityId: row.user_id,
      ip,
    });
    return true;
  });
}

export async function changePassword(
  db: DB,
  actor: CurrentUser,
  input: { currentPassword: string; password: string },
  ip: string,
): Promise<boolean> {
  const user = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", actor.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) return false;
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await setPassword(trx, actor.id, passwordHash, nowIso());
    await recordAudit(trx, {
      actorId: actor.id,
      action: "user.password_changed",
      entityType: "user",
      entityId: actor.id,
      ip,
    });
  });
  await revokeUserSessions(db, actor.id, actor.sessionId);
  return true;
}

export async function updateProfile(
  db: DB,
  actor: CurrentUser,
  input: { fullName: string; phone?: string },
  ip: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select(["full_name", "phone"])
      .where("id", "=", actor.id)
      .executeTakeFirstOrThrow();
    const after = { full_name: input.fullName, phone: input.phone ?? null };
    await trx
      .updateTable("users")
      .set({ ...after, updated_at: nowIso() })
      .where("id", "=", actor.id)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "user.profile_updated",
      entityType: "user",
      entityId: actor.id,
      before,
      after,
      ip,
    });
  });
}

/** An admin creates a judge, staff, leader, incubator-manager or admin account; the person sets a password from the e-mail. */
export async function createStaffAccount(
  db: DB,
  actor: CurrentUser,
  input: z.output<typeof CreateUserSchema>,
  context: MailContext,
): Promise<{ ok: true; userId: string } | Refusal> {
  if (actor.role !== "admin") forbidden();
  // An unusable password: the account opens only through the e-mailed link.
  const placeholderHash = await hashPassword(newToken());
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
    if (existing) return takenBy("email", "auth.emailTaken");
    const now = nowIso();
    const userId = newId();
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email: input.email,
        full_name: input.fullName,
        phone: input.phone ?? null,
        password_hash: placeholderHash,
        role: input.role,
        status: "active",
        created_at: now,
        updated_at: now,
        last_login_at: null,
      })
      .execute();
    const token = await createResetToken(trx, userId);
    await enqueueMail(trx, {
      to: input.email,
      subject: context.t("auth.welcomeMailSubject"),
      text: context.t("auth.invitedMailBody", {
        name: input.fullName,
        role: context.t(`roles.${input.role}`),
        link: publicUrl(`/reset-password?token=${token}`),
      }),
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "user.created",
      entityType: "user",
      entityId: userId,
      after: { email: input.email, role: input.role },
      ip: context.ip,
    });
    return { ok: true, userId } as const;
  });
}

export async function updateUserAccess(
  db: DB,
  actor: CurrentUser,
  userId: string,
  input: z.output<typeof UpdateUserSchema>,
  ip: string,
): Promise<{ ok: true } | Refusal> {
  if (actor.role !== "admin") forbidden();
  if (userId === actor.id && (input.role !== actor.role || input.status !== "active"))
    return refuse("users.cannotDisableSelf");
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("users").select(["role", "status"]).where("id", "=", userId).executeTakeFirst();
    if (!before) notFound();
    const after: { role: UserRole; status: "active" | "disabled" } = { role: input.role, status: input.status };
    if (before.role === after.role && before.status === after.status) return;
    await trx
      .updateTable("users")
      .set({ ...after, updated_at: nowIso() })
      .where("id", "=", userId)
      .execute();
    if (after.status === "disabled") {
      await trx
        .updateTable("sessions")
        .set({ revoked_at: nowIso() })
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .execute();
      await invalidateResetTokens(trx, userId, nowIso());
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "user.access_changed",
      entityType: "user",
      entityId: userId,
      before,
      after,
      reason: input.reason ?? null,
      ip,
    });
  });
  return { ok: true };
}

export async function revokeSession(db: DB, actor: CurrentUser, sessionId: string, ip: string): Promise<void> {
  if (actor.role !== "admin") forbidden();
  await db.transaction().execute(async (trx) => {
    const session = await trx
      .selectFrom("sessions")
      .select(["id", "user_id", "revoked_at"])
      .where("id", "=", sessionId)
      .executeTakeFirst();
    if (!session) notFound();
    if (session.revoked_at) return;
    await trx.updateTable("sessions").set({ revoked_at: nowIso() }).where("id", "=", sessionId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "session.revoked",
      entityType: "user",
      entityId: session.user_id,
      ip,
    });
  });
}
