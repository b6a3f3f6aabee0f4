import { isIP } from "node:net";

/** What Express's "trust proxy" is set to: nothing trusted, a number of hops, or the proxies' addresses and subnets. */
export type TrustProxySetting = false | number | string[];

/** The names Express (proxy-addr) gives to the reserved ranges. */
const NAMED_RANGES = ["loopback", "linklocal", "uniquelocal"];

/**
 * Reads `TRUST_PROXY`: unset (or `0`, `false`) trusts no proxy and uses the socket's address; a whole number is how many
 * proxies stand in front (`1` for one nginx); otherwise a comma-separated list of the proxies' addresses or subnets
 * (`10.0.0.5`, `10.0.0.0/8`, `loopback`, `linklocal`, `uniquelocal`). `true` is refused: it would trust whatever
 * X-Forwarded-For a client writes, so every client could pick the IP address the login throttle counts.
 */
export function parseTrustProxy(value: string | undefined): TrustProxySetting {
  const text = (value ?? "").trim();
  if (text === "" || text === "0" || text.toLowerCase() === "false") return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text.toLowerCase() === "true") {
    throw new Error(
      "TRUST_PROXY=true would believe any X-Forwarded-For header a client sends. Set the number of proxies in front of the portal " +
        "(TRUST_PROXY=1 for one nginx) or their addresses (TRUST_PROXY=loopback when nginx runs on this machine, or e.g. 10.0.0.5,10.0.1.0/24).",
    );
  }
  const entries = text.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    if (!isProxyAddress(entry)) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not a number of proxies, an address, a subnet (10.0.0.0/8) nor one of ${NAMED_RANGES.join(", ")}.`,
      );
    }
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, range, extra] = entry.split("/");
  const family = isIP(address ?? "");
  if (!family || extra !== undefined) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4; // a netmask: 10.0.0.0/255.0.0.0
}
