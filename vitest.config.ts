import { defineConfig } from "vitest/config";
import { postgresUnavailable } from "./tests/helpers/postgres";

// The integration and browser suites run on both engines: SQLite always, PostgreSQL when Debian's binaries are here.
const noPostgres = postgresUnavailable();
if (noPostgres && !process.env.VITEST_WORKER_ID)
  console.log(`PostgreSQL suites (integration-pg, e2e-pg) skipped: ${noPostgres}.`);

const integration = {
  include: ["tests/integration/**/*.test.{ts,tsx}"],
  environment: "node" as const,
  // Each file gets its own temporary, migrated database.
  setupFiles: ["tests/helpers/setup-integration.ts"],
  testTimeout: 30_000,
};

// Both e2e projects run their files in one fork each. Vitest runs the single-fork projects one after the other
// (after the projects with several forks), so the two browser suites never run at the same time.
const e2e = {
  include: ["tests/e2e/**/*.test.ts"],
  environment: "node" as const,
  globalSetup: ["tests/e2e/global-setup.ts"],
  // One limit for every journey, sized for a 2-core machine shared with other work (two journeys passed 60 s under
  // load): a journey's time follows the machine's load more than its own length, so per-journey figures would only go
  // stale. A hung journey still fails within two minutes; suites that start servers of their own say more.
  testTimeout: 120_000,
  hookTimeout: 240_000,
  // One browser journey at a time against the one server.
  pool: "forks" as const,
  poolOptions: { forks: { singleFork: true } },
};

export default defineConfig({
  test: {
    reporters: ["default", "./tests/helpers/project-totals-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "node",
          // Vitest's 5 s default is passed by scrypt hashes and the spreadsheet limits' large inputs on a loaded 2-core
          // machine; a hang still fails.
          testTimeout: 20_000,
        },
      },
      {
        test: { name: "integration", ...integration },
      },
      ...(noPostgres
        ? []
        : [
            {
              test: {
                name: "integration-pg",
                ...integration,
                // One throwaway cluster for the run; each file gets a copy of its migrated template database.
                globalSetup: ["tests/helpers/postgres-global-setup.ts"],
                hookTimeout: 60_000,
              },
            },
          ]),
      { test: { name: "e2e", ...e2e } },
      ...(noPostgres
        ? []
        : [
            {
              test: {
                name: "e2e-pg",
                ...e2e,
                // The global setup reads it: the suite's server runs on a database of a throwaway cluster. Every file
                // runs on both engines: those that start servers of their own get a database on that cluster.
                env: { E2E_DATABASE: "postgres" },
                // These two start PostgreSQL clusters of their own whatever the project (the copy between engines, two
                // instances on one database): a second run would repeat the same work.
                exclude: ["**/node_modules/**", "tests/e2e/db-copy.test.ts", "tests/e2e/instances.test.ts"],
              },
            },
          ]),
    ],
  },
});
