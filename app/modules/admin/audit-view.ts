/**
 * An audit row as a person reads it: the action in words, the record by its name with a link to its page, and each
 * changed field as "field: old → new" with statuses translated and times on the province's clock. Pure: the names of
 * the records are fetched beforehand (one query per entity type, see audit-names.server.ts) and passed in.
 */
import type { TFunction } from "i18next";
import { isoToProvinceLocal } from "../../lib/province-time";

/** The translation lookup this module needs: i18next's `t`, or any function with its signature. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** i18next's typed `t` as the untyped lookup this module uses (its keys are built from the row's names). */
export function looseTranslate(t: TFunction): Translate {
  return t as unknown as Translate;
}

export type AuditRow = {
  id: number;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  created_at: string;
  actor_name: string | null;
};

/** A record as the audit page names it. */
export type RecordName = { name: string; href: string | null };

export type FieldChange = { field: string; from: string | null; to: string };

export type AuditView = {
  id: number;
  time: string;
  timeIso: string;
  actor: string;
  action: string;
  entityType: string;
  record: RecordName;
  reason: string | null;
  changes: FieldChange[];
};

const MISSING = "\u0000missing";

/** A translation, or null when the key has none (i18next answers a missing key with the key itself). */
function lookup(t: Translate, key: string): string | null {
  const text = t(key, { defaultValue: MISSING });
  return text === MISSING || text === key ? null : text;
}

/** The label of an audit action ("entry.mark_valid" → "Xác nhận hợp lệ"), or null when it has none. */
export function auditActionLabel(action: string, t: Translate): string | null {
  return lookup(t, `auditActions.${action.replace(/\./g, "_")}`);
}

/** Where each kind of record's statuses are named. */
const STATUS_LABELS: Record<string, string> = {
  entry: "entries.statuses",
  support_dossier: "sme.statuses",
  support_programme: "sme.programmeStatuses",
  tech_application: "technology.statuses",
  incubation_record: "incubation.statuses",
  mou: "connections.mouStatuses",
  data_subject_request: "privacy.requests.statuses",
  round: "rounds.statuses",
};

/** The province's wall clock as "dd/MM/yyyy HH:mm", whatever the server's or the browser's time zone. */
export function provinceDateTime(iso: string): string {
  const local = isoToProvinceLocal(iso);
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Bookkeeping keys that say nothing to a reader (the row's version, ids already named by the record). */
function isHidden(field: string): boolean {
  return field === "id" || field === "version" || /[a-z](Id|Ids|_id|_ids)$/.test(field);
}

function fieldLabel(field: string, t: Translate): string {
  return (
    lookup(t, `auditView.fields.${field}`) ??
    field
      .replace(/_/g, " ")
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
  );
}

/** One value in words: a status by its name, an instant on the province's clock, a date as dd/MM/yyyy, yes/no. */
export function valueInWords(field: string, value: unknown, entityType: string, t: Translate): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return t(value ? "auditView.yes" : "auditView.no");
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (field === "status" && STATUS_LABELS[entityType]) {
      const status = lookup(t, `${STATUS_LABELS[entityType]}.${value}`);
      if (status) return status;
    }
    if (field === "role") return lookup(t, `roles.${value}`) ?? value;
    if (ISO_INSTANT.test(value) && !Number.isNaN(new Date(value).getTime())) return provinceDateTime(value);
    if (CALENDAR_DATE.test(value)) return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
    return value;
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === "string" || typeof item === "number") && value.length <= 5)
      return value.map((item) => valueInWords(field, item, entityType, t)).join(", ");
    return t("auditView.items", { count: value.length });
  }
  return t("auditView.details");
}

function parseObject(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The fields an audit row changed, each from its old value to its new one, in words; unchanged ones left out. */
export function changedFields(
  beforeJson: string | null,
  afterJson: string | null,
  entityType: string,
  t: Translate,
): FieldChange[] {
  const before = parseObject(beforeJson);
  const after = parseObject(afterJson) ?? {};
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((f) => !isHidden(f));
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const old = before?.[field];
    const next = after[field];
    if (before && JSON.stringify(old) === JSON.stringify(next)) continue;
    changes.push({
      field: fieldLabel(field, t),
      from: before && field in before ? valueInWords(field, old, entityType, t) : null,
      to: field in after ? valueInWords(field, next, entityType, t) : "—",
    });
  }
  return changes;
}

/** The key a record's name is found under in the map passed to `describeAuditRow`. */
export function recordKey(entityType: string, entityId: string): string {
  return `${entityType}:${entityId}`;
}

export function describeAuditRow(row: AuditRow, names: ReadonlyMap<string, RecordName>, t: Translate): AuditView {
  const typeLabel = lookup(t, `auditView.entityTypes.${row.entity_type}`) ?? row.entity_type;
  const known = names.get(recordKey(row.entity_type, row.entity_id));
  return {
    id: row.id,
    time: provinceDateTime(row.created_at),
    timeIso: row.created_at,
    actor: row.actor_name ?? t("audit.system"),
    action: auditActionLabel(row.action, t) ?? row.action,
    entityType: typeLabel,
    record: known ?? {
      name: t("auditView.unknownRecord", { type: typeLabel, id: row.entity_id.slice(0, 8) }),
      href: null,
    },
    reason: row.reason,
    changes: changedFields(row.before_json, row.after_json, row.entity_type, t),
  };
}

/** A change as one line of text, for the export: "Trạng thái: Đã nộp → Hợp lệ". */
export function changeLine(change: FieldChange): string {
  return change.from === null ? `${change.field}: ${change.to}` : `${change.field}: ${change.from} → ${change.to}`;
}
