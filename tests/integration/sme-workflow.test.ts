import { afterEach, beforeAll, describe, expect, it, vi as vitest } from "vitest";
import { translator } from "../../app/i18n";
import type { CurrentUser } from "../../app/lib/auth.server";
import { getDb } from "../../app/lib/db.server";
import { checkUpload } from "../../app/lib/files.server";
import { formatMoney } from "../../app/lib/format";
import { provinceDate } from "../../app/lib/province-time";
import { earliestWithinYearsBefore } from "../../app/lib/periods";
import { addWorkingDays, workCalendar } from "../../app/lib/working-days";
import { loadWorkCalendar } from "../../app/modules/calendar/queries.server";
import {
  addDossierDocument,
  createDossier,
  transitionDossier,
  updateDossier,
} from "../../app/modules/sme/commands.server";
import * as dossierPage from "../../app/routes/staff.sme.$id";
import * as printPage from "../../app/routes/staff.sme.$id_.print";
import * as desk from "../../app/routes/staff.sme._index";
import * as deskExport from "../../app/routes/staff.sme.export";
import * as programmePage from "../../app/routes/staff.sme.programme";
import * as home from "../../app/routes/home";
import { call, createOrganisation, createUser, makeRequest, TINY_PDF, type TestUser } from "../helpers/fixtures";
import { proposeAndApprove, SOURCE_DOCUMENT } from "../helpers/setting-proposals";
import { createProgramme, declareEnterprise, type TestProgramme } from "../helpers/sme";

const vi = translator("vi");
const M = 1_000_000;

let staff: TestUser;
let leader: TestUser;
let owner: TestUser;
let stranger: TestUser;
let enterpriseId = "";
let programme: TestProgramme;

const asActor = (user: TestUser, fullName = "Người thử"): CurrentUser => ({
  id: user.id,
  email: user.email,
  fullName,
  role: user.role,
  sessionId: "test",
});
const context = { t: vi, ip: null };

async function count(
  table: "support_dossiers" | "audit_events" | "outbox_messages" | "notifications",
): Promise<number> {
  const row = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function dossier(id: string) {
  return getDb().selectFrom("support_dossiers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** A filed dossier of the test enterprise: 40 m cost, 40 m requested (micro: 100 % up to 50 m a year). */
async function filedDossier(requestedVnd = 40 * M): Promise<string> {
  const created = await createDossier(
    getDb(),
    asActor(owner),
    {
      organisationId: enterpriseId,
      supportTypeId: programme.typeId,
      content: "Tư vấn ISO",
      providerName: "Công ty tư vấn A",
      totalCostVnd: 40 * M,
      requestedVnd,
    },
    null,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  const submitted = await transitionDossier(getDb(), asActor(owner), created.id, "submit", {}, context);
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.problems));
  return created.id;
}

function act(user: TestUser, id: string, form: Record<string, string>) {
  return call(dossierPage.action, makeRequest(`/staff/sme/${id}`, { cookie: user.cookie, form }), { id });
}

beforeAll(async () => {
  staff = await createUser("staff");
  leader = await createUser("leader");
  owner = await createUser("applicant");
  stranger = await createUser("applicant");
  enterpriseId = await createOrganisation("Công ty TNHH Nấm Thử", [owner.id]);
  await declareEnterprise(enterpriseId, owner.id, "micro");
  programme = await createProgramme();
});

describe("a dossier from filing to payment", () => {
  it("files with a document missing, is supplemented, found complete, appraised, proposed, approved by a leader, paid and closed — each step audited and told to the enterprise", async () => {
    const id = await filedDossier();
    const filed = await dossier(id);
    expect(filed.status).toBe("submitted");
    expect(filed.receipt_number).toMatch(/^DNNVV\d{4}-0001$/);
    const mails = await count("outbox_messages");

    expect((await act(staff, id, { event: "receive" })).status).toBe(302);
    const supplement = await act(staff, id, {
      event: "request_supplement",
      reason: "Bổ sung báo giá của đơn vị tư vấn.",
      dueOn: "2099-01-05",
    });
    expect(supplement.status).toBe(302);
    expect(await dossier(id)).toMatchObject({
      status: "supplement_requested",
      due_on: "2099-01-05",
      supplement_request: "Bổ sung báo giá của đơn vị tư vấn.",
    });

    const upload = await checkUpload(new File([TINY_PDF], "bao-gia.pdf", { type: "application/pdf" }));
    if (!upload.ok) throw new Error("fixture refused");
    expect((await addDossierDocument(getDb(), asActor(owner), id, programme.documentIds[1], upload, null)).ok).toBe(
      true,
    );
    expect((await transitionDossier(getDb(), asActor(owner), id, "supplement", {}, context)).ok).toBe(true);

    expect((await act(staff, id, { event: "mark_complete" })).status).toBe(302);
    const complete = await dossier(id);
    const today = provinceDate(new Date().toISOString());
    expect(complete.complete_on).toBe(today);
    expect(complete.due_on).toBe(addWorkingDays(today, 14, workCalendar()));

    expect((await act(staff, id, { event: "start_appraisal" })).status).toBe(302);
    expect((await act(staff, id, { event: "propose", amountVnd: "40.000.000", reason: "Đủ điều kiện." })).status).toBe(
      302,
    );
    expect((await act(leader, id, { event: "approve", amountVnd: "40000000" })).status).toBe(302);
    expect(await dossier(id)).toMatchObject({ status: "approved", approved_vnd: 40 * M, due_on: null });
    expect((await act(staff, id, { event: "record_payment", amountVnd: "40000000" })).status).toBe(302);
    expect((await act(staff, id, { event: "close" })).status).toBe(302);
    expect((await dossier(id)).status).toBe("closed");

    const actions = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", id)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "sme.dossier_created",
      "sme.dossier_submit",
      "sme.dossier_receive",
      "sme.dossier_request_supplement",
      "sme.document_added",
      "sme.dossier_supplement",
      "sme.dossier_mark_complete",
      "sme.dossier_start_appraisal",
      "sme.dossier_propose",
      "sme.dossier_approve",
      "sme.dossier_record_payment",
      "sme.dossier_close",
    ]);
    const sent = await getDb()
      .selectFrom("outbox_messages")
      .select(["to_address", "subject"])
      .orderBy("created_at")
      .offset(mails)
      .limit(100)
      .execute();
    expect(sent.every((m) => m.to_address === owner.email)).toBe(true);
    expect(sent.map((m) => m.subject)).toContain(
      vi("sme.mail.subject", { receipt: complete.receipt_number!, status: vi("sme.statuses.approved") }),
    );
    // The appraisal and its proposal are the department's own steps: the enterprise is not written to about them.
    expect(sent.map((m) => m.subject)).not.toContain(
      vi("sme.mail.subject", { receipt: complete.receipt_number!, status: vi("sme.statuses.proposed") }),
    );
  });

  it("counts support approved earlier in the year against the yearly cap", async () => {
    // 40 m of the 50 m cap are used by the first dossier: 20 m more is above the cap.
    const created = await createDossier(
      getDb(),
      asActor(owner),
      {
        organisationId: enterpriseId,
        supportTypeId: programme.typeId,
        content: "Tư vấn thêm",
        providerName: "B",
        totalCostVnd: 30 * M,
        requestedVnd: 20 * M,
      },
      null,
    );
    expect(created.ok).toBe(false);
    if (!created.ok)
      expect(created.problems[0]).toMatchObject({ field: "requestedVnd", key: "sme.problems.amount.aboveCap" });
  });
});

describe("the rules the server enforces whatever the form says", () => {
  it("lets only a leader approve: staff get 403 and nothing changes", async () => {
    const id = await filedDossier(5 * M);
    for (const event of ["receive", "mark_complete", "start_appraisal"]) await act(staff, id, { event });
    expect((await act(staff, id, { event: "propose", amountVnd: "5000000", reason: "Đạt." })).status).toBe(302);
    const audits = await count("audit_events");
    expect((await act(staff, id, { event: "approve", amountVnd: "5000000" })).status).toBe(403);
    expect((await dossier(id)).status).toBe("proposed");
    expect(await count("audit_events")).toBe(audits);
    expect((await act(leader, id, { event: "reject", reason: "Trùng nội dung đã hỗ trợ." })).status).toBe(302);
    expect(await dossier(id)).toMatchObject({ status: "rejected", decision_reason: "Trùng nội dung đã hỗ trợ." });
  });

  it("refuses an illegal transition with a Vietnamese message and changes nothing", async () => {
    const id = await filedDossier(1 * M);
    const skipped = await act(staff, id, { event: "mark_complete" });
    expect(skipped.status).toBe(400);
    expect(skipped.data.errors._form).toBe(vi("sme.problems.notAllowed"));
    expect((await dossier(id)).status).toBe("submitted");
  });

  it("refuses bad input next to its field: letters for an amount, a date that does not exist, a supplement without a reason", async () => {
    const id = await filedDossier(1 * M);
    await act(staff, id, { event: "receive" });
    const noReason = await act(staff, id, { event: "request_supplement", dueOn: "2099-01-01" });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toBe(vi("sme.problems.reasonRequired"));
    const badDate = await act(staff, id, { event: "request_supplement", reason: "Thiếu", dueOn: "2099-02-30" });
    expect(badDate.status).toBe(400);
    expect(badDate.data.errors.dueOn).toBe(vi("errors.invalidDate"));
    const pastDate = await act(staff, id, { event: "request_supplement", reason: "Thiếu", dueOn: "2020-01-01" });
    expect(pastDate.data.errors.dueOn).toBe(vi("sme.problems.dueInPast"));
    for (const event of ["mark_complete", "start_appraisal"]) await act(staff, id, { event });
    const letters = await act(staff, id, { event: "propose", amountVnd: "năm triệu", reason: "x" });
    expect(letters.status).toBe(400);
    expect(letters.data.errors.amountVnd).toBeTruthy();
    const aboveRate = await act(staff, id, { event: "propose", amountVnd: "45000000", reason: "x" });
    expect(aboveRate.status).toBe(400);
    // 40 m of this year's 50 m cap went to the first dossier: the message shows the 10 m left and the cap.
    expect(aboveRate.data.errors.amountVnd).toBe(
      vi("sme.problems.amount.aboveCap", { max: formatMoney(10 * M, "vi"), cap: formatMoney(50 * M, "vi") }),
    );
    const script = await act(staff, id, {
      event: "propose",
      amountVnd: "1000000",
      reason: "<script>alert(1)</script>",
    });
    expect(script.status).toBe(400);
    expect((await dossier(id)).status).toBe("under_appraisal");
  });

  it("lets nobody change a closed dossier", async () => {
    const closed = await getDb()
      .selectFrom("support_dossiers")
      .select("id")
      .where("status", "=", "closed")
      .executeTakeFirstOrThrow();
    for (const [user, event] of [
      [staff, "receive"],
      [staff, "close"],
      [leader, "approve"],
    ] as const) {
      const result = await act(user, closed.id, { event, amountVnd: "1000", reason: "x" });
      expect(result.status).toBe(400);
    }
    expect((await transitionDossier(getDb(), asActor(owner), closed.id, "withdraw", { reason: "x" }, context)).ok).toBe(
      false,
    );
    const edit = await updateDossier(
      getDb(),
      asActor(owner),
      closed.id,
      { content: "Sửa", providerName: "X", totalCostVnd: 1, requestedVnd: 1 },
      null,
    );
    expect(edit.ok).toBe(false);
    expect((await dossier(closed.id)).status).toBe("closed");
  });

  it("keeps a queued filing while the programme is paused, refuses to receive it, and refuses filings when told to", async () => {
    const paused = await createProgramme({ status: "paused", pausedIntake: "queue", prefix: "TD" });
    const db = getDb();
    await db
      .updateTable("support_programmes")
      .set({ status: "closed" })
      .where("id", "=", programme.programmeId)
      .execute();
    try {
      const created = await createDossier(
        db,
        asActor(owner),
        {
          organisationId: enterpriseId,
          supportTypeId: paused.typeId,
          content: "x",
          providerName: "y",
          totalCostVnd: 2 * M,
          requestedVnd: 1 * M,
        },
        null,
      );
      if (!created.ok) throw new Error(JSON.stringify(created.problems));
      expect((await transitionDossier(db, asActor(owner), created.id, "submit", {}, context)).ok).toBe(true);
      // The page does not offer what the command would refuse: no "Tiếp nhận" while the programme is paused.
      const page = await call(dossierPage.loader, makeRequest(`/staff/sme/${created.id}`, { cookie: staff.cookie }), {
        id: created.id,
      });
      expect(page.data.events).not.toContain("receive");
      const receive = await act(staff, created.id, { event: "receive" });
      expect(receive.status).toBe(400);
      expect(receive.data.errors._form).toContain("tạm dừng");
      expect((await dossier(created.id)).due_on).toBeNull();
      await db
        .updateTable("support_programmes")
        .set({ paused_intake: "refuse" })
        .where("id", "=", paused.programmeId)
        .execute();
      const second = await createDossier(
        db,
        asActor(owner),
        {
          organisationId: enterpriseId,
          supportTypeId: paused.typeId,
          content: "x",
          providerName: "y",
          totalCostVnd: 2 * M,
          requestedVnd: 1 * M,
        },
        null,
      );
      if (!second.ok) throw new Error(JSON.stringify(second.problems));
      expect((await transitionDossier(db, asActor(owner), second.id, "submit", {}, context)).ok).toBe(false);
      expect((await dossier(second.id)).status).toBe("draft");
    } finally {
      await db
        .updateTable("support_programmes")
        .set({ status: "closed" })
        .where("id", "=", paused.programmeId)
        .execute();
      await db
        .updateTable("support_programmes")
        .set({ status: "open" })
        .where("id", "=", programme.programmeId)
        .execute();
    }
  });
});

describe("innovative-startup support", () => {
  it("is refused to an enterprise registered more than 5 years ago, nothing stored", async () => {
    const db = getDb();
    const startup = await createProgramme({ prefix: "KN" });
    await db.updateTable("support_types").set({ startups_only: 1 }).where("id", "=", startup.typeId).execute();
    await db
      .updateTable("support_programmes")
      .set({ status: "closed" })
      .where("id", "=", programme.programmeId)
      .execute();
    await db.updateTable("organisations").set({ founded_on: "2015-03-01" }).where("id", "=", enterpriseId).execute();
    try {
      const before = await count("support_dossiers");
      const refused = await createDossier(
        db,
        asActor(owner),
        {
          organisationId: enterpriseId,
          supportTypeId: startup.typeId,
          content: "Thuê chỗ",
          providerName: "Vườn ươm",
          totalCostVnd: 10 * M,
          requestedVnd: 5 * M,
        },
        null,
      );
      expect(refused.ok).toBe(false);
      if (!refused.ok)
        expect(refused.problems[0]).toMatchObject({ field: "supportTypeId", key: "sme.problems.notInnovativeStartup" });
      expect(await count("support_dossiers")).toBe(before);
    } finally {
      await db.updateTable("organisations").set({ founded_on: null }).where("id", "=", enterpriseId).execute();
      await db
        .updateTable("support_programmes")
        .set({ status: "closed" })
        .where("id", "=", startup.programmeId)
        .execute();
      await db
        .updateTable("support_programmes")
        .set({ status: "open" })
        .where("id", "=", programme.programmeId)
        .execute();
    }
  });
});

describe("who sees which dossier", () => {
  it("hides a dossier from another enterprise's member (404) and the staff pages from applicants (403)", async () => {
    const id = await filedDossier(1 * M);
    expect(
      (await transitionDossier(getDb(), asActor(stranger), id, "withdraw", { reason: "x" }, context).catch(
        (r: Response) => r,
      )) as Response,
    ).toMatchObject({ status: 404 });
    for (const user of [owner, stranger]) {
      expect((await call(desk.loader, makeRequest("/staff/sme", { cookie: user.cookie }))).status).toBe(403);
      expect(
        (await call(dossierPage.loader, makeRequest(`/staff/sme/${id}`, { cookie: user.cookie }), { id })).status,
      ).toBe(403);
      expect((await act(user, id, { event: "receive" })).status).toBe(403);
    }
    expect(
      (await call(printPage.loader, makeRequest(`/staff/sme/${id}/print`, { cookie: leader.cookie }), { id })).status,
    ).toBe(200);
  });

  it("never shows staff an enterprise's draft", async () => {
    const created = await createDossier(
      getDb(),
      asActor(owner),
      {
        organisationId: enterpriseId,
        supportTypeId: programme.typeId,
        content: "Nháp",
        providerName: "y",
        totalCostVnd: 2 * M,
        requestedVnd: 1 * M,
      },
      null,
    );
    if (!created.ok) throw new Error("draft refused");
    expect(
      (
        await call(dossierPage.loader, makeRequest(`/staff/sme/${created.id}`, { cookie: staff.cookie }), {
          id: created.id,
        })
      ).status,
    ).toBe(404);
  });
});

describe("step durations", () => {
  it("are settings: a longer check moves the due date of a received dossier at once; bad values are refused with nothing stored", async () => {
    const db = getDb();
    const id = await filedDossier(1 * M);
    await act(staff, id, { event: "receive" });
    const received = await dossier(id);
    // Durations are a legal setting: staff propose, a leader approves.
    const post = (form: Record<string, string>) => proposeAndApprove(() => propose(form), leader);
    const propose = async (form: Record<string, string>) => {
      const { version } = await getDb()
        .selectFrom("support_programmes")
        .select("version")
        .where("id", "=", programme.programmeId)
        .executeTakeFirstOrThrow();
      return call(
        programmePage.action,
        makeRequest("/staff/sme/programme", {
          cookie: staff.cookie,
          form: {
            intent: "durations",
            programmeId: programme.programmeId,
            version: String(version),
            sourceDocument: SOURCE_DOCUMENT,
            ...form,
          },
        }),
      );
    };
    const bad = await post({ receiveWorkingDays: "1", checkWorkingDays: "ba", decisionWorkingDays: "0" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.checkWorkingDays).toBeTruthy();
    expect(
      (
        await db
          .selectFrom("support_programmes")
          .select("check_working_days")
          .where("id", "=", programme.programmeId)
          .executeTakeFirstOrThrow()
      ).check_working_days,
    ).toBe(3);
    expect((await post({ receiveWorkingDays: "1", checkWorkingDays: "5", decisionWorkingDays: "14" })).status).toBe(
      302,
    );
    expect((await dossier(id)).due_on).toBe(addWorkingDays(received.step_started_on!, 5, workCalendar()));
    expect(
      await db.selectFrom("audit_events").select("id").where("action", "=", "sme.durations_saved").execute(),
    ).toHaveLength(1);
    await post({ receiveWorkingDays: "1", checkWorkingDays: "3", decisionWorkingDays: "14" });
  });
});

describe("the desk", () => {
  it("lists the dossiers in progress soonest due first, with figures equal to independent counts, and exports them", async () => {
    const db = getDb();
    const overdueId = await filedDossier(1 * M);
    await db.updateTable("support_dossiers").set({ due_on: "2020-01-02" }).where("id", "=", overdueId).execute();
    const { data } = await call(desk.loader, makeRequest("/staff/sme?size=100", { cookie: staff.cookie }));
    const rows = data.page.rows as Array<{ id: string; due_on: string | null; status: string }>;
    expect(rows[0].id).toBe(overdueId);
    const dues = rows.map((r) => r.due_on ?? "9999-12-31");
    expect(dues).toEqual([...dues].sort());
    const all = await db
      .selectFrom("support_dossiers")
      .select(["status", "due_on", "requested_vnd", "approved_vnd"])
      .where("status", "!=", "draft")
      .execute();
    const open = all.filter((d) =>
      ["submitted", "received", "supplement_requested", "complete", "under_appraisal", "proposed", "approved"].includes(
        d.status,
      ),
    );
    expect(data.figures.open).toBe(open.length);
    const owed = ["submitted", "received", "complete", "under_appraisal", "proposed"];
    expect(data.figures.overdue).toBe(
      open.filter(
        (d) => owed.includes(d.status) && d.due_on !== null && d.due_on < provinceDate(new Date().toISOString()),
      ).length,
    );
    expect(data.figures.requestedVnd).toBe(
      all.filter((d) => d.status !== "withdrawn").reduce((sum, d) => sum + d.requested_vnd, 0),
    );
    const everything = await call(desk.loader, makeRequest("/staff/sme?status=", { cookie: staff.cookie }));
    expect(everything.data.figures.approvedVnd).toBe(all.reduce((sum, d) => sum + (d.approved_vnd ?? 0), 0));
    expect(everything.data.figures.approvedVnd).toBe(40 * M);
    const leaderHome = await call(home.loader, makeRequest("/home", { cookie: leader.cookie }));
    expect(leaderHome.data.due.overdue).toBe(data.figures.overdue);
    expect((await call(home.loader, makeRequest("/home", { cookie: owner.cookie }))).data.due).toBeNull();
    const overdue = await call(desk.loader, makeRequest("/staff/sme?due=overdue", { cookie: leader.cookie }));
    expect(overdue.data.page.rows.map((r: { id: string }) => r.id)).toEqual([overdueId]);
    const byName = await call(
      desk.loader,
      makeRequest("/staff/sme?status=&sort=enterprise&dir=desc&size=100", { cookie: staff.cookie }),
    );
    expect(byName.data.page.rows).toHaveLength(all.length);
    const searched = await call(desk.loader, makeRequest("/staff/sme?status=&q=nam%20thu", { cookie: staff.cookie }));
    expect(searched.data.page.total).toBe(all.length);
    const csv = await call(
      deskExport.loader,
      makeRequest("/staff/sme/export?format=csv&status=", { cookie: staff.cookie }),
    );
    expect(csv.status).toBe(200);
    expect(csv.data).toContain("Công ty TNHH Nấm Thử");
  });

  it("exports what the desk shows, with the same default filter and order (no paid dossier among those in progress)", async () => {
    const db = getDb();
    const paidId = await filedDossier(2 * M);
    await db
      .updateTable("support_dossiers")
      .set({ status: "paid", receipt_number: "DNNVV-PAID-1", approved_vnd: 2 * M, paid_vnd: 2 * M })
      .where("id", "=", paidId)
      .execute();
    const shown = await call(
      desk.loader,
      makeRequest("/staff/sme?size=100&sort=requested_vnd&dir=desc", { cookie: staff.cookie }),
    );
    const exported = await call(
      deskExport.loader,
      makeRequest("/staff/sme/export?format=csv&size=100&sort=requested_vnd&dir=desc", { cookie: staff.cookie }),
    );
    const receipts = (exported.data as string)
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(/[,;]/)[0].replace(/"/g, ""));
    expect(receipts).toEqual(
      shown.data.page.rows.map((r: { receipt_number: string | null }) => r.receipt_number ?? ""),
    );
    expect(receipts).not.toContain("DNNVV-PAID-1");
    // Money columns say their unit.
    expect((exported.data as string).split(/\r?\n/)[0]).toContain("Số tiền đã chi (đồng)");
  });

  it("keeps its figures, money included, whatever the list's filter, except the support year it names", async () => {
    const inProgress = await call(desk.loader, makeRequest("/staff/sme", { cookie: staff.cookie }));
    const paidOnly = await call(
      desk.loader,
      makeRequest("/staff/sme?status=paid&due=overdue&q=khong-co", { cookie: staff.cookie }),
    );
    expect(paidOnly.data.figures).toEqual(inProgress.data.figures);
    expect(inProgress.data.figures.paidVnd).toBeGreaterThan(0);
  });
});

describe("the decision clock runs from the receipt of the complete dossier (Decree 80/2021 art. 32)", () => {
  /** The province's clock: 10:00 in Quảng Ngãi on that day. */
  const onDay = (day: string) => vitest.setSystemTime(new Date(`${day}T10:00:00+07:00`));
  afterEach(() => vitest.useRealTimers());

  it("starts on the day staff received a dossier complete, not the later day they found it so, and keeps the check's own due date", async () => {
    vitest.useFakeTimers({ toFake: ["Date"] });
    onDay("2027-03-04");
    const id = await filedDossier(5 * M);
    onDay("2027-03-05"); // Friday: received
    expect((await transitionDossier(getDb(), asActor(staff), id, "receive", {}, context)).ok).toBe(true);
    const calendar = await loadWorkCalendar(getDb());
    expect((await dossier(id)).due_on).toBe(addWorkingDays("2027-03-05", 3, calendar));
    onDay("2027-03-10"); // Wednesday: the check is finished
    expect((await transitionDossier(getDb(), asActor(staff), id, "mark_complete", {}, context)).ok).toBe(true);
    const complete = await dossier(id);
    expect(complete).toMatchObject({ complete_on: "2027-03-10", received_complete_on: "2027-03-05" });
    expect(complete.due_on).toBe(addWorkingDays("2027-03-05", 14, calendar));
    expect(complete.due_on).toBe("2027-03-25");
  });

  it("restarts on the day the last supplement was received", async () => {
    vitest.useFakeTimers({ toFake: ["Date"] });
    onDay("2027-03-08");
    const id = await filedDossier(5 * M);
    expect((await transitionDossier(getDb(), asActor(staff), id, "receive", {}, context)).ok).toBe(true);
    onDay("2027-03-09");
    expect(
      (
        await transitionDossier(
          getDb(),
          asActor(staff),
          id,
          "request_supplement",
          { reason: "Bổ sung hợp đồng tư vấn.", dueOn: "2027-03-20" },
          context,
        )
      ).ok,
    ).toBe(true);
    onDay("2027-03-15"); // Monday: the supplement arrives
    expect((await transitionDossier(getDb(), asActor(owner), id, "supplement", {}, context)).ok).toBe(true);
    onDay("2027-03-17");
    expect((await transitionDossier(getDb(), asActor(staff), id, "mark_complete", {}, context)).ok).toBe(true);
    const complete = await dossier(id);
    expect(complete).toMatchObject({
      complete_on: "2027-03-17",
      received_complete_on: "2027-03-15",
      due_on: "2027-04-02",
    });
  });

  it("shows the day the clock runs from on the staff's and the enterprise's pages", async () => {
    const row = await getDb()
      .selectFrom("support_dossiers")
      .select("id")
      .where("received_complete_on", "=", "2027-03-15")
      .executeTakeFirstOrThrow();
    const staffPage = await call(dossierPage.loader, makeRequest(`/staff/sme/${row.id}`, { cookie: staff.cookie }), {
      id: row.id,
    });
    expect(staffPage.data.dossier).toMatchObject({ received_complete_on: "2027-03-15", complete_on: "2027-03-17" });
    expect(vi("sme.due.clockFrom", { date: "15/03/2027", source: vi("sme.due.clockSource") })).toBe(
      "Thời hạn giải quyết tính từ ngày 15/03/2027, ngày nhận đủ hồ sơ hợp lệ (Điều 32 Nghị định 80/2021/NĐ-CP).",
    );
  });
});

describe("innovative-startup support at the five-year line", () => {
  async function requestStartupSupport(foundedOn: string) {
    const db = getDb();
    const startup = await createProgramme({ prefix: "KS" });
    await db.updateTable("support_types").set({ startups_only: 1 }).where("id", "=", startup.typeId).execute();
    await db
      .updateTable("support_programmes")
      .set({ status: "closed" })
      .where("id", "=", programme.programmeId)
      .execute();
    await db.updateTable("organisations").set({ founded_on: foundedOn }).where("id", "=", enterpriseId).execute();
    try {
      return await createDossier(
        db,
        asActor(owner),
        {
          organisationId: enterpriseId,
          supportTypeId: startup.typeId,
          content: "Thuê chỗ",
          providerName: "Vườn ươm",
          totalCostVnd: 2 * M,
          requestedVnd: 1 * M,
        },
        null,
      );
    } finally {
      await db.updateTable("organisations").set({ founded_on: null }).where("id", "=", enterpriseId).execute();
      await db
        .updateTable("support_programmes")
        .set({ status: "closed" })
        .where("id", "=", startup.programmeId)
        .execute();
      await db
        .updateTable("support_programmes")
        .set({ status: "open" })
        .where("id", "=", programme.programmeId)
        .execute();
    }
  }

  it("accepts an enterprise on the fifth anniversary of its first registration", async () => {
    const today = provinceDate(new Date().toISOString());
    const anniversary = today.endsWith("-02-29")
      ? earliestWithinYearsBefore(today, 5)
      : `${Number(today.slice(0, 4)) - 5}${today.slice(4)}`;
    expect((await requestStartupSupport(anniversary)).ok).toBe(true);
  });

  it("refuses it one day beyond, naming the first eligible registration date and the rule's source", async () => {
    const today = provinceDate(new Date().toISOString());
    const earliest = earliestWithinYearsBefore(today, 5);
    const dayBefore = new Date(Date.parse(`${earliest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const refused = await requestStartupSupport(dayBefore);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.problems[0]).toMatchObject({
        field: "supportTypeId",
        key: "sme.problems.notInnovativeStartup",
        params: { earliest: earliest.split("-").reverse().join("/") },
      });
      expect(vi("sme.problems.notInnovativeStartup", refused.problems[0].params)).toMatch(
        /Điều 20 Nghị định 80\/2021\/NĐ-CP; cách tính thời hạn theo Điều 147–148 Bộ luật Dân sự 2015/,
      );
    }
  });
});
