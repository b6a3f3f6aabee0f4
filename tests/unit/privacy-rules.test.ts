import { describe, expect, it } from "vitest";
import {
  allowedRequestEvents,
  isOverdue,
  nextRequestStatus,
  REQUEST_KINDS,
  REQUEST_RULES,
  requestDueAt,
} from "../../app/modules/privacy/rules";
import { workCalendar } from "../../app/lib/working-days";

const plain = workCalendar();
/** A moment on the province's clock (UTC+7), as the UTC instant stored. */
const province = (local: string) => new Date(`${local}:00+07:00`).toISOString();

describe("requestDueAt (72 hours, Decree 13/2023 art. 14–16; a day off moves the end to the next working day)", () => {
  it("gives an access request filed on Monday 10:00 until Thursday 10:00", () => {
    expect(requestDueAt("access", province("2026-12-07T10:00"), plain)).toBe(province("2026-12-10T10:00"));
  });

  it("keeps a period that ends at Friday 23:59 on Friday", () => {
    expect(requestDueAt("erasure", province("2026-12-01T23:59"), plain)).toBe(province("2026-12-04T23:59"));
  });

  it("moves a period ending on Saturday 00:00 to the end of Monday", () => {
    expect(requestDueAt("erasure", province("2026-12-02T00:00"), plain)).toBe(province("2026-12-08T00:00"));
  });

  it("moves a period ending on Sunday to the end of Monday (filed Thursday 10:00)", () => {
    expect(requestDueAt("correction", province("2026-12-03T10:00"), plain)).toBe(province("2026-12-08T00:00"));
  });

  it("skips a public holiday on the Monday after", () => {
    const calendar = workCalendar({ daysOff: ["2026-12-07"] });
    expect(requestDueAt("access", province("2026-12-03T10:00"), calendar)).toBe(province("2026-12-09T00:00"));
  });

  it("ends on a Saturday the government made a working day", () => {
    const calendar = workCalendar({ workingDays: ["2026-12-05"] });
    expect(requestDueAt("access", province("2026-12-02T23:30"), calendar)).toBe(province("2026-12-05T23:30"));
  });

  it("names the provision of every kind", () => {
    for (const kind of REQUEST_KINDS) expect(REQUEST_RULES[kind].source).toMatch(/Nghị định 13\/2023\/NĐ-CP, Điều \d+/);
  });
});

describe("isOverdue", () => {
  const due = province("2026-12-10T10:00");
  it("is not overdue a second before the period ends, and is from its end", () => {
    expect(isOverdue({ status: "received", due_at: due }, province("2026-12-10T09:59"))).toBe(false);
    expect(isOverdue({ status: "in_progress", due_at: due }, due)).toBe(true);
  });
  it("never flags a closed request", () => {
    expect(isOverdue({ status: "done", due_at: due }, province("2027-01-01T00:00"))).toBe(false);
    expect(isOverdue({ status: "refused", due_at: due }, province("2027-01-01T00:00"))).toBe(false);
  });
});

describe("the request's state machine", () => {
  it("lets a handler start, then complete with a reply", () => {
    expect(nextRequestStatus("received", "start", "handler", {})).toEqual({ ok: true, status: "in_progress" });
    expect(nextRequestStatus("in_progress", "complete", "handler", { reply: "Đã gửi dữ liệu" })).toEqual({
      ok: true,
      status: "done",
    });
  });
  it("needs a reply to complete and a reason to refuse", () => {
    expect(nextRequestStatus("in_progress", "complete", "handler", { reply: " " })).toMatchObject({
      ok: false,
      requirement: "reply",
    });
    expect(nextRequestStatus("received", "refuse", "handler", {})).toMatchObject({ ok: false, requirement: "reason" });
  });
  it("refuses a reader and a closed request", () => {
    expect(nextRequestStatus("received", "start", "reader", {})).toEqual({ ok: false, problem: "forbidden" });
    expect(nextRequestStatus("done", "refuse", "handler", { reason: "x" })).toEqual({
      ok: false,
      problem: "notAllowed",
    });
    expect(allowedRequestEvents("received", "handler")).toEqual(["start", "complete", "refuse"]);
    expect(allowedRequestEvents("in_progress", "reader")).toEqual([]);
  });
});
