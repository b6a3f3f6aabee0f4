/**
 * Retention of personal data (Decree 13/2023/NĐ-CP, art. 16 and the principle of storage limitation), pure: each
 * kind of record keeps its contacts for a number of months from a start date the record carries, then they are
 * anonymised. The months are defaults an admin may change; the start dates are fixed here.
 */
import { z } from "zod";
import { provinceDate, provinceLocalToIso } from "../../lib/province-time";

export const RETENTION_KINDS = [
  "unsuccessful_entry_contacts",
  "event_participant_contacts",
  "closed_sme_dossier_contacts",
  "data_subject_request_files",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Where each kind's clock starts, and its default period. */
export const RETENTION_RULES: Record<RetentionKind, { startsAt: string; defaultMonths: number }> = {
  unsuccessful_entry_contacts: { startsAt: "edition_results_published_at", defaultMonths: 24 },
  event_participant_contacts: { startsAt: "event_date", defaultMonths: 12 },
  closed_sme_dossier_contacts: { startsAt: "dossier_closed_at", defaultMonths: 60 },
  data_subject_request_files: { startsAt: "request_closed_at", defaultMonths: 36 },
};

export type RetentionPeriods = Record<RetentionKind, number>;

export function defaultRetentionPeriods(): RetentionPeriods {
  return Object.fromEntries(
    RETENTION_KINDS.map((kind) => [kind, RETENTION_RULES[kind].defaultMonths]),
  ) as RetentionPeriods;
}

/** The anonymised stand-in for a name. */
export const ANONYMISED_NAME = "Đã ẩn danh";

/**
 * The province calendar day on which a record started at `startIso` expires: the same day `months` later, or the
 * last day of that month when it has no such day (31 Aug + 6 months → 28/29 Feb).
 */
export function expiryDate(startIso: string, months: number): string {
  const [y, m, d] = provinceDate(startIso).split("-").map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Expired from the first instant of the expiry day in the province: the day before is kept, the day itself is not. */
export function isExpired(startIso: string, months: number, nowIso: string): boolean {
  return provinceDate(nowIso) >= expiryDate(startIso, months);
}

/**
 * The latest start instant that has expired at `nowIso`, for an indexed `where start <= cutoff` in SQL: the end of
 * the province day that lies `months` before today (month-end clamped the same way as `expiryDate`).
 */
export function startCutoff(months: number, nowIso: string): string {
  const today = provinceDate(nowIso);
  const [y, m, d] = today.split("-").map(Number);
  const monthIndex = m - 1 - months;
  const year = y + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Today is the day of expiry for every start day d' with min(d', lastDay(target)) <= d: on the last day of a
  // shorter month, starts later in the longer month have expired too.
  const day = d >= new Date(Date.UTC(y, m, 0)).getUTCDate() ? lastDay : Math.min(d, lastDay);
  const startOfDay = provinceLocalToIso(
    `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T00:00`,
  )!;
  return new Date(Date.parse(startOfDay) + 86_400_000 - 1).toISOString();
}

const monthsField = z.coerce
  .number({ invalid_type_error: "Số tháng phải là một số nguyên." })
  .int("Số tháng phải là một số nguyên.")
  .min(1, "Thời hạn lưu trữ ít nhất 1 tháng.")
  .max(240, "Thời hạn lưu trữ tối đa 240 tháng (20 năm).");

/** The admin's form of periods, one field per kind. */
export const RetentionPeriodsSchema = z.object(
  Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, monthsField])) as Record<RetentionKind, typeof monthsField>,
);
