/**
 * Races a real server with two worker processes: what users do at the same moment must not break a rule that
 * holds for them one at a time — a login throttle, one receipt number per entry, one decision per application,
 * distinct certificate numbers. Real parallel HTTP requests; the server has a database of its own.
 */
import fs from "node:fs";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/types";
import { openDatabase } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { hashPassword } from "../../app/lib/password.server";
import { MAX_FAILURES_PER_ACCOUNT } from "../../app/modules/accounts/rules";
import * as journeys from "../helpers/http-journeys";
import { postForm, signedInCookie, TEST_SESSION_SECRET } from "../helpers/portal-client";
import { ownDatabase } from "../helpers/e2e-database";
import { startPortal, type Portal } from "../helpers/server";

let portal: Portal;
let db: Kysely<Database>;

beforeAll(async () => {
  portal = await startPortal({
    ...(await ownDatabase()),
    env: { WEB_CONCURRENCY: "2", SESSION_SECRET: TEST_SESSION_SECRET },
  });
  db = openDatabase(portal.database);
}, 240_000);

afterAll(async () => {
  await db?.destroy();
  await portal?.stop();
  if (portal) fs.rmSync(portal.dir, { recursive: true, force: true });
});

const userOfRole = (role: "leader" | "staff") => journeys.userOfRole(db, role);
const openEditionId = () => journeys.openEditionId(db);
const completeEntry = (editionId: string, index: number) =>
  journeys.completeEntry(db, portal.baseURL, editionId, index);
const submitEntry = (entry: journeys.CompleteEntry) => journeys.submitEntry(portal.baseURL, entry);
const reviewedApplication = (organisationId: string, createdBy: string) =>
  journeys.reviewedApplication(db, organisationId, createdBy);

describe("what users do at the same moment", () => {
  it("holds the login throttle for a burst of 25 parallel attempts, the right password among them", async () => {
    const email = `burst-${newId().slice(0, 8)}@example.vn`;
    const password = "Dung-mat-khau-2026";
    const now = new Date().toISOString();
    await db
      .insertInto("users")
      .values({
        id: newId(),
        email,
        full_name: "Tài khoản bị dò",
        phone: null,
        password_hash: await hashPassword(password),
        role: "applicant",
        status: "active",
        created_at: now,
        updated_at: now,
        last_login_at: null,
      })
      .execute();
    const attempts = Array.from({ length: 25 }, (_, i) =>
      postForm(portal.baseURL, "/login", { email, password: i === 24 ? password : `sai-${i}` }),
    );
    const statuses = (await Promise.all(attempts)).map((response) => response.status);
    const wrongEvaluated = statuses.slice(0, 24).filter((status) => status === 401).length;
    expect(wrongEvaluated).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(24 - MAX_FAILURES_PER_ACCOUNT);
    // The burst used up the account's allowance before the right password could be checked, whatever order the workers took.
    expect(statuses[24]).toBe(429);
  });

  it("gives one receipt number to an entry submitted twice at once, and distinct consecutive numbers to 12 entries submitted together", async () => {
    const editionId = await openEditionId();
    const twice = await completeEntry(editionId, 0);
    const both = await Promise.all([0, 1].map(() => submitEntry(twice)));
    const statuses = both.map((response) => response.status).sort();
    // One is accepted; the other finds the entry already submitted and is refused (the entry is locked).
    expect(statuses[0]).toBe(302);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    const entry = await db
      .selectFrom("competition_entries")
      .select(["status", "receipt_number"])
      .where("id", "=", twice.entryId)
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe("submitted");
    const submittedEvents = await db
      .selectFrom("audit_events")
      .select("id")
      .where("entity_id", "=", twice.entryId)
      .where("action", "=", "entry.submitted")
      .execute();
    expect(submittedEvents).toHaveLength(1);

    const entries = [];
    for (let i = 1; i <= 12; i++) entries.push(await completeEntry(editionId, i));
    const answers = await Promise.all(entries.map((entry) => submitEntry(entry)));
    expect(answers.map((answer) => answer.status)).toEqual(entries.map(() => 302));
    const rows = await db
      .selectFrom("competition_entries")
      .select(["receipt_seq", "receipt_number"])
      .where("edition_id", "=", editionId)
      .where("receipt_seq", "is not", null)
      .orderBy("receipt_seq")
      .execute();
    const seqs = rows.map((row) => Number(row.receipt_seq));
    expect(new Set(rows.map((row) => row.receipt_number)).size).toBe(rows.length);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });

  it("approves an application once when two leaders approve it at the same moment, and numbers simultaneous certificates apart", async () => {
    const leaderId = await userOfRole("leader");
    const staffId = await userOfRole("staff");
    const enterprise = await db
      .selectFrom("organisations")
      .select("id")
      .where("kind", "=", "enterprise")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const cookies = [await signedInCookie(db, leaderId), await signedInCookie(db, leaderId)];
    const once = await reviewedApplication(enterprise.id, staffId);
    const decisions = await Promise.all(
      cookies.map((cookie) =>
        postForm(
          portal.baseURL,
          `/staff/technology/applications/${once}`,
          { intent: "transition", event: "approve", reason: "Đủ điều kiện" },
          cookie,
        ),
      ),
    );
    expect(decisions.map((answer) => answer.status).sort()).toEqual([302, 400]);
    const certificates = await db
      .selectFrom("tech_certificates")
      .select("number")
      .where("application_id", "=", once)
      .execute();
    expect(certificates).toHaveLength(1);
    const approvals = await db
      .selectFrom("audit_events")
      .select("id")
      .where("entity_id", "=", once)
      .where("action", "like", "%approve%")
      .execute();
    expect(approvals).toHaveLength(1);

    const many = [];
    for (let i = 0; i < 10; i++) many.push(await reviewedApplication(enterprise.id, staffId));
    const answers = await Promise.all(
      many.map((id, i) =>
        postForm(
          portal.baseURL,
          `/staff/technology/applications/${id}`,
          { intent: "transition", event: "approve", reason: "Đủ điều kiện" },
          cookies[i % 2],
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(many.map(() => 302));
    const issued = await db
      .selectFrom("tech_certificates")
      .select(["number", "year", "seq"])
      .where("application_id", "in", [once, ...many])
      .orderBy("seq")
      .execute();
    expect(new Set(issued.map((row) => row.number)).size).toBe(11);
    const seqs = issued.map((row) => row.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });
});
