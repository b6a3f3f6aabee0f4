import type { AppLoadContext } from "@remix-run/node";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { serverI18n } from "../../app/i18n";

/**
 * Renders one route's component to HTML as the server would, in Vietnamese, without a browser: for tests that look at
 * what a page shows (a link, a label, a refusal next to its field). `loader` and `action` are the route's own
 * functions, or stand-ins returning fixed data when the test already holds the loader's answer.
 */
export async function renderPage(options: {
  /** The route's path pattern, e.g. "/staff/competitions/:id/entries". */
  path: string;
  component: ComponentType;
  request: Request;
  loader?: unknown;
  action?: unknown;
  context?: AppLoadContext;
}): Promise<{ status: number; html: string }> {
  const handler = createStaticHandler([
    {
      id: "page",
      path: options.path,
      Component: options.component,
      loader: options.loader as never,
      action: options.action as never,
    },
  ]);
  const context = await handler.query(options.request, { requestContext: options.context });
  if (context instanceof Response) throw new Error(`the page answered ${context.status} for ${options.request.url}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    createElement(
      I18nextProvider,
      { i18n: serverI18n("vi") },
      createElement(StaticRouterProvider, { router, context }),
    ),
  );
  return { status: context.statusCode, html };
}

/** The page rendered from loader data the test already has (a GET of `url`). */
export async function renderWithData(component: ComponentType, path: string, url: string, loaderData: object) {
  const page = await renderPage({
    path,
    component,
    request: new Request(`http://localhost${url}`),
    loader: () => loaderData,
  });
  return page.html;
}
