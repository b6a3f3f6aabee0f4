import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { loadExcelJS } from "./libraries.server";
import { provinceDate } from "./province-time";
import { nowIso } from "./time.server";

export type ExportColumn<T> = { header: string; value: (row: T) => string | number | null | undefined };
export type ExportFormat = "csv" | "xlsx";

/** The most rows one export carries; larger lists are narrowed with filters first. */
export const MAX_EXPORT_ROWS = 100_000;

export function readExportFormat(search: URLSearchParams): ExportFormat {
  return search.get("format") === "xlsx" ? "xlsx" : "csv";
}

/** Spreadsheet programs run cells that start with = + - @ as formulas: prefix them so they stay text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines a piece of a streamed export carries. */
const CHUNK_ROWS = 1_000;

/** The CSV text in pieces of a thousand lines, each ending with CRLF; the byte-order mark makes Excel read UTF-8. */
function* csvChunks<T>(rows: Iterable<T>, columns: readonly ExportColumn<T>[]): Generator<string> {
  let lines = [`\uFEFF${columns.map((c) => csvCell(c.header)).join(",")}`];
  for (const row of rows) {
    lines.push(columns.map((c) => csvCell(c.value(row))).join(","));
    if (lines.length >= CHUNK_ROWS) {
      yield `${lines.join("\r\n")}\r\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join("\r\n")}\r\n`;
}

export function toCsv<T>(rows: readonly T[], columns: readonly ExportColumn<T>[]): string {
  return [...csvChunks(rows, columns)].join("");
}

/**
 * The workbook of one sheet (bold header row, frozen under it), written row by row to a stream as it is read: the
 * workbook is never whole in memory (ExcelJS's streaming writer, inline strings).
 */
export async function xlsxStream<T>(
  rows: Iterable<T>,
  columns: readonly ExportColumn<T>[],
  sheetName: string,
): Promise<PassThrough> {
  const ExcelJS = await loadExcelJS();
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = "Cổng ĐMST Quảng Ngãi";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map(() => ({ width: 24 }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  void (async () => {
    let written = 0;
    // ExcelJS writes strings as text cells, never formulas: no apostrophe needed (unlike CSV).
    for (const row of rows) {
      // A download the client gave up on stops here.
      if (output.destroyed) return;
      sheet.addRow(columns.map((c) => c.value(row) ?? null)).commit();
      // Other requests are served between pieces of a thousand rows.
      if (++written % CHUNK_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (output.destroyed) return;
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

export async function toXlsx<T>(
  rows: readonly T[],
  columns: readonly ExportColumn<T>[],
  sheetName: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await xlsxStream(rows, columns, sheetName)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The date a download is named after: today in the province, as the pages show it (not UTC's, 7 hours behind). */
export function exportStamp(now = nowIso()): string {
  return provinceDate(now);
}

/** A table as a download, streamed as it is written (README D81): CSV by default, or a workbook. */
export async function exportResponse<T>(
  rows: readonly T[],
  columns: readonly ExportColumn<T>[],
  format: ExportFormat,
  baseName: string,
): Promise<Response> {
  const stamp = exportStamp();
  if (format === "xlsx")
    return new Response(createReadableStreamFromReadable(await xlsxStream(rows, columns, baseName)), {
      headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="${baseName}-${stamp}.xlsx"` },
    });
  const chunks = csvChunks(rows, columns);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${baseName}-${stamp}.csv"`,
    },
  });
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A workbook as a download named `<baseName>-<date>.xlsx` (for sheets laid out by hand, beyond one table). */
export function xlsxResponse(body: Buffer, baseName: string): Response {
  const stamp = exportStamp();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${baseName}-${stamp}.xlsx"`,
    },
  });
}
