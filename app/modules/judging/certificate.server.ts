import {
  ISSUING_BODY,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  openPdf,
  placeAndDate,
  qrPng,
} from "../../lib/admin-document.server";

export { placeAndDate };

export type CertificateInput = {
  editionName: string;
  prizeLabel: string;
  projectName: string;
  teamName: string;
  memberNames: readonly string[];
  verificationCode: string;
  verifyUrl: string;
  /** The ISO instant of the results' publication; printed as the province's calendar date. */
  issuedOn: string;
};

const RED = "#9b1c1c";
const GOLD = "#b8932e";
const INK = "#1f2933";
const MUTED = "#52606d";

/**
 * A prize certificate (A4 landscape) as a PDF. It is an official document in Vietnamese whatever the
 * reader's language, so its texts live here rather than in the translations.
 */
export async function certificatePdf(input: CertificateInput): Promise<Buffer> {
  const qr = await qrPng(input.verifyUrl);
  const { doc, done } = await openPdf({
    size: "A4",
    layout: "landscape",
    margin: 0,
    info: {
      Title: `Giấy chứng nhận – ${input.prizeLabel} – ${input.projectName}`,
      Author: "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
      Subject: input.editionName,
    },
  });

  const { width: pageWidth, height: pageHeight } = doc.page;
  doc
    .lineWidth(4)
    .strokeColor(RED)
    .rect(18, 18, pageWidth - 36, pageHeight - 36)
    .stroke();
  doc
    .lineWidth(1)
    .strokeColor(GOLD)
    .rect(27, 27, pageWidth - 54, pageHeight - 54)
    .stroke();

  const left = 70;
  const width = pageWidth - 2 * left;
  /** One centred line, shrunk to fit the width when the text is long (a project's name, an edition's). */
  /**
   * Centred text from y, shrunk towards minSize when it is too long for one line, then wrapped onto at most
   * `lines` lines (a long project, team or edition name); returns where the next line may start.
   */
  const block = (
    text: string,
    y: number,
    font: "regular" | "bold",
    size: number,
    options: { color?: string; minSize?: number; lines?: number; inset?: number } = {},
  ) => {
    const { color = INK, minSize = size, lines = 1, inset = 0 } = options;
    const boxWidth = width - 2 * inset;
    doc.font(font).fontSize(size);
    while (size > minSize && doc.widthOfString(text) > boxWidth) doc.fontSize(--size);
    doc.fillColor(color).text(text, left + inset, y, {
      width: boxWidth,
      align: "center",
      height: doc.currentLineHeight(true) * lines,
      ellipsis: true,
    });
    return doc.y;
  };

  block(NATIONAL_NAME, 48, "bold", 13);
  const mottoBottom = block(NATIONAL_MOTTO, 66, "bold", 13);
  const motto = doc.font("bold").fontSize(13).widthOfString(NATIONAL_MOTTO);
  doc
    .lineWidth(0.8)
    .strokeColor(INK)
    .moveTo((pageWidth - motto) / 2, mottoBottom + 2)
    .lineTo((pageWidth + motto) / 2, mottoBottom + 2)
    .stroke();
  block(ISSUING_BODY, 100, "bold", 12, { color: MUTED });

  block("GIẤY CHỨNG NHẬN", 130, "bold", 38, { color: RED });
  let y = block("Chứng nhận dự án", 198, "regular", 14, { color: MUTED }) + 4;
  y = block(input.projectName, y, "bold", 24, { minSize: 17, lines: 2 }) + 8;
  y = block(`của ${input.teamName}`, y, "bold", 15, { minSize: 12, lines: 2 }) + 8;
  if (input.memberNames.length)
    y =
      block(`Thành viên: ${input.memberNames.join(", ")}`, y, "regular", 12, { color: MUTED, lines: 2, inset: 40 }) +
      10;
  y = block("đã đạt", y + 6, "regular", 14, { color: MUTED }) + 2;
  y = block(input.prizeLabel.toLocaleUpperCase("vi"), y, "bold", 28, { color: RED, minSize: 18 }) + 8;
  block(`tại ${input.editionName}`, y, "regular", 14, { lines: 2, inset: 40 });

  // The foot: the QR code to the public verification page on the left, place, date and issuer on the right.
  const qrSize = 92;
  const footTop = pageHeight - 48 - qrSize - 14;
  doc.image(qr, left, footTop, { width: qrSize, height: qrSize });
  doc
    .font("regular")
    .fontSize(9)
    .fillColor(MUTED)
    .text("Quét mã để kiểm tra", left + qrSize + 10, footTop + 24, { width: 220 });
  doc
    .font("bold")
    .fontSize(11)
    .fillColor(INK)
    .text(`Mã xác thực: ${input.verificationCode}`, left + qrSize + 10, footTop + 38, { width: 260 });
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(MUTED)
    .text(input.verifyUrl, left + qrSize + 10, footTop + 54, { width: 260 });

  const signLeft = pageWidth - left - 300;
  doc
    .font("regular")
    .fontSize(13)
    .fillColor(INK)
    .text(placeAndDate(input.issuedOn), signLeft, footTop + 8, { width: 300, align: "center" });
  doc
    .font("bold")
    .fontSize(13)
    .text("BAN TỔ CHỨC CUỘC THI", signLeft, footTop + 30, { width: 300, align: "center" });

  doc.end();
  return done;
}
