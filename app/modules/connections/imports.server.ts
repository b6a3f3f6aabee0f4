import type { MouPairing, OrganisationKind } from "../../../db/types";
import type { TFunction } from "../../i18n";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { storedFileName } from "../../lib/file-name";
import { searchKey } from "../../lib/format";
import { notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { provinceDate } from "../../lib/province-time";
import { nowIso } from "../../lib/time.server";
import { applyResolutions, resolvedId, resolveOrganisations, type Resolution } from "../organisations/registry.server";
import { requireConnectionsWriter } from "./commands.server";
import { firstCheckOn, pairingOf } from "./rules";
import { readSpreadsheet } from "../../lib/spreadsheet-import.server";
import {
  ATTENDEE_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MOU_COLUMNS,
  refKey,
  validateAttendeeSheet,
  validateMouSheet,
  type AttendeeRow,
  type MouRow,
  type RowProblem,
  type Sheet,
} from "./sheet";

/*
 * Imports in two steps. Upload: the file is read by the portal's one spreadsheet reader, every row is checked (sheet.ts) and every organisation resolved against the registry;
 * with any problem, the report goes back and nothing is kept. Without, the checked rows are kept in
 * connection_imports under a random id and the uploader's id, and a preview shows what will happen. Confirm: the
 * batch is read back (only by its uploader, once, within a day), resolved again inside one transaction — the registry
 * may have changed meanwhile — and written all at once, or not at all.
 */

const BATCH_HOURS = 24;

/** The problems of a file in the user's language, for the row-by-row report. */
export type ImportFile =
  | { ok: true; sheet: Sheet; fileName: string }
  | { ok: false; fileError: string; status: 400 | 413 };

/** The uploaded list of an import form, read and size-checked; the message says what is wrong with the file itself. */
export async function readImportFile(form: FormData, t: TFunction): Promise<ImportFile> {
  const file = form.get("file");
  const sheet = await readSpreadsheet(file, { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS });
  if (!sheet.ok) {
    const fileError = t(`connections.import.sheetProblems.${sheet.problem}`, {
      mb: String(MAX_IMPORT_BYTES / 1024 / 1024),
      max: String(MAX_IMPORT_ROWS),
    });
    return { ok: false, fileError, status: sheet.problem === "tooLarge" ? 413 : 400 };
  }
  return { ok: true, sheet, fileName: storedFileName(file instanceof File ? file.name : null, "danh-sach") };
}

export function problemMessages(
  problems: RowProblem[],
  t: TFunction,
): Array<{ row: number; column: string; message: string }> {
  const translate = t as unknown as (key: string, params?: object) => string;
  return problems.map((p) => ({ row: p.row, column: p.column, message: translate(p.key, p.params ?? {}) }));
}
const PREVIEW_ROWS = 500;

export type ImportSummary = { rows: number; add: number; skip: number; newOrganisations: number; matched: number };
type Prepared<P> =
  | { ok: true; batchId: string; preview: P[]; summary: ImportSummary }
  | { ok: false; problems: RowProblem[] };
type Committed = { ok: true; summary: ImportSummary } | { ok: false; problems: RowProblem[] };

export type ResolutionView = {
  action: Resolution["action"];
  by?: "tax_code" | "name";
  name: string;
  fillsTaxCode?: boolean;
};
function view(resolution: Resolution, fallbackName: string): ResolutionView {
  if (resolution.action === "match")
    return { action: "match", by: resolution.by, name: resolution.name, fillsTaxCode: !!resolution.fillTaxCode };
  if (resolution.action === "create") return { action: "create", name: resolution.name };
  return { action: "ambiguous", name: fallbackName };
}

function summarise(plan: Array<{ action: "add" | "skip" }>, resolutions: Map<string, Resolution>): ImportSummary {
  const values = [...resolutions.values()];
  return {
    rows: plan.length,
    add: plan.filter((p) => p.action === "add").length,
    skip: plan.filter((p) => p.action === "skip").length,
    newOrganisations: new Set(values.flatMap((r) => (r.action === "create" ? [r.plan] : []))).size,
    matched: new Set(values.flatMap((r) => (r.action === "match" ? [r.id] : []))).size,
  };
}

async function storeBatch(
  db: DB,
  actor: CurrentUser,
  kind: "attendees" | "mous",
  eventId: string | null,
  fileName: string,
  rows: unknown[],
): Promise<string> {
  const id = newId();
  // The uploader's stale checks are of no more use: they cannot be confirmed any more.
  await db
    .deleteFrom("connection_imports")
    .where("uploaded_by", "=", actor.id)
    .where("committed_at", "is", null)
    .where("created_at", "<", new Date(Date.now() - BATCH_HOURS * 3_600_000).toISOString())
    .execute();
  await db
    .insertInto("connection_imports")
    .values({
      id,
      kind,
      event_id: eventId,
      uploaded_by: actor.id,
      file_name: fileName,
      row_count: rows.length,
      rows_json: JSON.stringify(rows),
      created_at: nowIso(),
      committed_at: null,
    })
    .execute();
  return id;
}

/** The uploader's own batch, not yet written and not stale; anyone else's is a 404. */
async function openBatch(
  trx: DB,
  actor: CurrentUser,
  batchId: string,
  kind: "attendees" | "mous",
  eventId: string | null,
): Promise<{ ok: true; rows: unknown[]; fileName: string } | { ok: false; problems: RowProblem[] }> {
  let query = trx
    .selectFrom("connection_imports")
    .selectAll()
    .where("id", "=", batchId)
    .where("uploaded_by", "=", actor.id)
    .where("kind", "=", kind);
  query = eventId ? query.where("event_id", "=", eventId) : query.where("event_id", "is", null);
  const batch = await query.executeTakeFirst();
  if (!batch) notFound();
  const problem = (key: string): { ok: false; problems: RowProblem[] } => ({
    ok: false,
    problems: [{ row: 0, column: "—", key }],
  });
  if (batch.committed_at) return problem("connections.import.problems.alreadyCommitted");
  if (Date.parse(batch.created_at) < Date.now() - BATCH_HOURS * 3_600_000)
    return problem("connections.import.problems.expired");
  return { ok: true, rows: JSON.parse(batch.rows_json) as unknown[], fileName: batch.file_name };
}

// ——— Attendees ———

export type AttendeePlanRow = {
  row: number;
  personName: string | null;
  position: string | null;
  organisation: ResolutionView | null;
  action: "add" | "skip";
};

async function planAttendees(db: DB, eventId: string, rows: AttendeeRow[]) {
  const refs = rows.flatMap((r) => (r.organisation ? [r.organisation] : []));
  const resolutions = await resolveOrganisations(db, refs);
  const present = await db
    .selectFrom("event_participants")
    .select(["organisation_id", "person_name"])
    .where("event_id", "=", eventId)
    .execute();
  const listed = new Set(
    present.map((p) => `${p.organisation_id ?? "-"}|${p.person_name ? searchKey(p.person_name) : ""}`),
  );
  const problems: RowProblem[] = [];
  const plan: AttendeePlanRow[] = rows.map((row) => {
    const resolution = row.organisation ? resolutions.get(refKey(row.organisation))! : null;
    if (resolution?.action === "ambiguous")
      problems.push({
        row: row.row,
        column: ATTENDEE_COLUMNS.organisation.label,
        key: "connections.import.problems.ambiguousOrganisation",
        params: { n: String(resolution.count) },
      });
    const organisationId = resolution?.action === "match" ? resolution.id : resolution ? null : "-";
    const already =
      organisationId !== null && listed.has(`${organisationId}|${row.personName ? searchKey(row.personName) : ""}`);
    return {
      row: row.row,
      personName: row.personName,
      position: row.position,
      organisation: resolution && row.organisation ? view(resolution, row.organisation.name) : null,
      action: already ? "skip" : "add",
    };
  });
  return { plan, problems, resolutions };
}

export async function prepareAttendeeImport(
  db: DB,
  actor: CurrentUser,
  eventId: string,
  sheet: Sheet,
  fileName: string,
): Promise<Prepared<AttendeePlanRow>> {
  requireConnectionsWriter(actor);
  const event = await db.selectFrom("connection_events").select("id").where("id", "=", eventId).executeTakeFirst();
  if (!event) notFound();
  const checked = validateAttendeeSheet(sheet);
  if (checked.problems.length) return { ok: false, problems: checked.problems };
  const { plan, problems, resolutions } = await planAttendees(db, eventId, checked.rows);
  if (problems.length) return { ok: false, problems };
  const batchId = await storeBatch(db, actor, "attendees", eventId, fileName, checked.rows);
  return { ok: true, batchId, preview: plan.slice(0, PREVIEW_ROWS), summary: summarise(plan, resolutions) };
}

export async function commitAttendeeImport(
  db: DB,
  actor: CurrentUser,
  eventId: string,
  batchId: string,
  ip: string | null,
): Promise<Committed> {
  requireConnectionsWriter(actor);
  return db.transaction().execute(async (trx) => {
    const batch = await openBatch(trx, actor, batchId, "attendees", eventId);
    if (!batch.ok) return batch;
    const rows = batch.rows as AttendeeRow[];
    const { plan, problems, resolutions } = await planAttendees(trx, eventId, rows);
    if (problems.length) return { ok: false as const, problems };
    const now = nowIso();
    const { ids, created } = await applyResolutions(trx, resolutions, now);
    const values = rows.flatMap((row, index) =>
      plan[index].action === "skip"
        ? []
        : [
            {
              id: newId(),
              event_id: eventId,
              organisation_id: row.organisation ? resolvedId(resolutions.get(refKey(row.organisation))!, ids) : null,
              person_name: row.personName,
              position: row.position,
              phone: row.phone,
              email: row.email,
              source: "import" as const,
              created_by: actor.id,
              created_at: now,
            },
          ],
    );
    for (let i = 0; i < values.length; i += 200)
      await trx
        .insertInto("event_participants")
        .values(values.slice(i, i + 200))
        .execute();
    for (const organisation of created) {
      await recordAudit(trx, {
        actorId: actor.id,
        action: "organisation.created",
        entityType: "organisation",
        entityId: organisation.id,
        after: { name: organisation.name, taxCode: organisation.taxCode, source: "attendee_import", batchId },
        ip,
      });
    }
    await trx
      .updateTable("connection_imports")
      .set({ committed_at: now, rows_json: "[]" })
      .where("id", "=", batchId)
      .execute();
    const summary = summarise(plan, resolutions);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.attendees_imported",
      entityType: "connection_event",
      entityId: eventId,
      after: { batchId, fileName: batch.fileName, ...summary },
      ip,
    });
    return { ok: true as const, summary };
  });
}

// ——— MOUs ———

export type MouPlanRow = {
  row: number;
  signedOn: string;
  title: string;
  parties: ResolutionView[];
  pairing: MouPairing;
  fields: MouRow["fields"];
  status: MouRow["status"];
  eventTitle: string | null;
  action: "add" | "skip";
};

const defaultTitle = (row: MouRow) =>
  `Biên bản ghi nhớ hợp tác giữa ${row.parties[0].name} và ${row.parties[1].name}`.slice(0, 300);

async function planMous(db: DB, rows: MouRow[]) {
  const resolutions = await resolveOrganisations(
    db,
    rows.flatMap((r) => r.parties),
  );
  const titles = [...new Set(rows.flatMap((r) => (r.event ? [searchKey(r.event)] : [])))];
  const events = titles.length
    ? await db
        .selectFrom("connection_events")
        .select(["id", "title", "title_search", "starts_on"])
        .where("title_search", "in", titles)
        .orderBy("starts_on", "desc")
        .execute()
    : [];
  const dates = [...new Set(rows.map((r) => r.signedOn))];
  const existing = dates.length
    ? await db
        .selectFrom("mous")
        .innerJoin("mou_parties", "mou_parties.mou_id", "mous.id")
        .select(["mous.id", "mous.signed_on", "mou_parties.organisation_id"])
        .where("mous.signed_on", "in", dates)
        .execute()
    : [];
  const signed = new Set<string>();
  for (const id of new Set(existing.map((e) => e.id))) {
    const parties = existing.filter((e) => e.id === id);
    signed.add(
      `${parties[0].signed_on}|${parties
        .map((p) => p.organisation_id)
        .sort()
        .join("|")}`,
    );
  }
  const problems: RowProblem[] = [];
  const columns = [MOU_COLUMNS.partyA.label, MOU_COLUMNS.partyB.label];
  const plan: MouPlanRow[] = rows.map((row) => {
    const resolved = row.parties.map((party) => resolutions.get(refKey(party))!);
    resolved.forEach((resolution, index) => {
      if (resolution.action === "ambiguous")
        problems.push({
          row: row.row,
          column: columns[index],
          key: "connections.import.problems.ambiguousOrganisation",
          params: { n: String(resolution.count) },
        });
    });
    // The event of that title held on or before the signing day, the latest such.
    const event = row.event
      ? events.find((e) => e.title_search === searchKey(row.event!) && e.starts_on <= row.signedOn)
      : undefined;
    if (row.event && !event)
      problems.push({
        row: row.row,
        column: MOU_COLUMNS.event.label,
        key: "connections.import.problems.unknownEvent",
        params: { value: row.event.slice(0, 80) },
      });
    const kinds: OrganisationKind[] = resolved.map((r) => (r.action === "ambiguous" ? "enterprise" : r.kind));
    const ids = resolved.map((r) => (r.action === "match" ? r.id : null));
    const already = ids.every(Boolean) && signed.has(`${row.signedOn}|${[...ids].sort().join("|")}`);
    return {
      row: row.row,
      signedOn: row.signedOn,
      title: row.title ?? defaultTitle(row),
      parties: resolved.map((r, index) => view(r, row.parties[index].name)),
      pairing: pairingOf(kinds),
      fields: row.fields,
      status: row.status,
      eventTitle: event?.title ?? null,
      action: already ? "skip" : "add",
      eventId: event?.id ?? null,
    };
  });
  return { plan, problems, resolutions };
}

const stripEvent = ({ eventId: _e, ...row }: MouPlanRow & { eventId?: string | null }): MouPlanRow => row;

export async function prepareMouImport(
  db: DB,
  actor: CurrentUser,
  sheet: Sheet,
  fileName: string,
): Promise<Prepared<MouPlanRow>> {
  requireConnectionsWriter(actor);
  const checked = validateMouSheet(sheet, provinceDate(nowIso()));
  if (checked.problems.length) return { ok: false, problems: checked.problems };
  const { plan, problems, resolutions } = await planMous(db, checked.rows);
  if (problems.length) return { ok: false, problems };
  const batchId = await storeBatch(db, actor, "mous", null, fileName, checked.rows);
  return {
    ok: true,
    batchId,
    preview: plan.slice(0, PREVIEW_ROWS).map(stripEvent),
    summary: summarise(plan, resolutions),
  };
}

export async function commitMouImport(
  db: DB,
  actor: CurrentUser,
  batchId: string,
  ip: string | null,
): Promise<Committed> {
  requireConnectionsWriter(actor);
  return db.transaction().execute(async (trx) => {
    const batch = await openBatch(trx, actor, batchId, "mous", null);
    if (!batch.ok) return batch;
    const rows = batch.rows as MouRow[];
    const { plan, problems, resolutions } = await planMous(trx, rows);
    if (problems.length) return { ok: false as const, problems };
    const now = nowIso();
    const today = provinceDate(now);
    const { ids, created } = await applyResolutions(trx, resolutions, now);
    for (const [index, row] of rows.entries()) {
      const planned = plan[index] as MouPlanRow & { eventId: string | null };
      if (planned.action === "skip") continue;
      const id = newId();
      const partyIds = row.parties.map((party) => resolvedId(resolutions.get(refKey(party))!, ids));
      const values = {
        id,
        reference: row.reference,
        title: planned.title,
        title_search: searchKey(planned.title),
        event_id: planned.eventId,
        pairing: planned.pairing,
        signed_on: row.signedOn,
        summary: row.summary,
        status: row.status,
        next_check_on: firstCheckOn(row.status, row.signedOn, today),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto("mous").values(values).execute();
      await trx
        .insertInto("mou_parties")
        .values(partyIds.map((organisationId, position) => ({ mou_id: id, organisation_id: organisationId, position })))
        .execute();
      await trx
        .insertInto("mou_fields")
        .values(row.fields.map((field) => ({ mou_id: id, field })))
        .execute();
      await recordAudit(trx, {
        actorId: actor.id,
        action: "connections.mou_created",
        entityType: "mou",
        entityId: id,
        after: { ...values, partyIds, fields: row.fields, source: "import", batchId, row: row.row },
        ip,
      });
    }
    for (const organisation of created) {
      await recordAudit(trx, {
        actorId: actor.id,
        action: "organisation.created",
        entityType: "organisation",
        entityId: organisation.id,
        after: { name: organisation.name, taxCode: organisation.taxCode, source: "mou_import", batchId },
        ip,
      });
    }
    await trx
      .updateTable("connection_imports")
      .set({ committed_at: now, rows_json: "[]" })
      .where("id", "=", batchId)
      .execute();
    const summary = summarise(plan, resolutions);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.mous_imported",
      entityType: "connection_import",
      entityId: batchId,
      after: { fileName: batch.fileName, ...summary },
      ip,
    });
    return { ok: true as const, summary };
  });
}
