import { type RawBuilder, type SqlBool, sql } from "kysely";

/** What a user typed, matched literally inside a LIKE pattern: `%`, `_` and the escape character itself escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function like(column: string, pattern: string, caseless: boolean): RawBuilder<SqlBool> {
  const target = caseless ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return sql<SqlBool>`${target} like ${pattern} escape '\\'`;
}

/**
 * `column` contains `text`, the same on SQLite and PostgreSQL: SQLite's LIKE ignores ASCII case and
 * PostgreSQL's does not, so a search says which it wants. The accent-free `*_search` keys are lower case
 * already (searchKey), so they are matched as they are (and PostgreSQL's trigram indexes serve them);
 * `caseless` lowers both sides, for text kept as typed (e-mail addresses, subjects, titles).
 */
export function containsText(column: string, text: string, options: { caseless?: boolean } = {}): RawBuilder<SqlBool> {
  const caseless = options.caseless ?? false;
  return like(column, `%${escapeLike(caseless ? text.toLowerCase() : text)}%`, caseless);
}

/** `column` starts with `text` (a tax code's first digits, a date's year), matched literally. */
export function startsWithText(column: string, text: string, options: { caseless?: boolean } = {}): RawBuilder<SqlBool> {
  const caseless = options.caseless ?? false;
  return like(column, `${escapeLike(caseless ? text.toLowerCase() : text)}%`, caseless);
}
