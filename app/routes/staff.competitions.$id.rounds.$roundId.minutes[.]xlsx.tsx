import type { LoaderFunctionArgs } from "@remix-run/node";
import type ExcelJS from "exceljs";
import {
  roundMinutesSheets,
  roundOfEdition,
  roundReport,
  type OutstandingSheet,
  type RoundReport,
} from "../modules/judging/rounds.queries.server";
import { AGGREGATIONS } from "../modules/judging/schemas";
import type { TFunction } from "../i18n";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { xlsxResponse } from "../lib/export.server";
import { loadExcelJS } from "../lib/libraries.server";
import { placeAndDate } from "../lib/admin-document.server";
import { formatDate, formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";

/**
 * The committee's minutes (biên bản) of a round: every judge's score per criterion, then each entry's totals and
 * rank; the ranking (four methods side by side, the sheets each entry still lacks, the ties) ending in the
 * committee's signature block; the sheets not submitted, judge by judge; the judges' comments.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const db = getDb();
  const { edition, round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
  const [report, extras] = await Promise.all([roundReport(db, edition.id, round.id), roundMinutesSheets(db, round.id)]);
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = "Cổng ĐMST Quảng Ngãi";
  const heading = [
    t("rounds.minutes.title", { round: round.name.toLocaleUpperCase("vi") }),
    t("rounds.minutes.edition", { edition: edition.name }),
    t("rounds.minutes.method", { method: t(`rounds.methods.${report.round.aggregation}`) }),
    t("rounds.minutes.exportedAt", { time: formatDateTime(report.generatedAt, locale) }),
  ];
  detailSheet(workbook.addWorksheet(t("rounds.minutes.detailSheet")), report, heading, t);
  const ranking = workbook.addWorksheet(t("rounds.minutes.rankingSheet"));
  rankingSheet(ranking, report, heading, t, locale, outstandingByEntry(extras.outstanding, t));
  signatureBlock(ranking, extras.members, report.generatedAt, t, locale);
  outstandingSheet(
    workbook.addWorksheet(t("results.minutes.outstandingSheet")),
    report,
    extras.outstanding,
    heading,
    t,
  );
  commentsSheet(workbook.addWorksheet(t("results.minutes.commentsSheet")), report, extras.comments, heading, t);
  return xlsxResponse(
    Buffer.from(await workbook.xlsx.writeBuffer()),
    `bien-ban-cham-${edition.year}-vong-${round.position}`,
  );
}

function writeHeading(sheet: ExcelJS.Worksheet, heading: string[]): void {
  heading.forEach((line, index) => {
    const row = sheet.addRow([line]);
    if (index === 0) row.font = { bold: true, size: 14 };
  });
  sheet.addRow([]);
}

function flagsOf(row: RoundReport["rows"][number], t: TFunction): string {
  return [
    row.disagreement ? t("rounds.discuss") : null,
    row.zeroCriterion ? t("rounds.zeroCriterion") : null,
    row.tie.tiedWith.length ? t("rounds.tied", { entries: row.tie.tiedWith.join(", ") }) : null,
  ]
    .filter(Boolean)
    .join("; ");
}

function outcomeOf(row: RoundReport["rows"][number], t: TFunction): string {
  return row.advances === null ? "" : t(row.advances ? "rounds.advances" : "rounds.eliminated");
}

/** One row per entry × judge with the score of every criterion, then the entry's totals in bold. */
function detailSheet(sheet: ExcelJS.Worksheet, report: RoundReport, heading: string[], t: TFunction): void {
  writeHeading(sheet, heading);
  const criterionHeaders = report.criteria.map((c) =>
    c.counted
      ? t("rounds.criterionHeader", { name: c.name, weight: String(c.weight), max: String(c.maxScore) })
      : t("rounds.notCounted", { name: c.name }),
  );
  const header = sheet.addRow([
    t("rounds.rank"),
    t("rounds.receipt"),
    t("rounds.project"),
    t("rounds.organisation"),
    t("rounds.category"),
    t("rounds.judge"),
    ...criterionHeaders,
    t("rounds.total"),
    t("rounds.normalisedTotal"),
    ...AGGREGATIONS.map((method) => t(`rounds.methodsShort.${method}`)),
    t("rounds.flags"),
    t("rounds.minutes.outcome"),
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  const headerRow = header.number;
  for (const row of report.rows) {
    const entry = [
      row.ranks[report.round.aggregation],
      row.receipt,
      row.project,
      row.organisation,
      row.category ?? t("rounds.noCategory"),
    ];
    for (const judge of row.judgeScores) {
      sheet.addRow([
        ...entry,
        judge.judge,
        ...report.criteria.map((c) => judge.scores[c.id] ?? null),
        judge.total,
        judge.normalisedTotal,
      ]);
    }
    const totals = sheet.addRow([
      ...entry,
      `${t("rounds.minutes.entryTotals")} (${t("rounds.minutes.criterionMean")})`,
      ...report.criteria.map((c) => row.criterionMeans[c.id] ?? null),
      null,
      null,
      ...AGGREGATIONS.map((method) => row.scores[method]),
      flagsOf(row, t),
      outcomeOf(row, t),
    ]);
    totals.font = { bold: true };
    totals.border = { bottom: { style: "thin" } };
  }
  sheet.columns.forEach((column, index) => {
    column.width = index === 2 || index === 3 ? 36 : index === 5 ? 26 : 14;
  });
  sheet.views = [{ state: "frozen", ySplit: headerRow, xSplit: 2 }];
}

/** One row per entry: the four methods side by side with their ranks, the flags and the outcome. */
function rankingSheet(
  sheet: ExcelJS.Worksheet,
  report: RoundReport,
  heading: string[],
  t: TFunction,
  locale: string,
  outstanding: Map<string, string>,
): void {
  writeHeading(sheet, heading);
  const header = sheet.addRow([
    t("rounds.receipt"),
    t("rounds.project"),
    t("rounds.organisation"),
    t("rounds.category"),
    t("rounds.judgesCount"),
    ...AGGREGATIONS.flatMap((method) => [
      `${t(`rounds.methodsShort.${method}`)} – ${t("rounds.score")}`,
      `${t(`rounds.methodsShort.${method}`)} – ${t("rounds.rank")}`,
    ]),
    t("rounds.spread"),
    t("rounds.flags"),
    t("rounds.minutes.outcome"),
    t("results.minutes.outstandingColumn"),
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  for (const row of report.rows) {
    sheet.addRow([
      row.receipt,
      row.project,
      row.organisation,
      row.category ?? t("rounds.noCategory"),
      row.judges,
      ...AGGREGATIONS.flatMap((method) => [row.scores[method], row.ranks[method]]),
      row.spread,
      flagsOf(row, t),
      outcomeOf(row, t),
      outstanding.get(row.entryId) ?? "",
    ]);
  }
  if (report.unscored.length) {
    sheet.addRow([]);
    sheet.addRow([t("rounds.notScored", { entries: report.unscored.join(", ") })]);
  }
  // The ties at a cut-off and the committee's decisions belong to the minutes the committee signs.
  for (const tie of report.cutOffTies) {
    const heading =
      tie.cutOff === "prize"
        ? t("rounds.ties.prizeHeading", { first: tie.firstPlace, last: tie.lastPlace })
        : t("rounds.ties.advancementHeading", {
            first: tie.firstPlace,
            last: tie.lastPlace,
            category: tie.category ?? t("rounds.noCategory"),
            cutOff: tie.cutOffPlace ?? 0,
          });
    const entries = t("rounds.ties.entries", {
      entries: tie.entries.map((e) => `${e.receipt} (${e.project})`).join(", "),
      score: String(tie.score),
    });
    const decision = tie.decision
      ? t("rounds.ties.decision", {
          order: tie.decision.order.join(", "),
          reason: tie.decision.reason,
          who: tie.decision.decidedBy,
          when: formatDateTime(tie.decision.decidedAt, locale),
        })
      : t("rounds.ties.open");
    sheet.addRow([]);
    sheet.addRow([`${heading}. ${entries} ${decision}`]);
  }
  if (report.cutOffTies.length) sheet.addRow([t("rounds.ties.rule")]);
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 || index === 2 ? 36 : 14;
  });
  sheet.views = [{ state: "frozen", ySplit: header.number, xSplit: 1 }];
}

/** Each entry's sheets not submitted, in a line: "Judge B (draft, not submitted); Judge C (not scored)". */
function outstandingByEntry(outstanding: readonly OutstandingSheet[], t: TFunction): Map<string, string> {
  const lines = new Map<string, string[]>();
  for (const sheet of outstanding) {
    const line = `${sheet.judge} (${t(`results.minutes.states.${sheet.state}`)})`;
    const list = lines.get(sheet.entryId);
    if (list) list.push(line);
    else lines.set(sheet.entryId, [line]);
  }
  return new Map([...lines].map(([entryId, list]) => [entryId, list.join("; ")]));
}

/**
 * Every assigned sheet not submitted, entry by entry (ranked entries in rank order, then those with no sheet
 * at all) and judge by judge: what the committee closes over when it closes early.
 */
function outstandingSheet(
  sheet: ExcelJS.Worksheet,
  report: RoundReport,
  outstanding: readonly OutstandingSheet[],
  heading: string[],
  t: TFunction,
): void {
  writeHeading(sheet, heading);
  const header = sheet.addRow([
    t("rounds.receipt"),
    t("rounds.project"),
    t("rounds.judge"),
    t("results.minutes.state"),
  ]);
  header.font = { bold: true };
  // Ranked entries in rank order; those without a submitted sheet after them, in receipt order (a stable sort).
  const position = new Map(report.rows.map((row, index) => [row.entryId, index]));
  const order = (entryId: string) => position.get(entryId) ?? report.rows.length;
  for (const item of [...outstanding].sort((a, b) => order(a.entryId) - order(b.entryId)))
    sheet.addRow([item.receipt, item.project, item.judge, t(`results.minutes.states.${item.state}`)]);
  if (!outstanding.length) sheet.addRow([t("results.minutes.allSubmitted")]);
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 40 : index === 2 ? 28 : 18;
  });
  sheet.views = [{ state: "frozen", ySplit: header.number }];
}

/** The judges' comments on their submitted sheets: one row per entry × judge, a column per criterion, then the overall comment. */
function commentsSheet(
  sheet: ExcelJS.Worksheet,
  report: RoundReport,
  comments: ReadonlyArray<{
    entryId: string;
    judge: string;
    overall: string | null;
    byCriterion: Record<string, string>;
  }>,
  heading: string[],
  t: TFunction,
): void {
  writeHeading(sheet, heading);
  const header = sheet.addRow([
    t("rounds.rank"),
    t("rounds.receipt"),
    t("rounds.project"),
    t("rounds.judge"),
    ...report.criteria.map((c) => t("results.minutes.commentOn", { name: c.name })),
    t("results.minutes.overallComment"),
  ]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  const byEntry = new Map<string, typeof comments>();
  for (const comment of comments) byEntry.set(comment.entryId, [...(byEntry.get(comment.entryId) ?? []), comment]);
  let written = 0;
  for (const row of report.rows) {
    for (const comment of byEntry.get(row.entryId) ?? []) {
      const line = sheet.addRow([
        row.ranks[report.round.aggregation],
        row.receipt,
        row.project,
        comment.judge,
        ...report.criteria.map((c) => comment.byCriterion[c.id] ?? null),
        comment.overall,
      ]);
      line.alignment = { wrapText: true, vertical: "top" };
      written++;
    }
  }
  if (!written) sheet.addRow([t("results.minutes.noComments")]);
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 8 : index === 1 ? 14 : index === 2 ? 32 : index === 3 ? 24 : 40;
  });
  sheet.views = [{ state: "frozen", ySplit: header.number, xSplit: 2 }];
}

/**
 * Where the committee signs, under the ranking: place and date on the province's calendar (Decree 30/2020's
 * "Quảng Ngãi, ngày … tháng … năm …"), the chair and the secretary each with a line for the name, then the members:
 * the panel's judges by name, and blank lines for members who are not on the portal.
 */
function signatureBlock(
  sheet: ExcelJS.Worksheet,
  members: readonly string[],
  generatedAt: string,
  t: TFunction,
  locale: string,
): void {
  const left = 2;
  const right = 3;
  const at = (cells: Record<number, string>) => {
    const values: Array<string | null> = [];
    for (const [column, value] of Object.entries(cells)) values[Number(column) - 1] = value;
    return sheet.addRow(values);
  };
  sheet.addRow([]);
  sheet.addRow([]);
  const place =
    locale === "vi"
      ? placeAndDate(generatedAt)
      : t("results.minutes.placeDate", { date: formatDate(generatedAt, locale) });
  at({ [right]: place }).font = { italic: true };
  at({ [left]: t("results.minutes.chair"), [right]: t("results.minutes.secretary") }).font = { bold: true };
  at({ [left]: t("results.minutes.signHint"), [right]: t("results.minutes.signHint") }).font = { italic: true };
  for (let i = 0; i < 3; i++) sheet.addRow([]);
  at({ [left]: t("results.minutes.nameLine"), [right]: t("results.minutes.nameLine") });
  sheet.addRow([]);
  at({ [left]: t("results.minutes.members") }).font = { bold: true };
  const names = [...members, "", ""];
  names.forEach((name, index) => {
    at({
      [left]: `${index + 1}. ${name || t("results.minutes.blankName")}`,
      [right]: t("results.minutes.signLine"),
    });
  });
}
