import { type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * Searches that mean the same on SQLite and PostgreSQL. SQLite's LIKE ignores ASCII case and PostgreSQL's
 * does not, so every search here lowers both sides (lower() changes ASCII letters on both engines; a
 * PostgreSQL database in a Vietnamese locale lowers accented capitals too). What the user typed is matched
 * literally: `%`, `_` and the escape character are escaped.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function like(target: RawBuilder<unknown>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${target} like ${pattern} escape '\\'`;
}

/** `column` contains `text`, whatever its case: for text kept as typed (e-mail addresses, subjects, titles). */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  return like(sql`lower(${sql.ref(column)})`, `%${escapeLike(text.toLowerCase())}%`);
}

/**
 * An accent-free search key column (`name_search`, `title_search`, … — lower case by searchKey()) contains
 * `key`: compared as stored, so PostgreSQL's trigram indexes on those columns serve the search.
 */
export function containsKey(column: string, key: string): RawBuilder<SqlBool> {
  return like(sql.ref(column), `%${escapeLike(key.toLowerCase())}%`);
}

/** `column` starts with `text` (a tax code's first digits, a date's year), whatever its case. */
export function startsWithText(column: string, text: string): RawBuilder<SqlBool> {
  return like(sql`lower(${sql.ref(column)})`, `${escapeLike(text.toLowerCase())}%`);
}

/**
 * What a search box's text says of a tax code's first characters (spaces and dots dropped), or null when it cannot
 * begin one: tax codes are digits and a dash (TAX_CODE_PATTERN), so a text with a letter is searched by name alone,
 * sparing every row the tax-code comparison.
 */
export function taxCodePrefix(text: string): string | null {
  const compact = text.replace(/[\s.]/g, "");
  return /^[\d-]+$/.test(compact) ? compact : null;
}
