import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  type ExportColumn,
  exportStamp,
  neutraliseFormula,
  readExportFormat,
  toCsv,
  toXlsx,
  xlsxStream,
} from "../../app/lib/export.server";

type Row = { name: string; note: string | null; amount: number | null };
const columns: ExportColumn<Row>[] = [
  { header: "Tên tổ chức", value: (r) => r.name },
  { header: "Ghi chú", value: (r) => r.note },
  { header: "Số tiền (đồng)", value: (r) => r.amount },
];

describe("toCsv", () => {
  it("starts with a byte-order mark so Excel reads UTF-8", () => {
    expect(toCsv([], columns).charCodeAt(0)).toBe(0xfeff);
  });

  it("writes a header line and one CRLF-terminated line per row", () => {
    const csv = toCsv([{ name: "Công ty Dung Quất", note: null, amount: 1500000 }], columns);
    expect(csv).toBe("\uFEFFTên tổ chức,Ghi chú,Số tiền (đồng)\r\nCông ty Dung Quất,,1500000\r\n");
  });

  it("quotes cells with commas, quotes, newlines or semicolons and doubles the quotes", () => {
    const csv = toCsv([{ name: 'Công ty "Sao Mai", chi nhánh', note: "dòng 1\ndòng 2", amount: null }], columns);
    expect(csv.split("\r\n")[1]).toBe('"Công ty ""Sao Mai"", chi nhánh","dòng 1\ndòng 2",');
    const semicolon = toCsv([{ name: "a;b", note: null, amount: null }], columns);
    expect(semicolon.split("\r\n")[1]).toBe('"a;b",,');
  });

  it("prefixes an apostrophe to text cells starting with =, +, - or @", () => {
    const rows: Row[] = [
      { name: '=HYPERLINK("http://evil")', note: "+84 905 123 456", amount: null },
      { name: "-2+3", note: "@SUM(A1)", amount: null },
    ];
    const lines = toCsv(rows, columns).split("\r\n");
    expect(lines[1]).toBe('"\'=HYPERLINK(""http://evil"")",\'+84 905 123 456,');
    expect(lines[2]).toBe("'-2+3,'@SUM(A1),");
  });

  it("leaves negative numbers as numbers", () => {
    expect(toCsv([{ name: "x", note: null, amount: -5 }], columns).split("\r\n")[1]).toBe("x,,-5");
  });
});

describe("neutraliseFormula", () => {
  it("prefixes a tab or carriage return too, and leaves plain text alone", () => {
    expect(neutraliseFormula("\t=1")).toBe("'\t=1");
    expect(neutraliseFormula("\r=1")).toBe("'\r=1");
    expect(neutraliseFormula("Quảng Ngãi = 1")).toBe("Quảng Ngãi = 1");
  });
});

describe("readExportFormat", () => {
  it("gives xlsx only when asked, csv otherwise", () => {
    expect(readExportFormat(new URLSearchParams("format=xlsx"))).toBe("xlsx");
    expect(readExportFormat(new URLSearchParams("format=pdf"))).toBe("csv");
    expect(readExportFormat(new URLSearchParams(""))).toBe("csv");
  });
});

describe("toXlsx", () => {
  it("writes a workbook ExcelJS can read back with the bold header row and the Vietnamese values", async () => {
    const buffer = await toXlsx(
      [
        { name: "Hợp tác xã Nông nghiệp Tư Nghĩa", note: "Đổi mới công nghệ", amount: 1500000 },
        { name: "=1+1", note: null, amount: null },
      ],
      columns,
      "Tổ chức",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Tổ chức");
    expect(sheet).toBeDefined();
    const header = sheet!.getRow(1);
    expect(header.values).toEqual([undefined, "Tên tổ chức", "Ghi chú", "Số tiền (đồng)"]);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet!.getRow(2).values).toEqual([
      undefined,
      "Hợp tác xã Nông nghiệp Tư Nghĩa",
      "Đổi mới công nghệ",
      1500000,
    ]);
    // A text cell, never a formula: the value reads back as it was written.
    expect(sheet!.getRow(3).getCell(1).value).toBe("=1+1");
    expect(sheet!.getRow(3).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet!.getRow(3).getCell(2).value).toBeNull();
    expect(sheet!.rowCount).toBe(3);
  });

  it("stops reading rows once the download is given up: a workbook streamed to nobody does not wait forever", async () => {
    let read = 0;
    function* rows(): Generator<Row> {
      for (let i = 0; i < 100_000; i++) {
        read++;
        yield { name: `Doanh nghiệp số ${i}`, note: "ghi chú dài ".repeat(20), amount: i };
      }
    }
    const stream = await xlsxStream(rows(), columns, "Tổ chức");
    await new Promise<void>((resolve) => stream.once("readable", () => resolve()));
    stream.destroy();
    const stopped = read;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBeLessThan(100_000);
    expect(read - stopped).toBeLessThanOrEqual(1);
  });

  it("cuts the sheet name to Excel's 31 characters", async () => {
    const long = "Danh sách doanh nghiệp nhỏ và vừa năm 2025";
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([], columns, long)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([long.slice(0, 31)]);
  });
});

describe("exportStamp", () => {
  it("names a download after the province's date: 01:36 on 02/12 in Quảng Ngãi is 2 December, though UTC still says the 1st", () => {
    expect(exportStamp("2026-12-01T18:36:44.618Z")).toBe("2026-12-02");
    expect(exportStamp("2026-12-01T16:59:59.999Z")).toBe("2026-12-01");
  });
});
