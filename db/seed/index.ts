import type { Kysely } from "kysely";
import type { Database } from "../types";
import { seedAccounts } from "./accounts";
import { seedCompetition } from "./competition";
import { seedConnections } from "./connections";
import { seedIncubation } from "./incubation";
import { seedJudging } from "./judging";
import { seedOrganisations } from "./organisations";
import { seedSme } from "./sme";
import { seedTechnology } from "./technology";

/** Demo data refuses a production database unless SEED_DEMO=1 says so. */
export function demoSeedAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.SEED_DEMO === "1";
}

export async function seedDemoData(db: Kysely<Database>): Promise<void> {
  if (!demoSeedAllowed())
    throw new Error("Refusing to create demo accounts with NODE_ENV=production; set SEED_DEMO=1 to insist.");
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await seedAccounts(trx, now);
    await seedOrganisations(trx, now);
    await seedCompetition(trx, now);
    await seedJudging(trx, now);
    await seedIncubation(trx, now);
    await seedSme(trx, now);
    await seedConnections(trx, now);
    await seedTechnology(trx, now);
  });
}

/** Seeds an empty database (no accounts yet); returns whether it did. */
export async function seedIfEmpty(db: Kysely<Database>): Promise<boolean> {
  const { count } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0 || !demoSeedAllowed()) return false;
  await seedDemoData(db);
  return true;
}
