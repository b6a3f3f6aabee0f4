/**
 * The server's route matching is patched (app/patches, README D81) to rank the routes once and keep the matches of
 * paths already seen. Node loads the CommonJS build, so that is the one tested here (Vite would pick the ES build).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof Router;

type Route = Router.AgnosticRouteObject;

// The shapes the portal's routes take: a root, index routes, pathless layouts, nested params, a dynamic segment beside
// a static one, an optional segment, a splat and a case-sensitive path.
const tree = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "login", path: "login" },
      {
        id: "staff",
        path: "staff",
        children: [
          { id: "staff-home", index: true },
          {
            id: "editions",
            path: "competitions/:edition",
            children: [
              { id: "entries", path: "entries" },
              { id: "entry", path: "entries/:entry" },
              { id: "entries-export", path: "entries/export" },
            ],
          },
          { id: "sme", path: "sme/:dossier?" },
        ],
      },
      { id: "layout", children: [{ id: "verify", path: "verify/:code" }] },
      { id: "exact", path: "Exact", caseSensitive: true },
      { id: "splat", path: "*" },
    ],
  },
];

const paths = [
  "/",
  "/login",
  "/login/",
  "/staff",
  "/staff/competitions/edition-2022/entries",
  "/staff/competitions/edition-2022/entries/export",
  "/staff/competitions/edition-2022/entries/42",
  "/staff/sme",
  "/staff/sme/d-1",
  "/verify/QN2022GIAI1",
  "/verify/m%E1%BB%99t%20m%C3%A3",
  "/Exact",
  "/exact",
  "/no/such/page",
];

const summary = (matches: ReturnType<typeof router.matchRoutes>) =>
  matches?.map((match) => ({
    id: match.route.id,
    params: { ...match.params },
    pathname: match.pathname,
    pathnameBase: match.pathnameBase,
  })) ?? null;

describe("the patched route matching", () => {
  it("is the CommonJS build Node loads, with the patch applied (npm ci runs patch-package)", () => {
    const file = require.resolve("@remix-run/router");
    expect(file).toMatch(/router\.cjs\.js$/);
    expect(fs.readFileSync(file, "utf8")).toContain("Patched by the portal");
    expect(fs.readFileSync(require.resolve("react-router-dom/server"), "utf8")).toContain("dataRoutesCache");
    expect(fs.readFileSync(require.resolve("@remix-run/react/dist/server.js"), "utf8")).toContain("serverRoutesCache");
  });

  it("matches every path as a first match over fresh route objects does, on the first call and from its cache", () => {
    const routes = tree();
    for (const path of paths) {
      const fresh = summary(router.matchRoutes(tree(), path));
      expect(summary(router.matchRoutes(routes, path)), path).toEqual(fresh);
      expect(summary(router.matchRoutes(routes, path)), `${path}, again`).toEqual(fresh);
    }
    expect(summary(router.matchRoutes(routes, "/staff/sme/d-1"))?.at(-1)).toMatchObject({
      id: "sme",
      params: { dossier: "d-1" },
    });
    expect(summary(router.matchRoutes(routes, "/exact"))?.at(-1)?.id).toBe("splat");
  });

  it("hands out copies: a caller changing its matches does not change the next caller's", () => {
    const routes = tree();
    const first = router.matchRoutes(routes, "/staff/competitions/edition-2022/entries/42")!;
    (first[0].params as Record<string, string>).edition = "changed";
    first.pop();
    const second = router.matchRoutes(routes, "/staff/competitions/edition-2022/entries/42")!;
    expect(second.map((match) => match.route.id)).toEqual(["root", "staff", "editions", "entry"]);
    expect(second[0].params).toEqual({ edition: "edition-2022", entry: "42" });
    // One params object for the whole match, as before the patch.
    expect(second[0].params).toBe(second[3].params);
  });

  it("keeps matching correctly beyond its cache's size and for long paths", () => {
    const routes = tree();
    for (let i = 0; i < 1_100; i++) router.matchRoutes(routes, `/verify/code-${i}`);
    expect(summary(router.matchRoutes(routes, "/verify/code-0"))?.at(-1)?.params).toEqual({ code: "code-0" });
    const long = `/verify/${"x".repeat(400)}`;
    expect(summary(router.matchRoutes(routes, long))?.at(-1)?.params).toEqual({ code: "x".repeat(400) });
  });

  it("compiles a pattern once and gives the same answers as before (matchPath)", () => {
    expect(router.matchPath("/verify/:code", "/verify/ABC")?.params).toEqual({ code: "ABC" });
    expect(router.matchPath({ path: "/verify", end: false }, "/verify/ABC")?.pathnameBase).toBe("/verify");
    expect(router.matchPath({ path: "/verify", end: true }, "/verify/ABC")).toBeNull();
    expect(router.matchPath({ path: "/Exact", caseSensitive: true }, "/exact")).toBeNull();
    expect(router.matchPath({ path: "/Exact", caseSensitive: false }, "/exact")).not.toBeNull();
  });
});
