import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, openDatabase, type DB } from "../../app/lib/db.server";
import {
  claimDueMail,
  deliverQueuedMail,
  enqueueMail,
  type MailTransport,
  type OutgoingMail,
} from "../../app/lib/mail.server";
import { OUTBOX_POLICY, type OutboxPolicy } from "../../app/lib/outbox";

const policy: OutboxPolicy = {
  ...OUTBOX_POLICY,
  batchSize: 5,
  maxAttempts: 3,
  baseDelayMs: 60_000,
  leaseMs: 5 * 60_000,
};
const t0 = new Date("2026-12-01T08:00:00.000Z");
const at = (ms: number) => () => new Date(t0.getTime() + ms);

let other: DB;

beforeAll(() => {
  process.env.SMTP_URL = "smtp://mail.test.invalid";
  // A second connection to the same database (the file, or PostgreSQL with DATABASE_URL), as a second server process or instance would have.
  other = openDatabase();
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await other.destroy();
});

beforeEach(async () => {
  await getDb().deleteFrom("outbox_messages").execute();
});

async function enqueue(count: number, prefix = "Thư"): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      await enqueueMail(getDb(), { to: `nguoinhan${i}@example.vn`, subject: `${prefix} ${i}`, text: "Nội dung" }),
    );
  return ids;
}

function recordingTransport(delayMs = 2): { sent: OutgoingMail[]; transport: MailTransport } {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    transport: async (mail) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      sent.push(mail);
    },
  };
}

async function row(id: string) {
  return getDb().selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("the outbox as a claimed queue", () => {
  it("never lets two concurrent senders send one message twice", async () => {
    await enqueue(23);
    const { sent, transport } = recordingTransport();
    const drain = async (db: DB) => {
      for (;;) {
        const report = await deliverQueuedMail(db, { transport, policy });
        if (report.sent === 0) return;
      }
    };
    await Promise.all([drain(getDb()), drain(other), drain(getDb()), drain(other)]);
    const subjects = sent.map((m) => m.subject);
    expect(subjects).toHaveLength(23);
    expect(new Set(subjects).size).toBe(23);
    const rows = await getDb()
      .selectFrom("outbox_messages")
      .select(["status", "attempts", "claim_token", "sent_at"])
      .execute();
    expect(
      rows.every((r) => r.status === "sent" && r.attempts === 1 && r.claim_token === null && r.sent_at !== null),
    ).toBe(true);
  });

  it("claims only what is due, marking it sending under one token with a lease", async () => {
    const [id] = await enqueue(1);
    const first = await claimDueMail(getDb(), t0, policy);
    expect(first.messages.map((m) => m.id)).toEqual([id]);
    expect(await row(id)).toMatchObject({
      status: "sending",
      claim_token: first.token,
      attempts: 1,
      lease_expires_at: "2026-12-01T08:05:00.000Z",
    });
    const second = await claimDueMail(other, t0, policy);
    expect(second.messages).toHaveLength(0);
  });

  it("retries a refused message after 1, then 2 minutes, and marks it failed after the last attempt, keeping the error", async () => {
    const [id] = await enqueue(1);
    const refusing: MailTransport = async () => {
      throw new Error("550 5.1.1 Hộp thư không tồn tại");
    };
    expect(await deliverQueuedMail(getDb(), { transport: refusing, policy, now: at(0) })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    expect(await row(id)).toMatchObject({
      status: "queued",
      attempts: 1,
      next_attempt_at: "2026-12-01T08:01:00.000Z",
      error: "550 5.1.1 Hộp thư không tồn tại",
    });
    // Not before its time.
    expect(await deliverQueuedMail(getDb(), { transport: refusing, policy, now: at(30_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await deliverQueuedMail(getDb(), { transport: refusing, policy, now: at(60_000) })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 2, next_attempt_at: "2026-12-01T08:03:00.000Z" });
    expect(await deliverQueuedMail(getDb(), { transport: refusing, policy, now: at(180_000) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 1,
    });
    expect(await row(id)).toMatchObject({
      status: "failed",
      attempts: 3,
      next_attempt_at: null,
      claim_token: null,
      error: "550 5.1.1 Hộp thư không tồn tại",
    });
    const { sent, transport } = recordingTransport();
    await deliverQueuedMail(getDb(), { transport, policy, now: at(86_400_000) });
    expect(sent).toHaveLength(0);
  });

  it("sends on a later attempt after a passing failure, and clears the error", async () => {
    const [id] = await enqueue(1);
    let calls = 0;
    const flaky: MailTransport = async () => {
      if (calls++ === 0) throw new Error("421 Thử lại sau");
    };
    await deliverQueuedMail(getDb(), { transport: flaky, policy, now: at(0) });
    await deliverQueuedMail(getDb(), { transport: flaky, policy, now: at(60_000) });
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, error: null });
  });

  it("sends again a message whose sender died, once its lease has lapsed", async () => {
    const [id] = await enqueue(1);
    await claimDueMail(other, t0, policy); // claimed, then the process stops before sending
    const { sent, transport } = recordingTransport();
    await deliverQueuedMail(getDb(), { transport, policy, now: at(60_000) });
    expect(sent).toHaveLength(0);
    await deliverQueuedMail(getDb(), { transport, policy, now: at(5 * 60_000) });
    expect(sent).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("keeps messages when no SMTP server is configured, and sends nothing", async () => {
    delete process.env.SMTP_URL;
    try {
      const [id] = await enqueue(1);
      expect(await deliverQueuedMail(getDb())).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect((await row(id)).status).toBe("kept");
    } finally {
      process.env.SMTP_URL = "smtp://mail.test.invalid";
    }
  });
});
