/** Display helpers shared by server and browser: dates are stored in UTC and shown in the province's time. */
export const PROVINCE_TIME_ZONE = "Asia/Ho_Chi_Minh";

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "vi-VN");

// Building an Intl formatter costs far more than using one: keep one per language and style.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDate(iso: string | null | undefined, locale = "vi"): string {
  if (!iso) return "—";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00+07:00`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return cached(
    `date-${locale}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        timeZone: PROVINCE_TIME_ZONE,
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
      }),
  ).format(date);
}

export function formatDateTime(iso: string | null | undefined, locale = "vi"): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return cached(
    `datetime-${locale}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        timeZone: PROVINCE_TIME_ZONE,
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      }),
  ).format(date);
}

/** Money is an integer number of đồng. */
export function formatMoney(dong: number, locale = "vi"): string {
  return cached(
    `money-${locale}`,
    () => new Intl.NumberFormat(intlLocale(locale), { style: "currency", currency: "VND", maximumFractionDigits: 0 }),
  ).format(dong);
}

export function formatNumber(value: number, locale = "vi"): string {
  return cached(`number-${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(value);
}

/** A measured decimal (a technology coefficient, a score, a mean): two decimals at most, in the locale's notation ("0,79"). */
export function formatDecimal(value: number, locale = "vi"): string {
  return cached(
    `decimal-${locale}`,
    () => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }),
  ).format(value);
}

/**
 * A reporting period in short, for a chart's axis: "Quý 1/2023" (en "Q1 2023") for a calendar quarter, "03/2023" for
 * a calendar month, else the month it starts in. Dates are calendar days ("YYYY-MM-DD").
 */
export function formatPeriodShort(start: string, end: string, locale = "vi"): string {
  const [year, month, day] = start.split("-").map(Number);
  const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const monthLabel = `${String(month).padStart(2, "0")}/${year}`;
  if (day !== 1) return monthLabel;
  if ((month - 1) % 3 === 0 && end === lastDayOf(year, month + 2)) {
    const quarter = (month - 1) / 3 + 1;
    return locale === "en" ? `Q${quarter} ${year}` : `Quý ${quarter}/${year}`;
  }
  return monthLabel;
}

/** Lower-case, accent-free text, so that "quang ngai" finds "Quảng Ngãi". */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
