import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "./i18n/use-translation";
import { getUser } from "./lib/auth.server";
import { takeFlash } from "./lib/flash.server";
import { getLocale } from "./lib/locale.server";
import stylesheet from "./styles/app.css";
import { GeneralErrorBoundary } from "./ui/error-boundary";
import { wantsScripts } from "./ui/hydration";
import { navigationFor } from "./ui/navigation";
import { useNonce } from "./ui/nonce";
import { useRequestId } from "./ui/request-id";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Cổng Đổi mới sáng tạo Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale, flash] = await Promise.all([getUser(request), getLocale(request), takeFlash(request)]);
  return data(
    { user: user ? { id: user.id, fullName: user.fullName, role: user.role } : null, locale, flash: flash.message },
    flash.setCookie ? { headers: { "Set-Cookie": flash.setCookie } } : undefined,
  );
}

/**
 * The root loader is read again after every navigation and every submission, whatever its answer: the flash it
 * carries belongs to the one page after the action that set it, and a refused action (4xx), which Remix would not
 * revalidate by default, must not leave the previous page's banner above its error.
 */
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const nonce = useNonce();
  const requestId = useRequestId();
  const scripts = wantsScripts(useMatches());
  const locale = root?.locale ?? "vi";
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {requestId ? <meta name="request-id" content={requestId} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <Shell>{children}</Shell>
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const root = useRootData();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const user = root?.user ?? null;
  const locale = root?.locale ?? "vi";
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  const items = navigationFor(user?.role ?? null);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={user ? "/home" : "/"} className="brand">
            <span className="brand-mark" aria-hidden="true">
              ĐMST
            </span>
            <span>
              <strong>{t("app.name")}</strong>
              <small>{t("app.owner")}</small>
            </span>
          </Link>
          {/* A phone folds the menu under "Danh mục" without JavaScript; wider screens show it inline (app.css). */}
          <details className="site-menu">
            <summary>{t("app.menu")}</summary>
            <nav aria-label={t("app.menu")} className="site-nav">
              <ul>
                {items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === "/"}>
                      {t(item.labelKey)}
                    </NavLink>
                  </li>
                ))}
                {user ? (
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="link-button">
                        {t("nav.logout")}
                      </button>
                    </Form>
                  </li>
                ) : (
                  <>
                    <li>
                      <NavLink to="/login">{t("nav.login")}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/register">{t("nav.register")}</NavLink>
                    </li>
                  </>
                )}
                <li>
                  <Form method="post" action="/set-language" reloadDocument>
                    <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
                    <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
                    <button
                      type="submit"
                      className="link-button"
                      lang={locale === "vi" ? "en" : "vi"}
                      aria-label={`${t("app.language")}: ${t("app.switchTo")}`}
                    >
                      {t("app.switchTo")}
                    </button>
                  </Form>
                </li>
              </ul>
            </nav>
          </details>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {root?.flash ? (
          <p className="flash" role="status">
            {root.flash}
          </p>
        ) : null}
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t("app.footer")} · <Link to="/verify">{t("entryExtras.verifyForm.footerLink")}</Link>
        </p>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
