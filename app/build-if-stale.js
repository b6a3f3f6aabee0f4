/**
 * Runs `npm run build` when the Remix build or the compiled server is missing or older than the sources, so that
 * `npm start` on a fresh clone builds, then starts plain Node. Plain JavaScript: it runs before anything is compiled.
 * SKIP_BUILD=1 skips the check (a server started again on a build already known to be fresh).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const outputs = [path.join(root, "build", "index.js"), path.join(root, "build", "server", "index.js")];
const sources = [path.join(root, "app"), path.join(root, "db")];

function newestTime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!outputs.every((file) => fs.existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  return built < Math.max(...sources.map(newestTime));
}

if (process.env.SKIP_BUILD !== "1" && isStale()) {
  console.log("Building the app (npm run build)…");
  // Always a production build, whatever NODE_ENV the caller runs under (a test runner sets "test").
  const result = spawnSync("npm", ["run", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error("The build failed: the portal cannot start.");
    process.exit(1);
  }
}
