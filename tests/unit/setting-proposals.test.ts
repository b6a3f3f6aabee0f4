import { describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { looseTranslate } from "../../app/modules/admin/audit-view";
import {
  allowedProposalEvents,
  describeProposal,
  nextProposalStatus,
  proposalActor,
} from "../../app/modules/settings/rules";

const t = looseTranslate(translator("vi"));
const staff = { id: "staff-1", role: "staff" as const };
const leader = { id: "leader-1", role: "leader" as const };

describe("the setting proposal's state machine", () => {
  it("lets a leader who did not propose approve or reject, and only the proposer withdraw", () => {
    expect(allowedProposalEvents("pending", proposalActor(leader, staff.id))).toEqual(["approve", "reject"]);
    expect(allowedProposalEvents("pending", proposalActor(staff, staff.id))).toEqual(["withdraw"]);
    expect(allowedProposalEvents("pending", proposalActor({ id: "staff-2", role: "staff" }, staff.id))).toEqual([]);
  });

  it("never lets a leader approve their own proposal", () => {
    expect(nextProposalStatus("pending", "approve", proposalActor(leader, leader.id), {})).toEqual({
      ok: false,
      problem: "forbidden",
    });
  });

  it("needs a reason to reject, and decides a proposal once", () => {
    expect(nextProposalStatus("pending", "reject", "approver", { reason: "  " })).toEqual({
      ok: false,
      problem: "missing",
      requirement: "reason",
    });
    expect(nextProposalStatus("pending", "reject", "approver", { reason: "Sai căn cứ" })).toEqual({
      ok: true,
      status: "rejected",
    });
    expect(nextProposalStatus("approved", "approve", "approver", {})).toEqual({ ok: false, problem: "notAllowed" });
  });
});

describe("a proposal in words", () => {
  it("says which durations change, from what to what, and leaves out those that stay", () => {
    const described = describeProposal(
      { kind: "step_durations", payload: { receiveWorkingDays: 1, checkWorkingDays: 3, decisionWorkingDays: 10 } },
      {
        kind: "programme",
        name: "Đề án 1325",
        status: "open",
        statusReason: null,
        pausedIntake: "queue",
        receiveWorkingDays: 1,
        checkWorkingDays: 3,
        decisionWorkingDays: 14,
      },
      t,
      "vi",
    );
    expect(described).toEqual({
      setting: "Thời hạn các bước – Đề án 1325",
      lines: [{ label: "Xem xét, quyết định (ngày làm việc)", from: "14", to: "10" }],
    });
  });

  it("names a day removed from the calendar with what it was", () => {
    const described = describeProposal(
      { kind: "holiday_remove", payload: { day: "2031-04-30" } },
      { kind: "holiday", holiday: { day: "2031-04-30", name: "Ngày Chiến thắng", kind: "day_off", source: null } },
      t,
      "vi",
    );
    expect(described).toEqual({
      setting: "Xóa khỏi lịch ngày 30/04/2031",
      lines: [{ label: "30/04/2031", from: "Ngày nghỉ: Ngày Chiến thắng", to: "Không có trong lịch" }],
    });
  });
});
