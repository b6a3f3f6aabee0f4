import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { attachDocument, insertAttachment, type UploadCheck, writeBlob } from "../../lib/files.server";
import { searchKey } from "../../lib/format";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { provinceDate } from "../../lib/province-time";
import { nowIso } from "../../lib/time.server";
import { refuse, refuseAll, type Outcome, type Problem } from "../../lib/outcome";
import { canWriteConnections, checkFollowUp, firstCheckOn, nextCheckOn, pairingOf } from "./rules";
import type { EventInput, FollowUpInput, MouInput, ParticipantInput } from "./schemas";

type Upload = Extract<UploadCheck, { ok: true }>;

/** Staff and admins write; leaders read only; anyone else never reaches these pages. */
export function requireConnectionsWriter(actor: CurrentUser): void {
  if (!canWriteConnections(actor.role)) forbidden();
}

function eventColumns(input: EventInput) {
  return {
    kind: input.kind,
    title: input.title,
    title_search: searchKey(input.title),
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    place: input.place ?? null,
    topic: input.topic ?? null,
    summary: input.summary ?? null,
    reported_organisations: input.reportedOrganisations ?? null,
    reported_people: input.reportedPeople ?? null,
    count_note: input.countNote ?? null,
  };
}

/** The organiser and co-organisers must be organisations of the registry. */
async function organiserProblems(db: DB, input: EventInput): Promise<Problem[] | null> {
  const wanted = [input.organiserId, ...input.coOrganiserIds];
  const found = await db.selectFrom("organisations").select("id").where("id", "in", wanted).execute();
  const known = new Set(found.map((o) => o.id));
  if (!known.has(input.organiserId)) return [{ field: "organiserId", key: "connections.problems.unknownOrganisation" }];
  if (input.coOrganiserIds.some((id) => !known.has(id)))
    return [{ field: "coOrganiserIds", key: "connections.problems.unknownOrganisation" }];
  return null;
}

async function writeOrganisers(trx: DB, eventId: string, input: EventInput) {
  await trx.deleteFrom("event_organisers").where("event_id", "=", eventId).execute();
  await trx
    .insertInto("event_organisers")
    .values([
      { event_id: eventId, organisation_id: input.organiserId, role: "organiser" as const },
      ...input.coOrganiserIds.map((id) => ({ event_id: eventId, organisation_id: id, role: "co_organiser" as const })),
    ])
    .execute();
}

export async function createEvent(
  db: DB,
  actor: CurrentUser,
  input: EventInput,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  requireConnectionsWriter(actor);
  const problems = await organiserProblems(db, input);
  if (problems) return refuseAll(problems);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const now = nowIso();
    const values = { id, ...eventColumns(input), created_by: actor.id, created_at: now, updated_at: now };
    await trx.insertInto("connection_events").values(values).execute();
    await writeOrganisers(trx, id, input);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.event_created",
      entityType: "connection_event",
      entityId: id,
      after: { ...values, organiserId: input.organiserId, coOrganiserIds: input.coOrganiserIds },
      ip,
    });
    return { ok: true as const, id };
  });
}

export async function updateEvent(
  db: DB,
  actor: CurrentUser,
  eventId: string,
  input: EventInput,
  ip: string | null,
): Promise<Outcome> {
  requireConnectionsWriter(actor);
  const problems = await organiserProblems(db, input);
  if (problems) return refuseAll(problems);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("connection_events").selectAll().where("id", "=", eventId).executeTakeFirst();
    if (!before) notFound();
    const after = eventColumns(input);
    await trx
      .updateTable("connection_events")
      .set({ ...after, updated_at: nowIso() })
      .where("id", "=", eventId)
      .execute();
    await writeOrganisers(trx, eventId, input);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.event_updated",
      entityType: "connection_event",
      entityId: eventId,
      before,
      after: { ...after, organiserId: input.organiserId, coOrganiserIds: input.coOrganiserIds },
      ip,
    });
    return { ok: true as const };
  });
}

/** Adds one participant (an organisation of the registry, a person, or a person for an organisation), once. */
export async function addParticipant(
  db: DB,
  actor: CurrentUser,
  eventId: string,
  input: ParticipantInput,
  ip: string | null,
): Promise<Outcome> {
  requireConnectionsWriter(actor);
  return db.transaction().execute(async (trx) => {
    const event = await trx.selectFrom("connection_events").select("id").where("id", "=", eventId).executeTakeFirst();
    if (!event) notFound();
    if (input.organisationId) {
      const organisation = await trx
        .selectFrom("organisations")
        .select("id")
        .where("id", "=", input.organisationId)
        .executeTakeFirst();
      if (!organisation) return refuse("connections.problems.unknownOrganisation", { field: "organisationId" });
    }
    let same = trx.selectFrom("event_participants").select(["id", "person_name"]).where("event_id", "=", eventId);
    same = input.organisationId
      ? same.where("organisation_id", "=", input.organisationId)
      : same.where("organisation_id", "is", null);
    const person = input.personName ? searchKey(input.personName) : "";
    if ((await same.execute()).some((p) => (p.person_name ? searchKey(p.person_name) : "") === person))
      return refuse("connections.problems.alreadyListed", { field: "personName" });
    const values = {
      id: newId(),
      event_id: eventId,
      organisation_id: input.organisationId ?? null,
      person_name: input.personName ?? null,
      position: input.position ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      source: "manual" as const,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("event_participants").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.participant_added",
      entityType: "connection_event",
      entityId: eventId,
      after: values,
      ip,
    });
    return { ok: true as const };
  });
}

export async function removeParticipant(
  db: DB,
  actor: CurrentUser,
  eventId: string,
  participantId: string,
  ip: string | null,
): Promise<Outcome> {
  requireConnectionsWriter(actor);
  return db.transaction().execute(async (trx) => {
    const participant = await trx
      .selectFrom("event_participants")
      .selectAll()
      .where("id", "=", participantId)
      .where("event_id", "=", eventId)
      .executeTakeFirst();
    if (!participant) notFound();
    await trx.deleteFrom("event_participants").where("id", "=", participantId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.participant_removed",
      entityType: "connection_event",
      entityId: eventId,
      before: participant,
      ip,
    });
    return { ok: true as const };
  });
}

/** A material (programme, slides, report) or a photo of an event, stored like every upload. */
export async function addEventFile(
  db: DB,
  actor: CurrentUser,
  eventId: string,
  purpose: "material" | "photo",
  upload: Upload,
  ip: string | null,
): Promise<Outcome> {
  requireConnectionsWriter(actor);
  const event = await db.selectFrom("connection_events").select("id").where("id", "=", eventId).executeTakeFirst();
  if (!event) notFound();
  if (purpose === "photo" && !upload.mediaType.startsWith("image/"))
    return refuse("connections.problems.photoType", { field: "document" });
  await writeBlob(upload);
  await db.transaction().execute((trx) =>
    attachDocument(trx, {
      upload,
      owner: { type: "connection_event", id: eventId, purpose },
      actorId: actor.id,
      action: "connections.event_file_added",
      details: { purpose, mediaType: upload.mediaType },
      ip,
    }),
  );
  return { ok: true as const };
}

/**
 * Records an MOU: its parties (two or more organisations of the registry, experts included), the pairing derived from
 * their kinds, its fields, the event where it was signed (if any), the first check date and, when given, the scan.
 */
export async function createMou(
  db: DB,
  actor: CurrentUser,
  input: MouInput,
  scan: Upload | null,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  requireConnectionsWriter(actor);
  const today = provinceDate(nowIso());
  if (input.signedOn > today) return refuse("connections.problems.signedInFuture", { field: "signedOn" });
  const parties = await db
    .selectFrom("organisations")
    .select(["id", "kind"])
    .where("id", "in", input.partyIds)
    .execute();
  if (parties.length !== input.partyIds.length)
    return refuse("connections.problems.unknownOrganisation", { field: "partyIds" });
  if (input.eventId) {
    const event = await db
      .selectFrom("connection_events")
      .select(["id", "starts_on"])
      .where("id", "=", input.eventId)
      .executeTakeFirst();
    if (!event) return refuse("connections.problems.unknownEvent", { field: "eventId" });
    if (input.signedOn < event.starts_on)
      return refuse("connections.problems.signedBeforeEvent", { field: "signedOn" });
  }
  if (scan) await writeBlob(scan);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const now = nowIso();
    const kinds = input.partyIds.map((partyId) => parties.find((p) => p.id === partyId)!.kind);
    const values = {
      id,
      reference: input.reference ?? null,
      title: input.title,
      title_search: searchKey(input.title),
      event_id: input.eventId ?? null,
      pairing: pairingOf(kinds),
      signed_on: input.signedOn,
      summary: input.summary ?? null,
      status: "signed" as const,
      next_check_on: firstCheckOn("signed", input.signedOn, today, input.nextCheckOn),
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("mous").values(values).execute();
    await trx
      .insertInto("mou_parties")
      .values(
        input.partyIds.map((organisationId, position) => ({ mou_id: id, organisation_id: organisationId, position })),
      )
      .execute();
    await trx
      .insertInto("mou_fields")
      .values(input.fields.map((field) => ({ mou_id: id, field })))
      .execute();
    const attachmentId = scan
      ? await insertAttachment(trx, scan, { type: "mou", id, purpose: "scan" }, actor.id)
      : null;
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.mou_created",
      entityType: "mou",
      entityId: id,
      after: { ...values, partyIds: input.partyIds, fields: input.fields, attachmentId },
      ip,
    });
    return { ok: true as const, id };
  });
}

export async function addMouScan(
  db: DB,
  actor: CurrentUser,
  mouId: string,
  scan: Upload,
  ip: string | null,
): Promise<Outcome> {
  requireConnectionsWriter(actor);
  const mou = await db.selectFrom("mous").select("id").where("id", "=", mouId).executeTakeFirst();
  if (!mou) notFound();
  await writeBlob(scan);
  await db.transaction().execute((trx) =>
    attachDocument(trx, {
      upload: scan,
      owner: { type: "mou", id: mouId, purpose: "scan" },
      actorId: actor.id,
      action: "connections.mou_scan_added",
      details: { mediaType: scan.mediaType },
      ip,
    }),
  );
  return { ok: true as const };
}

/** A dated follow-up note: what the MOU became (same status or a next step) and when to check again. */
export async function recordFollowUp(
  db: DB,
  actor: CurrentUser,
  mouId: string,
  input: FollowUpInput,
  ip: string | null,
): Promise<Outcome> {
  requireConnectionsWriter(actor);
  return db.transaction().execute(async (trx) => {
    const mou = await trx
      .selectFrom("mous")
      .select(["id", "status", "next_check_on", "signed_on"])
      .where("id", "=", mouId)
      .executeTakeFirst();
    if (!mou) notFound();
    const today = provinceDate(nowIso());
    const problem = checkFollowUp(mou.status, input, today);
    if (problem)
      return refuse(`connections.problems.${problem}`, {
        field: problem === "notAllowed" ? "status" : problem === "checkBeforeNote" ? "nextCheckOn" : "notedOn",
      });
    if (input.notedOn < mou.signed_on) return refuse("connections.problems.noteBeforeSigning", { field: "notedOn" });
    const next = nextCheckOn(input.status, input.notedOn, input.nextCheckOn);
    const values = {
      id: newId(),
      mou_id: mouId,
      noted_on: input.notedOn,
      status_before: mou.status,
      status_after: input.status,
      note: input.note,
      next_check_on: next,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("mou_follow_ups").values(values).execute();
    await trx
      .updateTable("mous")
      .set({ status: input.status, next_check_on: next, updated_at: nowIso() })
      .where("id", "=", mouId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "connections.mou_followed_up",
      entityType: "mou",
      entityId: mouId,
      before: { status: mou.status, nextCheckOn: mou.next_check_on },
      after: { status: input.status, nextCheckOn: next, notedOn: input.notedOn },
      reason: input.note,
      ip,
    });
    return { ok: true as const };
  });
}
