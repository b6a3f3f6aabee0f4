import { describe, expect, it } from "vitest";
import type { DatasetKey } from "../../app/modules/reports/catalogue";
import type { DatasetFigures, ReportFigures } from "../../app/modules/reports/datasets.server";
import {
  draftSections,
  periodLabel,
  vnCount,
  vnMoney,
  vnNumber,
  type DraftContext,
} from "../../app/modules/reports/drafting";
import {
  checkPeriod,
  nextDay,
  periodFromSearch,
  periodParams,
  provinceDayStart,
  readPeriodBound,
  yearsOf,
} from "../../app/modules/reports/period";

describe("the period", () => {
  it("reads years as whole years and dates as themselves", () => {
    expect(readPeriodBound("2021", false)).toBe("2021-01-01");
    expect(readPeriodBound("2025", true)).toBe("2025-12-31");
    expect(readPeriodBound("2024-07-01", false)).toBe("2024-07-01");
    expect(readPeriodBound("2024-02-30", false)).toBeNull();
    expect(readPeriodBound("hai nghìn", false)).toBeNull();
  });

  it("says which end is wrong", () => {
    expect(checkPeriod("2021", "2025")).toEqual({ period: { from: "2021-01-01", to: "2025-12-31" } });
    expect(checkPeriod("2025", "2021")).toEqual({ problem: "order" });
    expect(checkPeriod("2010", "2021")).toEqual({ problem: "from" });
    expect(checkPeriod("2021", "x")).toEqual({ problem: "to" });
    expect(checkPeriod("2015", "2035")).toEqual({ problem: "tooLong" });
    expect(checkPeriod("2024-07-01", "2024-06-30")).toEqual({ problem: "order" });
  });

  it("defaults to the five years before this one and this year, and keeps URLs short", () => {
    expect(periodFromSearch(new URLSearchParams(), "2026-11-23")).toEqual({
      period: { from: "2021-01-01", to: "2026-12-31" },
      problem: null,
    });
    expect(periodFromSearch(new URLSearchParams("from=2025&to=2021"), "2026-11-23").problem).toBe("order");
    expect(periodParams({ from: "2021-01-01", to: "2025-12-31" })).toEqual({ from: "2021", to: "2025" });
    expect(periodParams({ from: "2024-07-01", to: "2024-12-31" })).toEqual({ from: "2024-07-01", to: "2024" });
    expect(yearsOf({ from: "2023-07-01", to: "2024-06-30" })).toEqual([2023, 2024]);
  });

  it("knows when a day begins in the province", () => {
    expect(provinceDayStart("2021-01-01")).toBe("2020-12-31T17:00:00.000Z");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2025-12-31")).toBe("2026-01-01");
  });
});

describe("numbers the way the reports write them", () => {
  it("pads counts under ten, separates thousands with dots", () => {
    expect([0, 1, 9, 10, 20, 100, 1234, 1_500_000].map(vnCount)).toEqual([
      "0",
      "01",
      "09",
      "10",
      "20",
      "100",
      "1.234",
      "1.500.000",
    ]);
    expect(vnNumber(820)).toBe("820");
    expect(vnMoney(1_500_000_000)).toBe("1.500.000.000 đồng");
  });

  it("writes a non-whole figure with the decimal comma and no padding: 2,5, not 02.5", () => {
    expect(vnCount(2.5)).toBe("2,5");
    expect(vnNumber(2.5)).toBe("2,5");
    expect(vnNumber(1234.5)).toBe("1.234,5");
    expect(vnNumber(0.25)).toBe("0,25");
    expect(vnNumber(10.126)).toBe("10,13");
    expect(vnNumber(7.001)).toBe("7");
    expect(vnCount(9.5)).toBe("9,5");
    expect(vnCount(10.5)).toBe("10,5");
  });

  it("writes negative zero, and what rounds to zero, as 0", () => {
    expect(vnCount(-0)).toBe("0");
    expect(vnNumber(-0)).toBe("0");
    expect(vnNumber(-0.001)).toBe("0");
    expect(vnMoney(-0)).toBe("0 đồng");
  });

  it("keeps the sign of a negative figure, without padding", () => {
    expect(vnCount(-3)).toBe("-3");
    expect(vnNumber(-1_500_000)).toBe("-1.500.000");
    expect(vnNumber(-2.5)).toBe("-2,5");
  });

  it("writes NaN and Infinity as a dash for staff to see, never NaN, Infinity or a number", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(vnCount(value)).toBe("—");
      expect(vnNumber(value)).toBe("—");
      expect(vnMoney(value)).toBe("—");
    }
  });

  it("writes money as whole đồng and very large figures digit by digit", () => {
    expect(vnMoney(1_500_000.4)).toBe("1.500.000 đồng");
    expect(vnNumber(1e21)).toBe("1.000.000.000.000.000.000.000");
  });

  it("names the period", () => {
    expect(periodLabel({ from: "2021-01-01", to: "2025-12-31" })).toBe("giai đoạn 2021 – 2025");
    expect(periodLabel({ from: "2022-01-01", to: "2022-12-31" })).toBe("năm 2022");
    expect(periodLabel({ from: "2024-07-01", to: "2024-12-31" })).toBe("từ ngày 01/07/2024 đến ngày 31/12/2024");
  });
});

function figures(
  parts: Partial<Record<DatasetKey, Array<[string, number, number?]>>>,
  organisations: Partial<Record<DatasetKey, number>> = {},
): ReportFigures {
  const keys: DatasetKey[] = [
    "editions",
    "entries",
    "prizes",
    "incubation",
    "incubationAfterCompetition",
    "smeDossiers",
    "smeApproved",
    "smePaid",
    "techOutreach",
    "techConsultations",
    "techAssessments",
    "techApplications",
    "techCertificates",
    "techPipeline",
    "events",
    "mous",
    "mouFields",
  ];
  return Object.fromEntries(
    keys.map((key): [DatasetKey, DatasetFigures] => {
      const rows = parts[key] ?? [];
      const records = rows.reduce((sum, [, n]) => sum + n, 0);
      const amount = rows.reduce((sum, [, , a]) => sum + (a ?? 0), 0);
      return [
        key,
        {
          key,
          value: organisations[key] ?? records,
          total: { records, organisations: organisations[key] ?? null, amount },
          byPart: rows.map(([part, n, a]) => ({ part, records: n, organisations: null, amount: a ?? 0 })),
          byYear: [],
        },
      ];
    }),
  ) as ReportFigures;
}

const CONTEXT: DraftContext = {
  editions: [{ name: "Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi lần thứ 4 năm 2022", year: 2022 }],
  smeEnterprises: ["Công ty A", "Công ty B"],
  smeProgramme: { status: "paused", reason: "Chờ Thông tư hướng dẫn về tài chính." },
  stalledReasons: ["kinh phí của doanh nghiệp chưa bố trí kịp."],
};

describe("the drafted sections", () => {
  it("write the competition as the seed report does", () => {
    const text = draftSections(
      ["competition"],
      figures({
        editions: [["published", 1]],
        entries: [
          ["awarded", 6],
          ["not_awarded", 14],
        ],
        prizes: [
          ["Giải Nhất", 1],
          ["Giải Nhì", 1],
          ["Giải Ba", 2],
          ["Giải Khuyến khích", 2],
        ],
        events: [["startup_festival", 2]],
      }),
      CONTEXT,
    )[0].text;
    expect(text).toContain(
      "Tổ chức thành công Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi lần thứ 4 năm 2022. Cuộc thi đã nhận được 20 hồ sơ dự thi.",
    );
    expect(text).toContain(
      "trao giải cho 06 dự án, ý tưởng xuất sắc với 01 giải nhất, 01 giải nhì, 02 giải ba và 02 giải khuyến khích.",
    );
    expect(text).toContain("Tổ chức 02 lượt Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi.");
  });

  it("count several competitions as lượt", () => {
    const text = draftSections(
      ["competition"],
      figures({ editions: [["published", 3]], entries: [["not_awarded", 100]] }),
      { ...CONTEXT, editions: [] },
    )[0].text;
    expect(text).toContain(
      "Tổ chức 03 lượt Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi. Cuộc thi đã nhận được 100 hồ sơ dự thi",
    );
    expect(text).toContain("Kết quả Cuộc thi chưa được công bố");
  });

  it("name the SME dossiers' enterprises, the amounts and the pause", () => {
    const text = draftSections(
      ["sme"],
      figures({
        smeDossiers: [
          ["received", 1, 18_000_000],
          ["complete", 1, 60_000_000],
        ],
      }),
      CONTEXT,
    )[0].text;
    expect(text).toContain(
      "tiếp nhận 02 hồ sơ DNNVV tham gia Đề án (Công ty A; Công ty B), với tổng kinh phí đề nghị hỗ trợ 78.000.000 đồng.",
    );
    expect(text).toContain("01 hồ sơ đã tiếp nhận, đang kiểm tra; 01 hồ sơ đã đủ thành phần");
    expect(text).toContain("Chưa có hồ sơ được phê duyệt hỗ trợ.");
    expect(text).toContain("Tuy nhiên, Đề án đang tạm dừng: Chờ Thông tư hướng dẫn về tài chính.");
  });

  it("write the technology programme with outreach per channel and the stalled certificate's reason", () => {
    const text = draftSections(
      ["technology"],
      figures(
        {
          techOutreach: [
            ["leaflet", 200],
            ["letter", 260],
          ],
          techConsultations: [["field_visit", 10]],
          techCertificates: [["stalled", 1]],
        },
        { techOutreach: 400, techConsultations: 10 },
      ),
      CONTEXT,
    )[0].text;
    expect(text).toContain(
      "gửi tờ rơi trực tiếp đến 200 doanh nghiệp; gửi văn bản tuyên truyền, hướng dẫn đến 260 doanh nghiệp; tổng cộng 400 doanh nghiệp",
    );
    expect(text).toContain("hướng dẫn xây dựng hồ sơ cho 10 doanh nghiệp có nhu cầu tham gia Chương trình.");
    expect(text).toContain(
      "Cấp 01 Giấy xác nhận tham gia Chương trình cho 01 dự án. Tuy nhiên, 01 dự án dừng triển khai do kinh phí của doanh nghiệp chưa bố trí kịp.",
    );
  });

  it("write MOUs between whom and about what", () => {
    const text = draftSections(
      ["connections"],
      figures({
        mous: [
          ["enterprise_enterprise", 8],
          ["enterprise_expert", 6],
          ["enterprise_support", 6],
        ],
        mouFields: [
          ["technology_transfer_consulting", 12],
          ["trade_promotion", 11],
        ],
        events: [
          ["conference_training", 3, 180],
          ["workshop", 1, 150],
        ],
      }),
      CONTEXT,
    )[0].text;
    expect(text).toContain(
      "20 biên bản ghi nhớ được ký kết giữa doanh nghiệp với doanh nghiệp (08), doanh nghiệp với chuyên gia (06) và doanh nghiệp với các tổ chức hỗ trợ (06) về tư vấn chuyển giao công nghệ và xúc tiến thương mại.",
    );
    expect(text).toContain(
      "Tổ chức 04 sự kiện kết nối hệ sinh thái khởi nghiệp đổi mới sáng tạo với 330 lượt người, đơn vị tham gia, gồm: 03 hội nghị, lớp tập huấn; 01 hội thảo.",
    );
  });

  it("keep the chosen modules in a fixed order, numbered, and end with the assessment for staff to write", () => {
    const sections = draftSections(["connections", "competition"], figures({}), CONTEXT);
    expect(sections.map((s) => s.heading)).toEqual([
      "1. Cuộc thi Khởi nghiệp đổi mới sáng tạo",
      "2. Kết nối hệ sinh thái, sự kiện và biên bản ghi nhớ",
      "3. Đánh giá chung, kiến nghị",
    ]);
    expect(sections[0].text).toContain("không tổ chức Cuộc thi");
  });
});
