import { sql } from "kysely";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { nowIso } from "../../lib/time.server";
import { refuse, type Outcome } from "../../lib/outcome";
import { pairingOf, sideOf } from "../connections/rules";

/**
 * References moved by the generic steps: a plain column is updated; `unique` names the columns that, with the
 * organisation, are unique (the kept organisation's row wins: the merged one's is dropped); `[]` means one row per
 * organisation (a profile: the kept one's wins, else the merged one's moves).
 */
const GENERIC_REFERENCES: ReadonlyArray<{ table: string; column: string; unique?: readonly string[] }> = [
  { table: "tech_outreach_recipients", column: "organisation_id", unique: ["campaign_id"] },
  { table: "tech_consultations", column: "organisation_id" },
  { table: "tech_assessments", column: "organisation_id" },
  { table: "tech_applications", column: "organisation_id" },
  { table: "tech_enterprise_stages", column: "organisation_id", unique: [] },
];

/**
 * Every column that points at an organisation. The merge moves each of them; an integration test compares this list
 * with the foreign keys the database declares, so a new table that references organisations cannot be forgotten.
 * (Attachments point at organisations by owner_type/owner_id, without a foreign key: moved too.)
 */
export const ORGANISATION_REFERENCES: ReadonlyArray<readonly [string, string]> = [
  ["memberships", "organisation_id"],
  ["competition_entries", "organisation_id"],
  ["judge_conflicts", "organisation_id"],
  ["judge_organisations", "organisation_id"],
  ["incubation_records", "organisation_id"],
  ["incubation_records", "incubator_id"],
  ["incubation_mentors", "organisation_id"],
  ["incubator_profiles", "organisation_id"],
  ["enterprise_profiles", "organisation_id"],
  ["support_dossiers", "organisation_id"],
  ["event_organisers", "organisation_id"],
  ["event_participants", "organisation_id"],
  ["mou_parties", "organisation_id"],
  ["organisation_merges", "kept_id"],
  ...GENERIC_REFERENCES.map((r) => [r.table, r.column] as const),
];

/** Profile columns the kept organisation takes from the merged one where it has none itself. */
const FILLABLE = [
  "province",
  "commune",
  "old_district",
  "address_line",
  "sector",
  "founded_on",
  "email",
  "phone",
  "website",
  "description",
] as const;

const CONFLICT_RANK = { confirmed: 3, proposed: 2, dismissed: 1 } as const;

/**
 * Merges one organisation into another, in one transaction: every link moves to the kept organisation (memberships,
 * entries, judge conflicts, incubation, profiles, dossiers, events, MOUs, documents, earlier merges), where both hold
 * the same link the stronger one stays (an owner over a member, a confirmed conflict over a proposed one, the kept
 * organisation's own profile), blank profile fields and a missing tax code are filled from the merged one, MOU
 * pairings are derived again from the parties' kinds, the merged organisation is deleted and the merge is recorded
 * (organisation_merges) and audited under both ids. Refused when the two are plainly different organisations: two
 * tax codes, entries in the same competition edition, or an MOU signed with each other.
 */
export async function mergeOrganisations(
  db: DB,
  actor: CurrentUser,
  input: { keepId: string; mergeId: string; reason: string },
  ip: string | null,
): Promise<Outcome<{ moved: Record<string, number> }>> {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
  // Shown beside the field, yet a conflict (409) like every merge the two organisations refuse.
  if (input.keepId === input.mergeId)
    return refuse("connections.merge.problems.same", { field: "mergeId", kind: "conflict" });
  return db.transaction().execute(async (trx) => {
    const [kept, merged] = await Promise.all([
      trx.selectFrom("organisations").selectAll().where("id", "=", input.keepId).executeTakeFirst(),
      trx.selectFrom("organisations").selectAll().where("id", "=", input.mergeId).executeTakeFirst(),
    ]);
    if (!kept || !merged) notFound();
    const keep = kept.id;
    const gone = merged.id;
    if (kept.tax_code && merged.tax_code && kept.tax_code !== merged.tax_code)
      return refuse("connections.merge.problems.differentTaxCodes");
    const sameEdition = await trx
      .selectFrom("competition_entries")
      .select("edition_id")
      .where("organisation_id", "in", [keep, gone])
      .where("status", "!=", "withdrawn")
      .groupBy("edition_id")
      .having((eb) => eb.fn.count("organisation_id").distinct(), ">", 1)
      .executeTakeFirst();
    if (sameEdition) return refuse("connections.merge.problems.sameEdition");
    const together = await trx
      .selectFrom("mou_parties")
      .select("mou_id")
      .where("organisation_id", "in", [keep, gone])
      .groupBy("mou_id")
      .having((eb) => eb.fn.countAll(), ">", 1)
      .executeTakeFirst();
    if (together) return refuse("connections.merge.problems.mouTogether");

    const moved: Record<string, number> = {};
    const count = (key: string, result: { numUpdatedRows?: bigint } | Array<{ numUpdatedRows?: bigint }>) => {
      const rows = Array.isArray(result)
        ? result.reduce((sum, r) => sum + Number(r.numUpdatedRows ?? 0), 0)
        : Number(result.numUpdatedRows ?? 0);
      if (rows) moved[key] = (moved[key] ?? 0) + rows;
    };
    const keptUsers = trx.selectFrom("memberships").select("user_id").where("organisation_id", "=", keep);

    // Memberships: a user in both stays once, as owner if they owned either.
    await trx
      .updateTable("memberships")
      .set({ role: "owner" })
      .where("organisation_id", "=", keep)
      .where(
        "user_id",
        "in",
        trx.selectFrom("memberships").select("user_id").where("organisation_id", "=", gone).where("role", "=", "owner"),
      )
      .execute();
    await trx.deleteFrom("memberships").where("organisation_id", "=", gone).where("user_id", "in", keptUsers).execute();
    count(
      "memberships",
      await trx.updateTable("memberships").set({ organisation_id: keep }).where("organisation_id", "=", gone).execute(),
    );

    count(
      "competition_entries",
      await trx
        .updateTable("competition_entries")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );

    // Judge conflicts: one per judge and organisation; the stronger status wins.
    const conflicts = await trx
      .selectFrom("judge_conflicts")
      .selectAll()
      .where("organisation_id", "in", [keep, gone])
      .execute();
    for (const mine of conflicts.filter((c) => c.organisation_id === gone)) {
      const theirs = conflicts.find((c) => c.organisation_id === keep && c.judge_id === mine.judge_id);
      if (!theirs) continue;
      if (CONFLICT_RANK[mine.status] > CONFLICT_RANK[theirs.status]) {
        await trx
          .updateTable("judge_conflicts")
          .set({ status: mine.status, reason: mine.reason, decided_by: mine.decided_by, decided_at: mine.decided_at })
          .where("id", "=", theirs.id)
          .execute();
      }
      await trx.deleteFrom("judge_conflicts").where("id", "=", mine.id).execute();
    }
    count(
      "judge_conflicts",
      await trx
        .updateTable("judge_conflicts")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );

    // A judge linked to both stays linked once.
    await trx
      .deleteFrom("judge_organisations")
      .where("organisation_id", "=", gone)
      .where(
        "judge_id",
        "in",
        trx.selectFrom("judge_organisations").select("judge_id").where("organisation_id", "=", keep),
      )
      .execute();
    count(
      "judge_organisations",
      await trx
        .updateTable("judge_organisations")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );

    count(
      "incubation_records",
      await trx
        .updateTable("incubation_records")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );
    count(
      "incubation_records",
      await trx
        .updateTable("incubation_records")
        .set({ incubator_id: keep })
        .where("incubator_id", "=", gone)
        .execute(),
    );
    await trx
      .deleteFrom("incubation_mentors")
      .where("organisation_id", "=", gone)
      .where(
        "record_id",
        "in",
        trx.selectFrom("incubation_mentors").select("record_id").where("organisation_id", "=", keep),
      )
      .execute();
    count(
      "incubation_mentors",
      await trx
        .updateTable("incubation_mentors")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );

    // One profile per organisation: the kept organisation's own, else the merged one's.
    for (const table of ["incubator_profiles", "enterprise_profiles"] as const) {
      const own = await trx
        .selectFrom(table)
        .select("organisation_id")
        .where("organisation_id", "=", keep)
        .executeTakeFirst();
      if (own) await trx.deleteFrom(table).where("organisation_id", "=", gone).execute();
      else
        count(
          table,
          await trx.updateTable(table).set({ organisation_id: keep }).where("organisation_id", "=", gone).execute(),
        );
    }

    count(
      "support_dossiers",
      await trx
        .updateTable("support_dossiers")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );

    await trx
      .updateTable("event_organisers")
      .set({ role: "organiser" })
      .where("organisation_id", "=", keep)
      .where(
        "event_id",
        "in",
        trx
          .selectFrom("event_organisers")
          .select("event_id")
          .where("organisation_id", "=", gone)
          .where("role", "=", "organiser"),
      )
      .execute();
    await trx
      .deleteFrom("event_organisers")
      .where("organisation_id", "=", gone)
      .where(
        "event_id",
        "in",
        trx.selectFrom("event_organisers").select("event_id").where("organisation_id", "=", keep),
      )
      .execute();
    count(
      "event_organisers",
      await trx
        .updateTable("event_organisers")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );
    // The same person listed at the same event for both organisations is one attendance.
    await trx
      .deleteFrom("event_participants")
      .where("organisation_id", "=", gone)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("event_participants as other")
            .select("other.id")
            .where("other.organisation_id", "=", keep)
            .whereRef("other.event_id", "=", "event_participants.event_id")
            .where(sql<boolean>`coalesce(other.person_name, '') = coalesce(event_participants.person_name, '')`),
        ),
      )
      .execute();
    count(
      "event_participants",
      await trx
        .updateTable("event_participants")
        .set({ organisation_id: keep })
        .where("organisation_id", "=", gone)
        .execute(),
    );
    count(
      "mou_parties",
      await trx.updateTable("mou_parties").set({ organisation_id: keep }).where("organisation_id", "=", gone).execute(),
    );
    count(
      "organisation_merges",
      await trx.updateTable("organisation_merges").set({ kept_id: keep }).where("kept_id", "=", gone).execute(),
    );
    for (const reference of GENERIC_REFERENCES) {
      const rows = await moveGeneric(trx, reference, keep, gone);
      if (rows) moved[reference.table] = (moved[reference.table] ?? 0) + rows;
    }
    count(
      "attachments",
      await trx
        .updateTable("attachments")
        .set({ owner_id: keep })
        .where("owner_type", "=", "organisation")
        .where("owner_id", "=", gone)
        .execute(),
    );

    const now = nowIso();
    const fills: Record<string, string> = {};
    for (const column of FILLABLE) if (!kept[column] && merged[column]) fills[column] = merged[column]!;
    if (!kept.tax_code && merged.tax_code) {
      await trx.updateTable("organisations").set({ tax_code: null }).where("id", "=", gone).execute();
      fills.tax_code = merged.tax_code;
    }
    await trx
      .updateTable("organisations")
      .set({ ...fills, updated_at: now })
      .where("id", "=", keep)
      .execute();

    if (sideOf(kept.kind) !== sideOf(merged.kind)) await rederivePairings(trx, keep);

    await trx
      .insertInto("organisation_merges")
      .values({
        merged_id: gone,
        kept_id: keep,
        merged_name: merged.name,
        merged_tax_code: merged.tax_code,
        merged_by: actor.id,
        merged_at: now,
      })
      .execute();
    await trx.deleteFrom("organisations").where("id", "=", gone).execute();

    const { created_at: _c, updated_at: _u, ...mergedValues } = merged;
    await recordAudit(trx, {
      actorId: actor.id,
      action: "organisation.merged",
      entityType: "organisation",
      entityId: keep,
      before: { keptId: keep, mergedId: gone, merged: mergedValues },
      after: { keptId: keep, mergedId: gone, filled: fills, moved },
      reason: input.reason,
      ip,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "organisation.merged_into",
      entityType: "organisation",
      entityId: gone,
      before: mergedValues,
      after: { keptId: keep, mergedId: gone },
      reason: input.reason,
      ip,
    });
    return { ok: true as const, moved };
  });
}

/** The pairing of each MOU the organisation signed, derived again from its parties' kinds (after a kind changed). */
async function rederivePairings(trx: DB, organisationId: string) {
  const parties = await trx
    .selectFrom("mou_parties")
    .innerJoin("organisations", "organisations.id", "mou_parties.organisation_id")
    .innerJoin("mous", "mous.id", "mou_parties.mou_id")
    .select(["mou_parties.mou_id", "organisations.kind", "mous.pairing"])
    .where(
      "mou_parties.mou_id",
      "in",
      trx.selectFrom("mou_parties").select("mou_id").where("organisation_id", "=", organisationId),
    )
    .execute();
  const byMou = new Map<string, { kinds: (typeof parties)[number]["kind"][]; pairing: string }>();
  for (const party of parties) {
    const entry = byMou.get(party.mou_id) ?? { kinds: [], pairing: party.pairing };
    entry.kinds.push(party.kind);
    byMou.set(party.mou_id, entry);
  }
  for (const [mouId, entry] of byMou) {
    const pairing = pairingOf(entry.kinds);
    if (pairing !== entry.pairing) await trx.updateTable("mous").set({ pairing }).where("id", "=", mouId).execute();
  }
}

/** One generic reference moved from `gone` to `keep`, dropping the merged organisation's rows that would collide. */
async function moveGeneric(
  trx: DB,
  reference: (typeof GENERIC_REFERENCES)[number],
  keep: string,
  gone: string,
): Promise<number> {
  const table = sql.table(reference.table);
  const column = sql.ref(reference.column);
  if (reference.unique && reference.unique.length === 0) {
    const own = await sql<{ n: number }>`select count(*) as n from ${table} where ${column} = ${keep}`.execute(trx);
    if (Number(own.rows[0]?.n ?? 0) > 0) {
      await sql`delete from ${table} where ${column} = ${gone}`.execute(trx);
      return 0;
    }
  } else if (reference.unique) {
    for (const other of reference.unique) {
      const ref = sql.ref(other);
      await sql`delete from ${table} where ${column} = ${gone} and ${ref} in (select ${ref} from ${table} where ${column} = ${keep})`.execute(
        trx,
      );
    }
  }
  const result = await sql`update ${table} set ${column} = ${keep} where ${column} = ${gone}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
