/**
 * An entry as one PDF for the organising committee's printed file: the entry's fields, its members, the list of its
 * documents and its screening history. Printed in Vietnamese whatever the reader's language (it goes into the
 * department's paper file), with the font every official PDF embeds (app/lib/admin-document.server.ts).
 */
import { translator } from "../../i18n";
import { ISSUING_BODY, openPdf } from "../../lib/admin-document.server";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import type { EntryStatus } from "../../../db/types";
import { eligibilityFactText, eligibilityReasonText } from "./eligibility-text";
import type { EligibilityCheck, EligibilityVerdict } from "./rules";

export type EntryPdfInput = {
  editionName: string;
  entry: {
    receiptNumber: string | null;
    status: EntryStatus;
    submittedAt: string | null;
    projectName: string;
    organisationName: string;
    organisationTaxCode: string | null;
    categoryName: string | null;
    sector: string | null;
    stage: string | null;
    fundingToDateVnd: number | null;
    videoUrl: string | null;
    enterpriseRegisteredOn: string | null;
    residenceProvince: string | null;
    decisionReason: string | null;
    summary: string | null;
    problem: string | null;
    solution: string | null;
    market: string | null;
    businessModel: string | null;
    teamDescription: string | null;
  };
  members: ReadonlyArray<{
    fullName: string;
    role: string | null;
    email: string | null;
    phone: string | null;
    birthDate: string | null;
    isRepresentative: boolean;
  }>;
  /** Each rule's verdict from `entryVerdicts` (as on the staff page), with the file name of its proof when uploaded. */
  eligibility: ReadonlyArray<{
    verdict: EligibilityVerdict;
    proofFileName: string | null;
    /** Staff's check of that file ("Đã đối chiếu"), if recorded. */
    check: EligibilityCheck | null;
  }>;
  documents: ReadonlyArray<{ name: string; kind: string; sizeBytes: number; uploadedAt: string }>;
  /** Oldest first. */
  history: ReadonlyArray<{
    at: string;
    action: string;
    actorName: string | null;
    status: EntryStatus | null;
    reason: string | null;
  }>;
  /** When the file was printed (the foot of every page). */
  printedAt: string;
};

const INK = "#1f2933";
const MUTED = "#52606d";
const RULE = "#9aa5b1";

export async function entryPdf(input: EntryPdfInput): Promise<Buffer> {
  const t = translator("vi");
  const label = (key: string) => (t as (key: string) => string)(key);
  const { entry } = input;
  const { doc, done } = await openPdf({
    size: "A4",
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: {
      Title: `${t("entryExtras.pdf.title")} ${entry.receiptNumber ?? ""} – ${entry.projectName}`,
      Author: "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
      Subject: input.editionName,
    },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  const heading = (text: string) => {
    doc.moveDown(0.8);
    doc.font("bold").fontSize(12.5).fillColor(INK).text(text.toLocaleUpperCase("vi"), left, doc.y, { width });
    const y = doc.y + 2;
    doc
      .lineWidth(0.6)
      .strokeColor(RULE)
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke();
    doc.moveDown(0.5);
  };
  /** "Label: value" on one flowing paragraph; nothing printed for an empty value but a dash. */
  const fact = (name: string, value: string | null | undefined) => {
    doc
      .font("bold")
      .fontSize(10.5)
      .fillColor(INK)
      .text(`${name}: `, left, doc.y, { width, continued: true })
      .font("regular")
      .text(value?.trim() ? value : "—");
    doc.moveDown(0.2);
  };
  const paragraph = (name: string, value: string | null) => {
    doc.font("bold").fontSize(10.5).fillColor(INK).text(name, left, doc.y, { width });
    doc
      .font("regular")
      .fontSize(10.5)
      .text(value?.trim() ? value : "—", left, doc.y, { width, align: "justify" });
    doc.moveDown(0.5);
  };
  const item = (index: number, text: string, detail?: string | null) => {
    doc.font("regular").fontSize(10.5).fillColor(INK).text(`${index}. ${text}`, left, doc.y, { width, indent: 0 });
    if (detail)
      doc
        .fillColor(MUTED)
        .fontSize(9.5)
        .text(detail, left + 16, doc.y, { width: width - 16 });
    doc.moveDown(0.25);
  };

  doc.font("bold").fontSize(10).fillColor(MUTED).text(ISSUING_BODY, left, doc.y, { width, align: "center" });
  doc.font("regular").fontSize(10).text(input.editionName, { width, align: "center" });
  doc.moveDown(0.8);
  doc.font("bold").fontSize(20).fillColor(INK).text(t("entryExtras.pdf.title"), { width, align: "center" });
  doc
    .font("bold")
    .fontSize(14)
    .text(entry.projectName, { width, align: "center" })
    .font("regular")
    .fontSize(11)
    .fillColor(MUTED)
    .text(`${t("entries.receipt")}: ${entry.receiptNumber ?? "—"}`, { width, align: "center" });

  heading(t("entryExtras.pdf.general"));
  fact(t("competition.status"), t(`entries.statuses.${entry.status}`));
  fact(t("screening.submittedAt"), entry.submittedAt ? formatDateTime(entry.submittedAt) : null);
  fact(t("screening.team"), entry.organisationName);
  fact(t("organisations.taxCode"), entry.organisationTaxCode);
  fact(t("entries.category"), entry.categoryName);
  fact(t("entries.sector"), entry.sector);
  fact(t("entries.stage"), entry.stage ? label(`entries.stages.${entry.stage}`) : null);
  // The label says "(đồng)": the number alone, as the entry form takes it.
  fact(t("entries.fundingToDate"), entry.fundingToDateVnd === null ? null : formatNumber(entry.fundingToDateVnd));
  fact(
    t("entries.enterpriseRegisteredOn"),
    entry.enterpriseRegisteredOn ? formatDate(entry.enterpriseRegisteredOn) : null,
  );
  fact(t("entries.residenceProvince"), entry.residenceProvince);
  fact(t("entries.videoUrl"), entry.videoUrl);
  if (entry.decisionReason) fact(t("entries.decisionReason"), entry.decisionReason);

  heading(t("entryExtras.eligibility.title"));
  const translate = t as (key: string, params?: Record<string, string>) => string;
  input.eligibility.forEach(({ verdict, proofFileName, check }, index) => {
    const { proof } = verdict;
    const proofText = !proof
      ? t("entryExtras.eligibility.noProof")
      : `${proof.label}: ${
          proof.attachmentId
            ? (proofFileName ?? "—")
            : t(
                proof.required
                  ? "entryExtras.eligibility.proofMissing"
                  : "entryExtras.eligibility.proofOptionalMissing",
              )
        }`;
    item(
      index + 1,
      `${label(`entryExtras.eligibility.rules.${verdict.rule}`)}: ${label(`entryExtras.eligibility.verdicts.${verdict.verdict}`)}`,
      [
        eligibilityReasonText(verdict, translate),
        `${t("entryExtras.eligibility.fact")}: ${eligibilityFactText(verdict.fact, translate, "vi")}`,
        `${t("entryExtras.eligibility.proof")}: ${proofText}`,
        check
          ? t("entryExtras.eligibility.check.checkedBy", {
              name: check.checkedByName,
              time: formatDateTime(check.checkedAt),
            }) + (check.note ? ` (${check.note})` : "")
          : null,
      ]
        .filter(Boolean)
        .join("\n"),
    );
  });

  heading(t("entryExtras.pdf.content"));
  paragraph(t("entries.summary"), entry.summary);
  paragraph(t("entries.problem"), entry.problem);
  paragraph(t("entries.solution"), entry.solution);
  paragraph(t("entries.market"), entry.market);
  paragraph(t("entries.businessModel"), entry.businessModel);
  paragraph(t("entries.teamDescription"), entry.teamDescription);

  heading(`${t("entries.members")} (${input.members.length})`);
  input.members.forEach((member, index) =>
    item(
      index + 1,
      [
        member.fullName,
        member.role ? ` – ${member.role}` : "",
        member.isRepresentative ? ` (${t("entries.representative")})` : "",
      ].join(""),
      [
        member.email,
        member.phone,
        member.birthDate ? `${t("entries.memberBirthDate")} ${formatDate(member.birthDate)}` : null,
      ]
        .filter(Boolean)
        .join(" · ") || null,
    ),
  );

  heading(`${t("entries.documents")} (${input.documents.length})`);
  if (!input.documents.length) item(0, t("entryExtras.pdf.noDocuments"));
  input.documents.forEach((document, index) =>
    item(
      index + 1,
      document.name,
      t("entryExtras.pdf.documentLine", {
        kind: document.kind,
        size: `${formatNumber(Math.max(1, Math.ceil(document.sizeBytes / 1024)))} KB`,
        time: formatDateTime(document.uploadedAt),
      }),
    ),
  );

  heading(t("entryExtras.pdf.history"));
  if (!input.history.length) item(0, t("entryExtras.pdf.noHistory"));
  input.history.forEach((event, index) =>
    item(
      index + 1,
      `${formatDateTime(event.at)} – ${event.action}${event.status ? ` → ${t(`entries.statuses.${event.status}`)}` : ""}`,
      [event.actorName ?? t("audit.system"), event.reason ? `${t("entries.decisionReason")}: ${event.reason}` : null]
        .filter(Boolean)
        .join(" · "),
    ),
  );

  // The foot of every page: when it was printed (province time) and the page's number.
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page++) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(
        t("entryExtras.pdf.foot", {
          receipt: entry.receiptNumber ?? "",
          time: formatDateTime(input.printedAt),
          page: String(page - range.start + 1),
          pages: String(range.count),
        }),
        left,
        doc.page.height - 40,
        { width, align: "center", lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }

  doc.end();
  return done;
}
