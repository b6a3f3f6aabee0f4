import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readSpreadsheet } from "../../app/lib/spreadsheet-import.server";
import { isDateFormat } from "../../app/lib/xlsx-reader.server";
import { handWrittenXlsx, millionRowXlsx, sheetXml, WORKBOOK, zipBombXlsx } from "../helpers/xlsx";

const LIMITS = { maxBytes: 12 * 1024 * 1024, maxRows: 50_000 };
const xlsxFile = (bytes: Uint8Array, name = "danh-sach.xlsx") => new File([new Uint8Array(bytes)], name);

// How long each refusal takes, and the memory it takes, is measured by tests/bench/uploads.ts: a wall-clock limit here
// would fail on a loaded machine, not on a slow reader.
describe("hostile spreadsheets are refused while they are read", () => {
  it("refuses an XLSX of a million rows as too many rows", async () => {
    const file = xlsxFile(millionRowXlsx());
    expect(file.size).toBeLessThan(LIMITS.maxBytes);
    const result = await readSpreadsheet(file, LIMITS);
    expect(result).toMatchObject({ ok: false, problem: "tooManyRows" });
    expect(!result.ok && result.rows).toBeGreaterThan(50_000);
  }, 60_000);

  it("stops at the row cap and tells how many rows the sheet declares it has", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(
      "",
    );
    const sheet = sheetXml(rows).replace("<sheetData>", '<dimension ref="A1:A10"/><sheetData>');
    expect(await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet })), { ...LIMITS, maxRows: 3 })).toEqual({
      ok: false,
      problem: "tooManyRows",
      rows: 9,
    });
    expect(
      await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet: sheetXml(rows) })), { ...LIMITS, maxRows: 3 }),
    ).toEqual({ ok: false, problem: "tooManyRows", rows: 4 });
  });

  it("refuses a zip bomb (1 GB of sheet in 1.6 MB) as too large from its declared size", async () => {
    const file = xlsxFile(zipBombXlsx());
    expect(file.size).toBeLessThan(2 * 1024 * 1024);
    expect(await readSpreadsheet(file, LIMITS)).toEqual({ ok: false, problem: "tooLarge" });
  }, 60_000);

  it("refuses a zip bomb that declares a small size, while inflating it", async () => {
    const file = xlsxFile(zipBombXlsx(1, { declaredSize: 10_000 }));
    expect(await readSpreadsheet(file, LIMITS)).toEqual({ ok: false, problem: "tooLarge" });
  }, 60_000);

  it("refuses a sheet that inflates past the 50 MB budget even at an ordinary compression ratio", async () => {
    // 1.2 million rows, about 65 MB of XML compressed about 9:1, read with a row cap it never reaches.
    const result = await readSpreadsheet(xlsxFile(millionRowXlsx(1_200_000)), { ...LIMITS, maxRows: 2_000_000 });
    expect(result).toEqual({ ok: false, problem: "tooLarge" });
  }, 60_000);

  it("refuses shared strings that inflate like a bomb", async () => {
    const sharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${"A".repeat(30 * 1024 * 1024)}</t></si></sst>`;
    const sheet = sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>');
    expect(await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet, sharedStrings }, 9)), LIMITS)).toEqual({
      ok: false,
      problem: "tooLarge",
    });
  });

  it("refuses a row with a value past the 256th column, and a cell longer than Excel allows", async () => {
    const wide = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Tên</t></is></c><c r="XFD1"><v>1</v></c></row>');
    expect(await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet: wide })), LIMITS)).toEqual({
      ok: false,
      problem: "tooLarge",
    });
    const long = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${"x".repeat(40_000)}</t></is></c></row>`);
    expect(await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet: long })), LIMITS)).toEqual({
      ok: false,
      problem: "tooLarge",
    });
  });

  it("calls a broken archive or broken XML unreadable, and a workbook without sheets empty", async () => {
    const zip = handWrittenXlsx({ sheet: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') });
    expect(await readSpreadsheet(xlsxFile(zip.subarray(0, zip.byteLength - 30)), LIMITS)).toEqual({
      ok: false,
      problem: "unreadable",
    });
    const garbage = new Uint8Array(2000).fill(7);
    garbage.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await readSpreadsheet(xlsxFile(garbage), LIMITS)).toEqual({ ok: false, problem: "unreadable" });
    expect(
      await readSpreadsheet(
        xlsxFile(handWrittenXlsx({ sheet: "<worksheet><sheetData><row><c><v>1</v></row>" })),
        LIMITS,
      ),
    ).toEqual({ ok: false, problem: "unreadable" });
    const noSheets = WORKBOOK.replace(/<sheets>.*<\/sheets>/, "<sheets/>");
    expect(
      await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet: sheetXml(""), workbook: noSheets })), LIMITS),
    ).toEqual({ ok: false, problem: "empty" });
  });

  it("does not expand entities a DOCTYPE declares (billion laughs)", async () => {
    const sheet = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const result = await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet })), LIMITS);
    expect(result.ok).toBe(false);
  });

  it("refuses a CSV record of more than 256 cells, and counts the rows of a long CSV exactly", async () => {
    expect(await readSpreadsheet(new File([`a${",x".repeat(300)}\n1\n`], "a.csv"), LIMITS)).toEqual({
      ok: false,
      problem: "tooLarge",
    });
    const lines = ["Mã số thuế", ...Array.from({ length: 200_000 }, (_, i) => String(4_300_000_000 + i))].join("\n");
    expect(await readSpreadsheet(new File([lines], "a.csv"), LIMITS)).toEqual({
      ok: false,
      problem: "tooManyRows",
      rows: 200_000,
    });
  });

  it("reads a CSV of nothing but line breaks as empty, without a row per line kept", async () => {
    expect(await readSpreadsheet(new File(["\n".repeat(5_000_000)], "a.csv"), LIMITS)).toEqual({
      ok: false,
      problem: "empty",
    });
  }, 30_000);
});

describe("cells read as staff see them", () => {
  it("reads what Excel writes (through ExcelJS): shared strings, numbers, booleans, dates, formulas, rich text, links", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Danh sách");
    sheet.addRow([
      "Tên doanh nghiệp",
      "Mã số thuế",
      "Ngày ký",
      "Số lao động",
      "Đã xác minh",
      "Tổng",
      "Ghi chú",
      "Trang web",
    ]);
    sheet.addRow([]);
    sheet.addRow([
      "Công ty TNHH Nông sản Sơn Tịnh",
      4300123456,
      new Date(Date.UTC(2023, 8, 28)),
      12.5,
      true,
      { formula: "D3*2", result: 25 },
      { richText: [{ text: "Hợp tác " }, { font: { bold: true }, text: "chế biến" }] },
      { text: "quangngai.gov.vn", hyperlink: "https://quangngai.gov.vn" },
    ]);
    sheet.getCell("I3").value = { formula: 'A3&"!"', result: "Công ty TNHH Nông sản Sơn Tịnh!" };
    sheet.getCell("C4").value = new Date(Date.UTC(2024, 1, 29));
    sheet.getCell("C4").numFmt = "dd/mm/yyyy";
    sheet.getCell("D4").value = 45_000;
    sheet.getCell("D4").numFmt = "#,##0";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await readSpreadsheet(xlsxFile(bytes), LIMITS);
    expect(result).toEqual({
      ok: true,
      header: [
        "Tên doanh nghiệp",
        "Mã số thuế",
        "Ngày ký",
        "Số lao động",
        "Đã xác minh",
        "Tổng",
        "Ghi chú",
        "Trang web",
      ],
      rows: [
        {
          row: 3,
          cells: [
            "Công ty TNHH Nông sản Sơn Tịnh",
            "4300123456",
            "2023-09-28",
            "12,5",
            "true",
            "25",
            "Hợp tác chế biến",
            "quangngai.gov.vn",
            "Công ty TNHH Nông sản Sơn Tịnh!",
          ],
        },
        { row: 4, cells: ["", "", "2024-02-29", "45000"] },
      ],
    });
  });

  it("reads dates by their number format: built-in 14–22 and custom d/m/y formats, in the 1900 and 1904 systems", async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
      <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0 &quot;đ&quot;"/><numFmt numFmtId="166" formatCode="[$-42A]d mmmm yyyy;@"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
      <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="166"/></cellXfs></styleSheet>`;
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Ngày</t></is></c></row>' +
      '<row r="2"><c r="A2" s="1"><v>45197</v></c><c r="B2" s="2"><v>45351</v></c><c r="C2" s="3"><v>1500000</v></c><c r="D2" s="4"><v>45197.75</v></c><c r="E2" s="5"><v>45197</v></c><c r="F2"><v>45197</v></c></row>';
    const read = await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet: sheetXml(rows), styles })), LIMITS);
    expect(read.ok && read.rows).toEqual([
      { row: 2, cells: ["2023-09-28", "2024-02-29", "1500000", "2023-09-28", "2023-09-28", "45197"] },
    ]);
    const in1904 = WORKBOOK.replace("<sheets>", '<workbookPr date1904="1"/><sheets>');
    const read1904 = await readSpreadsheet(
      xlsxFile(handWrittenXlsx({ sheet: sheetXml(rows), styles, workbook: in1904 })),
      LIMITS,
    );
    expect(read1904.ok && read1904.rows[0].cells[0]).toBe("2027-09-29");
  });

  it("tells date formats from number formats", () => {
    for (const code of [
      "dd/mm/yyyy",
      "DD/MM/YYYY",
      "m/d/yy h:mm",
      "[$-42A]d mmmm yyyy;@",
      "yyyy-mm-dd",
      "mmm-yy",
      "h:mm:ss",
    ])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ["General", "#,##0", '#,##0 "đ"', "0.00%", "[Red]#,##0.00", "0.00E+00", "@", '"ngày" 0'])
      expect(isDateFormat(code), code).toBe(false);
  });

  it("reads shared strings with rich runs (not their phonetic guide), inline strings, formula strings, booleans, errors, and prefixed elements", async () => {
    const sharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Tên</t></si><si><r><t>Hợp tác </t></r><r><rPr><b/></rPr><t>chế biến</t></r><rPh><t>ふりがな</t></rPh></si><si><t>dòng 1_x000D_
dòng 2</t></si></sst>`;
    const sheet = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:E3"/><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t xml:space="preserve"> Ghi chú </x:t></x:is></x:c></x:row>
      <x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" t="str"><x:f>A3&amp;"!"</x:f><x:v>Hợp tác chế biến!</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="e"><x:v>#N/A</x:v></x:c><x:c r="E3" t="s"><x:v>2</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const read = await readSpreadsheet(xlsxFile(handWrittenXlsx({ sheet, sharedStrings })), LIMITS);
    expect(read).toEqual({
      ok: true,
      header: ["Tên", "Ghi chú"],
      rows: [{ row: 3, cells: ["Hợp tác chế biến", "Hợp tác chế biến!", "true", "", "dòng 1\r\ndòng 2"] }],
    });
  });

  it("finds the first worksheet through the workbook's relationships, wherever the part lives", async () => {
    const workbook = WORKBOOK.replace(
      '<sheet name="Danh sách" sheetId="1" r:id="rId1"/>',
      '<sheet name="Biểu đồ" sheetId="2" r:id="rId9"/><sheet name="Danh sách" sheetId="1" r:id="rId1"/>',
    );
    const zip = handWrittenXlsx({
      sheet: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Sai trang</t></is></c></row>'),
      workbook,
      extra: {
        "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/Data.xml"/></Relationships>`,
        "xl/worksheets/Data.xml": sheetXml(
          '<row r="1"><c r="A1" t="inlineStr"><is><t>Tên</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Đúng trang</t></is></c></row>',
        ),
      },
    });
    const read = await readSpreadsheet(xlsxFile(zip), LIMITS);
    expect(read.ok && read.rows).toEqual([{ row: 2, cells: ["Đúng trang"] }]);
  });
});
