/**
 * The first worksheet of an XLSX file as rows of cell texts, read as a stream with every limit enforced while
 * reading, so that a hostile file (a million rows, a zip bomb) is refused in a moment with bounded memory.
 * - The archive is read by zip-reader.server.ts: parts inflated as streams, every inflated byte counted against a
 *   50 MB budget and each part against a compression ratio a real sheet never reaches.
 * - Only what the first sheet needs is inflated: the package and workbook relationships that name it, the styles
 *   (which cells are dates), the sheet itself, then the shared strings it uses, up to the last one it uses.
 * - XML is read by a SAX parser (saxes, which expands no DTD entities); reading stops as soon as a cap is passed:
 *   rows, columns, cells, characters of a cell, bytes.
 * Cells read as staff see them: shared and inline strings (rich text joined), numbers, booleans, formulas by their
 * cached result, and numbers in a date format as ISO days.
 */
import { machineToVietnamese } from "./numbers";
import { SaxesParser } from "saxes";
import { InflateLimit, openZip, StopReading } from "./zip-reader.server";

export type XlsxProblem = "tooLarge" | "tooManyRows" | "unreadable" | "empty";
export type XlsxRow = { row: number; cells: string[] };
export type XlsxRead = { ok: true; rows: XlsxRow[] } | { ok: false; problem: XlsxProblem; rows?: number };

/** Inflated bytes of every part read, in all. */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;
/** Inflated : compressed bytes of one part, checked once it passes a megabyte (real sheets: about 5–20). */
export const MAX_COMPRESSION_RATIO = 100;
/** Columns of a row holding a value; cells in all; characters of a cell (Excel's own limit). */
export const MAX_COLUMNS = 256;
export const MAX_CELLS = 2_000_000;
export const MAX_CELL_CHARS = 32_767;
const MAX_SMALL_PART_BYTES = 4 * 1024 * 1024;

/** A cap of the sheet passed while reading it. */
class Refusal extends Error {
  constructor(readonly problem: XlsxProblem) {
    super(problem);
  }
}

/**
 * Reads the first worksheet's non-empty rows (each with its sheet row number), refusing with "tooManyRows" once more
 * than `maxRows` rows follow the first non-empty one (the header).
 */
export async function readXlsx(zip: Uint8Array, maxRows: number): Promise<XlsxRead> {
  try {
    const archive = openZip(zip, { maxInflatedBytes: MAX_INFLATED_BYTES, maxRatio: MAX_COMPRESSION_RATIO });
    const small = (name: string | undefined) => archive.readSmallPart(name, MAX_SMALL_PART_BYTES);
    const workbookPath = officeDocumentPath(await small("_rels/.rels"));
    const workbook = await small(workbookPath);
    if (!workbook) return { ok: false, problem: "unreadable" };
    const { firstSheet, sharedStrings, styles, date1904 } = workbookParts(
      workbook,
      await small(relsPathOf(workbookPath)),
      workbookPath,
    );
    if (!firstSheet) return { ok: false, problem: "empty" };
    const dateStyles = dateStylesOf(await small(styles));
    const sheet = await readSheet(archive, firstSheet, { maxRows, dateStyles, date1904 });
    if (!sheet.ok) return sheet;
    if (sheet.sharedRefs.size) {
      const strings = sharedStrings
        ? await readSharedStrings(archive, sharedStrings, sheet.sharedRefs)
        : new Map<number, string>();
      for (const row of sheet.rows)
        for (let i = 0; i < row.cells.length; i++)
          if (typeof row.cells[i] === "number") row.cells[i] = strings.get(row.cells[i] as number) ?? "";
    }
    return { ok: true, rows: sheet.rows as XlsxRow[] };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    if (error instanceof InflateLimit) return { ok: false, problem: "tooLarge" };
    return { ok: false, problem: "unreadable" };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// XML

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** A SAX parser fed with UTF-8 bytes; handlers get local names (some writers prefix every element: `x:row`). */
function xmlReader(handlers: {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}) {
  const parser = new SaxesParser({ position: false });
  const decoder = new TextDecoder("utf-8");
  if (handlers.open) {
    const open = handlers.open;
    // Without namespaces (xmlns: false) attributes are plain strings.
    parser.on("opentag", (tag) => open(localName(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on("closetag", (tag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  parser.on("error", (error) => {
    throw error;
  });
  return {
    write: (chunk: Uint8Array) => parser.write(decoder.decode(chunk, { stream: true })),
    close: () => parser.write(decoder.decode()).close(),
  };
}

function readXml(bytes: Uint8Array | undefined, handlers: Parameters<typeof xmlReader>[0]): void {
  if (!bytes) return;
  const reader = xmlReader(handlers);
  reader.write(bytes);
  reader.close();
}

/** An attribute by its local name, whatever its prefix (`r:id`, `ns1:id`). */
function attribute(attributes: Record<string, string>, name: string, prefixed = false): string | undefined {
  for (const [key, value] of Object.entries(attributes))
    if (localName(key) === name && (!prefixed || key.includes(":"))) return value;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The package: which part is the workbook, its first worksheet, its shared strings and styles

type Relationship = { type: string; target: string };

function relationships(bytes: Uint8Array | undefined, base: string): Map<string, Relationship> {
  const found = new Map<string, Relationship>();
  readXml(bytes, {
    open(name, attributes) {
      if (name !== "Relationship" || attributes.TargetMode === "External") return;
      if (attributes.Id && attributes.Target)
        found.set(attributes.Id, { type: attributes.Type ?? "", target: resolvePath(base, attributes.Target) });
    },
  });
  return found;
}

function resolvePath(base: string, target: string): string {
  const segments = target.startsWith("/") ? [] : base.split("/").slice(0, -1);
  for (const segment of target.replace(/^\/+/, "").split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

const relsPathOf = (part: string) => {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

function officeDocumentPath(rootRels: Uint8Array | undefined): string {
  for (const relationship of relationships(rootRels, "").values())
    if (relationship.type.endsWith("/officeDocument")) return relationship.target;
  return "xl/workbook.xml";
}

function workbookParts(workbook: Uint8Array, rels: Uint8Array | undefined, workbookPath: string) {
  const related = relationships(rels, workbookPath);
  const sheetIds: string[] = [];
  let date1904 = false;
  readXml(workbook, {
    open(name, attributes) {
      if (name === "workbookPr") date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
      if (name === "sheet") {
        const id = attribute(attributes, "id", true);
        if (id) sheetIds.push(id);
      }
    },
  });
  const firstSheet = sheetIds
    .map((id) => related.get(id))
    .find((relationship) => relationship?.type.endsWith("/worksheet"))?.target;
  const ofType = (suffix: string) =>
    [...related.values()].find((relationship) => relationship.type.endsWith(suffix))?.target;
  return { firstSheet, sharedStrings: ofType("/sharedStrings"), styles: ofType("/styles"), date1904 };
}

/** Excel's built-in date and time formats (14–22, 45–47, and the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a number format shows a date: d, m, y (or h, s) outside quoted text, escapes and [colour] sections. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "");
  return /[dmyhs]/i.test(bare.replace(/General/gi, ""));
}

/** For each cell style (the `s` of a cell), whether its number format is a date. */
function dateStylesOf(styles: Uint8Array | undefined): boolean[] {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  readXml(styles, {
    open(name, attributes) {
      if (name === "numFmt") custom.set(Number(attributes.numFmtId), attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) formats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return formats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILT_IN_DATE_FORMATS.has(id)));
}

// ---------------------------------------------------------------------------------------------------------------
// The worksheet

type RawRow = { row: number; cells: Array<string | number> };
type SheetPass =
  | { ok: true; rows: RawRow[]; sharedRefs: Set<number> }
  | { ok: false; problem: XlsxProblem; rows?: number };

/** Column number of a cell reference ("AB12" → 28); 0 when it names none. */
function columnOf(reference: string | undefined): number {
  if (!reference) return 0;
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return column;
}

/** Excel's serial day as an ISO day, as ExcelJS turns it into a Date (1900 system, or 1904). */
function serialToIsoDay(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
}

/** `_x000D_` and the like: how OOXML writes characters XML cannot hold. */
const unescapeOoxml = (text: string) =>
  text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;

type Archive = ReturnType<typeof openZip>;

async function readSheet(
  archive: Archive,
  path: string,
  options: { maxRows: number; dateStyles: boolean[]; date1904: boolean },
): Promise<SheetPass> {
  const rows: RawRow[] = [];
  const sharedRefs = new Set<number>();
  let finished = false;
  let nonEmptyRows = 0;
  let cellsKept = 0;
  let overflow = false;
  let dimensionLastRow = 0;

  let inSheetData = false;
  let rowNumber = 0;
  let cells: Array<string | number> = [];
  let rowHasValue = false;
  let cellsInRow = 0;
  let column = 0;
  let cell: {
    type: string;
    style: number;
    value: string;
    text: string;
    capture: "" | "v" | "t";
    inPhonetic: boolean;
  } | null = null;

  const endCell = () => {
    if (!cell) return;
    const { type, style, value } = cell;
    let result: string | number = "";
    if (type === "s") result = value.trim() === "" ? "" : Number.parseInt(value, 10);
    else if (type === "inlineStr") result = cell.text;
    else if (type === "str") result = value;
    else if (type === "b")
      result = value === "" ? "" : value.trim() === "1" || value.trim() === "true" ? "true" : "false";
    else if (type === "e") result = "";
    else if (type === "d") result = value.slice(0, 10);
    else if (value !== "") {
      const number = Number(value);
      // Numbers in Vietnamese notation, so that the one number reader (app/lib/numbers.ts) reads 1.234 as 1,234, not 1234.
      result = Number.isNaN(number)
        ? value
        : options.dateStyles[style]
          ? serialToIsoDay(number, options.date1904)
          : machineToVietnamese(number);
    }
    if (typeof result === "number" && Number.isNaN(result)) result = "";
    cell = null;
    if (result === "") return;
    if (column > MAX_COLUMNS) throw new Refusal("tooLarge");
    if (typeof result === "number") sharedRefs.add(result);
    else if (result.trim() === "") return;
    while (cells.length < column - 1) cells.push("");
    cells[column - 1] = typeof result === "string" ? unescapeOoxml(result) : result;
    rowHasValue = true;
  };

  const capture = (text: string) => {
    if (!cell || !cell.capture || cell.inPhonetic) return;
    if (cell.capture === "v") cell.value += text;
    else cell.text += text;
    if (cell.value.length + cell.text.length > MAX_CELL_CHARS) throw new Refusal("tooLarge");
  };

  const reader = xmlReader({
    open(name, attributes) {
      if (name === "dimension") dimensionLastRow = Number(/(\d+)\s*$/.exec(attributes.ref ?? "")?.[1] ?? 0);
      if (name === "sheetData") inSheetData = true;
      if (!inSheetData) return;
      if (name === "row") {
        rowNumber = attributes.r ? Number.parseInt(attributes.r, 10) || rowNumber + 1 : rowNumber + 1;
        cells = [];
        rowHasValue = false;
        cellsInRow = 0;
        column = 0;
      } else if (name === "c") {
        if (++cellsInRow > 16_384) throw new Refusal("tooLarge");
        column = columnOf(attributes.r) || column + 1;
        cell = {
          type: attributes.t ?? "n",
          style: Number(attributes.s ?? 0),
          value: "",
          text: "",
          capture: "",
          inPhonetic: false,
        };
      } else if (cell && name === "v") cell.capture = "v";
      else if (cell && name === "t") cell.capture = "t";
      else if (cell && name === "rPh") cell.inPhonetic = true;
    },
    text: capture,
    close(name) {
      if (name === "sheetData") {
        finished = true;
        throw new StopReading();
      }
      if (!inSheetData) return;
      if (cell && (name === "v" || name === "t")) cell.capture = "";
      else if (cell && name === "rPh") cell.inPhonetic = false;
      else if (name === "c") endCell();
      else if (name === "row" && rowHasValue) {
        // The first non-empty row is the header; the reading stops at the first row past maxRows after it.
        if (++nonEmptyRows > options.maxRows + 1) {
          overflow = true;
          throw new StopReading();
        }
        cellsKept += cells.length;
        if (cellsKept > MAX_CELLS) throw new Refusal("tooLarge");
        rows.push({ row: rowNumber, cells });
      }
    },
  });

  if (!(await archive.readPart(path, (chunk) => reader.write(chunk)))) return { ok: false, problem: "unreadable" };
  if (overflow) {
    // Reading stopped at the cap; the sheet's own dimension (A1:C1000001) tells the user how many rows it has.
    const headerRow = rows[0]?.row ?? 1;
    return { ok: false, problem: "tooManyRows", rows: Math.max(nonEmptyRows - 1, dimensionLastRow - headerRow) };
  }
  if (!finished) reader.close();
  return { ok: true, rows, sharedRefs };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared strings

/** The shared strings the sheet uses, reading the table no further than the last of them. */
async function readSharedStrings(archive: Archive, path: string, wanted: Set<number>): Promise<Map<number, string>> {
  const strings = new Map<number, string>();
  const last = Math.max(...wanted);
  let index = -1;
  let text = "";
  let inText = false;
  let phonetic = 0;
  const reader = xmlReader({
    open(name) {
      if (name === "si") {
        index++;
        text = "";
      } else if (name === "t") inText = true;
      else if (name === "rPh") phonetic++;
    },
    text(value) {
      if (!inText || phonetic) return;
      text += value;
      if (text.length > MAX_CELL_CHARS) throw new Refusal("tooLarge");
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        if (wanted.has(index)) strings.set(index, unescapeOoxml(text));
        if (index >= last) throw new StopReading();
      }
    },
  });
  await archive.readPart(path, (chunk) => reader.write(chunk));
  return strings;
}
