import type { DB } from "../../lib/db.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { containsText } from "../../lib/search-sql";
import {
  DECIDED_STATUSES,
  describeProposal,
  PROGRAMME_KINDS,
  type DecidedStatus,
  type CurrentSetting,
  type DescribedChange,
  type ProposalPayloads,
  type SettingProposalKind,
  type Translate,
} from "./rules";

export type PendingProposal = {
  id: string;
  kind: SettingProposalKind;
  sourceDocument: string;
  proposedAt: string;
  proposedBy: string;
  proposerName: string;
  change: DescribedChange;
};

/**
 * The pending proposals, oldest first (the (status, proposed_at) index), each described against the setting as it
 * stands now: for one programme's page (its status, durations and its supports' rules), the calendar, or all.
 */
export async function pendingProposals(
  db: DB,
  scope: { programmeId: string } | { calendar: true } | "all",
  t: Translate,
  locale: string,
): Promise<PendingProposal[]> {
  let query = db
    .selectFrom("setting_proposals")
    .innerJoin("users", "users.id", "setting_proposals.proposed_by")
    .select([
      "setting_proposals.id",
      "setting_proposals.kind",
      "setting_proposals.target_id",
      "setting_proposals.payload",
      "setting_proposals.source_document",
      "setting_proposals.proposed_at",
      "setting_proposals.proposed_by",
      "users.full_name",
    ])
    .where("setting_proposals.status", "=", "pending");
  if (scope !== "all" && "calendar" in scope)
    query = query.where("setting_proposals.kind", "in", ["holiday_add", "holiday_remove"]);
  if (scope !== "all" && "programmeId" in scope) {
    const programmeId = scope.programmeId;
    query = query
      .where("setting_proposals.kind", "in", PROGRAMME_KINDS)
      .where((eb) =>
        eb.or([
          eb("setting_proposals.target_id", "=", programmeId),
          eb(
            "setting_proposals.target_id",
            "in",
            eb
              .selectFrom("support_types")
              .select("support_types.id")
              .where("support_types.programme_id", "=", programmeId),
          ),
        ]),
      );
  }
  const rows = await query
    .orderBy("setting_proposals.proposed_at")
    .orderBy("setting_proposals.id")
    .limit(200)
    .execute();
  const changes = await describedChanges(db, rows, t, locale);
  return rows.map((row, i) => ({
    id: row.id,
    kind: row.kind,
    sourceDocument: row.source_document,
    proposedAt: row.proposed_at,
    proposedBy: row.proposed_by,
    proposerName: row.full_name,
    change: changes[i]!,
  }));
}

type StoredChange = { kind: SettingProposalKind; target_id: string; payload: string };

/** Each stored proposal's change in words, against the settings as they stand now (one query per kind of record). */
export async function describedChanges(
  db: DB,
  rows: readonly StoredChange[],
  t: Translate,
  locale: string,
): Promise<DescribedChange[]> {
  const current = await currentSettings(db, rows);
  return rows.map((row) => {
    const payload = JSON.parse(row.payload) as ProposalPayloads[SettingProposalKind];
    return describeProposal(
      { kind: row.kind, payload } as Parameters<typeof describeProposal>[0],
      current.get(currentKey(row.kind, row.target_id, payload)) ?? null,
      t,
      locale,
    );
  });
}

/** The decided proposals' list: newest decision first; filtered by outcome, searched in the source document. */
export const DECIDED_LIST = {
  sortable: ["decided_at"],
  defaultSort: "decided_at",
  defaultDir: "desc",
  filters: ["status"],
} as const;

export function decidedListState(search: URLSearchParams) {
  return readListState(search, DECIDED_LIST);
}

type DecidedListState = ReturnType<typeof decidedListState>;

function decidedQuery(db: DB, state: DecidedListState) {
  const status = DECIDED_STATUSES.find((s) => s === state.filters.status);
  let query = db
    .selectFrom("setting_proposals as p")
    .innerJoin("users as proposer", "proposer.id", "p.proposed_by")
    .leftJoin("users as decider", "decider.id", "p.decided_by")
    .where("p.status", "in", status ? [status] : [...DECIDED_STATUSES]);
  if (state.q) query = query.where(containsText("p.source_document", state.q));
  return query;
}

function decidedRows(db: DB, state: DecidedListState) {
  return decidedQuery(db, state)
    .select([
      "p.id",
      "p.kind",
      "p.target_id",
      "p.payload",
      "p.status",
      "p.source_document",
      "p.proposed_at",
      "p.decided_at",
      "p.decision_reason",
      "proposer.full_name as proposer_name",
      "decider.full_name as decider_name",
    ])
    .orderBy("p.decided_at", state.dir)
    .orderBy("p.id", state.dir);
}

export type DecidedProposal = {
  id: string;
  status: DecidedStatus;
  setting: string;
  sourceDocument: string;
  proposerName: string;
  proposedAt: string;
  deciderName: string;
  decidedAt: string;
  reason: string | null;
};

async function decidedViews(
  db: DB,
  rows: Awaited<ReturnType<ReturnType<typeof decidedRows>["execute"]>>,
  t: Translate,
  locale: string,
): Promise<DecidedProposal[]> {
  const changes = await describedChanges(db, rows, t, locale);
  return rows.map((row, i) => ({
    id: row.id,
    // The query keeps only decided rows.
    status: row.status as DecidedStatus,
    setting: changes[i]!.setting,
    sourceDocument: row.source_document,
    proposerName: row.proposer_name,
    proposedAt: row.proposed_at,
    deciderName: row.decider_name ?? "—",
    decidedAt: row.decided_at ?? row.proposed_at,
    reason: row.decision_reason,
  }));
}

/** One page of decided proposals (SQL paging), each named by its setting. */
export async function listDecidedProposals(db: DB, state: DecidedListState, t: Translate, locale: string) {
  const [rows, total] = await Promise.all([
    decidedRows(db, state).limit(state.pageSize).offset(offsetOf(state)).execute(),
    decidedQuery(db, state)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return toPage(await decidedViews(db, rows, t, locale), Number(total.n), state);
}

/** The decided proposals the list shows, with its filter and order, every page (at most `limit`): its export. */
export async function decidedProposalsForExport(
  db: DB,
  state: DecidedListState,
  limit: number,
  t: Translate,
  locale: string,
) {
  return decidedViews(db, await decidedRows(db, state).limit(limit).execute(), t, locale);
}

/** How many proposals wait for a leader (the home's to-do line and the list it links to). */
export async function pendingProposalCount(db: DB): Promise<number> {
  const row = await db
    .selectFrom("setting_proposals")
    .where("status", "=", "pending")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function currentKey(kind: SettingProposalKind, targetId: string, payload: ProposalPayloads[SettingProposalKind]) {
  if (kind === "support_rule") return `rule:${targetId}:${(payload as ProposalPayloads["support_rule"]).size}`;
  if (kind === "holiday_add" || kind === "holiday_remove") return `holiday:${targetId}`;
  return `programme:${targetId}`;
}

/** The settings the proposals would change, as they stand: one query per kind of record for the whole list. */
async function currentSettings(
  db: DB,
  rows: ReadonlyArray<{ kind: SettingProposalKind; target_id: string }>,
): Promise<Map<string, CurrentSetting>> {
  const current = new Map<string, CurrentSetting>();
  const ids = (kinds: readonly SettingProposalKind[]) => [
    ...new Set(rows.filter((row) => kinds.includes(row.kind)).map((row) => row.target_id)),
  ];
  const programmeIds = ids(["programme_status", "step_durations"]);
  const typeIds = ids(["support_rule"]);
  const days = ids(["holiday_add", "holiday_remove"]);
  if (programmeIds.length)
    for (const p of await db.selectFrom("support_programmes").selectAll().where("id", "in", programmeIds).execute())
      current.set(`programme:${p.id}`, {
        kind: "programme",
        name: p.name,
        status: p.status,
        statusReason: p.status_reason,
        pausedIntake: p.paused_intake,
        receiveWorkingDays: p.receive_working_days,
        checkWorkingDays: p.check_working_days,
        decisionWorkingDays: p.decision_working_days,
      });
  if (typeIds.length) {
    const types = await db.selectFrom("support_types").select(["id", "name"]).where("id", "in", typeIds).execute();
    const rules = await db
      .selectFrom("support_type_rules")
      .selectAll()
      .where("support_type_id", "in", typeIds)
      .execute();
    for (const type of types)
      for (const size of ["micro", "small", "medium"] as const)
        current.set(`rule:${type.id}:${size}`, {
          kind: "rule",
          typeName: type.name,
          rule: rules.find((r) => r.support_type_id === type.id && r.size === size) ?? null,
        });
  }
  if (days.length) {
    const holidays = await db.selectFrom("public_holidays").selectAll().where("day", "in", days).execute();
    for (const day of days)
      current.set(`holiday:${day}`, { kind: "holiday", holiday: holidays.find((h) => h.day === day) ?? null });
  }
  return current;
}
