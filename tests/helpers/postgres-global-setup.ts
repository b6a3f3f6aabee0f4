/**
 * Global setup of the PostgreSQL run of the integration suite: one throwaway cluster for the whole run and
 * a migrated template database; each test file then gets its own copy (setup-integration.ts).
 */
import type { TestProject } from "vitest/node";
import { migrateToLatest, openDatabase } from "../../app/lib/db.server";
import { startPostgresCluster } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export const TEMPLATE_DATABASE = "portal_template";

export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  const db = openDatabase(await cluster.createDatabase(TEMPLATE_DATABASE));
  await migrateToLatest(db);
  await db.destroy();
  project.provide("postgresAdminUrl", cluster.url());
  return async () => {
    await cluster.stop();
  };
}
