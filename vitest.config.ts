import { defineConfig } from "vitest/config";
import { postgresUnavailable } from "./tests/helpers/postgres";

// The integration suite runs on both engines: SQLite always, PostgreSQL when Debian's binaries are here.
const noPostgres = postgresUnavailable();
if (noPostgres && !process.env.VITEST_WORKER_ID) console.log(`PostgreSQL suite skipped: ${noPostgres}.`);

const integration = {
  include: ["tests/integration/**/*.test.{ts,tsx}"],
  environment: "node" as const,
  // Each file gets its own temporary, migrated database.
  setupFiles: ["tests/helpers/setup-integration.ts"],
  testTimeout: 30_000,
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
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // One browser journey at a time against the one server.
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
