/**
 * The figures annex (phụ lục số liệu) as a workbook: the same figures as the dashboard, one row per figure, then per
 * year and per category, so a reader can check every number of the report in a spreadsheet.
 */
import type ExcelJS from "exceljs";
import { loadExcelJS } from "../../lib/libraries.server";
import type { TFunction } from "../../i18n";
import { formatDate } from "../../lib/format";
import { DATASET_KEYS, type DatasetKey } from "./catalogue";
import { datasetOf, type ReportFigures } from "./datasets.server";
import { periodLabel } from "./drafting";
import { AMOUNT_KINDS, amountCells, amountHeading, partLabel } from "./labels";
import { yearsOf, type Period } from "./period";

function datasetLabel(t: TFunction, key: DatasetKey): string {
  return (t as (key: string) => string)(`reports.datasets.${key}`);
}

function moduleLabel(t: TFunction, key: DatasetKey): string {
  return (t as (key: string) => string)(`reports.modules.${datasetOf(key).module}`);
}

function titleRows(sheet: ExcelJS.Worksheet, title: string, note: string, columns: number) {
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([note]).font = { italic: true };
  sheet.mergeCells(1, 1, 1, columns);
  sheet.mergeCells(2, 1, 2, columns);
  sheet.addRow([]);
}

function headerRow(sheet: ExcelJS.Worksheet, headers: string[]) {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "middle" };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF5" } };
    cell.border = { bottom: { style: "thin" } };
  });
  sheet.views = [{ state: "frozen", ySplit: row.number }];
}

/** The annex of a period's figures; `computedAt` is the instant the figures were computed. */
export async function annexWorkbook(
  t: TFunction,
  period: Period,
  figures: ReportFigures,
  computedAt: string,
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi";
  workbook.created = new Date(computedAt);
  const title = `${t("reports.annexTitle")} – ${periodLabel(period)}`;
  const note = t("reports.annexNote", { date: formatDate(computedAt, "vi") });

  const summary = workbook.addWorksheet(t("reports.annexSummary"));
  const amountHeadings = AMOUNT_KINDS.map((kind) => amountHeading(t, kind));
  titleRows(summary, title, note, 5 + AMOUNT_KINDS.length);
  headerRow(summary, [
    t("reports.module"),
    t("reports.figure"),
    t("reports.value"),
    t("reports.records"),
    t("reports.organisations"),
    ...amountHeadings,
  ]);
  for (const key of DATASET_KEYS) {
    const f = figures[key];
    summary.addRow([
      moduleLabel(t, key),
      datasetLabel(t, key),
      f.value,
      f.total.records,
      f.total.organisations,
      ...amountCells(datasetOf(key).amount, f.total.amount),
    ]);
  }
  summary.columns = [
    { width: 26 },
    { width: 56 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
    ...AMOUNT_KINDS.map(() => ({ width: 20 })),
  ];

  const years = yearsOf(period);
  const byYear = workbook.addWorksheet(t("reports.annexByYear"));
  titleRows(byYear, title, note, years.length + 2);
  headerRow(byYear, [t("reports.figure"), t("reports.measure"), ...years.map(String)]);
  for (const key of DATASET_KEYS) {
    const f = figures[key];
    if (f.byYear.length === 0) continue;
    byYear.addRow([datasetLabel(t, key), t("reports.records"), ...f.byYear.map((y) => y.records)]);
    const kind = datasetOf(key).amount;
    if (kind && f.total.amount !== null)
      byYear.addRow([datasetLabel(t, key), amountHeading(t, kind), ...f.byYear.map((y) => y.amount ?? 0)]);
  }
  byYear.columns = [{ width: 56 }, { width: 18 }, ...years.map(() => ({ width: 12 }))];

  const byPart = workbook.addWorksheet(t("reports.annexByPart"));
  titleRows(byPart, title, note, 4 + AMOUNT_KINDS.length);
  headerRow(byPart, [
    t("reports.figure"),
    t("reports.category"),
    t("reports.records"),
    t("reports.organisations"),
    ...amountHeadings,
  ]);
  for (const key of DATASET_KEYS) {
    for (const part of figures[key].byPart)
      byPart.addRow([
        datasetLabel(t, key),
        partLabel(t, key, part.part),
        part.records,
        part.organisations,
        ...amountCells(datasetOf(key).amount, part.amount),
      ]);
  }
  byPart.columns = [
    { width: 56 },
    { width: 36 },
    { width: 12 },
    { width: 14 },
    ...AMOUNT_KINDS.map(() => ({ width: 20 })),
  ];

  for (const sheet of [summary, byYear, byPart]) {
    sheet.eachRow((row, number) => {
      if (number > 4) row.eachCell((cell) => typeof cell.value === "number" && (cell.numFmt = "#,##0"));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
