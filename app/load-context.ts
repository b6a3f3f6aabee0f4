import type { SharedPageSlot } from "./lib/shared-pages.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The Content-Security-Policy nonce of this response, for Remix's inline scripts. */
    cspNonce: string;
    /** The client's address as Express sees it (behind a proxy when TRUST_PROXY is set). */
    clientIp: string;
    /** This request's id (X-Request-Id), shown on the error page and written in the logs. */
    requestId: string;
    /** Set when this anonymous request may be served to every visitor alike: the render stores its page here. */
    sharedPage?: SharedPageSlot;
  }
}

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
