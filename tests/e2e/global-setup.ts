/**
 * Starts the real server (`app/server.ts`: build if stale, migrate, seed the demo data) on a free port
 * with a database in a temporary directory, and tells the e2e tests where it is.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databasePath: string;
  }
}

const STARTUP_TIMEOUT_MS = 180_000;
/** The same path tests/helpers/browser.ts launches (not imported: that module pulls in vitest's test hooks). */
const CHROMIUM_PATH = "/usr/bin/chromium";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const pid = child.pid!;
    const hardKill = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(hardKill);
      resolve();
    });
    try {
      // The child leads its own process group: this reaches it and anything it started (e.g. a build), nothing else.
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(hardKill);
      resolve();
    }
  });
}

export default async function setup({ provide }: TestProject) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`The e2e tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium); it is not there.`);
  }

  const root = process.cwd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const databasePath = path.join(dir, "portal.db");
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  // The server runs as `npm start` does on a newcomer's machine: no NODE_ENV (vitest sets "test"), so it
  // seeds the demo data and serves production React — the same code users get.
  // Links in e-mails and QR codes point where the tests reach the server.
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, PUBLIC_URL: baseURL, LOG_REQUESTS: "0", SCHEDULED_JOBS: "0" };
  delete env.NODE_ENV;
  // The session secret is generated beside the temporary database; no mail leaves the machine.
  delete env.SESSION_SECRET;
  delete env.SMTP_URL;
  delete env.SKIP_BUILD;
  delete env.TRUST_PROXY;

  const child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "app/server.ts"], {
    cwd: root,
    env: env as unknown as NodeJS.ProcessEnv, // the Remix types declare NODE_ENV always set; here it is deliberately absent
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Should vitest die without running the teardown, the server must not outlive it.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killOnExit);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  const teardown = async () => {
    await stopServer(child);
    process.off("exit", killOnExit);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The portal server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
      }
      if (await isHealthy(baseURL)) break;
      if (Date.now() > deadline) throw new Error(`The portal server did not answer ${baseURL}/healthz within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`);
      await sleep(250);
    }
  } catch (error) {
    await teardown();
    throw error;
  }

  provide("baseURL", baseURL);
  provide("databasePath", databasePath);
  return teardown;
}
