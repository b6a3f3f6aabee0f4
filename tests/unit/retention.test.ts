import { describe, expect, it } from "vitest";
import {
  RetentionPeriodsSchema,
  defaultRetentionPeriods,
  expiryDate,
  isExpired,
  startCutoff,
} from "../../app/modules/privacy/retention";

describe("retention periods", () => {
  // Results published on 15 March 2024 at 09:00 in Quảng Ngãi (02:00 UTC), kept 24 months.
  const published = "2024-03-15T02:00:00.000Z";

  it("keeps an unsuccessful entry's contacts on the day before expiry", () => {
    expect(isExpired(published, 24, "2026-03-14T16:59:59.999Z")).toBe(false); // 14/03 23:59 in the province
  });

  it("anonymises them from the first minute of the expiry day in the province", () => {
    expect(isExpired(published, 24, "2026-03-14T17:00:00.000Z")).toBe(true); // 15/03 00:00 in the province
  });

  it("counts from the province date, not the UTC date", () => {
    // 1 June 2025 at 06:00 in the province is still 31 May in UTC.
    expect(expiryDate("2025-05-31T23:00:00.000Z", 12)).toBe("2026-06-01");
  });

  it("clamps to the month's last day when the month is shorter", () => {
    expect(expiryDate("2025-08-31T03:00:00.000Z", 6)).toBe("2026-02-28");
    expect(expiryDate("2023-08-31T03:00:00.000Z", 6)).toBe("2024-02-29");
  });

  it("gives an SQL cutoff that agrees with isExpired on either side", () => {
    const now = "2026-03-14T17:00:00.000Z";
    const cutoff = startCutoff(24, now);
    expect(isExpired(cutoff, 24, now)).toBe(true);
    expect(isExpired(new Date(Date.parse(cutoff) + 1).toISOString(), 24, now)).toBe(false);
  });

  it("on the last day of a short month, every start later in the longer month has expired", () => {
    const now = "2026-02-28T05:00:00.000Z";
    const cutoff = startCutoff(6, now);
    expect(cutoff.startsWith("2025-08-31")).toBe(true);
    expect(isExpired("2025-08-31T05:00:00.000Z", 6, now)).toBe(true);
  });

  it("accepts the defaults and refuses zero months with a Vietnamese message", () => {
    expect(RetentionPeriodsSchema.safeParse(defaultRetentionPeriods()).success).toBe(true);
    const bad = RetentionPeriodsSchema.safeParse({ ...defaultRetentionPeriods(), event_participant_contacts: "0" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe("Thời hạn lưu trữ ít nhất 1 tháng.");
  });
});
