/**
 * What staff record about an enterprise: consultations and field visits, technology-level assessments (Circular
 * 17/2019), and the level settings they are computed with, corrected by staff once checked.
 */

import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { newId } from "../../lib/ids.server";
import { provinceDate } from "../../lib/province-time";
import { refuse, refuseAll, type Outcome } from "../../lib/outcome";
import { nowIso } from "../../lib/time.server";
import { levelSettings } from "./queries.server";
import {
  assessTechnology,
  evaluateFormula,
  FORMULA_MAX_DEPTH,
  FORMULA_MAX_LENGTH,
  FormulaError,
  checkScores,
} from "./rules";
import { requireProcessor, requireOrganisation } from "./access.server";
import { refreshStage } from "./stage.server";

export type ConsultationInput = {
  kind: "field_visit" | "consultation" | "meeting";
  heldOn: string;
  staffNames: string;
  findings: string;
  advice: string;
  nextStep?: string;
};

export async function logConsultation(
  db: DB,
  actor: CurrentUser,
  organisationId: string,
  input: ConsultationInput,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  requireProcessor(actor);
  await requireOrganisation(db, organisationId);
  if (input.heldOn > provinceDate(nowIso())) return refuse("technology.problems.inFuture", { field: "heldOn" });
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const values = {
      id,
      organisation_id: organisationId,
      kind: input.kind,
      held_on: input.heldOn,
      staff_names: input.staffNames,
      findings: input.findings,
      advice: input.advice,
      next_step: input.nextStep ?? null,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("tech_consultations").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.consultation_logged",
      entityType: "organisation",
      entityId: organisationId,
      after: values,
      ip,
    });
    await refreshStage(trx, organisationId);
    return { ok: true as const, id };
  });
}

// ——— Technology-level assessments ———

export type AssessmentInput = {
  organisationId: string;
  year: number;
  assessedOn: string;
  note?: string;
  scores: Record<string, number | undefined>;
};

/** Computes the level from the settings as they stand and keeps the figures with the assessment. */
export async function recordAssessment(
  db: DB,
  actor: CurrentUser,
  input: AssessmentInput,
  ip: string | null,
): Promise<Outcome<{ id: string }>> {
  requireProcessor(actor);
  await requireOrganisation(db, input.organisationId);
  const settings = await levelSettings(db);
  const problems = checkScores(settings.criteria, input.scores);
  if (problems.length) {
    const max = new Map(settings.criteria.map((c) => [c.code, String(c.max_points)]));
    return refuseAll(
      problems.map((p) => ({
        field: `score_${p.code}`,
        key: `technology.problems.score_${p.problem}`,
        params: { max: max.get(p.code) ?? "" },
      })),
    );
  }
  const scores = input.scores as Record<string, number>;
  let result: ReturnType<typeof assessTechnology>;
  try {
    result = assessTechnology(settings.criteria, settings.bands, settings.formula, scores);
  } catch (error) {
    // The settings' formula gives no coefficient for these scores: staff are told so, and nothing is recorded.
    if (error instanceof FormulaError)
      return refuse(`technology.problems.assessmentFormula_${error.problem}`, {
        kind: "invalid",
        params: { formula: settings.formula },
      });
    throw error;
  }
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const values = {
      id,
      organisation_id: input.organisationId,
      year: input.year,
      assessed_on: input.assessedOn,
      scores_json: JSON.stringify(scores),
      t_score: result.groups.T,
      e_score: result.groups.E,
      o_score: result.groups.O,
      r_score: result.groups.R,
      i_score: result.groups.I,
      total: result.total,
      coefficient: result.coefficient,
      level_code: result.levelCode,
      settings_verified: settings.verified ? 1 : 0,
      note: input.note ?? null,
      created_by: actor.id,
      created_at: nowIso(),
    };
    await trx.insertInto("tech_assessments").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.assessment_recorded",
      entityType: "organisation",
      entityId: input.organisationId,
      after: { id, total: result.total, coefficient: result.coefficient, level: result.levelCode },
      ip,
    });
    return { ok: true as const, id };
  });
}

// ——— The technology-level settings (Circular 17/2019), corrected by staff once checked ———

export type BandInput = { code: string; minTotal: number; minCoefficient: number; verified: boolean; source: string };

export async function saveLevelBand(db: DB, actor: CurrentUser, input: BandInput, ip: string | null): Promise<Outcome> {
  requireProcessor(actor);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("tech_level_bands")
      .selectAll()
      .where("code", "=", input.code)
      .executeTakeFirst();
    if (!before) return refuse("technology.problems.unknownBand", { field: "code" });
    const changes = {
      min_total: input.minTotal,
      min_coefficient: input.minCoefficient,
      verified: input.verified ? 1 : 0,
      source: input.source,
    };
    await trx.updateTable("tech_level_bands").set(changes).where("code", "=", input.code).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.settings_saved",
      entityType: "tech_settings",
      entityId: `band:${input.code}`,
      before,
      after: changes,
      ip,
    });
    return { ok: true as const };
  });
}

export type FormulaInput = { formula: string; verified: boolean; source: string };

/** The formula is tried on the group maxima first: one that does not evaluate to a finite number is refused, never stored, with the reason next to the field. */
export async function saveCoefficientFormula(
  db: DB,
  actor: CurrentUser,
  input: FormulaInput,
  ip: string | null,
): Promise<Outcome> {
  requireProcessor(actor);
  try {
    evaluateFormula(input.formula, { T: 30, E: 20, O: 19, R: 17, I: 14 });
  } catch (error) {
    if (error instanceof FormulaError)
      return refuse(`technology.problems.formula_${error.problem}`, {
        field: "formula",
        params: { maxLength: String(FORMULA_MAX_LENGTH), maxDepth: String(FORMULA_MAX_DEPTH) },
      });
    throw error;
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("tech_settings")
      .selectAll()
      .where("key", "=", "coefficient_formula")
      .executeTakeFirst();
    const changes = {
      value: input.formula,
      verified: input.verified ? 1 : 0,
      source: input.source,
      updated_at: nowIso(),
    };
    await trx.updateTable("tech_settings").set(changes).where("key", "=", "coefficient_formula").execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "technology.settings_saved",
      entityType: "tech_settings",
      entityId: "coefficient_formula",
      before,
      after: changes,
      ip,
    });
    return { ok: true as const };
  });
}
