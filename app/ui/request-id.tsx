/**
 * The id of the request a page came from, for the error page's "Mã lỗi". On the server it is the load
 * context's; in the browser it is read from the document (meta request-id) and, after a client-side
 * navigation fails, from the X-Request-Id of the failing data response.
 */
import { createContext, useContext } from "react";

const RequestIdContext = createContext<string | null>(null);
export const RequestIdProvider = RequestIdContext.Provider;

let lastFailedRequestId: string | null = null;

/** Called by the browser's fetch wrapper (entry.client.tsx) for each 5xx response. */
export function noteFailedRequestId(id: string | null): void {
  if (id) lastFailedRequestId = id;
}

export function useRequestId(): string | null {
  const documentId = useContext(RequestIdContext);
  return lastFailedRequestId ?? documentId;
}
