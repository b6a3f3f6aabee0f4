import { describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import {
  changedFields,
  changeLine,
  describeAuditRow,
  looseTranslate,
  provinceDateTime,
  recordKey,
  valueInWords,
} from "../../app/modules/admin/audit-view";

const t = looseTranslate(translator("vi"));

const row = {
  id: 7,
  action: "sme.dossier_approve",
  entity_type: "support_dossier",
  entity_id: "0d9a4a8e-1111-4222-8333-944455556666",
  before_json: JSON.stringify({ status: "proposed", version: 4 }),
  after_json: JSON.stringify({ status: "approved", version: 5, approvedOn: "2026-12-02" }),
  reason: "Đủ điều kiện",
  created_at: "2026-12-01T18:36:44.618Z",
  actor_name: "Lê Văn Lãnh Đạo",
};

describe("an audit row in words", () => {
  it("shows an instant on the province's clock as dd/MM/yyyy HH:mm (18:36 UTC on the 1st is 01:36 on the 2nd)", () => {
    expect(provinceDateTime("2026-12-01T18:36:44.618Z")).toBe("02/12/2026 01:36");
  });

  it("says each changed field from → to, with the status translated for the record's kind", () => {
    expect(changedFields(row.before_json, row.after_json, "support_dossier", t)).toEqual([
      { field: "Trạng thái", from: "Đã trình phê duyệt", to: "Đã phê duyệt" },
      { field: "approved on", from: null, to: "02/12/2026" },
    ]);
  });

  it("leaves out fields that did not change and bookkeeping (version, ids)", () => {
    const changes = changedFields(
      JSON.stringify({ status: "valid", name: "A", judgeId: "x" }),
      JSON.stringify({ status: "valid", name: "B", judgeId: "y" }),
      "entry",
      t,
    );
    expect(changes).toEqual([{ field: "Tên", from: "A", to: "B" }]);
  });

  it("reads booleans, roles and lists in words, and tolerates JSON that is not an object", () => {
    expect(valueInWords("required", true, "edition", t)).toBe("Có");
    expect(valueInWords("role", "judge", "user", t)).toBe("Giám khảo");
    expect(valueInWords("modules", ["sme", "technology"], "report_draft", t)).toBe("sme, technology");
    expect(changedFields("not json", "[1,2]", "entry", t)).toEqual([]);
  });

  it("names the action, the record with its link, the actor and the time", () => {
    const names = new Map([
      [recordKey(row.entity_type, row.entity_id), { name: "HT-2026-0003 · Công ty A", href: "/staff/sme/x" }],
    ]);
    const view = describeAuditRow(row, names, t);
    expect(view).toMatchObject({
      action: "Phê duyệt hỗ trợ",
      entityType: "Hồ sơ hỗ trợ DNNVV",
      record: { name: "HT-2026-0003 · Công ty A", href: "/staff/sme/x" },
      actor: "Lê Văn Lãnh Đạo",
      time: "02/12/2026 01:36",
      reason: "Đủ điều kiện",
    });
    expect(changeLine(view.changes[0])).toBe("Trạng thái: Đã trình phê duyệt → Đã phê duyệt");
  });

  it("names a record it cannot find by its kind, and a system action by the system", () => {
    const view = describeAuditRow({ ...row, actor_name: null, action: "unknown.thing" }, new Map(), t);
    expect(view.actor).toBe("Hệ thống");
    expect(view.action).toBe("unknown.thing");
    expect(view.record.href).toBeNull();
    expect(view.record.name).toContain("Hồ sơ hỗ trợ DNNVV");
  });
});
