/**
 * The retention job (Decree 13/2023/NĐ-CP): for each kind of record, the rows whose period has run out lose their
 * names and contacts. The periods are the admin's (retention_settings) or the defaults of retention.ts; each kind's
 * rows are selected by an indexed `start <= startCutoff(months, now)`, so that no date is computed in SQL and both
 * engines agree with `isExpired`. Idempotent: a row once anonymised carries `anonymised_at` and is never selected again.
 */
import { sql, type Transaction } from "kysely";
import type { Database, RetentionTrigger } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { DB } from "../../lib/db.server";
import { newId } from "../../lib/ids.server";
import { nowIso } from "../../lib/time.server";
import {
  ANONYMISED_NAME,
  defaultRetentionPeriods,
  RETENTION_KINDS,
  startCutoff,
  type RetentionKind,
  type RetentionPeriods,
} from "./retention";

/** Rows anonymised per transaction: short transactions, so that SQLite's one connection is never held long. */
export const RETENTION_BATCH = 500;

export type RetentionKindReport = { months: number; cutoff: string; anonymised: number };
export type RetentionCounts = Record<RetentionKind, RetentionKindReport>;
export type RetentionRun = {
  id: string;
  startedAt: string;
  finishedAt: string;
  trigger: RetentionTrigger;
  actorId: string | null;
  counts: RetentionCounts;
};

type Trx = Transaction<Database>;

/**
 * One batch of one kind: the ids of expired rows not yet anonymised (at most `limit`), then their personal fields
 * cleared, in the caller's transaction. Returns how many rows it changed.
 */
const BATCHES: Record<RetentionKind, (trx: Trx, cutoff: string, at: string, limit: number) => Promise<number>> = {
  // Members of entries that won nothing, once their edition's results are published (the competition is over for them).
  async unsuccessful_entry_contacts(trx, cutoff, at, limit) {
    const ids = (
      await trx
        .selectFrom("entry_members")
        .innerJoin("competition_entries", "competition_entries.id", "entry_members.entry_id")
        .innerJoin("competition_editions", "competition_editions.id", "competition_entries.edition_id")
        .select("entry_members.id")
        .where("competition_editions.results_status", "=", "published")
        .where("competition_editions.results_published_at", "<=", cutoff)
        .where("competition_entries.status", "!=", "awarded")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("prize_awards")
                .select("prize_awards.id")
                .whereRef("prize_awards.entry_id", "=", "competition_entries.id"),
            ),
          ),
        )
        .where("entry_members.anonymised_at", "is", null)
        .orderBy("entry_members.id")
        .limit(limit)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) return 0;
    await trx
      .updateTable("entry_members")
      .set({ full_name: ANONYMISED_NAME, email: null, phone: null, birth_date: null, anonymised_at: at })
      .where("id", "in", ids)
      .execute();
    return ids.length;
  },
  // Participants of an event counted from its last day (the list is complete then); the organisations stay.
  async event_participant_contacts(trx, cutoff, at, limit) {
    const ids = (
      await trx
        .selectFrom("event_participants")
        .innerJoin("connection_events", "connection_events.id", "event_participants.event_id")
        .select("event_participants.id")
        // A day ("2025-03-15") sorts before that day's instants: `day <= cutoff` holds exactly for the cutoff's day and before.
        .where("connection_events.ends_on", "<=", cutoff)
        .where("event_participants.anonymised_at", "is", null)
        .orderBy("event_participants.id")
        .limit(limit)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) return 0;
    await trx
      .updateTable("event_participants")
      .set({
        // A participant listed only by organisation has no name to hide.
        person_name: sql<string | null>`case when person_name is null then null else ${ANONYMISED_NAME} end`,
        position: null,
        phone: null,
        email: null,
        anonymised_at: at,
      })
      .where("id", "in", ids)
      .execute();
    return ids.length;
  },
  // Closed or refused dossiers, counted from their last change (closing or refusal: nothing edits them after).
  // A dossier has no contact columns: what names a person is the provider (often an individual consultant), their
  // tax code and the staff's free-text notes. Amounts, status and receipt number stay for the reports.
  async closed_sme_dossier_contacts(trx, cutoff, at, limit) {
    const ids = (
      await trx
        .selectFrom("support_dossiers")
        .select("id")
        .where("status", "in", ["closed", "rejected"])
        .where("updated_at", "<=", cutoff)
        .where("anonymised_at", "is", null)
        .orderBy("id")
        .limit(limit)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) return 0;
    await trx
      .updateTable("support_dossiers")
      .set({
        provider_name: ANONYMISED_NAME,
        provider_tax_code: null,
        supplement_request: null,
        appraisal_note: null,
        anonymised_at: at,
      })
      .where("id", "in", ids)
      .execute();
    return ids.length;
  },
  // Handled requests: what the person wrote and what the department answered. Who asked, which kind, when and the
  // legal source stay, as the record that the request was handled in time.
  async data_subject_request_files(trx, cutoff, at, limit) {
    const ids = (
      await trx
        .selectFrom("data_subject_requests")
        .select("id")
        .where("status", "in", ["done", "refused"])
        .where("closed_at", "<=", cutoff)
        .where("anonymised_at", "is", null)
        .orderBy("id")
        .limit(limit)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) return 0;
    await trx
      .updateTable("data_subject_requests")
      .set({ details: ANONYMISED_NAME, reply: null, anonymised_at: at })
      .where("id", "in", ids)
      .execute();
    return ids.length;
  },
};

/** The periods in force: the admin's where set, the defaults elsewhere. */
export async function retentionPeriods(db: DB | Trx): Promise<RetentionPeriods> {
  const rows = await db.selectFrom("retention_settings").select(["kind", "months"]).execute();
  const periods = defaultRetentionPeriods();
  for (const row of rows)
    if ((RETENTION_KINDS as readonly string[]).includes(row.kind)) periods[row.kind as RetentionKind] = row.months;
  return periods;
}

/** An admin's new periods, all kinds at once, audited with the periods before. */
export async function saveRetentionPeriods(
  db: DB,
  actor: { id: string },
  periods: RetentionPeriods,
  ip: string | null,
): Promise<void> {
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    const before = await retentionPeriods(trx);
    for (const kind of RETENTION_KINDS)
      await trx
        .insertInto("retention_settings")
        .values({ kind, months: periods[kind], updated_by: actor.id, updated_at: at })
        .onConflict((oc) =>
          oc.column("kind").doUpdateSet({ months: periods[kind], updated_by: actor.id, updated_at: at }),
        )
        .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "privacy.retention_periods_updated",
      entityType: "retention_settings",
      entityId: "retention",
      before,
      after: periods,
      ip,
    });
  });
}

/**
 * Whether an admin has saved the periods: anonymising cannot be undone, so neither the daily job nor "run now"
 * applies the code's suggested defaults before the Department has confirmed them on the retention page.
 */
export async function retentionConfirmed(db: DB | Trx): Promise<boolean> {
  return !!(await db.selectFrom("retention_settings").select("kind").limit(1).executeTakeFirst());
}

/**
 * One run: every kind in batches of `RETENTION_BATCH`, each batch its own transaction (a failure keeps the batches
 * done, and the next run goes on from there), then the report row and one audit entry together. Null, and nothing
 * written, while the periods are not confirmed (`retentionConfirmed`).
 */
export async function runRetention(
  db: DB,
  options: { trigger: RetentionTrigger; actorId?: string | null; ip?: string | null; now?: string; batch?: number },
): Promise<RetentionRun | null> {
  if (!(await retentionConfirmed(db))) return null;
  const startedAt = options.now ?? nowIso();
  const periods = await retentionPeriods(db);
  const batch = options.batch ?? RETENTION_BATCH;
  const counts = {} as RetentionCounts;
  for (const kind of RETENTION_KINDS) {
    const months = periods[kind];
    const cutoff = startCutoff(months, startedAt);
    let anonymised = 0;
    for (;;) {
      const changed = await db.transaction().execute((trx) => BATCHES[kind](trx, cutoff, startedAt, batch));
      anonymised += changed;
      if (changed < batch) break;
    }
    counts[kind] = { months, cutoff, anonymised };
  }
  const run: RetentionRun = {
    id: newId(),
    startedAt,
    finishedAt: options.now ?? nowIso(),
    trigger: options.trigger,
    actorId: options.actorId ?? null,
    counts,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("retention_runs")
      .values({
        id: run.id,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        trigger: run.trigger,
        actor_id: run.actorId,
        counts_json: JSON.stringify(counts),
      })
      .execute();
    await recordAudit(trx, {
      actorId: run.actorId,
      action: "privacy.retention_run",
      entityType: "retention_run",
      entityId: run.id,
      after: Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, counts[kind].anonymised])),
      ip: options.ip ?? null,
    });
  });
  return run;
}

/** The last runs, newest first, with their counts and the name of the admin who ran each by hand. */
export async function listRetentionRuns(
  db: DB,
  limit = 20,
): Promise<Array<RetentionRun & { actorName: string | null }>> {
  const rows = await db
    .selectFrom("retention_runs")
    .leftJoin("users", "users.id", "retention_runs.actor_id")
    .selectAll("retention_runs")
    .select("users.full_name as actor_name")
    .orderBy("retention_runs.started_at", "desc")
    .orderBy("retention_runs.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    actorName: row.actor_name,
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    trigger: row.trigger,
    actorId: row.actor_id,
    counts: JSON.parse(row.counts_json) as RetentionCounts,
  }));
}
