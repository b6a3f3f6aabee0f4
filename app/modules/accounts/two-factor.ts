/** Two-factor sign-in: the rules that need no database (TOTP itself is app/lib/totp.ts). */

export const RECOVERY_CODE_COUNT = 10;
/** Characters of a recovery code, before the hyphen that splits it in two for reading. */
export const RECOVERY_CODE_LENGTH = 10;

/** How long the second step of a login stays open, and how many wrong codes it takes. */
export const CHALLENGE_MINUTES = 10;
export const CHALLENGE_MAX_ATTEMPTS = 5;
/** Wrong codes across all of an account's challenges within the window, past which none is checked. */
export const CHALLENGE_WINDOW_MINUTES = 15;
export const MAX_FAILED_CODES_PER_WINDOW = 10;

export type LoginChallengeRow = { expires_at: string; closed_at: string | null; failed_attempts: number };

export function isChallengeOpen(challenge: LoginChallengeRow, now: string): boolean {
  return (
    challenge.closed_at === null && challenge.expires_at > now && challenge.failed_attempts < CHALLENGE_MAX_ATTEMPTS
  );
}

/** What a person typed: six digits are an authenticator's code, anything else is read as a recovery code. */
export function classifyCode(typed: string): { kind: "totp"; code: string } | { kind: "recovery"; code: string } {
  const digits = typed.replace(/\s/g, "");
  if (/^\d{6}$/.test(digits)) return { kind: "totp", code: digits };
  return { kind: "recovery", code: normaliseRecoveryCode(typed) };
}

/** Recovery codes are compared upper-case without spaces or hyphens, as people copy them from paper. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "");
}

/** XXXXX-XXXXX, the form shown and printed. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, RECOVERY_CODE_LENGTH / 2)}-${code.slice(RECOVERY_CODE_LENGTH / 2)}`;
}
