/**
 * Libraries that only some requests need (spreadsheets, PDFs, QR codes, e-mail), loaded on first use and then kept
 * (README D81): imported at start-up, they cost every worker about 70 MB that most never use.
 */
import type ExcelJSModule from "exceljs";
import type NodemailerModule from "nodemailer";
import type PDFDocumentClass from "pdfkit";
import type QRCodeModule from "qrcode";

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const loadExcelJS = once(async (): Promise<typeof ExcelJSModule> => (await import("exceljs")).default);
export const loadPdfKit = once(async (): Promise<typeof PDFDocumentClass> => (await import("pdfkit")).default);
export const loadQRCode = once(async (): Promise<typeof QRCodeModule> => (await import("qrcode")).default);
export const loadNodemailer = once(async (): Promise<typeof NodemailerModule> => (await import("nodemailer")).default);
