/**
 * Starts the real portal as `npm start` does (`app/build-if-stale.js`, then the compiled server
 * `build/server/index.js` under plain Node: migrate, seed, serve) on a free port with its own database folder. Used by the e2e global setup and by the suites that need a server of their own
 * (concurrency, durability). Plain Node: no vitest hooks here, so the global setup can import it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const STARTUP_TIMEOUT_MS = 180_000;

export type Portal = {
  baseURL: string;
  /** The SQLite file, when the server runs on one (else empty). */
  databasePath: string;
  /** What `openDatabase()` opens to reach the server's data: its SQLite file or its PostgreSQL URL. */
  database: string;
  dir: string;
  /** SIGTERM to the server's process group, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group at once: a crash, as a power cut would be for the processes. */
  kill(): Promise<void>;
  output(): string;
};

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

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    // The child leads its own process group: this reaches it and anything it started, nothing else.
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export type PortalOptions = {
  /** Keeps the database between starts (a restart after a crash); a new temporary folder by default. */
  dir?: string;
  /** Serve an existing database (e.g. the e2e suite's) instead of `dir/portal.db`. */
  databasePath?: string;
  /** Serve this PostgreSQL database (`DATABASE_URL`) instead of a SQLite file; the secrets and uploads stay in `dir`. */
  databaseUrl?: string;
  /** Adds to or overrides the server's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
};

/** `npm start`'s first step; a failed build fails the test with the build's output. */
function buildIfStale(root: string, env: Record<string, string | undefined>): void {
  const result = spawnSync(process.execPath, [path.join(root, "app", "build-if-stale.js")], {
    cwd: root,
    env: env as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`The build failed:\n${result.stdout}${result.stderr}`);
}

/** The server process, started but not waited for (a test of a refused start reads its exit and output). */
export async function spawnPortal(options: PortalOptions = {}): Promise<Portal & { child: ChildProcess }> {
  const root = process.cwd();
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "portal-server-"));
  const databaseUrl = options.databaseUrl;
  const databasePath = databaseUrl ? "" : (options.databasePath ?? path.join(dir, "portal.db"));
  const port = options.env?.PORT ? Number(options.env.PORT) : await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // As on a newcomer's machine: no NODE_ENV (vitest sets "test"), so demo data is seeded and production React served.
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_PATH: databaseUrl ? undefined : databasePath,
    DATABASE_URL: databaseUrl,
    DATA_DIR: databaseUrl ? dir : undefined,
    PUBLIC_URL: baseURL,
    LOG_REQUESTS: "0",
    SCHEDULED_JOBS: "0",
    NODE_ENV: undefined,
    SESSION_SECRET: undefined,
    SMTP_URL: undefined,
    SKIP_BUILD: undefined,
    TRUST_PROXY: undefined,
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];

  buildIfStale(root, env);
  const child = spawn(process.execPath, [path.join(root, "build", "server", "index.js")], {
    cwd: root,
    env: env as unknown as NodeJS.ProcessEnv, // the Remix types declare NODE_ENV always set; here it is deliberately absent
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Should the test runner die without stopping it, the server must not outlive it.
  const killOnExit = () => signalGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-50_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.once("exit", () => process.off("exit", killOnExit));

  return {
    child,
    baseURL,
    databasePath,
    database: databaseUrl ?? databasePath,
    dir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && signalGroup(child, "SIGTERM")) {
        const hardKill = setTimeout(() => signalGroup(child, "SIGKILL"), 5_000);
        await exited(child);
        clearTimeout(hardKill);
      }
    },
    async kill() {
      if (signalGroup(child, "SIGKILL")) await exited(child);
    },
  };
}

/** The server, answering /healthz. */
export async function startPortal(options: PortalOptions = {}): Promise<Portal> {
  const portal = await spawnPortal(options);
  const { child } = portal;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The portal server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${portal.output()}`,
      );
    }
    if (await isHealthy(portal.baseURL)) break;
    if (Date.now() > deadline) {
      await portal.stop();
      throw new Error(
        `The portal server did not answer ${portal.baseURL}/healthz within ${STARTUP_TIMEOUT_MS / 1000} s:\n${portal.output()}`,
      );
    }
    await sleep(250);
  }
  return portal;
}

/** How a server that refuses to start ends: its exit code and what it printed. */
export function exitOf(portal: {
  child: ChildProcess;
  output: () => string;
}): Promise<{ code: number | null; output: string }> {
  if (portal.child.exitCode !== null) return Promise.resolve({ code: portal.child.exitCode, output: portal.output() });
  return new Promise((resolve) => portal.child.once("exit", (code) => resolve({ code, output: portal.output() })));
}
