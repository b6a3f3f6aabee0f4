import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "../../app/lib/db.server";
import { readiness } from "../../app/lib/readiness.server";
import * as healthz from "../../app/routes/healthz";
import * as readyz from "../../app/routes/readyz";
import { call, makeRequest } from "../helpers/fixtures";

afterEach(() => {
  delete process.env.READY_MIN_FREE_MB;
});

describe("health and readiness", () => {
  it("/healthz answers ok while the process is up", async () => {
    expect(await call(healthz.loader, makeRequest("/healthz"))).toMatchObject({ status: 200, data: "ok" });
  });

  it("/readyz answers 200 with its checks when the database answers, every migration is applied and the disk has room", async () => {
    const result = await call(readyz.loader, makeRequest("/readyz"));
    expect(result.status).toBe(200);
    expect(result.headers.get("Cache-Control")).toBe("no-store");
    expect(result.data).toMatchObject({
      status: "ok",
      checks: { database: { ok: true }, migrations: { ok: true, pending: [] }, disk: { ok: true } },
    });
    expect(result.data.checks.disk.freeBytes).toBeGreaterThan(result.data.checks.disk.minFreeBytes);
  });

  it("/readyz answers 503 when a migration is not applied", async () => {
    const db = getDb();
    const last = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db);
    const { name, timestamp } = last.rows[0];
    await sql`delete from kysely_migration where name = ${name}`.execute(db);
    try {
      const result = await call(readyz.loader, makeRequest("/readyz"));
      expect(result.status).toBe(503);
      expect(result.data).toMatchObject({
        status: "fail",
        checks: { database: { ok: true }, migrations: { ok: false, pending: [name] } },
      });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(db);
    }
  });

  it("/readyz answers 503 when the uploads' disk has less free space than READY_MIN_FREE_MB", async () => {
    process.env.READY_MIN_FREE_MB = String(1024 * 1024 * 1024); // a petabyte
    const result = await call(readyz.loader, makeRequest("/readyz"));
    expect(result.status).toBe(503);
    expect(result.data.checks.disk.ok).toBe(false);
    expect(result.data.checks.database.ok).toBe(true);
  });

  it("is not ready when the database does not answer", async () => {
    const file = path.join(os.tmpdir(), `portal-gone-${process.pid}.db`);
    const gone = openDatabase(file);
    await gone.destroy();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
    const result = await readiness(gone);
    expect(result.ok).toBe(false);
    expect(result.checks.database.ok).toBe(false);
    expect(result.checks.migrations.ok).toBe(false);
  });
});
