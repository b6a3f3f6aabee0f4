/** Vietnam keeps UTC+7 all year (no daylight saving), so the province's wall clock is a fixed offset. */
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** "2022-09-30T17:00" typed by staff in Quảng Ngãi → the UTC instant stored. */
export function provinceLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const date = new Date(`${local}:00+07:00`);
  if (Number.isNaN(date.getTime())) return null;
  // JavaScript rolls 30/02 and 24:00 over to the next day: a real moment reads back as typed.
  return isoToProvinceLocal(date.toISOString()) === local ? date.toISOString() : null;
}

/** The UTC instant → "YYYY-MM-DDTHH:mm" on the province's clock, for a datetime-local field. */
export function isoToProvinceLocal(iso: string): string {
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The calendar date in the province at an instant ("YYYY-MM-DD"). */
export function provinceDate(iso: string): string {
  return isoToProvinceLocal(iso).slice(0, 10);
}

/** Whole years from a calendar date to the province's date at an instant (birthdays, company age). */
export function fullYearsBetween(fromDate: string, toIso: string): number {
  const to = provinceDate(toIso);
  const [fy, fm, fd] = fromDate.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}
