import { describe, expect, it } from "vitest";
import { storedFileName } from "../../app/lib/file-name";

describe("the name an uploaded file is stored under", () => {
  it("keeps Vietnamese letters, spaces, =, ; and brackets as they are", () => {
    expect(storedFileName("giấy phép (bản sao)=1.pdf")).toBe("giấy phép (bản sao)=1.pdf");
    expect(storedFileName("Hop dong; ban sao.pdf")).toBe("Hop dong; ban sao.pdf");
  });

  it("drops a right-to-left override, so that 'hoa-don‮fdp.exe' cannot pass for a PDF", () => {
    expect(storedFileName("hoa-don\u202Efdp.exe")).toBe("hoa-donfdp.exe");
  });

  it("drops every bidirectional control: embeddings, overrides, isolates and marks", () => {
    const controls = [
      "\u202A",
      "\u202B",
      "\u202C",
      "\u202D",
      "\u202E",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
      "\u200E",
      "\u200F",
      "\u061C",
    ];
    for (const control of controls)
      expect(storedFileName(`bao${control}cao.pdf`), `U+${control.codePointAt(0)!.toString(16)}`).toBe("baocao.pdf");
  });

  it("drops C0 and C1 control characters, NUL and DEL, and zero-width characters", () => {
    expect(storedFileName("bao\u0000cao\u0007\u001b[31m.pdf")).toBe("baocao[31m.pdf");
    expect(storedFileName("bao\u0085cao\u009b\u007f.pdf")).toBe("baocao.pdf");
    expect(storedFileName("bao\u200Bcao\uFEFF.pdf")).toBe("baocao.pdf");
    expect(storedFileName("dòng 1\r\ndòng 2.pdf")).toBe("dòng 1dòng 2.pdf");
  });

  it("keeps only the last path segment", () => {
    expect(storedFileName("../../etc/passwd")).toBe("passwd");
    expect(storedFileName("C:\\Users\\an\\ke-hoach.pdf")).toBe("ke-hoach.pdf");
    expect(storedFileName("thu-muc/")).toBe("tai-lieu");
  });

  it("turns the characters Windows refuses in a file name into _", () => {
    expect(storedFileName('Tờ trình "bản cuối" <2>: a|b?*.pdf')).toBe("Tờ trình _bản cuối_ _2__ a_b__.pdf");
  });

  it("gives a neutral default to a name that is empty once cleaned", () => {
    expect(storedFileName("")).toBe("tai-lieu");
    expect(storedFileName(undefined)).toBe("tai-lieu");
    expect(storedFileName("\u202E\u200F\u0000")).toBe("tai-lieu");
    expect(storedFileName(" .. ")).toBe("tai-lieu");
    expect(storedFileName("", "danh-sach")).toBe("danh-sach");
  });

  it("names a file that is only an extension by the default", () => {
    expect(storedFileName(".pdf")).toBe("tai-lieu.pdf");
    expect(storedFileName("...pdf")).toBe("tai-lieu.pdf");
  });

  it("writes Vietnamese letters composed (NFC), as macOS browsers send them decomposed", () => {
    const decomposed = "giấy phép.pdf".normalize("NFD");
    expect(storedFileName(decomposed)).toBe("giấy phép.pdf");
  });

  it("shortens a long name to 200 characters, keeping its extension and every letter whole", () => {
    const name = storedFileName(`${"ệ".repeat(300)}.docx`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith("ệ.docx")).toBe(true);
    expect(storedFileName(`${"😀".repeat(250)}`)).toBe("😀".repeat(200));
    expect(storedFileName("a\ud800b.pdf")).toBe("ab.pdf");
  });
});
