/**
 * A throwaway PostgreSQL cluster for the tests, from Debian's `postgresql` binaries (initdb, pg_ctl):
 * initdb into a temporary folder, a free port on 127.0.0.1, no service needed beforehand, stopped at the end.
 * Plain Node (no vitest imports): the vitest config, global setups and e2e suites all use it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./server";

/** The folder holding initdb and pg_ctl: PG_BIN, then PATH, then Debian's /usr/lib/postgresql/<newest>/bin. */
export function postgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) candidates.push(dir);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, "bin"));
  }
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")))
      return fs.realpathSync(path.dirname(fs.realpathSync(path.join(dir, "initdb"))));
  }
  return null;
}

/** Why the PostgreSQL suites cannot run here, or null when they can. */
export function postgresUnavailable(): string | null {
  if (process.env.PORTAL_TEST_POSTGRES === "0") return "PORTAL_TEST_POSTGRES=0";
  if (!postgresBinDir()) return "initdb/pg_ctl not found (install Debian's postgresql package, or set PG_BIN)";
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0)
    return "running as root without a 'postgres' user to run the cluster as";
  return null;
}

export type PostgresCluster = {
  /** postgres://portal@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  port: number;
  dir: string;
  /** A new empty database, or a copy of `template`. */
  createDatabase(name: string, template?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
};

const USER = "portal";

/**
 * initdb refuses to run as root; under root (CI) the cluster runs as Debian's `postgres` user. The locale
 * is C: text sorts byte by byte as in SQLite, and lower() changes ASCII letters only, as SQLite's does.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL binaries not found");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  const dataDir = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]]
      : [path.join(bin, command), args];
    return execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  };
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  fs.chmodSync(dir, 0o700);
  run("initdb", ["-D", dataDir, "-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
    "-c shared_buffers=64MB",
  ].join(" ");
  run("pg_ctl", ["-D", dataDir, "-o", settings, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const url = (database = "postgres") => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopNow);
  return {
    url,
    port,
    dir,
    async createDatabase(name, template) {
      await admin((c) => c.query(`create database "${name}"${template ? ` template "${template}"` : ""}`));
      return url(name);
    },
    async dropDatabase(name) {
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
    async stop() {
      process.off("exit", stopNow);
      stopNow();
    },
  };
}
