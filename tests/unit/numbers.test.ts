import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  machineToVietnamese,
  moneyInput,
  optionalInput,
  parseVietnameseNumber,
  quantityInput,
} from "../../app/lib/numbers";

const read = (text: unknown) => {
  const reading = parseVietnameseNumber(text);
  return reading.ok ? reading.value : reading.problem;
};

/** The first issue's message (an i18n key) and its params, or the parsed value. */
function outcome(schema: z.ZodTypeAny, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as { message: string; params?: Record<string, string> };
  return issue.params ? { message: issue.message, ...issue.params } : issue.message;
}

describe("parseVietnameseNumber: Vietnamese notation", () => {
  it("reads an empty or blank field as not given, never as 0", () => {
    expect(read("")).toBe("empty");
    expect(read(" ")).toBe("empty");
    expect(read("\u00a0\t")).toBe("empty");
    expect(read(undefined)).toBe("empty");
  });

  it("reads 0 as zero", () => {
    expect(read("0")).toBe(0);
  });

  it("reads the comma as the decimal sign: 3,5 is three and a half", () => {
    expect(read("3,5")).toBe(3.5);
    expect(read("49,5")).toBe(49.5);
    expect(read("0,75")).toBe(0.75);
  });

  it("reads dots between groups of three as thousands separators: 1.500.000 is one and a half million", () => {
    expect(read("1.500.000")).toBe(1_500_000);
    expect(read("3.500.000.000")).toBe(3_500_000_000);
    expect(read("1.500")).toBe(1500);
  });

  it("reads spaces between groups of three the same way, non-breaking and thin spaces included", () => {
    expect(read("1 500 000")).toBe(1_500_000);
    expect(read("1\u00a0500\u00a0000")).toBe(1_500_000);
    expect(read("1\u202f500\u2009000")).toBe(1_500_000);
  });

  it("reads thousands dots with a decimal comma: 1.500,75", () => {
    expect(read("1.500,75")).toBe(1500.75);
    expect(read("1 500,75")).toBe(1500.75);
  });

  it("reads a single dot not followed by exactly three digits as a decimal point: 1.5 is one and a half, never fifteen", () => {
    expect(read("1.5")).toBe(1.5);
    expect(read("3.5")).toBe(3.5);
    expect(read("49.50")).toBe(49.5);
    expect(read("0.7525")).toBe(0.7525);
  });

  it("refuses thousands groups that are not of three digits", () => {
    expect(read("12.34.567")).toBe("notation");
    expect(read("1.5.000")).toBe("notation");
    expect(read("1234.567")).toBe("notation");
    expect(read("0.500")).toBe("notation");
    expect(read("1 50 000")).toBe("notation");
    expect(read("1.500 000")).toBe("notation");
  });

  it("refuses commas between thousands (English notation) rather than reading 1,500,000 as a decimal", () => {
    expect(read("1,500,000")).toBe("notation");
    expect(read("1,500.75")).toBe("notation");
  });

  it("reads a leading minus, and leaves the bounds to the field", () => {
    expect(read("-1")).toBe(-1);
    expect(read("\u22122,5")).toBe(-2.5);
    expect(Object.is(read("-0"), 0)).toBe(true);
  });

  it("refuses exponents, letters, foreign digits, dangling separators and extra signs", () => {
    for (const text of [
      "1e6",
      "12abc",
      "١٢",
      "１２",
      "5,",
      ",5",
      ".5",
      "5.",
      "--1",
      "1-",
      "+-1",
      "Infinity",
      "NaN",
      "0x10",
      "1_000",
    ])
      expect([text, read(text)]).toEqual([text, "notation"]);
  });

  it("refuses pasted text longer than any amount", () => {
    expect(read("1".repeat(41))).toBe("notation");
  });

  it("takes a finite number as it is (a value that was never text)", () => {
    expect(read(1_500_000)).toBe(1_500_000);
    expect(read(Number.NaN)).toBe("notation");
    expect(read(Number.POSITIVE_INFINITY)).toBe("notation");
  });
});

describe("machineToVietnamese: a spreadsheet's numeric cell as the reader reads it", () => {
  it("writes the decimal point as a comma, so that 1.234 stays one point two three four", () => {
    expect(read(machineToVietnamese(1.234))).toBe(1.234);
    expect(read(machineToVietnamese(1_500_000))).toBe(1_500_000);
    expect(read(machineToVietnamese(-49.5))).toBe(-49.5);
  });
});

describe("moneyInput: an integer number of đồng", () => {
  const money = moneyInput();

  it("reads 3.500.000.000 as three and a half billion đồng", () => {
    expect(outcome(money, "3.500.000.000")).toBe(3_500_000_000);
    expect(outcome(money, "1 500 000")).toBe(1_500_000);
  });

  it("says a number is required when the field is empty", () => {
    expect(outcome(money, undefined)).toBe("errors.numberRequired");
    expect(outcome(money, "")).toBe("errors.numberRequired");
  });

  it("refuses a fraction of a đồng (3,5 typed for 3,5 tỷ) instead of reading 35 or 3", () => {
    expect(outcome(money, "3,5")).toBe("errors.wholeDong");
    expect(outcome(money, "1.500,75")).toBe("errors.wholeDong");
  });

  it("refuses 1,500,000 with the notation message", () => {
    expect(outcome(money, "1,500,000")).toBe("errors.numberNotation");
  });

  it("refuses a negative amount at the lower bound and accepts 0", () => {
    expect(outcome(money, "-1")).toEqual({ message: "errors.tooSmall", min: "0" });
    expect(outcome(money, "0")).toBe(0);
  });

  it("holds the field's bounds exactly at the boundary", () => {
    const cost = moneyInput({ min: 1, max: 1_000_000 });
    expect(outcome(cost, "0")).toEqual({ message: "errors.tooSmall", min: "1" });
    expect(outcome(cost, "1")).toBe(1);
    expect(outcome(cost, "1.000.000")).toBe(1_000_000);
    expect(outcome(cost, "1.000.001")).toEqual({ message: "errors.tooLarge", max: "1.000.000" });
  });

  it("refuses amounts beyond what is exactly representable", () => {
    expect(outcome(money, "9.007.199.254.740.992")).toEqual({
      message: "errors.tooLarge",
      max: "9.007.199.254.740.991",
    });
  });
});

describe("quantityInput", () => {
  it("refuses a fraction where a whole number is counted", () => {
    expect(outcome(quantityInput(), "2,5")).toBe("errors.wholeNumber");
    expect(outcome(quantityInput(), "1.500")).toBe(1500);
  });

  it("takes a fractional yearly average of insured staff: 49,5", () => {
    const employees = quantityInput({ fractional: true, max: 1_000_000 });
    expect(outcome(employees, "49,5")).toBe(49.5);
    expect(outcome(employees, "49.5")).toBe(49.5);
    expect(outcome(employees, "")).toBe("errors.numberRequired");
  });
});

describe("optionalInput", () => {
  const optionalMoney = optionalInput(moneyInput());

  it("leaves a blank optional field not given", () => {
    expect(outcome(optionalMoney, undefined)).toBeUndefined();
    expect(outcome(optionalMoney, "  ")).toBeUndefined();
  });

  it("still reads and checks a value that is given", () => {
    expect(outcome(optionalMoney, "2.000")).toBe(2000);
    expect(outcome(optionalMoney, "2,5")).toBe("errors.wholeDong");
  });
});
