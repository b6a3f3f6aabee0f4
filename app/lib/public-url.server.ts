/**
 * The portal's own address, for every absolute link it hands out (e-mails, QR codes on certificates, verification
 * links). It comes from configuration (`PUBLIC_URL`), never from a request: the Host header is the client's to write,
 * and a reset link built from it would point to whatever site the client named.
 */

/** `PUBLIC_URL` as an origin (`https://host[:port]`); refuses anything but an http(s) address without path or query. */
export function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`PUBLIC_URL="${value}" is not an address; write it as https://doimoisangtao.example.vn`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error(`PUBLIC_URL="${value}" must start with https:// (or http://)`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    throw new Error(
      `PUBLIC_URL="${value}" must be the site's address alone (scheme, host, port), without path, query or credentials`,
    );
  }
  return url.origin;
}

/**
 * The configured origin; without `PUBLIC_URL`, http://localhost:$PORT, but never in production. app/server.ts calls
 * this before anything else, while NODE_ENV is still the operator's: an operator who set NODE_ENV=production gets a
 * start-up error, `npm start` on a newcomer's machine (NODE_ENV unset) gets localhost, written into PUBLIC_URL for
 * the workers before the server defaults NODE_ENV to production.
 */
export function publicOrigin(env: { PUBLIC_URL?: string; NODE_ENV?: string; PORT?: string } = process.env): string {
  if (env.PUBLIC_URL) return parsePublicUrl(env.PUBLIC_URL);
  if (env.NODE_ENV === "production") {
    throw new Error(
      "PUBLIC_URL must be set when NODE_ENV=production: the address users reach the portal at, e.g. PUBLIC_URL=https://doimoisangtao.example.vn (links in e-mails and QR codes are built from it).",
    );
  }
  return `http://localhost:${env.PORT ?? 3000}`;
}

/** An absolute link to a path of the portal: `publicUrl("/reset-password?token=…")`. */
export function publicUrl(path: string): string {
  if (!path.startsWith("/")) throw new Error(`publicUrl takes a path starting with "/", not ${path}`);
  return `${publicOrigin()}${path}`;
}
