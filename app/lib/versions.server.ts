import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/types";
import type { TFunction } from "../i18n";
import { formatDateTime } from "./format";

/**
 * Optimistic version checks for the records several staff edit from one form (README decision 2026-12-01 "Lost
 * updates"). The form carries the `version` it was loaded at; the command bumps the version only where the row still
 * has it, inside its transaction, and writes the new version into its audit entry; when no row changes, another save
 * came first and `changesSince` tells from the audit log who saved what, and when.
 */
export type VersionedTable = "organisations" | "competition_editions" | "support_programmes" | "report_drafts";

/** The version a form was loaded at (its hidden `version` field), or null when missing or not a positive integer. */
export function loadedVersion(form: FormData): number | null {
  const value = String(form.get("version") ?? "");
  return /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

/** Moves the row from the version the form was loaded at to the next one; false when it is no longer at that version. */
export async function claimVersion(
  trx: Kysely<Database>,
  table: VersionedTable,
  id: string,
  loaded: number,
): Promise<boolean> {
  const result = await trx
    .updateTable(table)
    .set({ version: sql<number>`version + 1` })
    .where("id", "=", id)
    .where("version", "=", loaded)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A save that came after the one the user started from: who, when, and the form fields it changed with their values now. */
export type VersionConflict = {
  ok: false;
  conflict: { version: number; saves: Array<{ by: string; at: string }>; fields: Record<string, string> };
};

/**
 * What was saved since `loaded`, read from the audit entries whose `after.version` is newer: each save's author and
 * time, and for every column of `fields` (audited key → form field) that one of them changed, its value now. Saves
 * audited under a part of the record (a programme's support types) are found through `partIds`.
 */
export async function changesSince(
  trx: Kysely<Database>,
  table: VersionedTable,
  entityType: string,
  id: string,
  loaded: number,
  fields: Readonly<Record<string, string>>,
  partIds: readonly string[] = [],
): Promise<VersionConflict> {
  const row = await trx.selectFrom(table).select("version").where("id", "=", id).executeTakeFirstOrThrow();
  const events = await trx
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.actor_id")
    .select(["audit_events.before_json", "audit_events.after_json", "audit_events.created_at", "users.full_name"])
    .where((eb) => {
      const own = eb.and([eb("audit_events.entity_type", "=", entityType), eb("audit_events.entity_id", "=", id)]);
      return partIds.length ? eb.or([own, eb("audit_events.entity_id", "in", partIds)]) : own;
    })
    .orderBy("audit_events.created_at", "desc")
    .orderBy("audit_events.id", "desc")
    .limit(200)
    .execute();
  const saves: Array<{ by: string; at: string }> = [];
  const changed: Record<string, string> = {};
  for (const event of events) {
    const after = ((event.after_json ? JSON.parse(event.after_json) : null) ?? {}) as Record<string, unknown>;
    if (typeof after.version !== "number" || after.version <= loaded) continue;
    const before = ((event.before_json ? JSON.parse(event.before_json) : null) ?? {}) as Record<string, unknown>;
    saves.push({ by: event.full_name ?? "—", at: event.created_at });
    for (const [column, field] of Object.entries(fields)) {
      // Newest first: the first save met that changed a column holds its value now.
      if (
        column in before &&
        column in after &&
        !(field in changed) &&
        JSON.stringify(before[column] ?? null) !== JSON.stringify(after[column] ?? null)
      )
        changed[field] = after[column] == null ? "" : String(after[column]);
    }
  }
  return { ok: false, conflict: { version: row.version, saves, fields: changed } };
}

/**
 * The conflict as the form shows it: a message above the form naming who saved and when, and next to each field the
 * other save changed, the value it holds now. The user's own input stays in the form; the form's version becomes the
 * current one, so that saving again (after reading) is a deliberate choice.
 */
export function conflictErrors(
  conflict: VersionConflict["conflict"],
  t: TFunction,
  locale: string,
): Record<string, string> {
  const latest = conflict.saves[0];
  const errors: Record<string, string> = {
    _form: latest
      ? t("errors.versionConflict", { by: latest.by, at: formatDateTime(latest.at, locale) })
      : t("errors.versionConflictUnknown"),
  };
  for (const [field, value] of Object.entries(conflict.fields))
    errors[field] = t("errors.versionConflictField", { value: value || "—" });
  return errors;
}

/** The 409 answer's body: the conflict's messages, the user's input as they sent it, and the version to save from now. */
export function conflictFailure(conflict: VersionConflict["conflict"], t: TFunction, locale: string, form: FormData) {
  const values: Record<string, string> = {};
  for (const [key, value] of form)
    if (typeof value === "string" && key !== "version" && !/password/i.test(key)) values[key] = value;
  return { ok: false as const, errors: conflictErrors(conflict, t, locale), values, version: conflict.version };
}
