import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translator } from "../../app/i18n";
import { parseCsv, readSpreadsheet, validateRows } from "../../app/lib/spreadsheet-import.server";
import ExcelJS from "exceljs";
import { moneyInput, optionalInput, quantityInput } from "../../app/lib/numbers";
import { taxCode, text } from "../../app/lib/validation";

const t = translator("vi");
const COLUMNS = [
  { key: "name", header: "Tên doanh nghiệp", aliases: ["Doanh nghiệp"], required: true },
  { key: "taxCode", header: "Mã số thuế", aliases: ["MST"], required: true },
] as const;
const Row = z.object({ name: text(100), taxCode: z.string().pipe(taxCode) });
const missingColumnMessage = (column: string) => `Thiếu cột ${column}`;

describe("reading uploaded lists", () => {
  it("reads Excel's semicolon CSV with a BOM, quotes and line breaks inside quotes", () => {
    expect(parseCsv('\uFEFFa;b\r\n"x; ""y""";"dòng 1\ndòng 2"\n')).toEqual([
      ["a", "b"],
      ['x; "y"', "dòng 1\ndòng 2"],
    ]);
  });

  it("finds columns by their Vietnamese header without accents or case, and numbers rows as the sheet does", async () => {
    const sheet = await readSpreadsheet(
      new File(["\n MST ,TÊN DOANH NGHIỆP\n4300000001,Công ty A\n\n43-1,\n"], "a.csv"),
      { maxBytes: 1000, maxRows: 10 },
    );
    if (!sheet.ok) throw new Error(sheet.problem);
    const result = validateRows(sheet, COLUMNS, Row, t, { missingColumnMessage });
    expect(result).toEqual({
      ok: false,
      total: 2,
      errors: [
        { row: 5, column: "Tên doanh nghiệp", message: "Vui lòng nhập thông tin này." },
        { row: 5, column: "Mã số thuế", message: "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số dạng 0123456789-001." },
      ],
    });
  });

  it("names the required columns a header lacks", async () => {
    const sheet = await readSpreadsheet(new File(["Họ tên,Điện thoại\nA,1\n"], "a.csv"), {
      maxBytes: 1000,
      maxRows: 10,
    });
    if (!sheet.ok) throw new Error(sheet.problem);
    expect(validateRows(sheet, COLUMNS, Row, t, { missingColumnMessage })).toMatchObject({
      ok: false,
      errors: [
        { row: 1, message: "Thiếu cột Tên doanh nghiệp" },
        { row: 1, message: "Thiếu cột Mã số thuế" },
      ],
    });
  });

  it("refuses files over the caps, binary files and empty lists", async () => {
    expect(await readSpreadsheet(new File(["x".repeat(2000)], "a.csv"), { maxBytes: 1000, maxRows: 10 })).toEqual({
      ok: false,
      problem: "tooLarge",
    });
    expect(
      await readSpreadsheet(new File([new Uint8Array([1, 0, 2])], "a.csv"), { maxBytes: 1000, maxRows: 10 }),
    ).toEqual({ ok: false, problem: "type" });
    expect(await readSpreadsheet(new File(["Tên doanh nghiệp\n\n"], "a.csv"), { maxBytes: 1000, maxRows: 10 })).toEqual(
      { ok: false, problem: "empty" },
    );
    expect(await readSpreadsheet(new File(["a\n1\n2\n3\n"], "a.csv"), { maxBytes: 1000, maxRows: 2 })).toEqual({
      ok: false,
      problem: "tooManyRows",
      rows: 3,
    });
    expect(await readSpreadsheet(null, { maxBytes: 1000, maxRows: 2 })).toEqual({ ok: false, problem: "missing" });
  });
});

describe("numbers in uploaded lists are read by the forms' number reader", () => {
  const NUMBER_COLUMNS = [
    { key: "name", header: "Tên", required: true },
    { key: "revenue", header: "Doanh thu", required: true },
    { key: "employees", header: "Lao động" },
  ] as const;
  const NumberRow = z.object({
    name: text(100),
    revenue: moneyInput(),
    employees: optionalInput(quantityInput({ fractional: true })),
  });

  it("reads numeric XLSX cells as the numbers they hold: 1.234 stays one point two three four, never 1234", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("DS");
    sheet.addRow(["Tên", "Doanh thu", "Lao động"]);
    sheet.addRow(["A", 1_500_000, 1.234]);
    sheet.addRow(["B", "3.500.000.000", "49,5"]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await readSpreadsheet(new File([bytes], "a.xlsx"), { maxBytes: 1_000_000, maxRows: 10 });
    if (!read.ok) throw new Error(read.problem);
    expect(validateRows(read, NUMBER_COLUMNS, NumberRow, t, { missingColumnMessage })).toEqual({
      ok: true,
      rows: [
        { row: 2, value: { name: "A", revenue: 1_500_000, employees: 1.234 } },
        { row: 3, value: { name: "B", revenue: 3_500_000_000, employees: 49.5 } },
      ],
    });
  });

  it("reports an empty amount as missing and an English-style amount with how to write it, row by row", async () => {
    const read = await readSpreadsheet(new File(['Tên,Doanh thu,Lao động\nA,,\nB,"1,500,000",\nC,-1,\n'], "a.csv"), {
      maxBytes: 1000,
      maxRows: 10,
    });
    if (!read.ok) throw new Error(read.problem);
    expect(validateRows(read, NUMBER_COLUMNS, NumberRow, t, { missingColumnMessage })).toEqual({
      ok: false,
      total: 3,
      errors: [
        { row: 2, column: "Doanh thu", message: "Vui lòng nhập số (ô để trống không được tính là 0)." },
        { row: 3, column: "Doanh thu", message: expect.stringContaining("Viết số như 1.500.000 hoặc 3,5") },
        { row: 4, column: "Doanh thu", message: "Giá trị phải từ 0 trở lên." },
      ],
    });
  });
});
