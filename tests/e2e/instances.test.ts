/**
 * Two portal instances on one PostgreSQL database behind one address (nginx, round-robin, with the sample site
 * configuration tests/e2e/fixtures/nginx-portal.conf), as a province with two servers would run them: what one
 * instance writes the other shows; numbers stay unique and consecutive whichever instance gives them; each
 * scheduled job runs on one instance, and every e-mail leaves once. Real HTTP through the proxy or to each instance,
 * a mail server of the test's own, and the test's own handle on the database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/types";
import { openDatabase } from "../../app/lib/db.server";
import { roundCriteria } from "../../app/modules/judging/queries.server";
import { finalRoundOf } from "../helpers/final-round";
import { completeEntry, openEditionId, reviewedApplication, submitEntry, userOfRole } from "../helpers/http-journeys";
import { nginxUnavailable, startNginx, type Nginx } from "../helpers/nginx";
import { signedInCookie, postForm, TEST_SESSION_SECRET } from "../helpers/portal-client";
import { postgresUnavailable, startPostgresCluster, type PostgresCluster } from "../helpers/postgres";
import { freePort, startPortal, type Portal } from "../helpers/server";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

const unavailable = postgresUnavailable() ?? nginxUnavailable();
if (unavailable) console.log(`Two-instance suite skipped: ${unavailable}.`);

/** The hourly jobs run a minute after an instance starts (app/scheduled-jobs.server.ts). */
const FIRST_HOURLY_RUN_MS = 60_000;

let cluster: PostgresCluster;
let sink: SmtpSink;
let shared: string;
let a: Portal;
let b: Portal;
let bStartedAt = 0;
let proxy: Nginx;
let db: Kysely<Database>;

const hostOf = (portal: Portal) => new URL(portal.baseURL).host;
/** The lease holder an instance names itself (thisInstance() in app/lib/job-lease.server.ts). */
const holderOf = (portal: Portal) => `${os.hostname()}:${new URL(portal.baseURL).port}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(
        `Timed out waiting for ${what}.\nInstance A:\n${a.output().slice(-3000)}\nInstance B:\n${b.output().slice(-3000)}`,
      );
    await sleep(500);
  }
}

describe.skipIf(unavailable !== null)("two instances on one PostgreSQL database behind nginx", () => {
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const databaseUrl = await cluster.createDatabase("portal");
    sink = await startSmtpSink();
    // What every instance must share: the database, the secrets, the public address and the uploads directory.
    shared = fs.mkdtempSync(path.join(os.tmpdir(), "portal-shared-"));
    const proxyPort = await freePort();
    const env = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: shared,
      UPLOADS_DIR: path.join(shared, "uploads"),
      SESSION_SECRET: TEST_SESSION_SECRET,
      TWO_FACTOR_KEY: "instances-suite-two-factor-key",
      PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
      TRUST_PROXY: "loopback",
      SCHEDULED_JOBS: "1",
      SMTP_URL: sink.url,
      WEB_CONCURRENCY: "1",
    };
    // The first instance migrates and seeds the empty database; the second finds it ready.
    a = await startPortal({ env });
    bStartedAt = Date.now();
    b = await startPortal({ env: { ...env, SKIP_BUILD: "1" } });
    proxy = await startNginx({ port: proxyPort, instances: [hostOf(a), hostOf(b)] });
    db = openDatabase(databaseUrl);
  }, 300_000);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.destroy();
    await sink?.stop();
    await cluster?.stop();
    for (const dir of [shared, a?.dir, b?.dir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves both instances behind the one address, in turn", async () => {
    const before = proxy.accessLog().length;
    for (let i = 0; i < 4; i++) expect((await fetch(`${proxy.baseURL}/healthz`)).status).toBe(200);
    const answeredBy = proxy
      .accessLog()
      .slice(before)
      .map((line) => line.split(" ")[3]);
    expect(new Set(answeredBy)).toEqual(new Set([hostOf(a), hostOf(b)]));
  });

  it("shows on instance B's ranking the score sheet a judge submitted through instance A", async () => {
    const suffix = Date.now().toString(36);
    const projects = [
      { team: "org-team-toi-ly-son", name: `Tỏi đen hai máy chủ ${suffix}` },
      { team: "org-huy-long", name: `Rau thủy canh hai máy chủ ${suffix}` },
    ];
    const { editionId, finalRound, entries } = await finalRoundOf(
      { name: `Cuộc thi hai máy chủ ${suffix}`, number: 98, prefix: `HM${suffix.slice(-4).toUpperCase()}`, projects },
      db,
    );
    const [judge, staff] = [await signedInCookie(db, "demo-judge"), await signedInCookie(db, "demo-staff")];
    const rankingOnB = async () => {
      const response = await fetch(`${b.baseURL}/staff/competitions/${editionId}/rounds/${finalRound}/ranking`, {
        headers: { Cookie: staff },
      });
      expect(response.status).toBe(200);
      return (await response.text()).split('<tr class="ranking-row">').slice(1);
    };
    expect(await rankingOnB()).toHaveLength(0);

    const assignment = await db
      .selectFrom("assignments")
      .select("id")
      .where("round_id", "=", finalRound)
      .where("judge_id", "=", "demo-judge")
      .where("entry_id", "=", entries[0].id)
      .executeTakeFirstOrThrow();
    const scores = Object.fromEntries(
      (await roundCriteria(db, finalRound)).map((criterion) => [`score-${criterion.id}`, String(criterion.max_score)]),
    );
    const submitted = await postForm(
      a.baseURL,
      `/judging/${assignment.id}`,
      { ...scores, overallComment: "Chấm trên máy chủ A.", intent: "submit" },
      judge,
    );
    expect(submitted.status, await submitted.clone().text()).toBe(302);

    const rows = await rankingOnB();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(entries[0].receipt);
    expect(rows[0]).toContain(projects[0].name);
  });

  it("gives 30 entries submitted at once through the proxy 30 distinct, consecutive receipt numbers, whichever instance took each", async () => {
    const editionId = await openEditionId(db);
    // nginx writes a request's line after it has answered, so a line may come a moment after its response.
    const entryPosts = (from = 0) =>
      proxy
        .accessLog()
        .slice(from)
        .filter((line) => line.startsWith("POST /my/entries/"));
    const savesBefore = entryPosts().length;
    const entries = [];
    for (let i = 1; i <= 30; i++) entries.push(await completeEntry(db, proxy.baseURL, editionId, i));
    // The 30 saves (same address as the submissions) are all in the log before the submissions are counted.
    await expect.poll(() => entryPosts().length).toBe(savesBefore + 30);
    const before = proxy.accessLog().length;
    const answers = await Promise.all(entries.map((entry) => submitEntry(proxy.baseURL, entry)));
    expect(answers.map((answer) => answer.status)).toEqual(entries.map(() => 302));
    // nginx spread the submissions over both instances.
    await expect.poll(() => entryPosts(before).length).toBe(30);
    const submittedOn = entryPosts(before).map((line) => line.split(" ")[3]);
    expect(submittedOn).toHaveLength(30);
    expect(new Set(submittedOn)).toEqual(new Set([hostOf(a), hostOf(b)]));
    console.log(
      `Two instances: nginx passed ${submittedOn.filter((host) => host === hostOf(a)).length} submissions to A and ${submittedOn.filter((host) => host === hostOf(b)).length} to B.`,
    );

    const ids = entries.map((entry) => entry.entryId);
    const ours = await db
      .selectFrom("competition_entries")
      .select(["status", "receipt_seq", "receipt_number"])
      .where("id", "in", ids)
      .orderBy("receipt_seq")
      .execute();
    expect(ours.every((entry) => entry.status === "submitted")).toBe(true);
    expect(new Set(ours.map((entry) => entry.receipt_number)).size).toBe(30);
    const seqs = ours.map((entry) => Number(entry.receipt_seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    // And no gap or repeat with the edition's earlier receipts either.
    const all = (
      await db
        .selectFrom("competition_entries")
        .select("receipt_seq")
        .where("edition_id", "=", editionId)
        .where("receipt_seq", "is not", null)
        .orderBy("receipt_seq")
        .execute()
    ).map((row) => Number(row.receipt_seq));
    expect(all).toEqual(all.map((_, i) => all[0] + i));
  });

  it("numbers certificates approved at the same moment on the two instances apart, and approves an application once when both approve it", async () => {
    const leaderId = await userOfRole(db, "leader");
    const staffId = await userOfRole(db, "staff");
    const enterprise = await db
      .selectFrom("organisations")
      .select("id")
      .where("kind", "=", "enterprise")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const leaderOn = { a: await signedInCookie(db, leaderId), b: await signedInCookie(db, leaderId) };
    const approve = (portal: Portal, cookie: string, applicationId: string) =>
      postForm(
        portal.baseURL,
        `/staff/technology/applications/${applicationId}`,
        { intent: "transition", event: "approve", reason: "Đủ điều kiện" },
        cookie,
      );

    const once = await reviewedApplication(db, enterprise.id, staffId);
    const both = await Promise.all([approve(a, leaderOn.a, once), approve(b, leaderOn.b, once)]);
    expect(both.map((answer) => answer.status).sort()).toEqual([302, 400]);
    expect(
      await db.selectFrom("tech_certificates").select("number").where("application_id", "=", once).execute(),
    ).toHaveLength(1);

    const pairs = [];
    for (let i = 0; i < 5; i++)
      pairs.push([
        await reviewedApplication(db, enterprise.id, staffId),
        await reviewedApplication(db, enterprise.id, staffId),
      ] as const);
    const answers = await Promise.all(
      pairs.flatMap(([onA, onB]) => [approve(a, leaderOn.a, onA), approve(b, leaderOn.b, onB)]),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 302));
    const issued = await db
      .selectFrom("tech_certificates")
      .select(["number", "seq"])
      .where("application_id", "in", [once, ...pairs.flat()])
      .orderBy("seq")
      .execute();
    expect(new Set(issued.map((row) => row.number)).size).toBe(11);
    const seqs = issued.map((row) => Number(row.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });

  it("runs the hourly reminders on one instance while both schedulers tick, and sends every e-mail once", async () => {
    // Both instances' first hourly run has come (the first's a little earlier than the second's).
    await sleep(Math.max(0, bStartedAt + FIRST_HOURLY_RUN_MS + 15_000 - Date.now()));
    const reminders = () =>
      db
        .selectFrom("outbox_messages")
        .select(["to_address", "status"])
        .where("dedupe_key", "like", "incubation.reminder:%")
        .execute();
    await waitFor("the scheduled reminders", async () => (await reminders()).length > 0, 60_000);
    // The outbox sender (on whichever instance holds it) empties the queue within a tick or two.
    await waitFor(
      "the outbox to empty",
      async () =>
        (await db.selectFrom("outbox_messages").select("id").where("status", "in", ["queued", "sending"]).execute())
          .length === 0,
      90_000,
    );

    // One run reminded each late startup once: one audit entry per record, by the system.
    const reminded = await db
      .selectFrom("audit_events")
      .select(["entity_id", "actor_id"])
      .where("action", "=", "incubation.reminded")
      .execute();
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded.every((event) => event.actor_id === null)).toBe(true);
    expect(new Set(reminded.map((event) => event.entity_id)).size).toBe(reminded.length);

    // Each job stayed with one instance: one took its lease and said so; the other never ran it.
    const leases = await db.selectFrom("job_leases").select(["name", "holder"]).orderBy("name").execute();
    expect(leases.map((lease) => lease.name)).toEqual(["hourly", "outbox"]);
    for (const lease of leases) {
      expect([holderOf(a), holderOf(b)]).toContain(lease.holder);
      const ranOn = [a, b].filter((portal) =>
        portal.output().includes(`Scheduled job ${lease.name}: runs on this instance`),
      );
      expect(ranOn.map(holderOf)).toEqual([lease.holder]);
    }
    // No backup job on PostgreSQL.
    expect(a.output() + b.output()).not.toContain("Scheduled job backup");

    // Every message the outbox marked sent reached the mail server once: the reminders and all the suite's others.
    const sent = await db.selectFrom("outbox_messages").select("to_address").where("status", "=", "sent").execute();
    const reminderRecipients = (await reminders()).map((row) => row.to_address);
    expect((await reminders()).every((row) => row.status === "sent")).toBe(true);
    const received = sink.received.flatMap((mail) => mail.to);
    expect(received.sort()).toEqual(sent.map((row) => row.to_address).sort());
    for (const recipient of reminderRecipients)
      expect(received.filter((to) => to === recipient)).toHaveLength(
        reminderRecipients.filter((to) => to === recipient).length,
      );
    console.log(
      `Two instances: ${reminded.length} startup(s) reminded by ${leases.find((lease) => lease.name === "hourly")?.holder}; ${reminderRecipients.length} reminder(s) and ${received.length} e-mail(s) in all sent once, by ${leases.find((lease) => lease.name === "outbox")?.holder}.`,
    );
  }, 240_000);

  it("gives up the jobs of an instance stopped cleanly, so that the other takes them at its next tick", async () => {
    const held = await db.selectFrom("job_leases").select(["name", "holder", "expires_at"]).orderBy("name").execute();
    const holder = held[0].holder;
    const stopped = [a, b].find((portal) => holderOf(portal) === holder)!;
    const now = new Date().toISOString();
    expect(held.filter((lease) => lease.holder === holder).every((lease) => lease.expires_at > now)).toBe(true);
    await stopped.stop();
    const after = await db
      .selectFrom("job_leases")
      .select(["name", "holder", "expires_at"])
      .where("holder", "=", holder)
      .execute();
    expect(after.length).toBeGreaterThan(0);
    const stoppedAt = new Date().toISOString();
    for (const lease of after) expect(lease.expires_at <= stoppedAt, lease.name).toBe(true);
  });
});
