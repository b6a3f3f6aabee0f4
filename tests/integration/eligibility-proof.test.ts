import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { checkUpload, insertAttachment, writeBlob } from "../../app/lib/files.server";
import { formatDateTime } from "../../app/lib/format";
import { newId } from "../../app/lib/ids.server";
import * as call_ from "../../app/routes/competitions.$id";
import * as myEntry from "../../app/routes/my.entries.$id";
import * as edition from "../../app/routes/staff.competitions.$id._index";
import * as staffEntry from "../../app/routes/staff.competitions.$id.entries.$entryId";
import type { EligibilityVerdict } from "../../app/modules/competition/rules";
import {
  call,
  createOrganisation,
  createUser,
  insertEntry,
  makeRequest,
  TINY_PDF,
  type TestUser,
} from "../helpers/fixtures";
import { categoryId, completeEntryForm, openEdition, requirementId } from "../helpers/competition";
import { renderPage, renderWithData } from "../helpers/render-page";

const REGISTRATION = "Giấy chứng nhận đăng ký doanh nghiệp";
const RESIDENCE = "Giấy xác nhận cư trú";

let staff: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
});

/** A form sent from the edition page as just loaded (it carries the edition's current version). */
async function post(editionId: string, form: Record<string, string>) {
  const row = await getDb()
    .selectFrom("competition_editions")
    .select("version")
    .where("id", "=", editionId)
    .executeTakeFirstOrThrow();
  return call(
    edition.action,
    makeRequest(`/staff/competitions/${editionId}`, {
      cookie: staff.cookie,
      form: { version: String(row.version), ...form },
    }),
    { id: editionId },
  );
}

async function provesRuleOf(editionId: string, label: string) {
  const row = await getDb()
    .selectFrom("competition_document_requirements")
    .select("proves_rule")
    .where("edition_id", "=", editionId)
    .where("label", "=", label)
    .executeTakeFirstOrThrow();
  return row.proves_rule;
}

async function auditActions(editionId: string) {
  const rows = await getDb()
    .selectFrom("audit_events")
    .select(["action", "after_json"])
    .where("entity_type", "=", "edition")
    .where("entity_id", "=", editionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows;
}

function pdfForm(purpose: string, name = "tai-lieu.pdf"): FormData {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("document", new File([new Uint8Array(TINY_PDF)], name, { type: "application/pdf" }));
  return form;
}

describe("the edition editor says which document proves which rule", () => {
  it("adds a requirement proving the enterprise's age, audited, and refuses a second one for the same rule", async () => {
    const editionId = await openEdition(staff);
    const added = await post(editionId, {
      intent: "add-requirement",
      label: REGISTRATION,
      required: "1",
      provesRule: "enterprise_age",
    });
    expect(added.status).toBe(302);
    expect(await provesRuleOf(editionId, REGISTRATION)).toBe("enterprise_age");
    const event = (await auditActions(editionId)).find((e) => e.action === "edition.requirement_added");
    expect(JSON.parse(event!.after_json ?? "{}")).toMatchObject({ label: REGISTRATION, provesRule: "enterprise_age" });

    const second = await post(editionId, {
      intent: "add-requirement",
      label: "Bản sao giấy phép kinh doanh",
      required: "1",
      provesRule: "enterprise_age",
    });
    expect(second.status).toBe(409);
    expect(second.data.errors.provesRule).toContain(`“${REGISTRATION}”`);
    expect(second.data.values.label).toBe("Bản sao giấy phép kinh doanh");
    const labels = await getDb()
      .selectFrom("competition_document_requirements")
      .select("label")
      .where("edition_id", "=", editionId)
      .execute();
    expect(labels.map((l) => l.label)).not.toContain("Bản sao giấy phép kinh doanh");

    // The refusal shows next to the add form's select, which keeps what was typed.
    const loaded = await call(
      edition.loader,
      makeRequest(`/staff/competitions/${editionId}`, { cookie: staff.cookie }),
      { id: editionId },
    );
    const page = await renderPage({
      path: "/staff/competitions/:id",
      component: edition.default,
      request: new Request(`http://localhost/staff/competitions/${editionId}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "add-requirement" }),
      }),
      loader: () => loaded.data,
      action: () => second.data,
    });
    const addForm = page.html.slice(page.html.indexOf("Thêm tài liệu hồ sơ"));
    expect(addForm).toContain("Chứng minh điều kiện");
    expect(addForm).toMatch(/class="field-error"[^>]*>Điều kiện này đã có tài liệu chứng minh/);
    expect(addForm).toContain('value="Bản sao giấy phép kinh doanh"');
  });

  it("refuses a rule that is not one of the three with a 400 next to the field", async () => {
    const editionId = await openEdition(staff);
    const bad = await post(editionId, { intent: "add-requirement", label: "CCCD", required: "1", provesRule: "tuoi" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.provesRule).toBeTruthy();
    const badSet = await post(editionId, {
      intent: "set-requirement-proof",
      itemId: await requirementId(editionId),
      provesRule: "age",
    });
    expect(badSet.status).toBe(400);
    expect(badSet.data.errors.provesRule).toBeTruthy();
    expect(await provesRuleOf(editionId, "Kế hoạch kinh doanh")).toBeNull();
  });

  it("sets, refuses to duplicate and clears the rule of a listed document, each change audited", async () => {
    const editionId = await openEdition(staff);
    const plan = await requirementId(editionId);
    const pitch = await requirementId(editionId, "Bài thuyết trình (pitch deck)");
    const set = await post(editionId, { intent: "set-requirement-proof", itemId: plan, provesRule: "residency" });
    expect(set.status).toBe(302);
    expect(await provesRuleOf(editionId, "Kế hoạch kinh doanh")).toBe("residency");

    const duplicate = await post(editionId, {
      intent: "set-requirement-proof",
      itemId: pitch,
      provesRule: "residency",
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.data.errors.provesRule).toContain("“Kế hoạch kinh doanh”");
    expect(await provesRuleOf(editionId, "Bài thuyết trình (pitch deck)")).toBeNull();

    const cleared = await post(editionId, { intent: "set-requirement-proof", itemId: plan, provesRule: "" });
    expect(cleared.status).toBe(302);
    expect(await provesRuleOf(editionId, "Kế hoạch kinh doanh")).toBeNull();
    const moved = await post(editionId, { intent: "set-requirement-proof", itemId: pitch, provesRule: "residency" });
    expect(moved.status).toBe(302);

    const events = (await auditActions(editionId)).filter((e) => e.action === "edition.requirement_proof_set");
    expect(events.map((e) => JSON.parse(e.after_json ?? "{}").provesRule)).toEqual(["residency", null, "residency"]);
  });

  it("answers 404 for a requirement of another edition", async () => {
    const editionId = await openEdition(staff);
    const other = await openEdition(staff);
    const result = await post(editionId, {
      intent: "set-requirement-proof",
      itemId: await requirementId(other),
      provesRule: "residency",
    });
    expect(result.status).toBe(404);
  });
});

describe("the staff entry page shows each rule's verdict", () => {
  it("refuses the submission without the required proof, then shows the rules met with the proof's file", async () => {
    const editionId = await openEdition(staff, { residency: "Quảng Ngãi" });
    await post(editionId, {
      intent: "add-requirement",
      label: REGISTRATION,
      required: "1",
      provesRule: "enterprise_age",
    });
    await post(editionId, { intent: "add-requirement", label: RESIDENCE, required: "0", provesRule: "residency" });
    const user = await createUser("applicant");
    await createOrganisation(`Nhóm nấm ${user.id.slice(0, 6)}`, [user.id], "startup_team");
    const started = await call(
      call_.action,
      makeRequest(`/competitions/${editionId}`, { method: "POST", cookie: user.cookie }),
      { id: editionId },
    );
    const entryId = started.location!.split("/").pop()!;
    const upload = (purpose: string) =>
      call(myEntry.action, makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie, form: pdfForm(purpose) }), {
        id: entryId,
      });
    expect((await upload(await requirementId(editionId))).status).toBe(302);
    const twoYearsAgo = `${new Date().getUTCFullYear() - 2}-03-01`;
    const form = completeEntryForm(await categoryId(editionId), {
      intent: "submit",
      enterpriseRegisteredOn: twoYearsAgo,
    });
    const submit = () =>
      call(myEntry.action, makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie, form }), { id: entryId });

    const refused = await submit();
    expect(refused.status).toBe(400);
    expect(refused.data.errors.documents).toContain(REGISTRATION);
    expect((await upload(await requirementId(editionId, REGISTRATION))).status).toBe(302);
    expect((await submit()).status).toBe(302);

    const page = await call(
      staffEntry.loader,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, { cookie: staff.cookie }),
      { id: editionId, entryId },
    );
    expect(page.status).toBe(200);
    const verdicts: EligibilityVerdict[] = page.data.verdicts;
    const proof = await getDb()
      .selectFrom("attachments")
      .select("id")
      .where("owner_id", "=", entryId)
      .where("purpose", "=", await requirementId(editionId, REGISTRATION))
      .executeTakeFirstOrThrow();
    expect(verdicts.map((v) => [v.rule, v.verdict])).toEqual([
      ["enterprise_age", "met"],
      ["residency", "met"],
      ["representative_age", "met"],
    ]);
    expect(verdicts[0].fact).toMatchObject({ registeredOn: twoYearsAgo, years: 5 });
    expect(verdicts[0].proof).toMatchObject({ label: REGISTRATION, required: true, attachmentId: proof.id });
    expect(verdicts[1].proof).toMatchObject({ label: RESIDENCE, required: false, attachmentId: null });
    expect(verdicts[2].proof).toBeNull();

    const html = await renderWithData(
      staffEntry.default,
      "/staff/competitions/:id/entries/:entryId",
      `/staff/competitions/${editionId}/entries/${entryId}`,
      page.data,
    );
    expect(html).toContain("Điều kiện tham gia");
    expect(html).toContain(`href="/files/${proof.id}"`);
    expect(html).toContain("Chưa nộp (không bắt buộc)");
    expect(html.match(/badge badge-success">Đạt</g)).toHaveLength(3);

    // The applicant's own page shows the same verdicts.
    const own = await call(myEntry.loader, makeRequest(`/my/entries/${entryId}`, { cookie: user.cookie }), {
      id: entryId,
    });
    expect(own.data.verdicts).toEqual(verdicts);
  });

  it("shows a rule not met, one unknown, and a required proof not submitted", async () => {
    const editionId = await openEdition(staff);
    await post(editionId, {
      intent: "add-requirement",
      label: "CCCD người đại diện",
      required: "1",
      provesRule: "representative_age",
    });
    const user = await createUser("applicant");
    const organisationId = await createOrganisation(`Nhóm cũ ${user.id.slice(0, 6)}`, [user.id], "startup_team");
    const entryId = await insertEntry({
      edition_id: editionId,
      organisation_id: organisationId,
      created_by: user.id,
      status: "submitted",
      enterprise_registered_on: "2001-01-01",
    });
    const page = await call(
      staffEntry.loader,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, { cookie: staff.cookie }),
      { id: editionId, entryId },
    );
    const verdicts: EligibilityVerdict[] = page.data.verdicts;
    expect(verdicts.map((v) => [v.rule, v.verdict])).toEqual([
      ["enterprise_age", "not_met"],
      ["representative_age", "unknown"],
    ]);
    expect(verdicts[0].reason?.key).toBe("competition.problems.enterpriseTooOld");
    expect(verdicts[1].proof).toMatchObject({ label: "CCCD người đại diện", required: true, attachmentId: null });
    const html = await renderWithData(
      staffEntry.default,
      "/staff/competitions/:id/entries/:entryId",
      `/staff/competitions/${editionId}/entries/${entryId}`,
      page.data,
    );
    expect(html).toContain("Không đạt");
    expect(html).toContain("Chưa đủ thông tin");
    expect(html).toContain("Chưa nộp</span>");
    expect(html).toContain("Doanh nghiệp đã thành lập quá 5 năm");
  });
});

describe("staff record that they checked a proof file against its rule", () => {
  const ID_CARD = "Căn cước của người đại diện";

  /** A submitted entry whose representative was born in 1990, in an edition asking the ID card as optional proof. */
  async function entryWithIdCard() {
    const editionId = await openEdition(staff);
    await post(editionId, {
      intent: "add-requirement",
      label: ID_CARD,
      required: "0",
      provesRule: "representative_age",
    });
    const user = await createUser("applicant");
    const organisationId = await createOrganisation(`Nhóm CCCD ${user.id.slice(0, 6)}`, [user.id], "startup_team");
    const entryId = await insertEntry({
      edition_id: editionId,
      organisation_id: organisationId,
      created_by: user.id,
      status: "submitted",
    });
    await getDb()
      .insertInto("entry_members")
      .values({
        id: newId(),
        entry_id: entryId,
        full_name: "Lê Thị Thu",
        role: "Trưởng nhóm",
        email: null,
        phone: null,
        birth_date: "1990-02-14",
        is_representative: 1,
        position: 1,
      })
      .execute();
    const purpose = await requirementId(editionId, ID_CARD);
    /** The team's file for the ID card, uploaded at `at` (the latest is the proof). */
    const sendIdCard = async (name: string, at: string) => {
      const upload = await checkUpload(new File([TINY_PDF], name, { type: "application/pdf" }));
      if (!upload.ok) throw new Error("fixture refused");
      await writeBlob(upload);
      const id = await insertAttachment(getDb(), upload, { type: "entry", id: entryId, purpose }, user.id);
      await getDb().updateTable("attachments").set({ created_at: at }).where("id", "=", id).execute();
      return id;
    };
    return { editionId, entryId, sendIdCard };
  }

  const check = (who: TestUser, editionId: string, entryId: string, form: Record<string, string>) =>
    call(
      staffEntry.action,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, {
        cookie: who.cookie,
        form: { intent: "check-proof", ...form },
      }),
      { id: editionId, entryId },
    );
  const staffPage = (editionId: string, entryId: string) =>
    call(
      staffEntry.loader,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, { cookie: staff.cookie }),
      { id: editionId, entryId },
    );
  const checksOf = (entryId: string) =>
    getDb().selectFrom("entry_eligibility_checks").selectAll().where("entry_id", "=", entryId).execute();
  const checkAudits = (entryId: string) =>
    getDb()
      .selectFrom("audit_events")
      .select(["actor_id", "after_json", "reason", "created_at"])
      .where("entity_type", "=", "entry")
      .where("entity_id", "=", entryId)
      .where("action", "=", "entry.eligibility_checked")
      .execute();

  it("records who checked the ID card and when, audited, and shows it in the table instead of the button", async () => {
    const checker = await createUser("staff", { fullName: "Phạm Minh Khoa" });
    const { editionId, entryId, sendIdCard } = await entryWithIdCard();
    const file = await sendIdCard("cccd-thu.pdf", "2026-03-05T02:00:00.000Z");
    const before = await renderWithData(
      staffEntry.default,
      "/staff/competitions/:id/entries/:entryId",
      `/staff/competitions/${editionId}/entries/${entryId}`,
      (await staffPage(editionId, entryId)).data,
    );
    expect(before).toContain('name="intent" value="check-proof"');
    expect(before).toContain(`name="attachmentId" value="${file}"`);

    const done = await check(checker, editionId, entryId, {
      rule: "representative_age",
      attachmentId: file,
      note: "Khớp ngày sinh trên căn cước.",
    });
    expect(done.status).toBe(302);
    const [row] = await checksOf(entryId);
    expect(row).toMatchObject({
      rule: "representative_age",
      attachment_id: file,
      checked_by: checker.id,
      note: "Khớp ngày sinh trên căn cước.",
    });
    const [audit] = await checkAudits(entryId);
    expect(audit.actor_id).toBe(checker.id);
    expect(audit.reason).toBe("Khớp ngày sinh trên căn cước.");
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      rule: "representative_age",
      attachmentId: file,
      fileName: "cccd-thu.pdf",
      checkedAt: row.checked_at,
    });

    const page = await staffPage(editionId, entryId);
    expect(page.data.checks.representative_age).toMatchObject({
      checkedByName: "Phạm Minh Khoa",
      checkedAt: row.checked_at,
      attachmentId: file,
    });
    const html = await renderWithData(
      staffEntry.default,
      "/staff/competitions/:id/entries/:entryId",
      `/staff/competitions/${editionId}/entries/${entryId}`,
      page.data,
    );
    expect(html).toContain(`Đã đối chiếu bởi Phạm Minh Khoa lúc ${formatDateTime(row.checked_at)}`);
    expect(html).toContain("Khớp ngày sinh trên căn cước.");
    expect(html).not.toContain('value="check-proof"');

    // The same file checked again is refused, and nothing more is written.
    const again = await check(staff, editionId, entryId, { rule: "representative_age", attachmentId: file });
    expect(again.status).toBe(409);
    expect(again.data.errors._form).toBe("Tài liệu này đã được đối chiếu.");
    expect(await checksOf(entryId)).toHaveLength(1);
    expect(await checkAudits(entryId)).toHaveLength(1);
  });

  it("does not carry a check over to a newer file, and refuses a check of the file it replaced", async () => {
    const { editionId, entryId, sendIdCard } = await entryWithIdCard();
    const first = await sendIdCard("cccd-cu.pdf", "2026-03-05T02:00:00.000Z");
    expect((await check(staff, editionId, entryId, { rule: "representative_age", attachmentId: first })).status).toBe(
      302,
    );
    const second = await sendIdCard("cccd-moi.pdf", "2026-03-06T02:00:00.000Z");
    const page = await staffPage(editionId, entryId);
    expect(page.data.checks).toEqual({});

    const stale = await check(staff, editionId, entryId, { rule: "representative_age", attachmentId: first });
    expect(stale.status).toBe(409);
    expect(stale.data.errors._form).toContain("vừa nộp tài liệu mới");
    const refusedPage = await renderPage({
      path: "/staff/competitions/:id/entries/:entryId",
      component: staffEntry.default,
      request: new Request(`http://localhost/staff/competitions/${editionId}/entries/${entryId}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "check-proof" }),
      }),
      loader: () => page.data,
      action: () => stale.data,
    });
    // The refusal is the alert of the row's own form, whose button now checks the new file.
    expect(refusedPage.html).toMatch(
      /role="alert">Người dự thi vừa nộp tài liệu mới[^<]*<\/p><input type="hidden" name="intent" value="check-proof"/,
    );
    expect(refusedPage.html).toContain(`name="attachmentId" value="${second}"`);
    expect((await check(staff, editionId, entryId, { rule: "representative_age", attachmentId: second })).status).toBe(
      302,
    );
    expect((await staffPage(editionId, entryId)).data.checks.representative_age.attachmentId).toBe(second);

    // A file the team removes takes its checks with it (the audit keeps them).
    await getDb().deleteFrom("attachments").where("id", "=", second).execute();
    expect((await checksOf(entryId)).map((c) => c.attachment_id)).toEqual([first]);
    expect(await checkAudits(entryId)).toHaveLength(2);
  });

  it("refuses a rule without a file (409), an unknown rule (400) and a leader (403), writing nothing", async () => {
    const { editionId, entryId, sendIdCard } = await entryWithIdCard();
    const file = await sendIdCard("cccd.pdf", "2026-03-05T02:00:00.000Z");
    const noFile = await check(staff, editionId, entryId, { rule: "enterprise_age", attachmentId: file });
    expect(noFile.status).toBe(409);
    expect(noFile.data.errors._form).toContain("chưa có tài liệu chứng minh");
    const unknown = await check(staff, editionId, entryId, { rule: "nationality", attachmentId: file });
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors.rule).toBeTruthy();
    const leader = await createUser("leader");
    expect((await check(leader, editionId, entryId, { rule: "representative_age", attachmentId: file })).status).toBe(
      403,
    );
    expect(await checksOf(entryId)).toEqual([]);
    expect(await checkAudits(entryId)).toEqual([]);
    // A leader reads the table without the button.
    const leaderPage = await call(
      staffEntry.loader,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, { cookie: leader.cookie }),
      { id: editionId, entryId },
    );
    expect(leaderPage.data.canCheck).toBe(false);
  });
});
