import { beforeAll, describe, expect, it } from "vitest";
import type * as SecretBox from "../../app/lib/secret-box.server";

describe("sealed two-factor secrets", () => {
  let box: typeof SecretBox;
  beforeAll(async () => {
    process.env.TWO_FACTOR_KEY = "unit-test-two-factor-key";
    box = await import("../../app/lib/secret-box.server");
  });

  it("opens what it sealed, and seals the same secret differently each time", () => {
    const first = box.sealSecret("JBSWY3DPEHPK3PXP");
    const second = box.sealSecret("JBSWY3DPEHPK3PXP");
    expect(first).not.toContain("JBSWY3DPEHPK3PXP");
    expect(first).not.toBe(second);
    expect(box.openSecret(first)).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses a sealed value that was altered or sealed under another key", () => {
    const sealed = box.sealSecret("JBSWY3DPEHPK3PXP");
    const [version, iv, tag, ciphertext] = sealed.split(".");
    const altered = [version, iv, tag, `${ciphertext[0] === "A" ? "B" : "A"}${ciphertext.slice(1)}`].join(".");
    expect(() => box.openSecret(altered)).toThrow();
    process.env.TWO_FACTOR_KEY = "another-key";
    try {
      expect(() => box.openSecret(sealed)).toThrow();
    } finally {
      process.env.TWO_FACTOR_KEY = "unit-test-two-factor-key";
    }
  });
});
