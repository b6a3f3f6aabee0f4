import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { formatDateTime } from "../../app/lib/format";
import { checkUpload, insertAttachment, writeBlob } from "../../app/lib/files.server";
import { newId } from "../../app/lib/ids.server";
import * as staffEntry from "../../app/routes/staff.competitions.$id.entries.$entryId";
import * as entryPdf from "../../app/routes/staff.competitions.$id.entries.$entryId.entry[.]pdf";
import {
  call,
  createOrganisation,
  createUser,
  insertEntry,
  makeRequest,
  TINY_PDF,
  type TestUser,
} from "../helpers/fixtures";
import { openEdition, requirementId } from "../helpers/competition";

async function pdfText(data: ArrayBuffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text.normalize("NFC");
}

/** A submitted entry with two members, its business plan uploaded at a known instant, then marked invalid by staff. */
async function screenedEntry() {
  const receipt = `PDF-${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const staff = await createUser("staff");
  const editionId = await openEdition(staff);
  const member = await createUser("applicant");
  const organisationId = await createOrganisation("Hợp tác xã Nấm Nghĩa Hành", [member.id], "startup_team");
  const entryId = await insertEntry({
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: member.id,
    status: "submitted",
    receipt_number: receipt,
    receipt_seq: 7,
    project_name: "Nấm bào ngư trên rơm rạ Nghĩa Hành",
    sector: "Nông nghiệp",
    stage: "prototype",
    summary: "Trồng nấm bào ngư trên rơm rạ sau mùa gặt.",
    market: "Chợ đầu mối Quảng Ngãi và siêu thị trong tỉnh.",
    funding_to_date_vnd: 50_000_000,
  });
  await getDb()
    .insertInto("entry_members")
    .values([
      {
        id: newId(),
        entry_id: entryId,
        full_name: "Nguyễn Thị Hồng Nhung",
        role: "Trưởng nhóm",
        email: "nhung@example.vn",
        phone: "0905123456",
        birth_date: "1995-04-30",
        is_representative: 1,
        position: 1,
      },
      {
        id: newId(),
        entry_id: entryId,
        full_name: "Trần Văn Đức",
        role: "Kỹ thuật",
        email: null,
        phone: null,
        birth_date: null,
        is_representative: 0,
        position: 2,
      },
    ])
    .execute();
  const upload = await checkUpload(new File([TINY_PDF], "ke-hoach-kinh-doanh.pdf", { type: "application/pdf" }));
  if (!upload.ok) throw new Error("fixture refused");
  await writeBlob(upload);
  const attachmentId = await insertAttachment(
    getDb(),
    upload,
    { type: "entry", id: entryId, purpose: await requirementId(editionId) },
    member.id,
  );
  // The edition asks two proofs: the representative's ID card (sent) and the registration certificate (required, not sent).
  await getDb()
    .insertInto("competition_document_requirements")
    .values([
      {
        id: newId(),
        edition_id: editionId,
        category_id: null,
        label: "Giấy chứng nhận đăng ký doanh nghiệp",
        required: 1,
        position: 8,
        proves_rule: "enterprise_age",
      },
      {
        id: newId(),
        edition_id: editionId,
        category_id: null,
        label: "Căn cước của người đại diện",
        required: 0,
        position: 9,
        proves_rule: "representative_age",
      },
    ])
    .execute();
  const idCard = await checkUpload(new File([TINY_PDF], "can-cuoc-nhung.pdf", { type: "application/pdf" }));
  if (!idCard.ok) throw new Error("fixture refused");
  await writeBlob(idCard);
  const idCardId = await insertAttachment(
    getDb(),
    idCard,
    { type: "entry", id: entryId, purpose: await requirementId(editionId, "Căn cước của người đại diện") },
    member.id,
  );
  // 20:30 UTC on 5 March is 03:30 on 6 March in the province.
  await getDb()
    .updateTable("attachments")
    .set({ created_at: "2026-03-05T20:30:00.000Z" })
    .where("id", "=", attachmentId)
    .execute();
  const decided = await call(
    staffEntry.action,
    makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, {
      cookie: staff.cookie,
      form: { event: "mark_invalid", reason: "Thiếu giấy xác nhận cư trú của người đại diện." },
    }),
    { id: editionId, entryId },
  );
  expect(decided.status).toBe(302);
  return { staff, member, editionId, entryId, receipt, idCardId };
}

const getPdf = (user: TestUser, editionId: string, entryId: string) =>
  call(
    entryPdf.loader,
    makeRequest(`/staff/competitions/${editionId}/entries/${entryId}/entry.pdf`, { cookie: user.cookie }),
    { id: editionId, entryId },
  );

describe("an entry as one PDF for the printed file", () => {
  it("prints the fields, the members, the documents with sizes and province-time uploads, and the screening history", async () => {
    const { staff, editionId, entryId, receipt, idCardId } = await screenedEntry();
    const checked = await call(
      staffEntry.action,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}`, {
        cookie: staff.cookie,
        form: { intent: "check-proof", rule: "representative_age", attachmentId: idCardId, note: "Khớp ngày sinh." },
      }),
      { id: editionId, entryId },
    );
    expect(checked.status).toBe(302);
    const { checked_at } = await getDb()
      .selectFrom("entry_eligibility_checks")
      .select("checked_at")
      .where("entry_id", "=", entryId)
      .executeTakeFirstOrThrow();
    const response = await getPdf(staff, editionId, entryId);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain(`${receipt}.pdf`);
    const text = await pdfText(response.data as ArrayBuffer);
    for (const expected of [
      "HỒ SƠ DỰ THI",
      "Nấm bào ngư trên rơm rạ Nghĩa Hành",
      `Số biên nhận: ${receipt}`,
      "Hợp tác xã Nấm Nghĩa Hành",
      "Không hợp lệ",
      "Sản phẩm mẫu",
      "Vốn đã huy động (đồng): 50.000.000",
      "Trồng nấm bào ngư trên rơm rạ sau mùa gặt.",
      "Chợ đầu mối Quảng Ngãi",
      "Nguyễn Thị Hồng Nhung – Trưởng nhóm (Người đại diện)",
      "nhung@example.vn",
      "30/04/1995",
      "Trần Văn Đức",
      "ke-hoach-kinh-doanh.pdf",
      "Kế hoạch kinh doanh",
      "tải lên lúc 03:30 06/03/2026",
      "Xác định không hợp lệ",
      "Thiếu giấy xác nhận cư trú của người đại diện.",
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/1 KB/);
    // The eligibility table of the staff page, from the same verdicts: each rule, its verdict, the fact, the proof.
    const eligibility = text.slice(text.indexOf("ĐIỀU KIỆN THAM GIA"), text.indexOf("NỘI DUNG"));
    for (const expected of [
      "Doanh nghiệp thành lập không quá số năm quy định: Chưa đủ thông tin",
      "Hồ sơ chưa ghi ngày đăng ký doanh nghiệp lần đầu",
      "Đối chiếu: Đăng ký lần đầu: chưa khai",
      "Tài liệu chứng minh: Giấy chứng nhận đăng ký doanh nghiệp: Chưa nộp",
      "Tuổi của người đại diện: Đạt",
      "Ngày sinh: 30/04/1995",
      "Tài liệu chứng minh: Căn cước của người đại diện: can-cuoc-nhung.pdf",
      `Đã đối chiếu bởi Người dùng staff lúc ${formatDateTime(checked_at)} (Khớp ngày sinh.)`,
    ])
      expect(eligibility).toContain(expected);
    expect(eligibility).not.toContain("Cư trú tại tỉnh");
    expect(text).toMatch(/trang 1\/\d/);
  });

  it("is served to staff, leaders and admins, never to judges, applicants (even the entry's own) or visitors", async () => {
    const { member, editionId, entryId } = await screenedEntry();
    for (const role of ["leader", "admin"] as const)
      expect((await getPdf(await createUser(role), editionId, entryId)).status).toBe(200);
    for (const user of [await createUser("judge"), member])
      expect((await getPdf(user, editionId, entryId)).status).toBe(403);
    const anonymous = await call(
      entryPdf.loader,
      makeRequest(`/staff/competitions/${editionId}/entries/${entryId}/entry.pdf`),
      { id: editionId, entryId },
    );
    expect(anonymous.status).toBe(302);
  });

  it("answers 404 for an entry of another edition's URL", async () => {
    const { staff, entryId } = await screenedEntry();
    const other = await openEdition(staff);
    expect((await getPdf(staff, other, entryId)).status).toBe(404);
  });
});
