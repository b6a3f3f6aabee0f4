import type { DB } from "../../lib/db.server";
import {
  describeProposal,
  PROGRAMME_KINDS,
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
  const current = await currentSettings(db, rows);
  return rows.map((row) => {
    const payload = JSON.parse(row.payload) as ProposalPayloads[SettingProposalKind];
    const key = currentKey(row.kind, row.target_id, payload);
    return {
      id: row.id,
      kind: row.kind,
      sourceDocument: row.source_document,
      proposedAt: row.proposed_at,
      proposedBy: row.proposed_by,
      proposerName: row.full_name,
      change: describeProposal(
        { kind: row.kind, payload } as Parameters<typeof describeProposal>[0],
        current.get(key) ?? null,
        t,
        locale,
      ),
    };
  });
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
