import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { roundOfEdition, roundReport, type RoundReport } from "../modules/judging/rounds.queries.server";
import { AGGREGATIONS } from "../modules/judging/schemas";
import type { TFunction } from "../i18n";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { xlsxResponse } from "../lib/export.server";
import { formatDateTime } from "../lib/format";
import { getLocale, getTranslator } from "../lib/locale.server";
import { param } from "../lib/http.server";

/** The committee's minutes (biên bản) of a round: every judge's score per criterion, then each entry's totals and rank. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const db = getDb();
  const { edition, round } = await roundOfEdition(db, param(params, "id"), param(params, "roundId"));
  const report = await roundReport(db, edition.id, round.id);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cổng ĐMST Quảng Ngãi";
  const heading = [
    t("rounds.minutes.title", { round: round.name.toLocaleUpperCase("vi") }),
    t("rounds.minutes.edition", { edition: edition.name }),
    t("rounds.minutes.method", { method: t(`rounds.methods.${report.round.aggregation}`) }),
    t("rounds.minutes.exportedAt", { time: formatDateTime(report.generatedAt, locale) }),
  ];
  detailSheet(workbook.addWorksheet(t("rounds.minutes.detailSheet")), report, heading, t);
  rankingSheet(workbook.addWorksheet(t("rounds.minutes.rankingSheet")), report, heading, t, locale);
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
