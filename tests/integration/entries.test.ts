import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import * as call_ from "../../app/routes/competitions.$id";
import * as files from "../../app/routes/files.$id";
import * as myEntry from "../../app/routes/my.entries.$id";
import * as staffEntry from "../../app/routes/staff.competitions.$id.entries.$entryId";
import * as zip from "../../app/routes/staff.competitions.$id.entries.$entryId.documents[.]zip";
import * as entriesExport from "../../app/routes/staff.competitions.$id.entries.export";
import * as entries from "../../app/routes/staff.competitions.$id.entries._index";
import {
  call,
  countRows,
  createOrganisation,
  createUser,
  makeRequest,
  TINY_PDF,
  type TestUser,
} from "../helpers/fixtures";
import { startRound } from "../../app/modules/judging/commands.server";
import { actorOf, categoryId, completeEntryForm, openEdition, requirementId } from "../helpers/competition";

async function applicant(name = "Nhóm thử"): Promise<TestUser> {
  const user = await createUser("applicant");
  await createOrganisation(`${name} ${user.id.slice(0, 6)}`, [user.id], "startup_team");
  return user;
}

async function startEntry(user: TestUser, editionId: string): Promise<string> {
  const result = await call(
    call_.action,
    makeRequest(`/competitions/${editionId}`, { method: "POST", cookie: user.cookie }),
    { id: editionId },
  );
  expect(result.status).toBe(302);
  return result.location!.split("/").pop()!;
}

function pdfForm(purpose: string, bytes: Uint8Array = TINY_PDF, name = "ke-hoach.pdf"): FormData {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("document", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
  return form;
}

/** A started entry with its business plan uploaded and every field filled. */
async function readyEntry(user: TestUser, editionId: string): Promise<string> {
  const entryId = await startEntry(user, editionId);
  const upload = await call(
    myEntry.action,
    makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie, form: pdfForm(await requirementId(editionId)) }),
    { id: entryId },
  );
  expect(upload.status).toBe(302);
  return entryId;
}

async function submit(user: TestUser, entryId: string, editionId: string, overrides: Record<string, string> = {}) {
  return call(
    myEntry.action,
    makeRequest(`/my/entries/${entryId}`, {
      cookie: user.cookie,
      form: completeEntryForm(await categoryId(editionId), { intent: "submit", ...overrides }),
    }),
    { id: entryId },
  );
}

describe("an entry from draft to submission", () => {
  it("saves a draft, lists what is missing, then submits with a receipt number, an e-mail and a notice", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff, { prefix: "KN2099" });
    const user = await applicant();
    const entryId = await startEntry(user, editionId);

    const draft = await call(
      myEntry.action,
      makeRequest(`/my/entries/${entryId}`, {
        cookie: user.cookie,
        form: { intent: "save", projectName: "Bản nháp đầu", summary: "Mới viết một ít" },
      }),
      { id: entryId },
    );
    expect(draft.status).toBe(302);
    const page = await call(myEntry.loader, makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie }), {
      id: entryId,
    });
    expect(page.data.entry.project_name).toBe("Bản nháp đầu");
    const missing = page.data.checklist.map((item: { message: string }) => item.message).join(" | ");
    expect(missing).toContain("Thiếu tài liệu bắt buộc: Kế hoạch kinh doanh.");
    expect(missing).toContain("Vui lòng nhập thông tin này trước khi nộp.");

    const early = await submit(user, entryId, editionId);
    expect(early.status).toBe(400);
    expect(early.data.errors.documents).toMatch(/Kế hoạch kinh doanh/);
    expect(
      (
        await getDb()
          .selectFrom("competition_entries")
          .select("status")
          .where("id", "=", entryId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("draft");

    await call(
      myEntry.action,
      makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie, form: pdfForm(await requirementId(editionId)) }),
      { id: entryId },
    );
    const done = await submit(user, entryId, editionId);
    expect(done.status).toBe(302);
    const entry = await getDb()
      .selectFrom("competition_entries")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe("submitted");
    expect(entry.receipt_number).toBe("KN2099-0001");
    const mail = await getDb()
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", user.email)
      .where("subject", "like", "%KN2099-0001%")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("Nấm bào ngư Nghĩa Hành");
    const notice = await getDb()
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(notice.link).toBe(`/my/entries/${entryId}`);
    const history = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", entryId)
      .orderBy("id")
      .execute();
    // A refused submit still keeps what was written (saved first, then checked).
    expect(history.map((h) => h.action)).toEqual([
      "entry.created",
      "entry.saved",
      "entry.saved",
      "entry.document_added",
      "entry.saved",
      "entry.submitted",
    ]);
  });

  it("gives twenty concurrent submissions twenty distinct receipt numbers", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff, { prefix: "KNC" });
    const teams = await Promise.all(Array.from({ length: 20 }, () => applicant("Nhóm đồng thời")));
    const entryIds: string[] = [];
    for (const team of teams) entryIds.push(await readyEntry(team, editionId));
    const results = await Promise.all(teams.map((team, index) => submit(team, entryIds[index], editionId)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(302));
    const receipts = await getDb()
      .selectFrom("competition_entries")
      .select("receipt_number")
      .where("edition_id", "=", editionId)
      .execute();
    const numbers = receipts.map((r) => r.receipt_number).sort();
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[0]).toBe("KNC-0001");
    expect(numbers[19]).toBe("KNC-0020");
  });

  it("refuses to submit or change anything after the deadline, and nothing is written", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const entryId = await readyEntry(user, editionId);
    await getDb()
      .updateTable("competition_editions")
      .set({ submission_deadline: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", editionId)
      .execute();
    const before = await getDb()
      .selectFrom("competition_entries")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    const late = await submit(user, entryId, editionId);
    expect(late.status).toBe(409);
    expect(late.data.errors._form).toMatch(/hết hạn nộp hồ sơ/);
    const lateUpload = await call(
      myEntry.action,
      makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie, form: pdfForm("other") }),
      { id: entryId },
    );
    expect(lateUpload.status).toBe(409);
    expect(
      await getDb().selectFrom("competition_entries").selectAll().where("id", "=", entryId).executeTakeFirstOrThrow(),
    ).toEqual(before);
    const newEntry = await call(
      call_.action,
      makeRequest(`/competitions/${editionId}`, { method: "POST", cookie: (await applicant()).cookie }),
      { id: editionId },
    );
    expect(newEntry.status).toBe(409);
  });

  it("allows one live entry per team: a second start opens the same entry", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const first = await startEntry(user, editionId);
    const second = await startEntry(user, editionId);
    expect(second).toBe(first);
  });

  it("refuses an enterprise registered more than five years before the deadline", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const entryId = await readyEntry(user, editionId);
    const result = await submit(user, entryId, editionId, { enterpriseRegisteredOn: "2015-01-01" });
    expect(result.status).toBe(400);
    expect(result.data.errors.enterpriseRegisteredOn).toMatch(/quá 5 năm/);
  });

  it("lets the applicant withdraw before the deadline", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const entryId = await readyEntry(user, editionId);
    await submit(user, entryId, editionId);
    const result = await call(
      myEntry.action,
      makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie, form: { intent: "withdraw" } }),
      { id: entryId },
    );
    expect(result.status).toBe(302);
    expect(
      (
        await getDb()
          .selectFrom("competition_entries")
          .select("status")
          .where("id", "=", entryId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("withdrawn");
  });
});

describe("bad input to the entry form", () => {
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    ["a 300-character project name", { projectName: "x".repeat(300) }, "projectName", /Tối đa 200 ký tự/],
    ["a script tag in the summary", { summary: "<script>alert(1)</script>" }, "summary", /Không được chứa ký tự/],
    ["a 6000-character problem", { problem: "x".repeat(6000) }, "problem", /Tối đa 5000 ký tự/],
    ["text as the funding amount", { fundingToDate: "nhiều tiền" }, "fundingToDate", /Viết số như 1.500.000 hoặc 3,5/],
    ["a negative funding amount", { fundingToDate: "-5" }, "fundingToDate", /từ 0 trở lên/],
    ["an unknown stage", { stage: "unicorn" }, "stage", /chọn một giá trị/],
    ["a javascript: video link", { videoUrl: "javascript:alert(1)" }, "videoUrl", /không hợp lệ/],
    [
      "an impossible registration date",
      { enterpriseRegisteredOn: "2021-02-30" },
      "enterpriseRegisteredOn",
      /Ngày không hợp lệ/,
    ],
    ["a member with a script in the name", { memberName: "<b>Tên</b>" }, "members", /Thành viên thứ 1/],
    ["a member with a bad e-mail", { memberEmail: "khong-email" }, "members", /Thư điện tử không hợp lệ/],
    ["a category of another edition", { categoryId: "khong-ton-tai" }, "categoryId", /chọn một giá trị/],
  ];
  it.each(cases)(
    "refuses %s with a Vietnamese message next to the field and writes nothing",
    async (_name, overrides, field, message) => {
      const staff = await createUser("staff");
      const editionId = await openEdition(staff);
      const user = await applicant();
      const entryId = await startEntry(user, editionId);
      const before = await getDb()
        .selectFrom("competition_entries")
        .selectAll()
        .where("id", "=", entryId)
        .executeTakeFirstOrThrow();
      const members = await getDb().selectFrom("entry_members").selectAll().where("entry_id", "=", entryId).execute();
      const result = await call(
        myEntry.action,
        makeRequest(`/my/entries/${entryId}`, {
          cookie: user.cookie,
          form: completeEntryForm(await categoryId(editionId), overrides),
        }),
        { id: entryId },
      );
      expect([400, 409]).toContain(result.status);
      expect(result.data.errors[field]).toMatch(message);
      expect(
        await getDb().selectFrom("competition_entries").selectAll().where("id", "=", entryId).executeTakeFirstOrThrow(),
      ).toEqual(before);
      expect(await getDb().selectFrom("entry_members").selectAll().where("entry_id", "=", entryId).execute()).toEqual(
        members,
      );
    },
  );

  it("refuses an executable named .pdf, reading the type from its bytes", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const entryId = await startEntry(user, editionId);
    const before = await countRows("attachments");
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, ...new Array(200).fill(0)]);
    const result = await call(
      myEntry.action,
      makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie, form: pdfForm("other", exe, "ke-hoach.pdf") }),
      { id: entryId },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.document).toMatch(/Loại tệp không được chấp nhận/);
    expect(await countRows("attachments")).toBe(before);
  });

  it("refuses a 200 MB upload with 413 before reading it, and stores nothing", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const entryId = await startEntry(user, editionId);
    const before = await countRows("attachments");
    const request = makeRequest(`/my/entries/${entryId}`, {
      cookie: user.cookie,
      body: "x",
      headers: { "Content-Type": "multipart/form-data; boundary=abc", "Content-Length": String(200 * 1024 * 1024) },
    });
    const result = await call(myEntry.action, request, { id: entryId });
    expect(result.status).toBe(413);
    expect(await countRows("attachments")).toBe(before);
  });
});

describe("who may see and change an entry", () => {
  it("keeps another startup out of an entry by every URL", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const owner = await applicant("Chủ hồ sơ");
    const other = await applicant("Nhóm khác");
    const entryId = await readyEntry(owner, editionId);
    const attachment = await getDb()
      .selectFrom("attachments")
      .select("id")
      .where("owner_id", "=", entryId)
      .executeTakeFirstOrThrow();
    const before = await getDb()
      .selectFrom("competition_entries")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();

    expect(
      (await call(myEntry.loader, makeRequest(`/my/entries/${entryId}`, { cookie: other.cookie }), { id: entryId }))
        .status,
    ).toBe(403);
    for (const form of [
      completeEntryForm(await categoryId(editionId)),
      { intent: "submit", consent: "on" },
      { intent: "withdraw" },
      { intent: "remove-document", attachmentId: attachment.id },
    ]) {
      expect(
        (
          await call(myEntry.action, makeRequest(`/my/entries/${entryId}`, { cookie: other.cookie, form }), {
            id: entryId,
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await call(
          myEntry.action,
          makeRequest(`/my/entries/${entryId}`, { cookie: other.cookie, form: pdfForm("other") }),
          { id: entryId },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: other.cookie }), {
          id: attachment.id,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          zip.loader,
          makeRequest(`/staff/competitions/${editionId}/entries/${entryId}/documents.zip`, { cookie: other.cookie }),
          { id: editionId, entryId },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          staffEntry.loader,
          makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, { cookie: other.cookie }),
          { id: editionId, entryId },
        )
      ).status,
    ).toBe(403);
    expect(
      await getDb().selectFrom("competition_entries").selectAll().where("id", "=", entryId).executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect(
      (
        await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: owner.cookie }), {
          id: attachment.id,
        })
      ).status,
    ).toBe(200);
  });

  it.each(["anonymous", "judge", "applicant", "incubator_manager"] as const)(
    "keeps %s out of the screening pages",
    async (role) => {
      const staff = await createUser("staff");
      const editionId = await openEdition(staff);
      const owner = await applicant();
      const entryId = await readyEntry(owner, editionId);
      await submit(owner, entryId, editionId);
      const cookie = role === "anonymous" ? undefined : (await createUser(role)).cookie;
      const expected = role === "anonymous" ? 302 : 403;
      expect(
        (
          await call(entries.loader, makeRequest(`/staff/competitions/${editionId}/entries`, { cookie }), {
            id: editionId,
          })
        ).status,
      ).toBe(expected);
      expect(
        (
          await call(entriesExport.loader, makeRequest(`/staff/competitions/${editionId}/entries/export`, { cookie }), {
            id: editionId,
          })
        ).status,
      ).toBe(expected);
      expect(
        (
          await call(
            staffEntry.loader,
            makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, { cookie }),
            { id: editionId, entryId },
          )
        ).status,
      ).toBe(expected);
      expect(
        (
          await call(
            staffEntry.action,
            makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, {
              cookie,
              form: { event: "mark_valid" },
            }),
            { id: editionId, entryId },
          )
        ).status,
      ).toBe(expected);
      expect(
        (
          await call(
            zip.loader,
            makeRequest(`/staff/competitions/${editionId}/entries/${entryId}/documents.zip`, { cookie }),
            { id: editionId, entryId },
          )
        ).status,
      ).toBe(expected);
    },
  );

  it("does not show staff an entry that is still a draft", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const owner = await applicant();
    const entryId = await startEntry(owner, editionId);
    expect(
      (
        await call(
          staffEntry.loader,
          makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, { cookie: staff.cookie }),
          { id: editionId, entryId },
        )
      ).status,
    ).toBe(404);
  });
});

describe("screening by staff", () => {
  async function submittedEntry() {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const owner = await applicant();
    const entryId = await readyEntry(owner, editionId);
    await submit(owner, entryId, editionId);
    return { staff, editionId, owner, entryId };
  }

  it("marks an entry invalid only with a reason the applicant sees, and tells them", async () => {
    const { staff, editionId, owner, entryId } = await submittedEntry();
    const path = `/staff/competitions/${editionId}/entries/${entryId}`;
    const noReason = await call(
      staffEntry.action,
      makeRequest(path, { cookie: staff.cookie, form: { event: "mark_invalid" } }),
      { id: editionId, entryId },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toMatch(/Vui lòng nhập/);
    const done = await call(
      staffEntry.action,
      makeRequest(path, {
        cookie: staff.cookie,
        form: { event: "mark_invalid", reason: "Thiếu chữ ký người đại diện." },
      }),
      { id: editionId, entryId },
    );
    expect(done.status).toBe(302);
    const page = await call(myEntry.loader, makeRequest(`/my/entries/${entryId}`, { cookie: owner.cookie }), {
      id: entryId,
    });
    expect(page.data.entry.status).toBe("invalid");
    expect(page.data.entry.decision_reason).toBe("Thiếu chữ ký người đại diện.");
    const mail = await getDb()
      .selectFrom("outbox_messages")
      .select("subject")
      .where("to_address", "=", owner.email)
      .where("subject", "like", "%Không hợp lệ%")
      .executeTakeFirst();
    expect(mail).toBeTruthy();
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", entryId)
      .where("action", "=", "entry.mark_invalid")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(staff.id);
    expect(audit.reason).toBe("Thiếu chữ ký người đại diện.");
  });

  it("reopens only the named fields for clarification until a date", async () => {
    const { staff, editionId, owner, entryId } = await submittedEntry();
    const until = new Date(Date.now() + 3 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);
    const path = `/staff/competitions/${editionId}/entries/${entryId}`;
    const form = new URLSearchParams({ event: "request_clarification", note: "Bổ sung thị trường.", until });
    form.append("fields", "market");
    const request = makeRequest(path, {
      cookie: staff.cookie,
      body: form.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect((await call(staffEntry.action, request, { id: editionId, entryId })).status).toBe(302);
    const result = await call(
      myEntry.action,
      makeRequest(`/my/entries/${entryId}`, {
        cookie: owner.cookie,
        form: completeEntryForm(await categoryId(editionId), {
          market: "Thêm Đà Nẵng và Huế.",
          summary: "Tóm tắt bị đổi lén",
          intent: "submit",
        }),
      }),
      { id: entryId },
    );
    expect(result.status).toBe(302);
    const entry = await getDb()
      .selectFrom("competition_entries")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    expect(entry.market).toBe("Thêm Đà Nẵng và Huế.");
    expect(entry.summary).toBe("Trồng nấm bào ngư trên rơm rạ.");
    expect(entry.status).toBe("submitted");
    expect(entry.receipt_number).toMatch(/-0001$/);
  });

  it("refuses a transition the state machine does not allow", async () => {
    const { staff, editionId, entryId } = await submittedEntry();
    const path = `/staff/competitions/${editionId}/entries/${entryId}`;
    await call(staffEntry.action, makeRequest(path, { cookie: staff.cookie, form: { event: "mark_valid" } }), {
      id: editionId,
      entryId,
    });
    const again = await call(
      staffEntry.action,
      makeRequest(path, { cookie: staff.cookie, form: { event: "mark_valid" } }),
      { id: editionId, entryId },
    );
    expect(again.status).toBe(409);
    expect(again.data.errors._form).toMatch(/Không thể chuyển/);
  });

  it("lets a leader read but not decide", async () => {
    const { editionId, entryId } = await submittedEntry();
    const leader = await createUser("leader");
    const path = `/staff/competitions/${editionId}/entries/${entryId}`;
    expect(
      (await call(staffEntry.loader, makeRequest(path, { cookie: leader.cookie }), { id: editionId, entryId })).status,
    ).toBe(200);
    expect(
      (
        await call(staffEntry.action, makeRequest(path, { cookie: leader.cookie, form: { event: "mark_valid" } }), {
          id: editionId,
          entryId,
        })
      ).status,
    ).toBe(403);
  });

  it("filters, searches by receipt number, exports and zips on the server", async () => {
    const { staff, editionId, entryId } = await submittedEntry();
    const receipt = (
      await getDb()
        .selectFrom("competition_entries")
        .select("receipt_number")
        .where("id", "=", entryId)
        .executeTakeFirstOrThrow()
    ).receipt_number!;
    const list = await call(
      entries.loader,
      makeRequest(`/staff/competitions/${editionId}/entries?q=${receipt}`, { cookie: staff.cookie }),
      { id: editionId },
    );
    expect(list.data.page.total).toBe(1);
    expect(list.data.figures.byStatus).toEqual([{ status: "submitted", count: 1 }]);
    const csv = await call(
      entriesExport.loader,
      makeRequest(`/staff/competitions/${editionId}/entries/export?format=csv&status=submitted`, {
        cookie: staff.cookie,
      }),
      { id: editionId },
    );
    expect(csv.data).toContain(receipt);
    expect(csv.data).toContain("Nấm bào ngư Nghĩa Hành");
    // Filed at 01:36 on 02/12 in the province: the export says so, as the page does, not the stored UTC instant.
    await getDb()
      .updateTable("competition_entries")
      .set({ submitted_at: "2026-12-01T18:36:44.618Z" })
      .where("id", "=", entryId)
      .execute();
    const dated = String(
      (
        await call(
          entriesExport.loader,
          makeRequest(`/staff/competitions/${editionId}/entries/export?format=csv&status=submitted`, {
            cookie: staff.cookie,
          }),
          { id: editionId },
        )
      ).data,
    );
    expect(dated).toContain("01:36 02/12/2026");
    expect(dated).not.toContain("2026-12-01T18:36:44.618Z");
    const archive = await call(
      zip.loader,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}/documents.zip`, { cookie: staff.cookie }),
      { id: editionId, entryId },
    );
    expect(archive.status).toBe(200);
    const bytes = new Uint8Array(archive.data as ArrayBuffer);
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    const { unzipSync } = await import("fflate");
    expect(Object.keys(unzipSync(bytes))).toEqual(["ke-hoach.pdf"]);
  });
});

describe("the edition's phase, not only its deadline, decides what it takes", () => {
  it("takes no new entry and no submission once a round has started, even before the deadline", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const draftId = await readyEntry(user, editionId);
    await getDb()
      .updateTable("competition_rounds")
      .set({ status: "judging" })
      .where("edition_id", "=", editionId)
      .where("position", "=", 1)
      .execute();
    const late = await submit(user, draftId, editionId);
    expect(late.status).toBe(409);
    expect(late.data.errors._form).toBe("Kỳ thi đã bắt đầu chấm: không nhận, nộp hoặc sửa hồ sơ nữa.");
    const other = await applicant("Nhóm đến muộn");
    const refused = await call(
      call_.action,
      makeRequest(`/competitions/${editionId}`, { method: "POST", cookie: other.cookie }),
      { id: editionId },
    );
    expect(refused.status).toBe(409);
    expect(refused.data.error).toBe("Kỳ thi đã bắt đầu chấm: không nhận, nộp hoặc sửa hồ sơ nữa.");
    const page = await call(call_.loader, makeRequest(`/competitions/${editionId}`), { id: editionId });
    expect(page.data.phase).toBe("judging");
  });

  it("shows the results phase, not 'taking entries', once the results are published before the deadline", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    await getDb()
      .updateTable("competition_editions")
      .set({ results_status: "published" })
      .where("id", "=", editionId)
      .execute();
    const user = await applicant();
    const refused = await call(
      call_.action,
      makeRequest(`/competitions/${editionId}`, { method: "POST", cookie: user.cookie }),
      { id: editionId },
    );
    expect(refused.status).toBe(409);
    expect(refused.data.error).toBe("Kỳ thi đã công bố kết quả: không nhận, nộp hoặc sửa hồ sơ nữa.");
    expect((await call(call_.loader, makeRequest(`/competitions/${editionId}`), { id: editionId })).data.phase).toBe(
      "results",
    );
  });

  it("refuses to start a round while the call is open (409, Vietnamese)", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const round = await getDb()
      .selectFrom("competition_rounds")
      .select("id")
      .where("edition_id", "=", editionId)
      .where("position", "=", 1)
      .executeTakeFirstOrThrow();
    const outcome = await startRound(getDb(), actorOf(staff), round.id, "127.0.0.1");
    expect(outcome).toEqual({
      ok: false,
      problems: [{ field: "_form", key: "judging.problems.callStillOpen", params: undefined }],
    });
  });
});

describe("the checklist after a refused submission", () => {
  it("lists only what is still missing once the refused submit has saved the fields", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const user = await applicant();
    const entryId = await startEntry(user, editionId);
    const before = await call(myEntry.loader, makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie }), {
      id: entryId,
    });
    expect(before.data.checklist.map((item: { field: string }) => item.field)).toContain("summary");
    const refused = await submit(user, entryId, editionId);
    expect(refused.status).toBe(400);
    const fields = refused.data.checklist.map((item: { field: string }) => item.field);
    expect(fields).toEqual(["documents"]);
    expect(refused.data.checklist[0].message).toBe("Thiếu tài liệu bắt buộc: Kế hoạch kinh doanh.");
  });
});

describe("the sentence on a read-only entry", () => {
  it("tells a draft past its deadline, an awarded entry and a not-awarded one what is true of each", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const draftOwner = await applicant();
    const draftId = await startEntry(draftOwner, editionId);
    const awardedOwner = await applicant("Nhóm đạt giải");
    const awardedId = await startEntry(awardedOwner, editionId);
    const notAwardedOwner = await applicant("Nhóm không đạt");
    const notAwardedId = await startEntry(notAwardedOwner, editionId);
    await getDb()
      .updateTable("competition_editions")
      .set({ submission_deadline: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", editionId)
      .execute();
    await getDb().updateTable("competition_entries").set({ status: "awarded" }).where("id", "=", awardedId).execute();
    await getDb()
      .updateTable("competition_entries")
      .set({ status: "not_awarded" })
      .where("id", "=", notAwardedId)
      .execute();
    await getDb()
      .updateTable("competition_editions")
      .set({ results_status: "published" })
      .where("id", "=", editionId)
      .execute();
    const sentence = async (user: TestUser, entryId: string) => {
      const page = await call(myEntry.loader, makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie }), {
        id: entryId,
      });
      return page.data.readOnlyReason;
    };
    expect(await sentence(draftOwner, draftId)).toBe("draftClosed");
    expect(await sentence(awardedOwner, awardedId)).toBe("awarded");
    expect(await sentence(notAwardedOwner, notAwardedId)).toBe("notAwarded");
  });
});
