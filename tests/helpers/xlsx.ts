import zlib from "node:zlib";
import { strToU8, Zip, ZipDeflate, zipSync, type ZipInputFile, type Zippable } from "fflate";

/**
 * An XLSX written by hand, XML part by XML part, zipped with fflate: fast enough to build a million rows in a test,
 * and able to say anything a hostile file could.
 */
export type XlsxParts = {
  sheet: string | Uint8Array;
  sharedStrings?: string;
  styles?: string;
  workbook?: string;
  extra?: Record<string, string | Uint8Array>;
};

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
export const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

export function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
}

export function handWrittenXlsx(parts: XlsxParts, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const u8 = (part: string | Uint8Array) => (typeof part === "string" ? strToU8(part) : part);
  const files: Zippable = {
    "[Content_Types].xml": u8(CONTENT_TYPES),
    "_rels/.rels": u8(ROOT_RELS),
    "xl/workbook.xml": u8(parts.workbook ?? WORKBOOK),
    "xl/_rels/workbook.xml.rels": u8(WORKBOOK_RELS),
    "xl/worksheets/sheet1.xml": u8(parts.sheet),
  };
  if (parts.sharedStrings) files["xl/sharedStrings.xml"] = u8(parts.sharedStrings);
  if (parts.styles) files["xl/styles.xml"] = u8(parts.styles);
  for (const [name, content] of Object.entries(parts.extra ?? {})) files[name] = u8(content);
  return zipSync(files, { level });
}

/**
 * A million (or `count`) rows of one number each under a header, the XML written straight into bytes: a few MB
 * zipped, compressing like a real sheet (about 10:1), not like a bomb.
 */
export function millionRowXlsx(count = 1_000_000): Uint8Array {
  const xml = Buffer.allocUnsafe(200 + count * 50);
  let at = xml.write(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>MST</t></is></c></row>',
    0,
    "latin1",
  );
  for (let r = 2; r <= count + 1; r++)
    at += xml.write(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`, at, "latin1");
  at += xml.write("</sheetData></worksheet>", at, "latin1");
  return handWrittenXlsx({ sheet: xml.subarray(0, at) }, 1);
}

/**
 * A zip bomb: a sheet of `gigabytes` GB of repeated bytes (`<row/>` after `<row/>`), about 1 MB zipped. One MB of
 * it is compressed once and sync-flushed to a byte boundary, so that the compressed piece repeated a thousand times
 * is one valid DEFLATE stream (built in a fraction of a second, where compressing 1 GB takes tens); the ZIP around
 * it is written by fflate.
 */
export function zipBombXlsx(gigabytes = 1, options: { declaredSize?: number } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  const add = (name: string, content: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(strToU8(content), true);
  };
  add("[Content_Types].xml", CONTENT_TYPES);
  add("_rels/.rels", ROOT_RELS);
  add("xl/workbook.xml", WORKBOOK);
  add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS);

  const head = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const block = strToU8("<row/>".repeat((1024 * 1024) / 2 / 3));
  // zlib's sync flush ends each piece on a byte boundary without a final block (fflate 0.8.3's flush(true) trailer
  // does not inflate), so that the pieces concatenate into one DEFLATE stream.
  const compressed = (data: Uint8Array) =>
    zlib.deflateRawSync(data, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const sheet: ZipInputFile = { filename: "xl/worksheets/sheet1.xml", compression: 8, size: 0, crc: 0 };
  zip.add(sheet);
  const crc32 = (zlib as unknown as { crc32: (data: Uint8Array, value?: number) => number }).crc32;
  const headPiece = compressed(head);
  const blockPiece = compressed(block);
  sheet.ondata!(null, headPiece, false);
  let crc = crc32(head);
  const repeats = Math.round(gigabytes * 1024);
  for (let i = 0; i < repeats; i++) {
    sheet.ondata!(null, blockPiece, false);
    crc = crc32(block, crc);
  }
  sheet.size = head.byteLength + repeats * block.byteLength;
  sheet.crc = crc;
  // The last block: final, fixed Huffman codes, nothing but its end code.
  sheet.ondata!(null, new Uint8Array([0x03, 0x00]), true);
  zip.end();
  const archive = Buffer.concat(chunks);
  if (options.declaredSize !== undefined) declareSize(archive, "xl/worksheets/sheet1.xml", options.declaredSize);
  return archive;
}

/** A lying archive: the central directory's uncompressed size of one part overwritten. */
function declareSize(archive: Buffer, name: string, size: number): void {
  for (let at = archive.byteLength - 46; at >= 0; at--) {
    if (archive.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = archive.readUInt16LE(at + 28);
    if (archive.subarray(at + 46, at + 46 + nameLength).toString("utf8") !== name) continue;
    archive.writeUInt32LE(size, at + 24);
    return;
  }
  throw new Error(`no central directory entry for ${name}`);
}
