import { beforeAll, describe, expect, it } from "vitest";
import { serverI18n } from "../../app/i18n";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { searchKey } from "../../app/lib/format";
import { autoAssign } from "../../app/modules/judging/commands.server";
import { type ConflictEvidence, describeEvidence } from "../../app/modules/judging/conflict-evidence";
import * as blindPage from "../../app/routes/judging.rounds.$roundId.conflicts";
import * as roundPage from "../../app/routes/staff.competitions.$id.rounds.$roundId._index";
import * as judgePage from "../../app/routes/staff.judges.$judgeId";
import { actorOf } from "../helpers/competition";
import { call, createOrganisation, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { renderWithData } from "../helpers/render-page";
import { judgingRound } from "../helpers/judging-round";

let staff: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  // A public mailbox: the entries' owner shares "gmail.com" with nobody in particular.
  applicant = await createUser("applicant", { email: `nop-ho-so-${newId().slice(0, 6)}@gmail.com` });
});

type Round = Awaited<ReturnType<typeof judgingRound>>;

async function entriesOf(round: Round) {
  return getDb()
    .selectFrom("round_entries")
    .innerJoin("competition_entries", "competition_entries.id", "round_entries.entry_id")
    .innerJoin("organisations", "organisations.id", "competition_entries.organisation_id")
    .select([
      "competition_entries.id",
      "competition_entries.receipt_number as receipt",
      "competition_entries.project_name as project",
      "organisations.id as organisationId",
      "organisations.name as organisation",
    ])
    .where("round_entries.round_id", "=", round.roundId)
    .orderBy("competition_entries.receipt_seq")
    .execute();
}

const postRound = (round: Round, form: Record<string, string>) =>
  call(
    roundPage.action,
    makeRequest(`/staff/competitions/${round.editionId}/rounds/${round.roundId}`, {
      cookie: staff.cookie,
      form,
    }),
    { id: round.editionId, roundId: round.roundId },
  );
const openRound = (round: Round) =>
  call(
    roundPage.loader,
    makeRequest(`/staff/competitions/${round.editionId}/rounds/${round.roundId}`, { cookie: staff.cookie }),
    { id: round.editionId, roundId: round.roundId },
  );
const linkJudge = (judge: TestUser, organisationId: string) =>
  call(
    judgePage.action,
    makeRequest(`/staff/judges/${judge.id}`, { cookie: staff.cookie, form: { intent: "link", organisationId } }),
    { judgeId: judge.id },
  );

async function organisationOfKind(name: string, kind: "expert" | "support_organisation" | "enterprise") {
  const id = await createOrganisation(name);
  await getDb().updateTable("organisations").set({ kind }).where("id", "=", id).execute();
  return id;
}

async function incubate(organisationId: string, incubatorId: string, mentorId?: string) {
  const id = newId();
  const now = new Date().toISOString();
  await getDb()
    .insertInto("incubation_records")
    .values({
      id,
      organisation_id: organisationId,
      incubator_id: incubatorId,
      source_award_id: null,
      started_on: "2026-01-01",
      planned_end_on: "2027-01-01",
      status: "incubating",
      status_reason: null,
      report_period_months: 3,
      enterprise_tax_code: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (mentorId)
    await getDb()
      .insertInto("incubation_mentors")
      .values({ record_id: id, organisation_id: mentorId, added_at: now })
      .execute();
}

async function signMou(reference: string, title: string, parties: string[]) {
  const id = newId();
  const now = new Date().toISOString();
  await getDb()
    .insertInto("mous")
    .values({
      id,
      reference,
      title,
      title_search: searchKey(title),
      event_id: null,
      pairing: "enterprise_support",
      signed_on: "2026-05-10",
      summary: null,
      status: "signed",
      next_check_on: null,
      created_by: staff.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await getDb()
    .insertInto("mou_parties")
    .values(parties.map((organisation_id, position) => ({ mou_id: id, organisation_id, position })))
    .execute();
}

const t = serverI18n("vi").t;
/** Evidence in the words the round page shows. */
const words = (evidence: ConflictEvidence) =>
  describeEvidence(evidence, (key, options) => (t as (k: string, o?: object) => string)(key, options));

describe("conflicts proposed from business data", () => {
  it("proposes membership, e-mail domain, MOU, incubator and mentor links with their evidence, never a public domain", async () => {
    const round = await judgingRound(staff, applicant, { entries: 6, judges: 4 });
    const entries = await entriesOf(round);
    const [member, sameDomain, mouJudge, incubationJudge] = round.judges;
    const db = getDb();

    // 1. Staff link the first judge to the first entry's organisation, through the judge's page (audited).
    expect((await linkJudge(member, entries[0].organisationId)).status).toBe(302);
    const linkAudit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "judge.organisation_linked")
      .where("entity_id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(linkAudit.after_json!)).toMatchObject({ organisationId: entries[0].organisationId });
    const judgeView = await call(
      judgePage.loader,
      makeRequest(`/staff/judges/${member.id}`, { cookie: staff.cookie }),
      {
        judgeId: member.id,
      },
    );
    expect(judgeView.data.linked.map((o: { id: string }) => o.id)).toEqual([entries[0].organisationId]);
    expect((await linkJudge(member, entries[0].organisationId)).status).toBe(409);

    // 2. A work domain shared with the second entry's organisation; a public one shared with the sixth.
    await db
      .updateTable("users")
      .set({ email: "gk.binh@congty-tra-khuc.vn" })
      .where("id", "=", sameDomain.id)
      .execute();
    await db
      .updateTable("organisations")
      .set({ email: "lienhe@congty-tra-khuc.vn" })
      .where("id", "=", entries[1].organisationId)
      .execute();
    await db.updateTable("users").set({ email: "gk.an@gmail.com" }).where("id", "=", member.id).execute();
    await db
      .updateTable("organisations")
      .set({ email: "lienhe.so6@gmail.com" })
      .where("id", "=", entries[5].organisationId)
      .execute();

    // 3. The third judge's fund signed an MOU with the third entry's organisation.
    const fund = await organisationOfKind("Quỹ Đầu tư Sao Mai", "enterprise");
    expect((await linkJudge(mouJudge, fund)).status).toBe(302);
    await signMou("12/2026/BBGN", "Hợp tác đầu tư", [fund, entries[2].organisationId]);

    // 4. The fourth judge's incubator incubates the fourth entry; their expert office mentors the fifth.
    const incubator = await organisationOfKind("Vườn ươm Dung Quất", "support_organisation");
    const expert = await organisationOfKind("Văn phòng chuyên gia Thiên Ấn", "expert");
    expect((await linkJudge(incubationJudge, incubator)).status).toBe(302);
    expect((await linkJudge(incubationJudge, expert)).status).toBe(302);
    await incubate(entries[3].organisationId, incubator);
    const otherIncubator = await organisationOfKind("Trung tâm Hỗ trợ khởi nghiệp", "support_organisation");
    await incubate(entries[4].organisationId, otherIncubator, expert);

    expect((await postRound(round, { intent: "propose-conflicts" })).status).toBe(302);
    const page = await openRound(round);
    type Row = {
      judge_id: string;
      organisation_id: string;
      reason: string;
      status: string;
      evidence: ConflictEvidence[];
    };
    const proposals = (page.data.conflicts as Row[]).map((c) => ({
      judge: c.judge_id,
      organisation: c.organisation_id,
      reason: c.reason,
      status: c.status,
      evidence: c.evidence.map(words),
    }));
    const expected = [
      {
        judge: member.id,
        organisation: entries[0].organisationId,
        reason: "member",
        evidence: [`Cùng tổ chức ${entries[0].organisation}`],
      },
      {
        judge: sameDomain.id,
        organisation: entries[1].organisationId,
        reason: "email_domain",
        evidence: ["Cùng tên miền thư điện tử @congty-tra-khuc.vn"],
      },
      {
        judge: mouJudge.id,
        organisation: entries[2].organisationId,
        reason: "mou",
        evidence: [
          `Biên bản ghi nhớ số 12/2026/BBGN (Hợp tác đầu tư) giữa Quỹ Đầu tư Sao Mai và ${entries[2].organisation}`,
        ],
      },
      {
        judge: incubationJudge.id,
        organisation: entries[3].organisationId,
        reason: "incubation",
        evidence: [`Vườn ươm Dung Quất ươm tạo ${entries[3].organisation}`],
      },
      {
        judge: incubationJudge.id,
        organisation: entries[4].organisationId,
        reason: "incubation",
        evidence: [`Văn phòng chuyên gia Thiên Ấn là chuyên gia cố vấn của ${entries[4].organisation} trong ươm tạo`],
      },
    ];
    const sortKey = (p: { judge: string; organisation: string }) => `${p.judge}|${p.organisation}`;
    expect(proposals.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      expected.map((e) => ({ ...e, status: "proposed" })).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    // The shared gmail.com of the first judge and the sixth organisation proposes nothing.
    expect(proposals.some((p) => p.organisation === entries[5].organisationId)).toBe(false);
  });

  it("confirms a proposal as an audited conflict with its evidence; a dismissal needs a reason and is never proposed again", async () => {
    const round = await judgingRound(staff, applicant, { entries: 3, judges: 3 });
    const entries = await entriesOf(round);
    const [first, second] = round.judges;
    expect((await linkJudge(first, entries[0].organisationId)).status).toBe(302);
    expect((await linkJudge(second, entries[1].organisationId)).status).toBe(302);
    expect((await postRound(round, { intent: "assign", k: "2" })).status).toBe(302);
    expect((await postRound(round, { intent: "propose-conflicts" })).status).toBe(302);
    const conflicts = (await openRound(round)).data.conflicts as Array<{ id: string; judge_id: string }>;
    const toConfirm = conflicts.find((c) => c.judge_id === first.id)!;
    const toDismiss = conflicts.find((c) => c.judge_id === second.id)!;

    expect(
      (await postRound(round, { intent: "decide-conflict", conflictId: toConfirm.id, decision: "confirm" })).status,
    ).toBe(302);
    const confirmed = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "conflict.confirmed")
      .where("entity_id", "=", entries[0].organisationId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(confirmed.after_json!)).toMatchObject({
      status: "confirmed",
      judgeId: first.id,
      evidence: [{ kind: "membership", organisation: entries[0].organisation }],
    });
    const live = await getDb()
      .selectFrom("assignments")
      .select("id")
      .where("judge_id", "=", first.id)
      .where("entry_id", "=", entries[0].id)
      .where("removed_at", "is", null)
      .execute();
    expect(live).toEqual([]);

    const noReason = await postRound(round, {
      intent: "decide-conflict",
      conflictId: toDismiss.id,
      decision: "dismiss",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toBe("Hãy ghi lý do bỏ qua đề xuất.");
    expect(
      (
        await postRound(round, {
          intent: "decide-conflict",
          conflictId: toDismiss.id,
          decision: "dismiss",
          reason: "Giám khảo đã nghỉ việc ở tổ chức từ năm 2020",
        })
      ).status,
    ).toBe(302);
    const dismissed = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "conflict.dismissed")
      .where("entity_id", "=", entries[1].organisationId)
      .executeTakeFirstOrThrow();
    expect(dismissed.reason).toBe("Giám khảo đã nghỉ việc ở tổ chức từ năm 2020");
    // Deciding it again is a state conflict, not a second decision.
    expect(
      (await postRound(round, { intent: "decide-conflict", conflictId: toDismiss.id, decision: "confirm" })).status,
    ).toBe(409);

    const again = await postRound(round, { intent: "propose-conflicts" });
    expect(again.status).toBe(302);
    const after = (await openRound(round)).data.conflicts as Array<{ judge_id: string; status: string }>;
    expect(after.map((c) => [c.judge_id, c.status]).sort()).toEqual(
      [
        [first.id, "confirmed"],
        [second.id, "dismissed"],
      ].sort(),
    );
  });
});

/** Server-renders the blind declaration page with its loader's data, as Remix sends it. */
function renderBlindPage(loaderData: object): Promise<string> {
  return renderWithData(
    blindPage.default,
    "/judging/rounds/:roundId/conflicts",
    "/judging/rounds/r/conflicts",
    loaderData,
  );
}

async function addMember(entryId: string, fullName: string, position: number) {
  await getDb()
    .insertInto("entry_members")
    .values({
      id: newId(),
      entry_id: entryId,
      full_name: fullName,
      role: "Thành viên",
      email: null,
      phone: null,
      birth_date: null,
      is_representative: 0,
      position,
    })
    .execute();
}

describe("declaring conflicts in a blind round", () => {
  const openBlind = (judge: TestUser, roundId: string) =>
    call(blindPage.loader, makeRequest(`/judging/rounds/${roundId}/conflicts`, { cookie: judge.cookie }), { roundId });
  const declare = (judge: TestUser, roundId: string, form: Record<string, string | string[]>) =>
    call(blindPage.action, makeRequest(`/judging/rounds/${roundId}/conflicts`, { cookie: judge.cookie, form }), {
      roundId,
    });

  it("lists names only, records conflicts on the entries behind the ticked ones, and auto-assignment avoids them", async () => {
    const round = await judgingRound(staff, applicant, { entries: 4, judges: 3, blind: true });
    const entries = await entriesOf(round);
    await addMember(entries[0].id, "Trần Thị Bích", 1);
    await addMember(entries[1].id, "Lê Văn Cường", 1);
    // The same person in two teams is listed once, and ticking them matches both entries.
    await addMember(entries[2].id, "Lê  Văn Cường", 1);
    await addMember(entries[3].id, "Phạm Minh Đức", 1);
    const [judge] = round.judges;

    const page = await openBlind(judge, round.roundId);
    expect(page.status).toBe(200);
    expect(page.data.people).toEqual(["Lê Văn Cường", "Phạm Minh Đức", "Trần Thị Bích"]);
    expect(page.data.organisations).toEqual(
      entries.map((e) => e.organisation).sort((a, b) => a.localeCompare(b, "vi")),
    );
    const html = await renderBlindPage(page.data);
    expect(html).toContain("Lê Văn Cường");
    expect(html).toContain(entries[3].organisation);
    for (const entry of entries) {
      expect(html).not.toContain(entry.receipt!);
      expect(html).not.toContain(entry.project);
      expect(html).not.toContain(entry.id);
      expect(html).not.toContain(entry.organisationId);
    }

    const answer = await declare(judge, round.roundId, {
      organisations: entries[3].organisation,
      people: "Lê Văn Cường",
      reason: "Người quen thân",
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/judging");
    const recorded = await getDb()
      .selectFrom("judge_conflicts")
      .select(["organisation_id", "source", "status"])
      .where("judge_id", "=", judge.id)
      .execute();
    expect(recorded.map((c) => c.organisation_id).sort()).toEqual(
      [entries[1].organisationId, entries[2].organisationId, entries[3].organisationId].sort(),
    );
    for (const c of recorded) expect(c).toMatchObject({ source: "declared", status: "confirmed" });

    // Assigned after the declaration, one judge per entry: the judge gets only the entry they are free to judge.
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 1, "127.0.0.1")).ok).toBe(true);
    const live = await getDb()
      .selectFrom("assignments")
      .select("entry_id")
      .where("round_id", "=", round.roundId)
      .where("judge_id", "=", judge.id)
      .where("removed_at", "is", null)
      .execute();
    for (const entry of entries.slice(1)) expect(live.map((a) => a.entry_id)).not.toContain(entry.id);
    const perEntry = await getDb()
      .selectFrom("assignments")
      .select(["entry_id"])
      .where("round_id", "=", round.roundId)
      .where("removed_at", "is", null)
      .execute();
    for (const entry of entries) expect(perEntry.filter((a) => a.entry_id === entry.id)).toHaveLength(1);

    // A name not in the round is refused, and nothing is ticked is asked again.
    expect((await declare(judge, round.roundId, { organisations: "Công ty không có", reason: "Thử" })).status).toBe(
      400,
    );
    expect((await declare(judge, round.roundId, { reason: "Thử" })).status).toBe(400);
  });

  it("is for the round's judges only, and only in a blind round", async () => {
    const round = await judgingRound(staff, applicant, { entries: 2, judges: 1, blind: true });
    const entries = await entriesOf(round);
    const outsider = await createUser("judge");
    expect((await openBlind(outsider, round.roundId)).status).toBe(403);
    expect(
      (await declare(outsider, round.roundId, { organisations: entries[0].organisation, reason: "Thử" })).status,
    ).toBe(403);
    expect((await openBlind(staff, round.roundId)).status).toBe(403);
    expect(
      await getDb().selectFrom("judge_conflicts").select("id").where("judge_id", "=", outsider.id).execute(),
    ).toEqual([]);

    const open = await judgingRound(staff, applicant, { entries: 1, judges: 1 });
    expect((await openBlind(open.judges[0], open.roundId)).status).toBe(404);
  });
});
