import { describe, expect, it } from "vitest";
import { recordAudit } from "../../app/lib/audit.server";
import { getDb } from "../../app/lib/db.server";
import * as auditExport from "../../app/routes/admin.audit.export";
import * as audit from "../../app/routes/admin.audit";
import { openEdition } from "../helpers/competition";
import { call, createOrganisation, createUser, insertEntry, makeRequest } from "../helpers/fixtures";

type AuditPage = {
  page: {
    total: number;
    rows: Array<{
      time: string;
      actor: string;
      action: string;
      entityType: string;
      record: { name: string; href: string | null };
      changes: Array<{ field: string; from: string | null; to: string }>;
      reason: string | null;
    }>;
  };
};

let seq = 40;

async function screenedEntry() {
  const receipt = `KT2026-00${++seq}`;
  const staff = await createUser("staff", { fullName: "Trần Thị Thư Ký" });
  const editionId = await openEdition(staff);
  const organisationId = await createOrganisation("Công ty Nhật Ký Xanh");
  const entryId = await insertEntry({
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: staff.id,
    project_name: "Máy sấy nông sản năng lượng mặt trời",
    receipt_number: receipt,
    status: "submitted",
  });
  await recordAudit(getDb(), {
    actorId: staff.id,
    action: "entry.mark_valid",
    entityType: "entry",
    entityId: entryId,
    before: { status: "submitted" },
    after: { status: "valid", version: 3, decidedAt: "2026-12-01T18:36:44.618Z" },
    reason: "Đủ hồ sơ",
  });
  return { staff, editionId, entryId, organisationId, receipt };
}

describe("the audit page in words", () => {
  it("names the record with a link and says what changed from → to, times on the province's clock", async () => {
    const { editionId, entryId, receipt } = await screenedEntry();
    const admin = await createUser("admin");
    const result = await call(
      audit.loader,
      makeRequest("/admin/audit?action=entry.mark_valid", { cookie: admin.cookie }),
    );
    expect(result.status).toBe(200);
    const { page } = result.data as AuditPage;
    const row = page.rows.find((r) => r.record.href?.endsWith(entryId))!;
    expect(row.action).toBe("Xác nhận hợp lệ");
    expect(row.actor).toBe("Trần Thị Thư Ký");
    expect(row.entityType).toBe("Hồ sơ dự thi");
    expect(row.record).toEqual({
      name: `${receipt} · Máy sấy nông sản năng lượng mặt trời`,
      href: `/staff/competitions/${editionId}/entries/${entryId}`,
    });
    expect(row.changes).toContainEqual({ field: "Trạng thái", from: "Đã nộp", to: "Hợp lệ" });
    // 18:36 UTC on the 1st is 01:36 on the 2nd in Quảng Ngãi; the row's version is bookkeeping, not a change.
    expect(row.changes).toContainEqual({ field: "Thời điểm quyết định", from: null, to: "02/12/2026 01:36" });
    expect(row.changes.map((c) => c.field)).not.toContain("version");
    expect(row.reason).toBe("Đủ hồ sơ");
    expect(JSON.stringify(page)).not.toContain('"status":"valid"');
  });

  it("filters by action and kind of record in SQL", async () => {
    await screenedEntry();
    const admin = await createUser("admin");
    const organisations = await call(
      audit.loader,
      makeRequest("/admin/audit?entity_type=organisation", { cookie: admin.cookie }),
    );
    const rows = (organisations.data as AuditPage).page.rows;
    expect(rows.every((r) => r.entityType === "Tổ chức")).toBe(true);
    const none = await call(audit.loader, makeRequest("/admin/audit?action=no.such_action", { cookie: admin.cookie }));
    expect((none.data as AuditPage).page.total).toBe(0);
  });

  it("searches the reason and the person who acted, not the action's key (the select picks the action)", async () => {
    const { entryId } = await screenedEntry();
    const admin = await createUser("admin");
    const ask = async (q: string) =>
      (
        (await call(audit.loader, makeRequest(`/admin/audit?q=${encodeURIComponent(q)}`, { cookie: admin.cookie })))
          .data as AuditPage
      ).page.rows.filter((r) => r.record.href?.endsWith(entryId));
    expect(await ask("hồ sơ")).toHaveLength(1);
    expect(await ask("Thư Ký")).toHaveLength(1);
    expect(await ask("mark_valid")).toHaveLength(0);
  });

  it("exports the filtered log as CSV in words, with province times and absolute links", async () => {
    const { entryId, receipt } = await screenedEntry();
    const admin = await createUser("admin");
    const result = await call(
      auditExport.loader,
      makeRequest("/admin/audit/export?format=csv&action=entry.mark_valid", { cookie: admin.cookie }),
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Disposition")).toMatch(/nhat-ky-thay-doi-\d{4}-\d{2}-\d{2}\.csv/);
    const csv = result.data as string;
    expect(csv).toContain("Xác nhận hợp lệ");
    expect(csv).toContain(`${receipt} · Máy sấy nông sản năng lượng mặt trời`);
    expect(csv).toContain("Trạng thái: Đã nộp → Hợp lệ");
    expect(csv).toContain(`/entries/${entryId}`);
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(csv.split("\r\n").filter((line) => line.includes(receipt))).toHaveLength(1);
  });

  it("exports XLSX too", async () => {
    await screenedEntry();
    const admin = await createUser("admin");
    const result = await call(
      auditExport.loader,
      makeRequest("/admin/audit/export?format=xlsx", { cookie: admin.cookie }),
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toContain("spreadsheetml");
  });

  it("is for administrators only, the page and its export", async () => {
    const staff = await createUser("staff");
    for (const [loader, path] of [
      [audit.loader, "/admin/audit"],
      [auditExport.loader, "/admin/audit/export?format=csv"],
    ] as const) {
      const refused = await call(loader, makeRequest(path, { cookie: staff.cookie }));
      expect(refused.status).toBe(403);
    }
  });
});
