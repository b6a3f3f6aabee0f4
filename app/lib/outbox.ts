/**
 * The outbox's delivery rules, pure: how long a claim lasts, how long to wait before trying a message again,
 * and when to give up. The SQL that applies them is in mail.server.ts.
 */
export type OutboxPolicy = {
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const OUTBOX_POLICY: OutboxPolicy = {
  /** Messages one sender claims at a time. */
  batchSize: 20,
  /** A claim lapses after this long, so a message whose sender died is tried again. */
  leaseMs: 5 * 60_000,
  /** Tries before a message is marked failed. */
  maxAttempts: 6,
  /** The wait after the first failure; it doubles after each further one, up to maxDelayMs. */
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 60 * 60_000,
};

/** The wait after the n-th failed attempt (n ≥ 1): 1, 2, 4, 8 … minutes, capped. */
export function retryDelayMs(
  attempt: number,
  policy: Pick<OutboxPolicy, "baseDelayMs" | "maxDelayMs"> = OUTBOX_POLICY,
): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** What a failed attempt leads to: another try at a later time, or failed for good. */
export function afterFailure(
  attempts: number,
  now: Date,
  policy: Pick<OutboxPolicy, "maxAttempts" | "baseDelayMs" | "maxDelayMs"> = OUTBOX_POLICY,
): { status: "queued"; nextAttemptAt: string } | { status: "failed" } {
  if (attempts >= policy.maxAttempts) return { status: "failed" };
  return { status: "queued", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)).toISOString() };
}

/** When a manual reminder may be sent again after one sent at `sentAt`. */
export function nextReminderAllowedAt(sentAt: string, windowHours: number): string {
  return new Date(Date.parse(sentAt) + windowHours * 3_600_000).toISOString();
}
