/** Outreach: campaigns and the enterprises they reached (added one by one or imported from a list). */

import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { organisationRow } from "../organisations/rules";
import { requireProcessor } from "./access.server";

export type CampaignInput = {
  title: string;
  channel: "leaflet" | "letter" | "led_screen" | "banner" | "conference" | "other";
  heldOn: string;
  note?: string;
};

export async function createCampaign(
  db: DB,
  actor: CurrentUser,
  input: CampaignInput,
  ip: string | null,
): Promise<{ id: string }> {
  requireProcessor(actor);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const values = {
      id,
      title: input.title,
      channel: input.channel,
      held_on: input.heldOn,
      note: input.note ?? null,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("tech_outreach_campaigns").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.campaign_created",
      entityType: "tech_campaign",
      entityId: id,
      after: values,
      ip,
    });
    return { id };
  });
}

/**
 * Adds enterprises to a campaign, skipping those already in it. Being reached is the first stage, so an enterprise
 * without a stage gets "contacted" and any other keeps its own: one insert per batch, no per-row recomputation.
 */
export async function addRecipients(trx: DB, campaignId: string, organisationIds: readonly string[]): Promise<number> {
  const unique = [...new Set(organisationIds)];
  const now = nowIso();
  let added = 0;
  // SQLite allows at most 32 766 bound values per statement.
  for (let start = 0; start < unique.length; start += 5000) {
    const batch = unique.slice(start, start + 5000);
    const result = await trx
      .insertInto("tech_outreach_recipients")
      .values(batch.map((organisation_id) => ({ campaign_id: campaignId, organisation_id })))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
    await trx
      .insertInto("tech_enterprise_stages")
      .values(batch.map((organisation_id) => ({ organisation_id, stage: "contacted" as const, updated_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return added;
}

export async function addCampaignRecipient(
  db: DB,
  actor: CurrentUser,
  campaignId: string,
  organisationId: string,
  ip: string | null,
): Promise<Outcome> {
  requireProcessor(actor);
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .selectFrom("tech_outreach_campaigns")
      .select("id")
      .where("id", "=", campaignId)
      .executeTakeFirst();
    if (!campaign) notFound();
    const organisation = await trx
      .selectFrom("organisations")
      .select("id")
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!organisation) return refuse("technology.problems.unknownOrganisation", { field: "organisationId" });
    const added = await addRecipients(trx, campaignId, [organisationId]);
    if (added === 0) return refuse("technology.problems.alreadyReached", { field: "organisationId" });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.recipients_added",
      entityType: "tech_campaign",
      entityId: campaignId,
      after: { organisationId },
      ip,
    });
    return { ok: true as const };
  });
}

export type RecipientRow = { row: number; value: { name: string; taxCode: string; sector?: string; address?: string } };
export type ImportOutcome =
  | { ok: true; rows: number; created: number; added: number }
  | { ok: false; errors: Array<{ row: number; column: string; key: string; params?: Record<string, string> }> };

/**
 * Adds an imported list to a campaign in ONE transaction: enterprises found by tax code are reused, the others are
 * added to the registry; a tax code twice in the file is an error of the later row, and any error imports nothing.
 */
export async function importRecipients(
  db: DB,
  actor: CurrentUser,
  campaignId: string,
  rows: readonly RecipientRow[],
  fileName: string,
  ip: string | null,
): Promise<ImportOutcome> {
  requireProcessor(actor);
  const firstRow = new Map<string, number>();
  const errors: Extract<ImportOutcome, { ok: false }>["errors"] = [];
  for (const { row, value } of rows) {
    const seen = firstRow.get(value.taxCode);
    if (seen !== undefined)
      errors.push({
        row,
        column: "Mã số thuế",
        key: "technology.import.duplicateInFile",
        params: { row: String(seen) },
      });
    else firstRow.set(value.taxCode, row);
  }
  if (errors.length) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .selectFrom("tech_outreach_campaigns")
      .select("id")
      .where("id", "=", campaignId)
      .executeTakeFirst();
    if (!campaign) notFound();
    const known = new Map<string, string>();
    const codes = [...firstRow.keys()];
    for (let start = 0; start < codes.length; start += 5000) {
      const found = await trx
        .selectFrom("organisations")
        .select(["id", "tax_code"])
        .where("tax_code", "in", codes.slice(start, start + 5000))
        .execute();
      for (const organisation of found) known.set(organisation.tax_code!, organisation.id);
    }
    const now = nowIso();
    const fresh = rows
      .filter(({ value }) => !known.has(value.taxCode))
      .map(({ value }) =>
        organisationRow(
          {
            id: newId(),
            name: value.name,
            kind: "enterprise",
            taxCode: value.taxCode,
            addressLine: value.address,
            sector: value.sector,
          },
          now,
        ),
      );
    // 17 bound values a row: 1 000 rows stay under SQLite's 32 766-variable limit.
    for (let start = 0; start < fresh.length; start += 1000)
      await trx
        .insertInto("organisations")
        .values(fresh.slice(start, start + 1000))
        .execute();
    for (const organisation of fresh) known.set(organisation.tax_code!, organisation.id);
    const added = await addRecipients(
      trx,
      campaignId,
      rows.map(({ value }) => known.get(value.taxCode)!),
    );
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.recipients_imported",
      entityType: "tech_campaign",
      entityId: campaignId,
      after: { file: fileName, rows: rows.length, created: fresh.length, added },
      ip,
    });
    return { ok: true as const, rows: rows.length, created: fresh.length, added };
  });
}
