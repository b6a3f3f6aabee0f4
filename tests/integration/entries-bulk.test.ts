import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import type { EntryStatus } from "../../db/types";
import { getDb } from "../../app/lib/db.server";
import * as entries from "../../app/routes/staff.competitions.$id.entries._index";
import {
  call,
  countRows,
  createOrganisation,
  createUser,
  insertEntry,
  makeRequest,
  testContext,
  type TestUser,
} from "../helpers/fixtures";
import { renderPage } from "../helpers/render-page";
import { openEdition } from "../helpers/competition";
import { BULK_SCREEN_MAX } from "../../app/modules/competition/schemas";

/** An entry of its own team (with one active member who gets the e-mails), written straight in at a status. */
async function entryAt(editionId: string, status: EntryStatus, receipt: string, staff: TestUser) {
  const member = await createUser("applicant");
  const organisationId = await createOrganisation(`Nhóm ${receipt}`, [member.id], "startup_team");
  const id = await insertEntry({
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: staff.id,
    status,
    receipt_number: receipt,
    receipt_seq: Number(receipt.slice(-4)),
    project_name: `Dự án ${receipt}`,
  });
  return { id, member };
}

async function statuses(ids: string[]) {
  const rows = await getDb()
    .selectFrom("competition_entries")
    .select(["id", "status", "decision_reason"])
    .where("id", "in", ids)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

function bulk(user: TestUser, editionId: string, form: Record<string, string | string[]>, query = "?index") {
  return call(
    entries.action,
    makeRequest(`/staff/competitions/${editionId}/entries${query}`, {
      cookie: user.cookie,
      form: { intent: "bulk-screen", ...form },
    }),
    { id: editionId },
  );
}

/** The entries page as the server renders it for a request (a POST runs the action first, as Remix does). */
async function render(request: Request, editionId: string): Promise<string> {
  const page = await renderPage({
    path: "/staff/competitions/:id/entries",
    component: entries.default as ComponentType,
    request,
    loader: entries.loader,
    action: entries.action,
    context: testContext,
  }).catch((error: Error) => {
    throw new Error(`${error.message} (edition ${editionId})`);
  });
  return page.html;
}

describe("bulk screening on the entries table", () => {
  it("marks the ticked entries invalid with one reason: each through the state machine, audited and its team told", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const a = await entryAt(editionId, "submitted", "BL-0001", staff);
    const b = await entryAt(editionId, "valid", "BL-0002", staff);
    const untouched = await entryAt(editionId, "submitted", "BL-0003", staff);
    const reason = "Không có giấy xác nhận cư trú tại Quảng Ngãi.";

    const result = await bulk(
      staff,
      editionId,
      { event: "mark_invalid", entryIds: [a.id, b.id, a.id], reason },
      "?status=submitted&index",
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/staff/competitions/${editionId}/entries?status=submitted`);
    expect(await statuses([a.id, b.id, untouched.id])).toEqual({
      [a.id]: "invalid",
      [b.id]: "invalid",
      [untouched.id]: "submitted",
    });
    const audits = await getDb()
      .selectFrom("audit_events")
      .select(["entity_id", "actor_id", "reason", "before_json", "after_json"])
      .where("action", "=", "entry.mark_invalid")
      .where("entity_id", "in", [a.id, b.id])
      .execute();
    expect(audits).toHaveLength(2);
    for (const audit of audits) {
      expect(audit.actor_id).toBe(staff.id);
      expect(audit.reason).toBe(reason);
      expect(JSON.parse(audit.after_json!)).toEqual({ status: "invalid", bulk: true });
    }
    expect(JSON.parse(audits.find((x) => x.entity_id === b.id)!.before_json!)).toEqual({ status: "valid" });
    for (const member of [a.member, b.member]) {
      const mail = await getDb()
        .selectFrom("outbox_messages")
        .select(["subject", "text_body"])
        .where("to_address", "=", member.email)
        .executeTakeFirstOrThrow();
      expect(mail.subject).toContain("Không hợp lệ");
      expect(mail.text_body).toContain(reason);
    }
  });

  it("refuses a mixed selection as a whole: names the withdrawn entry and why, and writes nothing", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const a = await entryAt(editionId, "submitted", "MX-0001", staff);
    const b = await entryAt(editionId, "invalid", "MX-0002", staff);
    const gone = await entryAt(editionId, "withdrawn", "MX-0003", staff);
    const [auditsBefore, mailsBefore] = [await countRows("audit_events"), await countRows("outbox_messages")];

    const result = await bulk(staff, editionId, { event: "mark_valid", entryIds: [a.id, gone.id, b.id] });
    expect(result.status).toBe(409);
    expect(Object.keys(result.data.errors)).toEqual([`entry:${gone.id}`]);
    expect(result.data.errors[`entry:${gone.id}`]).toBe(
      "MX-0003 – Dự án MX-0003: đang ở trạng thái “Đã rút”, không thể nhận quyết định này.",
    );
    // The form comes back with the selection ticked, to untick the refused one.
    expect(result.data.selected).toEqual([a.id, gone.id, b.id]);
    expect(await statuses([a.id, b.id, gone.id])).toEqual({
      [a.id]: "submitted",
      [b.id]: "invalid",
      [gone.id]: "withdrawn",
    });
    expect(await countRows("audit_events")).toBe(auditsBefore);
    expect(await countRows("outbox_messages")).toBe(mailsBefore);

    const retried = await bulk(staff, editionId, { event: "mark_valid", entryIds: [a.id, b.id] });
    expect(retried.status).toBe(302);
    expect(await statuses([a.id, b.id])).toEqual({ [a.id]: "valid", [b.id]: "valid" });
  });

  it("refuses an entry of another edition, a draft, or an unknown id in the selection, writing nothing", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const otherEdition = await openEdition(staff);
    const mine = await entryAt(editionId, "submitted", "OE-0001", staff);
    const theirs = await entryAt(otherEdition, "submitted", "OE-0002", staff);
    const draft = await entryAt(editionId, "draft", "OE-0003", staff);
    const before = await countRows("audit_events");
    const result = await bulk(staff, editionId, {
      event: "mark_valid",
      entryIds: [mine.id, theirs.id, draft.id, "khong-co"],
    });
    expect(result.status).toBe(409);
    expect(Object.keys(result.data.errors).sort()).toEqual(
      [`entry:${theirs.id}`, `entry:${draft.id}`, "entry:khong-co"].sort(),
    );
    expect(result.data.errors[`entry:${theirs.id}`]).toMatch(/không thuộc kỳ thi này/);
    expect(await statuses([mine.id, theirs.id, draft.id])).toEqual({
      [mine.id]: "submitted",
      [theirs.id]: "submitted",
      [draft.id]: "draft",
    });
    expect(await countRows("audit_events")).toBe(before);
  });

  it("validates the form: at least one entry, a decision, a reason when invalid, at most the largest page", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const a = await entryAt(editionId, "submitted", "VA-0001", staff);
    const none = await bulk(staff, editionId, { event: "mark_valid" });
    expect(none.status).toBe(400);
    expect(none.data.errors.entryIds).toBe("Chọn ít nhất một hồ sơ trong bảng.");
    const noReason = await bulk(staff, editionId, { event: "mark_invalid", entryIds: [a.id] });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.data.errors)).toEqual(["reason"]);
    const noDecision = await bulk(staff, editionId, { entryIds: [a.id] });
    expect(noDecision.status).toBe(400);
    expect(noDecision.data.errors.event).toBeTruthy();
    const tooMany = await bulk(staff, editionId, {
      event: "mark_valid",
      entryIds: Array.from({ length: BULK_SCREEN_MAX + 1 }, (_, i) => `id-${i}`),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.data.errors.entryIds).toBe(`Mỗi lần chọn tối đa ${BULK_SCREEN_MAX} hồ sơ.`);
    expect(await statuses([a.id])).toEqual({ [a.id]: "submitted" });
  });

  it("offers the checkboxes to staff only on entries a decision can leave from, and none to a leader", async () => {
    const staff = await createUser("staff");
    const leader = await createUser("leader");
    const editionId = await openEdition(staff);
    const open = await entryAt(editionId, "submitted", "UI-0001", staff);
    const gone = await entryAt(editionId, "withdrawn", "UI-0002", staff);
    const page = await call(
      entries.loader,
      makeRequest(`/staff/competitions/${editionId}/entries`, { cookie: staff.cookie }),
      { id: editionId },
    );
    expect(page.data.canScreen).toBe(true);
    const screenable = Object.fromEntries(
      page.data.page.rows.map((row: { id: string; screenable: boolean }) => [row.id, row.screenable]),
    );
    expect(screenable).toEqual({ [open.id]: true, [gone.id]: false });
    const read = await call(
      entries.loader,
      makeRequest(`/staff/competitions/${editionId}/entries`, { cookie: leader.cookie }),
      { id: editionId },
    );
    expect(read.data.canScreen).toBe(false);
    expect(read.data.page.rows.every((row: { screenable: boolean }) => !row.screenable)).toBe(true);
    const refused = await bulk(leader, editionId, { event: "mark_valid", entryIds: [open.id] });
    expect(refused.status).toBe(403);
  });

  it("renders the checkboxes as part of the bulk form (no JavaScript needed) and the refusal list after a refused POST", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    const open = await entryAt(editionId, "submitted", "RD-0001", staff);
    const gone = await entryAt(editionId, "withdrawn", "RD-0002", staff);
    const url = `/staff/competitions/${editionId}/entries`;
    const html = await render(makeRequest(url, { cookie: staff.cookie }), editionId);
    expect(html).toContain(`form="bulk-screen"`);
    expect(html).toContain(`value="${open.id}"`);
    expect(html).not.toContain(`value="${gone.id}"`);
    expect(html).toContain('aria-label="Chọn hồ sơ Dự án RD-0001"');
    expect(html).toMatch(/<form[^>]*id="bulk-screen"/);
    const refused = await render(
      makeRequest(url, {
        cookie: staff.cookie,
        form: { intent: "bulk-screen", event: "mark_valid", entryIds: [open.id, gone.id] },
      }),
      editionId,
    );
    expect(refused).toContain("Chưa ghi quyết định nào");
    expect(refused).toContain("RD-0002 – Dự án RD-0002: đang ở trạng thái “Đã rút”");
    expect(refused).toMatch(new RegExp(`value="${open.id}"[^>]*checked|checked[^>]*value="${open.id}"`));
  });
});
