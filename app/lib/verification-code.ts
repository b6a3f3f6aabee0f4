/**
 * A certificate's verification code as a person types it from paper: case, spaces and dashes do not matter
 * ("abcd efgh-jkmn" is ABCDEFGHJKMN). Null when what is left cannot be a code (letters and digits, 6 to 64).
 */
export function verificationCodeOf(typed: string): string | null {
  const code = typed
    .normalize("NFKC")
    .replace(/[\s\-–—.]/g, "")
    .toUpperCase();
  return /^[A-Z0-9]{6,64}$/.test(code) ? code : null;
}
