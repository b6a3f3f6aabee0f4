import { describe, expect, it } from "vitest";
import {
  CHALLENGE_MAX_ATTEMPTS,
  classifyCode,
  formatRecoveryCode,
  isChallengeOpen,
  normaliseRecoveryCode,
} from "../../app/modules/accounts/two-factor";

describe("what a person types at the second step", () => {
  it("reads six digits, spaces allowed, as an authenticator code", () => {
    expect(classifyCode(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
  });

  it("reads anything else as a recovery code, upper-cased without spaces or hyphens", () => {
    expect(classifyCode("abcde-fgh23")).toEqual({ kind: "recovery", code: "ABCDEFGH23" });
    expect(classifyCode("12345")).toEqual({ kind: "recovery", code: "12345" });
  });

  it("shows a recovery code in two halves and reads it back the same", () => {
    expect(formatRecoveryCode("ABCDE23456")).toBe("ABCDE-23456");
    expect(normaliseRecoveryCode(formatRecoveryCode("ABCDE23456").toLowerCase())).toBe("ABCDE23456");
  });
});

describe("a login challenge", () => {
  const now = "2026-12-01T10:00:00.000Z";
  const open = { expires_at: "2026-12-01T10:05:00.000Z", closed_at: null, failed_attempts: 0 };

  it("is open until it expires", () => {
    expect(isChallengeOpen(open, now)).toBe(true);
    expect(isChallengeOpen({ ...open, expires_at: now }, now)).toBe(false);
  });

  it("is void after five wrong codes or once passed", () => {
    expect(isChallengeOpen({ ...open, failed_attempts: CHALLENGE_MAX_ATTEMPTS - 1 }, now)).toBe(true);
    expect(isChallengeOpen({ ...open, failed_attempts: CHALLENGE_MAX_ATTEMPTS }, now)).toBe(false);
    expect(isChallengeOpen({ ...open, closed_at: now }, now)).toBe(false);
  });
});
