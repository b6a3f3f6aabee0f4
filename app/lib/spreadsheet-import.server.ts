/**
 * The portal's one way to read a list staff upload (XLSX or CSV): rows found under Vietnamese header names (accents,
 * case and spacing ignored), each row validated with a zod schema, every problem reported as {row, column, message}
 * with the spreadsheet's own row number, and caps on bytes and rows. The caller writes the valid rows in one
 * transaction, or nothing when any row is wrong.
 */
import ExcelJS from "exceljs";
import type { z, ZodTypeAny } from "zod";
import type { TFunction } from "../i18n";
import { searchKey } from "./format";
import { errorMapFor } from "./forms.server";
import { machineToVietnamese } from "./numbers";

export type ImportColumn = { key: string; header: string; aliases?: readonly string[]; required?: boolean };
export type RowError = { row: number; column: string; message: string };
export type SheetProblem = "missing" | "tooLarge" | "type" | "unreadable" | "empty" | "tooManyRows";
export type SheetRead = { ok: true; header: string[]; rows: Array<{ row: number; cells: string[] }> } | { ok: false; problem: SheetProblem; rows?: number };

const headerKey = (text: string) => searchKey(text).replace(/[^a-z0-9]/g, "");

/**
 * A cell as the text staff see: dates as ISO days, formulas by their result, rich text and links by their text, and
 * numbers in Vietnamese notation, so that the one number reader (app/lib/numbers.ts) reads a numeric cell 1.234 as
 * 1,234 and not as one thousand two hundred and thirty-four.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number") return machineToVietnamese(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  return String(value);
}

/** RFC 4180 CSV, comma or semicolon (Excel in Vietnamese locales writes ";"), UTF-8 with or without BOM. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Reads an uploaded XLSX (first sheet) or CSV into its header and non-empty rows; the type is read from the bytes. */
export async function readSpreadsheet(file: FormDataEntryValue | null, limits: { maxBytes: number; maxRows: number }): Promise<SheetRead> {
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, problem: "missing" };
  if (file.size > limits.maxBytes) return { ok: false, problem: "tooLarge" };
  const bytes = Buffer.from(await file.arrayBuffer());
  let grid: string[][];
  // XLSX is a ZIP archive: "PK\x03\x04".
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    try {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      grid = [];
      sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
        const cells: string[] = [];
        for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
        grid[rowNumber - 1] = cells;
      });
      for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    } catch {
      return { ok: false, problem: "unreadable" };
    }
  } else {
    if (bytes.includes(0)) return { ok: false, problem: "type" };
    try {
      grid = parseCsv(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return { ok: false, problem: "unreadable" };
    }
  }
  const headerIndex = grid.findIndex((cells) => cells.some((cell) => cell.trim() !== ""));
  if (headerIndex === -1) return { ok: false, problem: "empty" };
  const rows = grid.slice(headerIndex + 1).flatMap((cells, index) => (cells.some((cell) => cell.trim() !== "") ? [{ row: headerIndex + index + 2, cells }] : []));
  if (rows.length === 0) return { ok: false, problem: "empty" };
  if (rows.length > limits.maxRows) return { ok: false, problem: "tooManyRows", rows: rows.length };
  return { ok: true, header: grid[headerIndex].map((cell) => cell.trim()), rows };
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
    if (at === -1 && column.required) errors.push({ row: 1, column: column.header, message: options.missingColumnMessage(column.header) });
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
      if (errors.length < maxErrors) errors.push({ row, column: headerOf.get(String(issue.path[0])) ?? String(issue.path[0] ?? ""), message: translated(issue.message, "params" in issue ? issue.params : undefined, t) });
    }
  }
  return total ? { ok: false, errors, total } : { ok: true, rows };
}

/** Schemas name their messages by i18n key; the error map has already translated the rest. */
function translated(message: string, params: Record<string, string> | undefined, t: TFunction): string {
  return /^[a-z]+(\.[a-zA-Z_]+)+$/.test(message) ? (t as (key: string, options?: object) => string)(message, params ?? {}) : message;
}
