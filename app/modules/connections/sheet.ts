import type { MouField, MouStatus, OrganisationKind } from "../../../db/types";
import { searchKey } from "../../lib/format";
import { normaliseTaxCode, TAX_CODE_PATTERN } from "../../lib/validation";
import { organisationNameKey, taxCodeDigits } from "../organisations/duplicates";

/**
 * Attendee and MOU sheets as DOST keeps them in Excel: columns found by their Vietnamese header (accents, case and
 * spacing ignored), every row checked — across rows too (the same person twice, one name with two tax codes) —, every
 * problem reported with its row number and column. Pure: the file is read by the portal's one spreadsheet reader
 * (readSpreadsheet in app/lib/spreadsheet-import.server.ts) and organisations are resolved against the registry later.
 */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type RowProblem = { row: number; column: string; key: string; params?: Record<string, string> };

type ColumnSpec = { label: string; aliases: readonly string[]; required?: boolean };

const headerKey = (text: string) => searchKey(text).replace(/[^a-z0-9]/g, "");

export const ATTENDEE_COLUMNS = {
  personName: { label: "Họ và tên", aliases: ["ho va ten", "ho ten", "nguoi tham du", "dai bieu"], required: true },
  organisation: {
    label: "Đơn vị",
    aliases: ["don vi", "don vi cong tac", "to chuc", "ten don vi", "co quan don vi", "doanh nghiep"],
    required: true,
  },
  taxCode: { label: "Mã số thuế", aliases: ["ma so thue", "mst"] },
  kind: { label: "Loại đơn vị", aliases: ["loai don vi", "loai to chuc", "loai hinh", "loai"] },
  position: { label: "Chức vụ", aliases: ["chuc vu", "chuc danh"] },
  phone: { label: "Điện thoại", aliases: ["dien thoai", "so dien thoai", "sdt"] },
  email: { label: "Email", aliases: ["email", "thu dien tu", "e mail"] },
} as const satisfies Record<string, ColumnSpec>;

export const MOU_COLUMNS = {
  signedOn: { label: "Ngày ký", aliases: ["ngay ky", "ngay ky ket"], required: true },
  partyA: { label: "Bên thứ nhất", aliases: ["ben thu nhat", "ben a", "ben 1"], required: true },
  partyATaxCode: {
    label: "MST bên thứ nhất",
    aliases: ["mst ben thu nhat", "ma so thue ben thu nhat", "mst ben a", "mst ben 1"],
  },
  partyAKind: { label: "Loại bên thứ nhất", aliases: ["loai ben thu nhat", "loai ben a", "loai ben 1"] },
  partyB: { label: "Bên thứ hai", aliases: ["ben thu hai", "ben b", "ben 2"], required: true },
  partyBTaxCode: {
    label: "MST bên thứ hai",
    aliases: ["mst ben thu hai", "ma so thue ben thu hai", "mst ben b", "mst ben 2"],
  },
  partyBKind: { label: "Loại bên thứ hai", aliases: ["loai ben thu hai", "loai ben b", "loai ben 2"] },
  fields: { label: "Lĩnh vực", aliases: ["linh vuc", "noi dung hop tac"], required: true },
  title: { label: "Tên biên bản", aliases: ["ten bien ban", "tieu de"] },
  summary: { label: "Tóm tắt", aliases: ["tom tat", "noi dung"] },
  reference: { label: "Số biên bản", aliases: ["so bien ban", "so"] },
  event: { label: "Sự kiện", aliases: ["su kien", "tai su kien"] },
  status: { label: "Tình trạng", aliases: ["tinh trang", "trang thai"] },
} as const satisfies Record<string, ColumnSpec>;

type Columns<S extends Record<string, ColumnSpec>> = { [K in keyof S]: number | null };

/** Where each column is (0-based), or the problems of a header that lacks a required column. */
export function locateColumns<S extends Record<string, ColumnSpec>>(
  header: readonly string[],
  spec: S,
): { ok: true; columns: Columns<S> } | { ok: false; problems: RowProblem[] } {
  const keys = header.map(headerKey);
  const columns = {} as Columns<S>;
  const problems: RowProblem[] = [];
  for (const [name, column] of Object.entries(spec) as Array<[keyof S, ColumnSpec]>) {
    const index = keys.findIndex((key) => column.aliases.some((alias) => headerKey(alias) === key));
    columns[name] = index === -1 ? null : index;
    if (index === -1 && column.required)
      problems.push({ row: 1, column: column.label, key: "connections.import.problems.missingColumn" });
  }
  return problems.length ? { ok: false, problems } : { ok: true, columns };
}

const KIND_WORDS: Array<[string, OrganisationKind]> = [
  ["nhom khoi nghiep", "startup_team"],
  ["khoi nghiep", "startup_team"],
  ["doanh nghiep", "enterprise"],
  ["cong ty", "enterprise"],
  ["hop tac xa", "enterprise"],
  ["chuyen gia", "expert"],
  ["ca nhan", "expert"],
  ["to chuc ho tro", "support_organisation"],
  ["vuon uom", "support_organisation"],
  ["trung tam", "support_organisation"],
  ["truong", "university"],
  ["vien", "university"],
  ["dai hoc", "university"],
  ["co quan", "agency"],
  ["so ", "agency"],
];

/** An organisation kind from the words staff write ("Doanh nghiệp", "Chuyên gia", "Vườn ươm"…), or null. */
export function kindFromLabel(label: string): OrganisationKind | null {
  const key = `${searchKey(label)} `;
  const codes: readonly string[] = [
    "startup_team",
    "enterprise",
    "expert",
    "support_organisation",
    "university",
    "agency",
  ];
  if (codes.includes(key.trim())) return key.trim() as OrganisationKind;
  return KIND_WORDS.find(([word]) => key.startsWith(word))?.[1] ?? null;
}

const FIELD_WORDS: Array<[string, MouField]> = [
  ["tu van chuyen giao cong nghe", "technology_transfer_consulting"],
  ["chuyen giao cong nghe", "technology_transfer_consulting"],
  ["xuc tien thuong mai", "trade_promotion"],
  ["ung dung cong nghe", "technology_application"],
  ["dao tao", "training"],
  ["dau tu", "investment"],
  ["khac", "other"],
];

export function fieldFromLabel(label: string): MouField | null {
  const key = searchKey(label);
  return FIELD_WORDS.find(([word]) => key === word || key.startsWith(word))?.[1] ?? null;
}

const STATUS_WORDS: Array<[string, MouStatus]> = [
  ["da ky hop dong", "contract"],
  ["hop dong", "contract"],
  ["dang trien khai", "in_progress"],
  ["khong trien khai", "no_follow_up"],
  ["chua trien khai", "signed"],
  ["da ky", "signed"],
];

export function statusFromLabel(label: string): MouStatus | null {
  const key = searchKey(label);
  return STATUS_WORDS.find(([word]) => key.startsWith(word))?.[1] ?? null;
}

/** A date as staff type it (31/12/2023, 31-12-2023, 2023-12-31) or as the reader wrote an Excel date: ISO, or null. */
export function parseSheetDate(text: string): string | null {
  const value = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) [y, m, d] = [Number(local[3]), Number(local[2]), Number(local[1])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1990 || y > 2100)
    return null;
  return date.toISOString().slice(0, 10);
}

/** An organisation as a sheet names it; resolved against the registry later (by tax code, then by name). */
export type OrganisationRef = { name: string; taxCode: string | null; kind: OrganisationKind | null };

export type AttendeeRow = {
  row: number;
  personName: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  organisation: OrganisationRef | null;
};
export type MouRow = {
  row: number;
  signedOn: string;
  parties: [OrganisationRef, OrganisationRef];
  fields: MouField[];
  title: string | null;
  summary: string | null;
  reference: string | null;
  event: string | null;
  status: MouStatus;
};

const NO_MARKUP = /^[^<>]*$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const PHONE = /^\+?[0-9 .()-]{8,20}$/;

class RowChecker {
  problems: RowProblem[] = [];
  constructor(readonly row: number) {}
  problem(column: string, key: string, params?: Record<string, string>) {
    this.problems.push({
      row: this.row,
      column,
      key: `connections.import.problems.${key}`,
      ...(params ? { params } : {}),
    });
  }
  text(value: string, column: string, max: number): string | null {
    const trimmed = value.trim().replace(/\s+/g, " ");
    if (!trimmed) return null;
    if (trimmed.length > max) this.problem(column, "tooLong", { max: String(max) });
    else if (!NO_MARKUP.test(trimmed)) this.problem(column, "noMarkup");
    return trimmed;
  }
  taxCode(value: string, column: string): string | null {
    if (!value.trim()) return null;
    const code = normaliseTaxCode(value.trim());
    // Excel turns 0101234567 typed in a number column into 101234567: say so rather than guess.
    if (/^\d{9}$/.test(code)) {
      this.problem(column, "taxCodeLostZero", { value: code });
      return null;
    }
    if (!TAX_CODE_PATTERN.test(code)) {
      this.problem(column, "taxCode", { value: value.trim().slice(0, 30) });
      return null;
    }
    return code;
  }
  kind(value: string, column: string): OrganisationKind | null {
    if (!value.trim()) return null;
    const kind = kindFromLabel(value);
    if (!kind) this.problem(column, "unknownKind", { value: value.trim().slice(0, 50) });
    return kind;
  }
}

const cellOf = (cells: readonly string[], index: number | null) => (index === null ? "" : String(cells[index] ?? ""));
const isBlank = (cells: readonly string[]) => cells.every((cell) => !String(cell ?? "").trim());

/** The identity of an organisation inside one file: its tax code when written, else its name's key. */
export function refKey(ref: OrganisationRef): string {
  return ref.taxCode ? `tax:${taxCodeDigits(ref.taxCode)}` : `name:${organisationNameKey(ref.name)}`;
}

/**
 * The same organisation written twice in one file with two different tax codes is a contradiction; so is a name
 * whose key is empty (only legal-form words, e.g. "Công ty TNHH").
 */
function checkRef(
  check: RowChecker,
  ref: OrganisationRef,
  column: string,
  taxColumn: string,
  seenTaxByName: Map<string, { tax: string | null; row: number }>,
) {
  const key = organisationNameKey(ref.name);
  if (!key) {
    check.problem(column, "nameTooVague");
    return;
  }
  const seen = seenTaxByName.get(key);
  if (seen && seen.tax && ref.taxCode && seen.tax !== ref.taxCode)
    check.problem(taxColumn, "conflictingTaxCode", { row: String(seen.row) });
  else if (!seen || (!seen.tax && ref.taxCode)) seenTaxByName.set(key, { tax: ref.taxCode, row: check.row });
}

/** A sheet as the reader gives it: the header's cells and each non-empty row with its own row number. */
export type Sheet = { header: readonly string[]; rows: ReadonlyArray<{ row: number; cells: readonly string[] }> };

function tooMany(rows: number): RowProblem[] | null {
  return rows > MAX_IMPORT_ROWS
    ? [
        {
          row: 0,
          column: "—",
          key: "connections.import.problems.tooManyRows",
          params: { max: String(MAX_IMPORT_ROWS) },
        },
      ]
    : null;
}

/** Checks every row of an attendee sheet. Row numbers are the sheet's own (the header is usually row 1). */
export function validateAttendeeSheet(sheet: Sheet): { rows: AttendeeRow[]; problems: RowProblem[] } {
  const located = locateColumns(sheet.header, ATTENDEE_COLUMNS);
  if (!located.ok) return { rows: [], problems: located.problems };
  const c = located.columns;
  const body = sheet.rows.filter((r) => !isBlank(r.cells));
  const over = tooMany(body.length);
  if (over) return { rows: [], problems: over };
  const L = ATTENDEE_COLUMNS;
  const rows: AttendeeRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const seenTaxByName = new Map<string, { tax: string | null; row: number }>();
  body.forEach(({ row, cells }) => {
    const check = new RowChecker(row);
    const personName = check.text(cellOf(cells, c.personName), L.personName.label, 200);
    const unit = check.text(cellOf(cells, c.organisation), L.organisation.label, 200);
    const taxCode = check.taxCode(cellOf(cells, c.taxCode), L.taxCode.label);
    const kind = check.kind(cellOf(cells, c.kind), L.kind.label);
    const position = check.text(cellOf(cells, c.position), L.position.label, 200);
    const phoneText = cellOf(cells, c.phone).trim();
    if (phoneText && !PHONE.test(phoneText)) check.problem(L.phone.label, "phone", { value: phoneText.slice(0, 30) });
    const emailText = cellOf(cells, c.email).trim().toLowerCase();
    if (emailText && !EMAIL.test(emailText)) check.problem(L.email.label, "email", { value: emailText.slice(0, 60) });
    if (!personName && !unit) check.problem(L.personName.label, "nameOrUnitRequired");
    if (taxCode && !unit) check.problem(L.organisation.label, "unitRequiredWithTaxCode");
    const organisation: OrganisationRef | null = unit ? { name: unit, taxCode, kind } : null;
    if (organisation) checkRef(check, organisation, L.organisation.label, L.taxCode.label, seenTaxByName);
    const identity = `${organisation ? refKey(organisation) : "-"}|${personName ? searchKey(personName) : "-"}`;
    const first = seen.get(identity);
    if (first !== undefined) check.problem(L.personName.label, "duplicateRow", { row: String(first) });
    else seen.set(identity, check.row);
    if (check.problems.length) problems.push(...check.problems);
    else rows.push({ row, personName, position, phone: phoneText || null, email: emailText || null, organisation });
  });
  if (!rows.length && !problems.length)
    problems.push({ row: 2, column: "—", key: "connections.import.problems.empty" });
  return { rows, problems };
}

/** Checks every row of an MOU sheet; `today` refuses MOUs signed in the future. */
export function validateMouSheet(sheet: Sheet, today: string): { rows: MouRow[]; problems: RowProblem[] } {
  const located = locateColumns(sheet.header, MOU_COLUMNS);
  if (!located.ok) return { rows: [], problems: located.problems };
  const c = located.columns;
  const body = sheet.rows.filter((r) => !isBlank(r.cells));
  const over = tooMany(body.length);
  if (over) return { rows: [], problems: over };
  const L = MOU_COLUMNS;
  const rows: MouRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const seenTaxByName = new Map<string, { tax: string | null; row: number }>();
  body.forEach(({ row, cells }) => {
    const check = new RowChecker(row);
    const dateText = cellOf(cells, c.signedOn).trim();
    const signedOn = dateText ? parseSheetDate(dateText) : null;
    if (!dateText) check.problem(L.signedOn.label, "required");
    else if (!signedOn) check.problem(L.signedOn.label, "date", { value: dateText.slice(0, 30) });
    else if (signedOn > today) check.problem(L.signedOn.label, "dateInFuture");
    const parties: OrganisationRef[] = [];
    for (const [nameColumn, taxColumn, kindColumn] of [
      ["partyA", "partyATaxCode", "partyAKind"],
      ["partyB", "partyBTaxCode", "partyBKind"],
    ] as const) {
      const name = check.text(cellOf(cells, c[nameColumn]), L[nameColumn].label, 200);
      const taxCode = check.taxCode(cellOf(cells, c[taxColumn]), L[taxColumn].label);
      const kind = check.kind(cellOf(cells, c[kindColumn]), L[kindColumn].label);
      if (!name) check.problem(L[nameColumn].label, "required");
      else {
        const ref = { name, taxCode, kind };
        checkRef(check, ref, L[nameColumn].label, L[taxColumn].label, seenTaxByName);
        parties.push(ref);
      }
    }
    if (parties.length === 2 && refKey(parties[0]) === refKey(parties[1])) check.problem(L.partyB.label, "sameParty");
    const fieldText = cellOf(cells, c.fields);
    const fields: MouField[] = [];
    for (const label of fieldText
      .split(/[;,\n]+/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const field = fieldFromLabel(label);
      if (!field) check.problem(L.fields.label, "unknownField", { value: label.slice(0, 60) });
      else if (!fields.includes(field)) fields.push(field);
    }
    if (!fieldText.trim()) check.problem(L.fields.label, "required");
    const statusText = cellOf(cells, c.status).trim();
    const status = statusText ? statusFromLabel(statusText) : "signed";
    if (!status) check.problem(L.status.label, "unknownStatus", { value: statusText.slice(0, 50) });
    const title = check.text(cellOf(cells, c.title), L.title.label, 300);
    const summary = check.text(cellOf(cells, c.summary), L.summary.label, 3000);
    const reference = check.text(cellOf(cells, c.reference), L.reference.label, 100);
    const event = check.text(cellOf(cells, c.event), L.event.label, 300);
    if (parties.length === 2 && signedOn) {
      const identity = `${signedOn}|${parties.map(refKey).sort().join("|")}`;
      const first = seen.get(identity);
      if (first !== undefined) check.problem(L.partyA.label, "duplicateRow", { row: String(first) });
      else seen.set(identity, check.row);
    }
    if (check.problems.length) problems.push(...check.problems);
    else
      rows.push({
        row,
        signedOn: signedOn!,
        parties: [parties[0], parties[1]],
        fields,
        title,
        summary,
        reference,
        event,
        status: status!,
      });
  });
  if (!rows.length && !problems.length)
    problems.push({ row: 2, column: "—", key: "connections.import.problems.empty" });
  return { rows, problems };
}
