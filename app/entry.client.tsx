import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, isLocale, defaultLocale } from "./i18n";
import { noteFailedRequestId, RequestIdProvider } from "./ui/request-id";

const lang = document.documentElement.lang;
const i18n = createI18n(isLocale(lang) ? lang : defaultLocale);
const requestId = document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content || null;

// A client-side navigation that fails shows the failing data request's id, not the document's.
const fetchFromBrowser = window.fetch.bind(window);
window.fetch = async (...args: Parameters<typeof fetch>) => {
  const response = await fetchFromBrowser(...args);
  if (response.status >= 500) noteFailedRequestId(response.headers.get("X-Request-Id"));
  return response;
};

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestIdProvider value={requestId}>
        <I18nextProvider i18n={i18n}>
          <RemixBrowser />
        </I18nextProvider>
      </RequestIdProvider>
    </StrictMode>,
  );
});
