import fs from "node:fs";
import { closeDb, databasePath, getDb, migrateToLatest } from "../app/lib/db.server";
import { seedDemoData } from "./seed";

async function main(command: string | undefined): Promise<void> {
  if (command === "reset") {
    const file = databasePath();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    console.log(`Removed ${file}`);
  }
  if (command === "migrate" || command === "reset" || command === "seed") {
    const applied = await migrateToLatest(getDb());
    console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Database is up to date.");
  }
  if (command === "seed" || command === "reset") {
    await seedDemoData(getDb());
    console.log("Demo data seeded.");
  }
  if (!["migrate", "seed", "reset"].includes(command ?? "")) {
    console.error("Usage: tsx db/cli.ts migrate|seed|reset");
    process.exitCode = 2;
  }
  await closeDb();
}

main(process.argv[2]).catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDb();
  process.exit(1);
});
