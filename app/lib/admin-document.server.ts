/**
 * The parts every official PDF of the department shares (Decree 30/2020/NĐ-CP): the embedded Vietnamese font,
 * the national heading, the place-and-date line, the QR code to the public verification page.
 */
import path from "node:path";
import { loadPdfKit, loadQRCode } from "./libraries.server";
import { provinceDate } from "./province-time";

// The standard PDF fonts have no Vietnamese diacritics: DejaVu Serif (Bitstream Vera licence) is embedded instead.
const FONT_DIR = path.join(process.cwd(), "app", "assets", "fonts");
export const REGULAR_FONT = path.join(FONT_DIR, "DejaVuSerif.ttf");
export const BOLD_FONT = path.join(FONT_DIR, "DejaVuSerif-Bold.ttf");

export const NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc";
export const ISSUING_BODY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH QUẢNG NGÃI";
/** The two-line heading of a document the department issues under the province (Word reports). */
export const PARENT_BODY = "UBND TỈNH QUẢNG NGÃI";
export const DEPARTMENT_NAME = "SỞ KHOA HỌC VÀ CÔNG NGHỆ";

/** "Quảng Ngãi, ngày 05 tháng 12 năm 2026": days below 10 and the months January and February take a leading zero (Decree 30/2020). */
export function placeAndDate(iso: string): string {
  const [year, month, day] = provinceDate(iso).split("-").map(Number);
  return `Quảng Ngãi, ngày ${String(day).padStart(2, "0")} tháng ${month <= 2 ? String(month).padStart(2, "0") : month} năm ${year}`;
}

export async function qrPng(url: string): Promise<Buffer> {
  return (await loadQRCode()).toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 360 });
}

/** A new document with the fonts registered as "regular" and "bold", and the promise of its bytes once `doc.end()` is called. */
export async function openPdf(
  options: PDFKit.PDFDocumentOptions,
): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ font: REGULAR_FONT, lang: "vi-VN", ...options });
  doc.registerFont("regular", REGULAR_FONT);
  doc.registerFont("bold", BOLD_FONT);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return { doc, done };
}

/** A PDF as the response of a download route: inline, never cached. */
export function pdfResponse(pdf: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
