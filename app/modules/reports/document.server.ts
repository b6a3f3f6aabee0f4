/**
 * A report as a Word document laid out as an administrative report of Decree 30/2020/NĐ-CP (Appendix I):
 * the national heading, the title and trích yếu, the body, then the recipients and the signature.
 * It is an official document in Vietnamese whatever the reader's language, so its texts live here.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
  type ISpacingProperties,
} from "docx";
import { NATIONAL_MOTTO, NATIONAL_NAME } from "../../lib/admin-document.server";

export type ReportDocument = {
  /** "UBND TỈNH QUẢNG NGÃI" – the line above the issuing body in the top-left heading block. */
  parentBody: string;
  /** "SỞ KHOA HỌC VÀ CÔNG NGHỆ" – bold, with a short rule under it. */
  issuingBody: string;
  /** "Số: 125/BC-SKHCN" is printed from this, e.g. referenceNumber = "125/BC-SKHCN"; when empty print "Số:       /BC-SKHCN" with spaces for the number to be written by hand. */
  referenceNumber: string;
  /** Already formatted, e.g. "Quảng Ngãi, ngày 05 tháng 12 năm 2026" – italic, top-right under the national motto. */
  placeAndDate: string;
  /** "BÁO CÁO" (bold, centred, caps). */
  title: string;
  /** The trích yếu under the title, bold, centred, e.g. "Kết quả hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo giai đoạn 2021 – 2025". */
  subtitle: string;
  /** Optional addressee, centred under the subtitle as "Kính gửi: …" (the prefix is added when missing); omitted when empty. */
  addressee: string;
  /** Optional opening paragraph(s) before the first section. */
  introduction: string;
  sections: { heading: string; text: string }[];
  /** One recipient per entry ("Như trên;", "UBND tỉnh;", "Lưu: VT, QLCN."). */
  recipients: string[];
  /** "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" – may contain newlines, bold caps. */
  signerTitle: string;
  signerName: string;
};

const FONT = "Times New Roman";
const CREATOR = "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi";
/** Printed after "Số:" when the report has no number yet, which the clerk writes in by hand on registering it. */
const UNNUMBERED = "      /BC-SKHCN";

const mm = convertMillimetersToTwip;
/** In twips, as Word writes A4 (rounding 210 × 297 mm down would make it a custom size). */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/**
 * The heading table reaches 10 mm into the 30 mm left margin: at 13 pt neither the issuing body nor the national
 * name would fit on one line otherwise. Its borders are hidden and its texts centred, so this does not show.
 */
const HEADING = { columns: [mm(75), mm(100)], indent: -mm(10) } as const;
const CLOSING = { columns: [Math.round(TEXT_WIDTH * 0.4), Math.round(TEXT_WIDTH * 0.6)], indent: 0 } as const;
/** 1.27 cm. */
const FIRST_LINE_INDENT = 720;
/** Single-spaced, nothing after: the heading and closing blocks. */
const TIGHT: ISpacingProperties = { before: 0, after: 0, line: 240 };

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];
type ParagraphStyle = {
  /** In points; 14 unless told. */
  size?: number;
  bold?: boolean;
  italics?: boolean;
  /** Upper-cased for print (headings of the national and issuing body, the title, the signer's title). */
  caps?: boolean;
  alignment?: Alignment;
  /** A body paragraph's 1.27 cm first-line indent. */
  indent?: boolean;
  spacing?: ISpacingProperties;
  keepNext?: boolean;
};

function paragraph(text: string, style: ParagraphStyle = {}): Paragraph {
  const { size = 14, bold, italics, caps, alignment = AlignmentType.JUSTIFIED, indent, spacing, keepNext } = style;
  return new Paragraph({
    alignment,
    spacing,
    keepNext,
    indent: indent ? { firstLine: FIRST_LINE_INDENT } : undefined,
    children: [new TextRun({ text: caps ? text.toLocaleUpperCase("vi-VN") : text, size: size * 2, bold, italics })],
  });
}

/** A centred, single-spaced line of the heading, title and signature blocks. */
function centred(text: string, style: ParagraphStyle = {}): Paragraph {
  return paragraph(text, { alignment: AlignmentType.CENTER, spacing: TIGHT, ...style });
}

/** A short horizontal rule of `length` twips centred in `width`: an empty, very low paragraph with a bottom border. */
function rule(width: number, length: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 120, line: 60, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
  });
}

/** Staff type the text in a textarea: one paragraph per non-empty line; "- " and "+ " lines keep their mark. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function bodyParagraphs(text: string): Paragraph[] {
  return lines(text).map((line) => paragraph(line, { indent: true }));
}

type TwoColumns = { columns: readonly [number, number]; indent: number };

/** A borderless table of one row and two columns without side padding, as the heading and closing blocks are laid out. */
function twoColumns({ columns, indent }: TwoColumns, left: Paragraph[], right: Paragraph[]): Table {
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ children, width: { size: width, type: WidthType.DXA } });
  return new Table({
    width: { size: columns[0] + columns[1], type: WidthType.DXA },
    columnWidths: [...columns],
    indent: { size: indent, type: WidthType.DXA },
    margins: { marginUnitType: WidthType.DXA, left: 0, right: 0 },
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, columns[0]), cell(right, columns[1])] })],
  });
}

function heading(input: ReportDocument): Table {
  const number = input.referenceNumber.trim() || UNNUMBERED;
  return twoColumns(
    HEADING,
    [
      centred(input.parentBody, { size: 13, caps: true }),
      centred(input.issuingBody, { size: 13, bold: true, caps: true }),
      rule(HEADING.columns[0], mm(25)),
      centred(`Số: ${number}`, { size: 13 }),
    ],
    [
      centred(NATIONAL_NAME, { size: 13, bold: true }),
      centred(NATIONAL_MOTTO, { bold: true }),
      rule(HEADING.columns[1], mm(60)),
      centred(input.placeAndDate, { italics: true }),
    ],
  );
}

function titleBlock(input: ReportDocument): Paragraph[] {
  return [
    centred(input.title, { bold: true, caps: true, spacing: { ...TIGHT, before: 480 } }),
    centred(input.subtitle, { bold: true }),
    rule(TEXT_WIDTH, mm(40)),
    ...lines(input.addressee).map((line, index) =>
      centred(index === 0 && !/^kính gửi/i.test(line) ? `Kính gửi: ${line}` : line, { spacing: { after: 120 } }),
    ),
  ];
}

function closing(input: ReportDocument): Table {
  const recipients = input.recipients.map((recipient) => `- ${recipient.trim().replace(/^[-+]\s*/, "")}`);
  return twoColumns(
    CLOSING,
    [
      paragraph("Nơi nhận:", {
        size: 12,
        bold: true,
        italics: true,
        alignment: AlignmentType.LEFT,
        spacing: { ...TIGHT, before: 240 },
      }),
      ...recipients.map((recipient) =>
        paragraph(recipient, { size: 11, alignment: AlignmentType.LEFT, spacing: TIGHT }),
      ),
    ],
    [
      ...lines(input.signerTitle).map((line, index) =>
        centred(line, { bold: true, caps: true, spacing: { ...TIGHT, before: index === 0 ? 240 : 0 } }),
      ),
      ...Array.from({ length: 4 }, () => centred("")),
      centred(input.signerName, { bold: true }),
    ],
  );
}

/** Pages are numbered from the second one, centred in the top margin (Decree 30/2020). */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] }),
    ],
  });
}

export async function reportDocx(input: ReportDocument): Promise<Buffer> {
  const doc = new Document({
    title: input.subtitle,
    creator: CREATOR,
    lastModifiedBy: CREATOR,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 28, language: { value: "vi-VN" } },
          paragraph: { spacing: { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: A4, margin: MARGIN },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
        children: [
          heading(input),
          ...titleBlock(input),
          ...bodyParagraphs(input.introduction),
          ...input.sections.flatMap((section) => [
            paragraph(section.heading.trim(), { bold: true, indent: true, keepNext: true }),
            ...bodyParagraphs(section.text),
          ]),
          closing(input),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
