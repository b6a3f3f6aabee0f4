/**
 * The portal's one way to read a list staff upload (XLSX or CSV): rows found under Vietnamese header names (accents,
 * case and spacing ignored), each row validated with a zod schema, every problem reported as {row, column, message}
 * with the spreadsheet's own row number, and caps on bytes and rows. The caller writes the valid rows in one
 * transaction, or nothing when any row is wrong.
 */
import type { z, ZodTypeAny } from "zod";
import type { TFunction } from "../i18n";
import { searchKey } from "./format";
import { errorMapFor } from "./forms.server";
import { MAX_CELLS, MAX_COLUMNS, readXlsx } from "./xlsx-reader.server";

export type ImportColumn = { key: string; header: string; aliases?: readonly string[]; required?: boolean };
export type RowError = { row: number; column: string; message: string };
export type SheetProblem = "missing" | "tooLarge" | "type" | "unreadable" | "empty" | "tooManyRows";
export type SheetRead =
  | { ok: true; header: string[]; rows: Array<{ row: number; cells: string[] }> }
  | { ok: false; problem: SheetProblem; rows?: number };

const headerKey = (text: string) => searchKey(text).replace(/[^a-z0-9]/g, "");

/** A record or a file of more cells than any list has: refused as too large. */
class TooManyCells extends Error {}

/**
 * RFC 4180 CSV records, one at a time: comma or semicolon (Excel in Vietnamese locales writes ";"), UTF-8 with or
 * without BOM. Fields are cut with indexOf rather than character by character, so that 12 MB of text is read in a
 * fraction of a second; a record of more than `maxCells` cells stops the reading.
 */
function eachCsvRecord(text: string, maxCells: number, onRecord: (cells: string[]) => void): void {
  // An empty line is handed over as this one record, not a new array each time (a file of line breaks is 12 MB of them).
  const EMPTY_LINE = [""];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  // The next delimiter, line feed and carriage return, each looked up again only once passed: linear in the text.
  const next = { [delimiter]: -1, "\n": -1, "\r": -1 };
  const nextOf = (char: string, from: number) => {
    if (next[char] < from) {
      const found = body.indexOf(char, from);
      next[char] = found === -1 ? body.length : found;
    }
    return next[char];
  };
  const endOfField = (from: number) => Math.min(nextOf(delimiter, from), nextOf("\n", from), nextOf("\r", from));
  let row: string[] = [];
  let at = 0;
  while (at < body.length) {
    const code = body.charCodeAt(at);
    if (row.length === 0 && (code === 0x0a || code === 0x0d)) {
      at += code === 0x0d && body.charCodeAt(at + 1) === 0x0a ? 2 : 1;
      onRecord(EMPTY_LINE);
      continue;
    }
    let cell = "";
    if (code === 0x22) {
      // Quoted: "" is a quote; after the closing quote, anything up to the delimiter is taken as it is.
      at++;
      for (;;) {
        const quote = body.indexOf('"', at);
        if (quote === -1) {
          cell += body.slice(at);
          at = body.length;
          break;
        }
        cell += body.slice(at, quote);
        at = quote + 1;
        if (body.charCodeAt(at) !== 0x22) break;
        cell += '"';
        at++;
      }
    }
    const end = endOfField(at);
    cell += body.slice(at, end);
    at = end;
    if (row.length >= maxCells) throw new TooManyCells();
    row.push(cell);
    if (at >= body.length) break;
    if (body[at] === delimiter) {
      at++;
      if (at === body.length) row.push("");
      continue;
    }
    at += body.charCodeAt(at) === 0x0d && body.charCodeAt(at + 1) === 0x0a ? 2 : 1;
    onRecord(row);
    row = [];
  }
  if (row.length) onRecord(row);
}

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  eachCsvRecord(text, Number.POSITIVE_INFINITY, (cells) =>
    records.push(cells.length === 1 && cells[0] === "" ? [""] : cells),
  );
  return records;
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === "");

/**
 * Reads an uploaded XLSX (first sheet) or CSV into its header and non-empty rows; the type is read from the bytes.
 * Limits hold while reading: bytes before anything is decoded, then rows, cells per row and cells in all, so a
 * hostile file is refused as soon as it passes one (XLSX: see xlsx-reader.server.ts for what else is bounded).
 */
export async function readSpreadsheet(
  file: FormDataEntryValue | null,
  limits: { maxBytes: number; maxRows: number },
): Promise<SheetRead> {
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, problem: "missing" };
  if (file.size > limits.maxBytes) return { ok: false, problem: "tooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // XLSX is a ZIP archive: "PK\x03\x04".
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const read = await readXlsx(bytes, limits.maxRows);
    return read.ok ? sheetOf(read.rows, limits.maxRows) : read;
  }
  if (bytes.includes(0)) return { ok: false, problem: "type" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  return readCsv(text, limits.maxRows);
}

/** Past the cap the records are only counted, so that the user is told how many rows the file has. */
function readCsv(text: string, maxRows: number): SheetRead {
  const rows: Array<{ row: number; cells: string[] }> = [];
  let number = 0;
  let nonEmpty = 0;
  let cells = 0;
  try {
    eachCsvRecord(text, MAX_COLUMNS, (record) => {
      number++;
      if (isBlank(record) || ++nonEmpty > maxRows + 1) return;
      cells += record.length;
      if (cells > MAX_CELLS) throw new TooManyCells();
      rows.push({ row: number, cells: record });
    });
  } catch (error) {
    if (error instanceof TooManyCells) return { ok: false, problem: "tooLarge" };
    throw error;
  }
  if (nonEmpty > maxRows + 1) return { ok: false, problem: "tooManyRows", rows: nonEmpty - 1 };
  return sheetOf(rows, maxRows);
}

/** The first non-empty row is the header; the non-empty rows after it are the data, at most maxRows of them. */
function sheetOf(read: ReadonlyArray<{ row: number; cells: string[] }>, maxRows: number): SheetRead {
  const filled = read.filter((row) => !isBlank(row.cells));
  if (filled.length === 0) return { ok: false, problem: "empty" };
  const [header, ...rows] = filled;
  if (rows.length === 0) return { ok: false, problem: "empty" };
  if (rows.length > maxRows) return { ok: false, problem: "tooManyRows", rows: rows.length };
  return { ok: true, header: header.cells.map((cell) => cell.trim()), rows };
}

/**
 * Each row as the schema's output, keyed by the columns' keys; or every problem: required columns missing from the
 * header, then each row's invalid cells (translated the way forms are), up to `maxErrors`.
 */
export function validateRows<S extends ZodTypeAny>(
  sheet: Extract<SheetRead, { ok: true }>,
  columns: readonly ImportColumn[],
  schema: S,
  t: TFunction,
  options: { maxErrors?: number; missingColumnMessage: (column: string) => string },
): { ok: true; rows: Array<{ row: number; value: z.output<S> }> } | { ok: false; errors: RowError[]; total: number } {
  const keys = sheet.header.map(headerKey);
  const index = new Map<string, number>();
  const errors: RowError[] = [];
  for (const column of columns) {
    const names = [column.header, ...(column.aliases ?? [])].map(headerKey);
    const at = keys.findIndex((key) => names.includes(key));
    if (at === -1 && column.required)
      errors.push({ row: 1, column: column.header, message: options.missingColumnMessage(column.header) });
    if (at !== -1) index.set(column.key, at);
  }
  if (errors.length) return { ok: false, errors, total: errors.length };
  const maxErrors = options.maxErrors ?? 200;
  const errorMap = errorMapFor(t);
  const headerOf = new Map(columns.map((column) => [column.key, column.header]));
  const rows: Array<{ row: number; value: z.output<S> }> = [];
  let total = 0;
  for (const { row, cells } of sheet.rows) {
    const record: Record<string, string | undefined> = {};
    for (const [key, at] of index) {
      const text = (cells[at] ?? "").trim();
      record[key] = text === "" ? undefined : text;
    }
    const result = schema.safeParse(record, { errorMap });
    if (result.success) {
      rows.push({ row, value: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      total++;
      if (errors.length < maxErrors)
        errors.push({
          row,
          column: headerOf.get(String(issue.path[0])) ?? String(issue.path[0] ?? ""),
          message: translated(issue.message, "params" in issue ? issue.params : undefined, t),
        });
    }
  }
  return total ? { ok: false, errors, total } : { ok: true, rows };
}

/** Schemas name their messages by i18n key; the error map has already translated the rest. */
function translated(message: string, params: Record<string, string> | undefined, t: TFunction): string {
  return /^[a-z]+(\.[a-zA-Z_]+)+$/.test(message)
    ? (t as (key: string, options?: object) => string)(message, params ?? {})
    : message;
}
