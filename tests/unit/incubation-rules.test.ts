import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  duePeriods,
  expectsReports,
  incubationActor,
  missingReports,
  milestoneState,
  nextIncubationStatus,
  nextReportPeriod,
} from "../../app/modules/incubation/rules";

describe("incubationActor", () => {
  it.each(["staff", "admin"] as const)("treats a %s as staff", (role) =>
    expect(incubationActor(role, false)).toBe("staff"),
  );
  it("makes a leader a reader, who keeps no record", () => expect(incubationActor("leader", false)).toBe("reader"));
  it("lets an incubator manager act only on their own incubator's records", () => {
    expect(incubationActor("incubator_manager", true)).toBe("own_incubator");
    expect(incubationActor("incubator_manager", false)).toBe("other");
  });
  it.each(["applicant", "judge"] as const)("gives a %s no say, even as a member", (role) =>
    expect(incubationActor(role, true)).toBe("other"),
  );
});

describe("nextIncubationStatus", () => {
  it("pauses an incubating record with a reason", () =>
    expect(nextIncubationStatus("incubating", "pause", "staff", "Thiếu vốn")).toEqual({ ok: true, status: "paused" }));
  it("refuses a pause without a reason", () =>
    expect(nextIncubationStatus("incubating", "pause", "staff", " ")).toEqual({
      ok: false,
      problem: "reasonRequired",
    }));
  it("resumes a paused record", () =>
    expect(nextIncubationStatus("paused", "resume", "own_incubator")).toEqual({ ok: true, status: "incubating" }));
  it("graduates an incubating record", () =>
    expect(nextIncubationStatus("incubating", "graduate", "own_incubator")).toEqual({ ok: true, status: "graduated" }));
  it("records a business founded from incubating or after graduation", () => {
    expect(nextIncubationStatus("incubating", "found_business", "staff")).toEqual({
      ok: true,
      status: "business_founded",
    });
    expect(nextIncubationStatus("graduated", "found_business", "staff")).toEqual({
      ok: true,
      status: "business_founded",
    });
  });
  it("stops a record only with a reason", () => {
    expect(nextIncubationStatus("incubating", "stop", "staff")).toEqual({ ok: false, problem: "reasonRequired" });
    expect(nextIncubationStatus("paused", "stop", "staff", "Nhóm giải thể")).toEqual({ ok: true, status: "stopped" });
  });
  it("refuses anyone who is neither staff nor the record's incubator", () =>
    expect(nextIncubationStatus("incubating", "graduate", "other")).toEqual({ ok: false, problem: "forbidden" }));
  it("refuses a reader (a leader) any move and offers them none", () => {
    expect(nextIncubationStatus("incubating", "graduate", "reader")).toEqual({ ok: false, problem: "forbidden" });
    expect(allowedEvents("incubating", "reader")).toEqual([]);
  });
  it("refuses an outsider as forbidden even a move the record's status does not allow", () =>
    expect(nextIncubationStatus("stopped", "resume", "other")).toEqual({ ok: false, problem: "forbidden" }));
  it("asks for a reason before anything else once the move is allowed", () =>
    expect(nextIncubationStatus("paused", "stop", "own_incubator", "")).toEqual({
      ok: false,
      problem: "reasonRequired",
    }));
  it.each([
    ["paused", "graduate"],
    ["paused", "pause"],
    ["incubating", "resume"],
    ["graduated", "stop"],
    ["business_founded", "resume"],
    ["stopped", "resume"],
  ] as const)("refuses %s → %s", (from, event) =>
    expect(nextIncubationStatus(from, event, "staff", "lý do")).toEqual({ ok: false, problem: "notAllowed" }),
  );
  it("offers only the allowed events", () => {
    expect(allowedEvents("incubating", "staff")).toEqual(["pause", "graduate", "found_business", "stop"]);
    expect(allowedEvents("paused", "own_incubator")).toEqual(["resume", "stop"]);
    expect(allowedEvents("stopped", "staff")).toEqual([]);
    expect(allowedEvents("incubating", "other")).toEqual([]);
  });
  it("expects reports only from open records", () => {
    expect(expectsReports("incubating")).toBe(true);
    expect(expectsReports("paused")).toBe(true);
    expect(expectsReports("graduated")).toBe(false);
    expect(expectsReports("stopped")).toBe(false);
  });
});

describe("milestoneState", () => {
  // 2026-03-10T18:00Z is already 11/3 01:00 in Quảng Ngãi.
  const now = "2026-03-10T18:00:00.000Z";
  it("is overdue when not done and due before today in the province", () =>
    expect(milestoneState({ due_on: "2026-03-10", done_on: null }, now, "incubating")).toBe("overdue"));
  it("is open on its due date", () =>
    expect(milestoneState({ due_on: "2026-03-11", done_on: null }, now, "incubating")).toBe("open"));
  it("is done when done on or before its due date", () =>
    expect(milestoneState({ due_on: "2026-03-01", done_on: "2026-03-01" }, now, "incubating")).toBe("done"));
  it("is done late when done after its due date", () =>
    expect(milestoneState({ due_on: "2026-03-01", done_on: "2026-03-02" }, now, "incubating")).toBe("done_late"));
  it("is overdue while the record is paused too", () =>
    expect(milestoneState({ due_on: "2026-03-10", done_on: null }, now, "paused")).toBe("overdue"));
  it.each(["graduated", "business_founded", "stopped"] as const)(
    "is never overdue once the record is %s, only unfinished",
    (status) => expect(milestoneState({ due_on: "2026-03-10", done_on: null }, now, status)).toBe("unfinished"),
  );
});

describe("report periods", () => {
  it("counts the quarters that have ended since the start", () => {
    expect(duePeriods("2023-01-01", 3, "2023-07-15T00:00:00Z")).toEqual([
      { start: "2023-01-01", end: "2023-03-31" },
      { start: "2023-04-01", end: "2023-06-30" },
    ]);
  });
  it("does not count the period still running", () =>
    expect(duePeriods("2023-01-01", 3, "2023-03-31T10:00:00Z")).toEqual([]));
  it("flags the ended periods without a report", () => {
    expect(missingReports("2023-01-01", 3, ["2023-01-01"], "2023-10-02T00:00:00Z")).toEqual([
      { start: "2023-04-01", end: "2023-06-30" },
      { start: "2023-07-01", end: "2023-09-30" },
    ]);
  });
  it("uses the record's own period length", () =>
    expect(missingReports("2023-01-15", 6, [], "2024-01-20T00:00:00Z")).toEqual([
      { start: "2023-01-15", end: "2023-07-14" },
      { start: "2023-07-15", end: "2024-01-14" },
    ]));
  it("keeps month ends inside short months", () =>
    expect(duePeriods("2023-08-31", 6, "2024-03-05T00:00:00Z")).toEqual([{ start: "2023-08-31", end: "2024-02-28" }]));
  it("stops counting after the end date", () =>
    expect(duePeriods("2023-01-01", 3, "2024-12-31T00:00:00Z", "2023-05-01")).toHaveLength(2));
  it("proposes the first missing period, else the current one", () => {
    expect(nextReportPeriod("2023-01-01", 3, [], "2023-05-01T00:00:00Z")).toEqual({
      start: "2023-01-01",
      end: "2023-03-31",
    });
    expect(nextReportPeriod("2023-01-01", 3, ["2023-01-01"], "2023-05-01T00:00:00Z")).toEqual({
      start: "2023-04-01",
      end: "2023-06-30",
    });
  });
});
