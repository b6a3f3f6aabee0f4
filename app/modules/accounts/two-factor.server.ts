/**
 * Two-factor sign-in: enrolment, recovery codes, the login challenge, disabling and the admin's reset.
 * Every enrolment, use of a recovery code, disabling, reset and wrong code is audited.
 */
import { randomBytes } from "node:crypto";
import { recordAudit } from "../../lib/audit.server";
import { isTwoFactorRequired, loginChallengeCookie, revokeUserSessions, type CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId, newReadableCode, newToken, sha256Hex } from "../../lib/ids.server";
import { verifyPassword } from "../../lib/password.server";
import { refuse, type Refusal } from "../../lib/outcome";
import { openSecret, sealSecret } from "../../lib/secret-box.server";
import { addMinutes, nowIso } from "../../lib/time.server";
import { base32Encode, otpauthUri, verifyTotp } from "../../lib/totp";
import {
  CHALLENGE_MAX_ATTEMPTS,
  CHALLENGE_MINUTES,
  CHALLENGE_WINDOW_MINUTES,
  classifyCode,
  formatRecoveryCode,
  isChallengeOpen,
  MAX_FAILED_CODES_PER_WINDOW,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
} from "./two-factor";

export const TOTP_ISSUER = "Cổng ĐMST Quảng Ngãi";

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export type TwoFactorState =
  | { status: "off" }
  | { status: "pending"; secret: string; uri: string }
  | { status: "on"; enabledAt: string; recoveryCodesLeft: number };

/** What the account page shows; the secret only while the enrolment waits for its first code. */
export async function twoFactorStateOf(db: DB, user: Pick<CurrentUser, "id" | "email">): Promise<TwoFactorState> {
  const row = await db
    .selectFrom("user_two_factor")
    .select(["secret_sealed", "enabled_at"])
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (!row) return { status: "off" };
  if (!row.enabled_at) {
    const secret = openSecret(row.secret_sealed);
    return { status: "pending", secret, uri: otpauthUri({ secret, issuer: TOTP_ISSUER, account: user.email }) };
  }
  const { count } = await db
    .selectFrom("two_factor_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", user.id)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return { status: "on", enabledAt: row.enabled_at, recoveryCodesLeft: Number(count) };
}

/** A new secret waiting for its first code (a pending one is replaced: the QR code on screen is the one that counts). */
export async function startEnrolment(db: DB, actor: CurrentUser): Promise<{ ok: true } | Refusal> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("user_two_factor")
      .select("enabled_at")
      .where("user_id", "=", actor.id)
      .executeTakeFirst();
    if (existing?.enabled_at) return refuse("twoFactor.alreadyOn");
    const now = nowIso();
    const sealed = sealSecret(newTotpSecret());
    if (existing) {
      await trx
        .updateTable("user_two_factor")
        .set({ secret_sealed: sealed, last_used_step: null, updated_at: now })
        .where("user_id", "=", actor.id)
        .execute();
    } else {
      await trx
        .insertInto("user_two_factor")
        .values({
          user_id: actor.id,
          secret_sealed: sealed,
          enabled_at: null,
          last_used_step: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    return { ok: true } as const;
  });
}

async function replaceRecoveryCodes(trx: DB, userId: string, now: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newReadableCode(RECOVERY_CODE_LENGTH));
  await trx.deleteFrom("two_factor_recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("two_factor_recovery_codes")
    .values(
      codes.map((code) => ({
        id: newId(),
        user_id: userId,
        code_hash: sha256Hex(code),
        created_at: now,
        used_at: null,
      })),
    )
    .execute();
  return codes.map(formatRecoveryCode);
}

async function auditFailedCode(
  trx: DB,
  userId: string,
  context: "enrolment" | "login" | "recovery_codes" | "disable",
  ip: string,
  extra: Record<string, unknown> = {},
) {
  await recordAudit(trx, {
    actorId: userId,
    action: "two_factor.code_failed",
    entityType: "user",
    entityId: userId,
    after: { context, ...extra },
    ip,
  });
}

/**
 * Accepts an authenticator code for the user's secret once: the step it matched becomes the last
 * used, in the same statement that checks it was not (two requests with one code: one wins).
 */
async function acceptTotp(trx: DB, userId: string, code: string, requireEnabled: boolean): Promise<boolean> {
  const row = await trx
    .selectFrom("user_two_factor")
    .select(["secret_sealed", "enabled_at", "last_used_step"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row || (requireEnabled && !row.enabled_at)) return false;
  const step = verifyTotp(openSecret(row.secret_sealed), code, { atMs: Date.now(), lastUsedStep: row.last_used_step });
  if (step === null) return false;
  const result = await trx
    .updateTable("user_two_factor")
    .set({ last_used_step: step, updated_at: nowIso() })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function acceptRecoveryCode(trx: DB, userId: string, typed: string): Promise<boolean> {
  const result = await trx
    .updateTable("two_factor_recovery_codes")
    .set({ used_at: nowIso() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", sha256Hex(normaliseRecoveryCode(typed)))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The first right code turns the enrolment on and gives the recovery codes, shown once. */
export async function confirmEnrolment(
  db: DB,
  actor: CurrentUser,
  code: string,
  ip: string,
): Promise<{ ok: true; recoveryCodes: string[] } | Refusal> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("user_two_factor")
      .select("enabled_at")
      .where("user_id", "=", actor.id)
      .executeTakeFirst();
    if (!row || row.enabled_at) return refuse("twoFactor.notPending");
    if (!(await acceptTotp(trx, actor.id, code, false))) {
      await auditFailedCode(trx, actor.id, "enrolment", ip);
      return refuse("twoFactor.wrongCode", { field: "code" });
    }
    const now = nowIso();
    await trx
      .updateTable("user_two_factor")
      .set({ enabled_at: now, updated_at: now })
      .where("user_id", "=", actor.id)
      .execute();
    const recoveryCodes = await replaceRecoveryCodes(trx, actor.id, now);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "two_factor.enrolled",
      entityType: "user",
      entityId: actor.id,
      after: { recoveryCodes: recoveryCodes.length },
      ip,
    });
    return { ok: true, recoveryCodes } as const;
  });
}

/** New recovery codes (the old ones stop working), against a current authenticator code. */
export async function regenerateRecoveryCodes(
  db: DB,
  actor: CurrentUser,
  code: string,
  ip: string,
): Promise<{ ok: true; recoveryCodes: string[] } | Refusal> {
  return db.transaction().execute(async (trx) => {
    if (!(await acceptTotp(trx, actor.id, code, true))) {
      await auditFailedCode(trx, actor.id, "recovery_codes", ip);
      return refuse("twoFactor.wrongCode", { field: "code" });
    }
    const recoveryCodes = await replaceRecoveryCodes(trx, actor.id, nowIso());
    await recordAudit(trx, {
      actorId: actor.id,
      action: "two_factor.recovery_codes_regenerated",
      entityType: "user",
      entityId: actor.id,
      after: { recoveryCodes: recoveryCodes.length },
      ip,
    });
    return { ok: true, recoveryCodes } as const;
  });
}

/** Turning it off takes the password and a current code; leaders and admins must keep it. */
export async function disableTwoFactor(
  db: DB,
  actor: CurrentUser,
  input: { password: string; code: string },
  ip: string,
): Promise<{ ok: true } | Refusal> {
  if (isTwoFactorRequired(actor.role)) return refuse("twoFactor.cannotDisable", { kind: "forbidden" });
  const user = await db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", actor.id)
    .executeTakeFirstOrThrow();
  const passwordMatches = await verifyPassword(input.password, user.password_hash);
  return db.transaction().execute(async (trx) => {
    if (!passwordMatches) return refuse("account.wrongPassword", { field: "password" });
    if (!(await acceptTotp(trx, actor.id, input.code, true))) {
      await auditFailedCode(trx, actor.id, "disable", ip);
      return refuse("twoFactor.wrongCode", { field: "code" });
    }
    await removeEnrolment(trx, actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "two_factor.disabled",
      entityType: "user",
      entityId: actor.id,
      ip,
    });
    return { ok: true } as const;
  });
}

async function removeEnrolment(trx: DB, userId: string): Promise<void> {
  await trx.deleteFrom("two_factor_recovery_codes").where("user_id", "=", userId).execute();
  await trx.deleteFrom("user_two_factor").where("user_id", "=", userId).execute();
  await trx
    .updateTable("login_challenges")
    .set({ closed_at: nowIso() })
    .where("user_id", "=", userId)
    .where("closed_at", "is", null)
    .execute();
}

/** Lost phone: an admin removes the enrolment and signs the person out; they enrol again (leaders and admins at once). */
export async function resetTwoFactor(
  db: DB,
  actor: CurrentUser,
  userId: string,
  reason: string,
  ip: string,
): Promise<{ ok: true } | Refusal> {
  if (actor.role !== "admin") forbidden();
  const outcome = await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
    if (!user) notFound();
    const row = await trx
      .selectFrom("user_two_factor")
      .select("enabled_at")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) return refuse("twoFactor.admin.notEnrolled");
    await removeEnrolment(trx, userId);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "two_factor.reset",
      entityType: "user",
      entityId: userId,
      before: { enabledAt: row.enabled_at },
      reason,
      ip,
    });
    return { ok: true } as const;
  });
  if (outcome.ok) await revokeUserSessions(db, userId, userId === actor.id ? actor.sessionId : undefined);
  return outcome;
}

/** For the admin's page: whether the account uses it, without anything secret. */
export async function twoFactorStatusOf(db: DB, userId: string): Promise<"off" | "pending" | "on"> {
  const row = await db
    .selectFrom("user_two_factor")
    .select("enabled_at")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return !row ? "off" : row.enabled_at ? "on" : "pending";
}

/**
 * After a right password: for an account with two-factor sign-in, a new challenge and the Set-Cookie
 * header that carries it (given instead of a session); null when the password is enough.
 */
export async function startLoginChallenge(
  db: DB,
  request: Request,
  input: { userId: string; redirectTo?: string; ip: string },
): Promise<string | null> {
  if ((await twoFactorStatusOf(db, input.userId)) !== "on") return null;
  const token = newToken();
  const now = nowIso();
  await db
    .insertInto("login_challenges")
    .values({
      id: sha256Hex(token),
      user_id: input.userId,
      redirect_to: input.redirectTo ?? null,
      failed_attempts: 0,
      ip: input.ip,
      created_at: now,
      expires_at: addMinutes(now, CHALLENGE_MINUTES),
      closed_at: null,
    })
    .execute();
  return loginChallengeCookie(request, token);
}

export async function findOpenChallenge(db: DB, token: string) {
  const row = await db.selectFrom("login_challenges").selectAll().where("id", "=", sha256Hex(token)).executeTakeFirst();
  return row && isChallengeOpen(row, nowIso()) ? row : null;
}

export type ChallengeAnswer =
  | { ok: true; userId: string; redirectTo: string | null; recoveryCodesLeft: number | null }
  | { ok: false; reason: "closed" }
  | { ok: false; reason: "throttled" }
  | { ok: false; reason: "wrongCode"; attemptsLeft: number };

/**
 * The second step: an authenticator code or a recovery code. A wrong one counts against the
 * challenge (void after five) and against the account (no code checked after ten in 15 minutes).
 */
export async function answerLoginChallenge(db: DB, token: string, typed: string, ip: string): Promise<ChallengeAnswer> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const challenge = await trx
      .selectFrom("login_challenges")
      .selectAll()
      .where("id", "=", sha256Hex(token))
      .executeTakeFirst();
    if (!challenge || !isChallengeOpen(challenge, now)) return { ok: false, reason: "closed" } as const;
    const { failures } = await trx
      .selectFrom("login_challenges")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("failed_attempts"), eb.lit(0)).as("failures"))
      .where("user_id", "=", challenge.user_id)
      .where("created_at", ">", addMinutes(now, -CHALLENGE_WINDOW_MINUTES))
      .executeTakeFirstOrThrow();
    if (Number(failures) >= MAX_FAILED_CODES_PER_WINDOW) return { ok: false, reason: "throttled" } as const;

    const code = classifyCode(typed);
    const accepted =
      code.kind === "totp"
        ? await acceptTotp(trx, challenge.user_id, code.code, true)
        : await acceptRecoveryCode(trx, challenge.user_id, code.code);
    if (!accepted) {
      const attempts = challenge.failed_attempts + 1;
      const locked = attempts >= CHALLENGE_MAX_ATTEMPTS;
      await trx
        .updateTable("login_challenges")
        .set({ failed_attempts: attempts, closed_at: locked ? now : null })
        .where("id", "=", challenge.id)
        .execute();
      await auditFailedCode(trx, challenge.user_id, "login", ip, {
        kind: code.kind,
        attempt: attempts,
        challengeLocked: locked,
      });
      return locked
        ? ({ ok: false, reason: "closed" } as const)
        : ({ ok: false, reason: "wrongCode", attemptsLeft: CHALLENGE_MAX_ATTEMPTS - attempts } as const);
    }
    await trx.updateTable("login_challenges").set({ closed_at: now }).where("id", "=", challenge.id).execute();
    let recoveryCodesLeft: number | null = null;
    if (code.kind === "recovery") {
      const { count } = await trx
        .selectFrom("two_factor_recovery_codes")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("user_id", "=", challenge.user_id)
        .where("used_at", "is", null)
        .executeTakeFirstOrThrow();
      recoveryCodesLeft = Number(count);
      await recordAudit(trx, {
        actorId: challenge.user_id,
        action: "two_factor.recovery_code_used",
        entityType: "user",
        entityId: challenge.user_id,
        after: { recoveryCodesLeft },
        ip,
      });
    }
    return { ok: true, userId: challenge.user_id, redirectTo: challenge.redirect_to, recoveryCodesLeft } as const;
  });
}
