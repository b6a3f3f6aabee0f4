import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import type { Criterion, Sheet } from "./scoring";

export async function getRound(db: DB, roundId: string) {
  const round = await db.selectFrom("competition_rounds").selectAll().where("id", "=", roundId).executeTakeFirst();
  if (!round) notFound();
  return round;
}

export async function roundCriteria(db: DB, roundId: string) {
  return db.selectFrom("round_criteria").selectAll().where("round_id", "=", roundId).orderBy("position").execute();
}

export function toCriteria(rows: Awaited<ReturnType<typeof roundCriteria>>): Criterion[] {
  return rows.map((c) => ({
    id: c.id,
    weight: c.weight,
    maxScore: c.max_score,
    countsInTotal: c.counts_in_total === 1,
  }));
}

/** The panel of a round with each judge's load and finished sheets, counted in SQL. */
export function panelOf(db: DB, roundId: string) {
  return db
    .selectFrom("round_judges")
    .innerJoin("users", "users.id", "round_judges.judge_id")
    .leftJoin("assignments", (join) =>
      join
        .onRef("assignments.judge_id", "=", "round_judges.judge_id")
        .onRef("assignments.round_id", "=", "round_judges.round_id")
        .on("assignments.removed_at", "is", null),
    )
    .leftJoin("score_sheets", (join) =>
      join.onRef("score_sheets.assignment_id", "=", "assignments.id").on("score_sheets.status", "=", "submitted"),
    )
    .select((eb) => [
      "users.id",
      "users.full_name",
      "users.email",
      "round_judges.dropped_at",
      eb.fn.count<number>("assignments.id").as("assigned"),
      eb.fn.count<number>("score_sheets.id").as("submitted"),
    ])
    .where("round_judges.round_id", "=", roundId)
    .groupBy(["users.id", "users.full_name", "users.email", "round_judges.dropped_at"])
    .orderBy("users.full_name")
    .execute();
}

/** Conflicts that bar a judge: declared by the judge, or proposed and confirmed by staff. */
export function barringConflicts(db: DB) {
  // Same rule as the NOT EXISTS in liveAssignments.
  return db
    .selectFrom("judge_conflicts")
    .select(["judge_id", "organisation_id"])
    .where((eb) => eb.or([eb("source", "=", "declared"), eb("status", "=", "confirmed")]))
    .where("status", "!=", "dismissed");
}

/**
 * The assignments judges still hold: not withdrawn, and never one barred by a conflict (declared by the judge,
 * or proposed and confirmed by staff), whatever the assignment table says. Conflicts are enforced here, in the
 * query, so every list of a judge's work (their pages, their home, their reminders) leaves the same entries out.
 */
export function liveAssignments(db: DB) {
  return db
    .selectFrom("assignments")
    .innerJoin("competition_rounds", "competition_rounds.id", "assignments.round_id")
    .innerJoin("competition_entries", "competition_entries.id", "assignments.entry_id")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
    .where("assignments.removed_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("judge_conflicts")
            .select("judge_conflicts.id")
            .whereRef("judge_conflicts.organisation_id", "=", "competition_entries.organisation_id")
            .whereRef("judge_conflicts.judge_id", "=", "assignments.judge_id")
            .where("judge_conflicts.status", "!=", "dismissed")
            .where((inner) =>
              inner.or([
                inner("judge_conflicts.source", "=", "declared"),
                inner("judge_conflicts.status", "=", "confirmed"),
              ]),
            ),
        ),
      ),
    );
}

/** A judge's live assignments in rounds being judged (see liveAssignments). */
function judgingAssignmentsOf(db: DB, judge: CurrentUser) {
  return liveAssignments(db)
    .where("assignments.judge_id", "=", judge.id)
    .where("competition_rounds.status", "=", "judging");
}

/** Where a judge's sheet stands: not started, saved as a draft, submitted. */
export type SheetState = "todo" | "draft" | "done";
const SHEET_STATUS_OF = { todo: null, draft: "draft", done: "submitted" } as const;

/** How many of the judge's sheets in rounds being judged stand at each state, counted in SQL. */
export async function sheetCountsOfJudge(db: DB, judge: CurrentUser): Promise<Record<SheetState, number>> {
  const rows = await judgingAssignmentsOf(db, judge)
    .select((eb) => ["score_sheets.status", eb.fn.countAll<number>().as("count")])
    .groupBy("score_sheets.status")
    .execute();
  const count = (state: SheetState) => Number(rows.find((r) => r.status === SHEET_STATUS_OF[state])?.count ?? 0);
  return { todo: count("todo"), draft: count("draft"), done: count("done") };
}

/**
 * A judge's assignments in rounds being judged, conflicts left out (liveAssignments), optionally only those whose
 * sheet stands at `state`. In a blind round the project and organisation names are left out here too, so no page
 * can show them by mistake.
 */
export function assignmentsOfJudge(db: DB, judge: CurrentUser, options: { state?: SheetState; limit?: number } = {}) {
  const status = options.state ? SHEET_STATUS_OF[options.state] : undefined;
  return judgingAssignmentsOf(db, judge)
    .$if(status === null, (q) => q.where("score_sheets.status", "is", null))
    .$if(typeof status === "string", (q) => q.where("score_sheets.status", "=", status!))
    .innerJoin("competition_editions", "competition_editions.id", "competition_rounds.edition_id")
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .select((eb) => [
      "assignments.id",
      "competition_rounds.id as round_id",
      "competition_rounds.name as round_name",
      "competition_rounds.blind",
      "competition_rounds.ends_on",
      "competition_editions.name as edition_name",
      "competition_entries.receipt_number",
      "competition_entries.organisation_id",
      eb
        .case()
        .when("competition_rounds.blind", "=", 1)
        .then(eb.lit(null))
        .else(eb.ref("competition_entries.project_name"))
        .end()
        .as("project_name"),
      eb
        .case()
        .when("competition_rounds.blind", "=", 1)
        .then(eb.lit(null))
        .else(eb.ref("organisations.name"))
        .end()
        .as("organisation_name"),
      "score_sheets.status as sheet_status",
    ])
    .orderBy("competition_editions.year", "desc")
    .orderBy("competition_rounds.position")
    .orderBy("competition_entries.receipt_seq")
    .limit(options.limit ?? 500)
    .execute();
}

/** One assignment for its judge only, never when conflicted, with blind fields left out of the query in a blind round. */
export async function getAssignmentForJudge(db: DB, judge: CurrentUser, assignmentId: string) {
  const assignment = await db
    .selectFrom("assignments")
    .innerJoin("competition_rounds", "competition_rounds.id", "assignments.round_id")
    .innerJoin("competition_entries", "competition_entries.id", "assignments.entry_id")
    .select([
      "assignments.id",
      "assignments.judge_id",
      "assignments.round_id",
      "assignments.entry_id",
      "assignments.removed_at",
      "competition_rounds.status as round_status",
      "competition_rounds.blind",
      "competition_rounds.name as round_name",
      "competition_rounds.pitch_minutes",
      "competition_rounds.questions_minutes",
      "competition_entries.organisation_id",
    ])
    .where("assignments.id", "=", assignmentId)
    .executeTakeFirst();
  if (!assignment) notFound();
  if (assignment.judge_id !== judge.id || assignment.removed_at) forbidden();
  const conflicted = await barringConflicts(db)
    .where("judge_id", "=", judge.id)
    .where("organisation_id", "=", assignment.organisation_id)
    .executeTakeFirst();
  if (conflicted) forbidden();
  const entry = await db
    .selectFrom("competition_entries")
    .leftJoin("competition_categories", "competition_categories.id", "competition_entries.category_id")
    .select([
      "competition_entries.id",
      "competition_entries.receipt_number",
      "competition_entries.sector",
      "competition_entries.summary",
      "competition_entries.problem",
      "competition_entries.solution",
      "competition_entries.market",
      "competition_entries.business_model",
      "competition_entries.team_description",
      "competition_entries.stage",
      "competition_categories.name as category_name",
    ])
    .select((eb) =>
      assignment.blind
        ? [eb.val(null).as("project_name"), eb.val(null).as("organisation_name")]
        : [
            "competition_entries.project_name",
            eb
              .selectFrom("organisations")
              .select("name")
              .whereRef("organisations.id", "=", "competition_entries.organisation_id")
              .as("organisation_name"),
          ],
    )
    .where("competition_entries.id", "=", assignment.entry_id)
    .executeTakeFirstOrThrow();
  return { assignment, entry };
}

/** The judge's own sheet and scores; never anyone else's. */
export async function sheetOfAssignment(db: DB, assignmentId: string) {
  const sheet = await db
    .selectFrom("score_sheets")
    .selectAll()
    .where("assignment_id", "=", assignmentId)
    .executeTakeFirst();
  const scores = sheet ? await db.selectFrom("scores").selectAll().where("sheet_id", "=", sheet.id).execute() : [];
  return { sheet: sheet ?? null, scores };
}

/** Every submitted sheet of a round with its scores, in two queries (not one per sheet). */
export async function submittedSheets(db: DB, roundId: string): Promise<Sheet[]> {
  const rows = await db
    .selectFrom("score_sheets")
    .innerJoin("assignments", "assignments.id", "score_sheets.assignment_id")
    .innerJoin("scores", "scores.sheet_id", "score_sheets.id")
    .select(["score_sheets.id", "assignments.judge_id", "assignments.entry_id", "scores.criterion_id", "scores.score"])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.removed_at", "is", null)
    .where("score_sheets.status", "=", "submitted")
    .execute();
  const sheets = new Map<string, Sheet>();
  for (const row of rows) {
    const sheet = sheets.get(row.id) ?? { judgeId: row.judge_id, entryId: row.entry_id, scores: {} };
    sheet.scores[row.criterion_id] = row.score;
    sheets.set(row.id, sheet);
  }
  return [...sheets.values()];
}

export function roundEntries(db: DB, roundId: string) {
  return db
    .selectFrom("round_entries")
    .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .leftJoin("competition_categories", "competition_categories.id", "competition_entries.category_id")
    .select([
      "competition_entries.id",
      "competition_entries.receipt_number",
      "competition_entries.project_name",
      "competition_entries.organisation_id",
      "competition_entries.category_id",
      "competition_categories.name as category_name",
      "organisations.name as organisation_name",
      "round_entries.outcome",
    ])
    .where("round_entries.round_id", "=", roundId)
    .orderBy("competition_entries.receipt_seq")
    .execute();
}

export function roundAssignments(db: DB, roundId: string) {
  return db
    .selectFrom("assignments")
    .leftJoin("score_sheets", "score_sheets.assignment_id", "assignments.id")
    .select([
      "assignments.id",
      "assignments.entry_id",
      "assignments.judge_id",
      "score_sheets.id as sheet_id",
      "score_sheets.status as sheet_status",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.removed_at", "is", null)
    .execute();
}

/** The entry's documents as its judge sees them: in a blind round only the requirement and a neutral name. */
export async function documentsForJudge(db: DB, entryId: string, blind: boolean) {
  const rows = await db
    .selectFrom("attachments")
    .leftJoin("competition_document_requirements", "competition_document_requirements.id", "attachments.purpose")
    .select(["attachments.id", "attachments.original_name", "competition_document_requirements.label"])
    .where("attachments.owner_type", "=", "entry")
    .where("attachments.owner_id", "=", entryId)
    .orderBy("attachments.created_at")
    .limit(50)
    .execute();
  return rows.map((row, index) => ({
    id: row.id,
    label: row.label,
    name: blind ? `#${index + 1}` : row.original_name,
  }));
}

/**
 * The judge's home: how many sheets stand at each state (SQL counts) and the first few of each, with their round and
 * deadline, read through assignmentsOfJudge so that conflicts and blind rounds are handled as on the judging pages.
 */
export async function judgeHomeSheets(db: DB, judge: CurrentUser, perState = 5) {
  const list = async (state: SheetState) =>
    (await assignmentsOfJudge(db, judge, { state, limit: perState })).map((row) => ({
      id: row.id,
      code: row.receipt_number,
      projectName: row.project_name,
      round: row.round_name,
      edition: row.edition_name,
      deadline: row.ends_on,
    }));
  const [counts, todo, draft, done] = await Promise.all([
    sheetCountsOfJudge(db, judge),
    list("todo"),
    list("draft"),
    list("done"),
  ]);
  return { counts, lists: { todo, draft, done } };
}
