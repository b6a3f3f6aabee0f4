import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import * as files from "../../app/routes/files.$id";
import * as organisationEdit from "../../app/routes/organisations.$id.edit";
import * as organisation from "../../app/routes/organisations.$id._index";
import * as organisationsExport from "../../app/routes/organisations.export";
import * as organisations from "../../app/routes/organisations._index";
import * as organisationsNew from "../../app/routes/organisations.new";
import { call, countRows, createOrganisation, createUser, makeRequest, TINY_PDF } from "../helpers/fixtures";

function uploadForm(bytes: Uint8Array | string, name: string, type: string): FormData {
  const form = new FormData();
  form.append("document", new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name, { type }));
  return form;
}

describe("the organisation registry", () => {
  it("lets staff add an organisation, with its history", async () => {
    const staff = await createUser("staff");
    const result = await call(
      organisationsNew.action,
      makeRequest("/organisations/new", {
        cookie: staff.cookie,
        form: {
          name: "Công ty TNHH Nông sản Sơn Tịnh",
          kind: "enterprise",
          taxCode: "4300999888",
          province: "Quảng Ngãi",
          foundedOn: "2023-05-10",
        },
      }),
    );
    expect(result.status).toBe(302);
    const row = await getDb()
      .selectFrom("organisations")
      .selectAll()
      .where("tax_code", "=", "4300999888")
      .executeTakeFirstOrThrow();
    expect(row.name_search).toBe("cong ty tnhh nong san son tinh");
    const history = await getDb().selectFrom("audit_events").selectAll().where("entity_id", "=", row.id).execute();
    expect(history.map((h) => h.action)).toEqual(["organisation.created"]);
    expect(history[0].actor_id).toBe(staff.id);
  });

  it("refuses a tax code that another organisation holds, and writes nothing", async () => {
    const staff = await createUser("staff");
    await call(
      organisationsNew.action,
      makeRequest("/organisations/new", {
        cookie: staff.cookie,
        form: { name: "Công ty A", kind: "enterprise", taxCode: "4300111222" },
      }),
    );
    const before = await countRows("organisations");
    const result = await call(
      organisationsNew.action,
      makeRequest("/organisations/new", {
        cookie: staff.cookie,
        form: { name: "Công ty B", kind: "enterprise", taxCode: "4300111222" },
      }),
    );
    expect(result.status).toBe(409);
    expect(result.data.errors.taxCode).toMatch(/Mã số thuế này đã thuộc/);
    expect(await countRows("organisations")).toBe(before);
  });

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["a script tag in the description", { description: "<script>alert(1)</script>" }, "description"],
    ["an impossible date", { foundedOn: "2023-13-45" }, "foundedOn"],
    ["a website that is not http", { website: "javascript:alert(1)" }, "website"],
    ["a 4000-character description", { description: "x".repeat(4000) }, "description"],
    ["an unknown kind", { kind: "bank" }, "kind"],
  ])("refuses %s with a Vietnamese message", async (_name, overrides, field) => {
    const staff = await createUser("staff");
    const before = await countRows("organisations");
    const result = await call(
      organisationsNew.action,
      makeRequest("/organisations/new", {
        cookie: staff.cookie,
        form: { name: "Tên hợp lệ", kind: "enterprise", ...overrides },
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors[field]).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặêếềểễệôốồổỗộơớờởỡợưứừửữựđ]/i);
    expect(await countRows("organisations")).toBe(before);
  });

  it("searches without accents and pages on the server", async () => {
    const staff = await createUser("staff");
    for (let i = 0; i < 30; i++) await createOrganisation(`Hợp tác xã Đức Phổ số ${String(i).padStart(2, "0")}`);
    const first = await call(
      organisations.loader,
      makeRequest("/organisations?q=duc%20pho&size=10&sort=name&dir=asc", { cookie: staff.cookie }),
    );
    expect(first.data.page.total).toBe(30);
    expect(first.data.page.rows).toHaveLength(10);
    expect(first.data.page.rows[0].name).toBe("Hợp tác xã Đức Phổ số 00");
    const last = await call(
      organisations.loader,
      makeRequest("/organisations?q=duc%20pho&size=10&sort=name&dir=asc&page=3", { cookie: staff.cookie }),
    );
    expect(last.data.page.rows.at(-1).name).toBe("Hợp tác xã Đức Phổ số 29");
    const descending = await call(
      organisations.loader,
      makeRequest("/organisations?q=duc%20pho&size=10&sort=name&dir=desc", { cookie: staff.cookie }),
    );
    expect(descending.data.page.rows[0].name).toBe("Hợp tác xã Đức Phổ số 29");
  });

  it("exports the filtered list as CSV and XLSX with Vietnamese text intact", async () => {
    const staff = await createUser("staff");
    await createOrganisation("Công ty Cổ phần Đường Quảng Ngãi");
    await createOrganisation('=HYPERLINK("http://evil")');
    const csv = await call(
      organisationsExport.loader,
      makeRequest("/organisations/export?format=csv&q=duong%20quang", { cookie: staff.cookie }),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Disposition")).toMatch(/\.csv"/);
    expect(csv.data).toContain("Công ty Cổ phần Đường Quảng Ngãi");
    expect(csv.data).not.toContain("Đức Phổ");
    const formula = await call(
      organisationsExport.loader,
      makeRequest("/organisations/export?format=csv&q=hyperlink", { cookie: staff.cookie }),
    );
    expect(formula.data).toContain("\"'=HYPERLINK");
    const xlsx = await call(
      organisationsExport.loader,
      makeRequest("/organisations/export?format=xlsx&q=duong%20quang", { cookie: staff.cookie }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.data as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe("Tên");
    expect(sheet.getRow(2).getCell(1).value).toBe("Công ty Cổ phần Đường Quảng Ngãi");
    expect(sheet.rowCount).toBe(2);
  });

  it("dates an organisation in the export by the province's day, as the pages do", async () => {
    const staff = await createUser("staff");
    const id = await createOrganisation("Hợp tác xã Nước mắm Sa Huỳnh");
    // 01:36 on 02/12 in Quảng Ngãi; UTC still says 1 December.
    await getDb()
      .updateTable("organisations")
      .set({ created_at: "2026-12-01T18:36:44.618Z" })
      .where("id", "=", id)
      .execute();
    const csv = await call(
      organisationsExport.loader,
      makeRequest("/organisations/export?format=csv&q=nuoc%20mam%20sa%20huynh", { cookie: staff.cookie }),
    );
    expect(csv.data).toContain("02/12/2026");
    expect(csv.data).not.toContain("2026-12-01");
  });

  it("lets a member edit their own organisation and records before and after", async () => {
    const applicant = await createUser("applicant");
    const id = await createOrganisation("Tên ban đầu", [applicant.id]);
    const result = await call(
      organisationEdit.action,
      makeRequest(`/organisations/${id}/edit`, {
        cookie: applicant.cookie,
        form: { name: "Tên mới", kind: "enterprise", sector: "Du lịch", version: "1" },
      }),
      { id },
    );
    expect(result.status).toBe(302);
    const event = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", id)
      .where("action", "=", "organisation.updated")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before_json!).name).toBe("Tên ban đầu");
    expect(JSON.parse(event.after_json!).sector).toBe("Du lịch");
  });
});

describe("two staff editing one organisation", () => {
  it("saves the first edit and answers the second, made from the same version, 409 naming the fields the first changed, keeping its input", async () => {
    const first = await createUser("staff", { fullName: "Trần Thị Lan" });
    const second = await createUser("staff");
    const id = await createOrganisation("Công ty Mía đường");
    const edit = (user: typeof first, fields: Record<string, string>) =>
      call(
        organisationEdit.action,
        makeRequest(`/organisations/${id}/edit`, {
          cookie: user.cookie,
          form: { name: "Công ty Mía đường", kind: "enterprise", version: "1", ...fields },
        }),
        { id },
      );
    const opened = await call(
      organisationEdit.loader,
      makeRequest(`/organisations/${id}/edit`, { cookie: second.cookie }),
      { id },
    );
    expect(opened.data.version).toBe(1);

    expect((await edit(first, { name: "Công ty CP Mía đường Quảng Ngãi", phone: "0255 3822 222" })).status).toBe(302);
    const late = await edit(second, { sector: "Chế biến nông sản" });

    expect(late.status).toBe(409);
    expect(late.data.errors._form).toMatch(/^Trần Thị Lan đã lưu thay đổi lúc \d{2}:\d{2}/);
    expect(late.data.errors.name).toBe("Người khác vừa sửa thành: Công ty CP Mía đường Quảng Ngãi");
    expect(late.data.errors.phone).toBe("Người khác vừa sửa thành: 0255 3822 222");
    expect(late.data.errors.sector).toBeUndefined();
    expect(late.data.values.sector).toBe("Chế biến nông sản");
    expect(late.data.version).toBe(2);
    const row = await getDb().selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: "Công ty CP Mía đường Quảng Ngãi",
      phone: "0255 3822 222",
      sector: null,
      version: 2,
    });
    expect(
      await getDb()
        .selectFrom("audit_events")
        .select("id")
        .where("entity_id", "=", id)
        .where("action", "=", "organisation.updated")
        .execute(),
    ).toHaveLength(1);

    // Saving again from the version the 409 gave is the second user's deliberate choice.
    expect(
      (
        await edit(second, {
          name: "Công ty CP Mía đường Quảng Ngãi",
          phone: "0255 3822 222",
          sector: "Chế biến nông sản",
          version: "2",
        })
      ).status,
    ).toBe(302);
  });

  it("refuses a save without the version it was loaded at", async () => {
    const staff = await createUser("staff");
    const id = await createOrganisation("Công ty thiếu phiên bản");
    const result = await call(
      organisationEdit.action,
      makeRequest(`/organisations/${id}/edit`, {
        cookie: staff.cookie,
        form: { name: "Tên khác", kind: "enterprise" },
      }),
      { id },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors._form).toBe("Biểu mẫu thiếu phiên bản của bản ghi: tải lại trang rồi nhập lại.");
  });
});

describe("documents of an organisation", () => {
  it("stores a PDF by content hash and serves it to members and staff only", async () => {
    const applicant = await createUser("applicant");
    const stranger = await createUser("applicant");
    const leader = await createUser("leader");
    const id = await createOrganisation("Công ty có tài liệu", [applicant.id]);
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, {
        cookie: applicant.cookie,
        form: uploadForm(TINY_PDF, "giấy phép kinh doanh.pdf", "application/pdf"),
      }),
      { id },
    );
    expect(result.status).toBe(302);
    const attachment = await getDb()
      .selectFrom("attachments")
      .selectAll()
      .where("owner_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(attachment.media_type).toBe("application/pdf");
    expect(attachment.original_name).toBe("giấy phép kinh doanh.pdf");
    expect(attachment.size_bytes).toBe(TINY_PDF.byteLength);

    const served = await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: applicant.cookie }), {
      id: attachment.id,
    });
    expect(served.status).toBe(200);
    expect(Buffer.from(served.data as ArrayBuffer).equals(TINY_PDF)).toBe(true);
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(
      (
        await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: leader.cookie }), {
          id: attachment.id,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: stranger.cookie }), {
          id: attachment.id,
        })
      ).status,
    ).toBe(403);
    const strangerUpload = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, {
        cookie: stranger.cookie,
        form: uploadForm(TINY_PDF, "x.pdf", "application/pdf"),
      }),
      { id },
    );
    expect(strangerUpload.status).toBe(403);
  });

  it("refuses an executable named .pdf, reading the type from the bytes", async () => {
    const applicant = await createUser("applicant");
    const id = await createOrganisation("Công ty thử tệp", [applicant.id]);
    const before = await countRows("attachments");
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(120).fill(0)]);
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, {
        cookie: applicant.cookie,
        form: uploadForm(elf, "bao-cao.pdf", "application/pdf"),
      }),
      { id },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.document).toMatch(/Loại tệp không được chấp nhận/);
    expect(await countRows("attachments")).toBe(before);
  });

  it("refuses a file over the size limit with 413 and stores nothing", async () => {
    const applicant = await createUser("applicant");
    const id = await createOrganisation("Công ty tệp lớn", [applicant.id]);
    const before = await countRows("attachments");
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set(TINY_PDF);
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, {
        cookie: applicant.cookie,
        form: uploadForm(big, "lon.pdf", "application/pdf"),
      }),
      { id },
    );
    expect(result.status).toBe(413);
    expect(await countRows("attachments")).toBe(before);
  });

  it("asks for a file when none is chosen", async () => {
    const applicant = await createUser("applicant");
    const id = await createOrganisation("Công ty không tệp", [applicant.id]);
    const form = new FormData();
    form.append("document", new File([], ""));
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, { cookie: applicant.cookie, form }),
      { id },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.document).toBe("Vui lòng chọn tệp.");
  });
});
