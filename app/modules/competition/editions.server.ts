import { sql, type Kysely } from "kysely";
import type { Database, Edition, EligibilityRule } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { nowIso } from "../../lib/time.server";
import { type Outcome, type Problem, refuse, refuseAll } from "../../lib/outcome";
import { changesSince, claimVersion, type VersionConflict } from "../../lib/versions.server";
import { getEdition, submittedEntryCount } from "./queries.server";
import { editionChangeProblems } from "./rules";
import type { EditionInput } from "./schemas";

/** Who sets up competitions: DOST staff (and the portal's administrator). */
export function requireEditionManager(actor: CurrentUser): void {
  if (actor.role !== "staff" && actor.role !== "admin") forbidden();
}

/** What the set-up form writes: everything but identity, state and results. */
type EditionColumns = Omit<
  Edition,
  | "id"
  | "status"
  | "copied_from_id"
  | "created_at"
  | "updated_at"
  | "results_status"
  | "results_published_at"
  | "version"
>;

function columnsOf(input: EditionInput): EditionColumns {
  return {
    name: input.name,
    number: input.number,
    year: input.year,
    description: input.description ?? "",
    rules: input.rules ?? "",
    registration_opens_at: input.registrationOpensAt,
    submission_deadline: input.submissionDeadline,
    award_ceremony_on: input.awardCeremonyOn ?? null,
    residency_province: input.residencyProvince ?? null,
    max_enterprise_age_years: input.maxEnterpriseAgeYears,
    min_representative_age: input.minRepresentativeAge,
    receipt_prefix: input.receiptPrefix,
    feedback_to_applicants: input.feedbackToApplicants ? 1 : 0,
  };
}

/** The default set-up of a new edition, from the province's earlier rules (BRIEF.md). */
async function insertDefaultSetup(db: Kysely<Database>, editionId: string): Promise<void> {
  const projectId = newId();
  const ideaId = newId();
  await db
    .insertInto("competition_categories")
    .values([
      {
        id: projectId,
        edition_id: editionId,
        name: "Dự án",
        kind: "project",
        description: "Dự án đã có sản phẩm, mô hình kinh doanh",
        position: 1,
      },
      {
        id: ideaId,
        edition_id: editionId,
        name: "Ý tưởng",
        kind: "idea",
        description: "Ý tưởng khởi nghiệp đổi mới sáng tạo",
        position: 2,
      },
    ])
    .execute();
  await db
    .insertInto("competition_document_requirements")
    .values([
      { id: newId(), edition_id: editionId, category_id: null, label: "Kế hoạch kinh doanh", required: 1, position: 1 },
      {
        id: newId(),
        edition_id: editionId,
        category_id: null,
        label: "Bài thuyết trình (pitch deck)",
        required: 1,
        position: 2,
      },
      {
        id: newId(),
        edition_id: editionId,
        category_id: projectId,
        label: "Hình ảnh sản phẩm",
        required: 0,
        position: 3,
      },
    ])
    .execute();
  await db
    .insertInto("competition_prizes")
    .values([
      { id: newId(), edition_id: editionId, rank_label: "Giải Nhất", count: 1, amount_vnd: 30_000_000, position: 1 },
      { id: newId(), edition_id: editionId, rank_label: "Giải Nhì", count: 1, amount_vnd: 20_000_000, position: 2 },
      { id: newId(), edition_id: editionId, rank_label: "Giải Ba", count: 2, amount_vnd: 10_000_000, position: 3 },
      {
        id: newId(),
        edition_id: editionId,
        rank_label: "Giải Khuyến khích",
        count: 2,
        amount_vnd: 5_000_000,
        position: 4,
      },
    ])
    .execute();
  const preliminary = newId();
  const final = newId();
  await db
    .insertInto("competition_rounds")
    .values([
      {
        id: preliminary,
        edition_id: editionId,
        name: "Vòng sơ khảo",
        kind: "preliminary",
        starts_on: null,
        ends_on: null,
        position: 1,
      },
      {
        id: final,
        edition_id: editionId,
        name: "Vòng chung khảo",
        kind: "final",
        starts_on: null,
        ends_on: null,
        position: 2,
      },
    ])
    .execute();
  const criteria: Array<[string, string, number]> = [
    ["Tính đổi mới sáng tạo", "Mức độ mới của sản phẩm, công nghệ, mô hình kinh doanh", 25],
    ["Khả năng thương mại hóa và tăng trưởng", "Thị trường, khách hàng, khả năng mở rộng", 20],
    ["Kế hoạch kinh doanh", "Tính khả thi của kế hoạch và tài chính", 20],
    ["Hướng phát triển", "Lộ trình phát triển sản phẩm và doanh nghiệp", 10],
    ["Tác động kinh tế - xã hội", "Việc làm, môi trường, cộng đồng", 15],
    ["Trình bày", "Thuyết trình và trả lời câu hỏi", 10],
  ];
  await db
    .insertInto("round_criteria")
    .values([
      ...criteria.slice(0, 5).map(([name, description, weight], index) => ({
        id: newId(),
        round_id: preliminary,
        name,
        description,
        weight: index === 3 ? 20 : weight,
        max_score: 100,
        position: index + 1,
      })),
      ...criteria.map(([name, description, weight], index) => ({
        id: newId(),
        round_id: final,
        name,
        description,
        weight,
        max_score: 100,
        position: index + 1,
      })),
    ])
    .execute();
}

export async function createEdition(db: DB, actor: CurrentUser, input: EditionInput, ip: string): Promise<string> {
  requireEditionManager(actor);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const now = nowIso();
    const values = columnsOf(input);
    await trx
      .insertInto("competition_editions")
      .values({ id, ...values, status: "draft", copied_from_id: null, created_at: now, updated_at: now })
      .execute();
    await insertDefaultSetup(trx, id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "edition.created",
      entityType: "edition",
      entityId: id,
      after: values,
      ip,
    });
    return id;
  });
}

/** The edition's columns as its settings form names them: what a version conflict reports. */
const FORM_FIELDS = {
  name: "name",
  number: "number",
  year: "year",
  description: "description",
  rules: "rules",
  registration_opens_at: "registrationOpensAt",
  submission_deadline: "submissionDeadline",
  award_ceremony_on: "awardCeremonyOn",
  residency_province: "residencyProvince",
  max_enterprise_age_years: "maxEnterpriseAgeYears",
  min_representative_age: "minRepresentativeAge",
  receipt_prefix: "receiptPrefix",
  feedback_to_applicants: "feedbackToApplicants",
} as const;

/** The edition moves to its next version, unless another save came after the one the form was loaded at. */
async function claimEdition(trx: Kysely<Database>, id: string, loaded: number): Promise<VersionConflict | null> {
  return (await claimVersion(trx, "competition_editions", id, loaded))
    ? null
    : changesSince(trx, "competition_editions", "edition", id, loaded, FORM_FIELDS);
}

export async function updateEdition(
  db: DB,
  actor: CurrentUser,
  id: string,
  input: EditionInput,
  loaded: number,
  ip: string,
): Promise<Outcome | VersionConflict> {
  requireEditionManager(actor);
  return db.transaction().execute(async (trx) => {
    const before = await getEdition(trx, id);
    const after = columnsOf(input);
    const problems = editionChangeProblems({ submittedEntries: await submittedEntryCount(trx, id), before, after });
    // Entries already in hold the edition's rules: a refused change conflicts with them, on a field or not.
    if (problems.length) return refuseAll(problems.map((problem) => ({ ...problem, kind: "conflict" as const })));
    const conflict = await claimEdition(trx, id, loaded);
    if (conflict) return conflict;
    await trx
      .updateTable("competition_editions")
      .set({ ...after, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "edition.updated",
      entityType: "edition",
      entityId: id,
      before: storedColumns(before),
      after: { ...after, version: loaded + 1 },
      ip,
    });
    return { ok: true } as const;
  });
}

function storedColumns(edition: Edition): EditionColumns {
  const {
    id: _id,
    status: _status,
    copied_from_id: _copied,
    created_at: _created,
    updated_at: _updated,
    results_status: _results,
    results_published_at: _published,
    version: _version,
    ...rest
  } = edition;
  return rest;
}

export async function setEditionPublished(
  db: DB,
  actor: CurrentUser,
  id: string,
  published: boolean,
  ip: string,
): Promise<Outcome> {
  requireEditionManager(actor);
  return db.transaction().execute(async (trx) => {
    const edition = await getEdition(trx, id);
    const to = published ? "published" : "draft";
    if (edition.status === to) return { ok: true } as const;
    if (!published && (await submittedEntryCount(trx, id)) > 0) return refuse("competition.problems.inUse");
    await trx
      .updateTable("competition_editions")
      .set({ status: to, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: published ? "edition.published" : "edition.unpublished",
      entityType: "edition",
      entityId: id,
      before: { status: edition.status },
      after: { status: to },
      ip,
    });
    return { ok: true } as const;
  });
}

function shiftYear(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return iso.length === 10 ? date.toISOString().slice(0, 10) : date.toISOString();
}

/** Next year's edition from this one: same rules, categories, documents, prizes and rubric; dates a year later; a draft. */
export async function copyEdition(db: DB, actor: CurrentUser, id: string, ip: string): Promise<string> {
  requireEditionManager(actor);
  return db.transaction().execute(async (trx) => {
    const source = await getEdition(trx, id);
    const copyId = newId();
    const now = nowIso();
    const year = source.year + 1;
    await trx
      .insertInto("competition_editions")
      .values({
        ...source,
        id: copyId,
        results_status: "none",
        results_published_at: null,
        number: source.number + 1,
        year,
        name: source.name
          .replace(String(source.number), String(source.number + 1))
          .replace(String(source.year), String(year)),
        status: "draft",
        registration_opens_at: shiftYear(source.registration_opens_at)!,
        submission_deadline: shiftYear(source.submission_deadline)!,
        award_ceremony_on: shiftYear(source.award_ceremony_on),
        receipt_prefix: source.receipt_prefix.replace(String(source.year), String(year)),
        copied_from_id: source.id,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const categories = await trx
      .selectFrom("competition_categories")
      .selectAll()
      .where("edition_id", "=", id)
      .execute();
    const categoryIds = new Map(categories.map((c) => [c.id, newId()]));
    if (categories.length)
      await trx
        .insertInto("competition_categories")
        .values(categories.map((c) => ({ ...c, id: categoryIds.get(c.id)!, edition_id: copyId })))
        .execute();
    const requirements = await trx
      .selectFrom("competition_document_requirements")
      .selectAll()
      .where("edition_id", "=", id)
      .execute();
    if (requirements.length) {
      await trx
        .insertInto("competition_document_requirements")
        .values(
          requirements.map((r) => ({
            ...r,
            id: newId(),
            edition_id: copyId,
            category_id: r.category_id ? (categoryIds.get(r.category_id) ?? null) : null,
          })),
        )
        .execute();
    }
    const prizes = await trx.selectFrom("competition_prizes").selectAll().where("edition_id", "=", id).execute();
    if (prizes.length)
      await trx
        .insertInto("competition_prizes")
        .values(prizes.map((p) => ({ ...p, id: newId(), edition_id: copyId })))
        .execute();
    const rounds = await trx.selectFrom("competition_rounds").selectAll().where("edition_id", "=", id).execute();
    for (const round of rounds) {
      const roundId = newId();
      await trx
        .insertInto("competition_rounds")
        .values({
          ...round,
          id: roundId,
          edition_id: copyId,
          starts_on: shiftYear(round.starts_on),
          ends_on: shiftYear(round.ends_on),
        })
        .execute();
      const criteria = await trx.selectFrom("round_criteria").selectAll().where("round_id", "=", round.id).execute();
      if (criteria.length)
        await trx
          .insertInto("round_criteria")
          .values(criteria.map((c) => ({ ...c, id: newId(), round_id: roundId })))
          .execute();
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: "edition.copied",
      entityType: "edition",
      entityId: copyId,
      after: { from: source.id },
      ip,
    });
    return copyId;
  });
}

export type SetupItem =
  | { kind: "category"; name: string; categoryKind: "project" | "idea" | "track"; description?: string }
  | { kind: "requirement"; label: string; required: boolean; categoryId?: string; provesRule?: EligibilityRule }
  | { kind: "prize"; rankLabel: string; count: number; amountVnd: number }
  | {
      kind: "round";
      name: string;
      roundKind: "preliminary" | "semi_final" | "final";
      startsOn?: string;
      endsOn?: string;
    }
  | {
      kind: "criterion";
      roundId: string;
      name: string;
      description?: string;
      weight: number;
      maxScore: number;
      countsInTotal: boolean;
    };

async function nextPosition(
  db: Kysely<Database>,
  table: "competition_categories" | "competition_document_requirements" | "competition_prizes" | "competition_rounds",
  editionId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number>("position").as("max"))
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** The edition's requirement that already proves a rule, if any (one per rule: the partial unique index keeps it). */
function provingRequirement(trx: Kysely<Database>, editionId: string, rule: EligibilityRule) {
  return trx
    .selectFrom("competition_document_requirements")
    .select(["id", "label"])
    .where("edition_id", "=", editionId)
    .where("proves_rule", "=", rule)
    .executeTakeFirst();
}

function proofTaken(label: string) {
  return refuse("competition.problems.ruleAlreadyProved", {
    field: "provesRule",
    params: { label },
    kind: "conflict",
  });
}

/** Adds a row to an edition's set-up (a category, a document, a prize, a round or a criterion), audited. */
export async function addSetupItem(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  item: SetupItem,
  loaded: number,
  ip: string,
): Promise<Outcome | VersionConflict> {
  requireEditionManager(actor);
  return db.transaction().execute(async (trx) => {
    await getEdition(trx, editionId);
    const conflict = await claimEdition(trx, editionId, loaded);
    if (conflict) return conflict;
    const id = newId();
    switch (item.kind) {
      case "category":
        await trx
          .insertInto("competition_categories")
          .values({
            id,
            edition_id: editionId,
            name: item.name,
            kind: item.categoryKind,
            description: item.description ?? null,
            position: await nextPosition(trx, "competition_categories", editionId),
          })
          .execute();
        break;
      case "requirement": {
        if (item.categoryId) {
          const category = await trx
            .selectFrom("competition_categories")
            .select("id")
            .where("id", "=", item.categoryId)
            .where("edition_id", "=", editionId)
            .executeTakeFirst();
          if (!category) notFound();
        }
        if (item.provesRule) {
          const proof = await provingRequirement(trx, editionId, item.provesRule);
          if (proof) return proofTaken(proof.label);
        }
        await trx
          .insertInto("competition_document_requirements")
          .values({
            id,
            edition_id: editionId,
            category_id: item.categoryId ?? null,
            label: item.label,
            required: item.required ? 1 : 0,
            proves_rule: item.provesRule ?? null,
            position: await nextPosition(trx, "competition_document_requirements", editionId),
          })
          .execute();
        break;
      }
      case "prize":
        await trx
          .insertInto("competition_prizes")
          .values({
            id,
            edition_id: editionId,
            rank_label: item.rankLabel,
            count: item.count,
            amount_vnd: item.amountVnd,
            position: await nextPosition(trx, "competition_prizes", editionId),
          })
          .execute();
        break;
      case "round":
        await trx
          .insertInto("competition_rounds")
          .values({
            id,
            edition_id: editionId,
            name: item.name,
            kind: item.roundKind,
            starts_on: item.startsOn ?? null,
            ends_on: item.endsOn ?? null,
            position: await nextPosition(trx, "competition_rounds", editionId),
          })
          .execute();
        break;
      case "criterion": {
        const round = await trx
          .selectFrom("competition_rounds")
          .select("id")
          .where("id", "=", item.roundId)
          .where("edition_id", "=", editionId)
          .executeTakeFirst();
        if (!round) notFound();
        const row = await trx
          .selectFrom("round_criteria")
          .select((eb) => eb.fn.max<number>("position").as("max"))
          .where("round_id", "=", item.roundId)
          .executeTakeFirst();
        await trx
          .insertInto("round_criteria")
          .values({
            id,
            round_id: item.roundId,
            name: item.name,
            description: item.description ?? null,
            weight: item.weight,
            max_score: item.maxScore,
            counts_in_total: item.countsInTotal ? 1 : 0,
            position: Number(row?.max ?? 0) + 1,
          })
          .execute();
        break;
      }
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: `edition.${item.kind}_added`,
      entityType: "edition",
      entityId: editionId,
      after: { id, ...item, version: loaded + 1 },
      ip,
    });
    return { ok: true } as const;
  });
}

export type SetupKind = SetupItem["kind"];

const SETUP_TABLES = {
  category: "competition_categories",
  requirement: "competition_document_requirements",
  prize: "competition_prizes",
  round: "competition_rounds",
} as const satisfies Record<Exclude<SetupKind, "criterion">, string>;

/** What still uses a set-up row, counted in the removing transaction: the first kind of use found, or null when none. */
async function useOf(trx: Kysely<Database>, kind: SetupKind, itemId: string): Promise<Problem | null> {
  const inUse = async (
    key: string,
    query: { executeTakeFirstOrThrow(): Promise<{ n: number }> },
  ): Promise<Problem | null> => {
    const n = Number((await query.executeTakeFirstOrThrow()).n);
    return n > 0 ? { field: "_form", key: `competition.problems.usedBy.${key}`, params: { count: String(n) } } : null;
  };
  const n = sql<number>`count(*)`.as("n");
  switch (kind) {
    case "category":
      return inUse("category", trx.selectFrom("competition_entries").select(n).where("category_id", "=", itemId));
    case "requirement":
      return inUse(
        "requirement",
        trx.selectFrom("attachments").select(n).where("owner_type", "=", "entry").where("purpose", "=", itemId),
      );
    case "prize":
      return inUse("prize", trx.selectFrom("prize_awards").select(n).where("prize_id", "=", itemId));
    case "round":
      // Assignments carry the score sheets; without any, entries already placed in the round still depend on it.
      return (
        (await inUse("roundAssignments", trx.selectFrom("assignments").select(n).where("round_id", "=", itemId))) ??
        inUse("roundEntries", trx.selectFrom("round_entries").select(n).where("round_id", "=", itemId))
      );
    case "criterion":
      return inUse("criterion", trx.selectFrom("scores").select(n).where("criterion_id", "=", itemId));
  }
}

/**
 * Removes a set-up row unless something already depends on it (entries in a category, uploaded documents, awarded
 * prizes, a round's assignments or entries, a criterion's scores): that is a 409 naming what uses it and how many,
 * checked before anything is deleted, never left to the foreign key.
 */
export async function removeSetupItem(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  kind: SetupKind,
  itemId: string,
  loaded: number,
  ip: string,
): Promise<Outcome | VersionConflict> {
  requireEditionManager(actor);
  return db.transaction().execute(async (trx) => {
    await getEdition(trx, editionId);
    const removed =
      kind === "criterion"
        ? await trx
            .selectFrom("round_criteria")
            .innerJoin("competition_rounds", "competition_rounds.id", "round_criteria.round_id")
            .selectAll("round_criteria")
            .where("round_criteria.id", "=", itemId)
            .where("competition_rounds.edition_id", "=", editionId)
            .executeTakeFirst()
        : await trx
            .selectFrom(SETUP_TABLES[kind])
            .selectAll()
            .where("id", "=", itemId)
            .where("edition_id", "=", editionId)
            .executeTakeFirst();
    if (!removed) notFound();
    const used = await useOf(trx, kind, itemId);
    if (used) return refuseAll([used]);
    const conflict = await claimEdition(trx, editionId, loaded);
    if (conflict) return conflict;
    if (kind === "category")
      await trx.deleteFrom("competition_document_requirements").where("category_id", "=", itemId).execute();
    if (kind === "round") await trx.deleteFrom("round_criteria").where("round_id", "=", itemId).execute();
    await trx
      .deleteFrom(kind === "criterion" ? "round_criteria" : SETUP_TABLES[kind])
      .where("id", "=", itemId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: `edition.${kind}_removed`,
      entityType: "edition",
      entityId: editionId,
      before: removed,
      after: { version: loaded + 1 },
      ip,
    });
    return { ok: true } as const;
  });
}

/**
 * Says which eligibility rule an existing requirement proves (or none), audited; another requirement of the edition
 * already proving that rule is a 409 next to the field.
 */
export async function setRequirementProof(
  db: DB,
  actor: CurrentUser,
  editionId: string,
  requirementId: string,
  rule: EligibilityRule | null,
  loaded: number,
  ip: string,
): Promise<Outcome | VersionConflict> {
  requireEditionManager(actor);
  return db.transaction().execute(async (trx) => {
    await getEdition(trx, editionId);
    const requirement = await trx
      .selectFrom("competition_document_requirements")
      .select(["id", "label", "proves_rule"])
      .where("id", "=", requirementId)
      .where("edition_id", "=", editionId)
      .executeTakeFirst();
    if (!requirement) notFound();
    if (requirement.proves_rule === rule) return { ok: true } as const;
    if (rule) {
      const proof = await provingRequirement(trx, editionId, rule);
      if (proof && proof.id !== requirementId) return proofTaken(proof.label);
    }
    const conflict = await claimEdition(trx, editionId, loaded);
    if (conflict) return conflict;
    await trx
      .updateTable("competition_document_requirements")
      .set({ proves_rule: rule })
      .where("id", "=", requirementId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "edition.requirement_proof_set",
      entityType: "edition",
      entityId: editionId,
      before: { requirementId, provesRule: requirement.proves_rule },
      after: { requirementId, provesRule: rule, version: loaded + 1 },
      ip,
    });
    return { ok: true } as const;
  });
}
