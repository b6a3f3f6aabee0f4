/**
 * The judging's writes, one file per stage, re-exported here: `panel.server.ts` (settings, judges, conflicts, start,
 * assignment), `sheets.server.ts`, `closing.server.ts` (ranking, cut-offs, closing, ties), `prizes.server.ts` and
 * `notices.server.ts` (what judges are told: assignment, reopened sheet, the deadline reminder).
 * Judging has no `rules.ts`: its pure rules are `scoring.ts` (totals, aggregation, ranking, cut-offs) and
 * `assignment.ts` (who judges what), `reminders.ts` (when the deadline reminder is due); its reads are `queries.server.ts` and `rounds.queries.server.ts`.
 */
export * from "./panel.server";
export { assignManually, unassignManually } from "./manual-assignment.server";
export * from "./sheets.server";
export * from "./closing.server";
export * from "./prizes.server";
export { sendScoringReminders } from "./notices.server";
export { closedRoundRefusal } from "./shared.server";
export { linkJudgeOrganisation, unlinkJudgeOrganisation } from "./judge-organisations.server";
export { declareBlindConflicts } from "./blind-conflicts.server";
