import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { twoFactorKey } from "./secret.server";

/** AES-256-GCM under a key derived from TWO_FACTOR_KEY: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
function key(): Buffer {
  return createHash("sha256").update(`two-factor:${twoFactorKey()}`).digest();
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    "v1",
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

/** Throws when the value was sealed under another key or altered: a configuration error, not a user's. */
export function openSecret(sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error("Not a sealed two-factor secret.");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
