import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, defaultLocale, isLocale, type Locale, type Messages } from "./i18n/locales";
import { noteFailedRequestId, RequestIdProvider } from "./ui/request-id";

const lang = document.documentElement.lang;
const locale: Locale = isLocale(lang) ? lang : defaultLocale;
// Only the page's language is downloaded, as a chunk of its own (the switch between languages reloads the document).
const catalogue: Promise<Messages> =
  locale === "en" ? import("./i18n/en").then((m) => m.en) : import("./i18n/vi").then((m) => m.vi);
const requestId = document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content || null;

// A client-side navigation that fails shows the failing data request's id, not the document's.
const fetchFromBrowser = window.fetch.bind(window);
window.fetch = async (...args: Parameters<typeof fetch>) => {
  const response = await fetchFromBrowser(...args);
  if (response.status >= 500) noteFailedRequestId(response.headers.get("X-Request-Id"));
  return response;
};

void catalogue.then((messages) => {
  const i18n = createI18n(locale, { [locale]: messages });
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
});
