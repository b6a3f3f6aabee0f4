import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { addJudge, autoAssign, saveSheet, startRound } from "../../app/modules/judging/commands.server";
import * as certificate from "../../app/routes/certificates.$awardId[.]pdf";
import * as competitionPage from "../../app/routes/competitions.$id";
import * as myEntry from "../../app/routes/my.entries.$id";
import * as prizesPage from "../../app/routes/staff.competitions.$id.prizes";
import * as verifyPage from "../../app/routes/verify.$code";
import { call, createOrganisation, createUser, insertEntry, makeRequest, type TestUser } from "../helpers/fixtures";
import { renderWithData } from "../helpers/render-page";
import { actorOf, openEdition } from "../helpers/competition";

type Team = { project: string; organisation: string; member: { name: string; email: string; phone: string } };

/** Seven finalists, best first: the final round's judges score them in this order. */
const TEAMS: Team[] = [
  {
    project: "Tỏi đen Lý Sơn",
    organisation: "Nhóm khởi nghiệp Tỏi đen Lý Sơn",
    member: { name: "Nguyễn Văn Tỏi", email: "toi.nguyen@example.vn", phone: "0905 111 222" },
  },
  {
    project: "Nấm bào ngư Nghĩa Hành",
    organisation: "Công ty TNHH Nấm sạch Nghĩa Hành",
    member: { name: "Lê Thị Nấm", email: "nam.le@example.vn", phone: "0905 111 333" },
  },
  {
    project: "Đường phèn Sơn Tịnh",
    organisation: "Hợp tác xã Mía đường Sơn Tịnh",
    member: { name: "Trần Văn Mía", email: "mia.tran@example.vn", phone: "0905 111 444" },
  },
  {
    project: "Du lịch cộng đồng Sa Huỳnh",
    organisation: "Nhóm Biển xanh Sa Huỳnh",
    member: { name: "Phạm Thị Biển", email: "bien.pham@example.vn", phone: "0905 111 555" },
  },
  {
    project: "Chổi đót Ba Tơ",
    organisation: "Tổ hợp tác Chổi đót Ba Tơ",
    member: { name: "Đinh Văn Đót", email: "dot.dinh@example.vn", phone: "0905 111 666" },
  },
  {
    project: "Cá bống sông Trà",
    organisation: "Nhóm Cá bống Trà Khúc",
    member: { name: "Võ Thị Bống", email: "bong.vo@example.vn", phone: "0905 111 777" },
  },
  {
    project: "Bánh xèo Đức Phổ",
    organisation: "Nhóm Bánh xèo Đức Phổ",
    member: { name: "Huỳnh Văn Xèo", email: "xeo.huynh@example.vn", phone: "0905 111 888" },
  },
];

let staff: TestUser;
let leader: TestUser;
let editionId = "";
/** The applicant account of each team (the winners' team has a second member, `partner`). */
const applicants: TestUser[] = [];
let partner: TestUser;
const entryIds: string[] = [];

async function finalistEntry(
  prefix: string,
  seq: number,
  team: Team,
  memberIds: string[],
  edition = editionId,
): Promise<string> {
  const organisationId = await createOrganisation(team.organisation, memberIds, "startup_team");
  const id = newId();
  await insertEntry({
    id,
    edition_id: edition,
    organisation_id: organisationId,
    created_by: memberIds[0],
    receipt_seq: seq,
    receipt_number: `${prefix}-${String(seq).padStart(4, "0")}`,
    project_name: team.project,
    sector: "Nông nghiệp",
    summary: "Sản phẩm đặc sản địa phương.",
    problem: "Giá trị gia tăng thấp.",
    solution: "Chế biến sâu.",
    market: "Cả nước.",
    business_model: "Bán trực tuyến.",
    team_description: "Ba thành viên.",
    stage: "market",
    residence_province: "Quảng Ngãi",
  });
  await getDb()
    .insertInto("entry_members")
    .values({
      id: newId(),
      entry_id: id,
      full_name: team.member.name,
      role: "Trưởng nhóm",
      email: team.member.email,
      phone: team.member.phone,
      birth_date: "1995-05-05",
      is_representative: 1,
      position: 1,
    })
    .execute();
  return id;
}

/** An edition whose final round was judged by three judges: team i scores 90 − 5i on every criterion. */
beforeAll(async () => {
  staff = await createUser("staff");
  leader = await createUser("leader");
  partner = await createUser("applicant", { fullName: "Nguyễn Thị Cộng Sự" });
  const prefix = `GT${Math.floor(Math.random() * 1e6)}`;
  editionId = await openEdition(staff, { prefix, closed: true });
  const db = getDb();
  // The final is the edition's only round here, so it takes the valid entries directly.
  const preliminary = await db
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("kind", "=", "preliminary")
    .executeTakeFirstOrThrow();
  await db.deleteFrom("round_criteria").where("round_id", "=", preliminary.id).execute();
  await db.deleteFrom("competition_rounds").where("id", "=", preliminary.id).execute();
  const final = await db
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("kind", "=", "final")
    .executeTakeFirstOrThrow();

  for (const [index, team] of TEAMS.entries()) {
    const applicant = await createUser("applicant", { fullName: team.member.name, email: team.member.email });
    applicants.push(applicant);
    entryIds.push(
      await finalistEntry(prefix, index + 1, team, index === 0 ? [applicant.id, partner.id] : [applicant.id]),
    );
  }

  const actor = actorOf(staff);
  const judges = await Promise.all([1, 2, 3].map((n) => createUser("judge", { fullName: `Giám khảo ${n}` })));
  for (const judge of judges) expect((await addJudge(db, actor, final.id, judge.id, "127.0.0.1")).ok).toBe(true);
  expect((await startRound(db, actor, final.id, "127.0.0.1")).ok).toBe(true);
  expect((await autoAssign(db, actor, final.id, 3, "127.0.0.1")).ok).toBe(true);
  const criteria = await db.selectFrom("round_criteria").select("id").where("round_id", "=", final.id).execute();
  for (const judge of judges) {
    const assignments = await db
      .selectFrom("assignments")
      .select(["id", "entry_id"])
      .where("judge_id", "=", judge.id)
      .where("round_id", "=", final.id)
      .where("removed_at", "is", null)
      .execute();
    for (const assignment of assignments) {
      const score = 90 - 5 * entryIds.indexOf(assignment.entry_id);
      const scores = Object.fromEntries(criteria.map((c) => [c.id, score]));
      expect((await saveSheet(db, actorOf(judge), assignment.id, { scores, comments: {} }, true, "127.0.0.1")).ok).toBe(
        true,
      );
    }
  }
});

const prizes = (user: TestUser | null) =>
  call(prizesPage.loader, makeRequest(`/staff/competitions/${editionId}/prizes`, { cookie: user?.cookie }), {
    id: editionId,
  });
const post = (user: TestUser, form: Record<string, string>) =>
  call(prizesPage.action, makeRequest(`/staff/competitions/${editionId}/prizes`, { cookie: user.cookie, form }), {
    id: editionId,
  });
const certificateOf = (user: TestUser | null, awardId: string) =>
  call(certificate.loader, makeRequest(`/certificates/${awardId}.pdf`, { cookie: user?.cookie }), { awardId });
const verify = (code: string) => call(verifyPage.loader, makeRequest(`/verify/${code}`), { code });

async function awards() {
  return getDb().selectFrom("prize_awards").selectAll().where("edition_id", "=", editionId).orderBy("rank").execute();
}

/** Server-renders a route's page with its loader's data, as Remix sends it to the browser. */
const render = renderWithData;

describe("the prize list, from proposal to publication", () => {
  it("proposes the default structure from the final round's ranking: 1 nhất, 1 nhì, 2 ba, 2 khuyến khích", async () => {
    expect((await prizes(staff)).data.edition.resultsStatus).toBe("none");
    const proposed = await post(staff, { intent: "propose" });
    expect(proposed.status).toBe(302);
    const page = await prizes(staff);
    expect(page.data.edition.resultsStatus).toBe("proposed");
    expect(
      page.data.awards.map((a: { rank: number; rank_label: string; project_name: string }) => [
        a.rank,
        a.rank_label,
        a.project_name,
      ]),
    ).toEqual([
      [1, "Giải Nhất", TEAMS[0].project],
      [2, "Giải Nhì", TEAMS[1].project],
      [3, "Giải Ba", TEAMS[2].project],
      [4, "Giải Ba", TEAMS[3].project],
      [5, "Giải Khuyến khích", TEAMS[4].project],
      [6, "Giải Khuyến khích", TEAMS[5].project],
    ]);
    expect(page.data.awards[0]).toMatchObject({ amount_vnd: 30_000_000, team_name: TEAMS[0].organisation });
    expect(page.data.can).toEqual({ propose: true, change: true, approve: false, publish: false });
    const leaderPage = await prizes(leader);
    expect(leaderPage.data.can).toEqual({ propose: false, change: false, approve: true, publish: false });
    const path = "/staff/competitions/:id/prizes";
    const staffHtml = await render(prizesPage.default, path, `/staff/competitions/${editionId}/prizes`, page.data);
    expect(staffHtml).toContain("Thay đổi một giải");
    expect(staffHtml).not.toContain("Phê duyệt danh sách giải");
    const leaderHtml = await render(
      prizesPage.default,
      path,
      `/staff/competitions/${editionId}/prizes`,
      leaderPage.data,
    );
    expect(leaderHtml).toContain("Phê duyệt danh sách giải");
    expect(leaderHtml).not.toContain("Thay đổi một giải");
  });

  it("refuses to change a prize without a reason", async () => {
    const last = (await awards())[5];
    const refused = await post(staff, { intent: "change", awardId: last.id, entryId: entryIds[6], reason: "  " });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.reason).toBeTruthy();
    expect((await awards())[5].entry_id).toBe(entryIds[5]);
  });

  it("changes a prize with a reason, shown in the list and kept in the audit log", async () => {
    const last = (await awards())[5];
    const reason = "Nhóm Cá bống Trà Khúc vắng mặt tại buổi thuyết trình chung khảo.";
    expect((await post(staff, { intent: "change", awardId: last.id, entryId: entryIds[6], reason })).status).toBe(302);
    const page = await prizes(staff);
    expect(page.data.awards[5]).toMatchObject({ project_name: TEAMS[6].project, change_reason: reason });
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "prizes.changed")
      .where("entity_id", "=", editionId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: staff.id, reason });
    expect(JSON.parse(audit[0].before_json!)).toMatchObject({ entryId: entryIds[5] });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ entryId: entryIds[6] });
  });

  it("swaps two prizes with a reason (audited) where a change to a listed entry is refused (409, pointing to the swap)", async () => {
    const [first, second] = await awards();
    const refused = await post(staff, {
      intent: "change",
      awardId: first.id,
      entryId: second.entry_id,
      reason: "Đổi giải Nhất và Nhì",
    });
    expect(refused.status).toBe(409);
    expect(refused.data.errors.entryId).toContain("Đổi chỗ hai giải");
    expect(
      (await post(staff, { intent: "swap", firstAwardId: first.id, secondAwardId: second.id, reason: "" })).status,
    ).toBe(400);
    expect(
      (await post(staff, { intent: "swap", firstAwardId: first.id, secondAwardId: first.id, reason: "Nhầm" })).status,
    ).toBe(409);
    const reason = "Ban Tổ chức rà soát lại điểm thuyết trình: đổi giải Nhất và Nhì.";
    expect(
      (await post(staff, { intent: "swap", firstAwardId: first.id, secondAwardId: second.id, reason })).status,
    ).toBe(302);
    let list = await awards();
    expect([list[0].entry_id, list[1].entry_id]).toEqual([entryIds[1], entryIds[0]]);
    expect(list[0].change_reason).toBe(reason);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "prizes.swapped")
      .where("entity_id", "=", editionId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: staff.id, reason });
    // And back, so the list reads as the ranking proposed it.
    expect(
      (
        await post(staff, {
          intent: "swap",
          firstAwardId: list[0].id,
          secondAwardId: list[1].id,
          reason: "Giữ nguyên theo xếp hạng.",
        })
      ).status,
    ).toBe(302);
    list = await awards();
    expect([list[0].entry_id, list[1].entry_id]).toEqual([entryIds[0], entryIds[1]]);
  });

  it("leaves a place unawarded with a reason (audited), flags it to the leaders before approval, and fills it again with a reason", async () => {
    const last = (await awards())[5];
    expect((await post(staff, { intent: "unaward", awardId: last.id, reason: " " })).status).toBe(400);
    const reason = "Không hồ sơ nào khác đạt yêu cầu của giải Khuyến khích.";
    expect((await post(staff, { intent: "unaward", awardId: last.id, reason })).status).toBe(302);
    expect(await awards()).toHaveLength(5);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "prizes.place_unawarded")
      .where("entity_id", "=", editionId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: staff.id, reason });
    const leaderPage = await prizes(leader);
    expect(leaderPage.data.unfilled).toEqual([
      expect.objectContaining({ label: "Giải Khuyến khích", missing: 1, firstPlace: 6, reason }),
    ]);
    const html = await render(
      prizesPage.default,
      "/staff/competitions/:id/prizes",
      `/staff/competitions/${editionId}/prizes`,
      leaderPage.data,
    );
    expect(html).toContain("Giải Khuyến khích: còn 1 suất chưa trao (từ hạng 6)");
    expect(html).toContain("Danh sách còn 1 suất giải để trống. Phê duyệt như vậy?");

    const fillReason = "Ban Tổ chức trao lại suất Khuyến khích cho Bánh xèo Đức Phổ.";
    const prizeId = leaderPage.data.unfilled[0].prizeId;
    expect((await post(staff, { intent: "fill", prizeId, entryId: entryIds[0], reason: fillReason })).status).toBe(409);
    expect((await post(staff, { intent: "fill", prizeId, entryId: entryIds[6], reason: fillReason })).status).toBe(302);
    const list = await awards();
    expect(list).toHaveLength(6);
    expect(list[5]).toMatchObject({ rank: 6, entry_id: entryIds[6], change_reason: fillReason });
    expect((await prizes(leader)).data.unfilled).toEqual([]);
  });

  it("lets only leaders approve and publish (staff get 403)", async () => {
    expect((await post(staff, { intent: "approve" })).status).toBe(403);
    expect((await post(staff, { intent: "publish" })).status).toBe(403);
    expect((await prizes(staff)).data.edition.resultsStatus).toBe("proposed");
  });

  it("keeps certificates and verification closed until the results are published (404)", async () => {
    expect((await post(leader, { intent: "approve" })).status).toBe(302);
    expect((await prizes(leader)).data.edition.resultsStatus).toBe("approved");
    const winner = (await awards())[0];
    expect((await certificateOf(applicants[0], winner.id)).status).toBe(404);
    expect((await certificateOf(staff, winner.id)).status).toBe(404);
    expect((await verify(winner.verification_code)).status).toBe(404);
    expect(
      (await call(competitionPage.loader, makeRequest(`/competitions/${editionId}`), { id: editionId })).data.results,
    ).toEqual([]);
  });

  it("publishes: entries become awarded or not awarded and every member of every team gets one message", async () => {
    const outboxBefore = await getDb().selectFrom("outbox_messages").select("to_address").execute();
    const published = await post(leader, { intent: "publish" });
    expect(published.status).toBe(302);
    expect((await prizes(leader)).data.edition.resultsStatus).toBe("published");

    const statuses = await getDb()
      .selectFrom("competition_entries")
      .select(["id", "status"])
      .where("edition_id", "=", editionId)
      .execute();
    const statusOf = (id: string) => statuses.find((s) => s.id === id)?.status;
    for (const index of [0, 1, 2, 3, 4, 6]) expect(statusOf(entryIds[index])).toBe("awarded");
    expect(statusOf(entryIds[5])).toBe("not_awarded");

    const outboxAfter = await getDb().selectFrom("outbox_messages").select(["to_address", "text_body"]).execute();
    const sent = outboxAfter.slice(outboxBefore.length);
    expect(sent.map((m) => m.to_address).sort()).toEqual([...applicants.map((a) => a.email), partner.email].sort());
    expect(sent.find((m) => m.to_address === applicants[0].email)?.text_body).toContain("đạt Giải Nhất");
    expect(sent.find((m) => m.to_address === applicants[5].email)?.text_body).toContain("không đạt giải");
  });

  it("shows the winners on the public page, without any member's name, e-mail or phone", async () => {
    const page = await call(competitionPage.loader, makeRequest(`/competitions/${editionId}`), { id: editionId });
    expect(page.status).toBe(200);
    expect(
      page.data.results.map((r: { rank_label: string; project_name: string; team_name: string }) => [
        r.rank_label,
        r.project_name,
        r.team_name,
      ]),
    ).toEqual([
      ["Giải Nhất", TEAMS[0].project, TEAMS[0].organisation],
      ["Giải Nhì", TEAMS[1].project, TEAMS[1].organisation],
      ["Giải Ba", TEAMS[2].project, TEAMS[2].organisation],
      ["Giải Ba", TEAMS[3].project, TEAMS[3].organisation],
      ["Giải Khuyến khích", TEAMS[4].project, TEAMS[4].organisation],
      ["Giải Khuyến khích", TEAMS[6].project, TEAMS[6].organisation],
    ]);
    const everything = JSON.stringify(page.data);
    for (const team of TEAMS) {
      expect(everything).not.toContain(team.member.name);
      expect(everything).not.toContain(team.member.email);
      expect(everything).not.toContain(team.member.phone);
    }
    expect(everything).not.toContain(partner.email);
    const html = await render(competitionPage.default, "/competitions/:id", `/competitions/${editionId}`, page.data);
    expect(html).toContain("Tỏi đen Lý Sơn");
    expect(html).toContain("Nhóm Bánh xèo Đức Phổ");
    for (const team of TEAMS) expect(html).not.toContain(team.member.name);
  });

  it("serves the winner's certificate to its team as a PDF with the project and team names in Vietnamese", async () => {
    const winner = (await awards())[0];
    const response = await certificateOf(applicants[0], winner.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline;/);
    const parser = new PDFParse({ data: new Uint8Array(response.data as ArrayBuffer) });
    const { text } = await parser.getText();
    await parser.destroy();
    const normalised = text.normalize("NFC");
    expect(normalised).toContain("GIẤY CHỨNG NHẬN");
    expect(normalised).toContain("Tỏi đen Lý Sơn");
    expect(normalised).toContain("Nhóm khởi nghiệp Tỏi đen Lý Sơn");
    expect(normalised).toContain("GIẢI NHẤT");
    expect(normalised).toContain(winner.verification_code);
    expect((await certificateOf(partner, winner.id)).status).toBe(200);
    expect((await certificateOf(staff, winner.id)).status).toBe(200);
  });

  it("refuses the certificate to another applicant (403) and sends anonymous visitors to log in", async () => {
    const winner = (await awards())[0];
    expect((await certificateOf(applicants[5], winner.id)).status).toBe(403);
    expect((await certificateOf(applicants[1], winner.id)).status).toBe(403);
    const anonymous = await certificateOf(null, winner.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    expect((await certificateOf(staff, "no-such-award")).status).toBe(404);
  });

  it("offers the download on the winners' entry page only", async () => {
    const winner = (await awards())[0];
    const own = await call(
      myEntry.loader,
      makeRequest(`/my/entries/${entryIds[0]}`, { cookie: applicants[0].cookie }),
      { id: entryIds[0] },
    );
    expect(own.data.awardId).toBe(winner.id);
    expect(await render(myEntry.default, "/my/entries/:id", `/my/entries/${entryIds[0]}`, own.data)).toContain(
      `href="/certificates/${winner.id}.pdf"`,
    );
    const loser = await call(
      myEntry.loader,
      makeRequest(`/my/entries/${entryIds[5]}`, { cookie: applicants[5].cookie }),
      { id: entryIds[5] },
    );
    expect(loser.data.awardId).toBeNull();
  });

  it("verifies a published certificate's code publicly, and answers 404 to an unknown code", async () => {
    const winner = (await awards())[0];
    const page = await verify(winner.verification_code);
    expect(page.status).toBe(200);
    expect(page.data.certificate).toMatchObject({
      prizeLabel: "Giải Nhất",
      projectName: TEAMS[0].project,
      teamName: TEAMS[0].organisation,
    });
    const html = await render(verifyPage.default, "/verify/:code", `/verify/${winner.verification_code}`, page.data);
    expect(html).toContain("Giấy chứng nhận hợp lệ");
    expect(html).toContain("Tỏi đen Lý Sơn");
    expect(html).not.toContain(TEAMS[0].member.name);
    expect(html).not.toContain(TEAMS[0].member.email);
    expect((await verify("KHONGCOMA123")).status).toBe(404);
  });
});

describe("a tie at the last prize place is the committee's", () => {
  // Seven finalists scored 90, 85, 80, 75, 70, 65, 65 by all three judges on every criterion: the last two are
  // equal on every figure, every criterion and every judge, across the 6th place (khuyến khích) and the 7th (none).
  const SCORES = [90, 85, 80, 75, 70, 65, 65];
  let tiedEdition = "";
  let finalRoundId = "";
  const ids: string[] = [];
  const receipts: string[] = [];
  const prizesOf = (user: TestUser) =>
    call(prizesPage.loader, makeRequest(`/staff/competitions/${tiedEdition}/prizes`, { cookie: user.cookie }), {
      id: tiedEdition,
    });
  const postTo = (user: TestUser, form: Record<string, string | string[]>) =>
    call(prizesPage.action, makeRequest(`/staff/competitions/${tiedEdition}/prizes`, { cookie: user.cookie, form }), {
      id: tiedEdition,
    });
  const listed = () =>
    getDb()
      .selectFrom("prize_awards")
      .select(["rank", "entry_id"])
      .where("edition_id", "=", tiedEdition)
      .orderBy("rank")
      .execute();

  beforeAll(async () => {
    const prefix = `DD${Math.floor(Math.random() * 1e6)}`;
    tiedEdition = await openEdition(staff, { prefix, closed: true });
    const db = getDb();
    const preliminary = await db
      .selectFrom("competition_rounds")
      .select("id")
      .where("edition_id", "=", tiedEdition)
      .where("kind", "=", "preliminary")
      .executeTakeFirstOrThrow();
    await db.deleteFrom("round_criteria").where("round_id", "=", preliminary.id).execute();
    await db.deleteFrom("competition_rounds").where("id", "=", preliminary.id).execute();
    finalRoundId = (
      await db
        .selectFrom("competition_rounds")
        .select("id")
        .where("edition_id", "=", tiedEdition)
        .where("kind", "=", "final")
        .executeTakeFirstOrThrow()
    ).id;
    for (const [index, team] of TEAMS.entries()) {
      const owner = await createUser("applicant");
      ids.push(
        await finalistEntry(
          prefix,
          index + 1,
          { ...team, organisation: `${team.organisation} ${prefix}` },
          [owner.id],
          tiedEdition,
        ),
      );
      receipts.push(`${prefix}-${String(index + 1).padStart(4, "0")}`);
    }
    const actor = actorOf(staff);
    const judges = await Promise.all(
      [1, 2, 3].map((n) => createUser("judge", { fullName: `Giám khảo đồng điểm ${n}` })),
    );
    for (const judge of judges) expect((await addJudge(db, actor, finalRoundId, judge.id, "127.0.0.1")).ok).toBe(true);
    expect((await startRound(db, actor, finalRoundId, "127.0.0.1")).ok).toBe(true);
    expect((await autoAssign(db, actor, finalRoundId, 3, "127.0.0.1")).ok).toBe(true);
    const criteria = await db.selectFrom("round_criteria").select("id").where("round_id", "=", finalRoundId).execute();
    for (const judge of judges) {
      const assignments = await db
        .selectFrom("assignments")
        .select(["id", "entry_id"])
        .where("judge_id", "=", judge.id)
        .where("round_id", "=", finalRoundId)
        .where("removed_at", "is", null)
        .execute();
      for (const assignment of assignments) {
        const scores = Object.fromEntries(criteria.map((c) => [c.id, SCORES[ids.indexOf(assignment.entry_id)]]));
        expect(
          (await saveSheet(db, actorOf(judge), assignment.id, { scores, comments: {} }, true, "127.0.0.1")).ok,
        ).toBe(true);
      }
    }
  });

  it("proposes places 1–5 and leaves the 6th open, naming the tied entries and the places on the page with the rule's source", async () => {
    expect((await postTo(staff, { intent: "propose" })).status).toBe(302);
    expect((await listed()).map((a) => [a.rank, a.entry_id])).toEqual(ids.slice(0, 5).map((id, i) => [i + 1, id]));
    const page = await prizesOf(leader);
    expect(page.data.ties).toHaveLength(1);
    expect(page.data.ties[0]).toMatchObject({
      cutOff: "prize",
      entryIds: [ids[5], ids[6]].sort(),
      firstPlace: 6,
      lastPlace: 7,
      score: 65,
      prizes: ["Giải Khuyến khích", null],
      decision: null,
    });
    expect(page.data.can.approve).toBe(false);
    const html = await render(
      prizesPage.default,
      "/staff/competitions/:id/prizes",
      `/staff/competitions/${tiedEdition}/prizes`,
      page.data,
    );
    expect(html).toContain("Đồng điểm tại ngưỡng giải: hạng 6–7");
    expect(html).toContain("Theo Thể lệ cuộc thi: trường hợp đồng điểm do Ban Tổ chức quyết định");
    expect(html).toContain(`Chưa xác định – đồng điểm: ${[receipts[5], receipts[6]].sort().join(", ")}`);
  });

  it("refuses the leaders' approval with 409 and a Vietnamese message while the tie is undecided", async () => {
    const refused = await postTo(leader, { intent: "approve" });
    expect(refused.status).toBe(409);
    expect(refused.data.errors._form).toContain("Chưa thể phê duyệt");
    expect(refused.data.errors._form).toContain("hạng 6–7");
    expect(refused.data.errors._form).toContain(receipts[5]);
    expect((await prizesOf(leader)).data.edition.resultsStatus).toBe("proposed");
  });

  it("refuses a decision without a reason (400) or with an entry chosen twice (400), and one from an administrator (403)", async () => {
    const noReason = await postTo(staff, { intent: "resolve-tie", tie: "x", order: [ids[6], ids[5]], reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toBe("Vui lòng nhập thông tin này.");
    const twice = await postTo(staff, { intent: "resolve-tie", tie: "x", order: [ids[6], ids[6]], reason: "Nhầm" });
    expect(twice.status).toBe(400);
    expect(twice.data.errors.order).toBe("Mỗi hồ sơ chỉ được chọn cho một hạng.");
    const notTied = await postTo(staff, { intent: "resolve-tie", tie: "x", order: [ids[4], ids[5]], reason: "Nhầm" });
    expect(notTied.status).toBe(409);
    expect(
      (
        await postTo(await createUser("admin"), {
          intent: "resolve-tie",
          tie: "x",
          order: [ids[6], ids[5]],
          reason: "Thử",
        })
      ).status,
    ).toBe(403);
    expect(
      await getDb().selectFrom("tie_resolutions").select("id").where("round_id", "=", finalRoundId).execute(),
    ).toEqual([]);
  });

  it("records the committee's order with its reason, audited, gives the open place in that order, and then approval succeeds", async () => {
    const reason = "Biên bản họp Ban Tổ chức ngày 20/11: nhóm Bánh xèo Đức Phổ trình bày phương án thị trường rõ hơn.";
    expect((await postTo(leader, { intent: "resolve-tie", tie: "x", order: [ids[6], ids[5]], reason })).status).toBe(
      302,
    );
    const decision = await getDb()
      .selectFrom("tie_resolutions")
      .selectAll()
      .where("round_id", "=", finalRoundId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ cut_off: "prize", method: "mean", score: 65, decided_by: leader.id, reason });
    expect(JSON.parse(decision.entry_ids_json)).toEqual([ids[6], ids[5]]);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "round.tie_resolved")
      .where("entity_id", "=", finalRoundId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: leader.id, reason });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      cutOff: "prize",
      order: [ids[6], ids[5]],
      awardsAdded: [{ entryId: ids[6], rank: 6 }],
    });
    expect((await listed()).at(-1)).toEqual({ rank: 6, entry_id: ids[6] });

    const page = await prizesOf(leader);
    expect(page.data.ties[0].decision).toMatchObject({ order: [receipts[6], receipts[5]], reason });
    expect(page.data.can.approve).toBe(true);
    const html = await render(
      prizesPage.default,
      "/staff/competitions/:id/prizes",
      `/staff/competitions/${tiedEdition}/prizes`,
      page.data,
    );
    expect(html).toContain("Ban Tổ chức đã quyết định");
    expect(html).toContain(reason);
    expect((await postTo(leader, { intent: "approve" })).status).toBe(302);
    expect((await prizesOf(leader)).data.edition.resultsStatus).toBe("approved");
    expect(
      (await postTo(staff, { intent: "resolve-tie", tie: "x", order: [ids[5], ids[6]], reason: "Đổi ý" })).status,
    ).toBe(409);
  });

  it("proposes again in the committee's order", async () => {
    expect((await postTo(staff, { intent: "propose" })).status).toBe(302);
    expect((await listed()).map((a) => a.entry_id)).toEqual([...ids.slice(0, 5), ids[6]]);
  });
});
