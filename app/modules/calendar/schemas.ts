import { z } from "zod";
import { enumOf, isoDate, optionalText, text } from "../../lib/validation";
import { CALENDAR_DAY_KINDS } from "../../lib/working-days";

/** A day of the working-day calendar: a day off, or a weekend day worked in exchange, with the decision that set it. */
export const HolidaySchema = z.object({
  day: isoDate,
  name: text(200),
  kind: enumOf(CALENDAR_DAY_KINDS).default("day_off"),
  source: optionalText(300),
});
