/**
 * What the server knows of the request being handled, reachable from any code it runs (loaders, auth)
 * without threading it through: the request id, and the user once a session has been read.
 * Kept on globalThis because app/server.ts and the Remix bundle each load their own copy of this module.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = { requestId: string; userId: string | null };

const holder = globalThis as typeof globalThis & { __portalRequestContext?: AsyncLocalStorage<RequestContext> };
holder.__portalRequestContext ??= new AsyncLocalStorage<RequestContext>();

export const requestContext: AsyncLocalStorage<RequestContext> = holder.__portalRequestContext;

/** Records who is making the request, for its log line. */
export function noteRequestUser(userId: string): void {
  const current = requestContext.getStore();
  if (current) current.userId = userId;
}
