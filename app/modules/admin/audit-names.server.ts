import type { DB } from "../../lib/db.server";
import {
  type AuditRow,
  type AuditView,
  describeAuditRow,
  provinceDateTime,
  recordKey,
  type RecordName,
  type Translate,
} from "./audit-view";

type Named = { id: string; name: string; href: string | null };
type Loader = (db: DB, ids: string[]) => Promise<Named[]>;

const joinName = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(" · ");

/** How each kind of audited record is named and linked: one query for all the ids of that kind on the page. */
const LOADERS: Record<string, Loader> = {
  entry: async (db, ids) =>
    (
      await db
        .selectFrom("competition_entries")
        .select(["id", "edition_id", "receipt_number", "project_name"])
        .where("id", "in", ids)
        .execute()
    ).map((r) => ({
      id: r.id,
      name: joinName(r.receipt_number, r.project_name),
      href: `/staff/competitions/${r.edition_id}/entries/${r.id}`,
    })),
  edition: async (db, ids) =>
    (await db.selectFrom("competition_editions").select(["id", "name"]).where("id", "in", ids).execute()).map((r) => ({
      id: r.id,
      name: r.name,
      href: `/staff/competitions/${r.id}`,
    })),
  round: async (db, ids) =>
    (
      await db
        .selectFrom("competition_rounds")
        .innerJoin("competition_editions", "competition_editions.id", "competition_rounds.edition_id")
        .select([
          "competition_rounds.id",
          "competition_rounds.edition_id",
          "competition_rounds.name",
          "competition_editions.name as edition_name",
        ])
        .where("competition_rounds.id", "in", ids)
        .execute()
    ).map((r) => ({
      id: r.id,
      name: joinName(r.name, r.edition_name),
      href: `/staff/competitions/${r.edition_id}/rounds/${r.id}`,
    })),
  score_sheet: async (db, ids) =>
    (
      await db
        .selectFrom("score_sheets")
        .innerJoin("assignments", "assignments.id", "score_sheets.assignment_id")
        .innerJoin("competition_entries", "competition_entries.id", "assignments.entry_id")
        .innerJoin("competition_rounds", "competition_rounds.id", "assignments.round_id")
        .innerJoin("users", "users.id", "assignments.judge_id")
        .select([
          "score_sheets.id",
          "competition_entries.receipt_number",
          "competition_entries.project_name",
          "competition_rounds.id as round_id",
          "competition_rounds.edition_id",
          "users.full_name",
        ])
        .where("score_sheets.id", "in", ids)
        .execute()
    ).map((r) => ({
      id: r.id,
      name: joinName(r.receipt_number, r.project_name, r.full_name),
      href: `/staff/competitions/${r.edition_id}/rounds/${r.round_id}`,
    })),
  organisation: async (db, ids) =>
    (await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", ids).execute()).map((r) => ({
      id: r.id,
      name: r.name,
      href: `/organisations/${r.id}`,
    })),
  user: async (db, ids) =>
    (await db.selectFrom("users").select(["id", "full_name"]).where("id", "in", ids).execute()).map((r) => ({
      id: r.id,
      name: r.full_name,
      href: `/admin/users/${r.id}`,
    })),
  support_dossier: async (db, ids) =>
    (
      await db
        .selectFrom("support_dossiers")
        .innerJoin("organisations", "organisations.id", "support_dossiers.organisation_id")
        .select(["support_dossiers.id", "support_dossiers.receipt_number", "organisations.name"])
        .where("support_dossiers.id", "in", ids)
        .execute()
    ).map((r) => ({ id: r.id, name: joinName(r.receipt_number, r.name), href: `/staff/sme/${r.id}` })),
  tech_application: async (db, ids) =>
    (
      await db
        .selectFrom("tech_applications")
        .innerJoin("organisations", "organisations.id", "tech_applications.organisation_id")
        .select(["tech_applications.id", "tech_applications.technology", "organisations.name"])
        .where("tech_applications.id", "in", ids)
        .execute()
    ).map((r) => ({
      id: r.id,
      name: joinName(r.name, r.technology),
      href: `/staff/technology/applications/${r.id}`,
    })),
  incubation_record: async (db, ids) =>
    (
      await db
        .selectFrom("incubation_records")
        .innerJoin("organisations", "organisations.id", "incubation_records.organisation_id")
        .select(["incubation_records.id", "organisations.name"])
        .where("incubation_records.id", "in", ids)
        .execute()
    ).map((r) => ({ id: r.id, name: r.name, href: `/staff/incubation/${r.id}` })),
  mou: async (db, ids) =>
    (await db.selectFrom("mous").select(["id", "title"]).where("id", "in", ids).execute()).map((r) => ({
      id: r.id,
      name: r.title,
      href: `/staff/mous/${r.id}`,
    })),
  connection_event: async (db, ids) =>
    (await db.selectFrom("connection_events").select(["id", "title"]).where("id", "in", ids).execute()).map((r) => ({
      id: r.id,
      name: r.title,
      href: `/staff/events/${r.id}`,
    })),
  tech_campaign: async (db, ids) =>
    (await db.selectFrom("tech_outreach_campaigns").select(["id", "title"]).where("id", "in", ids).execute()).map(
      (r) => ({ id: r.id, name: r.title, href: `/staff/technology/outreach/${r.id}` }),
    ),
  report_draft: async (db, ids) =>
    (
      await db
        .selectFrom("report_drafts")
        .select(["id", "reference_number", "subtitle"])
        .where("id", "in", ids)
        .execute()
    ).map((r) => ({ id: r.id, name: joinName(r.reference_number, r.subtitle), href: `/staff/reports/drafts/${r.id}` })),
  data_subject_request: async (db, ids) =>
    (
      await db
        .selectFrom("data_subject_requests")
        .innerJoin("users", "users.id", "data_subject_requests.requester_id")
        .select(["data_subject_requests.id", "users.full_name"])
        .where("data_subject_requests.id", "in", ids)
        .execute()
    ).map((r) => ({ id: r.id, name: r.full_name, href: `/staff/privacy/requests/${r.id}` })),
  retention_run: async (db, ids) =>
    (await db.selectFrom("retention_runs").select(["id", "started_at"]).where("id", "in", ids).execute()).map((r) => ({
      id: r.id,
      name: provinceDateTime(r.started_at),
      href: "/admin/privacy/retention",
    })),
  // A proposal is named by the document it rests on; decided ones leave the pending list, so no link.
  setting_proposal: async (db, ids) =>
    (
      await db
        .selectFrom("setting_proposals")
        .select(["id", "source_document", "status"])
        .where("id", "in", ids)
        .execute()
    ).map((r) => ({
      id: r.id,
      name: r.source_document,
      href: r.status === "pending" ? "/staff/settings-proposals" : null,
    })),
};

/**
 * The names and links of the records a page of audit rows is about: one query per kind of record on the page
 * (never one per row). Kinds without a page of their own (settings, holidays) are left out and shown by their type.
 */
export async function namesOfAuditedRecords(
  db: DB,
  rows: ReadonlyArray<{ entity_type: string; entity_id: string }>,
): Promise<Map<string, RecordName>> {
  const idsByType = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!LOADERS[row.entity_type]) continue;
    const ids = idsByType.get(row.entity_type) ?? new Set<string>();
    ids.add(row.entity_id);
    idsByType.set(row.entity_type, ids);
  }
  const names = new Map<string, RecordName>();
  // One after the other: SQLite runs on one connection anyway, and a few kinds per page is a few queries.
  for (const [type, ids] of idsByType) {
    const list = [...ids];
    // Large exports are named in chunks, within every engine's limit of bound parameters.
    for (let start = 0; start < list.length; start += 500)
      for (const named of await LOADERS[type](db, list.slice(start, start + 500)))
        names.set(recordKey(type, named.id), { name: named.name, href: named.href });
  }
  return names;
}

/** Audit rows in words, their records named with one query per kind. */
export async function describeAuditRows(db: DB, rows: readonly AuditRow[], t: Translate): Promise<AuditView[]> {
  const names = await namesOfAuditedRecords(db, rows);
  return rows.map((row) => describeAuditRow(row, names, t));
}
