import { describe, expect, it } from "vitest";
import { workCalendar } from "../../app/lib/working-days";
import {
  allowedApplicationEvents,
  APPLICATION_EVENTS,
  APPLICATION_STATUSES,
  applicationDueOn,
  assessTechnology,
  certificateFormatProblem,
  DEFAULT_CERTIFICATE_FORMAT,
  formatCertificateNumber,
  normaliseCertificateFormat,
  parseCertificateNumber,
  checkScores,
  evaluateFormula,
  FormulaError,
  groupScores,
  implementationNeedsReason,
  levelOf,
  nextApplicationStatus,
  nextCertificateSeq,
  pipelineStage,
  type Criterion,
  type LevelBand,
} from "../../app/modules/technology/rules";

// The shape of Circular 17/2019: 26 criteria, T 30 pts/7, E 20/5, O 19/5, R 17/5, I 14/4.
const MAX: Record<string, number[]> = {
  T: [5, 5, 4, 4, 4, 4, 4],
  E: [4, 4, 4, 4, 4],
  O: [4, 4, 4, 4, 3],
  R: [4, 4, 3, 3, 3],
  I: [4, 4, 3, 3],
};
const CRITERIA: Criterion[] = Object.entries(MAX).flatMap(([group, maxima]) =>
  maxima.map((max, index) => ({
    code: `${group}${index + 1}`,
    group_code: group as Criterion["group_code"],
    max_points: max,
  })),
);
const BANDS: LevelBand[] = [
  { code: "backward", rank: 0, min_total: 0, min_coefficient: 0 },
  { code: "below_average", rank: 1, min_total: 35, min_coefficient: 0.4 },
  { code: "average", rank: 2, min_total: 50, min_coefficient: 0.5 },
  { code: "above_average", rank: 3, min_total: 65, min_coefficient: 0.6 },
  { code: "advanced", rank: 4, min_total: 80, min_coefficient: 0.7 },
];
const FORMULA = "min(T/30, E/20, O/19, R/17, I/14) / max(T/30, E/20, O/19, R/17, I/14)";
const full = Object.fromEntries(CRITERIA.map((c) => [c.code, c.max_points]));
const fraction = (share: number) => Object.fromEntries(CRITERIA.map((c) => [c.code, c.max_points * share]));

describe("technology-level assessment", () => {
  it("has 26 criteria worth 100 points in five groups", () => {
    expect(CRITERIA).toHaveLength(26);
    expect(groupScores(CRITERIA, full)).toEqual({ T: 30, E: 20, O: 19, R: 17, I: 14 });
  });

  it("rates an enterprise with every criterion at its maximum as advanced, coefficient 1", () => {
    expect(assessTechnology(CRITERIA, BANDS, FORMULA, full)).toEqual({
      groups: { T: 30, E: 20, O: 19, R: 17, I: 14 },
      total: 100,
      coefficient: 1,
      levelCode: "advanced",
    });
  });

  it("rates a balanced enterprise at 55 % of every criterion as average", () => {
    const result = assessTechnology(CRITERIA, BANDS, FORMULA, fraction(0.55));
    expect(result.total).toBe(55);
    expect(result.coefficient).toBe(1);
    expect(result.levelCode).toBe("average");
  });

  it("holds back an unbalanced enterprise: a high total with one weak group falls to the band its coefficient allows", () => {
    const scores = { ...full, R1: 0, R2: 0, R3: 0, R4: 0, R5: 0.85 }; // R at 5 % of its maximum
    const result = assessTechnology(CRITERIA, BANDS, FORMULA, scores);
    expect(result.total).toBe(83.85);
    expect(result.coefficient).toBe(0.05);
    expect(result.levelCode).toBe("backward");
  });

  it("reports the formula's 0/0 for an enterprise scored 0 everywhere instead of ranking it at the lowest level", () => {
    expect(() => assessTechnology(CRITERIA, BANDS, FORMULA, fraction(0))).toThrow(
      expect.objectContaining({ problem: "divisionByZero" }),
    );
  });

  it("computes a coefficient of 0 when the formula defines one for an enterprise scored 0 everywhere", () => {
    expect(assessTechnology(CRITERIA, BANDS, "min(T/30, E/20, O/19, R/17, I/14)", fraction(0))).toMatchObject({
      total: 0,
      coefficient: 0,
      levelCode: "backward",
    });
  });

  it("takes the bands as data: raising a threshold changes the level", () => {
    const stricter = BANDS.map((band) => (band.code === "average" ? { ...band, min_total: 60 } : band));
    expect(levelOf(stricter, 55, 1)).toBe("below_average");
    expect(levelOf(BANDS, 55, 1)).toBe("average");
  });

  it("names every missing or out-of-range criterion", () => {
    const { T1: _, ...withoutT1 } = full;
    expect(checkScores(CRITERIA, { ...withoutT1, E1: 5, O5: -1 })).toEqual([
      { code: "T1", problem: "missing" },
      { code: "E1", problem: "outOfRange" },
      { code: "O5", problem: "outOfRange" },
    ]);
    expect(checkScores(CRITERIA, full)).toEqual([]);
  });

  it("evaluates the coefficient formula as data and refuses anything else", () => {
    expect(evaluateFormula("avg(T, E) * 2 - (O + 1) / 2", { T: 10, E: 20, O: 3 })).toBe(28);
    expect(evaluateFormula("sqrt(T) + -E", { T: 16, E: 1 })).toBe(3);
    expect(() => evaluateFormula("process.exit(1)", { T: 1 })).toThrow(FormulaError);
    expect(() => evaluateFormula("T +", { T: 1 })).toThrow(FormulaError);
    expect(() => evaluateFormula("X * 2", { T: 1 })).toThrow(FormulaError);
    expect(() => evaluateFormula("T T", { T: 1 })).toThrow(FormulaError);
  });
});

describe("the coefficient formula's evaluator", () => {
  const GROUPS = { T: 30, E: 20, O: 19, R: 17, I: 14 };
  const problemOf = (formula: string, variables: Record<string, number> = GROUPS) => {
    try {
      return evaluateFormula(formula, variables);
    } catch (error) {
      if (error instanceof FormulaError) return error.problem;
      throw error;
    }
  };

  it("looks names up among its own variables only: constructor, __proto__, toString, hasOwnProperty are unknown", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"]) {
      expect([name, problemOf(name)]).toEqual([name, "unknownName"]);
      expect([name, problemOf(`T + ${name}`)]).toEqual([name, "unknownName"]);
    }
  });

  it("calls only its four functions: constructor(), toString(), hasOwnProperty() are unknown", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "eval", "Math"])
      expect([name, problemOf(`${name}(T)`)]).toEqual([name, "unknownFunction"]);
  });

  it("refuses 10 000 nested parentheses without throwing anything but a formula error", () => {
    const deep = `${"(".repeat(10_000)}T${")".repeat(10_000)}`;
    expect(problemOf(deep)).toBe("tooLong");
    expect(problemOf(`${"(".repeat(200)}T${")".repeat(200)}`)).toBe("tooDeep");
    expect(problemOf(`${"-".repeat(200)}T`)).toBe("tooDeep");
    expect(problemOf(`${"min(".repeat(60)}T${")".repeat(60)}`)).toBe("tooDeep");
  });

  it("accepts nesting up to the bound and a formula of 500 characters, refusing 501", () => {
    expect(problemOf(`${"(".repeat(32)}T${")".repeat(32)}`)).toBe(30);
    expect(problemOf(`${"(".repeat(33)}T${")".repeat(33)}`)).toBe("tooDeep");
    const sum = (length: number) => `T${" + 0".repeat((length - 1) / 4)}`;
    expect(sum(497).length).toBe(497);
    expect(problemOf(`${sum(497)}   `)).toBe(30);
    expect(problemOf(`${sum(497)}    `)).toBe("tooLong");
  });

  it("reports 1/0 and 0/0 as division by zero, and a result that is not a finite number", () => {
    expect(problemOf("1/0")).toBe("divisionByZero");
    expect(problemOf("0/0")).toBe("divisionByZero");
    expect(problemOf("T / (E - 20)")).toBe("divisionByZero");
    expect(problemOf("T / E", { ...GROUPS, E: 0 })).toBe("divisionByZero");
    expect(problemOf("sqrt(-1)")).toBe("notFinite");
    expect(problemOf(`${"9".repeat(200)} * ${"9".repeat(200)}`)).toBe("notFinite");
  });

  it("evaluates valid formulas as before", () => {
    expect(problemOf(FORMULA)).toBe(1);
    expect(problemOf("avg(T, E) * 2 - (O + 1) / 2")).toBe(40);
    expect(problemOf("MIN(T, E) + Max(O, R)")).toBe(39);
    expect(problemOf("-(-T)")).toBe(30);
  });
});

describe("participation certificate numbers", () => {
  const F = DEFAULT_CERTIFICATE_FORMAT;

  it("writes the department's series with its year, with a leading zero below 10", () => {
    expect(F).toBe("{số}/{năm}/GXN-SKHCN");
    expect(formatCertificateNumber(F, 1, 2026)).toBe("01/2026/GXN-SKHCN");
    expect(formatCertificateNumber(F, 9, 2026)).toBe("09/2026/GXN-SKHCN");
    expect(formatCertificateNumber(F, 12, 2025)).toBe("12/2025/GXN-SKHCN");
    expect(formatCertificateNumber(F, 105, 2026)).toBe("105/2026/GXN-SKHCN");
    expect(formatCertificateNumber("GXN-{năm}-{số}", 3, 2027)).toBe("GXN-2027-03");
  });

  it("reads a number back as its place in the year's series, and nothing else", () => {
    expect(parseCertificateNumber(F, "01/2026/GXN-SKHCN")).toEqual({ seq: 1, year: 2026 });
    expect(parseCertificateNumber(F, " 105/2025/GXN-SKHCN ")).toEqual({ seq: 105, year: 2025 });
    expect(parseCertificateNumber("GXN-{năm}-{số}", "GXN-2027-03")).toEqual({ seq: 3, year: 2027 });
    expect(parseCertificateNumber("Số {số} (năm {năm}).", "Số 07 (năm 2026).")).toEqual({ seq: 7, year: 2026 });
    for (const other of [
      "01/GXN-SKHCN",
      "1/2026/GXN-SKHCN",
      "001/2026/GXN-SKHCN",
      "00/2026/GXN-SKHCN",
      "01/26/GXN-SKHCN",
    ])
      expect(parseCertificateNumber(F, other)).toBeNull();
    expect(parseCertificateNumber("{số}/GXN-SKHCN", "01/GXN-SKHCN")).toBeNull();
  });

  it("round-trips every number of a year through the format", () => {
    for (const seq of [1, 9, 10, 99, 100, 1234])
      expect(parseCertificateNumber(F, formatCertificateNumber(F, seq, 2026))).toEqual({ seq, year: 2026 });
  });

  it.each([
    ["{số}/{năm}/GXN-SKHCN", null],
    ["GXN-{năm}-{số}", null],
    ["{số}/GXN-SKHCN", "missingYear"],
    ["{năm}/GXN-SKHCN", "missingNumber"],
    ["{số}/{năm}/{số}", "repeated"],
    ["{số}/{năm}/{tháng}", "unknownPlaceholder"],
    ["{số}/{năm}/GXN}", "unknownPlaceholder"],
    ["{số}{năm}/GXN", "adjacent"],
    ["{số}/{năm}1/GXN", "adjacent"],
    ["2{số}/{năm}", "adjacent"],
    ["{số}/{năm}/" + "X".repeat(60), "tooLong"],
    ["{số}/{năm}\n/GXN", "invalidCharacter"],
  ])("judges the format %j: %s", (format, problem) => {
    expect(certificateFormatProblem(format)).toBe(problem);
  });

  it("takes the placeholders however they were typed: decomposed accents, capitals, spaces around", () => {
    const typed = "  {SỐ}/{Năm}/GXN-SKHCN ".normalize("NFD");
    expect(normaliseCertificateFormat(typed)).toBe(F);
    expect(certificateFormatProblem(normaliseCertificateFormat(typed))).toBeNull();
  });

  it("starts each year at 1 and continues from the highest number issued, without gaps", () => {
    expect(nextCertificateSeq(null)).toBe(1);
    expect(nextCertificateSeq(7)).toBe(8);
    expect(() => formatCertificateNumber(F, 0, 2026)).toThrow(RangeError);
    expect(() => formatCertificateNumber(F, 1, 26)).toThrow(RangeError);
  });
});

describe("application workflow", () => {
  it("lets only a leader approve, reject or return a reviewed application", () => {
    for (const event of ["approve", "reject", "return_for_review"] as const) {
      expect(nextApplicationStatus("reviewed", event, "staff", { reason: "x" })).toEqual({
        ok: false,
        problem: "forbidden",
      });
      expect(nextApplicationStatus("reviewed", event, "owner", { reason: "x" })).toEqual({
        ok: false,
        problem: "forbidden",
      });
      expect(nextApplicationStatus("reviewed", event, "leader", { reason: "x" }).ok).toBe(true);
    }
  });

  it("follows received → supplement → complete → reviewed → approved", () => {
    expect(nextApplicationStatus("draft", "submit", "owner")).toEqual({ ok: true, status: "received" });
    expect(
      nextApplicationStatus("received", "request_supplement", "staff", {
        reason: "Thiếu báo giá",
        dueOn: "2026-12-01",
      }),
    ).toEqual({ ok: true, status: "supplement_requested" });
    expect(nextApplicationStatus("supplement_requested", "supplement", "owner")).toEqual({
      ok: true,
      status: "received",
    });
    expect(nextApplicationStatus("received", "mark_complete", "staff")).toEqual({ ok: true, status: "complete" });
    expect(nextApplicationStatus("complete", "review", "staff", { reason: "Đủ điều kiện" })).toEqual({
      ok: true,
      status: "reviewed",
    });
    expect(nextApplicationStatus("reviewed", "approve", "leader")).toEqual({ ok: true, status: "approved" });
  });

  it("asks for what a step needs: a reason to reject, a date to request a supplement", () => {
    expect(nextApplicationStatus("received", "reject", "leader", { reason: "  " })).toEqual({
      ok: false,
      problem: "reasonRequired",
    });
    expect(nextApplicationStatus("received", "request_supplement", "staff", { reason: "Thiếu" })).toEqual({
      ok: false,
      problem: "dueDateRequired",
    });
  });

  it("refuses every event from a final status", () => {
    for (const status of ["approved", "rejected", "withdrawn"] as const) {
      for (const event of APPLICATION_EVENTS)
        expect(nextApplicationStatus(status, event, "leader", { reason: "x", dueOn: "2026-12-01" }).ok).toBe(false);
      expect(allowedApplicationEvents(status, "leader")).toEqual([]);
    }
  });

  it("offers each actor only the events the machine allows", () => {
    for (const status of APPLICATION_STATUSES) {
      for (const actor of ["owner", "staff", "leader", "other"] as const) {
        for (const event of allowedApplicationEvents(status, actor))
          expect(nextApplicationStatus(status, event, actor, { reason: "x", dueOn: "2026-12-01" }).ok).toBe(true);
      }
    }
    expect(allowedApplicationEvents("received", "other")).toEqual([]);
  });

  it("counts the check from receipt and the decision from completeness in working days, skipping holidays", () => {
    const durations = { checkWorkingDays: 3, decisionWorkingDays: 14 };
    // Received on Friday 2026-04-24: Mon 27, Tue 28, (Thu 30/4 and Fri 1/5 are holidays) Wed 29 → due Wed 29.
    expect(
      applicationDueOn(
        { status: "received", stepStartedOn: "2026-04-24", receivedCompleteOn: null, currentDueOn: null },
        durations,
        workCalendar({ daysOff: ["2026-04-30", "2026-05-01"] }),
      ),
    ).toBe("2026-04-29");
    expect(
      applicationDueOn(
        { status: "reviewed", stepStartedOn: "2026-04-24", receivedCompleteOn: "2026-11-02", currentDueOn: null },
        durations,
        workCalendar(),
      ),
    ).toBe("2026-11-20");
    expect(
      applicationDueOn(
        { status: "supplement_requested", stepStartedOn: null, receivedCompleteOn: null, currentDueOn: "2026-12-01" },
        durations,
        workCalendar(),
      ),
    ).toBe("2026-12-01");
    expect(
      applicationDueOn(
        { status: "approved", stepStartedOn: null, receivedCompleteOn: "2026-11-02", currentDueOn: null },
        durations,
        workCalendar(),
      ),
    ).toBeNull();
  });

  it("asks a reason for a stalled or cancelled project only", () => {
    expect(implementationNeedsReason("stalled")).toBe(true);
    expect(implementationNeedsReason("cancelled")).toBe(true);
    expect(implementationNeedsReason("implementing")).toBe(false);
    expect(implementationNeedsReason("accepted")).toBe(false);
  });
});

describe("pipeline stage", () => {
  const app = (
    status: (typeof APPLICATION_STATUSES)[number],
    implementationStatus: "implementing" | "stalled" | "completed" | "accepted" | "cancelled" | null = null,
    certificateValid = status === "approved",
  ) => ({ status, implementationStatus, certificateValid });

  it("is nothing for an enterprise the programme never touched", () => {
    expect(pipelineStage({ reached: false, consulted: false, applications: [] })).toBeNull();
  });

  it("moves contacted → consulted → applied → certified → implementing → accepted", () => {
    expect(pipelineStage({ reached: true, consulted: false, applications: [] })).toBe("contacted");
    expect(pipelineStage({ reached: true, consulted: true, applications: [] })).toBe("consulted");
    expect(pipelineStage({ reached: false, consulted: true, applications: [app("received")] })).toBe("applied");
    expect(pipelineStage({ reached: true, consulted: true, applications: [app("approved")] })).toBe("certified");
    expect(pipelineStage({ reached: true, consulted: true, applications: [app("approved", "implementing")] })).toBe(
      "implementing",
    );
    expect(pipelineStage({ reached: true, consulted: true, applications: [app("approved", "accepted")] })).toBe(
      "accepted",
    );
  });

  it("marks a certified project whose own funds were not arranged as stalled", () => {
    expect(pipelineStage({ reached: true, consulted: true, applications: [app("approved", "stalled")] })).toBe(
      "stalled",
    );
    expect(pipelineStage({ reached: true, consulted: true, applications: [app("approved", null, false)] })).toBe(
      "stalled",
    );
  });

  it("does not count a draft, a refusal or a withdrawal as applying", () => {
    expect(
      pipelineStage({
        reached: true,
        consulted: true,
        applications: [app("draft"), app("rejected"), app("withdrawn")],
      }),
    ).toBe("consulted");
  });

  it("lets the most advanced application decide", () => {
    expect(
      pipelineStage({
        reached: true,
        consulted: true,
        applications: [app("approved", "stalled"), app("approved", "implementing")],
      }),
    ).toBe("implementing");
    expect(
      pipelineStage({ reached: true, consulted: true, applications: [app("approved", "stalled"), app("received")] }),
    ).toBe("stalled");
  });
});
