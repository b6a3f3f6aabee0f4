/**
 * nginx from Debian as the reverse proxy in front of several portal instances, for the e2e tests: the committed site
 * configuration (tests/e2e/fixtures/nginx-portal.conf) inside a minimal main configuration written to a temporary
 * folder, nginx run in the foreground as a child of the test, stopped at the end. Plain Node: no vitest imports.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const NGINX_SITE_TEMPLATE = path.join(process.cwd(), "tests", "e2e", "fixtures", "nginx-portal.conf");

export function nginxBinary(): string | null {
  for (const dir of ["/usr/sbin", ...(process.env.PATH ?? "").split(path.delimiter)]) {
    const file = path.join(dir, "nginx");
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

/** Why the tests that need nginx cannot run here, or null when they can. */
export function nginxUnavailable(): string | null {
  const binary = nginxBinary();
  if (!binary) return "nginx not found (install Debian's nginx package)";
  if (spawnSync(binary, ["-v"]).status !== 0) return `${binary} -v failed`;
  return null;
}

/** The site configuration for one address in front of the instances (`host:port` each). */
export function nginxSiteConfig(listen: string, instances: readonly string[]): string {
  return fs
    .readFileSync(NGINX_SITE_TEMPLATE, "utf8")
    .replace("{{LISTEN}}", listen)
    .replace("{{INSTANCES}}", instances.map((instance) => `server ${instance};`).join("\n    "));
}

export type Nginx = {
  baseURL: string;
  /** nginx's access log: one line per request, `<method> <path> <status> <instance that answered>`. */
  accessLog(): string[];
  stop(): Promise<void>;
};

export async function startNginx(options: { port: number; instances: readonly string[] }): Promise<Nginx> {
  const binary = nginxBinary();
  if (!binary) throw new Error("nginx not found");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-nginx-"));
  // Run as root, nginx's workers switch to an unprivileged user: they must reach the temporary files in here.
  fs.chmodSync(dir, 0o755);
  const listen = `127.0.0.1:${options.port}`;
  fs.writeFileSync(path.join(dir, "portal.conf"), nginxSiteConfig(listen, options.instances));
  const at = (name: string) => path.join(dir, name);
  fs.writeFileSync(
    at("nginx.conf"),
    [
      "worker_processes 1;",
      `pid ${at("nginx.pid")};`,
      `error_log ${at("error.log")} warn;`,
      "events { worker_connections 512; }",
      "http {",
      "  log_format instance '$request_method $uri $status $upstream_addr';",
      `  access_log ${at("access.log")} instance;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
        (kind) => `  ${kind}_temp_path ${at(`${kind}_temp`)};`,
      ),
      `  include ${at("portal.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  const child = spawn(binary, ["-p", dir, "-c", at("nginx.conf"), "-g", "daemon off;"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => signal("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseURL = `http://${listen}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `nginx exited (${child.exitCode}): ${output}${fs.existsSync(at("error.log")) ? fs.readFileSync(at("error.log"), "utf8") : ""}`,
      );
    try {
      await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(1_000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not listen on ${listen}: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    baseURL,
    accessLog: () =>
      fs.existsSync(at("access.log")) ? fs.readFileSync(at("access.log"), "utf8").split("\n").filter(Boolean) : [],
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        signal("SIGTERM");
        const hardKill = setTimeout(() => signal("SIGKILL"), 5_000);
        await exited;
        clearTimeout(hardKill);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
