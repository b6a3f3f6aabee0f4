import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { staffTodos } from "../../app/modules/competition/todos.server";
import * as holidaysPage from "../../app/routes/staff.holidays";
import * as programmePage from "../../app/routes/staff.sme.programme";
import * as settingsPage from "../../app/routes/staff.settings-proposals";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { decide, newestPendingProposal, SOURCE_DOCUMENT } from "../helpers/setting-proposals";
import { createProgramme, type TestProgramme } from "../helpers/sme";

let staff: TestUser;
let leader: TestUser;
let otherLeader: TestUser;
let programme: TestProgramme;

async function programmeRow() {
  return getDb()
    .selectFrom("support_programmes")
    .selectAll()
    .where("id", "=", programme.programmeId)
    .executeTakeFirstOrThrow();
}

async function proposalRow(id: string) {
  return getDb().selectFrom("setting_proposals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await getDb()
    .selectFrom("audit_events")
    .select("action")
    .where("entity_id", "=", entityId)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}

/** A form of the programme page as just loaded: the programme's current version unless the test gives one. */
async function postProgramme(user: TestUser, form: Record<string, string>) {
  const { version } = await programmeRow();
  return call(
    programmePage.action,
    makeRequest("/staff/sme/programme", {
      cookie: user.cookie,
      form: { programmeId: programme.programmeId, version: String(version), ...form },
    }),
  );
}

const durations = (decision: string, extra: Record<string, string> = {}) => ({
  intent: "durations",
  receiveWorkingDays: "1",
  checkWorkingDays: "3",
  decisionWorkingDays: decision,
  sourceDocument: SOURCE_DOCUMENT,
  ...extra,
});

beforeAll(async () => {
  staff = await createUser("staff", { fullName: "Chuyên viên Phòng Quản lý" });
  leader = await createUser("leader", { fullName: "Phó Giám đốc Sở" });
  otherLeader = await createUser("leader", { fullName: "Giám đốc Sở" });
  programme = await createProgramme();
});

describe("a proposal of a legal setting", () => {
  it("changes nothing until a leader approves it, then applies it and audits both steps", async () => {
    const proposed = await postProgramme(staff, durations("10"));
    expect(proposed.status).toBe(302);
    expect(proposed.headers.get("Set-Cookie") ?? "").toBeTruthy();
    expect((await programmeRow()).decision_working_days).toBe(14);
    const id = (await newestPendingProposal())!;
    expect(await proposalRow(id)).toMatchObject({
      kind: "step_durations",
      target_id: programme.programmeId,
      status: "pending",
      source_document: SOURCE_DOCUMENT,
      proposed_by: staff.id,
      loaded_version: 1,
    });

    // The leader's page says what changes, from what to what, who proposed it and on what basis.
    const page = await call(settingsPage.loader, makeRequest("/staff/settings-proposals", { cookie: leader.cookie }));
    const listed = page.data.proposals.find((p: { id: string }) => p.id === id);
    expect(listed).toMatchObject({
      sourceDocument: SOURCE_DOCUMENT,
      proposerName: "Chuyên viên Phòng Quản lý",
      events: ["approve", "reject"],
      change: { lines: [{ label: "Xem xét, quyết định (ngày làm việc)", from: "14", to: "10" }] },
    });
    // The programme page lists it as pending too.
    const programmePageData = await call(
      programmePage.loader,
      makeRequest(`/staff/sme/programme?programme=${programme.programmeId}`, { cookie: staff.cookie }),
    );
    expect(programmePageData.data.proposals.map((p: { id: string }) => p.id)).toEqual([id]);

    // Leaders find it among their to-dos; staff do not.
    expect((await staffTodos(getDb(), leader))!.settings).toEqual([{ count: 1 }]);
    expect((await staffTodos(getDb(), staff))!.settings).toEqual([]);

    const approved = await decide(leader, "approve", id);
    expect(approved.status).toBe(302);
    expect((await programmeRow()).decision_working_days).toBe(10);
    expect(await proposalRow(id)).toMatchObject({ status: "approved", decided_by: leader.id });
    expect(await auditActions(id)).toEqual(["settings.proposal_made", "settings.proposal_approved"]);
    const applied = await getDb()
      .selectFrom("audit_events")
      .select(["actor_id"])
      .where("action", "=", "sme.durations_saved")
      .where("entity_id", "=", programme.programmeId)
      .execute();
    expect(applied.map((a) => a.actor_id)).toEqual([leader.id]);
  });

  it("refuses the proposer's own approval (403), even a leader's, and leaves it pending", async () => {
    const proposed = await postProgramme(leader, durations("12"));
    expect(proposed.status).toBe(302);
    const id = (await newestPendingProposal())!;
    const own = await decide(leader, "approve", id);
    expect(own.status).toBe(403);
    expect(own.data.errors._form).toBe(
      "Người đề xuất không thể tự phê duyệt hay từ chối đề xuất của mình: cần một lãnh đạo khác.",
    );
    expect((await proposalRow(id)).status).toBe("pending");
    // Staff may not approve at all.
    expect((await decide(staff, "approve", id)).status).toBe(403);
    expect((await programmeRow()).decision_working_days).toBe(10);
    // The proposer withdraws it; nobody else may.
    expect((await decide(otherLeader, "withdraw", id)).status).toBe(403);
    expect((await decide(leader, "withdraw", id)).status).toBe(302);
    expect(await proposalRow(id)).toMatchObject({ status: "withdrawn", decided_by: leader.id });
    expect(await auditActions(id)).toEqual(["settings.proposal_made", "settings.proposal_withdrawn"]);
  });

  it("asks for the source document, in Vietnamese, on the programme and holiday forms (400)", async () => {
    const noSource = await postProgramme(staff, durations("9", { sourceDocument: "" }));
    expect(noSource.status).toBe(400);
    expect(noSource.data.errors.sourceDocument).toBe(
      "Hãy ghi căn cứ: số, ngày và tên văn bản (ví dụ: Quyết định 1325/QĐ-UBND ngày 20/7/2022).",
    );
    const holiday = await call(
      holidaysPage.action,
      makeRequest("/staff/holidays", {
        cookie: staff.cookie,
        form: { intent: "add", day: "2031-09-03", name: "Nghỉ bù Quốc khánh" },
      }),
    );
    expect(holiday.status).toBe(400);
    expect(holiday.data.errors.sourceDocument).toBe(noSource.data.errors.sourceDocument);
    expect(await newestPendingProposal()).toBeNull();
  });

  it("needs a reason to reject, then records it", async () => {
    const proposed = await call(
      holidaysPage.action,
      makeRequest("/staff/holidays", {
        cookie: staff.cookie,
        form: {
          intent: "add",
          day: "2031-09-03",
          name: "Nghỉ bù Quốc khánh",
          sourceDocument: "Thông báo 6150/TB-BLĐTBXH",
        },
      }),
    );
    expect(proposed.status).toBe(302);
    const id = (await newestPendingProposal())!;
    // A day added without a source of its own records the proposal's.
    expect(JSON.parse((await proposalRow(id)).payload)).toMatchObject({ source: "Thông báo 6150/TB-BLĐTBXH" });
    const noReason = await decide(leader, "reject", id, "");
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toBe("Hãy ghi lý do từ chối.");
    expect((await proposalRow(id)).status).toBe("pending");
    expect((await decide(leader, "reject", id, "Chưa có văn bản chính thức")).status).toBe(302);
    expect(await proposalRow(id)).toMatchObject({ status: "rejected", decision_reason: "Chưa có văn bản chính thức" });
    expect(await getDb().selectFrom("public_holidays").select("day").where("day", "=", "2031-09-03").execute()).toEqual(
      [],
    );
    expect(await auditActions(id)).toEqual(["settings.proposal_made", "settings.proposal_rejected"]);
    // Decided once: a second decision is a conflict.
    expect((await decide(otherLeader, "approve", id)).status).toBe(409);
  });

  it("refuses a stale proposal (the programme's version moved) with a clear message and keeps it pending", async () => {
    const first = await postProgramme(staff, durations("11"));
    const firstId = (await newestPendingProposal())!;
    const second = await postProgramme(staff, {
      intent: "status",
      status: "paused",
      reason: "Chờ bố trí kinh phí",
      sourceDocument: "Công văn 45/UBND-KT ngày 02/3/2026",
    });
    expect([first.status, second.status]).toEqual([302, 302]);
    const secondId = (await newestPendingProposal())!;
    expect(secondId).not.toBe(firstId);
    expect((await decide(leader, "approve", firstId)).status).toBe(302);

    const stale = await decide(leader, "approve", secondId);
    expect(stale.status).toBe(409);
    expect(stale.data.errors._form).toMatch(
      /^Thiết lập đã thay đổi sau khi đề xuất được gửi \(Phó Giám đốc Sở lưu lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\); đề xuất vẫn chờ\./,
    );
    expect((await proposalRow(secondId)).status).toBe("pending");
    expect((await programmeRow()).status).toBe("open");
    expect(await auditActions(secondId)).toEqual(["settings.proposal_made"]);
  });

  it("answers a proposal made from an outdated page with the conflict, as a save did (409)", async () => {
    const { version } = await programmeRow();
    const outdated = await postProgramme(staff, { ...durations("8"), version: String(version - 1) });
    expect(outdated.status).toBe(409);
    expect(outdated.data.errors._form).toMatch(/đã lưu/);
  });

  it("applies a rule and a holiday removal as the approver, audited under their own actions", async () => {
    await getDb()
      .insertInto("public_holidays")
      .values({
        day: "2031-04-30",
        name: "Ngày Chiến thắng",
        kind: "day_off",
        source: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const removal = await call(
      holidaysPage.action,
      makeRequest("/staff/holidays", {
        cookie: staff.cookie,
        form: { intent: "remove", day: "2031-04-30", sourceDocument: "Bộ luật Lao động 2019, Điều 112" },
      }),
    );
    expect(removal.status).toBe(302);
    const removalId = (await newestPendingProposal())!;
    const rule = await postProgramme(staff, {
      intent: "rule",
      supportTypeId: programme.typeId,
      size: "micro",
      ratePercent: "100",
      capVnd: "60.000.000",
      capPeriod: "year",
      verified: "on",
      source: "Nghị định 80/2021/NĐ-CP, Điều 13.2",
      sourceDocument: "Nghị định 80/2021/NĐ-CP ngày 26/8/2021",
    });
    expect(rule.status).toBe(302);
    const ruleId = (await newestPendingProposal())!;
    const page = await call(
      settingsPage.loader,
      makeRequest("/staff/settings-proposals", { cookie: otherLeader.cookie }),
    );
    const ruleView = page.data.proposals.find((p: { id: string }) => p.id === ruleId);
    expect(ruleView.change.lines).toContainEqual({
      label: "Mức trần (đồng)",
      from: expect.stringMatching(/^50\.000\.000/),
      to: expect.stringMatching(/^60\.000\.000/),
    });
    expect((await decide(otherLeader, "approve", removalId)).status).toBe(302);
    expect((await decide(otherLeader, "approve", ruleId)).status).toBe(302);
    expect(await getDb().selectFrom("public_holidays").select("day").where("day", "=", "2031-04-30").execute()).toEqual(
      [],
    );
    const micro = await getDb()
      .selectFrom("support_type_rules")
      .select("cap_vnd")
      .where("support_type_id", "=", programme.typeId)
      .where("size", "=", "micro")
      .executeTakeFirstOrThrow();
    expect(micro.cap_vnd).toBe(60_000_000);
    const applied = await getDb()
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("action", "in", ["sme.holiday_removed", "sme.rule_saved"])
      .orderBy("id")
      .execute();
    expect(applied).toEqual([
      { action: "sme.holiday_removed", actor_id: otherLeader.id },
      { action: "sme.rule_saved", actor_id: otherLeader.id },
    ]);
  });
});
