import { describe, expect, it } from "vitest";
import { verificationCodeOf } from "../../app/lib/verification-code";

describe("a verification code as typed from paper", () => {
  it("ignores case, spaces, dashes and the blanks around it", () => {
    expect(verificationCodeOf("  abcd efgh-jkmn ")).toBe("ABCDEFGHJKMN");
    expect(verificationCodeOf("ABCD\u00a0EFGH\tJKMN")).toBe("ABCDEFGHJKMN");
  });
  it("takes codes of 6 to 64 letters and digits", () => {
    expect(verificationCodeOf("ABC234")).toBe("ABC234");
    expect(verificationCodeOf("A".repeat(64))).toBe("A".repeat(64));
  });
  it("refuses what cannot be a code: too short, too long, other signs, nothing", () => {
    expect(verificationCodeOf("ABC23")).toBeNull();
    expect(verificationCodeOf("A".repeat(65))).toBeNull();
    expect(verificationCodeOf("ABCD/EFGH")).toBeNull();
    expect(verificationCodeOf("mã-số-1234")).toBeNull();
    expect(verificationCodeOf("   ")).toBeNull();
  });
});
