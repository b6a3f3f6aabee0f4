/**
 * The judging's writes, one file per stage, re-exported here: `panel.server.ts` (settings, judges, conflicts, start,
 * assignment), `sheets.server.ts`, `closing.server.ts` (ranking, cut-offs, closing, ties) and `prizes.server.ts`.
 * Judging has no `rules.ts`: its pure rules are `scoring.ts` (totals, aggregation, ranking, cut-offs) and
 * `assignment.ts` (who judges what); its reads are `queries.server.ts` and `rounds.queries.server.ts`.
 */
export * from "./panel.server";
export * from "./sheets.server";
export * from "./closing.server";
export * from "./prizes.server";
export { closedRoundRefusal } from "./shared.server";
