import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { serverI18n } from "./i18n";
import { withoutZeroBytes } from "./lib/html-stream.server";
import { getLocale } from "./lib/locale.server";
import { SHARED_CACHE_CONTROL, SHARED_VARY } from "./lib/shared-pages.server";
import { formatErrorLog, logFormat } from "./lib/request-log.server";
import { NonceProvider } from "./ui/nonce";
import { wantsScripts } from "./ui/hydration";
import { RequestIdProvider } from "./ui/request-id";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const locale = await getLocale(request);
  const i18n = serverI18n(locale);
  const shared = sharedSlot(responseStatusCode, responseHeaders, remixContext, loadContext);
  // A page stored for every visitor carries no nonce (it has no script) and no request id (each hit has its own, in
  // the X-Request-Id header); it is rendered whole before it is stored.
  const nonce = shared ? "" : (loadContext.cspNonce ?? "");
  const callback = shared || isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestIdProvider value={shared ? null : (loadContext.requestId ?? null)}>
          <I18nextProvider i18n={i18n}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nextProvider>
        </RequestIdProvider>
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = withoutZeroBytes();
          body.once("close", () => clearTimeout(abortTimer));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (shared) {
            void text(body).then((html) => {
              const page = shared.store(html);
              responseHeaders.set("Cache-Control", SHARED_CACHE_CONTROL);
              responseHeaders.set("Vary", SHARED_VARY);
              responseHeaders.set("ETag", page.etag);
              responseHeaders.set("X-Portal-Cache", "miss");
              resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
            }, reject);
            pipe(body);
            return;
          }
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    // A render not finished within ABORT_DELAY is abandoned; the timer is cleared once the page's stream has closed,
    // or it would hold every finished render in memory for that long.
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * The load context's slot when this response may be stored for every anonymous visitor (README D70): a plain-HTML
 * page (`htmlOnly`), answered 200, that sets no cookie.
 */
function sharedSlot(status: number, headers: Headers, context: EntryContext, loadContext: AppLoadContext) {
  if (!loadContext.sharedPage || status !== 200 || headers.has("Set-Cookie")) return undefined;
  const matches = context.staticHandlerContext.matches.map((match) => ({
    handle: context.routeModules[match.route.id]?.handle,
  }));
  return wantsScripts(matches) ? undefined : loadContext.sharedPage;
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Unexpected errors of loaders and actions, logged once with the request id the user's error page shows. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs): void {
  if (request.signal.aborted) return;
  // A page that does not exist (or another 4xx answer Remix makes itself) is the visitor's, not a fault to log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(
    formatErrorLog(
      {
        time: new Date().toISOString(),
        requestId: context.requestId ?? null,
        method: request.method,
        url: request.url,
        error,
      },
      logFormat(),
    ),
  );
}
