/** Participation certificate numbers: the format staff choose (a setting), and the series it numbers, one per year. */

import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { provinceDate } from "../../lib/province-time";
import { nowIso } from "../../lib/time.server";
import { requireProcessor } from "./access.server";
import {
  certificateFormatProblem,
  CERTIFICATE_FORMAT_MAX_LENGTH,
  DEFAULT_CERTIFICATE_FORMAT,
  formatCertificateNumber,
  nextCertificateSeq,
  normaliseCertificateFormat,
} from "./rules";

const SETTING = "certificate_number_format";

/** The format in force (the default until the setting is written). */
export async function certificateFormat(db: DB): Promise<string> {
  const row = await db.selectFrom("tech_settings").select("value").where("key", "=", SETTING).executeTakeFirst();
  return row?.value ?? DEFAULT_CERTIFICATE_FORMAT;
}

/** The year of issue of a certificate issued at `iso`: the calendar year in the province. */
export function yearOfIssue(iso: string): number {
  return Number(provinceDate(iso).slice(0, 4));
}

/**
 * The next place in the year's series and its number. Read inside the issuing transaction (SQLite's write lock, and
 * the one writer at a time on PostgreSQL, D45); a second process racing for the same place is refused by the unique
 * index on (year, seq) and runs again (withUniqueRetry), so the series has neither gaps nor doubles.
 */
export async function nextCertificateNumber(trx: DB, year: number): Promise<{ seq: number; number: string }> {
  const [row, format] = await Promise.all([
    trx
      .selectFrom("tech_certificates")
      .select((eb) => eb.fn.max<number>("seq").as("max"))
      .where("year", "=", year)
      .executeTakeFirst(),
    certificateFormat(trx),
  ]);
  const seq = nextCertificateSeq(row?.max == null ? null : Number(row.max));
  return { seq, number: formatCertificateNumber(format, seq, year) };
}

/** What the settings page shows: the format, and the number the next certificate of this year would take. */
export async function certificateNumbering(db: DB) {
  const year = yearOfIssue(nowIso());
  const [format, next] = await Promise.all([certificateFormat(db), nextCertificateNumber(db, year)]);
  return { format, year, next: next.number, maxLength: CERTIFICATE_FORMAT_MAX_LENGTH };
}

/** Staff change the format; numbers already issued keep theirs, the next ones take the new format. Audited. */
export async function saveCertificateFormat(
  db: DB,
  actor: CurrentUser,
  typed: string,
  ip: string | null,
): Promise<Outcome<{ format: string }>> {
  requireProcessor(actor);
  const format = normaliseCertificateFormat(typed);
  const problem = certificateFormatProblem(format);
  if (problem)
    return refuse(`records.certificateNumbers.problems.${problem}`, {
      field: "format",
      params: { maxLength: String(CERTIFICATE_FORMAT_MAX_LENGTH) },
    });
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("tech_settings").selectAll().where("key", "=", SETTING).executeTakeFirst();
    const changes = { value: format, verified: 1 as const, source: "Sở Khoa học và Công nghệ", updated_at: nowIso() };
    if (before) await trx.updateTable("tech_settings").set(changes).where("key", "=", SETTING).execute();
    else
      await trx
        .insertInto("tech_settings")
        .values({ key: SETTING, ...changes })
        .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.settings_saved",
      entityType: "tech_settings",
      entityId: SETTING,
      before,
      after: changes,
      ip,
    });
    return { ok: true as const, format };
  });
}
