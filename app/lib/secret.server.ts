import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "./db.server";

/** The variable's value, or a secret generated once into a file beside the database (never committed: data/ is ignored). */
function secretFromEnvOrFile(variable: string, fileName: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), fileName);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process wrote it first.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/** SESSION_SECRET, or `session-secret` beside the database: signs the session cookie. */
export function sessionSecret(): string {
  return secretFromEnvOrFile("SESSION_SECRET", "session-secret");
}

/**
 * TWO_FACTOR_KEY, or `two-factor-key` beside the database: seals the TOTP secrets. Separate from the
 * session secret so that rotating that one (signing everyone out) does not lose everyone's enrolment.
 */
export function twoFactorKey(): string {
  return secretFromEnvOrFile("TWO_FACTOR_KEY", "two-factor-key");
}
