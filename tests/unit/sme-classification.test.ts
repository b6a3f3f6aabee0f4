import { describe, expect, it } from "vitest";
import {
  SME_SOURCE,
  SME_THRESHOLDS,
  classifySme,
  mainSectorGroup,
  type SectorGroup,
  type SmeSize,
} from "../../app/modules/sme/classification";

const BN = 1_000_000_000;
const FAR_ABOVE = 1000 * BN;

// Decree 80/2021, art. 5, written out again here so that a typo in the data fails a test.
const LIMITS: {
  group: SectorGroup;
  label: string;
  size: SmeSize;
  staff: number;
  revenueBn: number;
  capitalBn: number;
  next: SmeSize;
}[] = [
  {
    group: "agriculture_industry",
    label: "an agriculture/industry",
    size: "micro",
    staff: 10,
    revenueBn: 3,
    capitalBn: 3,
    next: "small",
  },
  {
    group: "agriculture_industry",
    label: "an agriculture/industry",
    size: "small",
    staff: 100,
    revenueBn: 50,
    capitalBn: 20,
    next: "medium",
  },
  {
    group: "agriculture_industry",
    label: "an agriculture/industry",
    size: "medium",
    staff: 200,
    revenueBn: 200,
    capitalBn: 100,
    next: "not_sme",
  },
  {
    group: "trade_services",
    label: "a trade/services",
    size: "micro",
    staff: 10,
    revenueBn: 10,
    capitalBn: 3,
    next: "small",
  },
  {
    group: "trade_services",
    label: "a trade/services",
    size: "small",
    staff: 50,
    revenueBn: 100,
    capitalBn: 50,
    next: "medium",
  },
  {
    group: "trade_services",
    label: "a trade/services",
    size: "medium",
    staff: 100,
    revenueBn: 300,
    capitalBn: 100,
    next: "not_sme",
  },
];

const money = (vnd: number) =>
  vnd % BN === 0
    ? `${vnd / BN} bn`
    : vnd % BN === 1
      ? `${(vnd - 1) / BN} bn + 1 đồng`
      : `${(vnd + 1) / BN} bn − 1 đồng`;

type Case = { name: string; input: Parameters<typeof classifySme>[0]; size: SmeSize };
const cases: Case[] = LIMITS.flatMap(({ group, label, size, staff, revenueBn, capitalBn, next }) => {
  const revenue = revenueBn * BN;
  const capital = capitalBn * BN;
  const firm = (employees: number, revenueVnd: number, capitalVnd: number, expected: SmeSize): Case => ({
    name: `classifies ${label} firm with ${employees} insured staff, ${money(revenueVnd)} revenue and ${money(capitalVnd)} capital as ${expected}`,
    input: { sectorGroup: group, employees, revenueVnd, capitalVnd },
    size: expected,
  });
  return [
    firm(staff - 1, revenue, FAR_ABOVE, size),
    firm(staff, revenue, FAR_ABOVE, size),
    firm(staff + 1, revenue, FAR_ABOVE, next),
    firm(staff, revenue - 1, FAR_ABOVE, size),
    firm(staff, revenue + 1, FAR_ABOVE, next),
    firm(staff, FAR_ABOVE, capital - 1, size),
    firm(staff, FAR_ABOVE, capital, size),
    firm(staff, FAR_ABOVE, capital + 1, next),
  ];
});

describe("classifySme at every threshold", () => {
  it.each(cases)("$name", ({ input, size }) => expect(classifySme(input).size).toBe(size));
});

describe("classifySme", () => {
  it("cites its source", () => expect(SME_SOURCE).toBe("Nghị định 80/2021/NĐ-CP, Điều 5"));
  it("lists the sizes smallest first for both sector groups", () => {
    for (const rows of Object.values(SME_THRESHOLDS))
      expect(rows.map((row) => row.size)).toEqual(["micro", "small", "medium"]);
  });
  it("classifies a trade firm with 50 insured staff and 100 bn revenue as small", () => {
    expect(
      classifySme({ sectorGroup: "trade_services", employees: 50, revenueVnd: 100 * BN, capitalVnd: FAR_ABOVE }).size,
    ).toBe("small");
  });
  it("classifies a firm with no insured staff and no revenue as micro", () => {
    expect(classifySme({ sectorGroup: "agriculture_industry", employees: 0, revenueVnd: 0, capitalVnd: 0 }).size).toBe(
      "micro",
    );
  });
  it("lets capital decide when revenue is over the limit", () => {
    expect(
      classifySme({ sectorGroup: "agriculture_industry", employees: 80, revenueVnd: 120 * BN, capitalVnd: 15 * BN }),
    ).toEqual({
      size: "small",
      decidedBy: { size: "small", maxEmployees: 100, maxRevenueVnd: 50 * BN, maxCapitalVnd: 20 * BN, by: "capital" },
    });
  });
  it("names revenue when revenue and capital both meet the limit", () => {
    expect(
      classifySme({ sectorGroup: "trade_services", employees: 5, revenueVnd: 2 * BN, capitalVnd: 1 * BN }),
    ).toEqual({
      size: "micro",
      decidedBy: { size: "micro", maxEmployees: 10, maxRevenueVnd: 10 * BN, maxCapitalVnd: 3 * BN, by: "revenue" },
    });
  });
  it("does not let revenue or capital make up for too many staff", () => {
    expect(
      classifySme({ sectorGroup: "trade_services", employees: 11, revenueVnd: 1 * BN, capitalVnd: 1 * BN }).size,
    ).toBe("small");
    expect(
      classifySme({ sectorGroup: "trade_services", employees: 101, revenueVnd: 1 * BN, capitalVnd: 1 * BN }),
    ).toEqual({ size: "not_sme", decidedBy: null });
  });
  it("finds a firm over both medium money limits not an SME", () => {
    expect(
      classifySme({ sectorGroup: "agriculture_industry", employees: 150, revenueVnd: 250 * BN, capitalVnd: 150 * BN }),
    ).toEqual({ size: "not_sme", decidedBy: null });
  });
});

describe("mainSectorGroup", () => {
  it("has no sector without business lines", () => expect(mainSectorGroup([])).toBeNull());
  it("takes the group of a single line", () =>
    expect(mainSectorGroup([{ group: "trade_services", revenueVnd: 0 }])).toBe("trade_services"));
  it("takes the group with the highest revenue", () => {
    expect(
      mainSectorGroup([
        { group: "trade_services", revenueVnd: 2 * BN },
        { group: "agriculture_industry", revenueVnd: 5 * BN },
      ]),
    ).toBe("agriculture_industry");
  });
  it("adds up the lines of one group", () => {
    const lines = [
      { group: "agriculture_industry", revenueVnd: 5 * BN },
      { group: "trade_services", revenueVnd: 3 * BN },
      { group: "trade_services", revenueVnd: 3 * BN },
    ] as const;
    expect(mainSectorGroup(lines)).toBe("trade_services");
  });
  it("takes the first line's group on a tie", () => {
    expect(
      mainSectorGroup([
        { group: "trade_services", revenueVnd: 4 * BN },
        { group: "agriculture_industry", revenueVnd: 4 * BN },
      ]),
    ).toBe("trade_services");
    expect(
      mainSectorGroup([
        { group: "agriculture_industry", revenueVnd: 4 * BN },
        { group: "trade_services", revenueVnd: 4 * BN },
      ]),
    ).toBe("agriculture_industry");
  });
});
