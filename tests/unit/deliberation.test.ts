import { describe, expect, it } from "vitest";
import { judgeDeliberationAccess, judgeNumbers, showsJudgeNames } from "../../app/modules/judging/deliberation";

const base = { deliberation: true, assigned: true, conflicted: false, ownSheetStatus: "submitted" as const };

describe("judgeDeliberationAccess", () => {
  it("lets an assigned judge without a conflict read the other sheets once their own is submitted", () => {
    expect(judgeDeliberationAccess(base)).toBe("allowed");
  });
  it("refuses while the judge's own sheet is a draft or not started", () => {
    expect(judgeDeliberationAccess({ ...base, ownSheetStatus: "draft" })).toBe("notSubmitted");
    expect(judgeDeliberationAccess({ ...base, ownSheetStatus: null })).toBe("notSubmitted");
  });
  it("refuses in a round without deliberation, to a judge not assigned, and always with a conflict", () => {
    expect(judgeDeliberationAccess({ ...base, deliberation: false })).toBe("roundOff");
    expect(judgeDeliberationAccess({ ...base, assigned: false })).toBe("notAssigned");
    expect(judgeDeliberationAccess({ ...base, conflicted: true })).toBe("conflicted");
  });
});

describe("judgeNumbers", () => {
  it("numbers judges 1, 2, 3 in the order of their ids, whatever order they come in", () => {
    expect([...judgeNumbers(["c", "a", "b", "a"]).entries()]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });
});

describe("showsJudgeNames", () => {
  it("hides judges' names from one another in a blind round only; staff always see them", () => {
    expect(showsJudgeNames("judge", true)).toBe(false);
    expect(showsJudgeNames("judge", false)).toBe(true);
    expect(showsJudgeNames("staff", true)).toBe(true);
  });
});
