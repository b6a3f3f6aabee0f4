import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { formatDateTime } from "../../app/lib/format";
import { staffTodos } from "../../app/modules/competition/todos.server";
import * as holidaysPage from "../../app/routes/staff.holidays";
import * as programmePage from "../../app/routes/staff.sme.programme";
import * as settingsPage from "../../app/routes/staff.settings-proposals";
import * as decidedExport from "../../app/routes/staff.settings-proposals_.export";
import { csvLines } from "../helpers/csv";
import { renderWithData } from "../helpers/render-page";
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

/** The configured address: links in the notices' e-mails start with it, whatever Host a request named. */
const PUBLIC_URL = "https://doimoisangtao.quangngai.gov.vn";

beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", PUBLIC_URL);
  staff = await createUser("staff", { fullName: "Chuyên viên Phòng Quản lý" });
  leader = await createUser("leader", { fullName: "Phó Giám đốc Sở" });
  otherLeader = await createUser("leader", { fullName: "Giám đốc Sở" });
  programme = await createProgramme();
});

afterAll(() => {
  vi.unstubAllEnvs();
});

/** Everything a user has been told: the notices on their home and the e-mails to them in the outbox, oldest first. */
async function toldSoFar(user: TestUser) {
  const notices = await getDb()
    .selectFrom("notifications")
    .select(["title", "body", "link"])
    .where("user_id", "=", user.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const mail = await getDb()
    .selectFrom("outbox_messages")
    .select(["subject", "text_body"])
    .where("to_address", "=", user.email)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return { notices, mail };
}

type Told = Awaited<ReturnType<typeof toldSoFar>>;

/** What a user has been told since `before` (what toldSoFar returned then), newest first. */
async function toldSince(user: TestUser, before: Told): Promise<Told> {
  const now = await toldSoFar(user);
  return {
    notices: now.notices.slice(before.notices.length).reverse(),
    mail: now.mail.slice(before.mail.length).reverse(),
  };
}

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

describe("who is told of a proposal and of its decision", () => {
  it("tells every active leader but the proposer, by a notice and an e-mail linking the configured address", async () => {
    const inactiveLeader = await createUser("leader", { fullName: "Lãnh đạo đã nghỉ" });
    await getDb().updateTable("users").set({ status: "disabled" }).where("id", "=", inactiveLeader.id).execute();
    const people = [leader, otherLeader, staff, inactiveLeader];
    const [leaderBefore, otherBefore, staffBefore, inactiveBefore] = await Promise.all(people.map(toldSoFar));
    const proposed = await call(
      holidaysPage.action,
      makeRequest("/staff/holidays", {
        cookie: leader.cookie,
        headers: { Host: "ke-gian.example.com" },
        form: {
          intent: "add",
          day: "2032-01-02",
          name: "Nghỉ bù Tết Dương lịch",
          sourceDocument: "Thông báo 1/TB-UBND ngày 05/12/2031",
        },
      }),
    );
    expect(proposed.status).toBe(302);
    // The proposer (a leader) is not told of their own proposal; the other leader is; staff are not.
    expect(await toldSince(leader, leaderBefore!)).toEqual({ notices: [], mail: [] });
    expect(await toldSince(staff, staffBefore!)).toEqual({ notices: [], mail: [] });
    expect(await toldSince(inactiveLeader, inactiveBefore!)).toEqual({ notices: [], mail: [] });
    const told = await toldSince(otherLeader, otherBefore!);
    const subject = `Đề xuất thay đổi thiết lập chờ phê duyệt – Thêm vào lịch ngày 02/01/2032`;
    expect(told.notices).toEqual([
      {
        title: subject,
        body: "Phó Giám đốc Sở đề xuất, căn cứ: Thông báo 1/TB-UBND ngày 05/12/2031.",
        link: "/staff/settings-proposals",
      },
    ]);
    expect(told.mail).toHaveLength(1);
    expect(told.mail[0]!.subject).toBe(subject);
    const body = told.mail[0]!.text_body;
    expect(body).toContain("Kính gửi Giám đốc Sở,");
    expect(body).toContain("Không có trong lịch → Ngày nghỉ: Nghỉ bù Tết Dương lịch");
    const links = body.match(/https?:\/\/\S+/g) ?? [];
    expect(links).toEqual([`${PUBLIC_URL}/staff/settings-proposals`]);
    expect(body).not.toContain("ke-gian");
  });

  it("tells the proposer of an approval, and of a rejection with its reason, in the decision's transaction", async () => {
    const [leaderBefore, otherBefore, staffBefore] = await Promise.all([leader, otherLeader, staff].map(toldSoFar));
    await postProgramme(staff, durations("13"));
    const approvedId = (await newestPendingProposal())!;
    expect((await toldSince(leader, leaderBefore!)).notices).toHaveLength(1);
    expect((await toldSince(otherLeader, otherBefore!)).notices).toHaveLength(1);
    expect((await decide(leader, "approve", approvedId)).status).toBe(302);
    const afterApproval = await toldSince(staff, staffBefore!);
    expect(afterApproval.notices).toEqual([
      {
        title: "Đề xuất đã được phê duyệt – Thời hạn các bước – " + (await programmeRow()).name,
        body: "Phó Giám đốc Sở đã phê duyệt; thay đổi đã có hiệu lực.",
        link: "/staff/settings-proposals#decided",
      },
    ]);
    const decidedAt = (await proposalRow(approvedId)).decided_at;
    expect(afterApproval.mail[0]!.text_body).toContain(
      `đã được Phó Giám đốc Sở phê duyệt lúc ${formatDateTime(decidedAt, "vi")}`,
    );
    expect(afterApproval.mail[0]!.text_body).toContain(`${PUBLIC_URL}/staff/settings-proposals#decided`);

    await postProgramme(staff, durations("12"));
    const rejectedId = (await newestPendingProposal())!;
    // A refused rejection (no reason) tells nobody.
    const beforeReject = (await toldSince(staff, staffBefore!)).mail.length;
    expect((await decide(otherLeader, "reject", rejectedId, "")).status).toBe(400);
    expect((await toldSince(staff, staffBefore!)).mail).toHaveLength(beforeReject);
    expect((await decide(otherLeader, "reject", rejectedId, "Thiếu văn bản của UBND tỉnh")).status).toBe(302);
    const afterRejection = await toldSince(staff, staffBefore!);
    expect(afterRejection.notices[0]).toMatchObject({
      title: expect.stringMatching(/^Đề xuất bị từ chối – Thời hạn các bước – /),
      body: "Giám đốc Sở đã từ chối. Lý do: Thiếu văn bản của UBND tỉnh",
    });
    expect(afterRejection.mail[0]!.text_body).toContain("Lý do: Thiếu văn bản của UBND tỉnh");
    expect(afterRejection.mail).toHaveLength(beforeReject + 1);
    // The decider is told of the proposals only, never of their own decision.
    const deciderMail = (await toldSince(otherLeader, otherBefore!)).mail;
    expect(deciderMail.map((m) => m.subject.split(" – ")[0])).toEqual([
      "Đề xuất thay đổi thiết lập chờ phê duyệt",
      "Đề xuất thay đổi thiết lập chờ phê duyệt",
    ]);
  });

  it("tells nobody of an approval that was refused and rolled back", async () => {
    await postProgramme(staff, durations("11"));
    const firstId = (await newestPendingProposal())!;
    await postProgramme(staff, durations("9"));
    const staleId = (await newestPendingProposal())!;
    expect((await decide(leader, "approve", firstId)).status).toBe(302);
    const before = await toldSoFar(staff);
    expect((await decide(leader, "approve", staleId)).status).toBe(409);
    expect(await toldSince(staff, before)).toEqual({ notices: [], mail: [] });
  });
});

describe("the decided proposals", () => {
  it("lists approved, rejected and withdrawn ones newest first, paged in SQL, and exports the same rows", async () => {
    // More than a page of 10: a few proposals withdrawn by their proposer.
    for (const days of ["5", "6", "7"]) {
      await postProgramme(staff, durations(days));
      expect((await decide(staff, "withdraw", (await newestPendingProposal())!)).status).toBe(302);
    }
    const rows = await getDb()
      .selectFrom("setting_proposals")
      .leftJoin("users", "users.id", "setting_proposals.decided_by")
      .select([
        "setting_proposals.id",
        "setting_proposals.status",
        "setting_proposals.decided_at",
        "setting_proposals.decision_reason",
        "setting_proposals.source_document",
        "users.full_name",
      ])
      .where("setting_proposals.status", "!=", "pending")
      .orderBy("setting_proposals.decided_at", "desc")
      .orderBy("setting_proposals.id", "desc")
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["approved", "rejected", "withdrawn"]));
    expect(rows.length).toBeGreaterThan(10);

    const first = await call(
      settingsPage.loader,
      makeRequest("/staff/settings-proposals?size=10", { cookie: staff.cookie }),
    );
    const page = first.data.decided;
    expect(page.total).toBe(rows.length);
    expect(page.rows.map((r: { id: string }) => r.id)).toEqual(rows.slice(0, 10).map((r) => r.id));
    const second = await call(
      settingsPage.loader,
      makeRequest("/staff/settings-proposals?size=10&page=2", { cookie: staff.cookie }),
    );
    expect(second.data.decided.rows.map((r: { id: string }) => r.id)).toEqual(rows.slice(10, 20).map((r) => r.id));
    const rejected = rows.find((r) => r.status === "rejected")!;
    expect(page.rows.concat(second.data.decided.rows).find((r: { id: string }) => r.id === rejected.id)).toMatchObject({
      status: "rejected",
      deciderName: rejected.full_name,
      reason: rejected.decision_reason,
      sourceDocument: rejected.source_document,
    });

    // The export: the same rows in the same order, every page, times on the province's clock.
    const exported = await call(
      decidedExport.loader,
      makeRequest("/staff/settings-proposals/export?format=csv", { cookie: staff.cookie }),
    );
    expect(exported.status).toBe(200);
    const [header, ...lines] = csvLines(exported.data);
    expect(header).toBe(
      "Thiết lập,Kết quả,Người quyết định,Thời gian quyết định,Lý do,Căn cứ (văn bản),Người đề xuất,Thời gian đề xuất",
    );
    expect(lines).toHaveLength(rows.length);
    const statusWords = { approved: "Đã phê duyệt", rejected: "Đã từ chối", withdrawn: "Đã rút" } as const;
    rows.forEach((row, i) => {
      expect(lines[i]).toContain(
        `${statusWords[row.status as keyof typeof statusWords]},${row.full_name},${formatDateTime(row.decided_at, "vi")},`,
      );
    });

    // Filtered by outcome and searched in the source document, the page and its export agree.
    const query = "?status=rejected&q=" + encodeURIComponent("thông báo 6150");
    const filtered = await call(
      settingsPage.loader,
      makeRequest(`/staff/settings-proposals${query}`, { cookie: staff.cookie }),
    );
    expect(filtered.data.decided.rows).toHaveLength(1);
    expect(filtered.data.decided.rows[0]).toMatchObject({
      status: "rejected",
      reason: "Chưa có văn bản chính thức",
      setting: "Thêm vào lịch ngày 03/09/2031",
    });
    // The page shows the section, the row's reason and an export of the same filtered list.
    const html = await renderWithData(
      settingsPage.default,
      "/staff/settings-proposals",
      `/staff/settings-proposals${query}`,
      filtered.data,
    );
    expect(html).toContain('<h2 id="decided-title">Đã quyết định</h2>');
    expect(html).toContain("Chưa có văn bản chính thức");
    expect(html).toMatch(/href="\/staff\/settings-proposals\/export\?status=rejected&amp;q=[^"]*&amp;format=csv"/);
    const filteredExport = await call(
      decidedExport.loader,
      makeRequest(`/staff/settings-proposals/export${query}&format=csv`, { cookie: staff.cookie }),
    );
    expect(csvLines(filteredExport.data).slice(1)).toEqual([
      expect.stringMatching(
        /^Thêm vào lịch ngày 03\/09\/2031,Đã từ chối,Phó Giám đốc Sở,.*,Chưa có văn bản chính thức,/,
      ),
    ]);
  });
});
