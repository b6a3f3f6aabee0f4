import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  groupSecret,
  hotp,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from "../../app/lib/totp";

const RFC_SHA1_KEY = Buffer.from("12345678901234567890");
const RFC_SHA1_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("HOTP (RFC 4226)", () => {
  it("gives the appendix D codes for counters 0 to 9", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    expect(expected.map((_, counter) => hotp(RFC_SHA1_KEY, counter))).toEqual(expected);
  });
});

describe("TOTP (RFC 6238 appendix B, 8 digits)", () => {
  const keys = {
    sha1: RFC_SHA1_KEY,
    sha256: Buffer.from("12345678901234567890123456789012"),
    sha512: Buffer.from("1234567890123456789012345678901234567890123456789012345678901234"),
  };
  const vectors: Array<[number, string, string, string]> = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  it.each(vectors)("at %i s gives the SHA-1, SHA-256 and SHA-512 codes of the RFC", (seconds, sha1, sha256, sha512) => {
    const step = totpStep(seconds * 1000);
    expect(hotp(keys.sha1, step, 8, "sha1")).toBe(sha1);
    expect(hotp(keys.sha256, step, 8, "sha256")).toBe(sha256);
    expect(hotp(keys.sha512, step, 8, "sha512")).toBe(sha512);
  });

  it("computes the 6-digit code from the base32 form of the RFC's key", () => {
    // The RFC's 8-digit code at 59 s is 94287082: its last six digits.
    expect(totpCode(RFC_SHA1_SECRET, totpStep(59_000))).toBe("287082");
  });
});

describe("base32 (RFC 4648)", () => {
  it("encodes the RFC's key as authenticator apps expect", () => {
    expect(base32Encode(RFC_SHA1_KEY)).toBe(RFC_SHA1_SECRET);
  });

  it("reads a secret typed in lower case, in groups, with padding", () => {
    expect(base32Decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq==")).toEqual(RFC_SHA1_KEY);
    expect(base32Decode(groupSecret(RFC_SHA1_SECRET))).toEqual(RFC_SHA1_KEY);
  });

  it("refuses characters outside the alphabet", () => {
    expect(base32Decode("GEZ1")).toBeNull();
    expect(base32Decode("")).toBeNull();
  });
});

describe("verifying a typed code", () => {
  const at = 1_700_000_000_000;
  const step = totpStep(at);

  it("accepts the current code and returns its step", () => {
    expect(verifyTotp(RFC_SHA1_SECRET, totpCode(RFC_SHA1_SECRET, step), { atMs: at, lastUsedStep: null })).toBe(step);
  });

  it("accepts the codes of one step before and after (a phone's clock 30 s off)", () => {
    expect(verifyTotp(RFC_SHA1_SECRET, totpCode(RFC_SHA1_SECRET, step - 1), { atMs: at, lastUsedStep: null })).toBe(
      step - 1,
    );
    expect(verifyTotp(RFC_SHA1_SECRET, totpCode(RFC_SHA1_SECRET, step + 1), { atMs: at, lastUsedStep: null })).toBe(
      step + 1,
    );
  });

  it("refuses codes two steps away", () => {
    expect(
      verifyTotp(RFC_SHA1_SECRET, totpCode(RFC_SHA1_SECRET, step - 2), { atMs: at, lastUsedStep: null }),
    ).toBeNull();
    expect(
      verifyTotp(RFC_SHA1_SECRET, totpCode(RFC_SHA1_SECRET, step + 2), { atMs: at, lastUsedStep: null }),
    ).toBeNull();
  });

  it("accepts a code once: not again, nor an earlier step's, after its step was used", () => {
    const code = totpCode(RFC_SHA1_SECRET, step);
    expect(verifyTotp(RFC_SHA1_SECRET, code, { atMs: at, lastUsedStep: step })).toBeNull();
    expect(
      verifyTotp(RFC_SHA1_SECRET, totpCode(RFC_SHA1_SECRET, step - 1), { atMs: at, lastUsedStep: step }),
    ).toBeNull();
    expect(verifyTotp(RFC_SHA1_SECRET, totpCode(RFC_SHA1_SECRET, step + 1), { atMs: at, lastUsedStep: step })).toBe(
      step + 1,
    );
  });

  it("reads a code typed with a space and refuses anything that is not six digits", () => {
    const code = totpCode(RFC_SHA1_SECRET, step);
    expect(verifyTotp(RFC_SHA1_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, { atMs: at, lastUsedStep: null })).toBe(
      step,
    );
    expect(verifyTotp(RFC_SHA1_SECRET, code.slice(1), { atMs: at, lastUsedStep: null })).toBeNull();
    expect(verifyTotp(RFC_SHA1_SECRET, "abcdef", { atMs: at, lastUsedStep: null })).toBeNull();
  });
});

describe("the otpauth URI", () => {
  it("names the issuer and the account and carries the parameters apps read", () => {
    const uri = otpauthUri({ secret: RFC_SHA1_SECRET, issuer: "Cổng ĐMST Quảng Ngãi", account: "a@b.vn" });
    expect(uri).toBe(
      `otpauth://totp/C%E1%BB%95ng%20%C4%90MST%20Qu%E1%BA%A3ng%20Ng%C3%A3i:a%40b.vn?secret=${RFC_SHA1_SECRET}&issuer=C%E1%BB%95ng%20%C4%90MST%20Qu%E1%BA%A3ng%20Ng%C3%A3i&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
