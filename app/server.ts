/**
 * The production server behind `npm start`: applies pending migrations, seeds demo data into an empty database, then
 * serves the Remix build. `npm run build` compiles this file to `build/server/index.js`, which `npm start` runs with
 * plain Node once `app/build-if-stale.js` has built what is missing or older than the sources.
 */
import cluster from "node:cluster";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { seedIfEmpty } from "../db/seed";
import { closeDb, type DB, databaseLabel, getDb, migrateToLatest } from "./lib/db.server";
import { publicOrigin } from "./lib/public-url.server";
import { logFormat, requestIdAndLog } from "./lib/request-log.server";
import {
  dataVersion,
  notModified,
  SHARED_CACHE_CONTROL,
  SHARED_VARY,
  SharedPageCache,
  sharedPageKey,
  type SharedPageSlot,
} from "./lib/shared-pages.server";
import { parseTrustProxy } from "./lib/trust-proxy";
import { workerExecArgv, workerHeapMb } from "./lib/worker-heap";
import { type Scheduler, startScheduler } from "./scheduled-jobs.server";
import { sessionSecret } from "./lib/secret.server";

const root = process.cwd();
const buildFile = path.join(root, "build", "index.js");

/** Refuses a state-changing request whose Origin is not this site (CSRF defence beside SameSite cookies). */
function sameOriginOnly(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const expected = `${req.protocol}://${req.get("host")}`;
  if ((origin && origin !== "null" && origin !== expected) || origin === "null" || fetchSite === "cross-site") {
    res.status(403).type("text/plain; charset=utf-8").send("403 – Yêu cầu bị từ chối vì không xuất phát từ Cổng.");
    return;
  }
  next();
}

/**
 * The files of `public/` outside `/build`, looked up on disk only for a path under one of its top-level names (read
 * once at start): every other request (every page) would otherwise pay a failed stat and its error object.
 */
function publicFiles(dir: string): express.RequestHandler {
  const names = new Set(fs.readdirSync(dir).filter((name) => name !== "build"));
  const files = express.static(dir, { maxAge: "1h" });
  return (req, res, next) => {
    const first = req.path.split("/", 2)[1] ?? "";
    if (names.has(first)) return files(req, res, next);
    next();
  };
}

type ScriptSource = string | ((req: express.Request, res: express.Response) => string);

/** Helmet's headers, the Content-Security-Policy allowing scripts from this origin and `extraScript` only. */
function securityHeaders(...extraScript: ScriptSource[]): express.RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...(extraScript as Array<string>)],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * Serves an anonymous visitor's public page from memory while the data behind it is unchanged (README D70); on a miss
 * it hands the render a slot to store the page in (entry.server decides whether the page may be stored).
 */
function sharedPages(db: () => DB): express.RequestHandler {
  const cache = new SharedPageCache();
  // No nonce: a cached page has no inline script, and no visitor's nonce may be sent to another.
  const headers = securityHeaders();
  return (req, res, next) => {
    const key = sharedPageKey(req.method, req.originalUrl, req.get("cookie"));
    if (!key) return next();
    dataVersion(db()).then(
      (version) => {
        const page = cache.get(key, version);
        if (!page) {
          res.locals.sharedPage = cache.slot(key, version);
          return next();
        }
        headers(req, res, () => {
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.setHeader("Cache-Control", SHARED_CACHE_CONTROL);
          res.setHeader("Vary", SHARED_VARY);
          res.setHeader("ETag", page.etag);
          res.setHeader("X-Portal-Cache", "hit");
          if (notModified(req.get("if-none-match"), page.etag)) {
            res.status(304).end();
            return;
          }
          const gzip = /\bgzip\b/.test(req.get("accept-encoding") ?? "");
          const body = gzip ? page.gzip : page.html;
          if (gzip) res.setHeader("Content-Encoding", "gzip");
          res.setHeader("Content-Length", body.length);
          res.status(200).end(req.method === "HEAD" ? undefined : body);
        });
      },
      (error: unknown) => next(error),
    );
  };
}

/** Migrate and seed once, in the primary process, before any worker serves. */
async function prepare(): Promise<void> {
  const db = getDb();
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);
  const seeded = await seedIfEmpty(db);
  if (seeded) console.log("Demo data seeded (accounts are listed in README.md).");
  await closeDb();
  // Written once here so that workers never race to create it.
  sessionSecret();
}

/** Serves in this process; `scheduler` when this process also runs the scheduled jobs (one process, no workers). */
async function serve(scheduler?: Scheduler): Promise<void> {
  // React and Remix pick their production code from NODE_ENV when first loaded. Demo seeding has already
  // read the operator's NODE_ENV (unset on a newcomer's machine), so serving can now default to production.
  process.env.NODE_ENV ??= "production";
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  // Checked by the primary process at start-up (configure()).
  const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
  if (trustProxy !== false) app.set("trust proxy", trustProxy);
  // Before compression, so that the log counts the bytes sent; the id is set even when the log is off.
  app.use(
    requestIdAndLog({
      log: process.env.LOG_REQUESTS !== "0",
      format: logFormat(),
      trustIncomingId: trustProxy !== false,
    }),
  );
  // Before compression: a cached public page is sent already compressed (README D70).
  app.use(sharedPages(getDb));
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(securityHeaders((_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`));

  // Fingerprinted assets never change: cache them for a year.
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(publicFiles(path.join(root, "public")));
  app.use(sameOriginOnly);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? "unknown",
        requestId: res.locals.requestId as string,
        sharedPage: res.locals.sharedPage as SharedPageSlot | undefined,
      }),
    }),
  );

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, () => {
    if (!cluster.isWorker || cluster.worker?.id === 1)
      console.log(`Cổng ĐMST Quảng Ngãi: http://localhost:${port} (database ${databaseLabel()})`);
  });
  const stop = () => {
    // The jobs' leases are given up first, so that another instance takes them at its next tick.
    const leasesGivenUp = scheduler?.stop();
    server.close(
      () =>
        void Promise.resolve(leasesGivenUp)
          .then(() => closeDb())
          .then(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * Settings a server must not start without, checked before migrating. It runs while NODE_ENV is still
 * what the operator set (serve() defaults it to production later): NODE_ENV=production without PUBLIC_URL is refused,
 * while `npm start` with no environment gets http://localhost:$PORT. PUBLIC_URL is written back for the workers.
 */
function configure(): void {
  try {
    parseTrustProxy(process.env.TRUST_PROXY);
    workerHeapMb(process.env.WORKER_HEAP_MB);
    process.env.PUBLIC_URL = publicOrigin(process.env);
  } catch (error) {
    console.error(`The portal cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/**
 * One server process per core (WEB_CONCURRENCY overrides; 1 serves in this process). SQLite in WAL mode
 * lets the workers read at once; writes wait their turn (BEGIN IMMEDIATE, busy timeout).
 */
async function main(): Promise<void> {
  if (cluster.isWorker) return serve();
  configure();
  await prepare();
  const scheduler = startScheduler(getDb);
  const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism()));
  if (workers === 1) return serve(scheduler);
  process.env.NODE_ENV ??= "production";
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env) });
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    console.error(`Worker ${worker.process.pid} stopped (${code}); starting another.`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    const leasesGivenUp = scheduler.stop();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 3500).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) void leasesGivenUp.finally(() => process.exit(0));
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
