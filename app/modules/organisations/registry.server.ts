import { sql, type RawBuilder } from "kysely";
import type { OrganisationKind } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { newId } from "../../lib/ids.server";
import type { OrganisationRef } from "../connections/sheet";
import { refKey } from "../connections/sheet";
import {
  distinctiveWord,
  duplicateReason,
  NAME_NOISE,
  NAME_PUNCTUATION,
  nameSimilarity,
  organisationNameKey,
  type DuplicateReason,
} from "./duplicates";
import { organisationRow } from "./rules";
import { containsKey, startsWithText, taxCodePrefix } from "../../lib/search-sql";

/**
 * `organisationNameKey` in portable SQL (replace and ||, in PostgreSQL too) over `organisations.name_search`, the
 * accent-free name every writer already keeps: the same steps in the same order, so both sides agree.
 */
export function nameKeySql(column = "organisations.name_search"): RawBuilder<string> {
  let expression: RawBuilder<unknown> = sql.ref(column) as unknown as RawBuilder<unknown>;
  for (const mark of NAME_PUNCTUATION) expression = sql`replace(${expression}, ${mark}, ' ')`;
  expression = sql`(' ' || ${expression} || ' ')`;
  for (const word of NAME_NOISE) expression = sql`replace(${expression}, ${` ${word} `}, ' ')`;
  return sql<string>`replace(${expression}, ' ', '')`;
}

const taxDigitsSql = sql<string>`replace(replace(coalesce(organisations.tax_code, ''), ' ', ''), '.', '')`;

function keyed(db: DB) {
  return db
    .selectFrom("organisations")
    .select([
      "organisations.id",
      "organisations.name",
      "organisations.kind",
      "organisations.tax_code",
      nameKeySql().as("name_key"),
      taxDigitsSql.as("tax_digits"),
    ]);
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Found = { id: string; name: string; kind: OrganisationKind; tax_code: string | null };

export type Resolution =
  | {
      action: "match";
      by: "tax_code" | "name";
      id: string;
      name: string;
      kind: OrganisationKind;
      fillTaxCode: string | null;
    }
  | { action: "create"; plan: string; name: string; kind: OrganisationKind; taxCode: string | null }
  | { action: "ambiguous"; count: number };

/**
 * How each organisation named in a sheet meets the registry. With a tax code: the organisation holding it; else the
 * one organisation of the same name (legal form aside) that has no tax code yet, which gets it; else a new one.
 * Without a tax code: the one organisation of that name; several → ambiguous (the row must give the tax code);
 * none → a new one. One file never creates the same organisation twice. Two queries per 500 names, none per row.
 */
export async function resolveOrganisations(
  db: DB,
  refs: readonly OrganisationRef[],
  defaultKind: OrganisationKind = "enterprise",
): Promise<Map<string, Resolution>> {
  const unique = new Map<string, OrganisationRef>();
  for (const ref of refs) if (!unique.has(refKey(ref))) unique.set(refKey(ref), ref);
  const taxCodes = [...new Set([...unique.values()].map((r) => r.taxCode).filter((t): t is string => !!t))];
  const nameKeys = [...new Set([...unique.values()].map((r) => organisationNameKey(r.name)).filter(Boolean))];
  const byTax = new Map<string, Found>();
  for (const part of chunks(taxCodes)) {
    for (const row of await db
      .selectFrom("organisations")
      .select(["id", "name", "kind", "tax_code"])
      .where("tax_code", "in", part)
      .execute())
      byTax.set(row.tax_code!, row);
  }
  const byName = new Map<string, Found[]>();
  for (const part of chunks(nameKeys)) {
    const rows = await db
      .selectFrom(keyed(db).as("k"))
      .selectAll()
      .where("k.name_key", "in", part)
      .orderBy("k.id")
      .execute();
    for (const row of rows) byName.set(row.name_key, [...(byName.get(row.name_key) ?? []), row]);
  }
  // A name written once with a tax code and once without is the one organisation the tax code names.
  const newByName = new Map<string, string>();
  for (const [key, ref] of unique)
    if (ref.taxCode && !byTax.has(ref.taxCode)) newByName.set(organisationNameKey(ref.name), key);
  const result = new Map<string, Resolution>();
  for (const [key, ref] of unique) {
    const kind = ref.kind ?? defaultKind;
    const sameName = byName.get(organisationNameKey(ref.name)) ?? [];
    if (ref.taxCode) {
      const holder = byTax.get(ref.taxCode);
      const untaxed = sameName.filter((o) => !o.tax_code);
      if (holder)
        result.set(key, {
          action: "match",
          by: "tax_code",
          id: holder.id,
          name: holder.name,
          kind: holder.kind,
          fillTaxCode: null,
        });
      else if (untaxed.length === 1)
        result.set(key, {
          action: "match",
          by: "name",
          id: untaxed[0].id,
          name: untaxed[0].name,
          kind: untaxed[0].kind,
          fillTaxCode: ref.taxCode,
        });
      else result.set(key, { action: "create", plan: key, name: ref.name, kind, taxCode: ref.taxCode });
      continue;
    }
    if (sameName.length === 1)
      result.set(key, {
        action: "match",
        by: "name",
        id: sameName[0].id,
        name: sameName[0].name,
        kind: sameName[0].kind,
        fillTaxCode: null,
      });
    else if (sameName.length > 1) result.set(key, { action: "ambiguous", count: sameName.length });
    else {
      const plan = newByName.get(organisationNameKey(ref.name)) ?? key;
      result.set(key, { action: "create", plan, name: ref.name, kind, taxCode: null });
    }
  }
  // A tax code that fills an organisation resolved by name for another row wins over that row's plan.
  for (const [key, resolution] of result) {
    if (resolution.action !== "create" || resolution.taxCode || resolution.plan === key) continue;
    const planned = result.get(resolution.plan);
    if (planned?.action === "match") result.set(key, planned);
  }
  return result;
}

/** Creates the planned organisations and fills the tax codes of those matched by name; returns plan → new id. */
export async function applyResolutions(
  trx: DB,
  resolutions: Map<string, Resolution>,
  now: string,
): Promise<{ ids: Map<string, string>; created: Array<{ id: string; name: string; taxCode: string | null }> }> {
  const ids = new Map<string, string>();
  const created: Array<{ id: string; name: string; taxCode: string | null }> = [];
  const rows = [];
  for (const resolution of resolutions.values()) {
    if (resolution.action === "create" && !ids.has(resolution.plan)) {
      const id = newId();
      ids.set(resolution.plan, id);
      created.push({ id, name: resolution.name, taxCode: resolution.taxCode });
      rows.push(
        organisationRow({ id, name: resolution.name, kind: resolution.kind, taxCode: resolution.taxCode }, now),
      );
    }
  }
  for (const part of chunks(rows, 200)) await trx.insertInto("organisations").values(part).execute();
  const filled = new Set<string>();
  for (const resolution of resolutions.values()) {
    if (resolution.action === "match" && resolution.fillTaxCode && !filled.has(resolution.id)) {
      filled.add(resolution.id);
      await trx
        .updateTable("organisations")
        .set({ tax_code: resolution.fillTaxCode, updated_at: now })
        .where("id", "=", resolution.id)
        .where("tax_code", "is", null)
        .execute();
    }
  }
  return { ids, created };
}

/** The organisation id a resolved reference ends up with (after applyResolutions for new ones). */
export function resolvedId(resolution: Resolution, created: Map<string, string>): string {
  if (resolution.action === "match") return resolution.id;
  if (resolution.action === "create") return created.get(resolution.plan)!;
  throw new Error("an ambiguous organisation cannot be resolved");
}

export const DUPLICATE_LIST = { sortable: ["name"], defaultSort: "name", defaultDir: "asc", filters: [] } as const;

function duplicateGroupKeys(db: DB) {
  const byName = db
    .selectFrom(keyed(db).as("k"))
    .select([sql<string>`'name'`.as("reason"), "k.name_key as group_key"])
    .where("k.name_key", "!=", "")
    .groupBy("k.name_key")
    // Two different tax codes are two legal entities: such a name is not a duplicate.
    .having((eb) => eb.and([eb(eb.fn.countAll(), ">", 1), eb(eb.fn.count("k.tax_code").distinct(), "<=", 1)]));
  const byTax = db
    .selectFrom(keyed(db).as("k"))
    .select([sql<string>`'tax_code'`.as("reason"), "k.tax_digits as group_key"])
    .where("k.tax_digits", "!=", "")
    .groupBy("k.tax_digits")
    .having((eb) => eb(eb.fn.countAll(), ">", 1));
  return db.selectFrom(byName.unionAll(byTax).as("g"));
}

/**
 * Groups of organisations that may be one: the same tax code once written alike, or the same name once the legal
 * form, accents, case and punctuation are set aside. Counted and paged in SQL; each group with its members.
 */
export async function duplicateGroups(db: DB, page: { page: number; pageSize: number }) {
  const groups = duplicateGroupKeys(db);
  const [{ count }, keys] = await Promise.all([
    groups.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    groups
      .select(["g.reason", "g.group_key"])
      .orderBy("g.group_key")
      .orderBy("g.reason")
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
  ]);
  const nameKeys = keys.filter((k) => k.reason === "name").map((k) => k.group_key);
  const taxKeys = keys.filter((k) => k.reason === "tax_code").map((k) => k.group_key);
  const members = keys.length
    ? await db
        .selectFrom(keyed(db).as("k"))
        .innerJoin("organisations", "organisations.id", "k.id")
        .select([
          "k.id",
          "k.name",
          "k.kind",
          "k.tax_code",
          "k.name_key",
          "k.tax_digits",
          "organisations.province",
          "organisations.created_at",
        ])
        .select((eb) => [
          eb
            .selectFrom("memberships")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("memberships.organisation_id", "=", "k.id")
            .as("members"),
          eb
            .selectFrom("event_participants")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("event_participants.organisation_id", "=", "k.id")
            .as("attendances"),
          eb
            .selectFrom("mou_parties")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("mou_parties.organisation_id", "=", "k.id")
            .as("mous"),
        ])
        .where((eb) =>
          eb.or([
            ...(nameKeys.length ? [eb("k.name_key", "in", nameKeys)] : []),
            ...(taxKeys.length ? [eb("k.tax_digits", "in", taxKeys)] : []),
          ]),
        )
        .orderBy("organisations.created_at")
        .limit(keys.length * 20)
        .execute()
    : [];
  const rows = keys.map((key) => ({
    reason: key.reason as "name" | "tax_code",
    key: key.group_key,
    members: members
      .filter((m) => (key.reason === "name" ? m.name_key === key.group_key : m.tax_digits === key.group_key))
      .map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        tax_code: m.tax_code,
        province: m.province,
        created_at: m.created_at,
        members: Number(m.members),
        attendances: Number(m.attendances),
        mous: Number(m.mous),
      })),
  }));
  return {
    rows,
    total: Number(count),
    page: page.page,
    pageSize: page.pageSize,
    pageCount: Math.max(1, Math.ceil(Number(count) / page.pageSize)),
  };
}

/**
 * Organisations whose names are very like this one's (typing variants the grouping by key misses): the candidates
 * share its most distinctive word (a LIKE, at most 200 rows), then each is scored by `duplicateReason`.
 */
export async function similarOrganisations(
  db: DB,
  organisation: { id?: string; name: string; tax_code: string | null },
  limit = 10,
) {
  const word = distinctiveWord(organisation.name);
  if (!word) return [];
  let query = db
    .selectFrom("organisations")
    .select(["id", "name", "kind", "tax_code"])
    .where(containsKey("name_search", word));
  if (organisation.id) query = query.where("id", "!=", organisation.id);
  const candidates = await query.orderBy("name_search").limit(200).execute();
  return candidates
    .map((candidate) => ({
      ...candidate,
      reason: duplicateReason(organisation, candidate) as DuplicateReason | null,
      similarity: nameSimilarity(organisation.name, candidate.name),
    }))
    .filter((candidate) => candidate.reason !== null)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}

/** Organisations found by name (accents ignored) or tax code, for pickers: at most `limit`. */
export function findOrganisations(db: DB, q: string, limit = 20) {
  const text = q.trim();
  if (!text) return Promise.resolve([]);
  const key = searchKey(text);
  const taxCode = taxCodePrefix(text);
  return db
    .selectFrom("organisations")
    .select(["id", "name", "kind", "tax_code"])
    .where((eb) => eb.or([containsKey("name_search", key), ...(taxCode ? [startsWithText("tax_code", taxCode)] : [])]))
    .orderBy("name_search")
    .limit(limit)
    .execute();
}

/** The organisation a merged (deleted) one now lives on as, if it was merged. */
export async function mergedInto(db: DB, id: string): Promise<string | null> {
  const row = await db
    .selectFrom("organisation_merges")
    .select("kept_id")
    .where("merged_id", "=", id)
    .executeTakeFirst();
  return row?.kept_id ?? null;
}
