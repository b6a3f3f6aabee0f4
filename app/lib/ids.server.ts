import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";

export function newId(): string {
  return randomUUID();
}

/** A random token for a cookie or an e-mailed link; only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256Hex(data: string | Buffer | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** A code people read off paper and type (certificates): no 0/O, 1/I/L, and no punctuation. */
export function newReadableCode(length = 12): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}
