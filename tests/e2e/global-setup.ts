/**
 * Starts the real server (as `npm start`: build if stale, then the compiled server migrates and seeds) on a free port
 * with a database of its own, and tells the e2e tests where it is. The engine is the project's
 * `E2E_DATABASE`: `sqlite` (default, a file in a temporary directory) or `postgres` (a database on a
 * throwaway cluster, which the suites that start servers of their own also use for their databases).
 */
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startPostgresCluster } from "../helpers/postgres";
import { startPortal } from "../helpers/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** The suite's database as `openDatabase()` takes it: the SQLite file or the PostgreSQL URL. */
    database: string;
    /** The folder holding the suite server's secrets and uploads. */
    dataDir: string;
    /** The cluster's maintenance database on PostgreSQL (to create more databases), empty on SQLite. */
    e2ePostgresAdminUrl: string;
  }
}

/** The same path tests/helpers/browser.ts launches (not imported: that module pulls in vitest's test hooks). */
const CHROMIUM_PATH = "/usr/bin/chromium";

type E2eEngine = "sqlite" | "postgres";

function e2eEngine(env: Record<string, string | undefined>): E2eEngine {
  const value = env.E2E_DATABASE ?? "sqlite";
  if (value !== "sqlite" && value !== "postgres")
    throw new Error(`E2E_DATABASE must be sqlite or postgres, not ${value}`);
  return value;
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`The e2e tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium); it is not there.`);
  }
  // The project's `env` (vitest.config.ts) reaches the test workers, not this process: read it from the config.
  const engine = e2eEngine({ ...process.env, ...project.config.env });
  const cluster = engine === "postgres" ? await startPostgresCluster() : null;
  try {
    // The session secret is generated in the server's folder; no mail leaves the machine.
    const portal = await startPortal(cluster ? { databaseUrl: await cluster.createDatabase("portal_e2e") } : {});
    project.provide("baseURL", portal.baseURL);
    project.provide("database", portal.database);
    project.provide("dataDir", portal.dir);
    project.provide("e2ePostgresAdminUrl", cluster?.url() ?? "");
    return async () => {
      await portal.stop();
      // What the server printed (the stack of a 500, say), kept for reading after the run.
      fs.mkdirSync("test-results", { recursive: true });
      fs.writeFileSync(`test-results/e2e-${engine}-server.log`, portal.output());
      fs.rmSync(portal.dir, { recursive: true, force: true });
      await cluster?.stop();
    };
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
}
