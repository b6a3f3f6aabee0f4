/**
 * Starts the real server (`app/server.ts`: build if stale, migrate, seed the demo data) on a free port
 * with a database in a temporary directory, and tells the e2e tests where it is.
 */
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startPortal } from "../helpers/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databasePath: string;
  }
}

/** The same path tests/helpers/browser.ts launches (not imported: that module pulls in vitest's test hooks). */
const CHROMIUM_PATH = "/usr/bin/chromium";

export default async function setup({ provide }: TestProject) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`The e2e tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium); it is not there.`);
  }
  // The session secret is generated beside the temporary database; no mail leaves the machine.
  const portal = await startPortal();
  provide("baseURL", portal.baseURL);
  provide("databasePath", portal.databasePath);
  return async () => {
    await portal.stop();
    fs.rmSync(portal.dir, { recursive: true, force: true });
  };
}
