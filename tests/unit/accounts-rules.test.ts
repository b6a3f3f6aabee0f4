import { describe, expect, it } from "vitest";
import { isLoginThrottled, isMailRequestAllowed, isResetTokenUsable } from "../../app/modules/accounts/rules";

describe("isLoginThrottled", () => {
  it("lets an account with 4 recent failures try again", () => {
    expect(isLoginThrottled({ account: 4, ip: 0 })).toBe(false);
  });

  it("throttles an account after 5 failures", () => {
    expect(isLoginThrottled({ account: 5, ip: 0 })).toBe(true);
  });

  it("lets an address with 29 recent failures try again", () => {
    expect(isLoginThrottled({ account: 0, ip: 29 })).toBe(false);
  });

  it("throttles an address after 30 failures, whatever the account", () => {
    expect(isLoginThrottled({ account: 0, ip: 30 })).toBe(true);
  });

  it("does not throttle a clean slate", () => {
    expect(isLoginThrottled({ account: 0, ip: 0 })).toBe(false);
  });
});

describe("isResetTokenUsable", () => {
  const now = "2025-07-01T10:00:00.000Z";

  it("accepts an unused token that expires later", () => {
    expect(isResetTokenUsable({ expires_at: "2025-07-01T10:30:00.000Z", used_at: null }, now)).toBe(true);
  });

  it("refuses an expired token", () => {
    expect(isResetTokenUsable({ expires_at: "2025-07-01T09:59:59.999Z", used_at: null }, now)).toBe(false);
  });

  it("refuses a token at the very instant it expires", () => {
    expect(isResetTokenUsable({ expires_at: now, used_at: null }, now)).toBe(false);
  });

  it("refuses a token already used, even before it expires", () => {
    expect(
      isResetTokenUsable({ expires_at: "2025-07-01T10:30:00.000Z", used_at: "2025-07-01T09:50:00.000Z" }, now),
    ).toBe(false);
  });
});

describe("isMailRequestAllowed", () => {
  it("sends a third reset link to one address within the hour, not a fourth", () => {
    expect(isMailRequestAllowed("password_reset", { address: 2, ip: 0 })).toBe(true);
    expect(isMailRequestAllowed("password_reset", { address: 3, ip: 0 })).toBe(false);
  });

  it("sends reset links asked from one network to 10 addresses within the hour, not 11", () => {
    expect(isMailRequestAllowed("password_reset", { address: 0, ip: 9 })).toBe(true);
    expect(isMailRequestAllowed("password_reset", { address: 0, ip: 10 })).toBe(false);
  });

  it("lets a workshop register 20 teams from one network within the hour, not 21", () => {
    expect(isMailRequestAllowed("registration", { address: 0, ip: 19 })).toBe(true);
    expect(isMailRequestAllowed("registration", { address: 0, ip: 20 })).toBe(false);
  });
});
