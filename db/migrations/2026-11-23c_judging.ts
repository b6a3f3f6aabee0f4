import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // How each round is judged and ranked (BRIEF.md: the 2021 rules, with the jury free to change the numbers).
  await db.schema.alterTable("competition_rounds").addColumn("blind", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("competition_rounds").addColumn("judges_per_entry", "integer", (c) => c.notNull().defaultTo(3)).execute();
  await db.schema.alterTable("competition_rounds").addColumn("aggregation", "text", (c) => c.notNull().defaultTo("mean")).execute();
  await db.schema.alterTable("competition_rounds").addColumn("min_scores_to_normalise", "integer", (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable("competition_rounds").addColumn("disagreement_threshold", "real", (c) => c.notNull().defaultTo(25)).execute();
  await db.schema.alterTable("competition_rounds").addColumn("no_zero_criterion", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("competition_rounds").addColumn("min_average", "real", (c) => c.notNull().defaultTo(50)).execute();
  await db.schema.alterTable("competition_rounds").addColumn("advance_per_category", "integer", (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable("competition_rounds").addColumn("tie_break_criterion_id", "text").execute();
  await db.schema.alterTable("competition_rounds").addColumn("pitch_minutes", "integer").execute();
  await db.schema.alterTable("competition_rounds").addColumn("questions_minutes", "integer").execute();
  await db.schema.alterTable("competition_rounds").addColumn("status", "text", (c) => c.notNull().defaultTo("setup")).execute();
  await db.schema.alterTable("round_criteria").addColumn("counts_in_total", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("round_criteria").addColumn("guidance", "text").execute();
  await db.schema.alterTable("competition_editions").addColumn("results_status", "text", (c) => c.notNull().defaultTo("none")).execute();
  await db.schema.alterTable("competition_editions").addColumn("results_published_at", "text").execute();

  await db.schema
    .createTable("round_judges")
    .addColumn("round_id", "text", (c) => c.notNull().references("competition_rounds.id").onDelete("cascade"))
    .addColumn("judge_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addColumn("dropped_at", "text")
    .addPrimaryKeyConstraint("round_judges_pk", ["round_id", "judge_id"])
    .execute();
  await db.schema.createIndex("round_judges_judge_idx").on("round_judges").column("judge_id").execute();

  await db.schema
    .createTable("round_entries")
    .addColumn("round_id", "text", (c) => c.notNull().references("competition_rounds.id").onDelete("cascade"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("competition_entries.id"))
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("round_entries_pk", ["round_id", "entry_id"])
    .execute();
  await db.schema.createIndex("round_entries_entry_idx").on("round_entries").column("entry_id").execute();

  await db.schema
    .createTable("judge_conflicts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("judge_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .execute();
  await db.schema.createIndex("judge_conflicts_pair_idx").on("judge_conflicts").columns(["judge_id", "organisation_id"]).unique().execute();
  await db.schema.createIndex("judge_conflicts_organisation_idx").on("judge_conflicts").column("organisation_id").execute();

  await db.schema
    .createTable("assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("round_id", "text", (c) => c.notNull().references("competition_rounds.id").onDelete("cascade"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("competition_entries.id"))
    .addColumn("judge_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("removed_at", "text")
    .execute();
  await db.schema.createIndex("assignments_round_judge_idx").on("assignments").columns(["round_id", "judge_id"]).execute();
  await db.schema.createIndex("assignments_round_entry_idx").on("assignments").columns(["round_id", "entry_id"]).execute();

  await db.schema
    .createTable("score_sheets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assignment_id", "text", (c) => c.notNull().unique().references("assignments.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("overall_comment", "text")
    .addColumn("submitted_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("scores")
    .addColumn("sheet_id", "text", (c) => c.notNull().references("score_sheets.id").onDelete("cascade"))
    .addColumn("criterion_id", "text", (c) => c.notNull().references("round_criteria.id"))
    .addColumn("score", "real", (c) => c.notNull())
    .addColumn("comment", "text")
    .addPrimaryKeyConstraint("scores_pk", ["sheet_id", "criterion_id"])
    .execute();

  await db.schema
    .createTable("prize_awards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("edition_id", "text", (c) => c.notNull().references("competition_editions.id"))
    .addColumn("prize_id", "text", (c) => c.notNull().references("competition_prizes.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().references("competition_entries.id"))
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("change_reason", "text")
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("prize_awards_edition_idx").on("prize_awards").columns(["edition_id", "rank"]).execute();
  await db.schema.createIndex("prize_awards_entry_idx").on("prize_awards").columns(["edition_id", "entry_id"]).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["prize_awards", "scores", "score_sheets", "assignments", "judge_conflicts", "round_entries", "round_judges"]) await db.schema.dropTable(table).execute();
  for (const column of ["blind", "judges_per_entry", "aggregation", "min_scores_to_normalise", "disagreement_threshold", "no_zero_criterion", "min_average", "advance_per_category", "tie_break_criterion_id", "pitch_minutes", "questions_minutes", "status"]) {
    await db.schema.alterTable("competition_rounds").dropColumn(column).execute();
  }
  await db.schema.alterTable("round_criteria").dropColumn("counts_in_total").execute();
  await db.schema.alterTable("round_criteria").dropColumn("guidance").execute();
  await db.schema.alterTable("competition_editions").dropColumn("results_status").execute();
  await db.schema.alterTable("competition_editions").dropColumn("results_published_at").execute();
}
