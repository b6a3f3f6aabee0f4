import ExcelJS from "exceljs";
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

export function toCsv<T>(rows: readonly T[], columns: readonly ExportColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(","));
  // The byte-order mark makes Excel read the Vietnamese text as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function toXlsx<T>(
  rows: readonly T[],
  columns: readonly ExportColumn<T>[],
  sheetName: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cổng ĐMST Quảng Ngãi";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  // ExcelJS writes strings as text cells, never formulas: no apostrophe needed (unlike CSV).
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? null));
  sheet.columns.forEach((column) => {
    column.width = 24;
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The date a download is named after: today in the province, as the pages show it (not UTC's, 7 hours behind). */
export function exportStamp(now = nowIso()): string {
  return provinceDate(now);
}

export async function exportResponse<T>(
  rows: readonly T[],
  columns: readonly ExportColumn<T>[],
  format: ExportFormat,
  baseName: string,
): Promise<Response> {
  const stamp = exportStamp();
  if (format === "xlsx") return xlsxResponse(await toXlsx(rows, columns, baseName), baseName);
  return new Response(toCsv(rows, columns), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${baseName}-${stamp}.csv"`,
    },
  });
}

/** A workbook as a download named `<baseName>-<date>.xlsx` (for sheets laid out by hand, beyond one table). */
export function xlsxResponse(body: Buffer, baseName: string): Response {
  const stamp = exportStamp();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${baseName}-${stamp}.xlsx"`,
    },
  });
}
