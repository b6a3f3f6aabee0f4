import { describe, expect, it } from "vitest";
import { workCalendar, workingDaysBetween } from "../../app/lib/working-days";
import {
  dossierDueOn,
  decisionClockStartsOn,
  DECISION_WORKING_DAYS,
  DOSSIER_EVENTS,
  DOSSIER_STATUSES,
  allowedDossierEvents,
  clockRuns,
  isEditableByOwner,
  isFinal,
  nextDossierStatus,
  type DossierActor,
  type DossierEvent,
  type DossierStatus,
} from "../../app/modules/sme/workflow";

// The transition table written out again, so that a slip in the module's table fails here.
// Note: an admin is mapped to "staff" by the caller (processing), never to "leader" (deciding).
const TABLE: Record<DossierEvent, { from: DossierStatus[]; to: DossierStatus; by: DossierActor }> = {
  submit: { from: ["draft"], to: "submitted", by: "owner" },
  receive: { from: ["submitted"], to: "received", by: "staff" },
  request_supplement: { from: ["received"], to: "supplement_requested", by: "staff" },
  supplement: { from: ["supplement_requested"], to: "received", by: "owner" },
  mark_complete: { from: ["received"], to: "complete", by: "staff" },
  start_appraisal: { from: ["complete"], to: "under_appraisal", by: "staff" },
  propose: { from: ["under_appraisal"], to: "proposed", by: "staff" },
  return_for_appraisal: { from: ["proposed"], to: "under_appraisal", by: "leader" },
  approve: { from: ["proposed"], to: "approved", by: "leader" },
  reject: { from: ["received", "complete", "under_appraisal", "proposed"], to: "rejected", by: "leader" },
  record_payment: { from: ["approved"], to: "paid", by: "staff" },
  close: { from: ["paid", "rejected", "withdrawn"], to: "closed", by: "staff" },
  withdraw: {
    from: ["submitted", "received", "supplement_requested", "complete", "under_appraisal", "proposed"],
    to: "withdrawn",
    by: "owner",
  },
};
const ACTORS: DossierActor[] = ["owner", "staff", "leader", "other"];
// Every input any transition may need, so that only the status and the actor decide.
const FULL = { reason: "Thiếu báo giá của đơn vị tư vấn", amountVnd: 50_000_000, dueOn: "2026-03-20" };

const pairs = DOSSIER_STATUSES.flatMap((status) => DOSSIER_EVENTS.map((event) => [status, event] as const));
const allowed = pairs.filter(([status, event]) => TABLE[event].from.includes(status));
const notAllowed = pairs.filter(([status, event]) => !TABLE[event].from.includes(status));

describe("nextDossierStatus", () => {
  it.each(notAllowed)("refuses a dossier in %s the event %s, whoever asks", (status, event) => {
    for (const actor of ACTORS)
      expect(nextDossierStatus(status, event, actor, FULL)).toEqual({ ok: false, problem: "notAllowed" });
  });

  it.each(allowed)("lets only the right actor move a dossier in %s by %s", (status, event) => {
    const { to, by } = TABLE[event];
    for (const actor of ACTORS) {
      expect(nextDossierStatus(status, event, actor, FULL)).toEqual(
        actor === by ? { ok: true, status: to } : { ok: false, problem: "forbidden" },
      );
    }
  });

  it("asks for a reason and a due date before requesting a supplement", () => {
    expect(nextDossierStatus("received", "request_supplement", "staff", { dueOn: "2026-03-20" })).toEqual({
      ok: false,
      problem: "reasonRequired",
    });
    expect(nextDossierStatus("received", "request_supplement", "staff", { reason: "  ", dueOn: "2026-03-20" })).toEqual(
      { ok: false, problem: "reasonRequired" },
    );
    expect(nextDossierStatus("received", "request_supplement", "staff", { reason: "Thiếu báo giá" })).toEqual({
      ok: false,
      problem: "dueDateRequired",
    });
    expect(
      nextDossierStatus("received", "request_supplement", "staff", { reason: "Thiếu báo giá", dueOn: "20/03/2026" }),
    ).toEqual({ ok: false, problem: "dueDateRequired" });
  });
  it.each([
    ["reject", "received", "leader"],
    ["return_for_appraisal", "proposed", "leader"],
    ["withdraw", "submitted", "owner"],
  ] as const)("asks for a reason to %s", (event, status, actor) => {
    expect(nextDossierStatus(status, event, actor, { reason: null })).toEqual({ ok: false, problem: "reasonRequired" });
  });
  it.each([
    ["propose", "under_appraisal", "staff"],
    ["approve", "proposed", "leader"],
    ["record_payment", "approved", "staff"],
  ] as const)("asks for a positive whole amount to %s", (event, status, actor) => {
    for (const amountVnd of [undefined, null, 0, -1, 1.5])
      expect(nextDossierStatus(status, event, actor, { amountVnd })).toEqual({ ok: false, problem: "amountRequired" });
  });
  it("checks the status before the actor, and the actor before the inputs", () => {
    expect(nextDossierStatus("draft", "approve", "other")).toEqual({ ok: false, problem: "notAllowed" });
    expect(nextDossierStatus("proposed", "approve", "staff")).toEqual({ ok: false, problem: "forbidden" });
  });

  it("walks a dossier from draft to closed", () => {
    const steps: [DossierEvent, DossierActor, DossierStatus][] = [
      ["submit", "owner", "submitted"],
      ["receive", "staff", "received"],
      ["request_supplement", "staff", "supplement_requested"],
      ["supplement", "owner", "received"],
      ["mark_complete", "staff", "complete"],
      ["start_appraisal", "staff", "under_appraisal"],
      ["propose", "staff", "proposed"],
      ["return_for_appraisal", "leader", "under_appraisal"],
      ["propose", "staff", "proposed"],
      ["approve", "leader", "approved"],
      ["record_payment", "staff", "paid"],
      ["close", "staff", "closed"],
    ];
    let status: DossierStatus = "draft";
    for (const [event, actor, expected] of steps) {
      const result = nextDossierStatus(status, event, actor, FULL);
      expect(result, `${event} from ${status}`).toEqual({ ok: true, status: expected });
      status = expected;
    }
  });
  it("closes a rejected or withdrawn dossier", () => {
    expect(nextDossierStatus("rejected", "close", "staff")).toEqual({ ok: true, status: "closed" });
    expect(nextDossierStatus("withdrawn", "close", "staff")).toEqual({ ok: true, status: "closed" });
  });
});

describe("allowedDossierEvents", () => {
  it("offers each actor only its own events", () => {
    expect(allowedDossierEvents("received", "staff")).toEqual(["request_supplement", "mark_complete"]);
    expect(allowedDossierEvents("received", "leader")).toEqual(["reject"]);
    expect(allowedDossierEvents("received", "owner")).toEqual(["withdraw"]);
    expect(allowedDossierEvents("proposed", "leader")).toEqual(["return_for_appraisal", "approve", "reject"]);
  });
  it("offers nothing to anyone else", () => {
    for (const status of DOSSIER_STATUSES) expect(allowedDossierEvents(status, "other")).toEqual([]);
  });
  it("offers exactly the events nextDossierStatus accepts", () => {
    for (const status of DOSSIER_STATUSES)
      for (const actor of ACTORS) {
        const accepted = DOSSIER_EVENTS.filter((event) => nextDossierStatus(status, event, actor, FULL).ok);
        expect(allowedDossierEvents(status, actor)).toEqual(accepted);
      }
  });
});

describe("dossier status facts", () => {
  it("gives the agency 14 working days to decide", () => expect(DECISION_WORKING_DAYS).toBe(14));
  it("runs the decision clock from complete until the proposal is decided", () => {
    expect(DOSSIER_STATUSES.filter(clockRuns)).toEqual(["complete", "under_appraisal", "proposed"]);
  });
  it("stops the clock while a supplement is awaited", () => expect(clockRuns("supplement_requested")).toBe(false));
  it("treats closed as final, offering nothing to anyone", () => {
    expect(DOSSIER_STATUSES.filter(isFinal)).toEqual(["closed"]);
    for (const actor of ACTORS) expect(allowedDossierEvents("closed", actor)).toEqual([]);
  });
  it("lets the owner edit only a draft or a dossier asked to be supplemented", () => {
    expect(DOSSIER_STATUSES.filter(isEditableByOwner)).toEqual(["draft", "supplement_requested"]);
  });
});

describe("dossierDueOn", () => {
  const durations = { receiveWorkingDays: 1, checkWorkingDays: 3, decisionWorkingDays: 14 };
  const none = workCalendar();
  const base = { stepStartedOn: "2026-03-02", receivedCompleteOn: "2026-03-02", currentDueOn: null };

  it("gives the receipt one working day after filing, the check three after receipt (Monday → Thursday)", () => {
    expect(dossierDueOn({ ...base, status: "submitted" }, durations, none, [])).toBe("2026-03-03");
    expect(dossierDueOn({ ...base, status: "received" }, durations, none, [])).toBe("2026-03-05");
  });

  it("gives the decision 14 working days after a complete dossier, the same while appraised and proposed", () => {
    for (const status of ["complete", "under_appraisal", "proposed"] as const)
      expect(dossierDueOn({ ...base, status }, durations, none, [])).toBe("2026-03-20");
  });

  it("keeps the enterprise's supplement deadline, and has nothing due once decided", () => {
    expect(
      dossierDueOn({ ...base, status: "supplement_requested", currentDueOn: "2026-04-01" }, durations, none, []),
    ).toBe("2026-04-01");
    for (const status of ["draft", "approved", "rejected", "paid", "closed", "withdrawn"] as const)
      expect(dossierDueOn({ ...base, status }, durations, none, [])).toBeNull();
  });

  it("knows no date while the programme is paused, and moves the date by the pause once it ends", () => {
    expect(
      dossierDueOn({ ...base, status: "complete" }, durations, none, [{ from: "2026-03-09", to: null }]),
    ).toBeNull();
    // A pause of one working week (9–13 March) moves the decision a week later.
    expect(
      dossierDueOn({ ...base, status: "complete" }, durations, none, [{ from: "2026-03-09", to: "2026-03-13" }]),
    ).toBe("2026-03-27");
  });
});

describe("where the decision clock starts (Decree 80/2021 art. 32: 14 working days from the receipt of a complete dossier)", () => {
  const durations = { receiveWorkingDays: 1, checkWorkingDays: 3, decisionWorkingDays: 14 };
  // National Day 2025: Monday 01/09 (the adjacent day) and Tuesday 02/09 off.
  const calendar = workCalendar({ daysOff: ["2025-09-01", "2025-09-02"] });
  const decision = (receivedCompleteOn: string) =>
    dossierDueOn(
      { status: "complete", stepStartedOn: null, receivedCompleteOn, currentDueOn: null },
      durations,
      calendar,
      [],
    );

  it("starts on the day the complete dossier was received, not the day staff found it complete", () => {
    expect(decisionClockStartsOn("2025-08-29", "2025-09-04")).toBe("2025-08-29");
  });

  it("gives a dossier received complete on Friday 29/08/2025, before National Day, until Monday 22/09/2025", () => {
    // 3, 4, 5 / 8–12 / 15–19 / 22 September: the 14th working day; the two days off are not counted.
    expect(decision(decisionClockStartsOn("2025-08-29", "2025-09-04"))).toBe("2025-09-22");
    expect(workingDaysBetween("2025-08-29", "2025-09-22", calendar)).toBe(14);
  });

  it("restarts from the day a supplement was received: Wednesday 10/09/2025 → Tuesday 30/09/2025", () => {
    expect(decision(decisionClockStartsOn("2025-09-10", "2025-09-12"))).toBe("2025-09-30");
  });

  it("keeps the completeness check's own due date, counted from the receipt", () => {
    expect(
      dossierDueOn(
        { status: "received", stepStartedOn: "2025-08-29", receivedCompleteOn: null, currentDueOn: null },
        durations,
        calendar,
        [],
      ),
    ).toBe("2025-09-05");
  });

  it("falls back to the day found complete only when the receipt day is unknown", () =>
    expect(decisionClockStartsOn(null, "2025-09-04")).toBe("2025-09-04"));
});

describe("what the programme's state refuses", () => {
  it("offers no receipt while the programme is paused, and no filing either when its intake is refused", async () => {
    const { allowedDossierEvents, offeredDossierEvents, programmeRefusal } = await import(
      "../../app/modules/sme/workflow"
    );
    expect(allowedDossierEvents("submitted", "staff")).toContain("receive");
    expect(offeredDossierEvents("submitted", "staff", { status: "paused", paused_intake: "queue" })).not.toContain(
      "receive",
    );
    expect(offeredDossierEvents("submitted", "staff", { status: "open", paused_intake: "queue" })).toContain("receive");
    expect(programmeRefusal("submit", { status: "paused", paused_intake: "queue" })).toBeNull();
    expect(programmeRefusal("submit", { status: "paused", paused_intake: "refuse" })).toBe("programmePaused");
    expect(programmeRefusal("supplement", { status: "closed", paused_intake: "queue" })).toBe("programmeClosed");
    expect(programmeRefusal("start_appraisal", { status: "paused", paused_intake: "refuse" })).toBeNull();
  });
});

describe("the due date while the programme is paused", () => {
  it("is none, even for a check whose date had passed before the pause began", async () => {
    const { dossierDueOn } = await import("../../app/modules/sme/workflow");
    const { workCalendar } = await import("../../app/lib/working-days");
    const durations = { receiveWorkingDays: 1, checkWorkingDays: 3, decisionWorkingDays: 14 };
    const received = {
      status: "received" as const,
      stepStartedOn: "2023-07-19",
      receivedCompleteOn: null,
      currentDueOn: null,
    };
    expect(dossierDueOn(received, durations, workCalendar(), [])).toBe("2023-07-24");
    expect(dossierDueOn(received, durations, workCalendar(), [{ from: "2023-09-15", to: null }])).toBeNull();
    expect(dossierDueOn(received, durations, workCalendar(), [{ from: "2023-09-15", to: "2026-11-30" }])).toBe(
      "2023-07-24",
    );
  });
});
