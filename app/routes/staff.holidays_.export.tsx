import type { LoaderFunctionArgs } from "@remix-run/node";
import { holidayYear, listHolidays, weekdayOf } from "../modules/calendar/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportResponse, readExportFormat } from "../lib/export.server";
import { formatDate } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";

/** The calendar of the year the page shows (`?year=`), in the page's order and words. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const search = new URL(request.url).searchParams;
  const year = holidayYear(search, Number(provinceDate(nowIso()).slice(0, 4)));
  const rows = await listHolidays(getDb(), year);
  return exportResponse(
    rows,
    [
      { header: t("sme.programme.holidays.day"), value: (r) => formatDate(r.day, locale) },
      { header: t("sme.programme.holidays.weekday"), value: (r) => t(`sme.programme.weekdays.${weekdayOf(r.day)}`) },
      { header: t("sme.programme.holidays.kind"), value: (r) => t(`sme.programme.holidays.kinds.${r.kind}`) },
      { header: t("sme.programme.holidays.name"), value: (r) => r.name },
      { header: t("sme.programme.holidays.source"), value: (r) => r.source ?? "—" },
    ],
    readExportFormat(search),
    `lich-nghi-${year}`,
  );
}
