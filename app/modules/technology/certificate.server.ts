import { NATIONAL_MOTTO, NATIONAL_NAME, openPdf, placeAndDate, qrPng } from "../../lib/admin-document.server";
import { formatNumber } from "../../lib/format";

export type ParticipationCertificateInput = {
  number: string;
  issuedAt: string;
  enterpriseName: string;
  taxCode: string | null;
  address: string | null;
  kind: "transfer" | "renovation";
  technology: string;
  supplier: string;
  totalInvestmentVnd: number;
  startsOn: string;
  endsOn: string;
  signerTitle: string;
  signerName: string;
  verificationCode: string;
  verifyUrl: string;
};

const INK = "#111111";
const MUTED = "#52606d";
const dmy = (date: string) => date.split("-").reverse().join("/");

/**
 * The participation certificate (Giấy xác nhận tham gia Chương trình), A4 portrait in the layout of Decree 30/2020:
 * the issuing body and the number on the left, the national heading and place and date on the right, the title,
 * the body, the recipients (Nơi nhận) and the signer's authority and name. Vietnamese whatever the reader's language.
 */
export async function participationCertificatePdf(input: ParticipationCertificateInput): Promise<Buffer> {
  const qr = await qrPng(input.verifyUrl);
  const { doc, done } = await openPdf({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 70, right: 56 },
    info: {
      Title: `Giấy xác nhận số ${input.number} – ${input.enterpriseName}`,
      Author: "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
      Subject: "Giấy xác nhận tham gia Chương trình hỗ trợ chuyển giao, đổi mới công nghệ",
    },
  });
  const left = 70;
  const right = doc.page.width - 56;
  // The heading's two columns start at the page's margin of 56 points, so the national name fits beside the body's name.
  const headLeft = 50;
  const leftColumn = 200;
  const rightColumn = 270;
  const rightX = right - rightColumn;
  const centred = (text: string, x: number, y: number, width: number, font: "regular" | "bold", size: number) => {
    doc.font(font).fontSize(size).fillColor(INK).text(text, x, y, { width, align: "center" });
    return doc.y;
  };
  const underline = (text: string, x: number, width: number, y: number, size: number) => {
    const textWidth = doc.font("bold").fontSize(size).widthOfString(text);
    doc
      .lineWidth(0.6)
      .strokeColor(INK)
      .moveTo(x + (width - textWidth) / 2, y + 1)
      .lineTo(x + (width + textWidth) / 2, y + 1)
      .stroke();
  };

  // The heading: issuing body and number | national name and motto, place and date.
  centred("UBND TỈNH QUẢNG NGÃI", headLeft, 56, leftColumn, "regular", 11);
  const bodyBottom = centred("SỞ KHOA HỌC VÀ CÔNG NGHỆ", headLeft, doc.y, leftColumn, "bold", 11);
  doc
    .lineWidth(0.6)
    .strokeColor(INK)
    .moveTo(headLeft + 60, bodyBottom + 2)
    .lineTo(headLeft + leftColumn - 60, bodyBottom + 2)
    .stroke();
  centred(`Số: ${input.number}`, headLeft, bodyBottom + 10, leftColumn, "regular", 11.5);

  centred(NATIONAL_NAME, rightX, 56, rightColumn, "bold", 10.5);
  const mottoBottom = centred(NATIONAL_MOTTO, rightX, doc.y, rightColumn, "bold", 11.5);
  underline(NATIONAL_MOTTO, rightX, rightColumn, mottoBottom, 11.5);
  doc
    .font("regular")
    .fontSize(11.5)
    .fillColor(INK)
    .text(placeAndDate(input.issuedAt), rightX, mottoBottom + 10, {
      width: rightColumn,
      align: "center",
      oblique: true,
    });

  // The title.
  let y = 180;
  y = centred("GIẤY XÁC NHẬN", left, y, right - left, "bold", 16) + 2;
  y = centred("Tham gia Chương trình hỗ trợ chuyển giao, đổi mới công nghệ", left, y, right - left, "bold", 13) + 18;

  // The body.
  const paragraph = (text: string, options: { bold?: string } = {}) => {
    doc.font("regular").fontSize(12.5).fillColor(INK);
    if (options.bold) {
      doc
        .text(options.bold, left, y, { continued: true, width: right - left, align: "justify" })
        .font("bold")
        .text(text);
    } else {
      doc.text(text, left, y, { width: right - left, align: "justify", indent: 28 });
    }
    y = doc.y + 6;
  };
  paragraph("Sở Khoa học và Công nghệ tỉnh Quảng Ngãi xác nhận:");
  paragraph(input.enterpriseName, { bold: "Doanh nghiệp: " });
  if (input.taxCode) paragraph(input.taxCode, { bold: "Mã số thuế: " });
  if (input.address) paragraph(input.address, { bold: "Địa chỉ: " });
  paragraph("tham gia Chương trình hỗ trợ chuyển giao, đổi mới công nghệ với dự án:");
  paragraph(input.kind === "transfer" ? "chuyển giao công nghệ" : "đổi mới công nghệ, thiết bị", {
    bold: "Loại dự án: ",
  });
  paragraph(input.technology, { bold: "Công nghệ: " });
  paragraph(input.supplier, { bold: "Bên cung cấp: " });
  paragraph(`${formatNumber(input.totalInvestmentVnd, "vi")} đồng`, { bold: "Tổng vốn đầu tư: " });
  paragraph(`từ ngày ${dmy(input.startsOn)} đến ngày ${dmy(input.endsOn)}`, { bold: "Thời gian thực hiện: " });
  paragraph(
    "Doanh nghiệp có trách nhiệm bố trí vốn đối ứng, triển khai dự án theo đúng nội dung đã đăng ký và báo cáo tình hình thực hiện cho Sở Khoa học và Công nghệ. Giấy xác nhận này là căn cứ để doanh nghiệp được xem xét hỗ trợ theo quy định của Chương trình.",
  );

  // The foot: recipients on the left, the signer on the right, the verification QR code below.
  const footTop = Math.max(y + 20, 560);
  doc.font("bold").fontSize(11).fillColor(INK).text("Nơi nhận:", left, footTop, { width: leftColumn, oblique: true });
  doc.font("regular").fontSize(10).text(`- ${input.enterpriseName};`, left, doc.y, { width: leftColumn });
  doc.text("- Giám đốc Sở (để b/c);", left, doc.y, { width: leftColumn });
  doc.text("- Lưu: VT, QLCN.", left, doc.y, { width: leftColumn });

  let signY = footTop;
  for (const line of input.signerTitle.split("\n")) signY = centred(line, rightX, signY, rightColumn, "bold", 12);
  doc
    .font("regular")
    .fontSize(10)
    .fillColor(MUTED)
    .text("(đã ký)", rightX, signY + 24, { width: rightColumn, align: "center", oblique: true });
  centred(input.signerName, rightX, signY + 64, rightColumn, "bold", 12.5);

  const qrSize = 78;
  const qrTop = doc.page.height - 56 - qrSize;
  doc.image(qr, left, qrTop, { width: qrSize, height: qrSize });
  doc
    .font("regular")
    .fontSize(9)
    .fillColor(MUTED)
    .text("Quét mã để kiểm tra giấy xác nhận", left + qrSize + 10, qrTop + 14, { width: 300 });
  doc
    .font("bold")
    .fontSize(10.5)
    .fillColor(INK)
    .text(`Mã xác thực: ${input.verificationCode}`, left + qrSize + 10, qrTop + 30, { width: 300 });
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(MUTED)
    .text(input.verifyUrl, left + qrSize + 10, qrTop + 46, { width: 360 });

  doc.end();
  return done;
}
