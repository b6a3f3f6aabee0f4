import { describe, expect, it } from "vitest";
import { backupDue, backupFileName, backupSettings, backupsToPrune, backupTakenAt } from "../../app/lib/backup";
import { afterFailure, nextReminderAllowedAt, retryDelayMs } from "../../app/lib/outbox";

describe("outbox retries", () => {
  const policy = { maxAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 5 * 60_000 };
  it("waits 1, 2, 4 minutes after the first, second and third failures, never more than the cap", () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(n, policy))).toEqual([60_000, 120_000, 240_000, 300_000, 300_000]);
  });
  it("gives up after the last attempt", () => {
    const now = new Date("2026-12-01T00:00:00.000Z");
    expect(afterFailure(1, now, policy)).toEqual({ status: "queued", nextAttemptAt: "2026-12-01T00:01:00.000Z" });
    expect(afterFailure(3, now, policy)).toEqual({ status: "queued", nextAttemptAt: "2026-12-01T00:04:00.000Z" });
    expect(afterFailure(4, now, policy)).toEqual({ status: "failed" });
  });
  it("allows a manual reminder again a window after the last one", () => {
    expect(nextReminderAllowedAt("2026-12-01T08:30:00.000Z", 24)).toBe("2026-12-02T08:30:00.000Z");
  });
});

describe("backup schedule", () => {
  it("names an archive by its UTC time and reads the time back", () => {
    const name = backupFileName(new Date("2026-12-01T20:05:09.123Z"));
    expect(name).toBe("portal-2026-12-01T200509Z.tar.gz");
    expect(backupTakenAt(name)).toBe("2026-12-01T20:05:09.000Z");
    expect(backupTakenAt("portal-2026-12-01T200509Z.tar.gz.sha256")).toBeNull();
  });
  it("is due once the province's backup hour has passed with no backup since", () => {
    // 02:00 in Quảng Ngãi is 19:00 UTC the day before.
    expect(backupDue(new Date("2026-12-01T18:59:00Z"), "2026-11-30T19:00:00.000Z", 2)).toBe(false);
    expect(backupDue(new Date("2026-12-01T19:00:00Z"), "2026-11-30T19:00:00.000Z", 2)).toBe(true);
    expect(backupDue(new Date("2026-12-01T23:00:00Z"), "2026-12-01T19:00:05.000Z", 2)).toBe(false);
    expect(backupDue(new Date("2026-12-01T12:00:00Z"), null, 2)).toBe(true);
  });
  it("keeps the newest N archives and ignores other files", () => {
    const names = [
      "portal-2026-12-03T190000Z.tar.gz",
      "notes.txt",
      "portal-2026-12-01T190000Z.tar.gz",
      "portal-2026-12-02T190000Z.tar.gz",
      "portal-2026-12-02T190000Z.tar.gz.sha256",
    ];
    expect(backupsToPrune(names, 2)).toEqual(["portal-2026-12-01T190000Z.tar.gz"]);
    expect(backupsToPrune(names, 5)).toEqual([]);
  });
  it("reads its settings with defaults, and BACKUP_SCHEDULE=off", () => {
    expect(backupSettings({})).toEqual({ scheduled: true, hour: 2, keep: 14 });
    expect(backupSettings({ BACKUP_SCHEDULE: "off", BACKUP_HOUR: "23", BACKUP_KEEP: "3" })).toEqual({
      scheduled: false,
      hour: 23,
      keep: 3,
    });
    expect(backupSettings({ BACKUP_HOUR: "25", BACKUP_KEEP: "0" })).toEqual({ scheduled: true, hour: 2, keep: 14 });
  });
});
