import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
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
