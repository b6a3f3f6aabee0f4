import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import * as edition from "../../app/routes/staff.competitions.$id._index";
import * as editions from "../../app/routes/staff.competitions._index";
import * as newEdition from "../../app/routes/staff.competitions.new";
import { call, countRows, createOrganisation, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { renderPage } from "../helpers/render-page";

type SetupTable =
  | "competition_editions"
  | "competition_categories"
  | "competition_document_requirements"
  | "competition_prizes"
  | "competition_rounds"
  | "round_criteria";

async function countOf(table: SetupTable, editionId?: string): Promise<number> {
  const db = getDb();
  let count: number;
  if (table === "round_criteria") {
    let query = db
      .selectFrom("round_criteria")
      .innerJoin("competition_rounds", "competition_rounds.id", "round_criteria.round_id");
    if (editionId) query = query.where("competition_rounds.edition_id", "=", editionId);
    ({ count } = await query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow());
  } else if (table === "competition_editions") {
    let query = db.selectFrom("competition_editions");
    if (editionId) query = query.where("id", "=", editionId);
    ({ count } = await query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow());
  } else {
    let query = db.selectFrom(table);
    if (editionId) query = query.where("edition_id", "=", editionId);
    ({ count } = await query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow());
  }
  return Number(count);
}

const VALID = {
  name: "Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi lần thứ 5 năm 2026",
  number: "5",
  year: "2026",
  registrationOpensAt: "2026-06-01T08:00",
  submissionDeadline: "2026-09-30T17:00",
  awardCeremonyOn: "2026-11-20",
  residencyProvince: "",
  maxEnterpriseAgeYears: "5",
  minRepresentativeAge: "18",
  receiptPrefix: "KN2026",
  description: "Cuộc thi thường niên của Sở Khoa học và Công nghệ.",
  rules: "# Thể lệ\n- Mỗi nhóm một hồ sơ",
};

let staff: TestUser;
let leader: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  leader = await createUser("leader");
});

async function createThroughForm(overrides: Record<string, string> = {}): Promise<string> {
  const result = await call(
    newEdition.action,
    makeRequest("/staff/competitions/new", { cookie: staff.cookie, form: { ...VALID, ...overrides } }),
  );
  expect(result.status).toBe(302);
  const id = result.location!.replace("/staff/competitions/", "");
  expect(result.location).toBe(`/staff/competitions/${id}`);
  return id;
}

/** A form sent from the page as just loaded: it carries the edition's current version unless the test gives one. */
async function post(editionId: string, form: Record<string, string>, user: TestUser = staff) {
  const row = await getDb()
    .selectFrom("competition_editions")
    .select("version")
    .where("id", "=", editionId)
    .executeTakeFirst();
  return call(
    edition.action,
    makeRequest(`/staff/competitions/${editionId}`, {
      cookie: user.cookie,
      form: { version: String(row?.version ?? 1), ...form },
    }),
    { id: editionId },
  );
}

/** The edition page as the server renders it (no JavaScript), with the loader's data and an action's answer. */
async function renderEditionPage(loaderData: object, actionData?: object): Promise<string> {
  const request = new Request("http://localhost/staff/competitions/e", {
    method: actionData ? "POST" : "GET",
    ...(actionData ? { body: new URLSearchParams({ intent: "add-criterion" }) } : {}),
  });
  const page = await renderPage({
    path: "/staff/competitions/:id",
    component: edition.default,
    request,
    loader: () => loaderData,
    action: () => actionData ?? null,
  });
  return page.html;
}

async function editionEvents(editionId: string) {
  return getDb()
    .selectFrom("audit_events")
    .selectAll()
    .where("entity_type", "=", "edition")
    .where("entity_id", "=", editionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

describe("creating an edition", () => {
  it("stores the deadline typed in Quảng Ngãi time as UTC and adds the province's default set-up", async () => {
    const id = await createThroughForm();
    const row = await getDb()
      .selectFrom("competition_editions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");
    expect(row.submission_deadline).toBe("2026-09-30T10:00:00.000Z");
    expect(row.registration_opens_at).toBe("2026-06-01T01:00:00.000Z");
    expect(row.residency_province).toBeNull();

    expect(await countOf("competition_categories", id)).toBe(2);
    const prizes = await getDb()
      .selectFrom("competition_prizes")
      .select(["rank_label", "count"])
      .where("edition_id", "=", id)
      .orderBy("position")
      .execute();
    expect(prizes).toEqual([
      { rank_label: "Giải Nhất", count: 1 },
      { rank_label: "Giải Nhì", count: 1 },
      { rank_label: "Giải Ba", count: 2 },
      { rank_label: "Giải Khuyến khích", count: 2 },
    ]);
    const page = await call(edition.loader, makeRequest(`/staff/competitions/${id}`, { cookie: staff.cookie }), { id });
    expect(page.data.setup.rounds).toHaveLength(2);
    for (const round of page.data.setup.rounds) expect(round.weightsTotal).toBe(100);
    expect(page.data.values.submissionDeadline).toBe("2026-09-30T17:00");
    expect(page.data.canManage).toBe(true);

    expect((await editionEvents(id)).map((e) => e.action)).toEqual(["edition.created"]);
  });

  it("lists the edition for staff with its phase and number of entries", async () => {
    const id = await createThroughForm({ name: "Kỳ thi để liệt kê" });
    const list = await call(editions.loader, makeRequest("/staff/competitions", { cookie: staff.cookie }));
    const row = list.data.editions.find((e: { id: string }) => e.id === id);
    expect(row).toMatchObject({ name: "Kỳ thi để liệt kê", year: 2026, phase: "draft", entries: 0 });
    expect(list.data.canCreate).toBe(true);
    expect(
      (await call(editions.loader, makeRequest("/staff/competitions", { cookie: leader.cookie }))).data.canCreate,
    ).toBe(false);
  });

  it.each([
    ["an empty name", { name: "" }, "name", /Vui lòng nhập/],
    [
      "a deadline before the opening",
      { submissionDeadline: "2026-05-01T17:00" },
      "submissionDeadline",
      /Hạn nộp phải sau/,
    ],
    ["an impossible date", { registrationOpensAt: "2022-13-40T10:00" }, "registrationOpensAt", /Ngày không hợp lệ/],
    ["a lowercase receipt prefix", { receiptPrefix: "kn2026" }, "receiptPrefix", /chữ in hoa/],
    ["a script tag in the name", { name: "<script>alert(1)</script>" }, "name", /Không được chứa ký tự/],
  ] as Array<[string, Record<string, string>, string, RegExp]>)(
    "refuses %s with a Vietnamese message and writes nothing",
    async (_case, overrides, field, message) => {
      const [editionsBefore, auditBefore] = [await countOf("competition_editions"), await countRows("audit_events")];
      const result = await call(
        newEdition.action,
        makeRequest("/staff/competitions/new", { cookie: staff.cookie, form: { ...VALID, ...overrides } }),
      );
      expect(result.status).toBe(400);
      expect(result.data.errors[field]).toMatch(message);
      expect(result.data.values.receiptPrefix).toBe(overrides.receiptPrefix ?? VALID.receiptPrefix);
      expect(await countOf("competition_editions")).toBe(editionsBefore);
      expect(await countRows("audit_events")).toBe(auditBefore);
    },
  );
});

describe("setting up an edition", () => {
  it("adds and removes a category, each change audited", async () => {
    const id = await createThroughForm();
    const added = await post(id, {
      intent: "add-category",
      name: "Bảng nông nghiệp công nghệ cao",
      kind: "track",
      description: "Nông sản Lý Sơn, Ba Tơ",
    });
    expect(added.status).toBe(302);
    expect(added.location).toBe(`/staff/competitions/${id}`);
    expect(added.headers.get("Set-Cookie")).toMatch(/^flash=/);
    const category = await getDb()
      .selectFrom("competition_categories")
      .selectAll()
      .where("edition_id", "=", id)
      .where("kind", "=", "track")
      .executeTakeFirstOrThrow();
    expect(category.name).toBe("Bảng nông nghiệp công nghệ cao");
    expect(category.position).toBe(3);

    const removed = await post(id, { intent: "remove-category", itemId: category.id });
    expect(removed.status).toBe(302);
    expect(await countOf("competition_categories", id)).toBe(2);
    expect((await editionEvents(id)).map((e) => e.action)).toEqual([
      "edition.created",
      "edition.category_added",
      "edition.category_removed",
    ]);
  });

  it("answers a bad add form with errors for that form only, and writes nothing", async () => {
    const id = await createThroughForm();
    const result = await post(id, {
      intent: "add-prize",
      rankLabel: "Giải đặc biệt",
      count: "0",
      amountVnd: "ba mươi triệu",
    });
    expect(result.status).toBe(400);
    expect(result.data.intent).toBe("add-prize");
    expect(result.data.errors.count).toMatch(/Giá trị phải từ 1/);
    expect(result.data.errors.amountVnd).toMatch(/Viết số như 1.500.000 hoặc 3,5/);
    expect(await countOf("competition_prizes", id)).toBe(4);
    expect(await editionEvents(id)).toHaveLength(1);
  });

  it("adds a criterion to a round, and shows when the round's weights no longer add up to 100", async () => {
    const id = await createThroughForm();
    const [round] = await getDb()
      .selectFrom("competition_rounds")
      .select("id")
      .where("edition_id", "=", id)
      .orderBy("position")
      .execute();
    expect(
      (
        await post(id, {
          intent: "add-criterion",
          roundId: round.id,
          name: "Tính bền vững",
          weight: "10",
          maxScore: "100",
        })
      ).status,
    ).toBe(302);
    const page = await call(edition.loader, makeRequest(`/staff/competitions/${id}`, { cookie: staff.cookie }), { id });
    expect(page.data.setup.rounds[0].weightsTotal).toBe(110);
    expect(page.data.setup.rounds[0].criteria.at(-1).name).toBe("Tính bền vững");
  });

  describe("a criterion that does not count in the total (the rules support it; the form lets staff make one)", () => {
    async function firstRound(id: string) {
      return getDb()
        .selectFrom("competition_rounds")
        .select("id")
        .where("edition_id", "=", id)
        .orderBy("position")
        .executeTakeFirstOrThrow();
    }
    const criterionForm = (roundId: string, extra: Record<string, string> = {}) => ({
      intent: "add-criterion",
      roundId,
      name: "Điểm thưởng trình bày",
      weight: "20",
      maxScore: "10",
      ...extra,
    });

    it("is stored with counts_in_total 0 when the box is ticked, audited, and left out of the round's total weight", async () => {
      const id = await createThroughForm();
      const round = await firstRound(id);
      const before = await call(edition.loader, makeRequest(`/staff/competitions/${id}`, { cookie: staff.cookie }), {
        id,
      });
      const weightsBefore = before.data.setup.rounds[0].weightsTotal;
      expect((await post(id, criterionForm(round.id, { notCounted: "on" }))).status).toBe(302);
      const stored = await getDb()
        .selectFrom("round_criteria")
        .select(["counts_in_total", "weight", "max_score"])
        .where("round_id", "=", round.id)
        .where("name", "=", "Điểm thưởng trình bày")
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ counts_in_total: 0, weight: 20, max_score: 10 });
      const added = (await editionEvents(id)).find((e) => e.action === "edition.criterion_added")!;
      expect(JSON.parse(added.after_json!)).toMatchObject({ name: "Điểm thưởng trình bày", countsInTotal: false });
      const page = await call(edition.loader, makeRequest(`/staff/competitions/${id}`, { cookie: staff.cookie }), {
        id,
      });
      expect(page.data.setup.rounds[0].weightsTotal).toBe(weightsBefore);
      expect(page.data.setup.rounds[0].criteria.at(-1)).toMatchObject({ counts_in_total: 0 });
    });

    it("counts in the total when the box is left unticked (a browser sends nothing), as before", async () => {
      const id = await createThroughForm();
      const round = await firstRound(id);
      expect((await post(id, criterionForm(round.id))).status).toBe(302);
      const stored = await getDb()
        .selectFrom("round_criteria")
        .select("counts_in_total")
        .where("round_id", "=", round.id)
        .where("name", "=", "Điểm thưởng trình bày")
        .executeTakeFirstOrThrow();
      expect(stored.counts_in_total).toBe(1);
    });

    it("shows the box on the form, keeps it ticked when the form comes back refused, and marks the criterion in the list", async () => {
      const id = await createThroughForm();
      const round = await firstRound(id);
      expect((await post(id, criterionForm(round.id, { notCounted: "on" }))).status).toBe(302);
      const refused = await post(id, criterionForm(round.id, { notCounted: "on", weight: "0" }));
      expect(refused.status).toBe(400);
      expect(refused.data.values.notCounted).toBe("on");
      const loaded = await call(edition.loader, makeRequest(`/staff/competitions/${id}`, { cookie: staff.cookie }), {
        id,
      });
      const html = await renderEditionPage(loaded.data, refused.data);
      // Every round's add form has the box; only the refused one (of the first round) comes back ticked.
      const boxes = html.match(/<input[^>]*name="notCounted"[^>]*>/g) ?? [];
      expect(boxes.length).toBe(loaded.data.setup.rounds.length);
      expect(boxes.filter((box) => box.includes("checked"))).toHaveLength(1);
      expect(html).toContain("Không tính vào tổng điểm (tiêu chí tham khảo, ví dụ điểm thưởng)");
      expect(html).toContain("Không tính điểm");
      expect(html).toContain("Tổng trọng số chỉ gồm các tiêu chí tính vào tổng điểm.");
      const fresh = await renderEditionPage(loaded.data);
      expect((fresh.match(/<input[^>]*name="notCounted"[^>]*>/g) ?? []).some((box) => box.includes("checked"))).toBe(
        false,
      );
    });
  });

  it("saves the edition's own fields", async () => {
    const id = await createThroughForm();
    const result = await post(id, {
      intent: "update",
      ...VALID,
      submissionDeadline: "2026-10-15T17:00",
      residencyProvince: "Quảng Ngãi",
    });
    expect(result.status).toBe(302);
    const row = await getDb()
      .selectFrom("competition_editions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.submission_deadline).toBe("2026-10-15T10:00:00.000Z");
    expect(row.residency_province).toBe("Quảng Ngãi");
    const updated = (await editionEvents(id)).find((e) => e.action === "edition.updated")!;
    expect(JSON.parse(updated.before_json!).submission_deadline).toBe("2026-09-30T10:00:00.000Z");
  });

  it("refuses with 409 to move the deadline earlier or remove a category once an entry is submitted", async () => {
    const id = await createThroughForm();
    const applicant = await createUser("applicant");
    const organisationId = await createOrganisation("Nhóm khởi nghiệp Tỏi đen", [applicant.id], "startup_team");
    const category = await getDb()
      .selectFrom("competition_categories")
      .select("id")
      .where("edition_id", "=", id)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await getDb()
      .insertInto("competition_entries")
      .values({
        id: newId(),
        edition_id: id,
        organisation_id: organisationId,
        created_by: applicant.id,
        category_id: category.id,
        status: "submitted",
        receipt_seq: 1,
        receipt_number: "KN2026-0001",
        project_name: "Tỏi đen Lý Sơn",
        name_search: "toi den ly son",
        sector: null,
        summary: null,
        problem: null,
        solution: null,
        market: null,
        business_model: null,
        team_description: null,
        stage: null,
        funding_to_date_vnd: null,
        video_url: null,
        enterprise_registered_on: null,
        residence_province: null,
        consent_at: now,
        submitted_at: now,
        decision_reason: null,
        clarification_fields: null,
        clarification_note: null,
        clarification_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const earlier = await post(id, { intent: "update", ...VALID, submissionDeadline: "2026-09-15T17:00" });
    expect(earlier.status).toBe(409);
    expect(earlier.data.errors.submissionDeadline).toMatch(/không thể dời hạn nộp sớm hơn/);
    const removal = await post(id, { intent: "remove-category", itemId: category.id });
    expect(removal.status).toBe(409);
    expect(removal.data.intent).toBe("remove-category");
    expect(removal.data.errors._form).toBe("Không thể xóa: bảng thi này đang được dùng bởi 1 hồ sơ dự thi.");
    expect(await countOf("competition_categories", id)).toBe(2);
    const row = await getDb()
      .selectFrom("competition_editions")
      .select("submission_deadline")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.submission_deadline).toBe("2026-09-30T10:00:00.000Z");
    expect(await editionEvents(id)).toHaveLength(1);
  });

  it("copies an edition to next year as a draft with the same set-up", async () => {
    const id = await createThroughForm();
    await post(id, { intent: "add-category", name: "Bảng du lịch", kind: "track" });
    const result = await post(id, { intent: "copy" });
    expect(result.status).toBe(302);
    const copyId = result.location!.replace("/staff/competitions/", "");
    expect(copyId).not.toBe(id);
    const copy = await getDb()
      .selectFrom("competition_editions")
      .selectAll()
      .where("id", "=", copyId)
      .executeTakeFirstOrThrow();
    expect(copy).toMatchObject({
      year: 2027,
      number: 6,
      status: "draft",
      copied_from_id: id,
      receipt_prefix: "KN2027",
      submission_deadline: "2027-09-30T10:00:00.000Z",
    });
    for (const table of [
      "competition_categories",
      "competition_document_requirements",
      "competition_prizes",
      "competition_rounds",
      "round_criteria",
    ] as const) {
      expect(await countOf(table, copyId), table).toBe(await countOf(table, id));
    }
    expect(await countOf("competition_categories", copyId)).toBe(3);
    expect((await editionEvents(copyId)).map((e) => e.action)).toEqual(["edition.copied"]);
  });

  it("publishes an edition", async () => {
    const id = await createThroughForm();
    const result = await post(id, { intent: "publish" });
    expect(result.status).toBe(302);
    const row = await getDb()
      .selectFrom("competition_editions")
      .select("status")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("published");
    const page = await call(edition.loader, makeRequest(`/staff/competitions/${id}`, { cookie: staff.cookie }), { id });
    expect(page.data.edition.status).toBe("published");
    expect((await editionEvents(id)).map((e) => e.action)).toEqual(["edition.created", "edition.published"]);
  });

  it("refuses an unknown intent", async () => {
    const id = await createThroughForm();
    expect((await post(id, { intent: "drop-table" })).status).toBe(400);
    expect(await editionEvents(id)).toHaveLength(1);
  });
});

describe("removing set-up that is in use", () => {
  /** An edition with one submitted entry placed in its first round, judged on its first criterion, holding its first prize. */
  async function judgedEdition() {
    const db = getDb();
    const id = await createThroughForm();
    const applicant = await createUser("applicant");
    const judge = await createUser("judge");
    const organisationId = await createOrganisation("Nhóm khởi nghiệp Nấm Linh Chi", [applicant.id], "startup_team");
    const now = new Date().toISOString();
    const entryId = newId();
    await db
      .insertInto("competition_entries")
      .values({
        id: entryId,
        edition_id: id,
        organisation_id: organisationId,
        created_by: applicant.id,
        category_id: null,
        status: "submitted",
        receipt_seq: 1,
        receipt_number: `KN2026-${entryId.slice(0, 8)}`,
        project_name: "Nấm Linh Chi",
        name_search: "nam linh chi",
        sector: null,
        summary: null,
        problem: null,
        solution: null,
        market: null,
        business_model: null,
        team_description: null,
        stage: null,
        funding_to_date_vnd: null,
        video_url: null,
        enterprise_registered_on: null,
        residence_province: null,
        consent_at: now,
        submitted_at: now,
        decision_reason: null,
        clarification_fields: null,
        clarification_note: null,
        clarification_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const round = await db
      .selectFrom("competition_rounds")
      .select("id")
      .where("edition_id", "=", id)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const criterion = await db
      .selectFrom("round_criteria")
      .select("id")
      .where("round_id", "=", round.id)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const prize = await db
      .selectFrom("competition_prizes")
      .select("id")
      .where("edition_id", "=", id)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const assignmentId = newId();
    const sheetId = newId();
    await db.insertInto("round_entries").values({ round_id: round.id, entry_id: entryId, added_at: now }).execute();
    await db
      .insertInto("assignments")
      .values({
        id: assignmentId,
        round_id: round.id,
        entry_id: entryId,
        judge_id: judge.id,
        created_at: now,
        removed_at: null,
      })
      .execute();
    await db
      .insertInto("score_sheets")
      .values({
        id: sheetId,
        assignment_id: assignmentId,
        status: "submitted",
        overall_comment: null,
        submitted_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto("scores")
      .values({ sheet_id: sheetId, criterion_id: criterion.id, score: 8, comment: null })
      .execute();
    await db
      .insertInto("prize_awards")
      .values({
        id: newId(),
        edition_id: id,
        prize_id: prize.id,
        entry_id: entryId,
        rank: 1,
        change_reason: null,
        verification_code: `KT${newId().slice(0, 8)}`,
        created_at: now,
      })
      .execute();
    return { id, roundId: round.id, criterionId: criterion.id, prizeId: prize.id };
  }

  it.each([
    [
      "prize",
      "remove-prize",
      "prizeId",
      "Không thể xóa: giải thưởng này đang được dùng bởi 1 giải trong danh sách giải thưởng.",
    ],
    ["round", "remove-round", "roundId", "Không thể xóa: vòng chấm này đang được dùng bởi 1 phân công chấm."],
    ["criterion", "remove-criterion", "criterionId", "Không thể xóa: tiêu chí này đang được dùng bởi 1 điểm chấm."],
  ] as const)(
    "refuses with 409 to remove a %s that is used, saying by what, and keeps it",
    async (_kind, intent, key, message) => {
      const setup = await judgedEdition();
      const result = await post(setup.id, { intent, itemId: setup[key] });
      expect(result.status).toBe(409);
      expect(result.data.intent).toBe(intent);
      expect(result.data.errors._form).toBe(message);
      const table = {
        prizeId: "competition_prizes",
        roundId: "competition_rounds",
        criterionId: "round_criteria",
      } as const;
      expect(
        await getDb().selectFrom(table[key]).select("id").where("id", "=", setup[key]).executeTakeFirst(),
      ).toBeDefined();
      expect((await editionEvents(setup.id)).map((e) => e.action)).toEqual(["edition.created"]);
    },
  );

  it("refuses a round whose entries were placed in it before any assignment", async () => {
    const setup = await judgedEdition();
    await getDb().deleteFrom("prize_awards").where("prize_id", "=", setup.prizeId).execute();
    await getDb().deleteFrom("scores").execute();
    await getDb().deleteFrom("score_sheets").execute();
    await getDb().deleteFrom("assignments").where("round_id", "=", setup.roundId).execute();
    const result = await post(setup.id, { intent: "remove-round", itemId: setup.roundId });
    expect(result.status).toBe(409);
    expect(result.data.errors._form).toBe("Không thể xóa: vòng chấm này đang được dùng bởi 1 hồ sơ trong vòng.");
  });

  it("still removes a prize, a round or a criterion nothing uses", async () => {
    const id = await createThroughForm();
    const db = getDb();
    const rounds = await db
      .selectFrom("competition_rounds")
      .select("id")
      .where("edition_id", "=", id)
      .orderBy("position")
      .execute();
    const criterion = await db
      .selectFrom("round_criteria")
      .select("id")
      .where("round_id", "=", rounds[0].id)
      .executeTakeFirstOrThrow();
    const prize = await db
      .selectFrom("competition_prizes")
      .select("id")
      .where("edition_id", "=", id)
      .executeTakeFirstOrThrow();
    expect((await post(id, { intent: "remove-criterion", itemId: criterion.id })).status).toBe(302);
    expect((await post(id, { intent: "remove-prize", itemId: prize.id })).status).toBe(302);
    expect((await post(id, { intent: "remove-round", itemId: rounds[rounds.length - 1].id })).status).toBe(302);
  });
});

describe("two staff editing one edition's settings", () => {
  it("saves the first and answers the second, from the same version, 409 naming what the first changed, its input kept", async () => {
    const id = await createThroughForm();
    const other = await createUser("staff", { fullName: "Lê Văn Hùng" });
    expect(
      (await post(id, { intent: "update", ...VALID, name: "Cuộc thi Khởi nghiệp năm 2026 (sửa)", version: "1" }, other))
        .status,
    ).toBe(302);
    const late = await post(id, { intent: "update", ...VALID, minRepresentativeAge: "16", version: "1" });
    expect(late.status).toBe(409);
    expect(late.data.intent).toBe("update");
    expect(late.data.errors._form).toMatch(/^Lê Văn Hùng đã lưu thay đổi lúc/);
    expect(late.data.errors.name).toBe("Người khác vừa sửa thành: Cuộc thi Khởi nghiệp năm 2026 (sửa)");
    expect(late.data.errors.minRepresentativeAge).toBeUndefined();
    expect(late.data.values.minRepresentativeAge).toBe("16");
    const row = await getDb()
      .selectFrom("competition_editions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "Cuộc thi Khởi nghiệp năm 2026 (sửa)", min_representative_age: 18, version: 2 });
  });

  it("refuses a set-up form loaded before another change to the edition, saying who made it", async () => {
    const id = await createThroughForm();
    const other = await createUser("staff", { fullName: "Lê Văn Hùng" });
    expect(
      (await post(id, { intent: "add-category", name: "Bảng du lịch", kind: "track", version: "1" }, other)).status,
    ).toBe(302);
    const late = await post(id, {
      intent: "add-prize",
      rankLabel: "Giải đặc biệt",
      count: "1",
      amountVnd: "30000000",
      version: "1",
    });
    expect(late.status).toBe(409);
    expect(late.data.errors._form).toMatch(/^Lê Văn Hùng đã lưu thay đổi lúc/);
    expect(late.data.values.rankLabel).toBe("Giải đặc biệt");
    expect(
      await getDb()
        .selectFrom("competition_prizes")
        .select("id")
        .where("edition_id", "=", id)
        .where("rank_label", "=", "Giải đặc biệt")
        .executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe("a leader", () => {
  it("can read the set-up but every POST gets 403 and writes nothing", async () => {
    const id = await createThroughForm();
    const page = await call(edition.loader, makeRequest(`/staff/competitions/${id}`, { cookie: leader.cookie }), {
      id,
    });
    expect(page.status).toBe(200);
    expect(page.data.canManage).toBe(false);
    const [editionsBefore, auditBefore, categoriesBefore] = [
      await countOf("competition_editions"),
      await countRows("audit_events"),
      await countOf("competition_categories"),
    ];
    const attempts = [
      await call(newEdition.action, makeRequest("/staff/competitions/new", { cookie: leader.cookie, form: VALID })),
      await call(
        newEdition.action,
        makeRequest("/staff/competitions/new", { cookie: leader.cookie, form: { ...VALID, name: "" } }),
      ),
      await post(id, { intent: "publish" }, leader),
      await post(id, { intent: "copy" }, leader),
      await post(id, { intent: "add-category", name: "Bảng của lãnh đạo", kind: "track" }, leader),
      await post(id, { intent: "update", ...VALID, name: "Tên khác" }, leader),
    ];
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await countOf("competition_editions")).toBe(editionsBefore);
    expect(await countOf("competition_categories")).toBe(categoriesBefore);
    expect(await countRows("audit_events")).toBe(auditBefore);
    const row = await getDb()
      .selectFrom("competition_editions")
      .select(["status", "name"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "draft", name: VALID.name });
  });
});
