import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translator } from "../../app/i18n";
import { parseCsv, readSpreadsheet, validateRows } from "../../app/lib/spreadsheet-import.server";
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
    expect(parseCsv('\uFEFFa;b\r\n"x; ""y""";"dòng 1\ndòng 2"\n')).toEqual([["a", "b"], ['x; "y"', "dòng 1\ndòng 2"]]);
  });

  it("finds columns by their Vietnamese header without accents or case, and numbers rows as the sheet does", async () => {
    const sheet = await readSpreadsheet(new File(["\n MST ,TÊN DOANH NGHIỆP\n4300000001,Công ty A\n\n43-1,\n"], "a.csv"), { maxBytes: 1000, maxRows: 10 });
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
    const sheet = await readSpreadsheet(new File(["Họ tên,Điện thoại\nA,1\n"], "a.csv"), { maxBytes: 1000, maxRows: 10 });
    if (!sheet.ok) throw new Error(sheet.problem);
    expect(validateRows(sheet, COLUMNS, Row, t, { missingColumnMessage })).toMatchObject({ ok: false, errors: [{ row: 1, message: "Thiếu cột Tên doanh nghiệp" }, { row: 1, message: "Thiếu cột Mã số thuế" }] });
  });

  it("refuses files over the caps, binary files and empty lists", async () => {
    expect(await readSpreadsheet(new File(["x".repeat(2000)], "a.csv"), { maxBytes: 1000, maxRows: 10 })).toEqual({ ok: false, problem: "tooLarge" });
    expect(await readSpreadsheet(new File([new Uint8Array([1, 0, 2])], "a.csv"), { maxBytes: 1000, maxRows: 10 })).toEqual({ ok: false, problem: "type" });
    expect(await readSpreadsheet(new File(["Tên doanh nghiệp\n\n"], "a.csv"), { maxBytes: 1000, maxRows: 10 })).toEqual({ ok: false, problem: "empty" });
    expect(await readSpreadsheet(new File(["a\n1\n2\n3\n"], "a.csv"), { maxBytes: 1000, maxRows: 2 })).toEqual({ ok: false, problem: "tooManyRows", rows: 3 });
    expect(await readSpreadsheet(null, { maxBytes: 1000, maxRows: 2 })).toEqual({ ok: false, problem: "missing" });
  });
});
