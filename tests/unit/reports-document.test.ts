import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { type ReportDocument, reportDocx } from "../../app/modules/reports/document.server";

const report: ReportDocument = {
  parentBody: "UBND TỈNH QUẢNG NGÃI",
  issuingBody: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
  referenceNumber: "12/BC-SKHCN",
  placeAndDate: "Quảng Ngãi, ngày 05 tháng 12 năm 2026",
  title: "BÁO CÁO",
  subtitle: "Kết quả hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo giai đoạn 2021 – 2025",
  addressee: "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi",
  introduction: "Thực hiện Kế hoạch số 45/KH-UBND, Sở Khoa học và Công nghệ báo cáo như sau:",
  sections: [
    {
      heading: "I. KẾT QUẢ TRIỂN KHAI",
      text: "Năm 2026, Sở đã tổ chức các hoạt động sau:\n- Cuộc thi khởi nghiệp đổi mới sáng tạo lần thứ năm;\n- Ngày hội khởi nghiệp tỉnh Quảng Ngãi.",
    },
    {
      heading: "II. ĐỀ XUẤT, KIẾN NGHỊ",
      text: "Đề nghị Ủy ban nhân dân tỉnh tiếp tục bố trí kinh phí.\r\n+ Hỗ trợ ươm tạo doanh nghiệp.",
    },
  ],
  recipients: ["Như trên;", "UBND tỉnh;", "Lưu: VT, QLCN."],
  signerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
  signerName: "Nguyễn Văn Hùng",
};

async function rawText(input: ReportDocument): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: await reportDocx(input) });
  return value;
}

async function part(input: ReportDocument, path: string): Promise<string> {
  return strFromU8(unzipSync(new Uint8Array(await reportDocx(input)))[path]);
}

/** The number of paragraphs in the document's body. */
async function paragraphCount(input: ReportDocument): Promise<number> {
  return (await part(input, "word/document.xml")).match(/<w:p[ >]/g)?.length ?? 0;
}

describe("reportDocx", () => {
  it("builds a DOCX (a zip) file", async () => {
    const docx = await reportDocx(report);
    expect(docx.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("prints the heading, the title block, every paragraph, the recipients and the signature", async () => {
    const text = await rawText(report);
    const expected = [
      "UBND TỈNH QUẢNG NGÃI",
      "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 12/BC-SKHCN",
      "Quảng Ngãi, ngày 05 tháng 12 năm 2026",
      "BÁO CÁO",
      "Kết quả hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo giai đoạn 2021 – 2025",
      "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi",
      "Thực hiện Kế hoạch số 45/KH-UBND, Sở Khoa học và Công nghệ báo cáo như sau:",
      "I. KẾT QUẢ TRIỂN KHAI",
      "Năm 2026, Sở đã tổ chức các hoạt động sau:",
      "- Cuộc thi khởi nghiệp đổi mới sáng tạo lần thứ năm;",
      "- Ngày hội khởi nghiệp tỉnh Quảng Ngãi.",
      "II. ĐỀ XUẤT, KIẾN NGHỊ",
      "Đề nghị Ủy ban nhân dân tỉnh tiếp tục bố trí kinh phí.",
      "+ Hỗ trợ ươm tạo doanh nghiệp.",
      "Nơi nhận:",
      "- Như trên;",
      "- UBND tỉnh;",
      "- Lưu: VT, QLCN.",
      "KT. GIÁM ĐỐC",
      "PHÓ GIÁM ĐỐC",
      "Nguyễn Văn Hùng",
    ];
    const paragraphs = text.split("\n").map((line) => line.trim());
    for (const line of expected) expect(paragraphs).toContain(line);
  });

  it("keeps the order: heading, title, sections, then the closing block", async () => {
    const text = await rawText(report);
    const positions = [
      "Số: 12/BC-SKHCN",
      "BÁO CÁO",
      "I. KẾT QUẢ TRIỂN KHAI",
      "II. ĐỀ XUẤT, KIẾN NGHỊ",
      "Nơi nhận:",
      "Nguyễn Văn Hùng",
    ].map((line) => text.indexOf(line));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("leaves room for the number to be written by hand when the report has none yet", async () => {
    const text = await rawText({ ...report, referenceNumber: "" });
    expect(text).toMatch(/Số: {2,}\/BC-SKHCN/);
  });

  it("makes no paragraphs of empty or blank lines", async () => {
    const withBlankLines = {
      ...report,
      sections: [{ heading: "I. KẾT QUẢ", text: "\nDòng một\n\n   \r\nDòng hai\n\n" }],
    };
    const compact = { ...report, sections: [{ heading: "I. KẾT QUẢ", text: "Dòng một\nDòng hai" }] };
    expect(await paragraphCount(withBlankLines)).toBe(await paragraphCount(compact));
    expect(await rawText(withBlankLines)).toContain("Dòng một\n\nDòng hai\n\n");
  });

  it("prints the bodies, the title and the signer's title in capitals whatever they were typed in", async () => {
    const text = await rawText({
      ...report,
      parentBody: "UBND tỉnh Quảng Ngãi",
      title: "Báo cáo",
      signerTitle: "kt. giám đốc\nphó giám đốc",
    });
    for (const line of ["UBND TỈNH QUẢNG NGÃI", "BÁO CÁO", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
      expect(text).toContain(line);
  });

  it("hides every border of the heading and closing tables", async () => {
    const borders = (await part(report, "word/document.xml")).match(/<w:tblBorders>.*?<\/w:tblBorders>/g) ?? [];
    expect(borders).toHaveLength(2);
    for (const table of borders) {
      const sides = table.match(/<w:(top|left|bottom|right|insideH|insideV) [^>]*>/g) ?? [];
      expect(sides).toHaveLength(6);
      for (const side of sides) expect(side).toContain('w:val="none"');
    }
  });

  it("omits the addressee line when there is none", async () => {
    const text = await rawText({ ...report, addressee: "" });
    expect(text).not.toContain("Kính gửi");
  });

  it("records the subtitle as the document's title", async () => {
    const core = await part(report, "docProps/core.xml");
    expect(core).toContain(`<dc:title>${report.subtitle}</dc:title>`);
    expect(core).toContain("Sở Khoa học và Công nghệ tỉnh Quảng Ngãi");
  });
});
