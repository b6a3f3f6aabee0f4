/**
 * kill -9 in the middle of writing: staff keep creating organisations through the pages while the whole server
 * (primary and workers) is killed at once; after a restart on the same database, every write the server had
 * acknowledged is there, and on SQLite the file's integrity check passes. On PostgreSQL the database server is
 * not the one killed: what this checks there is that the app acknowledges a write only once it is committed.
 */
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../app/lib/db.server";
import { ownDatabase, suiteOnPostgres } from "../helpers/e2e-database";
import { postForm, signedInCookie, TEST_SESSION_SECRET } from "../helpers/portal-client";
import { startPortal, type Portal } from "../helpers/server";

const WRITERS = 4;
const KILL_AFTER_ACKS = 60;
let dir = "";
let restarted: Portal | undefined;

afterAll(async () => {
  await restarted?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a crash while writing", () => {
  it("keeps every acknowledged write and an intact database across kill -9 and restart", async () => {
    const env = { WEB_CONCURRENCY: "2", SESSION_SECRET: TEST_SESSION_SECRET };
    const database = await ownDatabase();
    const first = await startPortal({ ...database, env });
    dir = first.dir;
    const db = openDatabase(first.database);
    const staff = await db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "staff")
      .where("status", "=", "active")
      .orderBy("email")
      .executeTakeFirstOrThrow();
    const cookie = await signedInCookie(db, staff.id);
    await db.destroy();

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    let failedAfterKill = 0;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const name = `Doanh nghiệp bền vững ${w}-${i}`;
        sent++;
        try {
          const answer = await postForm(
            first.baseURL,
            "/organisations/new",
            { name, kind: "enterprise", province: "Quảng Ngãi" },
            cookie,
          );
          if (answer.status === 302 && /^\/organisations\/[^/]+$/.test(answer.headers.get("Location") ?? ""))
            acknowledged.push(name);
          else if (!killed) throw new Error(`creating ${name} answered ${answer.status}: ${await answer.text()}`);
        } catch (error) {
          if (!killed) throw error;
          failedAfterKill++;
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < KILL_AFTER_ACKS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    killed = true;
    await first.kill();
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    restarted = await startPortal({ ...database, dir, env });
    const after = openDatabase(restarted.database);
    try {
      // SQLite's own check of the file the killed processes were writing; a PostgreSQL cluster checks its own.
      const integrity = suiteOnPostgres()
        ? "not applicable (PostgreSQL)"
        : (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(after)).rows
            .map((row) => row.integrity_check)
            .join();
      if (!suiteOnPostgres()) expect(integrity).toBe("ok");
      const stored = new Set(
        (
          await after
            .selectFrom("organisations")
            .select("name")
            .where("name", "like", "Doanh nghiệp bền vững %")
            .execute()
        ).map((row) => row.name),
      );
      const lost = acknowledged.filter((name) => !stored.has(name));
      expect(lost).toEqual([]);
      console.log(
        `Durability: ${sent} writes sent by ${WRITERS} writers, ${acknowledged.length} acknowledged before kill -9, ${stored.size} stored after restart, 0 lost (${failedAfterKill} requests cut by the kill); integrity_check ${integrity}`,
      );
      // The restarted server serves what was written.
      const page = await fetch(`${restarted.baseURL}/healthz`);
      expect(page.status).toBe(200);
    } finally {
      await after.destroy();
    }
  }, 300_000);
});
